"""Shared fixtures. Every database test runs twice: on SQLite and on the local PostgreSQL server
(127.0.0.1:5432), in a database created for the test and dropped after it. PostgreSQL tests never skip:
if the server is missing, they fail."""

from __future__ import annotations

import os
import secrets
import uuid
from pathlib import Path

import asyncpg
import httpx
import pytest

from cielo.config import Settings
from cielo.db.migrate import upgrade_async

PG_ADMIN_DSN = os.environ.get("CIELO_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")


@pytest.fixture(params=["sqlite", "postgresql"])
async def database_url(request, tmp_path: Path):
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'cielo.db'}"
        return
    name = f"cielo_test_{secrets.token_hex(6)}"
    admin = await asyncpg.connect(PG_ADMIN_DSN)
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    base = PG_ADMIN_DSN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://")
    try:
        yield f"{base}/{name}"
    finally:
        admin = await asyncpg.connect(PG_ADMIN_DSN)
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return make_settings(tmp_path, database_url)


def make_settings(tmp_path: Path, database_url: str, **overrides) -> Settings:
    values = dict(home=tmp_path / "home", database_url=database_url, lease_seconds=6.0, worker_idle_sleep=0.1,
                  webhook_backoff_seconds=0.2, poll_after_ms=200)
    values.update(overrides)
    settings = Settings(**values)
    settings.home.mkdir(parents=True, exist_ok=True)
    return settings


@pytest.fixture
async def services(settings: Settings):
    """Real engine, sessions and media store over a migrated database."""
    from cielo.api.deps import Services
    from cielo.safety.guard import SafetyGuard
    from cielo.db.session import make_engine, make_sessionmaker
    from cielo.generation.catalog import ModelCatalog
    from cielo.storage import make_media_store

    await upgrade_async(settings.resolved_database_url)
    engine = make_engine(settings.resolved_database_url)
    yield Services(settings=settings, sessions=make_sessionmaker(engine), store=make_media_store(settings),
                   guard=SafetyGuard(settings), models=ModelCatalog(settings))
    await engine.dispose()


@pytest.fixture
async def client(settings: Settings):
    """The whole app in process (lifespan included), reached through httpx."""
    from cielo.app import create_app

    from tests.openai_shapes import check_response

    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
        # Every /v1 answer any test sees is checked against OpenAI's own response models.
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver",
                                     event_hooks={"response": [check_response]}) as http:
            http.app = app
            yield http


async def make_user(services, handle: str = "alice", **kwargs):
    """A user plus an API key, committed. Returns (user, api_key)."""
    from cielo.accounts import service as accounts

    async with services.sessions() as session, session.begin():
        user = await accounts.create_user(session, services.settings, handle=handle, password="password123",
                                          **kwargs)
        key, _ = await accounts.create_api_key(session, user)
    return user, key


def auth(key: str) -> dict[str, str]:
    return {"authorization": f"Bearer {key}"}


AWS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1"}


@pytest.fixture(scope="module")
def s3_endpoint():
    """A real S3 server (moto's) on 127.0.0.1, and the AWS_* variables that point boto3 at it."""
    from moto.server import ThreadedMotoServer

    from tests.live import free_port

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    saved = {name: os.environ.get(name) for name in [*AWS, "AWS_ENDPOINT_URL"]}
    os.environ.update(AWS, AWS_ENDPOINT_URL=f"http://127.0.0.1:{port}")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        server.stop()


@pytest.fixture
def bucket(s3_endpoint):
    """A new, empty bucket on that server."""
    import boto3

    name = f"cielo-{uuid.uuid4().hex[:12]}"
    boto3.client("s3").create_bucket(Bucket=name)
    return name
