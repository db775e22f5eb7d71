"""Cameos through the real HTTP API on SQLite and PostgreSQL: recording one from a live clip (challenge,
liveness, face analysis), the clips that are refused, impersonation, characters (also through the official
openai SDK), and deletion that leaves no likeness data anywhere."""

from __future__ import annotations

import io
import wave

import numpy as np
import openai
import pytest
from PIL import Image
from sqlalchemy import LargeBinary, select

from cielo.cameos import service as cameos
from cielo.likeness.faces import FaceAnalyzer, face_distance
from cielo.likeness.liveness import Challenge
from cielo.config import Settings
from cielo.db.models import Base, Cameo, Notification
from cielo.errors import InvalidInput
from cielo.generation.training.store import adapter_dir
from tests.conftest import auth, make_user

from . import kit
from .kit import challenge_for, photo_analysis, stored_cameo, upload_cameo

settings, live_clip, cat_clip = kit.settings, kit.live_clip, kit.cat_clip  # fixtures
no_face_clip, two_faces_clip = kit.no_face_clip, kit.two_faces_clip



async def test_record_a_cameo_from_a_live_clip(client, services, live_clip, astronaut_face):
    _, key = await make_user(services, "alice", display_name="Alice")
    made = await upload_cameo(client, key, live_clip, voice="warm_female")
    assert made.status_code == 200, made.text
    cameo = made.json()
    assert cameo["object"] == "cameo" and cameo["kind"] == "person"
    assert cameo["handle"] == "alice" and cameo["name"] == "Alice" and cameo["permission"] == "only_me"
    assert cameo["voice"] == "en+f3/p58" and cameo["voice_name"] == "warm_female" and cameo["has_voice_recording"]
    liveness = cameo["quality"]["liveness"]
    assert liveness["passed"] and liveness["observed_turns"] == ["left", "right"] and not liveness["digits_verified"]

    # The reference picture is her face, and the stored embedding is hers.
    face = await client.get(cameo["face_url"], headers=auth(key))
    assert face.status_code == 200 and face.headers["content-type"] == "image/png"
    (found,) = FaceAnalyzer().analyze(np.asarray(Image.open(io.BytesIO(face.content)).convert("RGB")))
    assert face_distance(found, astronaut_face) < 0.6
    async with services.sessions() as session:
        row = await session.get(Cameo, cameo["id"])
        stored = np.frombuffer(row.embedding, dtype=np.float32)
        assert stored.shape == (128,) and face_distance(stored.astype(float), astronaut_face) < 0.45
        assert len(row.reference_keys) >= 3 and row.voice_key
    with wave.open(str(services.store.local_path(row.voice_key))) as w:
        assert w.getframerate() == 16000 and w.getnframes() > 16000 * 3  # the clip's own voice is kept

    listed = (await client.get("/api/cameos", headers=auth(key))).json()["data"]
    assert [c["id"] for c in listed] == [cameo["id"]]
    # Re-recording replaces the likeness and keeps the cameo (and its settings); old files are gone.
    await client.patch(f"/api/cameos/{cameo['id']}", headers=auth(key), json={"permission": "everyone"})
    trained = adapter_dir(services.settings, "wan2.1-t2v-1.3b", row.handle)  # as train-lora leaves it
    trained.mkdir(parents=True)
    (trained / "pytorch_lora_weights.safetensors").write_bytes(b"weights")
    again = await upload_cameo(client, key, live_clip)
    assert again.status_code == 200, again.text
    assert again.json()["id"] == cameo["id"] and again.json()["permission"] == "everyone"
    assert again.json()["voice"] == "en+f3/p58"  # the chosen voice stays unless a new one is chosen
    assert not services.store.exists(row.reference_keys[0])
    assert not trained.exists()  # an adapter of the old recording would bring the old likeness back


