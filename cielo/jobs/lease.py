"""The one state machine of every job a worker leases: videos (cielo.jobs.queue) and likeness trainings
(cielo.jobs.trainings), over the columns they share (cielo.db.models.LeasedJob).

    queued -> in_progress -> completed | failed | cancelled
                  |  a lease that lapses (the worker died): queued again, or failed after max_attempts
                  |  a worker shutting down: queued again at once, the attempt not counted

A worker takes a row (`take`), renews its lease with each heartbeat, and ends it (`end`) or hands it back
(`release`). Every transition after the claim names the state and the lease owner it expects in its WHERE
clause (`held`), so two workers can never both move a job. Each job kind adds only what is its own: which
row to claim next, and what its outcome writes.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cielo.config import Settings
from cielo.db.models import LeasedJob, Video
from cielo.db.session import retry_transient

FINAL = ("completed", "failed", "cancelled")


@dataclass(frozen=True)
class Lease:
    job_id: str
    owner: str
    attempt: int
    table: Any = Video  # the job's table: a LeasedJob model (Video, LikenessTraining)


def held(lease: Lease) -> tuple:
    """The WHERE clause naming the job row this worker still holds (in progress, leased to it)."""
    table = lease.table
    return table.id == lease.job_id, table.lease_owner == lease.owner, table.status == "in_progress"


def take(job: LeasedJob, owner: str, settings: Settings) -> Lease:
    """Claims `job` (a queued row locked by the caller's transaction) for `owner`."""
    now = time.time()
    job.status, job.stage = "in_progress", "starting"
    job.attempts += 1
    job.lease_owner = owner
    job.lease_expires_at = now + settings.lease_seconds
    job.started_at = job.started_at or now
    return Lease(job.id, owner, job.attempts, type(job))


def end(job: LeasedJob, status: str, error: tuple[str, str] | None = None) -> None:
    """Moves `job` (a row in the caller's session) to a final state; a failure or cancel keeps its reason.
    A completed or failed job has a completion time; a cancelled one never completed."""
    assert status in FINAL, status
    job.status = job.stage = status
    job.lease_owner = job.lease_expires_at = None
    job.completed_at = time.time() if status in ("completed", "failed") else None
    if status == "completed":
        job.progress = 100
    elif error is not None:
        job.error_code, job.error_message = error


async def reap(session: AsyncSession, table: type, settings: Settings, *, lost: str,
               given_up: Callable[[Any], Awaitable[None]] | None = None) -> int:
    """Jobs of `table` whose worker stopped heartbeating: cancelled if that was asked, failed after
    max_attempts (`lost` is the message, with {attempts}; `given_up` then runs for the row), queued again
    otherwise. Returns how many were found."""
    expired = list(await session.scalars(
        select(table).where(table.status == "in_progress", table.lease_expires_at < time.time())
        .with_for_update(skip_locked=True)))
    for job in expired:
        if job.cancel_requested:
            end(job, "cancelled", ("cancelled", "Cancelled."))
        elif job.attempts >= settings.max_attempts:
            end(job, "failed", ("worker_lost", lost.format(attempts=job.attempts)))
            if given_up is not None:
                await given_up(job)
        else:
            job.lease_owner = job.lease_expires_at = None
            job.status, job.stage = "queued", "waiting to resume"
    return len(expired)


async def heartbeat(
    sessions: async_sessionmaker[AsyncSession], settings: Settings, lease: Lease, progress: int, stage: str
) -> str:
    """Extends the lease and records progress. Returns "ok", "cancel" (the user deleted the video, or the
    owner cancelled the training) or "lost" (the lease expired and the job went to someone else, or the
    training's cameo was deleted: stop at once)."""
    async with sessions() as session, session.begin():
        result = await session.execute(
            update(lease.table)
            .where(*held(lease))
            .values(lease_expires_at=time.time() + settings.lease_seconds, progress=progress, stage=stage)
            .returning(lease.table.cancel_requested)
        )
        row = result.first()
    if row is None:
        return "lost"
    return "cancel" if row[0] else "ok"


@retry_transient()
async def release(sessions: async_sessionmaker[AsyncSession], lease: Lease) -> None:
    """A worker shutting down hands its job back at once (the attempt does not count against the job)."""
    async with sessions() as session, session.begin():
        await session.execute(
            update(lease.table)
            .where(*held(lease))
            .values(status="queued", lease_owner=None, lease_expires_at=None, attempts=lease.table.attempts - 1,
                    stage="waiting to resume")
        )
