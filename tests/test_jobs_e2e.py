"""Real worker processes: a worker killed with SIGKILL mid-job, a whole server killed and restarted, a
cancel while rendering. Nothing is lost, nothing is stuck, nothing runs twice at once."""

from __future__ import annotations

import asyncio
import os
import signal

import av
import httpx
import pytest

from cielo.db.models import Video
from cielo.workers.worker import workdir_for
from cielo.social import deletion
from cielo.videos import service as videos
from tests.conftest import make_user
from tests.live import cielo, free_port, start_server, start_worker, stop_group, wait_for

pytestmark = pytest.mark.slow


async def _create(services, user, prompt: str, seconds: str = "20") -> str:
    async with services.sessions() as session, session.begin():
        video = await videos.create_video(session, services.settings, services.store, user, guard=services.guard, models=services.models, prompt=prompt,
                                          seconds=seconds, size="720x1280")
        return video.id


async def _row(services, video_id: str) -> Video:
    async with services.sessions() as session:
        return await session.get(Video, video_id)


async def _wait(services, video_id: str, check, timeout: float = 300.0, what: str = "state") -> Video:
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        row = await _row(services, video_id)
        if check(row):
            return row
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out waiting for {what}: status={row.status} progress={row.progress}")
        await asyncio.sleep(0.1)


async def test_worker_killed_mid_job_resumes_on_another_worker(services):
    user, _ = await make_user(services, "ana")
    video_id = await _create(services, user, 'Rain over a city at night. Ana: "We made it."')
    first = start_worker(services.settings)
    try:
        await _wait(services, video_id, lambda v: v.status == "in_progress" and v.progress >= 5, what="rendering")
        os.kill(first.pid, signal.SIGKILL)
        first.join(10)
        held = await _row(services, video_id)
        assert held.status == "in_progress"  # the dead worker's lease still stands until it expires
    finally:
        if first.is_alive():
            first.kill()
    second = start_worker(services.settings)
    try:
        done = await _wait(services, video_id, lambda v: v.status in ("completed", "failed"), what="completion")
    finally:
        second.terminate()
        second.join(30)
    assert done.status == "completed", done.error_message
    assert done.attempts == 2 and done.lease_owner is None
    with av.open(str(services.store.local_path(done.video_key))) as container:
        assert container.streams.video[0].codec_context.name == "h264"


async def test_cancel_stops_a_rendering_job(services):
    user, _ = await make_user(services, "ana")
    video_id = await _create(services, user, "Waves on a beach at sunset")
    worker = start_worker(services.settings)
    try:
        await _wait(services, video_id, lambda v: v.status == "in_progress" and v.progress >= 2, what="rendering")
        async with services.sessions() as session, session.begin():
            await deletion.delete_video(session, services.store, user, video_id)
        stopped = await _wait(services, video_id, lambda v: v.status == "cancelled", timeout=60, what="cancel")
        assert stopped.progress < 100 and stopped.video_key is None
        assert not workdir_for(services.settings, video_id).exists()
        # the worker is free again and takes the next job
        next_id = await _create(services, user, "A forest at dawn", seconds="4")
        after = await _wait(services, next_id, lambda v: v.status == "completed", what="next job")
        assert after.attempts == 1
    finally:
        worker.terminate()
        worker.join(30)


async def test_server_killed_and_restarted_finishes_every_job(services, tmp_path):
    settings = services.settings
    cielo(settings, "admin", "create-user", "ana")
    key = cielo(settings, "admin", "api-key", "ana").strip().splitlines()[-1]
    port = free_port()
    log = tmp_path / "server.log"
    server = start_server(settings, port, workers=1, log=log)
    base = f"http://127.0.0.1:{port}"
    headers = {"authorization": f"Bearer {key}"}
    http = httpx.Client(timeout=60)  # the server loads its models at start; answers may be slow then
    try:
        ids = []
        for prompt in ("Snow falling on mountains", "A busy city street", "A quiet desert at noon"):
            made = http.post(f"{base}/v1/videos", headers=headers, json={"prompt": prompt, "seconds": "12"})
            assert made.status_code == 200, made.text
            ids.append(made.json()["id"])
        wait_for(lambda: http.get(f"{base}/v1/videos/{ids[0]}", headers=headers).json()["progress"] >= 5,
                 what="first job rendering")
    finally:
        stop_group(server, signal.SIGKILL)  # server and workers die at once, mid-job
    interrupted = await _row(services, ids[0])
    assert interrupted.status == "in_progress"
    server = start_server(settings, port, workers=2, log=log)
    try:
        def all_done():
            states = [http.get(f"{base}/v1/videos/{i}", headers=headers).json()["status"] for i in ids]
            return all(s in ("completed", "failed") for s in states) and states
        states = wait_for(all_done, timeout=400, interval=0.5, what="all jobs done")
        assert states == ["completed"] * 3
    finally:
        stop_group(server)
    resumed = await _row(services, ids[0])
    assert resumed.attempts == 2