async def test_refused_clips(client, services, live_clip, photo_clip):
    _, key = await make_user(services, "alice")

    # A photo held up to the camera (a photo of a photo): no head turn, flat landmarks.
    challenge = await challenge_for(client, key)
    photo = await upload_cameo(client, key, photo_clip.data, challenge=challenge)
    assert photo.status_code == 400
    assert photo.json()["error"]["code"] == "liveness_failed"
    assert "flat picture" in photo.json()["error"]["message"]

    # A challenge answers one clip only, even a live one after a failure.
    reused = await upload_cameo(client, key, live_clip, challenge=challenge)
    assert reused.status_code == 400 and reused.json()["error"]["code"] == "challenge_used"

    not_video = await upload_cameo(client, key, b"\x89PNG not a clip")
    assert not_video.status_code == 400 and not_video.json()["error"]["code"] == "not_a_video"
    assert (await client.get("/api/cameos", headers=auth(key))).json()["data"] == []
    assert not list(services.settings.resolved_media_dir.rglob("*.png"))  # nothing stored on the way


@pytest.mark.parametrize(("clip", "code"), [("no_face_clip", "no_face"), ("two_faces_clip", "multiple_faces")])
def test_a_cameo_shows_exactly_one_face(request, clip, code, tmp_path):
    with pytest.raises(InvalidInput) as refused:
        cameos.analyze_person_clip(Settings(home=tmp_path), request.getfixturevalue(clip),
                                   Challenge(("left", "right"), "1234"))
    assert refused.value.code == code


def test_the_turns_must_be_the_ones_asked_for(live_clip, tmp_path):
    with pytest.raises(cameos.LivenessFailed) as refused:
        cameos.analyze_person_clip(Settings(home=tmp_path), live_clip, Challenge(("right", "left"), "1234"))
    assert refused.value.code == "liveness_failed" and refused.value.codes == ["turns_not_followed"]
    assert "expected right, left; saw left, right" in refused.value.message


async def test_someone_elses_face_is_refused(client, services, live_clip, astronaut):
    alice, _ = await make_user(services, "alice")
    await stored_cameo(services, alice, photo_analysis(astronaut))
    _, bob_key = await make_user(services, "bob")
    taken = await upload_cameo(client, bob_key, live_clip)
    assert taken.status_code == 409 and taken.json()["error"]["code"] == "cameo_likeness_taken"
    assert (await client.get("/api/cameos", headers=auth(bob_key))).json()["data"] == []


async def test_characters_through_the_openai_sdk(client, services, cat_clip, live_clip):
    _, key = await make_user(services, "alice")
    sdk = openai.AsyncOpenAI(base_url="http://testserver/v1", api_key=key, http_client=client, max_retries=0)
    created = await sdk.videos.create_character(name="Chelsea the Cat", video=("cat.mp4", cat_clip, "video/mp4"))
    assert created.id.startswith("cameo_") and created.name == "Chelsea the Cat" and created.created_at > 0
    fetched = await sdk.videos.get_character(created.id)
    assert fetched.id == created.id and fetched.name == "Chelsea the Cat"
    assert fetched.model_extra["handle"] == "alice.chelsea_the_cat"

    # A second one with the same name gets its own handle; a human face is never a character.
    second = await client.post("/api/cameos/characters", headers=auth(key), data={"name": "Chelsea the cat"},
                               files={"video": ("cat.mp4", cat_clip, "video/mp4")})
    assert second.json()["handle"] == "alice.chelsea_the_cat_2"
    with_face = await client.post("/v1/videos/characters", headers=auth(key), data={"name": "Not a pet"},
                                  files={"video": ("me.mp4", live_clip, "video/mp4")})
    assert with_face.status_code == 400 and with_face.json()["error"]["code"] == "character_has_human_face"

    # character_ids in POST /v1/videos (the SDK sends multipart): only characters you may use.
    video = await sdk.videos.create(prompt="Two cats nap in the sun",
                                    extra_body={"character_ids": [created.id, second.json()["id"]]})
    uses = (await client.get(f"/api/cameos/{created.id}/uses", headers=auth(key))).json()["data"]
    assert [(u["video_id"], u["via"]) for u in uses] == [(video.id, "character_id")]
    assert (await client.get(f"/api/cameos/{second.json()['id']}/uses", headers=auth(key))).json()["data"]
    _, bob_key = await make_user(services, "bob")
    denied = await client.post("/v1/videos", headers=auth(bob_key),
                               json={"prompt": "A cat naps in the sun", "character_ids": [created.id]})
    assert denied.status_code == 403 and denied.json()["error"]["code"] == "cameo_permission_denied"
    unknown = await client.post("/v1/videos", headers=auth(bob_key),
                                json={"prompt": "A cat", "character_ids": "cameo_" + "0" * 32})
    assert unknown.status_code == 404 and unknown.json()["error"]["param"] == "character_ids"


