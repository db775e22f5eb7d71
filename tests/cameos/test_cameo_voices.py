"""A cameo's own voice over the API, on SQLite and PostgreSQL: the owner turns its use off and on, re-records it
alone (hostile and wrong uploads refused, nothing changed), hears a sample; a recording of someone else's cameo
voice is refused like their face is; deleting the cameo deletes the voice and the samples made from it."""

from __future__ import annotations

import io
import wave

import av
import numpy as np

from cielo.cameos import recorded_voice
from cielo.db.models import Cameo
from cielo.generation.audio.speech import VoiceSettings, speak
from tests.conftest import auth, make_user

from .kit import photo_analysis, stored_cameo

SCRIPT = recorded_voice.VOICE_SCRIPTS["en"][0]


def voice(variant: str, pitch: int, text: str = SCRIPT, rate: int = 16_000) -> np.ndarray:
    return speak(text, VoiceSettings("en", variant, pitch, 160), rate)


def with_voice(analysis, audio: np.ndarray, digits: str = "4219"):
    analysis.audio, analysis.audio_rate = audio, 16_000
    analysis.summary = {**analysis.summary, "liveness": {"challenge": {"turns": ["left"], "digits": digits}}}
    return analysis


def webm(audio: np.ndarray, rate: int = 48_000) -> bytes:
    """What a browser's MediaRecorder sends: Opus in WebM."""
    out = io.BytesIO()
    with av.open(out, "w", format="webm") as container:
        stream = container.add_stream("libopus", rate=rate, layout="mono")
        pcm = (np.clip(audio, -1, 1) * 32767).astype("<i2").reshape(1, -1)
        frame = av.AudioFrame.from_ndarray(pcm, format="s16", layout="mono")
        frame.sample_rate = rate
        for packet in stream.encode(frame):
            container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return out.getvalue()


async def _cameo(services, cameo_id: str) -> Cameo:
    async with services.sessions() as session:
        return await session.get(Cameo, cameo_id)


async def test_the_owner_controls_and_re_records_the_voice(client, services, astronaut):
    alice, key = await make_user(services, "alice")
    cameo = await stored_cameo(services, alice, with_voice(photo_analysis(astronaut), voice("m3", 40)))
    stored = await _cameo(services, cameo.id)
    assert stored.voice_transcript == "four two one nine" and stored.voiceprint and stored.voice_enabled
    mine = (await client.get(f"/api/cameos/{cameo.id}", headers=auth(key))).json()
    assert mine["voice_enabled"] is True and mine["has_voice_recording"] is True

    off = await client.patch(f"/api/cameos/{cameo.id}", headers=auth(key), json={"voice_enabled": False})
    assert off.status_code == 200 and off.json()["voice_enabled"] is False

    sample = await client.get(mine["voice_sample_url"], headers=auth(key))
    assert sample.status_code == 200 and sample.headers["content-type"] == "audio/wav"
    with wave.open(io.BytesIO(sample.content)) as w:
        assert w.getnframes() / w.getframerate() > 1.0  # espeak-ng reading the sample line
    spanish = await client.get(mine["voice_sample_url"], headers={**auth(key), "accept-language": "es"})
    assert spanish.status_code == 200 and spanish.content != sample.content  # the line in the page's language

    scripts = (await client.get("/api/cameos/voice-scripts", headers=auth(key))).json()["data"]
    assert {s["language"] for s in scripts} == {"en", "es"} and SCRIPT in [s["script"] for s in scripts]
    recording = webm(voice("m3", 40, rate=48_000))
    before = (await _cameo(services, cameo.id)).voice_key
    for files, data, code in (
        ({"audio": ("v.webm", recording, "audio/webm")}, {"script": "something I made up"}, "invalid_script"),
        ({"audio": ("v.webm", b"\x1aE\xdf\xa3 not really webm", "audio/webm")}, {"script": SCRIPT}, "not_audio"),
        ({"audio": ("v.webm", webm(np.zeros(48_000 * 3, np.float32)), "audio/webm")}, {"script": SCRIPT},
         "voice_too_quiet"),
        ({"audio": ("v.webm", webm(voice("m3", 40, rate=48_000)[: 48_000 // 2]), "audio/webm")}, {"script": SCRIPT},
         "audio_too_short"),
    ):
        refused = await client.put(f"/api/cameos/{cameo.id}/voice", headers=auth(key), files=files, data=data)
        assert refused.status_code == 400 and refused.json()["error"]["code"] == code, refused.text
        assert (await _cameo(services, cameo.id)).voice_key == before  # nothing changed

    spanish = await client.put(f"/api/cameos/{cameo.id}/voice", headers={**auth(key), "accept-language": "es"},
                               files={"audio": ("v.webm", b"RIFF....WAVEfmt ", "audio/wav")}, data={"script": SCRIPT})
    assert spanish.json()["error"]["message"].startswith("No es una grabación de audio")

    again = await client.put(f"/api/cameos/{cameo.id}/voice", headers=auth(key),
                             files={"audio": ("v.webm", recording, "audio/webm")}, data={"script": SCRIPT})
    assert again.status_code == 200, again.text
    assert again.json()["voice_enabled"] is False  # a new recording does not undo the owner's choice
    stored = await _cameo(services, cameo.id)
    assert stored.voice_key != before and stored.voice_transcript == SCRIPT
    assert not services.store.exists(before)
    assert services.store.exists(stored.voice_key)

    await client.get(mine["voice_sample_url"], headers=auth(key))
    gone = await client.delete(f"/api/cameos/{cameo.id}", headers=auth(key))
    assert gone.status_code == 200
    assert not services.store.exists(stored.voice_key)
    assert not list((services.settings.home / "media" / "cameos").glob(f"{cameo.id}/**/*.wav"))


async def test_someone_elses_voice_is_refused(client, services, astronaut, grace_hopper):
    alice, _ = await make_user(services, "alice")
    recording = voice("f2", 70)
    await stored_cameo(services, alice, with_voice(photo_analysis(astronaut), recording))
    mallory, mallory_key = await make_user(services, "mallory")
    # Her own face, but Alice's voice (her recording played again, over some room noise): refused, nothing stored.
    from cielo.errors import Conflict

    replayed = 0.8 * recording + np.random.default_rng(0).normal(0, 0.003, recording.size).astype(np.float32)
    try:
        await stored_cameo(services, mallory, with_voice(photo_analysis(grace_hopper), replayed))
    except Conflict as exc:
        assert exc.code == "cameo_voice_taken"
    else:
        raise AssertionError("a copy of another cameo's voice was accepted")
    mine = (await client.get("/api/cameos", headers=auth(mallory_key))).json()
    assert mine["data"] == [] or all(c["kind"] != "person" for c in mine["data"])
    # A voice of her own is fine.
    cameo = await stored_cameo(services, mallory, with_voice(photo_analysis(grace_hopper), voice("m7", 25)))
    assert (await _cameo(services, cameo.id)).voiceprint
