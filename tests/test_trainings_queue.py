"""Likeness trainings as jobs, on SQLite and PostgreSQL: claimed oldest first and by one worker only,
cancelled by their owner, handed back on shutdown, re-queued when a worker vanishes, gone with their cameo.
(The training itself runs in tests/neural/test_jobs.py with a tiny model.)"""

from __future__ import annotations

import asyncio
import time

from sqlalchemy import select, update

from cielo.cameos import trainings
from cielo.db.models import Cameo, LikenessTraining
from cielo.errors import NotFound
from cielo.ids import new_id
from cielo.jobs.lease import heartbeat, release
from cielo.jobs.queue import claim_next
from cielo.jobs.trainings import claim_training, finish_training, reap_expired_trainings
from tests.conftest import make_user


async def _cameo(services, user) -> str:
    cameo_id = new_id("cameo")
    async with services.sessions() as session, session.begin():
        session.add(Cameo(id=cameo_id, user_id=user.id, kind="person", handle=user.handle,
                          handle_key=user.handle_key, name=user.handle, permission="only_me", restrictions=[],
                          reference_keys=[f"cameos/{cameo_id}/face.png"]))
    return cameo_id


async def _training(services, user, cameo_id: str, model: str = "wan-x", at: float | None = None) -> str:
    """A queued training row, as request_training leaves it (that function also checks the model is ready
    on this server, which needs weights: see tests/neural)."""
    training_id = new_id("ltr")
    async with services.sessions() as session, session.begin():
        session.add(LikenessTraining(id=training_id, cameo_id=cameo_id, user_id=user.id, model=model, steps=10,
                                     status="queued", progress=0, cancel_requested=False, attempts=0,
                                     created_at=at or time.time()))
    return training_id


async def _one_queued_one_running(services):
    """Ana's cameo with two trainings: one claimed by worker w1 (the older), one still queued."""
    ana, _ = await make_user(services, "ana")
    cameo = await _cameo(services, ana)
    queued = await _training(services, ana, cameo, "wan-a")
    running = await _training(services, ana, cameo, "wan-b", at=time.time() - 60)
    lease = await claim_training(services.sessions, services.settings, "w1")
    assert lease.job_id == running
    return ana, cameo, queued, running, lease


async def _get(services, training_id: str) -> LikenessTraining | None:
    async with services.sessions() as session:
        return await session.get(LikenessTraining, training_id)


async def test_oldest_first_one_worker_each_and_never_before_a_waiting_video(services):
    ana, _ = await make_user(services, "ana")
    cameo = await _cameo(services, ana)
    older = await _training(services, ana, cameo, "wan-a", at=time.time() - 60)
    newer = await _training(services, ana, cameo, "wan-b")
    settings = services.settings
    claims = await asyncio.gather(*(claim_training(services.sessions, settings, f"w{i}") for i in range(4)))
    claimed = [lease.job_id for lease in claims if lease is not None]
    assert sorted(claimed) == sorted([older, newer]) and len(claimed) == 2  # each by exactly one worker
    first = next(lease for lease in claims if lease and lease.job_id == older)
    row = await _get(services, older)
    assert row.status == "in_progress" and row.lease_owner == first.owner and row.attempts == 1
    # Videos and trainings are separate queues: a training never shows up as a video to render.
    assert await claim_next(services.sessions, settings, "w9") is None


async def test_owner_cancels_a_queued_training_at_once_and_a_running_one_at_its_next_step(services):
    ana, cameo, queued, running, lease = await _one_queued_one_running(services)
    async with services.sessions() as session, session.begin():
        assert (await trainings.cancel_training(session, ana, cameo, queued)).status == "cancelled"
        assert (await trainings.cancel_training(session, ana, cameo, running)).status == "in_progress"
    assert (await _get(services, queued)).error_code == "cancelled"
    assert await claim_training(services.sessions, services.settings, "w2") is None  # cancelled is not claimed
    assert await heartbeat(services.sessions, services.settings, lease, 40, "training") == "cancel"
    assert await finish_training(services.sessions, lease, "cancelled", error=("cancelled", "Cancelled."))
    assert (await _get(services, running)).status == "cancelled"


async def test_someone_else_cannot_see_or_cancel_a_training(services):
    ana, _ = await make_user(services, "ana")
    bob, _ = await make_user(services, "bob")
    cameo = await _cameo(services, ana)
    training = await _training(services, ana, cameo)
    async with services.sessions() as session:
        for call in (trainings.cancel_training(session, bob, cameo, training),
                     trainings.get_training(session, ana, cameo, "ltr_../../etc"),
                     trainings.list_trainings(session, bob, cameo)):
            try:
                await call
            except NotFound:
                continue
            raise AssertionError("expected 404")
    assert (await _get(services, training)).status == "queued"


async def test_a_lost_worker_hands_the_training_on_and_a_shutdown_hands_it_back(services):
    services.settings.max_attempts = 2
    ana, _ = await make_user(services, "ana")
    cameo = await _cameo(services, ana)
    training = await _training(services, ana, cameo)
    first = await claim_training(services.sessions, services.settings, "w1")
    async with services.sessions() as session, session.begin():  # w1 stops heartbeating
        await session.execute(update(LikenessTraining).values(lease_expires_at=time.time() - 1))
        assert await reap_expired_trainings(session, services.settings) == 1
    assert (await _get(services, training)).status == "queued"
    second = await claim_training(services.sessions, services.settings, "w2")
    assert second.attempt == 2
    assert await heartbeat(services.sessions, services.settings, first, 50, "training") == "lost"
    assert not await finish_training(services.sessions, first, "completed", losses=(1.0, 0.5))  # not w1's anymore
    await release(services.sessions, second)  # w2 shuts down: back in the queue, attempt not counted
    row = await _get(services, training)
    assert row.status == "queued" and row.attempts == 1 and row.lease_owner is None
    third = await claim_training(services.sessions, services.settings, "w3")
    async with services.sessions() as session, session.begin():
        await session.execute(update(LikenessTraining).values(lease_expires_at=time.time() - 1))
        await reap_expired_trainings(session, services.settings)
    row = await _get(services, training)
    assert third.attempt == 2 and row.status == "failed" and row.error_code == "worker_lost"


async def test_deleting_the_cameo_takes_its_trainings_and_stops_a_running_one(services):
    ana, _ = await make_user(services, "ana")
    cameo = await _cameo(services, ana)
    training = await _training(services, ana, cameo)
    lease = await claim_training(services.sessions, services.settings, "w1")
    async with services.sessions() as session, session.begin():
        await session.delete(await session.get(Cameo, cameo))
    assert await _get(services, training) is None
    assert await heartbeat(services.sessions, services.settings, lease, 10, "training") == "lost"


async def test_recording_the_cameo_again_stops_its_trainings(services):
    _, cameo, queued, running, lease = await _one_queued_one_running(services)
    async with services.sessions() as session, session.begin():
        await trainings.stop_trainings(session, cameo)
    async with services.sessions() as session:
        rows = {t.id: t for t in await session.scalars(select(LikenessTraining))}
    assert rows[queued].status == "cancelled" and rows[running].cancel_requested
    assert await heartbeat(services.sessions, services.settings, lease, 10, "training") == "cancel"