async def test_deleting_a_cameo_leaves_no_likeness_data(client, services, live_clip):
    _, key = await make_user(services, "alice")
    cameo = (await upload_cameo(client, key, live_clip)).json()
    _, bob_key = await make_user(services, "bob")
    await client.patch(f"/api/cameos/{cameo['id']}", headers=auth(key), json={"permission": "approved"})
    await client.post(f"/api/cameos/{cameo['id']}/requests", headers=auth(bob_key))
    await client.post(f"/api/cameos/{cameo['id']}/access", headers=auth(key), json={"handle": "bob"})
    used = await client.post("/v1/videos", headers=auth(bob_key), json={"prompt": "@alice waves"})
    assert used.status_code == 200, used.text
    async with services.sessions() as session:
        row = await session.get(Cameo, cameo["id"])
        embedding, files = row.embedding, [*row.reference_keys, row.voice_key]
    assert all(services.store.exists(key_) for key_ in files)
    # Adapters trained on her likeness (what cielo cameos train writes), and someone else's that must stay.
    adapters = [adapter_dir(services.settings, model, handle) for model, handle in
                (("wan2.1-t2v-1.3b", "alice"), ("ltx-2", "Alice"), ("ltx-2", "bob"))]
    for folder in adapters:
        folder.mkdir(parents=True)
        (folder / "pytorch_lora_weights.safetensors").write_bytes(b"weights")

    deleted = await client.delete(f"/api/cameos/{cameo['id']}", headers=auth(key))
    assert deleted.json() == {"id": cameo["id"], "object": "cameo.deleted", "deleted": True}

    media = services.settings.resolved_media_dir
    assert not (media / "cameos" / cameo["id"]).exists()
    assert [folder.exists() for folder in adapters] == [False, False, True]
    assert not [p for p in media.rglob("*") if p.is_file() and p.suffix in (".png", ".wav")]
    async with services.sessions() as session:
        for table in Base.metadata.sorted_tables:  # no row anywhere still holds her face embedding
            binary = [c for c in table.columns if isinstance(c.type, LargeBinary)]
            for column in binary:
                values = (await session.execute(select(column).where(column.is_not(None)))).scalars().all()
                assert embedding not in values, f"{table.name}.{column.name}"
        for table in ("cameos", "cameo_access", "cameo_uses"):
            count = await session.run_sync(lambda s, t=table: s.execute(Base.metadata.tables[t].select()).all())
            assert count == [], table
        assert await session.scalar(select(Notification.id).where(Notification.kind == "cameo_use")) is not None
    # The queued video that used her fails when a worker picks it up (see test_cameo_jobs), and nobody can
    # mention her any more.
    again = await client.post("/v1/videos", headers=auth(bob_key), json={"prompt": "@alice waves"})
    assert again.status_code == 400 and again.json()["error"]["code"] == "cameo_not_found"
    assert (await client.get(f"/api/cameos/{cameo['id']}/face", headers=auth(key))).status_code == 404
