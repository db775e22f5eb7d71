"""A gentle music bed: a chord progression by mood, played by a soft pad, a bass and an arpeggio."""

from __future__ import annotations

import numpy as np

from cielo.generation.audio.synth import RATE, decay, midi_to_hz, place, tone
from cielo.generation.plan import MusicCue

SCALES = {"major": (0, 2, 4, 5, 7, 9, 11), "minor": (0, 2, 3, 5, 7, 8, 10)}
PAD_HARMONICS = (1.0, 0.3, 0.12, 0.05)  # a soft, slightly reedy tone
PLUCK_HARMONICS = (1.0, 0.4, 0.1)


def chord_notes(cue: MusicCue, degree: int) -> list[int]:
    """MIDI notes of the triad built on a scale degree (stacked thirds within the scale)."""
    scale = SCALES[cue.scale]
    notes = []
    for step in (0, 2, 4):
        index = degree + step
        notes.append(cue.root + scale[index % 7] + 12 * (index // 7))
    return notes


def music_bed(cue: MusicCue, seconds: float, rng: np.random.Generator, rate: int = RATE) -> np.ndarray:
    """(2, n) float32 at about -22 dBFS RMS; the progression loops for as long as needed."""
    n = round(seconds * rate)
    out = np.zeros((2, n), np.float32)
    beat = 60.0 / cue.tempo
    bar = 4 * beat
    style = cue.mood
    chords = int(np.ceil(seconds / bar)) + 1
    for c in range(chords):
        start = c * bar
        notes = chord_notes(cue, cue.progression[c % len(cue.progression)])
        _pad(out, notes, start, bar, rate)
        _bass(out, notes[0] - 12, start, beat, style, rate)
        if style in ("happy", "romantic", "calm"):
            _arpeggio(out, notes, start, beat, style, rng, rate)
        elif style == "tense":
            _pulse(out, notes[0] - 12, start, beat, rate)
        elif style == "epic":
            _drum(out, start, beat, rate)
        elif style == "sad":
            _sparse_keys(out, notes, start, beat, rng, rate)
    return out


_pad_cache: dict[tuple[tuple[int, ...], float, int], np.ndarray] = {}


def _pad(out: np.ndarray, notes: list[int], start: float, length: float, rate: int) -> None:
    # Each chord fades in and out over half a second so consecutive chords overlap smoothly. A
    # progression repeats, so each distinct chord is synthesised once and reused.
    key = (tuple(notes), round(length, 4), rate)
    chord = _pad_cache.get(key)
    if chord is None:
        n = int((length + 0.6) * rate)
        t = np.arange(n, dtype=np.float32) / rate
        env = np.clip(t / 0.5, 0, 1) * np.clip((length + 0.6 - t) / 0.6, 0, 1)
        mono = sum(
            tone(midi_to_hz(note) * (1.0 + 0.0015 * (i - 1)), n, rate, PAD_HARMONICS, phase=i)
            for i, note in enumerate(notes)
        )
        mono = mono * env * 0.026
        # Width without a second oscillator bank: the right channel is the left 12 ms later.
        delay = int(0.012 * rate)
        right = np.concatenate([np.zeros(delay, np.float32), mono[:-delay]])
        chord = np.stack([mono, right]).astype(np.float32)
        if len(_pad_cache) > 64:
            _pad_cache.clear()
        _pad_cache[key] = chord
    place(out, chord, int(start * rate))


def _bass(out: np.ndarray, note: int, start: float, beat: float, style: str, rate: int) -> None:
    n = int(beat * 1.8 * rate)
    hit = tone(midi_to_hz(note), n, rate, (1.0, 0.25)) * decay(n, beat * 0.9, rate) * 0.06
    for b in (0, 2) if style != "sad" else (0,):
        place(out, np.stack([hit, hit]), int((start + b * beat) * rate))


def _arpeggio(
    out: np.ndarray,
    notes: list[int],
    start: float,
    beat: float,
    style: str,
    rng: np.random.Generator,
    rate: int,
) -> None:
    pattern = [notes[0] + 12, notes[1] + 12, notes[2] + 12, notes[1] + 12]
    step = beat / 2 if style == "happy" else beat
    n = int(step * 2.5 * rate)
    for k in range(round(4 * beat / step)):
        note = pattern[k % len(pattern)]
        pluck = tone(midi_to_hz(note), n, rate, PLUCK_HARMONICS) * decay(n, step * 0.8, rate) * 0.03
        side = 0.3 if k % 2 else -0.3
        stereo = np.stack([pluck * (1 - side), pluck * (1 + side)]) * 0.8
        place(out, stereo, int((start + k * step) * rate))


def _pulse(out: np.ndarray, note: int, start: float, beat: float, rate: int) -> None:
    n = int(beat / 2 * rate)
    p = tone(midi_to_hz(note), n, rate, (1.0, 0.5, 0.3)) * decay(n, beat * 0.15, rate) * 0.05
    for k in range(8):
        place(out, np.stack([p, p]), int((start + k * beat / 2) * rate))


def _drum(out: np.ndarray, start: float, beat: float, rate: int) -> None:
    n = int(beat * 1.5 * rate)
    t = np.arange(n, dtype=np.float32) / rate
    freq = 55 + 60 * np.exp(-t / 0.05)  # a pitch drop: timpani-ish
    hit = tone(freq, n, rate) * decay(n, 0.35, rate) * 0.12
    for b in (0, 2.5):
        place(out, np.stack([hit, hit]), int((start + b * beat) * rate))


def _sparse_keys(
    out: np.ndarray, notes: list[int], start: float, beat: float, rng: np.random.Generator, rate: int
) -> None:
    n = int(beat * 3 * rate)
    for b in (0, 1.5, 3):
        note = notes[int(rng.integers(len(notes)))] + 12
        key = tone(midi_to_hz(note), n, rate, (1.0, 0.5, 0.25, 0.1)) * decay(n, beat * 1.2, rate) * 0.03
        place(out, np.stack([key, key * 0.9]), int((start + b * beat) * rate))
