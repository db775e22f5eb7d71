"""Webhooks: signed (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature), retried with
exponential backoff, every delivery attempt recorded so the owner can see it."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from urllib.parse import urlparse

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cielo.config import Settings
from cielo.db.models import User, Video, WebhookDelivery, WebhookEndpoint
from cielo.errors import InvalidInput, NotFound
from cielo.ids import new_id

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


async def create_endpoint(session: AsyncSession, user: User, url: str, events: list[str] | None) -> WebhookEndpoint:
    parsed = urlparse(url or "")
    if parsed.scheme not in ("http", "https") or not parsed.netloc or len(url) > 2000:
        raise InvalidInput("url must be an http(s) URL.", param="url")
    events = list(events or EVENT_TYPES)
    unknown = sorted(set(events) - set(EVENT_TYPES))
    if unknown:
        raise InvalidInput(f"Unknown event types: {', '.join(unknown)}.", param="events")
    endpoint = WebhookEndpoint(id=new_id("wh"), user_id=user.id, url=url, secret=new_secret(), events=events)
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


async def deliver_due(sessions: async_sessionmaker[AsyncSession], settings: Settings, client: httpx.AsyncClient) -> int:
    """Sends every delivery that is due; returns how many were attempted."""
    async with sessions() as session, session.begin():
        due = list(
            await session.scalars(
                select(WebhookDelivery)
                .where(WebhookDelivery.status == "pending", WebhookDelivery.next_attempt_at <= time.time())
                .order_by(WebhookDelivery.next_attempt_at)
                .limit(20)
                .with_for_update(skip_locked=True)
            )
        )
        # Push the next attempt out before sending, so a second sender does not pick the same rows.
        for delivery in due:
            delivery.next_attempt_at = time.time() + settings.webhook_timeout_seconds * 2
        targets = {d.id: await session.get(WebhookEndpoint, d.endpoint_id) for d in due}
    for delivery in due:
        await _attempt(sessions, settings, client, delivery, targets[delivery.id])
    return len(due)


async def _attempt(sessions, settings: Settings, client: httpx.AsyncClient, delivery: WebhookDelivery,
                   endpoint: WebhookEndpoint) -> None:
    body = json.dumps(delivery.payload, separators=(",", ":")).encode()
    timestamp = int(time.time())
    headers = {
        "content-type": "application/json",
        "webhook-id": delivery.id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(endpoint.secret, delivery.id, timestamp, body),
        "user-agent": "Cielo-Webhooks/1",
    }
    status_code, error = None, None
    try:
        response = await client.post(endpoint.url, content=body, headers=headers,
                                     timeout=settings.webhook_timeout_seconds)
        status_code = response.status_code
        if not 200 <= status_code < 300:
            error = f"HTTP {status_code}"
    except httpx.HTTPError as exc:
        error = f"{type(exc).__name__}: {exc}"[:500]
    async with sessions() as session, session.begin():
        row = await session.get(WebhookDelivery, delivery.id)
        row.attempts += 1
        row.last_status_code = status_code
        row.last_error = error
        if error is None:
            row.status, row.delivered_at = "succeeded", time.time()
        elif row.attempts >= settings.webhook_max_attempts:
            row.status = "failed"
        else:
            row.next_attempt_at = time.time() + settings.webhook_backoff_seconds * 2 ** (row.attempts - 1)


async def list_deliveries(session: AsyncSession, endpoint: WebhookEndpoint, limit: int = 50) -> list[WebhookDelivery]:
    return list(
        await session.scalars(
            select(WebhookDelivery)
            .where(WebhookDelivery.endpoint_id == endpoint.id)
            .order_by(WebhookDelivery.created_at.desc())
            .limit(limit)
        )
    )
