"""Speech through espeak-ng, ambience beds, music and the mixer."""

from __future__ import annotations

import numpy as np
import pytest

from cielo.generation.audio import ambience
from cielo.generation.audio.mixer import db_to_gain, limit
from cielo.generation.audio.music import music_bed
from cielo.generation.audio.soundtrack import build_soundtrack, sample_count, speech_track
from cielo.generation.audio.speech import VoiceSettings, speak
from cielo.generation.plan import make_plan

RATE = 48_000


def rms(x: np.ndarray) -> float:
    return float(np.sqrt(np.mean(np.square(x, dtype=np.float64)))) if x.size else 0.0


def fundamental(signal: np.ndarray, rate: int = RATE) -> float:
    """Median F0 (Hz) over voiced 40 ms frames, by autocorrelation."""
    size = int(0.04 * rate)
    lo, hi = rate // 400, rate // 60
    estimates = []
    for start in range(0, signal.size - size, size):
        frame = signal[start : start + size] - signal[start : start + size].mean()
        if rms(frame) < 0.02:
            continue
        ac = np.correlate(frame, frame, "full")[size - 1 :]
        lag = lo + int(np.argmax(ac[lo:hi]))
        if ac[lag] > 0.4 * ac[0]:
            estimates.append(rate / lag)
    return float(np.median(estimates))


def test_speech_is_synthesised_in_memory() -> None:
    audio = speak("Hello, this is a test of the speech engine.", VoiceSettings("en", "m3", 40, 165), RATE)
    assert audio.dtype == np.float32 and audio.ndim == 1
    assert 1.0 < audio.size / RATE < 5.0
    assert rms(audio) > 0.03


def test_spanish_voice_speaks_spanish_text() -> None:
    audio = speak("Hola, ¿cómo estás? Mañana vamos a la playa.", VoiceSettings("es", "f2", 65, 160), RATE)
    assert rms(audio) > 0.03


def test_pitch_setting_changes_the_voice() -> None:
    text = "The quick brown fox jumps over the lazy dog."
    low = fundamental(speak(text, VoiceSettings("en", "m3", 20, 165), RATE))
    high = fundamental(speak(text, VoiceSettings("en", "m3", 80, 165), RATE))
    assert high > low * 1.3


def test_speech_is_deterministic() -> None:
    voice = VoiceSettings("en", "f3", 60, 170)
    assert np.array_equal(speak("same words twice", voice, RATE), speak("same words twice", voice, RATE))


def test_different_speakers_sound_different() -> None:
    plan = make_plan(
        'Ana: "I love walking by the sea in the evening." Bob: "I love walking by the sea in the evening."',
        seed=4,
        seconds=8,
        width=180,
        height=320,
    )
    ana, bob = plan.dialogue
    assert ana.voice.id != bob.voice.id
    f_ana = fundamental(
        speak(
            ana.text,
            VoiceSettings(ana.voice.language, ana.voice.variant, ana.voice.pitch, ana.voice.rate),
            RATE,
        )
    )
    f_bob = fundamental(
        speak(
            bob.text,
            VoiceSettings(bob.voice.language, bob.voice.variant, bob.voice.pitch, bob.voice.rate),
            RATE,
        )
    )
    assert f_ana > f_bob * 1.15  # a woman's voice and a man's voice


def test_speech_starts_at_the_line_time() -> None:
    plan = make_plan('A beach. Ana: "Good evening everybody."', seed=1, seconds=4, width=180, height=320)
    n = sample_count(plan)
    speech, active = speech_track(plan, n)
    line = plan.dialogue[0]
    onset = int(np.flatnonzero(np.abs(speech[0]) + np.abs(speech[1]) > 0.01)[0])
    assert abs(onset / RATE - line.start) < 0.03
    assert active[int(line.start * RATE) + 100] == 1.0


@pytest.mark.parametrize("bed", sorted(ambience.BEDS))
def test_ambience_beds_are_stereo_and_audible(bed: str) -> None:
    out = ambience.BEDS[bed](RATE * 3, np.random.default_rng(1), RATE)
    assert out.shape == (2, RATE * 3) and out.dtype == np.float32
    assert np.isfinite(out).all()
    assert 0.001 < rms(out) < 0.5
    assert not np.allclose(out[0], out[1])  # wide, not mono


def test_thunder_follows_lightning() -> None:
    out = ambience.thunder(RATE * 6, np.random.default_rng(2), [2.0], RATE)
    assert rms(out[:, : RATE * 2]) == 0.0
    assert rms(out[:, RATE * 2 : RATE * 5]) > 0.01


@pytest.mark.parametrize("mood", ["calm", "happy", "sad", "tense", "epic", "romantic"])
def test_music_bed_by_mood(mood: str) -> None:
    cue = make_plan(f"a {mood} scene", seed=2, seconds=4, width=180, height=320).music
    cue.mood = mood
    out = music_bed(cue, 6.0, np.random.default_rng(0), 24_000)
    assert out.shape[0] == 2 and out.shape[1] >= 6 * 24_000
    assert 0.002 < rms(out) < 0.3


def test_limiter_keeps_peaks_under_the_ceiling() -> None:
    rng = np.random.default_rng(0)
    loud = (rng.standard_normal((2, RATE)) * 0.8).astype(np.float32)
    loud[:, 1000] = 3.0
    out = limit(loud, -2.0)
    assert np.max(np.abs(out)) <= db_to_gain(-2.0) + 1e-6
    quiet = loud * 0.05
    assert np.allclose(limit(quiet, -2.0), quiet)  # nothing to do below the ceiling


def test_soundtrack_is_deterministic_limited_and_exact_length() -> None:
    plan = make_plan(
        'A storm over the city. Ana: "Run!" Bob shouts "Wait for me!"',
        seed=9,
        seconds=4,
        width=180,
        height=320,
    )
    a = build_soundtrack(plan)
    assert a.shape == (2, 4 * RATE)
    assert np.max(np.abs(a)) <= db_to_gain(-2.0) + 1e-6
    assert np.array_equal(a, build_soundtrack(plan))


def test_speech_stands_out_of_the_mix() -> None:
    plan = make_plan(
        'A busy city street. Ana: "Can you hear me over all this traffic noise?"',
        seed=3,
        seconds=8,
        width=180,
        height=320,
    )
    mix = build_soundtrack(plan)
    line = plan.dialogue[0]
    during = mix[:, int(line.start * RATE) : int(line.end * RATE)]
    after = mix[:, int((line.end + 1.0) * RATE) :]
    assert rms(during) > 0.06
    assert rms(during) > 1.5 * rms(after)
