"""The soundtrack of a plan: dialogue, ambience beds per shot and a music bed, mixed and limited.

Speech sits on top; beds and music duck under it. Everything is seeded from the plan's seed, so
the same plan always sounds the same, sample for sample.
"""

from __future__ import annotations

import numpy as np

from cielo.generation.audio import ambience
from cielo.generation.audio.mixer import activity_envelope, limit
from cielo.generation.audio.music import music_bed
from cielo.generation.audio.synth import RATE, fade, pan, place
from cielo.generation.plan import Plan, Shot
from cielo.generation.speech.voicebox import EspeakVoicebox, Voicebox

SPEECH_RMS = 0.16
MANNER_GAIN = {"says": 1.0, "whispers": 0.75, "shouts": 1.25, "sings": 1.0}
BED_GAIN = {
    "rain": 0.9,
    "wind": 0.7,
    "waves": 0.9,
    "water": 0.8,
    "city": 0.6,
    "crowd": 0.5,
    "birds": 0.9,
    "crickets": 0.8,
    "room": 1.0,
    "space": 1.0,
}
BEDS_RMS = 0.045  # ceilings for the ambience and music buses, whatever the scene stacks up
MUSIC_RMS = 0.025
DUCK = 0.7  # beds and music drop to 30 % (about -10 dB) while someone speaks
SHOT_CROSSFADE = 0.25  # seconds
TARGET_RMS = 0.07  # about -23 dBFS: quieter mixes are raised towards it
MAX_MAKEUP = 4.0
# Beds and music are synthesised at half rate and interpolated up once: none of them has content
# above 10 kHz that matters, and it halves the cost of the most expensive stage of the soundtrack.
BED_RATE = RATE // 2


def _rng(seed: int, *salt: int) -> np.random.Generator:
    return np.random.default_rng([seed & 0xFFFFFFFF, *salt])


def sample_count(plan: Plan, rate: int = RATE) -> int:
    """Samples of new content: exactly frame_count frames long."""
    return round(plan.frame_count * rate / plan.fps)


def build_soundtrack(plan: Plan, rate: int = RATE, voicebox: Voicebox | None = None) -> np.ndarray:
    """(2, n) float32 for the plan's new content, peak at most -2 dBFS. `voicebox` speaks the dialogue
    (default: espeak-ng)."""
    n = sample_count(plan, rate)
    speech, active = speech_track(plan, n, rate, voicebox)
    slow_n = round(n * BED_RATE / rate)
    beds = _at_most(ambience_track(plan, slow_n, BED_RATE), BEDS_RMS)
    music = _at_most(
        music_bed(plan.music, slow_n / BED_RATE, _rng(plan.seed, 9), BED_RATE)[:, :slow_n], MUSIC_RMS
    )
    fade(music, int(0.6 * BED_RATE), int(0.8 * BED_RATE))
    background = upsample(beds + music, n)
    duck = 1.0 - DUCK * activity_envelope(active, rate)
    return master(background * duck + speech)


def _at_most(bus: np.ndarray, target_rms: float) -> np.ndarray:
    """Scale a bus down to `target_rms` when it is louder (a storm with rain, wind and thunder)."""
    rms = float(np.sqrt(np.mean(np.square(bus, dtype=np.float64)))) if bus.size else 0.0
    return bus * (target_rms / rms) if rms > target_rms else bus


def master(mix: np.ndarray) -> np.ndarray:
    """Bring quiet mixes (no dialogue, a calm bed) up towards a listenable level, then limit."""
    rms = float(np.sqrt(np.mean(mix * mix))) if mix.size else 0.0
    if rms > 1e-6:
        mix = mix * min(MAX_MAKEUP, TARGET_RMS / rms) if rms < TARGET_RMS else mix
    return limit(mix)


def upsample(signal: np.ndarray, n: int) -> np.ndarray:
    """(2, m) -> (2, n) by linear interpolation."""
    m = signal.shape[-1]
    if m == n:
        return signal
    x = np.linspace(0, m - 1, n, dtype=np.float32)
    return np.stack([np.interp(x, np.arange(m, dtype=np.float32), ch) for ch in signal]).astype(np.float32)


