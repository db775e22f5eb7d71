"""Likeness trainings as jobs: claimed by the workers, leased and heartbeaten like videos.

A worker takes a training only when no video waits for it: people wait for their videos, while a trained
likeness is a long background improvement. One training runs in a thread on the cameo's stored reference
frames; the adapter is written only when it completes (cielo.generation.training), so a cancel, a lost
lease or a shutdown leaves the previous adapter, if any, in place. An adapter finished after its cameo was
deleted or recorded again is removed at once: it holds a likeness that is no longer the cameo's.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
from functools import partial

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cielo.config import Settings
from cielo.db.models import Cameo, LikenessTraining
from cielo.db.session import retry_transient
from cielo.jobs.lease import Lease, end, heartbeat, held, reap, release, take
from cielo.jobs.queue import served_models
from cielo.jobs.running import run_leased
from cielo.storage import MediaStore

log = logging.getLogger("cielo.worker")


async def reap_expired_trainings(session: AsyncSession, settings: Settings) -> int:
    """Trainings whose worker stopped heartbeating go back to the queue, or fail after too many attempts."""
    return await reap(session, LikenessTraining, settings,
                            lost="The worker training this likeness stopped responding {attempts} times; giving up.")


async def claim_training(sessions: async_sessionmaker[AsyncSession], settings: Settings, owner: str) -> Lease | None:
    """The oldest queued training, if any (PostgreSQL skips rows another worker is claiming; SQLite
    transactions are BEGIN IMMEDIATE, one at a time)."""
    async with sessions() as session, session.begin():
        await reap_expired_trainings(session, settings)
        training = await session.scalar(
            select(LikenessTraining)
            .where(LikenessTraining.status == "queued", LikenessTraining.cancel_requested.is_(False),
                   *served_models(settings, LikenessTraining))
            .order_by(LikenessTraining.created_at, LikenessTraining.id)
            .limit(1)
            .with_for_update(skip_locked=True))
        return None if training is None else take(training, owner, settings)


@retry_transient()
async def finish_training(sessions: async_sessionmaker[AsyncSession], lease: Lease, status: str, *,
                          losses: tuple[float, float] | None = None,
                          error: tuple[str, str] | None = None) -> bool:
    """The final state, if this worker still holds the lease; False otherwise."""
    async with sessions() as session, session.begin():
        training = await session.scalar(select(LikenessTraining).where(*held(lease)).with_for_update())
        if training is None:
            return False
        if status == "completed":
            training.initial_loss, training.final_loss = losses
        end(training, status, error)
        return True


async def run_training(sessions: async_sessionmaker[AsyncSession], settings: Settings, store: MediaStore,
                       lease: Lease, shutdown: asyncio.Event) -> str:
    """Train the claimed likeness; returns the outcome ("completed", "cancelled", "failed", ...)."""
    from cielo.generation.training import adapter_dir, train_cameo_lora
    from cielo.generation.training.lora import LoraTrainingConfig

    async with sessions() as session:
        training = await session.get(LikenessTraining, lease.job_id)
        cameo = await session.get(Cameo, training.cameo_id) if training is not None else None
        if cameo is None:  # deleted since the claim, and its trainings with it
            return "lost"
        model, steps, cameo_id, handle = training.model, training.steps, cameo.id, cameo.handle
        keys = list(cameo.reference_keys or [])
    frames = [store.local_path(key) for key in keys if store.exists(key)]
    if not frames:
        await finish_training(sessions, lease, "failed",
                              error=("invalid_request", "The cameo's reference frames are gone; record it again."))
        return "failed"
    config = LoraTrainingConfig(steps=steps, rank=settings.lora_rank,
                                learning_rate=settings.lora_learning_rate)
    outcome, result, error = await run_leased(
        partial(heartbeat, sessions, settings, lease), settings, lease, shutdown,
        lambda state: train_cameo_lora(settings, model, handle, frames, config=config,
                                       progress=lambda f: state.report(f, "training"),
                                       should_stop=state.should_stop),
        crash=("training_error", "Training failed"))
    if outcome == "completed":
        async with sessions() as session:
            cameo = await session.get(Cameo, cameo_id)
            current = list(cameo.reference_keys or []) if cameo is not None else None
        if current != keys:  # deleted, or recorded again, while it trained: that likeness must not stay
            shutil.rmtree(adapter_dir(settings, model, handle), ignore_errors=True)
            if current is None:
                return "lost"
            await finish_training(sessions, lease, "cancelled",
                                  error=("cancelled", "The cameo was recorded again while it trained."))
            return "cancelled"
        if not await finish_training(sessions, lease, "completed", losses=(result.initial_loss, result.final_loss)):
            return "lost"
        return "completed"
    if outcome == "cancel":
        await finish_training(sessions, lease, "cancelled", error=("cancelled", "Cancelled by its owner."))
        return "cancelled"
    if outcome == "shutdown":
        await release(sessions, lease)
        return "released"
    if outcome == "lost":
        return "lost"
    await finish_training(sessions, lease, "failed", error=error)
    return "failed"
