"""The Videos API refuses bad input with a clear 4xx and changes nothing; users see only their own videos."""

from __future__ import annotations

import io
import os

import pytest
from PIL import Image
from sqlalchemy import func, select

from cielo.db.models import Video
from cielo.jobs.queue import claim_next
from cielo.videos import service as videos
from tests.conftest import auth, make_user


async def _state(svc) -> tuple[int, list[str]]:
    """Rows in the videos table and files in the media folder: what a refused request must not change."""
    async with svc.sessions() as session:
        rows = await session.scalar(select(func.count()).select_from(Video))
    root = svc.settings.resolved_media_dir
    files = sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
    return rows, files


def _png(width: int = 64, height: int = 64) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 80, 40)).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
async def alice(client):
    _, key = await make_user(client.app.state.services, "alice")
    return key


async def test_create_returns_a_queued_video_object(client, alice):
    response = await client.post("/v1/videos", headers=auth(alice),
                                 json={"prompt": "A fox on a beach", "seconds": "8", "size": "1280x720"})
    assert response.status_code == 200, response.text
    video = response.json()
    assert video["object"] == "video" and video["status"] == "queued" and video["progress"] == 0
    assert video["seconds"] == "8" and video["size"] == "1280x720" and video["model"] == "cielo-preview"
    assert video["id"].startswith("video_")
    assert int(response.headers["openai-poll-after-ms"]) > 0


async def test_sora_aliases_map_to_the_configured_engine(client, alice):
    response = await client.post("/v1/videos", headers=auth(alice), json={"prompt": "rain", "model": "sora-2"})
    assert response.status_code == 200 and response.json()["model"] == "cielo-preview"


@pytest.mark.parametrize(
    ("body", "status", "param"),
    [
        ({"prompt": "a cat", "size": "640x480"}, 400, "size"),
        ({"prompt": "a cat", "seconds": "30"}, 400, "seconds"),
        ({"prompt": "a cat", "seconds": "0"}, 400, "seconds"),
        ({"prompt": "   "}, 400, "prompt"),
        ({}, 400, "prompt"),
        ({"prompt": "x" * 32_001}, 400, "prompt"),
        ({"prompt": ["a", "b"]}, 400, "prompt"),
        ({"prompt": 5}, 400, "prompt"),
        ({"prompt": "a cat", "seconds": 8}, 400, "seconds"),
        ({"prompt": "a cat", "seed": "1.5"}, 400, "seed"),
        ({"prompt": "a cat", "colour": "blue"}, 400, "colour"),
        ({"prompt": "a cat", "metadata": {"a": "b"}}, 400, "metadata[a]"),
        ({"prompt": "a cat", "model": "no-such-model"}, 400, "model"),
        ({"prompt": "a cat", "input_reference": {"image_url": "https://example.com/a.png"}}, 400, "input_reference"),
    ],
)
async def test_bad_json_input_is_refused_and_changes_nothing(client, alice, body, status, param):
    before = await _state(client.app.state.services)
    response = await client.post("/v1/videos", headers=auth(alice), json=body)
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["param"] == param and error["message"] and error["type"] == "invalid_request_error"
    assert await _state(client.app.state.services) == before


async def test_a_model_without_weights_is_refused_before_queueing(client, alice):
    """ltx-2 is a built-in registry entry; this machine has no weights for it (nor a GPU)."""
    before = await _state(client.app.state.services)
    response = await client.post("/v1/videos", headers=auth(alice), json={"prompt": "a cat", "model": "ltx-2"})
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert (error["code"], error["param"]) == ("model_unavailable", "model")
    assert "cielo models list" in error["message"]
    assert await _state(client.app.state.services) == before


