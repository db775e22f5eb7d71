"""The job state machine: fair claims across users, per-user limits, leases that expire, exactly one owner."""

from __future__ import annotations

import asyncio
import dataclasses
import time

from sqlalchemy import update

from cielo.db.models import Video
from cielo.jobs.lease import heartbeat
from cielo.jobs.queue import claim_next, finish, reap_expired_leases
from cielo.workers.worker import run_job
from cielo.social import deletion
from cielo.videos import service as videos
from cielo.videos.spec import VideoSpec
from tests.conftest import make_user


async def _queue(services, user, count: int, prompt: str = "a quiet lake") -> list[str]:
    ids = []
    for index in range(count):
        async with services.sessions() as session, session.begin():
            video = await videos.create_video(session, services.settings, services.store, user, guard=services.guard, models=services.models,
                                              prompt=f"{prompt} {index}")
            ids.append(video.id)
    return ids


async def _get(services, video_id: str) -> Video:
    async with services.sessions() as session:
        return await session.get(Video, video_id)


async def test_round_robin_does_not_starve_a_light_user(services):
    services.settings.max_concurrent_jobs = 20
    heavy, _ = await make_user(services, "heavy")
    light, _ = await make_user(services, "light")
    heavy_jobs = await _queue(services, heavy, 10)
    [light_job] = await _queue(services, light, 1)

    order = []
    for _ in range(4):
        lease = await claim_next(services.sessions, services.settings, "w1")
        order.append(lease.job_id)
    # Global FIFO would serve all ten heavy jobs first; round-robin serves the light user second.
    assert order[0] == heavy_jobs[0]
    assert order[1] == light_job
    assert order[2:] == heavy_jobs[1:3]


async def test_per_user_concurrency_limit_holds(services):
    services.settings.max_concurrent_jobs = 2
    user, _ = await make_user(services, "ana")
    other, _ = await make_user(services, "bob")
    jobs = await _queue(services, user, 4)
    [other_job] = await _queue(services, other, 1)
    first = await claim_next(services.sessions, services.settings, "w1")
    second = await claim_next(services.sessions, services.settings, "w2")
    third = await claim_next(services.sessions, services.settings, "w3")
    assert {first.job_id, second.job_id, third.job_id} == {jobs[0], other_job, jobs[1]}
    # ana already has two rendering: nothing else may start for her
    assert await claim_next(services.sessions, services.settings, "w4") is None
    await finish(services.sessions, services.settings, first if first.job_id == jobs[0] else second,
                 status="failed", error=("test", "done"))
    fourth = await claim_next(services.sessions, services.settings, "w4")
    assert fourth.job_id == jobs[2]


async def test_concurrent_claims_never_share_a_job(services):
    services.settings.max_concurrent_jobs = 50
    users = [(await make_user(services, f"user{i}"))[0] for i in range(3)]
    for user in users:
        await _queue(services, user, 4)
    leases = await asyncio.gather(*[claim_next(services.sessions, services.settings, f"w{i}") for i in range(12)])
    claimed = [lease.job_id for lease in leases if lease]
    assert len(claimed) == 12 and len(set(claimed)) == 12


async def test_expired_lease_requeues_then_fails_after_max_attempts(services):
    services.settings.max_attempts = 2
    user, _ = await make_user(services, "ana")
    [job] = await _queue(services, user, 1)
    for attempt in (1, 2):
        lease = await claim_next(services.sessions, services.settings, f"dead-worker-{attempt}")
        assert lease.job_id == job and lease.attempt == attempt
        async with services.sessions() as session, session.begin():
            await session.execute(update(Video).where(Video.id == job).values(lease_expires_at=time.time() - 1))
        async with services.sessions() as session, session.begin():
            assert await reap_expired_leases(session, services.settings) == 1
    video = await _get(services, job)
    assert video.status == "failed" and video.error_code == "worker_lost"
    assert "2 times" in video.error_message


async def test_a_lost_lease_cannot_heartbeat_or_finish(services):
    user, _ = await make_user(services, "ana")
    [job] = await _queue(services, user, 1)
    stale = await claim_next(services.sessions, services.settings, "stale")
    async with services.sessions() as session, session.begin():
        await session.execute(update(Video).where(Video.id == job).values(lease_expires_at=time.time() - 1))
    fresh = await claim_next(services.sessions, services.settings, "fresh")
    assert fresh.job_id == job and fresh.attempt == 2
    assert await heartbeat(services.sessions, services.settings, stale, 50, "render") == "lost"
    assert await finish(services.sessions, services.settings, stale, status="completed") is False
    assert await heartbeat(services.sessions, services.settings, fresh, 10, "render") == "ok"
    video = await _get(services, job)
    assert video.lease_owner == "fresh" and video.status == "in_progress"


