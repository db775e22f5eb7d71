"""Region gate: the client's country from a trusted proxy header, else an offline GeoIP lookup."""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from cielo.config import Settings
from cielo.errors import Forbidden


@lru_cache(maxsize=1)
def _geoip():  # noqa: ANN202
    from geoip2fast import GeoIP2Fast

    return GeoIP2Fast(verbose=False)


def country_of(settings: Settings, headers: dict[str, str], client_ip: str | None) -> str | None:
    """ISO code, "LOCAL" for loopback/private addresses, or None when unknown."""
    if settings.trusted_proxy_header:
        value = headers.get(settings.trusted_proxy_header.lower(), "").strip().upper()
        return value[:2] if len(value) >= 2 and value.isalpha() else None
    if not client_ip:
        return None
    try:
        address = ipaddress.ip_address(client_ip)
    except ValueError:
        return None
    if address.is_loopback or address.is_private or address.is_link_local:
        return "LOCAL"
    code = getattr(_geoip().lookup(client_ip), "country_code", "") or ""
    return code.upper() if len(code) == 2 and code.isalpha() else None


def check_region(settings: Settings, country: str | None) -> None:
    allowed = {c.upper() for c in settings.allowed_countries}
    if not allowed or country == "LOCAL":
        return
    if country is None:
        raise Forbidden(
            "Cielo is not available where you are: your country could not be determined.",
            code="region_unknown",
        )
    if country not in allowed:
        raise Forbidden(f"Cielo is not available in your region ({country}) yet.", code="region_blocked")