async def test_preview_is_served_only_while_rendering_and_only_to_the_owner(client, alice):
    svc = client.app.state.services
    made = (await client.post("/v1/videos", headers=auth(alice), json={"prompt": "a quiet lake"})).json()
    url = f"/v1/videos/{made['id']}/content?variant=preview"
    queued = await client.get(url, headers=auth(alice))
    assert queued.status_code == 409 and queued.json()["error"]["code"] == "video_not_rendering"
    lease = await claim_next(svc.sessions, svc.settings, "w1")
    assert lease.job_id == made["id"]
    assert (await client.get(url, headers=auth(alice))).status_code == 404  # the preview engine shows none
    async with svc.sessions() as session:
        assert "preview_url" not in videos.progress_event(await session.get(Video, made["id"]), svc.store)
    picture = io.BytesIO()
    Image.new("RGB", (36, 64), (10, 120, 200)).save(picture, format="JPEG")
    svc.store.put_bytes(videos.preview_key(made["id"]), picture.getvalue())  # what a neural worker publishes
    shown = await client.get(url, headers=auth(alice))
    assert shown.status_code == 200 and shown.headers["content-type"] == "image/jpeg"
    assert shown.content == picture.getvalue()
    async with svc.sessions() as session:
        event = videos.progress_event(await session.get(Video, made["id"]), svc.store)
    assert event["preview_url"].startswith(f"/v1/videos/{made['id']}/content?variant=preview")
    _, bob = await make_user(svc, "bob")
    assert (await client.get(url, headers=auth(bob))).status_code == 404


async def test_a_field_sent_twice_is_refused_not_guessed(client, alice):
    before = await _state(client.app.state.services)
    response = await client.post("/v1/videos", headers=auth(alice),
                                 files=[("prompt", (None, "a cat")), ("prompt", (None, "a dog")),
                                        ("seconds", (None, "4"))])
    assert response.status_code == 400, response.text
    assert response.json()["error"]["param"] == "prompt" and "more than once" in response.json()["error"]["message"]
    assert await _state(client.app.state.services) == before


async def test_fifty_megabyte_prompt_is_refused_before_reading(client, alice):
    before = await _state(client.app.state.services)
    response = await client.post("/v1/videos", headers=auth(alice),
                                 json={"prompt": "a" * (50 * 1024 * 1024)})
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"
    assert await _state(client.app.state.services) == before


@pytest.mark.parametrize(
    ("name", "payload", "code"),
    [
        ("notes.txt", b"this is not an image at all", "invalid_image"),
        ("cut.png", _png(256, 256)[:400], "invalid_image"),
        ("empty.png", b"", None),
    ],
)
async def test_bad_reference_images_are_refused(client, alice, name, payload, code):
    before = await _state(client.app.state.services)
    response = await client.post("/v1/videos", headers=auth(alice), data={"prompt": "a lake"},
                                 files={"input_reference": (name, payload, "image/png")})
    assert response.status_code == 400, response.text
    assert response.json()["error"]["param"] == "input_reference"
    if code:
        assert response.json()["error"]["code"] == code
    assert await _state(client.app.state.services) == before


async def test_oversized_upload_is_refused(client, alice):
    svc = client.app.state.services
    before = await _state(svc)
    huge = os.urandom(svc.settings.max_upload_bytes + 2 * 1024 * 1024)
    response = await client.post("/v1/videos", headers=auth(alice), data={"prompt": "a lake"},
                                 files={"input_reference": ("big.png", huge, "image/png")})
    assert response.status_code == 413
    assert await _state(svc) == before


async def test_valid_reference_image_is_stored_normalised(client, alice):
    response = await client.post("/v1/videos", headers=auth(alice), data={"prompt": "a lake", "seconds": "4"},
                                 files={"input_reference": ("ref.png", _png(), "image/png")})
    assert response.status_code == 200, response.text
    svc = client.app.state.services
    async with svc.sessions() as session:
        video = await session.get(Video, response.json()["id"])
    with Image.open(svc.store.local_path(video.input_reference_key)) as stored:
        assert stored.format == "PNG" and stored.size == (64, 64)


@pytest.mark.parametrize("video_id", ["..%2F..%2Fetc%2Fpasswd", "video_../../x", "VIDEO_" + "a" * 32,
                                      "video_" + "g" * 32])
async def test_path_tricks_in_ids_are_404(client, alice, video_id):
    for path in (f"/v1/videos/{video_id}", f"/v1/videos/{video_id}/content"):
        response = await client.get(path, headers=auth(alice))
        assert response.status_code == 404, (path, response.text)
        assert response.json()["error"]["type"] == "invalid_request_error"


@pytest.mark.parametrize("url", ["/v1/videos/%00", "/v1/videos/video_%01x/content", "/v1/videos?after=%00",
                                 "/api/users/ana%00", "/v1/videos/%ED%A0%80"])
