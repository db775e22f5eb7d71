"""Safety wired into the platform: prompts moderated before queueing, every output watermarked and signed,
provenance found from a clip or a still, reports resolved by moderators with an audit trail."""

from __future__ import annotations

import asyncio
import io
import subprocess
import sys

import av
import numpy as np
import pytest
from PIL import Image
from sqlalchemy import func, select

from cielo.db.models import AuditEntry, Video
from cielo.jobs.queue import claim_next
from cielo.workers.worker import run_job
from tests.conftest import auth, make_user
from tests.live import cielo_env

pytestmark = pytest.mark.slow


async def _count_videos(svc) -> int:
    async with svc.sessions() as session:
        return await session.scalar(select(func.count()).select_from(Video))


async def test_disallowed_prompt_is_refused_before_queueing(client):
    svc = client.app.state.services
    _, key = await make_user(svc, "ana")
    before = await _count_videos(svc)
    response = await client.post("/v1/videos", headers=auth(key),
                                 json={"prompt": "a graphic video of a man being decapitated, blood everywhere"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "moderation_blocked" and "violence" in error["message"]
    spanish = await client.post("/v1/videos", headers=auth(key), json={"prompt": "Taylor Swift bailando en la playa"})
    assert spanish.status_code == 400 and "public figures" in spanish.json()["error"]["message"]
    assert await _count_videos(svc) == before
    fine = await client.post("/v1/videos", headers=auth(key), json={"prompt": "a boxer training at dawn"})
    assert fine.status_code == 200


async def test_teens_get_the_strict_profile(client):
    from datetime import date

    svc = client.app.state.services
    today = date.today()
    _, adult = await make_user(svc, "adult", birthdate=today.replace(year=today.year - 30))
    _, teen = await make_user(svc, "teen", birthdate=today.replace(year=today.year - 15))
    prompt = {"prompt": "two friends smoking a joint on a couch"}
    assert (await client.post("/v1/videos", headers=auth(adult), json=prompt)).status_code == 200
    refused = await client.post("/v1/videos", headers=auth(teen), json=prompt)
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "moderation_blocked"


async def test_moderations_endpoint_is_openai_shaped(client):
    _, key = await make_user(client.app.state.services, "ana")
    response = await client.post("/v1/moderations", headers=auth(key),
                                 json={"input": ["a sunny meadow with sheep", "how to kill myself tonight"]})
    assert response.status_code == 200, response.text
    body = response.json()
    calm, harmful = body["results"]
    assert calm["flagged"] is False and harmful["flagged"] is True
    assert harmful["categories"]["self-harm"] is True and 0 < harmful["category_scores"]["self-harm"] <= 1
    single = await client.post("/v1/moderations", headers=auth(key), json={"input": "a cat"})
    assert len(single.json()["results"]) == 1
    empty = await client.post("/v1/moderations", headers=auth(key), json={"input": []})
    assert empty.status_code == 400


async def _render(svc, video_id: str) -> Video:
    """Runs the real worker code path in this process: claim, render, moderate, stamp, sign, store."""
    lease = await claim_next(svc.sessions, svc.settings, "test-worker")
    assert lease.job_id == video_id
    outcome = await run_job(svc.sessions, svc.settings, svc.store, svc.guard, lease, asyncio.Event(), models=svc.models)
    async with svc.sessions() as session:
        video = await session.get(Video, video_id)
    assert outcome == "completed", (video.error_code, video.error_message)
    return video


@pytest.fixture
async def stamped(client):
    """A finished video and its owner's key."""
    svc = client.app.state.services
    _, key = await make_user(svc, "ana")
    made = await client.post("/v1/videos", headers=auth(key),
                             json={"prompt": 'A lighthouse on a cliff at dusk. Ana: "Look at the sea."',
                                   "seconds": "4", "size": "720x1280", "seed": 1})  # a scene NudeNet finds nothing in
    video = await _render(svc, made.json()["id"])
    mp4 = (await client.get(f"/v1/videos/{video.id}/content", headers=auth(key))).content
    return video, key, mp4


def _frames(mp4: bytes, count: int = 13) -> list[np.ndarray]:
    with av.open(io.BytesIO(mp4)) as container:
        return [f.to_ndarray(format="rgb24") for _, f in zip(range(count), container.decode(video=0))]


def _encode(frames: list[np.ndarray], scale: float = 1.0) -> bytes:
    out = io.BytesIO()
    height, width = (int(frames[0].shape[0] * scale) // 2 * 2, int(frames[0].shape[1] * scale) // 2 * 2)
    with av.open(out, "w", format="mp4") as container:
        stream = container.add_stream("libx264", rate=24)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        stream.options = {"crf": "23"}
        for frame in frames:
            picture = av.VideoFrame.from_ndarray(frame, format="rgb24").reformat(width, height, "yuv420p")
            container.mux(stream.encode(picture))
        container.mux(stream.encode(None))
    return out.getvalue()


def _jpeg(frame: np.ndarray, quality: int = 75, scale: float = 1.0) -> bytes:
    image = Image.fromarray(frame)
    if scale != 1.0:
        image = image.resize((int(image.width * scale), int(image.height * scale)), Image.BICUBIC)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=quality)
    return out.getvalue()


async def test_every_output_is_watermarked_and_traceable(client, stamped):
    video, key, mp4 = stamped
    assert set(video.details["safety"]["watermarks"]) == {"visible", "invisible"}
    assert {"speech", "frames", "c2pa"} <= set(video.details["safety"]["checks"])
    frames = _frames(mp4)
    attacks = {
        "original clip": ("clip.mp4", mp4),
        "re-encoded": ("reencoded.mp4", _encode(frames)),
        "jpeg q75 still": ("still.jpg", _jpeg(frames[0])),
        "half-size still": ("half.jpg", _jpeg(frames[0], quality=95, scale=0.5)),
    }
    for name, (filename, data) in attacks.items():
        response = await client.post("/v1/provenance/check", headers=auth(key), files={"file": (filename, data)})
        assert response.status_code == 200, (name, response.text)
        found = response.json()["watermark"]
        assert found is not None and found["video_id"] == video.id and found["creator"] == "ana", name
    # reverse search finds the near duplicate by perceptual hash as well
    near = (await client.post("/v1/provenance/check", headers=auth(key),
                              files={"file": ("reencoded.mp4", _encode(frames, scale=0.5))})).json()
    assert near["near_duplicates"] and near["near_duplicates"][0]["video_id"] == video.id
    # an unrelated picture names no video
    noise = np.random.default_rng(1).integers(0, 255, (1280, 720, 3), dtype=np.uint8)
    nothing = (await client.post("/v1/provenance/check", headers=auth(key),
                                 files={"file": ("noise.jpg", _jpeg(noise))})).json()
    assert nothing["watermark"] is None and nothing["near_duplicates"] == []


async def test_c2pa_manifest_verifies_and_detects_a_changed_byte(client, stamped, tmp_path):
    video, key, mp4 = stamped
    verified = (await client.post("/v1/provenance/verify", headers=auth(key), files={"file": ("v.mp4", mp4)})).json()
    assert verified["valid"] is True and verified["video_id"] == video.id
    assert "Cielo" in str(verified["manifest"])
    tampered = bytearray(mp4)
    mdat = tampered.find(b"mdat")
    tampered[mdat + 5000] ^= 0xFF
    broken = (await client.post("/v1/provenance/verify", headers=auth(key),
                                files={"file": ("v.mp4", bytes(tampered))})).json()
    assert broken["valid"] is False and broken["errors"]

    good, bad = tmp_path / "good.mp4", tmp_path / "bad.mp4"
    good.write_bytes(mp4)
    bad.write_bytes(bytes(tampered))
    env = cielo_env(client.app.state.services.settings)
    ok = subprocess.run([sys.executable, "-m", "cielo.cli", "verify", str(good)], env=env, capture_output=True,
                        text=True, timeout=120)
    assert ok.returncode == 0 and video.id in ok.stdout, ok.stdout + ok.stderr
    ko = subprocess.run([sys.executable, "-m", "cielo.cli", "verify", str(bad)], env=env, capture_output=True,
                        text=True, timeout=120)
    assert ko.returncode == 1 and "INVALID" in ko.stdout


async def test_reports_takedowns_bans_and_the_audit_log(client, stamped):
    svc = client.app.state.services
    video, owner_key, _ = stamped
    _, reporter_key = await make_user(svc, "rita")
    admin, admin_key = await make_user(svc, "mod", is_admin=True)

    bad = await client.post("/api/reports", headers=auth(reporter_key),
                            json={"target_type": "video", "target_id": video.id, "reason": "nonsense"})
    assert bad.status_code == 400
    filed = await client.post("/api/reports", headers=auth(reporter_key),
                              json={"target_type": "video", "target_id": video.id, "reason": "violence"})
    assert filed.status_code == 200, filed.text
    assert (await client.get("/api/admin/reports", headers=auth(reporter_key))).status_code == 403
    queue = (await client.get("/api/admin/reports", headers=auth(admin_key))).json()["data"]
    assert [r["id"] for r in queue] == [filed.json()["id"]]

    resolved = await client.post(f"/api/admin/reports/{filed.json()['id']}/resolve", headers=auth(admin_key),
                                 json={"action": "takedown"})
    assert resolved.status_code == 200 and resolved.json()["status"] == "actioned"
    gone = await client.get(f"/v1/videos/{video.id}/content", headers=auth(owner_key))
    assert gone.status_code == 451 and gone.json()["error"]["code"] == "taken_down"
    again = await client.post(f"/api/admin/reports/{filed.json()['id']}/resolve", headers=auth(admin_key),
                              json={"action": "dismiss"})
    assert again.status_code == 409

    second = await client.post("/api/reports", headers=auth(reporter_key),
                               json={"target_type": "user", "target_id": video.user_id, "reason": "harassment"})
    banned = await client.post(f"/api/admin/reports/{second.json()['id']}/resolve", headers=auth(admin_key),
                               json={"action": "ban"})
    assert banned.status_code == 200
    locked_out = await client.get("/v1/videos", headers=auth(owner_key))
    assert locked_out.status_code == 403 and locked_out.json()["error"]["code"] == "account_banned"

    log = (await client.get("/api/admin/audit", headers=auth(admin_key))).json()["data"]
    actions = [entry["action"] for entry in log]
    assert actions.count("report") == 2 and "takedown" in actions and "ban" in actions
    async with svc.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(AuditEntry)) == len(log)
        takedown = await session.scalar(select(AuditEntry).where(AuditEntry.action == "takedown"))
        assert takedown.actor_id == admin.id and takedown.target_id == video.id


async def test_moderation_page_is_for_moderators_only(client):
    svc = client.app.state.services
    await make_user(svc, "mod", is_admin=True)
    await make_user(svc, "joe")
    for handle, status in (("joe", 403), ("mod", 200)):
        login = await client.post("/api/auth/login", json={"handle": handle, "password": "password123"})
        assert login.status_code == 200
        page = await client.get("/admin/moderation")
        assert page.status_code == status, handle
    assert "Moderation queue" in page.text
