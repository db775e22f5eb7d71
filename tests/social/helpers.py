"""Helpers for social tests: finished videos without the renderer (real small media files in the store),
published posts, signed-in browsers-without-a-browser (cookie + CSRF token)."""

from __future__ import annotations

import io
from functools import lru_cache

import httpx
from PIL import Image
from sqlalchemy import delete, select

from cielo.db.models import Invite, Notification, Video
from cielo.jobs.queue import claim_next, finish
from cielo.videos import service as videos
from tests.conftest import auth


@lru_cache(maxsize=1)
def tiny_mp4() -> bytes:
    """A real, playable 0.5 s H.264 mp4 (64x112), made once per test process."""
    import av
    import numpy as np

    out = io.BytesIO()
    with av.open(out, mode="w", format="mp4") as container:
        stream = container.add_stream("libx264", rate=12)
        stream.width, stream.height, stream.pix_fmt = 64, 112, "yuv420p"
        for i in range(6):
            frame = np.full((112, 64, 3), (i * 40) % 255, dtype=np.uint8)
            for packet in stream.encode(av.VideoFrame.from_ndarray(frame, format="rgb24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return out.getvalue()


@lru_cache(maxsize=1)
def tiny_webp() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 112), (30, 90, 160)).save(out, format="WEBP")
    return out.getvalue()


async def complete_queued(services, *, news: bool = False) -> list[str]:
    """Finishes every queued job the way a worker would, with real media files in the store. The maker's
    "your video is ready" notice is removed unless `news`: tests of other notifications count theirs alone."""
    done = []
    while (lease := await claim_next(services.sessions, services.settings, "test-worker")) is not None:
        prefix = f"videos/{lease.job_id}"
        outputs = {"video_key": f"{prefix}/video.mp4", "thumbnail_key": f"{prefix}/thumbnail.webp"}
        services.store.put_bytes(outputs["video_key"], tiny_mp4())
        services.store.put_bytes(outputs["thumbnail_key"], tiny_webp())
        assert await finish(services.sessions, services.settings, lease, status="completed", outputs=outputs)
        done.append(lease.job_id)
    if done and not news:
        async with services.sessions() as session, session.begin():
            await session.execute(delete(Notification).where(Notification.kind == "video_ready",
                                                             Notification.video_id.in_(done)))
    return done


async def finished_video(services, user, prompt: str = "A fox on a beach at sunset") -> str:
    async with services.sessions() as session, session.begin():
        video = await videos.create_video(session, services.settings, services.store, user, guard=services.guard, models=services.models,
                                          prompt=prompt)
        video_id = video.id
    assert video_id in await complete_queued(services)
    return video_id


async def posted(client, services, user, key: str, caption: str = "", prompt: str = "A fox on a beach",
                 show_prompt: bool = True) -> str:
    """A finished video of `user`, published with `caption`. Returns its id."""
    video_id = await finished_video(services, user, prompt)
    response = await client.post(f"/api/videos/{video_id}/publish", headers=auth(key),
                                 json={"caption": caption, "show_prompt": show_prompt})
    assert response.status_code == 200, response.text
    return video_id


async def video_row(services, video_id: str) -> Video:
    async with services.sessions() as session:
        return await session.get(Video, video_id)


async def invite_code(services, user) -> str:
    async with services.sessions() as session:
        return await session.scalar(select(Invite.code).where(Invite.owner_id == user.id, Invite.used_by_id.is_(None)))


async def cookie_client(client, handle: str, password: str = "password123") -> tuple[httpx.AsyncClient, str]:
    """A second client on the same app, signed in with a session cookie; returns it and its CSRF token."""
    transport = httpx.ASGITransport(app=client.app, client=("127.0.0.1", 50001))
    browser = httpx.AsyncClient(transport=transport, base_url="http://testserver")
    response = await browser.post("/api/auth/login", json={"handle": handle, "password": password})
    assert response.status_code == 200, response.text
    return browser, response.json()["csrf_token"]
