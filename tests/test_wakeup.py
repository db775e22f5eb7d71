"""An idle worker polls slowly (every 2 s by default); a video that is queued wakes it at once, on SQLite
(a datagram to each worker's socket) and on PostgreSQL (NOTIFY, delivered at commit)."""

from __future__ import annotations

import asyncio

from cielo.jobs.wakeup import Waiter

from tests.conftest import auth, make_user

NO_SIGNAL = 0.5  # seconds a waiter is given to show it was not woken


async def test_queueing_a_video_wakes_a_waiting_worker(client, settings) -> None:
    services = client.app.state.services
    _, key = await make_user(services)
    waiter = Waiter(settings)
    await waiter.start()
    shutdown = asyncio.Event()
    try:
        # Writes that queue nothing (a new user) do not wake it.
        await make_user(services, handle="bob")
        assert await waiter.wait(shutdown, NO_SIGNAL) is False

        waiting = asyncio.create_task(waiter.wait(shutdown, 60))
        await asyncio.sleep(0)  # it is waiting before the video exists
        made = await client.post("/v1/videos", headers=auth(key), json={"prompt": "A lighthouse at dawn"})
        assert made.status_code == 200, made.text
        # Far sooner than its 60 s poll; the bound only stops a broken test from hanging.
        assert await asyncio.wait_for(waiting, 30) is True

        # The signal is spent: the next wait sleeps until its timeout.
        assert await waiter.wait(shutdown, NO_SIGNAL) is False
        # Shutdown ends a wait too, without a signal.
        shutdown.set()
        assert await asyncio.wait_for(waiter.wait(shutdown, 60), 30) is False
    finally:
        await waiter.close()


async def test_a_rolled_back_queueing_wakes_nobody(services, settings) -> None:
    from cielo.db.models import Video
    from cielo.jobs import wakeup

    user, _ = await make_user(services)
    wakeup.install(services.sessions, settings)
    waiter = Waiter(settings)
    await waiter.start()
    try:
        async with services.sessions() as session:
            async with session.begin():
                session.add(Video(id="video_" + "ab" * 16, user_id=user.id, prompt="x", model="cielo-preview", seed=1,
                                  seconds="4", size="720x1280", status="queued"))
                await session.flush()
                await session.rollback()
        assert await waiter.wait(asyncio.Event(), NO_SIGNAL) is False
    finally:
        await waiter.close()
