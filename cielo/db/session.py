"""Async engine and sessions for SQLite (default) and PostgreSQL."""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable
from typing import ParamSpec, TypeVar

from sqlalchemy import event
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import Session

log = logging.getLogger("cielo.db")
P = ParamSpec("P")
T = TypeVar("T")


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def make_engine(url: str, *, busy_seconds: float = 30.0) -> AsyncEngine:
    """`busy_seconds`: how long a SQLite transaction waits for another process's write lock."""
    if not is_sqlite(url):
        return create_async_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)
    engine = create_async_engine(url, connect_args={"timeout": busy_seconds})

    @event.listens_for(engine.sync_engine, "connect")
    def _configure(dbapi_connection, _record) -> None:  # noqa: ANN001
        # Take transaction control away from the driver so we can BEGIN IMMEDIATE below.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_seconds * 1000)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _begin(conn) -> None:  # noqa: ANN001
        # Every transaction takes the write lock up front: several processes (server, workers) share the
        # file, and a deferred transaction that upgrades to a writer can fail with "database is locked"
        # no matter the busy timeout. Transactions here are short, so serialising them costs little.
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    # Each sessionmaker gets a Session class of its own, so that session hooks (cielo.jobs.wakeup) apply
    # to this engine's sessions only, never to another app's in the same process (tests run several).
    own_class = type("CieloSession", (Session,), {})
    return async_sessionmaker(engine, expire_on_commit=False, sync_session_class=own_class)


def _transient(exc: DBAPIError) -> bool:
    """SQLite's lock still held after the busy timeout, or a dropped database connection."""
    text = str(exc.orig).lower()
    return exc.connection_invalidated or "locked" in text or "busy" in text


def retry_transient(attempts: int = 6, first_delay: float = 0.2) -> Callable[[Callable[P, Awaitable[T]]],
                                                                             Callable[P, Awaitable[T]]]:
    """Retries a whole transaction (the decorated function opens and commits its own) when the database
    was busy or the connection dropped, waiting longer each time: a worker finishing a job must not die
    on "database is locked" and leave the job to be rendered again."""

    def decorate(transaction: Callable[P, Awaitable[T]]) -> Callable[P, Awaitable[T]]:
        @functools.wraps(transaction)
        async def retrying(*args: P.args, **kwargs: P.kwargs) -> T:
            delay = first_delay
            for attempt in range(attempts):
                try:
                    return await transaction(*args, **kwargs)
                except (OperationalError, DBAPIError) as exc:
                    if attempt == attempts - 1 or not _transient(exc):
                        raise
                    log.warning("%s: database busy (%s); retrying in %.1f s", transaction.__name__, exc.orig, delay)
                    await asyncio.sleep(delay)
                    delay = min(delay * 2, 5.0)
            raise AssertionError("unreachable")

        return retrying

    return decorate
