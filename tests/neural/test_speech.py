"""Speech models from the registry: a tiny random CSM saved as a real transformers folder, loaded by the same
path real weights take, speaking each cameo's lines from that cameo's own recording."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from cielo.likeness.voices import to_wav
from cielo.generation.audio.soundtrack import speech_track
from cielo.generation.audio.speech import VoiceSettings, speak
from cielo.generation.plan import make_plan
from cielo.generation.catalog import ModelCatalog
from cielo.generation.registry import RegistryError, load_registry, weights_problem
from cielo.likeness.reference import CameoRef
from cielo.generation.speech import EspeakVoicebox, ModelVoicebox, voicebox_for
from cielo.generation.speech.voicebox import fit_duration

from tests.neural.conftest import neural_settings_for

RATE = 48_000
PROMPT = '@alice says "Good morning, Bob, the sea looks calm today." Then @bob says "Then let us sail at noon."'


@pytest.fixture
def voiced(tmp_path, tiny_registry):
    """The tiny registry's catalog, with tiny-csm as the installation's speech model."""
    return ModelCatalog(neural_settings_for(tmp_path, tiny_registry, speech_model="tiny-csm"))


@pytest.fixture(scope="module")
def recordings(tmp_path_factory) -> dict[str, Path]:
    """Two people reading their liveness digits: a low male and a high female espeak voice, as WAVs."""
    folder = tmp_path_factory.mktemp("voices")
    out = {}
    for name, variant, pitch in (("low", "m7", 25), ("high", "f2", 72)):
        audio = speak("four two one nine", VoiceSettings("en", variant, pitch, 160), 16_000)
        out[name] = folder / f"{name}.wav"
        out[name].write_bytes(to_wav(audio, 16_000))
    out["face"] = folder / "face.png"
    from PIL import Image

    Image.new("RGB", (64, 64), (200, 160, 140)).save(out["face"])
    return out


def _plan(recordings, alice: str | None, bob: str | None, prompt: str = PROMPT):
    def ref(handle, name, which):
        return CameoRef(handle, name, recordings["face"], "en+m3/p48",
                        voice_recording=recordings[which] if which else None, voice_transcript="four two one nine")

    return make_plan(prompt, seed=11, seconds=8, width=360, height=640,
                     cameos=(ref("alice", "Alice", alice), ref("bob", "Bob", bob)))


def _lines(plan, voicebox) -> list[np.ndarray]:
    n = round(plan.frame_count * RATE / plan.fps)
    speech, _ = speech_track(plan, n, RATE, voicebox)
    bounds = [round(d.start * RATE) for d in plan.dialogue] + [n]
    return [speech[0, bounds[i] : bounds[i + 1]] for i in range(len(plan.dialogue))]


def test_a_speech_model_is_registered_but_answers_no_request(voiced, tmp_path):
    spec = voiced.spec("tiny-csm")
    assert spec.is_speech and not spec.serves_requests and spec.languages == ("en",)
    assert "tiny-csm" not in voiced.names() and "tiny-wan-voiced" in voiced.names()
    assert weights_problem(spec) is None
    voiced.check_ready("tiny-csm", mode="speech")
    assert voiced.spec("tiny-wan-voiced").speech_model == "tiny-csm"
    assert voiced.speech_model_for("tiny-wan-voiced") == voiced.speech_model_for("cielo-preview") == "tiny-csm"

    broken = tmp_path / "broken.toml"
    broken.write_text('[models.w]\nbase = "wan2.1-t2v-1.3b"\nspeech_model = "ltx-2"\n')
    with pytest.raises(RegistryError, match="not a speech model"):
        load_registry(neural_settings_for(tmp_path, broken))
    (tmp_path / "half").mkdir()
    (tmp_path / "half" / "config.json").write_text("{}")
    lonely = tmp_path / "half.toml"
    lonely.write_text(f'[models.half]\nkind = "csm"\npath = "{tmp_path / "half"}"\n')
    problem = weights_problem(load_registry(neural_settings_for(tmp_path, lonely))["half"])
    assert "weights" in problem and "a tokenizer" in problem and "a processor" in problem


def test_each_cameo_line_is_spoken_from_its_own_recording(voiced, recordings):
    """Swapping who owns which recording swaps exactly the lines of the people whose recording changed."""
    plans = {key: _plan(recordings, *owners) for key, owners in
             {"mine": ("low", "high"), "swapped": ("high", "low"), "both_low": ("low", "low")}.items()}
    boxes = {key: voicebox_for(voiced, "cielo-preview", plan) for key, plan in plans.items()}
    assert all(isinstance(box, ModelVoicebox) for box in boxes.values())
    assert [line["voice"] for line in boxes["mine"].describe()["lines"]] == ["cameo @alice", "cameo @bob"]
    lines = {key: _lines(plans[key], box) for key, box in boxes.items()}
    alice, bob = 0, 1
    assert np.abs(lines["mine"][alice]).max() > 0.05 and np.abs(lines["mine"][bob]).max() > 0.05
    assert np.array_equal(lines["mine"][alice], lines["both_low"][alice])  # her recording: her line unchanged
    assert not np.allclose(lines["mine"][alice], lines["swapped"][alice])  # someone else's: not her voice
    assert np.array_equal(lines["swapped"][bob], lines["both_low"][bob])
    assert not np.allclose(lines["mine"][bob], lines["both_low"][bob])


def test_everyone_else_gets_a_voice_of_their_own(voiced, recordings):
    plan = _plan(recordings, "low", None,
                 '@alice says "Hello, who are you two?" A robot says "I am a robot." A fox says "And I am a fox."')
    box = voicebox_for(voiced, "cielo-preview", plan)
    voices = [line["voice"] for line in box.describe()["lines"]]
    assert voices[0] == "cameo @alice"
    assert len(set(voices)) == 3 and all(v.startswith("tiny-csm speaker ") for v in voices[1:])
    speech, active = speech_track(plan, round(plan.frame_count * RATE / plan.fps), RATE, box)
    # Lines never overlap: each one's sound ends before the next one starts.
    for line, following in zip(plan.dialogue, plan.dialogue[1:], strict=False):
        assert not active[round(following.start * RATE) - round(0.04 * RATE) : round(following.start * RATE)].all()
        assert active[round(line.start * RATE) : round(line.start * RATE) + RATE // 10].all()


def test_spanish_lines_and_a_broken_model_fall_back_to_espeak(voiced, recordings, tmp_path):
    plan = _plan(recordings, "low", "high", '@alice dice "Buenos días, ¿cómo estás?" @bob says "Fine, thanks."')
    voices = [line["voice"] for line in voicebox_for(voiced, "cielo-preview", plan).describe()["lines"]]
    assert voices[0].startswith("espeak-ng ") and voices[1] == "cameo @bob"

    broken = ModelCatalog(neural_settings_for(tmp_path, voiced.settings.models_file, speech_model="ltx-2"))
    box = voicebox_for(broken, "cielo-preview", plan)  # ltx-2 is not a speech model
    assert isinstance(box, EspeakVoicebox) and "not a speech model" in box.describe()["note"]


def test_fitting_a_long_line_keeps_its_pitch():
    tone = np.sin(2 * np.pi * 200 * np.arange(24_000 * 2) / 24_000).astype(np.float32)
    short = fit_duration(tone, 24_000, 1.4)
    assert abs(short.size - 1.4 * 24_000) < 24_000 * 0.06
    spectrum = np.abs(np.fft.rfft(short[2400:-2400]))
    peak_hz = np.argmax(spectrum) * 24_000 / (short.size - 4800)
    assert abs(peak_hz - 200) < 6  # said faster, not higher
    assert fit_duration(tone, 24_000, 3.0) is tone
