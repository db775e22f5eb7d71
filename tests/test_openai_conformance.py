"""Where OpenAI's Videos API and its SDKs would notice a difference: status codes clients retry or not,
pagination through deletes, request ids, dated model names and /v1/models, retention, HEAD/ETag/Range,
405s. (Every /v1 answer of the suite is also checked against the SDK's response models: tests/openai_shapes.)"""

from __future__ import annotations

import json
import shutil
import subprocess
import time

import httpx
import openai
import pytest
from pydantic import ValidationError
from sqlalchemy import select

from cielo.db.models import Post, Video
from cielo.jobs.queue import claim_next, finish
from tests.conftest import auth, make_user
from tests.openai_shapes import check_v1
from tests.social.helpers import complete_queued


@pytest.fixture
async def alice(client):
    _, key = await make_user(client.app.state.services, "alice")
    return key


def sdk(client, key: str) -> openai.AsyncOpenAI:
    """The official SDK over the in-process app (its retries would wait: max_retries=0 shows the status)."""
    return openai.AsyncOpenAI(api_key=key, base_url="http://testserver/v1", max_retries=0,
                              http_client=httpx.AsyncClient(transport=client._transport))


async def _create(client, key: str, prompt: str = "a lake at dawn", **extra) -> str:
    made = await client.post("/v1/videos", headers=auth(key), json={"prompt": prompt, **extra})
    assert made.status_code == 200, made.text
    return made.json()["id"]


async def _fail_next(svc) -> str:
    lease = await claim_next(svc.sessions, svc.settings, "w")
    await finish(svc.sessions, svc.settings, lease, status="failed", error=("render_error", "the engine gave up"))
    return lease.job_id


def test_the_shape_checker_itself_refuses_what_openai_would_not_send():
    good = {"id": "video_" + "a" * 32, "object": "video", "model": "sora-2", "status": "queued", "progress": 0,
            "created_at": 1, "completed_at": None, "expires_at": None, "seconds": "4", "size": "720x1280",
            "prompt": "x", "remixed_from_video_id": None, "error": None}
    check_v1("GET", f"/v1/videos/{good['id']}", 200, "application/json", json.dumps(good).encode())
    for broken in ({**good, "progress": "0"}, {**good, "status": "cancelled"}, {**good, "created_at": 1.5}):
        with pytest.raises(ValidationError):
            check_v1("GET", f"/v1/videos/{good['id']}", 200, "application/json", json.dumps(broken).encode())
    with pytest.raises(AssertionError):
        check_v1("GET", "/v1/videos/x", 404, "application/json", b'{"error": {"message": "no"}}')


async def test_unfinished_and_failed_videos_answer_404s_the_sdks_do_not_retry(client, alice):
    svc = client.app.state.services
    api = sdk(client, alice)
    queued = await _create(client, alice)
    with pytest.raises(openai.NotFoundError) as not_ready:
        await api.videos.download_content(queued)
    assert not_ready.value.body["code"] == "video_not_ready"
    with pytest.raises(openai.NotFoundError):
        await api.videos.remix(queued, prompt="in snow")
    extend = await client.post("/v1/videos/extensions", headers=auth(alice),
                               json={"video": {"id": queued}, "prompt": "more", "seconds": "4"})
    assert extend.status_code == 404 and extend.json()["error"]["code"] == "video_not_ready"
    failed = await _fail_next(svc)
    with pytest.raises(openai.NotFoundError) as gone:
        await api.videos.download_content(failed)
    assert gone.value.body["code"] == "video_failed"
    with pytest.raises(openai.NotFoundError):
        await api.videos.remix(failed, prompt="again")


async def test_the_list_and_delete_loop_reaches_every_video(client, alice):
    api = sdk(client, alice)
    made = {await _create(client, alice, f"clouds, take {i}") for i in range(7)}
    deleted = set()
    async for video in api.videos.list(limit=3):  # pages follow a cursor whose video was just deleted
        await api.videos.delete(video.id)
        deleted.add(video.id)
    assert deleted == made
    assert (await client.get("/v1/videos", headers=auth(alice))).json()["data"] == []