async def test_delete_cancels_queued_and_signals_running(services):
    user, _ = await make_user(services, "ana")
    queued, running = await _queue(services, user, 2)
    lease = await claim_next(services.sessions, services.settings, "w1")
    assert lease.job_id == queued  # oldest first
    queued, running = running, queued
    async with services.sessions() as session, session.begin():
        await deletion.delete_video(session, services.store, user, queued)
        await deletion.delete_video(session, services.store, user, running)
    assert (await _get(services, queued)).status == "cancelled"
    assert await heartbeat(services.sessions, services.settings, lease, 30, "render") == "cancel"
    assert await claim_next(services.sessions, services.settings, "w2") is None


async def test_a_job_whose_source_is_gone_fails_at_once_with_a_clear_error(services):
    """The failure is written after the read session closes: on SQLite, writing inside it waited for the
    database lock until the 30 s busy timeout and then lost the error."""
    user, _ = await make_user(services, "ana")
    source, remix = await _queue(services, user, 2)
    async with services.sessions() as session, session.begin():  # a remix of a video that never rendered
        row = await session.get(Video, remix)
        spec = dataclasses.replace(VideoSpec.from_json(row.spec), source_video_id=source, mode="remix")
        row.source_video_id, row.mode, row.spec = source, "remix", spec.to_json()
    leases = {}
    for worker in ("w1", "w2"):
        lease = await claim_next(services.sessions, services.settings, worker)
        leases[lease.job_id] = lease
    outcome = await asyncio.wait_for(
        run_job(services.sessions, services.settings, services.store, services.guard, leases[remix], asyncio.Event(),
                models=services.models),
        timeout=20)
    assert outcome == "failed"
    failed = await _get(services, remix)
    assert (failed.status, failed.error_code) == ("failed", "source_unavailable")
    assert "deleted" in failed.error_message


async def test_a_worker_for_some_models_claims_only_their_jobs(services):
    """`cielo worker --models`: a CPU host takes preview jobs, a GPU host neural ones, and a user whose oldest
    job waits for the other host still has their turn here."""
    ana, _ = await make_user(services, "ana")
    bob, _ = await make_user(services, "bob")
    neural, preview = await _queue(services, ana, 2)
    [bobs] = await _queue(services, bob, 1)
    async with services.sessions() as session, session.begin():  # queued for a model another host serves
        await session.execute(update(Video).where(Video.id == neural).values(model="ltx-2"))
    cpu = services.settings.model_copy(update={"worker_models": ["cielo-preview"]})
    gpu = services.settings.model_copy(update={"worker_models": ["ltx-2"]})

    first = await claim_next(services.sessions, cpu, "cpu-1")
    second = await claim_next(services.sessions, cpu, "cpu-2")
    assert {first.job_id, second.job_id} == {preview, bobs}
    assert await claim_next(services.sessions, cpu, "cpu-3") is None  # the neural job waits for its host
    assert (await claim_next(services.sessions, gpu, "gpu-1")).job_id == neural
    assert (await _get(services, neural)).lease_owner == "gpu-1"


def test_worker_refuses_models_this_server_does_not_know(tmp_path):
    from typer.testing import CliRunner

    from cielo.cli import app as cli

    result = CliRunner().invoke(cli, ["worker", "--models", "cielo-preview,nope"],
                                env={"CIELO_HOME": str(tmp_path / "home"), "COLUMNS": "200"})
    assert result.exit_code == 1
    assert "No such model: nope" in result.output and "cielo-preview" in result.output


async def test_videos_and_trainings_share_one_set_of_job_columns(services, database_url):
    """One LeasedJob definition; the migration widened the video columns that had drifted (PostgreSQL
    enforces lengths: a worker id of 100 characters fits in both tables)."""
    from sqlalchemy import text

    from cielo.db.models import LeasedJob, LikenessTraining

    shared = [name for name in LeasedJob.__annotations__]
    for name in shared:
        assert str(Video.__table__.c[name].type) == str(LikenessTraining.__table__.c[name].type), name
    if database_url.startswith("postgresql"):
        async with services.sessions() as session:
            lengths = dict((await session.execute(text(
                "SELECT table_name || '.' || column_name, character_maximum_length FROM information_schema.columns "
                "WHERE column_name IN ('lease_owner', 'stage') AND table_name IN ('videos', 'likeness_trainings')"
            ))).all())
        assert lengths == {"videos.lease_owner": 120, "likeness_trainings.lease_owner": 120,
                           "videos.stage": 60, "likeness_trainings.stage": 60}
    ana, _ = await make_user(services, "ana")
    [job] = await _queue(services, ana, 1)
    claimed = await claim_next(services.sessions, services.settings, "host-" + "x" * 95)
    assert claimed.job_id == job and (await _get(services, job)).lease_owner == claimed.owner
