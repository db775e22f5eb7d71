"""Webhooks: signed (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature), retried with
exponential backoff, every delivery attempt recorded so the owner can see it. Where a webhook may go:
cielo.jobs.webhook_targets."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import logging
import secrets
import ssl
import time

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cielo.config import Settings
from cielo.db.models import User, Video, WebhookDelivery, WebhookEndpoint
from cielo.errors import Conflict, InvalidInput, NotFound
from cielo.ids import new_id
from cielo.jobs.webhook_targets import Resolver, TargetRefused, checked_addresses, parse_target, system_resolver

log = logging.getLogger("cielo.webhooks")

EVENT_TYPES = ("video.completed", "video.failed")


def new_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


def sign(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{message_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()


def verify(secret: str, headers: dict[str, str], body: bytes, tolerance: int = 300) -> bool:
    """What a receiver runs; kept here so tests and users check signatures the same way."""
    try:
        timestamp = int(headers["webhook-timestamp"])
    except (KeyError, ValueError):
        return False
    if abs(time.time() - timestamp) > tolerance:
        return False
    expected = sign(secret, headers.get("webhook-id", ""), timestamp, body)
    return any(hmac.compare_digest(expected, s) for s in headers.get("webhook-signature", "").split())


async def create_endpoint(session: AsyncSession, settings: Settings, user: User, url: str,
                          events: list[str] | None, resolver: Resolver | None = None) -> WebhookEndpoint:
    """Checks the target (webhook_targets: form, then every resolved address) before saving anything."""
    target = parse_target(url or "", settings)
    events = list(dict.fromkeys(events or EVENT_TYPES))  # each event once, in the order given
    unknown = sorted(set(events) - set(EVENT_TYPES))
    if unknown:
        raise InvalidInput(f"Unknown event types: {', '.join(unknown)}.", param="events")
    count = await session.scalar(select(func.count()).select_from(WebhookEndpoint)
                                 .where(WebhookEndpoint.user_id == user.id))
    if count >= settings.webhook_max_endpoints:
        raise Conflict(f"You have {count} webhook endpoints, the most allowed; delete one first.",
                       param="url", code="too_many_webhooks")
    await checked_addresses(target, settings, resolver or system_resolver)
    endpoint = WebhookEndpoint(id=new_id("wh"), user_id=user.id, url=target.url, secret=new_secret(), events=events)
    session.add(endpoint)
    await session.flush()
    return endpoint


async def owned_endpoint(session: AsyncSession, user: User, endpoint_id: str) -> WebhookEndpoint:
    endpoint = await session.get(WebhookEndpoint, endpoint_id)
    if endpoint is None or endpoint.user_id != user.id:
        raise NotFound("No such webhook endpoint.", param="endpoint_id")
    return endpoint


async def enqueue_video_event(session: AsyncSession, video: Video, event_type: str) -> None:
    endpoints = await session.scalars(
        select(WebhookEndpoint).where(WebhookEndpoint.user_id == video.user_id, WebhookEndpoint.disabled.is_(False))
    )
    for endpoint in endpoints:
        if event_type not in endpoint.events:
            continue
        event_id = new_id("evt")
        payload = {"id": event_id, "object": "event", "type": event_type, "created_at": int(time.time()),
                   "data": {"id": video.id}}
        session.add(WebhookDelivery(id=event_id, endpoint_id=endpoint.id, event_type=event_type, payload=payload,
                                    next_attempt_at=time.time()))


class Deliverer:
    """Sends due deliveries in the background, many endpoints at once (at most CIELO_WEBHOOK_CONCURRENCY),
    one delivery at a time per endpoint, each attempt bounded by CIELO_WEBHOOK_TIMEOUT_SECONDS: one user's
    slow endpoints delay nobody else's. Owned by the server process; `run_once` is called every second."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], settings: Settings,
                 client: httpx.AsyncClient, resolver: Resolver | None = None) -> None:
        self.sessions, self.settings, self.client = sessions, settings, client
        self.resolver = resolver
        self._busy: set[str] = set()  # endpoint ids with a delivery in flight
        self._tasks: set[asyncio.Task] = set()

    async def run_once(self) -> int:
        """Starts every due delivery it has room for; returns how many it started."""
        room = self.settings.webhook_concurrency - len(self._tasks)
        if room <= 0:
            return 0
        now = time.time()
        async with self.sessions() as session, session.begin():
            query = (select(WebhookDelivery)
                     .where(WebhookDelivery.status == "pending", WebhookDelivery.next_attempt_at <= now)
                     .order_by(WebhookDelivery.next_attempt_at).limit(room * 4).with_for_update(skip_locked=True))
            if self._busy:
                query = query.where(WebhookDelivery.endpoint_id.not_in(self._busy))
            picked: dict[str, WebhookDelivery] = {}
            for delivery in await session.scalars(query):
                if delivery.endpoint_id not in picked and len(picked) < room:
                    picked[delivery.endpoint_id] = delivery
            # Pushed out before sending, so another sender (another server process) does not take the same
            # rows while this attempt runs; an attempt lasts at most the timeout.
            for delivery in picked.values():
                delivery.next_attempt_at = now + self.settings.webhook_timeout_seconds * 2 + 5
            endpoints = {e.id: e for e in await session.scalars(
                select(WebhookEndpoint).where(WebhookEndpoint.id.in_(list(picked))))} if picked else {}
        for endpoint_id, delivery in picked.items():
            self._busy.add(endpoint_id)
            task = asyncio.create_task(self._send(delivery, endpoints[endpoint_id]))
            self._tasks.add(task)
            task.add_done_callback(lambda done, e=endpoint_id: (self._tasks.discard(done), self._busy.discard(e)))
        return len(picked)

    async def aclose(self) -> None:
        """Stops what is in flight (those deliveries are attempted again later, by whichever process)."""
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _send(self, delivery: WebhookDelivery, endpoint: WebhookEndpoint) -> None:
        try:
            status_code, error = await attempt(self.settings, self.client, delivery, endpoint, self.resolver)
        except Exception:  # a bug here must not stop the other deliveries
            log.exception("webhook delivery %s crashed", delivery.id)
            status_code, error = None, "internal_error"
        async with self.sessions() as session, session.begin():
            row = await session.get(WebhookDelivery, delivery.id)
            if row is None:  # the endpoint was deleted meanwhile
                return
            row.attempts += 1
            row.last_status_code = status_code
            row.last_error = error
            if error is None:
                row.status, row.delivered_at = "succeeded", time.time()
            elif row.attempts >= self.settings.webhook_max_attempts:
                row.status = "failed"
            else:
                row.next_attempt_at = time.time() + self.settings.webhook_backoff_seconds * 2 ** (row.attempts - 1)