async def test_request_ids_processing_time_and_401s_as_openai_sends_them(client, alice):
    api = sdk(client, alice)
    raw = await api.videos.with_raw_response.list()
    assert raw.headers["x-request-id"].startswith("req_") and int(raw.headers["openai-processing-ms"]) >= 0
    page = await api.videos.list()
    assert page._request_id and page._request_id.startswith("req_")
    with pytest.raises(openai.AuthenticationError) as denied:
        await sdk(client, "sk-cielo-wrong").videos.list()
    assert denied.value.body["type"] == "invalid_request_error" and denied.value.body["code"] == "invalid_api_key"


async def test_dated_model_names_and_the_models_list(client, alice):
    for dated in ("sora-2-2025-10-06", "sora-2-pro-2025-10-06", "sora-2-2025-12-08"):
        video = (await client.post("/v1/videos", headers=auth(alice), json={"prompt": "rain", "model": dated})).json()
        assert video["model"] == "cielo-preview", video
    api = sdk(client, alice)
    models = {m.id: m for m in (await api.models.list()).data}
    assert {"cielo-preview", "sora-2", "sora-2-pro", "sora-2-2025-10-06"} <= set(models)
    assert "stable-audio-open-1.0" not in models and "ltx-2" not in models  # no weights, no video here
    assert models["cielo-preview"].model_extra["cielo"]["default"] is True
    dated = await api.models.retrieve("sora-2-2025-12-08")
    assert dated.model_extra["cielo"]["alias_of"] == "cielo-preview"
    with pytest.raises(openai.NotFoundError):
        await api.models.retrieve("dall-e-9")


async def test_expired_content_is_gone_unless_published_and_the_sweep_frees_it(client, alice):
    svc = client.app.state.services
    kept, dropped = await _create(client, alice, "kept"), await _create(client, alice, "dropped")
    await complete_queued(svc)
    async with svc.sessions() as session:
        rows = {v.id: v for v in await session.scalars(select(Video).where(Video.id.in_([kept, dropped])))}
    assert all(abs(v.expires_at - v.completed_at - 30 * 86400) < 5 for v in rows.values())
    assert (await client.post(f"/api/videos/{kept}/publish", headers=auth(alice), json={})).status_code == 200
    async with svc.sessions() as session, session.begin():
        for video in await session.scalars(select(Video).where(Video.id.in_([kept, dropped]))):
            video.expires_at = time.time() - 1
    gone = await client.get(f"/v1/videos/{dropped}/content", headers=auth(alice))
    assert gone.status_code == 404 and gone.json()["error"]["code"] == "video_expired"
    assert (await client.get(f"/v1/videos/{kept}/content", headers=auth(alice))).status_code == 200

    from cielo.videos.retention import sweep_expired

    async with svc.sessions() as session, session.begin():
        assert await sweep_expired(session, svc.store, svc.settings) == 1
    assert not svc.store.exists(f"videos/{dropped}/video.mp4") and svc.store.exists(f"videos/{kept}/video.mp4")
    listed = (await client.get(f"/v1/videos/{dropped}", headers=auth(alice))).json()
    assert listed["status"] == "completed"  # the row stays: its record, prompt and expiry are still there

    async with svc.sessions() as session, session.begin():
        (await session.get(Post, kept)).published_at = None  # unpublished: it expires like any other
    assert (await client.get(f"/v1/videos/{kept}/content", headers=auth(alice))).status_code == 404

    svc.settings.video_ttl_days = 0
    forever = await _create(client, alice, "forever")
    await complete_queued(svc)
    assert (await client.get(f"/v1/videos/{forever}", headers=auth(alice))).json()["expires_at"] is None


