"""Prometheus metrics at GET /metrics, for the operator's scraper (Bearer CIELO_METRICS_TOKEN; off without it).

Two sources. HTTP latency by route is counted in this process (each API replica is scraped on its own).
Everything about jobs is read from the database at scrape time, so every replica reports the whole
instance alike, whichever host the workers run on: queue depth, the oldest wait and the recent waits per
model, jobs rendering, render seconds and completions per model, failures by error code, and the age of
each worker's last heartbeat (a lease is renewed by every heartbeat).
"""

from __future__ import annotations

import hmac
import time

from fastapi import APIRouter, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cielo.api.deps import ServicesDep, SessionDep
from cielo.db.models import Video
from cielo.errors import AuthenticationFailed, NotFound
from cielo.jobs.capacity import RECENT_SECONDS, nearest_rank, recent_waits

_http_registry = CollectorRegistry()
HTTP_SECONDS = Histogram(
    "cielo_http_request_duration_seconds", "Time to the response's first byte, by route template.",
    ["method", "route", "status"], registry=_http_registry,
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10))

router = APIRouter(include_in_schema=False)


class HttpMetrics:
    """Times every HTTP request by its route's template (`/v1/videos/{video_id}`), never its raw path, so
    the label set stays small; requests that matched no route count as `unmatched`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def timed_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                route = getattr(scope.get("route"), "path", "unmatched")
                HTTP_SECONDS.labels(scope["method"], route, str(status)).observe(time.perf_counter() - started)
            await send(message)

        await self.app(scope, receive, timed_send)


def _check_token(request: Request, token: str | None) -> None:
    if not token:
        raise NotFound("Metrics are off: set CIELO_METRICS_TOKEN to turn them on.")
    sent = request.headers.get("authorization", "")
    if not hmac.compare_digest(sent.encode(), f"Bearer {token}".encode()):
        raise AuthenticationFailed("Send the metrics token as a Bearer token.")


@router.get("/metrics")
async def metrics(request: Request, svc: ServicesDep, session: SessionDep) -> Response:
    _check_token(request, svc.settings.metrics_token)
    jobs = CollectorRegistry()
    jobs.register(_ReadBefore(await _job_families(session)))
    body = generate_latest(_http_registry) + generate_latest(jobs)
    return Response(body, media_type=CONTENT_TYPE_LATEST, headers={"cache-control": "no-store"})


class _ReadBefore:
    """A collector of metric families read beforehand (the database is read asynchronously, collect is not)."""

    def __init__(self, families: list) -> None:
        self.families = families

    def collect(self):  # noqa: ANN201
        yield from self.families


async def _job_families(session: AsyncSession) -> list:
    now = time.time()
    live = Video.cancel_requested.is_(False)

    queued = GaugeMetricFamily("cielo_queue_depth", "Videos waiting for a worker.", labels=["model"])
    oldest = GaugeMetricFamily("cielo_queue_oldest_wait_seconds", "How long the oldest waiting video has waited.",
                               labels=["model"])
    for model, count, first in await session.execute(
            select(Video.model, func.count(), func.min(Video.created_at))
            .where(Video.status == "queued", live).group_by(Video.model)):
        queued.add_metric([model], count)
        oldest.add_metric([model], max(0.0, now - first))

    waits = GaugeMetricFamily("cielo_queue_wait_seconds", f"Queue wait of the videos started in the last "
                              f"{RECENT_SECONDS:.0f} s, by quantile.", labels=["model", "quantile"])
    for model, values in (await recent_waits(session)).items():
        for quantile in (0.5, 0.95, 0.99):
            waits.add_metric([model, str(quantile)], nearest_rank(values, quantile))

    rendering = GaugeMetricFamily("cielo_jobs_in_progress", "Videos a worker is rendering.", labels=["model"])
    for model, count in await session.execute(
            select(Video.model, func.count()).where(Video.status == "in_progress").group_by(Video.model)):
        rendering.add_metric([model], count)

    completed = CounterMetricFamily("cielo_jobs_completed", "Videos rendered.", labels=["model"])
    seconds = CounterMetricFamily("cielo_render_seconds", "Seconds from a video's first start to its completion.",
                                  labels=["model"])
    for model, count, total in await session.execute(
            select(Video.model, func.count(), func.sum(Video.completed_at - Video.started_at))
            .where(Video.status == "completed", Video.started_at.is_not(None)).group_by(Video.model)):
        completed.add_metric([model], count)
        seconds.add_metric([model], float(total or 0.0))

    failed = CounterMetricFamily("cielo_jobs_failed", "Videos that failed, by error code.", labels=["code"])
    for code, count in await session.execute(
            select(Video.error_code, func.count()).where(Video.status == "failed").group_by(Video.error_code)):
        failed.add_metric([code or "unknown"], count)

    heartbeat = GaugeMetricFamily("cielo_worker_lease_seconds_left", "Seconds until each busy worker's lease "
                                  "lapses (renewed by its heartbeats; below zero, the worker is gone).",
                                  labels=["worker"])
    for owner, expires in await session.execute(
            select(Video.lease_owner, func.max(Video.lease_expires_at))
            .where(Video.status == "in_progress", Video.lease_owner.is_not(None)).group_by(Video.lease_owner)):
        heartbeat.add_metric([owner], expires - now)

    return [queued, oldest, waits, rendering, completed, seconds, failed, heartbeat]