async def test_control_characters_and_bad_utf8_in_urls_are_400(client, alice, url):
    response = await client.get(url, headers=auth(alice))
    assert response.status_code == 400, (url, response.text)
    assert response.json()["error"]["code"] == "invalid_url"


async def test_another_users_video_is_404(client, alice):
    _, bob = await make_user(client.app.state.services, "bob")
    made = await client.post("/v1/videos", headers=auth(alice), json={"prompt": "a lake"})
    video_id = made.json()["id"]
    for method, path in (("GET", f"/v1/videos/{video_id}"), ("GET", f"/v1/videos/{video_id}/content"),
                         ("DELETE", f"/v1/videos/{video_id}"), ("POST", f"/v1/videos/{video_id}/remix"),
                         ("GET", f"/v1/videos/{video_id}/events")):
        response = await client.request(method, path, headers=auth(bob), json={"prompt": "mine now"}
                                         if method == "POST" else None)
        assert response.status_code == 404, (method, path, response.text)
    assert (await client.get(f"/v1/videos/{video_id}", headers=auth(alice))).status_code == 200


async def test_missing_or_bad_credentials_are_401(client):
    assert (await client.get("/v1/videos")).status_code == 401
    bad = await client.get("/v1/videos", headers=auth("sk-cielo-nope"))
    # OpenAI's shape for a 401: invalid_request_error with code invalid_api_key.
    assert bad.status_code == 401 and bad.json()["error"]["type"] == "invalid_request_error"
    assert bad.json()["error"]["code"] == "invalid_api_key"


async def test_daily_quota_answers_429_with_retry_after(client, alice):
    svc = client.app.state.services
    svc.settings.daily_quota = 3
    for _ in range(3):
        ok = await client.post("/v1/videos", headers=auth(alice), json={"prompt": "a lake"})
        assert ok.status_code == 200
    # deleting does not give the quota back
    await client.delete(f"/v1/videos/{ok.json()['id']}", headers=auth(alice))
    refused = await client.post("/v1/videos", headers=auth(alice), json={"prompt": "a lake"})
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "daily_quota_exceeded"
    assert 0 < int(refused.headers["retry-after"]) <= 86400


async def test_queue_depth_limit_answers_429(client, alice):
    svc = client.app.state.services
    svc.settings.max_queued_jobs = 2
    for _ in range(2):
        assert (await client.post("/v1/videos", headers=auth(alice), json={"prompt": "a"})).status_code == 200
    refused = await client.post("/v1/videos", headers=auth(alice), json={"prompt": "a"})
    assert refused.status_code == 429 and refused.json()["error"]["code"] == "too_many_pending_jobs"
    assert "retry-after" in refused.headers


async def test_list_paginates_with_after_and_order(client, alice):
    ids = []
    for index in range(5):
        made = await client.post("/v1/videos", headers=auth(alice), json={"prompt": f"scene {index}"})
        ids.append(made.json()["id"])
    page = (await client.get("/v1/videos?limit=2", headers=auth(alice))).json()
    assert [v["id"] for v in page["data"]] == ids[::-1][:2] and page["has_more"] is True
    assert page["first_id"] == ids[4] and page["last_id"] == ids[3]
    rest = (await client.get(f"/v1/videos?limit=10&after={page['last_id']}", headers=auth(alice))).json()
    assert [v["id"] for v in rest["data"]] == ids[::-1][2:] and rest["has_more"] is False
    ascending = (await client.get("/v1/videos?order=asc&limit=10", headers=auth(alice))).json()
    assert [v["id"] for v in ascending["data"]] == ids
    bad = await client.get("/v1/videos?limit=1000", headers=auth(alice))
    assert bad.status_code == 400 and bad.json()["error"]["param"] == "limit"


async def test_content_of_an_unfinished_video_is_a_404_no_sdk_retries(client, alice):
    made = await client.post("/v1/videos", headers=auth(alice), json={"prompt": "a lake"})
    response = await client.get(f"/v1/videos/{made.json()['id']}/content", headers=auth(alice))
    assert response.status_code == 404 and response.json()["error"]["code"] == "video_not_ready"
    assert response.json()["error"]["message"] == "Video is not ready yet."
    wrong = await client.get(f"/v1/videos/{made.json()['id']}/content?variant=gif", headers=auth(alice))
    assert wrong.status_code == 400
