"""Cameos through the real worker, on SQLite and PostgreSQL: consent withdrawn (or the cameo deleted) while a
job waits in the queue fails it with a clear error; a job that may go on renders the cameo into the video, with
its identity metric recorded and shown to the cameo's owner."""

from __future__ import annotations

import asyncio

import pytest

from cielo.db.models import Video
from cielo.workers.worker import worker_loop
from tests.conftest import auth, make_settings, make_user

from .kit import photo_analysis, stored_cameo


@pytest.fixture
def settings(tmp_path, database_url):
    # A job may load the sentence model (a restriction added while it waited): leases longer than that.
    return make_settings(tmp_path, database_url, moderation_classifier=False, frame_moderation=False,
                         lease_seconds=30.0)


async def _work(services, jobs: int) -> None:
    await asyncio.wait_for(worker_loop(services.settings, asyncio.Event(), max_jobs=jobs), timeout=180)


async def _row(services, video_id: str) -> Video:
    async with services.sessions() as session:
        return await session.get(Video, video_id)


async def test_consent_withdrawn_while_queued_fails_the_job(client, services, astronaut):
    alice, alice_key = await make_user(services, "alice")
    cameo = await stored_cameo(services, alice, photo_analysis(astronaut), permission="approved")
    _, bob_key = await make_user(services, "bob")
    await client.post(f"/api/cameos/{cameo.id}/access", headers=auth(alice_key), json={"handle": "bob"})
    first = await client.post("/v1/videos", headers=auth(bob_key), json={"prompt": "@alice sings on a stage"})
    assert first.status_code == 200 and first.json()["status"] == "queued"
    await client.delete(f"/api/cameos/{cameo.id}/access/bob", headers=auth(alice_key))  # while it waits

    await _work(services, 1)
    failed = (await client.get(f"/v1/videos/{first.json()['id']}", headers=auth(bob_key))).json()
    assert failed["status"] == "failed"
    assert failed["error"]["code"] == "cameo_permission_revoked"
    assert "Permission to use @alice was withdrawn" in failed["error"]["message"]
    uses = (await client.get(f"/api/cameos/{cameo.id}/uses", headers=auth(alice_key))).json()["data"]
    assert uses[0]["status"] == "failed" and uses[0]["error"]["code"] == "cameo_permission_revoked"

    # The owner may also restrict while a job waits, or delete the cameo altogether.
    await client.post(f"/api/cameos/{cameo.id}/access", headers=auth(alice_key), json={"handle": "bob"})
    second = (await client.post("/v1/videos", headers=auth(bob_key), json={"prompt": "@alice votes"})).json()
    third = (await client.post("/v1/videos", headers=auth(bob_key), json={"prompt": "@alice runs"})).json()
    await client.patch(f"/api/cameos/{cameo.id}", headers=auth(alice_key),
                       json={"restrictions": ["no elections or voting"]})
    await _work(services, 1)
    restricted = await _row(services, second["id"])
    assert restricted.status == "failed" and restricted.error_code == "cameo_restricted"
    assert "no elections or voting" in restricted.error_message
    await client.delete(f"/api/cameos/{cameo.id}", headers=auth(alice_key))
    await _work(services, 1)
    gone = await _row(services, third["id"])
    assert gone.status == "failed" and gone.error_code == "cameo_permission_revoked"
    assert "deleted by its owner" in gone.error_message


async def test_a_cameo_renders_with_its_identity_metric(client, services, astronaut):
    alice, alice_key = await make_user(services, "alice", display_name="Alice")
    cameo = await stored_cameo(services, alice, photo_analysis(astronaut), voice="bright_female")
    made = await client.post("/v1/videos", headers=auth(alice_key), json={
        "prompt": '@alice on a beach at sunset. @alice says "What a lovely evening for a walk."', "seconds": "4"})
    assert made.status_code == 200, made.text
    await _work(services, 1)
    video = await _row(services, made.json()["id"])
    assert video.status == "completed", video.error_message
    generation = video.details["generation"]
    assert {"name": "Alice", "species": "person"} in generation["plan"]["subjects"]
    assert generation["plan"]["dialogue"][0]["voice"] == "en+f2/p68"  # the voice she chose
    identity = generation["identity"]["alice"]
    assert identity["frames_with_face"] >= identity["frames_sampled"] // 2
    assert identity["mean_distance"] < 0.6 and identity["frames_matching"] >= 1
    uses = (await client.get(f"/api/cameos/{cameo.id}/uses", headers=auth(alice_key))).json()["data"]
    assert uses[0]["identity"]["mean_distance"] == identity["mean_distance"]
    assert uses[0]["video_url"]