def speech_track(plan: Plan, n: int, rate: int = RATE,
                 voicebox: Voicebox | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Every dialogue line spoken at its time, panned to its speaker; plus a 0/1 activity mask."""
    voicebox = voicebox or EspeakVoicebox(plan)
    out = np.zeros((2, n), np.float32)
    active = np.zeros(n, np.float32)
    lines = sorted(plan.dialogue, key=lambda d: d.start)
    for i, line in enumerate(lines):
        limit_end = lines[i + 1].start if i + 1 < len(lines) else plan.seconds
        allowed = max(0.2, min(line.end + 0.3, limit_end - 0.05) - line.start)
        voice = voicebox.say(line, allowed, rate)
        if voice.size == 0:
            continue
        voice = fade(voice[: int(allowed * rate)].copy(), int(0.005 * rate), int(0.03 * rate))
        rms = float(np.sqrt(np.mean(voice * voice))) or 1.0
        voice *= SPEECH_RMS * MANNER_GAIN.get(line.manner, 1.0) / rms
        shot = plan.shots[line.shot] if line.shot < len(plan.shots) else plan.shots[-1]
        position = (shot.positions.get(line.speaker, 0.5) * 2 - 1) * 0.5
        start = round(line.start * rate)
        place(out, pan(voice, position), start)
        active[start : start + voice.size] = 1.0
    return out, active


def ambience_track(plan: Plan, n: int, rate: int = RATE) -> np.ndarray:
    """Each scene's beds over its own span, crossfaded into the next scene's. Shots that cover the same
    scene (a wide shot, then a close one) share one continuous bed: a camera cut is not a new place."""
    out = np.zeros((2, n), np.float32)
    xfade = int(SHOT_CROSSFADE * rate)
    spans: list[tuple[Shot, float, list[float]]] = []  # (first shot, end, lightning times)
    for shot in plan.shots:
        if spans and spans[-1][0].scene == shot.scene and spans[-1][0].ambience == shot.ambience:
            first, _, flashes = spans[-1]
            spans[-1] = (first, shot.end, [*flashes, *shot.lightning])
        else:
            spans.append((shot, shot.end, list(shot.lightning)))
    for shot, end, lightning in spans:
        s0 = max(0, round(shot.start * rate) - xfade)
        s1 = min(n, round(end * rate) + xfade)
        length = s1 - s0
        if length <= 0:
            continue
        bed = np.zeros((2, length), np.float32)
        for k, name in enumerate(shot.ambience):
            rng = _rng(plan.seed, 100 + shot.index, k, sum(map(ord, name)))
            if name == "thunder":
                times = [t - s0 / rate for t in lightning]
                bed += ambience.thunder(length, rng, times, rate)
            elif name in ambience.BEDS:
                bed += ambience.BEDS[name](length, rng, rate) * BED_GAIN.get(name, 1.0)
        fade(bed, xfade if s0 > 0 else 0, xfade if s1 < n else 0)
        place(out, bed, s0)
    return out


def fit_length(audio: np.ndarray, n: int) -> np.ndarray:
    """Pad with silence or cut to exactly n samples."""
    if audio.shape[-1] >= n:
        return audio[:, :n]
    return np.concatenate([audio, np.zeros((audio.shape[0], n - audio.shape[-1]), np.float32)], axis=1)


def extend_soundtrack(source: np.ndarray, source_samples: int, plan: Plan, rate: int = RATE,
                      voicebox: Voicebox | None = None) -> np.ndarray:
    """The source's audio, then the new content's, joined with a short crossfade."""
    head = fit_length(source, source_samples).copy()
    tail = build_soundtrack(plan, rate, voicebox)
    joint = int(0.04 * rate)
    if head.shape[-1] >= joint:
        fade(head[:, -joint:], 0, joint)
        fade(tail[:, :joint], joint, 0)
    return limit(np.concatenate([head, tail], axis=1))


def edit_soundtrack(source: np.ndarray, plan: Plan, rate: int = RATE, voicebox: Voicebox | None = None) -> np.ndarray:
    """The source's own audio under the edit's new speech, ambience and music."""
    new = build_soundtrack(plan, rate, voicebox)
    return limit(fit_length(source, new.shape[-1]) * 0.7 + new)