async def test_content_answers_head_etags_and_ranges_like_a_file_server(client, alice):
    svc = client.app.state.services
    video_id = await _create(client, alice)
    await complete_queued(svc)
    url = f"/v1/videos/{video_id}/content"
    full = await client.get(url, headers=auth(alice))
    assert full.status_code == 200 and full.headers["content-type"] == "video/mp4"
    size, etag = len(full.content), full.headers["etag"]
    head = await client.head(url, headers=auth(alice))
    assert head.status_code == 200 and head.content == b"" and int(head.headers["content-length"]) == size
    assert head.headers["etag"] == etag
    cached = await client.get(url, headers=auth(alice) | {"if-none-match": etag})
    assert cached.status_code == 304 and cached.content == b""
    part = await client.get(url, headers=auth(alice) | {"range": "bytes=0-99"})
    assert part.status_code == 206 and part.content == full.content[:100]
    for bad in ("bytes=abc", "pages=1-2", "bytes=50-10", "bytes=-"):
        refused = await client.get(url, headers=auth(alice) | {"range": bad})
        assert refused.status_code == 400 and refused.json()["error"]["code"] == "invalid_range", bad
    beyond = await client.get(url, headers=auth(alice) | {"range": f"bytes={size + 10}-"})
    assert beyond.status_code == 416 and beyond.headers["content-range"] == f"bytes */{size}"
    assert beyond.json()["error"]["code"] == "range_not_satisfiable"


async def test_a_405_names_every_method_of_the_path(client, alice):
    video_id = await _create(client, alice)
    response = await client.put(f"/v1/videos/{video_id}", headers=auth(alice), json={})
    assert response.status_code == 405
    assert {m.strip() for m in response.headers["allow"].split(",")} >= {"GET", "DELETE"}
    assert response.json()["error"]["type"] == "invalid_request_error"


@pytest.mark.slow
def test_the_official_node_sdk_works_against_a_live_server(tmp_path):
    """A smoke test with OpenAI's Node SDK (when node and npm are on the machine): create, poll, download,
    list, delete."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("node is not installed here")
    from tests.conftest import make_settings
    from tests.live import free_port, start_server, stop_group, wait_for

    install = subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(tmp_path),
                              "openai@7"], capture_output=True, text=True, timeout=300)
    assert install.returncode == 0, install.stderr
    settings = make_settings(tmp_path, f"sqlite+aiosqlite:///{tmp_path / 'cielo.db'}")
    port = free_port()
    log = tmp_path / "serve.log"
    process = start_server(settings, port, 1, log)
    try:
        key = wait_for(lambda: next((w for w in log.read_text().split() if w.startswith("sk-cielo-")), None),
                       timeout=60, what="the first-start API key")
        script = tmp_path / "smoke.mjs"
        script.write_text(f"""
            import OpenAI from "openai";
            const client = new OpenAI({{ apiKey: "{key}", baseURL: "http://127.0.0.1:{port}/v1" }});
            let video = await client.videos.create({{ prompt: "A kite over a beach", seconds: "4" }});
            while (video.status === "queued" || video.status === "in_progress") {{
              await new Promise((resolve) => setTimeout(resolve, 200));
              video = await client.videos.retrieve(video.id);
            }}
            if (video.status !== "completed") throw new Error("status " + video.status);
            const mp4 = Buffer.from(await (await client.videos.downloadContent(video.id)).arrayBuffer());
            if (mp4.subarray(4, 8).toString() !== "ftyp") throw new Error("not an mp4");
            const ids = [];
            for await (const v of client.videos.list({{ limit: 2 }})) ids.push(v.id);
            await client.videos.delete(video.id);
            console.log(JSON.stringify({{ id: video.id, bytes: mp4.length, listed: ids.length }}));
        """)
        run = subprocess.run(["node", str(script)], capture_output=True, text=True, timeout=300,
                             env={"NODE_PATH": str(tmp_path / "node_modules"), "PATH": "/usr/bin:/bin"},
                             cwd=tmp_path)
    finally:
        stop_group(process)
    assert run.returncode == 0, run.stdout + run.stderr
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["id"].startswith("video_") and result["bytes"] > 10_000 and result["listed"] == 1
