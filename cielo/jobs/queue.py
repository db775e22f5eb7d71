"""Videos as leased jobs (cielo.jobs.lease): whose job is claimed next (round-robin across people, within
each person's limit of jobs rendering at once, and only models this host serves), and what finishing one
writes (outputs, fingerprints, the webhook event and the notification).
"""

from __future__ import annotations

import asyncio
import shutil
import time
from pathlib import Path

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cielo.config import Settings
from cielo.db.models import User, Video, VideoFingerprint
from cielo.db.session import retry_transient
from cielo.jobs.lease import Lease, end, held, reap, take
from cielo.jobs.webhooks import enqueue_video_event
from cielo.people import notifications


def _is_postgres(session: AsyncSession) -> bool:
    return session.bind.dialect.name == "postgresql"


def served_models(settings: Settings, table: type = Video) -> tuple:
    """The claim filter of a worker that serves only some models (CIELO_WORKER_MODELS); none otherwise.
    A user whose oldest job waits for another host's model keeps their turn for the jobs this host can do."""
    return (table.model.in_(settings.worker_models),) if settings.worker_models else ()


def workdir_for(settings: Settings, video_id: str) -> Path:
    """A render's scratch folder: its stages' outputs, kept so a retried job resumes."""
    return (settings.home / "work" / video_id).resolve()


def expiry_for(settings: Settings, finished_at: float) -> float | None:
    """When a video finished now expires (its media is deleted unless it is published); None: never."""
    return finished_at + settings.video_ttl_days * 86400 if settings.video_ttl_days > 0 else None


async def reap_expired_leases(session: AsyncSession, settings: Settings) -> int:
    """Videos whose worker stopped heartbeating go back to the queue, or fail after too many attempts (their
    scratch folder goes: nothing will resume from it)."""

    async def given_up(video: Video) -> None:
        await enqueue_video_event(session, video, "video.failed")
        shutil.rmtree(workdir_for(settings, video.id), ignore_errors=True)
        if video.deleted_at is None:
            await notifications.video_finished(session, video)

    return await reap(session, Video, settings, given_up=given_up,
                      lost="The worker rendering this video stopped responding {attempts} times; giving up.")


_BUSY = object()  # another worker holds this user's row right now


async def claim_next(sessions: async_sessionmaker[AsyncSession], settings: Settings, owner: str) -> Lease | None:
    """Takes the next job, round-robin across users: the user served longest ago goes first, within each
    user's limit of jobs rendering at once. Returns None when nothing can start now."""
    for _ in range(20):
        outcome = await _claim_once(sessions, settings, owner)
        if outcome is not _BUSY:
            return outcome
        # Every candidate user was being dispatched by another worker; their turn ends in milliseconds.
        await asyncio.sleep(0.02)
    return None


async def _claim_once(sessions: async_sessionmaker[AsyncSession], settings: Settings, owner: str):
    async with sessions() as session, session.begin():
        await reap_expired_leases(session, settings)
        running = (
            select(Video.user_id, func.count().label("n"))
            .where(Video.status == "in_progress")
            .group_by(Video.user_id)
            .subquery()
        )
        oldest_queued = (
            select(Video.user_id, func.min(Video.created_at).label("first"))
            .where(Video.status == "queued", Video.cancel_requested.is_(False), *served_models(settings))
            .group_by(Video.user_id)
            .subquery()
        )
        candidates = await session.execute(
            select(User.id)
            .join(oldest_queued, oldest_queued.c.user_id == User.id)
            .outerjoin(running, running.c.user_id == User.id)
            .where(func.coalesce(running.c.n, 0) < settings.max_concurrent_jobs)
            .order_by(User.last_dispatched_at, oldest_queued.c.first)
            .limit(20)
        )
        busy = False
        for (user_id,) in candidates.all():
            claimed = await _claim_for_user(session, settings, owner, user_id)
            if claimed is _BUSY:
                busy = True
            elif claimed is not None:
                return claimed
    return _BUSY if busy else None


async def _claim_for_user(session: AsyncSession, settings: Settings, owner: str, user_id: str):
    if _is_postgres(session):
        # Lock the user row so two workers cannot both start this user's jobs past the limit;
        # if another worker is dispatching for this user right now, move on to the next user.
        locked = await session.scalar(
            select(User.id).where(User.id == user_id).with_for_update(skip_locked=True)
        )
        if locked is None:
            return _BUSY
        running = await session.scalar(
            select(func.count()).where(Video.user_id == user_id, Video.status == "in_progress")
        )
        if running >= settings.max_concurrent_jobs:
            return None
    video = await session.scalar(
        select(Video)
        .where(Video.user_id == user_id, Video.status == "queued", Video.cancel_requested.is_(False),
               *served_models(settings))
        .order_by(Video.created_at, Video.id)
        .limit(1)
        .with_for_update(skip_locked=True)
    )
    if video is None:
        return None
    claimed = take(video, owner, settings)
    await session.execute(update(User).where(User.id == user_id).values(last_dispatched_at=time.time()))
    return claimed


@retry_transient()
async def finish(
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
    claimed: Lease,
    *,
    status: str,
    outputs: dict | None = None,
    details: dict | None = None,
    error: tuple[str, str] | None = None,
    fingerprints: list[str] | None = None,
) -> bool:
    """Moves the job to its final state if this worker still holds the lease. Returns False otherwise."""
    async with sessions() as session, session.begin():
        video = await session.scalar(select(Video).where(*held(claimed)).with_for_update())
        if video is None:
            return False
        if status != "cancelled" and video.cancel_requested:
            status, error = "cancelled", ("cancelled", "Cancelled.")
        end(video, status, None if status == "completed" else error or (status, status))
        if status == "completed":
            video.expires_at = expiry_for(settings, video.completed_at)
            for attribute, key in (outputs or {}).items():
                setattr(video, attribute, key)
            video.details = {**(video.details or {}), **(details or {})}
            if fingerprints:
                await session.merge(VideoFingerprint(video_id=video.id, hashes=fingerprints))
        if status in ("completed", "failed") and video.deleted_at is None:
            await enqueue_video_event(session, video, f"video.{status}")
            await notifications.video_finished(session, video)
        return True