async def attempt(settings: Settings, client: httpx.AsyncClient, delivery: WebhookDelivery,
                  endpoint: WebhookEndpoint, resolver: Resolver | None = None) -> tuple[int | None, str | None]:
    """One delivery attempt: (HTTP status or None, None or a failure class). The failure classes say what
    kind of thing went wrong and nothing about the network behind it (no addresses, no error texts), so
    the deliveries list is no scanner: refused, dns_failed, connect_failed, timeout, tls_error,
    network_error, redirect, http_error."""
    try:
        target = parse_target(endpoint.url, settings)
        addresses = await checked_addresses(target, settings, resolver or system_resolver)
    except TargetRefused as exc:
        return None, "dns_failed" if "does not resolve" in exc.message else "refused"
    body = json.dumps(delivery.payload, separators=(",", ":")).encode()
    timestamp = int(time.time())
    headers = {
        "host": target.host_header,
        "content-type": "application/json",
        "webhook-id": delivery.id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(endpoint.secret, delivery.id, timestamp, body),
        "user-agent": "Cielo-Webhooks/1",
    }
    try:
        # To the address just checked; TLS still verifies the certificate for the host's own name.
        response = await client.post(target.url_for(addresses[0]), content=body, headers=headers,
                                     timeout=settings.webhook_timeout_seconds, follow_redirects=False,
                                     extensions={"sni_hostname": target.host})
    except httpx.TimeoutException:
        return None, "timeout"
    except httpx.ConnectError as exc:
        return None, "tls_error" if isinstance(exc.__cause__, ssl.SSLError) or "SSL" in str(exc) else "connect_failed"
    except httpx.HTTPError:
        return None, "network_error"
    if 200 <= response.status_code < 300:
        return response.status_code, None
    return response.status_code, "redirect" if 300 <= response.status_code < 400 else "http_error"


async def list_deliveries(session: AsyncSession, endpoint: WebhookEndpoint, limit: int = 50) -> list[WebhookDelivery]:
    return list(
        await session.scalars(
            select(WebhookDelivery)
            .where(WebhookDelivery.endpoint_id == endpoint.id)
            .order_by(WebhookDelivery.created_at.desc())
            .limit(limit)
        )
    )
