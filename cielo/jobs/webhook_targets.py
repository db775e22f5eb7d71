"""Where a webhook may be delivered, so that a user cannot make the server reach inside its own network.

A target URL is https (http only when the operator allows it), carries no user name or password, and names
a port in range. Every address its host resolves to must be a public one: loopback, private, link-local,
carrier-grade NAT, multicast, reserved and unspecified ranges are refused, in their IPv4, IPv6 and
IPv4-mapped forms, unless the operator's allowlist (CIELO_WEBHOOK_ALLOWED_HOSTS: host names or CIDR
ranges) names the host or the address. The check runs when the endpoint is saved and again at every
delivery, and the delivery connects to the address that was checked (the Host header and TLS name stay
the host's), so a DNS answer that changes in between (rebinding) reaches nothing it should not.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from cielo.config import Settings
from cielo.errors import InvalidInput

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[list[str]]]

_CARRIER_NAT = ipaddress.ip_network("100.64.0.0/10")


class TargetRefused(InvalidInput):
    code = "webhook_target_refused"


@dataclass(frozen=True)
class Target:
    url: str  # as the user gave it, normalised
    scheme: str
    host: str  # lower case, IPv6 without brackets
    port: int
    path: str  # path and query

    @property
    def host_header(self) -> str:
        default = {"https": 443, "http": 80}[self.scheme]
        name = f"[{self.host}]" if ":" in self.host else self.host
        return name if self.port == default else f"{name}:{self.port}"

    def url_for(self, address: str) -> str:
        """The same URL pointed at one resolved address (the connection goes there, nowhere else)."""
        literal = f"[{address}]" if ":" in address else address
        return urlunsplit((self.scheme, f"{literal}:{self.port}", self.path or "/", "", ""))


def parse_target(url: str, settings: Settings) -> Target:
    """The URL's form alone (no lookup): refused with TargetRefused naming `url`."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise TargetRefused("url is not a valid URL (check the port).", param="url") from exc
    allowed = ("https", "http") if settings.webhook_allow_http else ("https",)
    if parts.scheme not in allowed:
        raise TargetRefused("url must be an https URL." if "http" not in allowed else "url must be an http(s) URL.",
                            param="url")
    if parts.username is not None or parts.password is not None:
        raise TargetRefused("url must not carry a user name or password; the signature authenticates "
                            "Cielo to your endpoint.", param="url")
    if not parts.hostname:
        raise TargetRefused("url has no host.", param="url")
    if port == 0:
        raise TargetRefused("url names port 0.", param="url")
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return Target(urlunsplit((parts.scheme, parts.netloc.lower(), parts.path, parts.query, "")), parts.scheme,
                  parts.hostname.lower(), port or {"https": 443, "http": 80}[parts.scheme], path)


def _forbidden(address: Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return (not address.is_global or address.is_multicast or address.is_reserved or address.is_unspecified
            or (isinstance(address, ipaddress.IPv4Address) and address in _CARRIER_NAT))


def _allowlisted(host: str, address: Address, settings: Settings) -> bool:
    for entry in settings.webhook_allowed_hosts:
        entry = entry.strip().lower()
        if entry == host:
            return True
        try:
            if address in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False


async def system_resolver(host: str, port: int) -> list[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(info[4][0] for info in infos))


async def checked_addresses(target: Target, settings: Settings, resolver: Resolver = system_resolver) -> list[str]:
    """Every address the host resolves to, all of them allowed; TargetRefused otherwise (also when the
    host does not resolve)."""
    try:
        literal = ipaddress.ip_address(target.host)
        found = [str(literal)]
    except ValueError:
        try:
            found = await resolver(target.host, target.port)
        except OSError as exc:
            raise TargetRefused(f"url's host {target.host} does not resolve.", param="url") from exc
    if not found:
        raise TargetRefused(f"url's host {target.host} does not resolve.", param="url")
    for text in found:
        address = ipaddress.ip_address(text.split("%")[0])
        if _forbidden(address) and not _allowlisted(target.host, address, settings):
            raise TargetRefused("url points to a private, local or reserved network address; webhooks go to "
                                "public addresses only.", param="url")
    return found
