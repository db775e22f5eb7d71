"""The FastAPI application: routers, error mapping, and the background loops the server owns."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI
from fastapi.responses import JSONResponse

from cielo import __version__
from cielo.api import accounts, cameos, live, metrics, models, my_data, safety, search, social, videos
from cielo.api.deps import Services
from cielo.api.errors import install_error_handlers
from cielo.api.docs import install_docs
from cielo.api.health import readiness
from cielo.api.limits import RequestGuard
from cielo.api.metrics import HttpMetrics
from cielo.api.request_id import RequestId
from cielo.api.schema import install_openapi
from cielo.config import Settings
from cielo.db.migrate import upgrade_async
from cielo.db.session import make_engine, make_sessionmaker
from cielo.generation.catalog import ModelCatalog
from cielo.jobs import wakeup
from cielo.jobs.queue import reap_expired_leases
from cielo.jobs.trainings import reap_expired_trainings
from cielo.jobs.webhooks import Deliverer
from cielo.videos.retention import sweep_expired
from cielo.safety.guard import SafetyGuard
from cielo.storage import make_media_store

log = logging.getLogger("cielo.server")
RETENTION_SWEEP_SECONDS = 600.0


async def _every(seconds: float, work, name: str) -> None:  # noqa: ANN001
    while True:
        try:
            await work()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("%s failed", name)
        await asyncio.sleep(seconds)


def create_app(settings: Settings) -> FastAPI:
    catalog = ModelCatalog(settings)  # exactly the models these settings name, nothing from elsewhere

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        settings.home.mkdir(parents=True, exist_ok=True)
        await upgrade_async(settings.resolved_database_url)
        engine = make_engine(settings.resolved_database_url)
        sessions = make_sessionmaker(engine)
        wakeup.install(sessions, settings)  # a queued video wakes an idle worker at once
        app.state.ready = False  # until the models are loaded: /healthz says so
        app.state.services = Services(settings=settings, sessions=sessions, store=make_media_store(settings),
                                      guard=SafetyGuard(settings), models=catalog)
        # No pooled connections: each delivery connects to the address it just checked, with its own TLS name.
        client = httpx.AsyncClient(limits=httpx.Limits(max_keepalive_connections=0))
        deliverer = Deliverer(sessions, settings, client)

        async def reap() -> None:
            async with sessions() as session, session.begin():
                await reap_expired_leases(session, settings)
                await reap_expired_trainings(session, settings)

        async def expire() -> None:
            async with sessions() as session, session.begin():
                await sweep_expired(session, app.state.services.store, settings)

        # The server, not the workers, owns webhook delivery and the lease reaper, so both run even
        # when every worker is busy or gone.
        # Load the moderation models in the background: the first prompt need not wait for imports.
        async def warm_up() -> None:
            try:
                await asyncio.to_thread(app.state.services.guard.warm_up)
            except Exception:
                log.exception("loading the safety models failed; they will load on first use")
            # The models, libraries and tables loaded so far live as long as the process. Frozen, the
            # collector's full passes stop walking their millions of objects: unfrozen, each full pass
            # stalled every request in flight for ~300 ms (the feed's p99, see bench/feed.py).
            gc.collect()
            gc.freeze()
            app.state.ready = True

        loops = [
            asyncio.create_task(warm_up()),
            asyncio.create_task(_every(1.0, deliverer.run_once, "webhooks")),
            asyncio.create_task(_every(max(1.0, settings.lease_seconds / 3), reap, "lease reaper")),
            asyncio.create_task(_every(RETENTION_SWEEP_SECONDS, expire, "retention sweep")),
        ]
        try:
            yield
        finally:
            for task in loops:
                task.cancel()
            for task in loops:
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            await deliverer.aclose()
            await client.aclose()
            await engine.dispose()

    app = FastAPI(title="Cielo", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Open, self-hosted social video generation with an OpenAI-compatible Videos API.")
    install_error_handlers(app)
    install_openapi(app)
    app.include_router(videos.router)
    app.include_router(models.router)
    app.include_router(accounts.router)
    app.include_router(social.router)
    app.include_router(live.router)
    app.include_router(search.router)
    app.include_router(my_data.router)
    app.include_router(safety.router)
    app.include_router(cameos.router)  # /api/cameos, /v1/videos/characters
    app.include_router(metrics.router)
    from cielo.web.cameo_pages import router as cameo_pages_router
    from cielo.web.pages import install_sign_in, mount_static, router as pages_router

    app.include_router(pages_router)
    app.include_router(cameo_pages_router)
    from cielo.web.admin_pages import router as admin_pages_router

    app.include_router(admin_pages_router)
    from cielo.web.share_pages import router as share_router

    app.include_router(share_router)
    mount_static(app)
    install_sign_in(app)

    install_docs(app)

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict:
        """Alive. "ready": the models are loaded; until then the server answers, only more slowly."""
        guard = app.state.services.guard
        return {"ok": True, "ready": app.state.ready, "version": __version__,
                "safety": {"missing": guard.missing, "allow_missing": settings.allow_missing_safety}}

    @app.get("/readyz", include_in_schema=False)
    async def readyz() -> JSONResponse:
        """Ready for traffic: models loaded, database reachable, media store writable (503 otherwise)."""
        checks = await readiness(app.state.services, models_loaded=app.state.ready)
        return JSONResponse({"ready": all(checks.values()), "checks": checks},
                            200 if all(checks.values()) else 503)

    # Slack over the upload limit for the other multipart fields around a file.
    app.add_middleware(RequestGuard, max_body_bytes=settings.max_upload_bytes + 1024 * 1024,
                       body_idle_seconds=settings.body_idle_seconds)
    app.add_middleware(HttpMetrics)
    app.add_middleware(RequestId)  # outermost: every response carries x-request-id, errors included
    return app
