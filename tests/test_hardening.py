"""Hardening, in process: hostile uploads are refused from their headers, bad text and bad JSON are 400s
(never 500s, on SQLite and PostgreSQL alike), sign-in throttling cannot lock out someone else, secrets are
not cached, a password change can revoke the API keys, cookies are Secure behind https, workers survive a
busy database, and a failed job leaves no scratch folder. (The same against a live server, with its
sockets: tests/test_hardening_live.py.)"""

from __future__ import annotations

import asyncio
import io
import json
import logging
import sqlite3
import struct
import threading
import time
import zlib
from fractions import Fraction

import av
import httpx
import numpy as np
import pytest
from PIL import Image
from sqlalchemy import select

from cielo.db.models import ApiKey, User, Video
from cielo.db.session import make_engine, make_sessionmaker
from cielo.workers import worker as worker_module
from cielo.jobs.queue import claim_next, finish, reap_expired_leases, workdir_for
from cielo.workers.worker import run_job
from tests.conftest import auth, make_user

SPEC = {"model": "cielo-preview", "requested_model": "cielo-preview", "prompt": "x", "new_seconds": 4,
        "width": 720, "height": 1280, "seed": 1, "mode": "generate"}  # a queued job's VideoSpec


# ------------------------------------------------------------------------------------ hostile files
def claimed_png(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims `width` x `height`: decoding it would need width*height*3 bytes."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = zlib.compress(b"\x00" * (1 + width * 3) * 4)  # a few rows; the rest is "missing"
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


def static_clip(frames: int, fps: int = 30, side: int = 16) -> bytes:
    """An H.264 mp4 of `frames` identical tiny frames: small on disk, long when decoded."""
    out = io.BytesIO()
    with av.open(out, "w", format="mp4") as container:
        stream = container.add_stream("libx264", rate=fps)
        stream.width = stream.height = side
        stream.pix_fmt = "yuv420p"
        stream.options = {"preset": "ultrafast"}
        stream.codec_context.time_base = Fraction(1, fps)
        picture = av.VideoFrame.from_ndarray(np.full((side, side, 3), 90, np.uint8), format="rgb24")
        for index in range(frames):
            picture.pts = index
            for packet in stream.encode(picture):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return out.getvalue()


@pytest.fixture(scope="module")
def hostile() -> dict[str, bytes]:
    return {"frames_30000": static_clip(30_000), "seconds_100": static_clip(3_000),
            "png_40mp": claimed_png(7000, 5670), "png_400mp": claimed_png(20_000, 20_000)}


async def _count(svc, model) -> int:
    async with svc.sessions() as session:
        return len(list(await session.scalars(select(model))))


async def test_long_clips_are_refused_before_decoding_and_change_nothing(client, hostile):
    svc = client.app.state.services
    _, key = await make_user(svc, "ana")
    # An edit keeps its source's length, at most the longest video Cielo makes (20 s); an extension may
    # reach CIELO_MAX_TOTAL_SECONDS (120 s) with its new part.
    for name, path in (("frames_30000", "/v1/videos/edits"), ("seconds_100", "/v1/videos/edits"),
                       ("frames_30000", "/v1/videos/extensions")):
        data = {"prompt": "make it snow"} | ({"seconds": "4"} if path.endswith("extensions") else {})
        response = await client.post(path, headers=auth(key), data=data,
                                     files={"video": ("clip.mp4", hostile[name], "video/mp4")})
        assert response.status_code == 400, (name, path, response.text)
        error = response.json()["error"]
        assert error["code"] == "clip_too_long" and error["param"] == "video"
    assert await _count(svc, Video) == 0


async def test_huge_images_are_refused_from_their_header(client, hostile):
    svc = client.app.state.services
    _, key = await make_user(svc, "ana")
    for png in (hostile["png_40mp"], hostile["png_400mp"]):
        avatar = await client.put("/api/me/avatar", headers=auth(key), files={"avatar": ("a.png", png, "image/png")})
        assert avatar.status_code == 400 and avatar.json()["error"]["code"] == "image_too_large", avatar.text
        check = await client.post("/v1/provenance/check", headers=auth(key), files={"file": ("a.png", png)})
        assert check.status_code == 400 and check.json()["error"]["code"] == "image_too_large", check.text
        reference = await client.post("/v1/videos", headers=auth(key), data={"prompt": "a cat"},
                                      files={"input_reference": ("a.png", png, "image/png")})
        assert reference.status_code == 400 and reference.json()["error"]["param"] == "input_reference"
    async with svc.sessions() as session:
        assert (await session.scalar(select(User).where(User.handle == "ana"))).avatar_key is None
    assert await _count(svc, Video) == 0


async def test_only_jpeg_png_and_webp_images_are_decoded(client):
    svc = client.app.state.services
    _, key = await make_user(svc, "ana")
    tiff = io.BytesIO()
    Image.new("RGB", (32, 32)).save(tiff, format="TIFF")
    for data in (tiff.getvalue(), b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n"):
        response = await client.put("/api/me/avatar", headers=auth(key), files={"avatar": ("a.img", data)})
        assert response.status_code == 400 and response.json()["error"]["code"] == "invalid_image"


# ------------------------------------------------------------------------------------------ bad text
async def test_lone_surrogates_and_deep_json_are_400s(client):
    svc = client.app.state.services
    _, key = await make_user(svc, "ana")
    headers = {**auth(key), "content-type": "application/json"}
    for path, field in (("/v1/videos", "prompt"), ("/v1/moderations", "input")):
        response = await client.post(path, headers=headers, content=f'{{"{field}": "a \\ud800 b"}}')
        assert response.status_code == 400, response.text
        assert response.json()["error"]["param"] == field and response.json()["error"]["code"] == "invalid_text"
    deep = "[" * 100_000 + "]" * 100_000
    response = await client.post("/v1/videos", headers=headers, content=f'{{"prompt": {deep}}}')
    assert response.status_code == 400 and response.json()["error"]["code"] == "json_too_deep"
    # Brackets inside strings are text, not nesting.
    fine = await client.post("/v1/moderations", headers=headers, content=json.dumps({"input": "[" * 500}))
    assert fine.status_code == 200
    assert await _count(svc, Video) == 0


NUL = "bad\x00text"


async def test_nul_in_every_text_field_is_a_400_and_changes_nothing(client):
    """On PostgreSQL each of these was a 500 (it refuses NUL in text); now they are refused first."""
    svc = client.app.state.services
    ana, key = await make_user(svc, "ana")
    svc.settings.webhook_allow_http = True
    attempts = [
        ("PATCH", "/api/me/profile", {"display_name": NUL}, "display_name"),
        ("PATCH", "/api/me/profile", {"bio": NUL}, "bio"),
        ("POST", "/v1/videos", {"prompt": NUL}, "prompt"),
        ("POST", "/api/keys", {"name": NUL}, "name"),
        ("POST", "/api/webhooks", {"url": f"https://example.com/{NUL}"}, "url"),
        ("PUT", "/api/feed/steering", {"instruction": f"more {NUL}"}, "instruction"),
        ("POST", "/api/reports", {"target_type": "user", "target_id": ana.id, "reason": "spam", "details": NUL},
         "details"),
        ("POST", "/v1/moderations", {"input": [NUL]}, "input"),
    ]
    for method, path, body, param in attempts:
        response = await client.request(method, path, headers=auth(key), json=body)
        assert response.status_code == 400, (path, response.text)
        assert response.json()["error"]["param"] == param, (path, response.text)
    lookup = await client.get("/api/users/ana%00x", headers=auth(key))
    assert lookup.status_code == 400 and lookup.json()["error"]["code"] == "invalid_url"
    async with svc.sessions() as session:
        user = await session.get(User, ana.id)
        assert user.display_name == "ana" and user.bio is None
    assert await _count(svc, Video) == 0


async def test_display_names_and_prompts_must_show_something(client):
    svc = client.app.state.services
    ana, key = await make_user(svc, "ana")
    for name in ("\u202eana", "\u200b\u200b", "\u2066x\u2069", "a\tb"):
        response = await client.patch("/api/me/profile", headers=auth(key), json={"display_name": name})
        assert response.status_code == 400 and response.json()["error"]["param"] == "display_name", name
    invisible = await client.post("/v1/videos", headers=auth(key), json={"prompt": "\u200b \u200b\ufeff"})
    assert invisible.status_code == 400 and invisible.json()["error"]["code"] == "empty_prompt"
    # Normalised to NFC: "é" as e + combining accent is stored as one character.
    named = await client.patch("/api/me/profile", headers=auth(key), json={"display_name": "Jose\u0301"})
    assert named.status_code == 200, named.text
    async with svc.sessions() as session:
        assert (await session.get(User, ana.id)).display_name == "Jos\u00e9"
    # A line break is fine in a paragraph, not in a name.
    assert (await client.patch("/api/me/profile", headers=auth(key),
                               json={"bio": "line one\nline two"})).status_code == 200


async def test_too_many_headers_are_refused(client):
    headers = {f"x-filler-{i}": "1" for i in range(120)}
    response = await client.get("/healthz", headers=headers)
    assert response.status_code == 431 and response.json()["error"]["code"] == "too_many_headers"


# --------------------------------------------------------------------------------------- accounts
async def _login(client, handle: str, password: str, address: str = "127.0.0.1"):
    transport = httpx.ASGITransport(app=client.app, client=(address, 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as other:
        return await other.post("/api/auth/login", json={"handle": handle, "password": password})


async def test_a_guesser_locks_out_only_themselves(client):
    svc = client.app.state.services
    await make_user(svc, "ana")
    await make_user(svc, "bea")
    for _ in range(svc.settings.login_max_failures):
        assert (await _login(client, "ana", "wrong-password", "10.0.0.66")).status_code == 401
    assert (await _login(client, "ana", "password123", "10.0.0.66")).status_code == 429
    # Bea behind the same address, and Ana from her own, still sign in.
    assert (await _login(client, "bea", "password123", "10.0.0.66")).status_code == 200
    assert (await _login(client, "ana", "password123", "10.0.0.7")).status_code == 200


async def test_one_address_guessing_many_handles_hits_its_own_ceiling(client):
    svc = client.app.state.services
    svc.settings.login_max_failures_per_client = 6
    await make_user(svc, "ana")
    for i in range(6):
        assert (await _login(client, f"someone{i}", "wrong-password", "10.0.0.99")).status_code == 401
    assert (await _login(client, "ana", "password123", "10.0.0.99")).status_code == 429
    assert (await _login(client, "ana", "password123", "10.0.0.100")).status_code == 200


async def test_secrets_are_not_cached_and_a_password_change_can_revoke_keys(client):
    svc = client.app.state.services
    ana, key = await make_user(svc, "ana")
    made = await client.post("/api/keys", headers=auth(key), json={"name": "ci"})
    assert made.headers["cache-control"] == "no-store"
    login = await _login(client, "ana", "password123")
    assert login.headers["cache-control"] == "no-store"
    changed = await client.post("/api/me/password", headers=auth(key), json={
        "current_password": "password123", "new_password": "another-password", "revoke_api_keys": True})
    assert changed.status_code == 200 and changed.json()["revoked_api_keys"] == 2
    assert (await client.get("/api/me", headers=auth(key))).status_code == 401
    async with svc.sessions() as session:
        keys = list(await session.scalars(select(ApiKey).where(ApiKey.user_id == ana.id)))
    assert len(keys) == 2 and all(k.revoked_at is not None for k in keys)


async def test_cookies_are_secure_when_the_public_url_is_https(client):
    svc = client.app.state.services
    await make_user(svc, "ana")
    plain = await _login(client, "ana", "password123")
    assert "secure" not in plain.headers["set-cookie"].lower()
    svc.settings.public_url = "https://cielo.example"
    secure = await _login(client, "ana", "password123")
    assert "secure" in secure.headers["set-cookie"].lower()


# ------------------------------------------------------------------------------------------- jobs
async def test_finishing_a_job_waits_out_a_busy_sqlite_database(tmp_path, caplog):
    """Another process holds SQLite's write lock past the busy timeout: finish() retries instead of
    failing (a worker once died here), and lands once the lock is released."""
    from cielo.config import Settings
    from cielo.db.migrate import upgrade_async

    path = tmp_path / "busy.db"
    settings = Settings(home=tmp_path, database_url=f"sqlite+aiosqlite:///{path}", lease_seconds=30)
    await upgrade_async(settings.resolved_database_url)
    engine = make_engine(settings.resolved_database_url, busy_seconds=0.2)
    sessions = make_sessionmaker(engine)
    try:
        class Svc:
            pass

        svc = Svc()
        svc.sessions, svc.settings = sessions, settings
        _, _key = await make_user(svc, "ana")
        async with sessions() as session, session.begin():
            user = await session.scalar(select(User))
            session.add(Video(id="video_" + "1" * 32, user_id=user.id, model="cielo-preview", status="queued",
                              progress=0, prompt="x", seconds="4", size="720x1280", seed=1, mode="generate",
                              created_at=time.time(), attempts=0, cancel_requested=False, spec=SPEC))
        lease = await claim_next(sessions, settings, "w")
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        retried = threading.Event()

        class Seen(logging.Handler):
            def emit(self, record: logging.LogRecord) -> None:
                if "database busy" in record.getMessage():
                    retried.set()

        handler = Seen()
        logging.getLogger("cielo.db").addHandler(handler)
        try:
            task = asyncio.create_task(finish(sessions, settings, lease, status="completed", outputs={}))
            assert await asyncio.to_thread(retried.wait, 60)
            holder.execute("COMMIT")
            assert await task is True
        finally:
            logging.getLogger("cielo.db").removeHandler(handler)
            holder.close()
        async with sessions() as session:
            assert (await session.get(Video, "video_" + "1" * 32)).status == "completed"
    finally:
        await engine.dispose()


async def test_a_failed_job_leaves_no_scratch_folder(services, monkeypatch):
    """Both ways a job fails for good: its render fails (the worker), or its workers keep dying (the
    reaper after the last attempt)."""
    from cielo.generation import GenerationError
    from cielo.safety.guard import SafetyGuard

    svc = services
    _, key = await make_user(svc, "ana")
    async with svc.sessions() as session, session.begin():
        user = await session.scalar(select(User))
        for i in (1, 2):
            session.add(Video(id=f"video_{str(i) * 32}", user_id=user.id, model="cielo-preview",
                              status="queued", progress=0, prompt="x", seconds="4",
                              size="720x1280", seed=1, mode="generate", created_at=time.time() + i, attempts=0,
                              cancel_requested=False, spec=SPEC))

    def failing_render(request, workdir, *args, **kwargs):  # a render that gets halfway, then fails
        (workdir / "plan.json").write_text("{}")
        raise GenerationError("render_error", "the engine gave up")

    monkeypatch.setattr(worker_module, "render_and_finish", failing_render)
    lease = await claim_next(svc.sessions, svc.settings, "w")
    outcome = await run_job(svc.sessions, svc.settings, svc.store, SafetyGuard(svc.settings), lease, asyncio.Event(),
                            models=svc.models)
    assert outcome == "failed" and not workdir_for(svc.settings, lease.job_id).exists()

    second = await claim_next(svc.sessions, svc.settings, "w")
    scratch = workdir_for(svc.settings, second.job_id)
    scratch.mkdir(parents=True)
    (scratch / "plan.json").write_text("{}")
    async with svc.sessions() as session, session.begin():
        video = await session.get(Video, second.job_id)
        video.attempts = svc.settings.max_attempts
        video.lease_expires_at = time.time() - 1
    async with svc.sessions() as session, session.begin():
        assert await reap_expired_leases(session, svc.settings) == 1
    async with svc.sessions() as session:
        assert (await session.get(Video, second.job_id)).error_code == "worker_lost"
    assert not scratch.exists()


async def test_an_unexpected_error_is_a_json_500_that_does_not_reach_the_server(client):
    """Raised on to uvicorn, an exception made it reset the client's next request on the same connection;
    the request guard answers it and returns normally (the transport would raise otherwise)."""

    async def broken() -> dict:
        raise RuntimeError("a bug")

    client.app.add_api_route("/test-broken", broken)
    transport = httpx.ASGITransport(app=client.app, raise_app_exceptions=True)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as strict:
        response = await strict.get("/test-broken")
        assert response.status_code == 500
        assert response.json()["error"] == {"message": "Internal server error.", "type": "server_error",
                                             "param": None, "code": None}
        assert response.headers["x-request-id"].startswith("req_")
        assert (await strict.get("/healthz")).status_code == 200
