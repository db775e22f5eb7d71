"""Waking idle workers the moment a job is queued, instead of letting them find it at their next poll.

Whatever queues a job (a new video, a retried one) goes through the ORM, so one session hook sees it: when a
flush writes a video or a likeness training in state "queued", the transaction announces it.
- PostgreSQL: `NOTIFY cielo_jobs` in that transaction, delivered when it commits; each worker LISTENs on a
  connection of its own, on any host.
- SQLite (one host): after the commit, a datagram to every worker's socket under $CIELO_HOME/wake/.
Workers still poll, slowly (CIELO_WORKER_IDLE_SLEEP), for what no hook sees (a lease that expired, a worker
started after the signal).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import Session

from cielo.config import Settings
from cielo.db.models import LikenessTraining, Video
from cielo.db.session import is_sqlite

log = logging.getLogger("cielo.worker")

CHANNEL = "cielo_jobs"
_QUEUED = "cielo_jobs_queued"


def _wake_dir(settings: Settings) -> Path:
    return settings.home / "wake"


def _queues_a_job(session: Session) -> bool:
    for row in (*session.new, *session.dirty):
        if isinstance(row, Video | LikenessTraining) and row.status == "queued":
            return True
    return False


def install(sessions: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    """Makes every transaction of `sessions` that queues a job wake the idle workers."""
    sqlite = is_sqlite(settings.resolved_database_url)
    own_class = sessions.kw["sync_session_class"]  # make_sessionmaker gives each sessionmaker its own

    @event.listens_for(own_class, "before_flush")
    def _note(session: Session, _context, _instances) -> None:  # noqa: ANN001
        if _queues_a_job(session):
            session.info[_QUEUED] = True
            if not sqlite:
                session.connection().exec_driver_sql(f"NOTIFY {CHANNEL}")  # sent at commit

    @event.listens_for(own_class, "after_commit")
    def _announce(session: Session) -> None:
        if session.info.pop(_QUEUED, False) and sqlite:
            ring(_wake_dir(settings))

    @event.listens_for(own_class, "after_rollback")
    def _forget(session: Session) -> None:
        session.info.pop(_QUEUED, None)


def ring(folder: Path) -> None:
    """One datagram to every worker socket in `folder` (a socket whose worker is gone is removed)."""
    if not folder.is_dir():
        return
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sender:
        sender.setblocking(False)
        for path in folder.glob("*.sock"):
            try:
                sender.sendto(b"1", str(path))
            except (ConnectionRefusedError, FileNotFoundError):
                path.unlink(missing_ok=True)
            except (BlockingIOError, OSError):  # its queue is full: it is awake already
                pass


class Waiter:
    """What an idle worker waits on: the next job signal, the shutdown, or its poll interval."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._signal = asyncio.Event()
        self._socket: socket.socket | None = None
        self._connection = None

    async def start(self) -> None:
        url = self.settings.resolved_database_url
        if is_sqlite(url):
            folder = _wake_dir(self.settings)
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"{os.getpid()}.sock"
            path.unlink(missing_ok=True)
            self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
            self._socket.bind(str(path))
            self._socket.setblocking(False)
            asyncio.get_running_loop().add_reader(self._socket.fileno(), self._on_datagram)
        else:
            import asyncpg

            dsn = url.replace("postgresql+asyncpg://", "postgresql://", 1)
            self._connection = await asyncpg.connect(dsn)
            await self._connection.add_listener(CHANNEL, lambda *_: self._signal.set())

    def _on_datagram(self) -> None:
        with contextlib.suppress(BlockingIOError, OSError):
            while self._socket.recv(16):
                pass
        self._signal.set()

    async def wait(self, shutdown: asyncio.Event, timeout: float) -> bool:
        """Returns when a job may be waiting (True: a signal came), at shutdown, or after `timeout` seconds."""
        stop = asyncio.ensure_future(shutdown.wait())
        signal = asyncio.ensure_future(self._signal.wait())
        try:
            await asyncio.wait({stop, signal}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
            return self._signal.is_set()
        finally:
            stop.cancel()
            signal.cancel()
            self._signal.clear()

    async def close(self) -> None:
        if self._socket is not None:
            asyncio.get_running_loop().remove_reader(self._socket.fileno())
            path = self._socket.getsockname()
            self._socket.close()
            Path(path).unlink(missing_ok=True)
        if self._connection is not None:
            with contextlib.suppress(Exception):
                await self._connection.close()
