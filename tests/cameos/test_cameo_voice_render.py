"""A video with two cameos made through the API and the real worker, with a speech model configured (a tiny
random CSM saved as a real model folder): each line is spoken from its cameo's own recording, the finished
video has its sound, and its metadata and signed C2PA manifest name the speech model."""

from __future__ import annotations

import asyncio
import warnings

import pytest

from cielo.db.models import Video
from cielo.workers.worker import worker_loop
from tests.conftest import auth, make_settings, make_user

from .kit import photo_analysis, stored_cameo
from .test_cameo_voices import voice, with_voice


@pytest.fixture
def database_url(tmp_path):
    """SQLite only: the queue's PostgreSQL behaviour is covered by the job tests; this one is about voices."""
    return f"sqlite+aiosqlite:///{tmp_path / 'cielo.db'}"


@pytest.fixture(scope="module")
def speech_registry(tmp_path_factory):
    from cielo.testing.tiny_speech import csm_model

    root = tmp_path_factory.mktemp("speech")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        csm_model(root / "tiny-csm")
    (root / "models.toml").write_text('[models.tiny-csm]\nkind = "csm"\npath = "tiny-csm"\ndtype = "float32"\n')
    return root / "models.toml"


@pytest.fixture
def settings(tmp_path, database_url, speech_registry):
    return make_settings(tmp_path, database_url, moderation_classifier=False, frame_moderation=False,
                         models_file=speech_registry, speech_model="tiny-csm", lease_seconds=30.0)


async def test_two_cameos_speak_each_line_in_their_own_voice(client, services, astronaut, grace_hopper, tmp_path):
    alice, alice_key = await make_user(services, "alice", display_name="Alice")
    bob, _ = await make_user(services, "bob", display_name="Bob")
    await stored_cameo(services, alice, with_voice(photo_analysis(astronaut), voice("f2", 70, "four two one nine")))
    await stored_cameo(services, bob, with_voice(photo_analysis(grace_hopper), voice("m7", 25, "one three three seven")),
                       permission="everyone")
    made = await client.post("/v1/videos", headers=auth(alice_key), json={
        "prompt": '@alice and @bob on a pier. @alice says "The boat leaves at noon." @bob says "Then we should hurry."',
        "seconds": "8"})
    assert made.status_code == 200, made.text
    await asyncio.wait_for(worker_loop(services.settings, asyncio.Event(), max_jobs=1), timeout=300)

    async with services.sessions() as session:
        video = await session.get(Video, made.json()["id"])
    assert video.status == "completed", video.error_message
    speech = video.details["generation"]["speech"]
    assert speech["model"] == "tiny-csm"
    assert [(line["speaker"], line["voice"]) for line in speech["lines"]] == [
        ("Alice", "cameo @alice"), ("Bob", "cameo @bob")]

    content = await client.get(f"/v1/videos/{video.id}/content", headers=auth(alice_key))
    assert content.status_code == 200
    path = tmp_path / "finished.mp4"
    path.write_bytes(content.content)
    from cielo.generation.media import probe

    assert probe(path)["has_audio"]
    report = services.guard.credentials.verify(path)
    assert report.valid
    from cielo.safety.c2pa_signing import VIDEO_ASSERTION

    ours = next(a for a in report.manifest["assertions"] if a["label"] == VIDEO_ASSERTION)
    assert ours["data"]["voice_model"] == "tiny-csm" and ours["data"]["video_id"] == video.id
