"""Small DSP building blocks in numpy: filtered noise, envelopes, panning, placement.

Filters work in the frequency domain (one rfft/irfft per call) rather than sample by sample: a
12-second stereo bed is a million samples, and a Python loop over them would cost seconds.
"""

from __future__ import annotations

import numpy as np

RATE = 48_000


LOOP = 2**17  # 2.7 s: noise beds are built from a seamless loop this long


def band_noise(
    n: int, rng: np.random.Generator, low: float, high: float, rate: int = RATE, tilt: float = 0.0
) -> np.ndarray:
    """Noise with energy between `low` and `high` Hz (soft edges); `tilt` dB/octave slopes it
    (negative = darker, -3 pink-ish, -6 brown-ish). Normalised to unit RMS.

    Filtering in the frequency domain makes the result exactly periodic, so a 2.7 s loop tiles
    without clicks; the beds modulate it, so the loop is not heard as one.
    """
    if n <= 0:
        return np.zeros(0, np.float32)
    size = min(LOOP, 1 << max(8, int(np.ceil(np.log2(n)))))
    spectrum = np.fft.rfft(rng.standard_normal(size).astype(np.float32))
    f = np.maximum(np.fft.rfftfreq(size, 1.0 / rate).astype(np.float32), 1.0)
    gain = 1.0 / (1.0 + (low / f) ** 4) / (1.0 + (f / max(high, 1.0)) ** 4)  # 24 dB/oct-ish edges
    if tilt:
        gain = gain * (f / 1000.0) ** (tilt / 6.02)
    loop = np.fft.irfft(spectrum * gain, size).astype(np.float32)
    loop /= float(np.sqrt(np.mean(loop * loop))) or 1.0
    if size >= n:
        return loop[:n]
    loop = np.roll(loop, int(rng.integers(size)))
    return np.tile(loop, -(-n // size))[:n]


def slow_random(
    n: int, rng: np.random.Generator, per_second: float, rate: int = RATE, low: float = 0.0, high: float = 1.0
) -> np.ndarray:
    """A smooth random curve between low and high with about `per_second` wiggles a second."""
    knots = max(2, int(n / rate * per_second) + 2)
    values = rng.uniform(low, high, knots).astype(np.float32)
    control = max(2, int(n / rate * 500) + 2)  # shape it at 500 Hz, then interpolate
    x = np.linspace(0, knots - 1, control, dtype=np.float32)
    i = np.minimum(x.astype(np.int32), knots - 2)
    frac = x - i
    frac = frac * frac * (3 - 2 * frac)
    curve = values[i] * (1 - frac) + values[i + 1] * frac
    return np.interp(np.linspace(0, control - 1, n, dtype=np.float32), np.arange(control), curve).astype(
        np.float32
    )


def envelope(n: int, points: list[tuple[float, float]], rate: int = RATE) -> np.ndarray:
    """Piecewise-linear gain through (seconds, gain) points."""
    t = np.arange(n, dtype=np.float32) / rate
    xs, ys = zip(*points)
    return np.interp(t, xs, ys).astype(np.float32)


def pan(mono: np.ndarray, position: float) -> np.ndarray:
    """Equal-power pan: position -1 (left) .. 1 (right) -> (2, n)."""
    angle = (np.clip(position, -1, 1) + 1) * np.pi / 4
    return np.stack([mono * np.cos(angle), mono * np.sin(angle)]).astype(np.float32)


def place(dst: np.ndarray, src: np.ndarray, start: int) -> None:
    """Add (2, m) or (m,) `src` into (2, n) `dst` from sample `start`, clipped to dst's length."""
    if start >= dst.shape[-1]:
        return
    s0 = max(0, -start)
    start = max(0, start)
    length = min(src.shape[-1] - s0, dst.shape[-1] - start)
    if length <= 0:
        return
    dst[..., start : start + length] += src[..., s0 : s0 + length]


def fade(signal: np.ndarray, fade_in: int, fade_out: int) -> np.ndarray:
    """Linear fades at both ends (in place and returned)."""
    n = signal.shape[-1]
    if fade_in > 0:
        k = min(fade_in, n)
        signal[..., :k] *= np.linspace(0, 1, k, dtype=np.float32)
    if fade_out > 0:
        k = min(fade_out, n)
        signal[..., n - k :] *= np.linspace(1, 0, k, dtype=np.float32)
    return signal


TABLE = 4096
_tables: dict[tuple[float, ...], np.ndarray] = {}


def _wavetable(harmonics: tuple[float, ...]) -> np.ndarray:
    table = _tables.get(harmonics)
    if table is None:
        phase = np.arange(TABLE + 1) * 2 * np.pi / TABLE
        table = sum(a * np.sin(k * phase) for k, a in enumerate(harmonics, start=1) if a).astype(np.float32)
        _tables[harmonics] = table
    return table


def tone(
    freq: float | np.ndarray,
    n: int,
    rate: int = RATE,
    harmonics: tuple[float, ...] = (1.0,),
    phase: float = 0.0,
) -> np.ndarray:
    """A sum of harmonics at `freq` (Hz, constant or per-sample) with the given amplitudes,
    read from a one-cycle wavetable (one lookup per sample instead of a sine per harmonic)."""
    if np.isscalar(freq):
        # float32 is precise enough here: a few thousand cycles lose well under 1/1000 of a cycle.
        cycles = np.arange(n, dtype=np.float32) * np.float32(float(freq) / rate)
    else:
        cycles = (np.cumsum(np.asarray(freq, np.float64)) / rate).astype(np.float32)
    cycles += np.float32(phase / (2 * np.pi))
    position = (cycles - np.floor(cycles)) * np.float32(TABLE)
    index = position.astype(np.int32)
    frac = position - index
    table = _wavetable(tuple(harmonics))
    return table[index] * (1 - frac) + table[index + 1] * frac


def decay(n: int, seconds: float, rate: int = RATE, attack: float = 0.005) -> np.ndarray:
    """Exponential decay with a short linear attack (plucks, drops, hits)."""
    t = np.arange(n, dtype=np.float32) / rate
    env = np.exp(-t / max(1e-4, seconds))
    a = max(1, int(attack * rate))
    env[:a] *= np.linspace(0, 1, min(a, n), dtype=np.float32)
    return env.astype(np.float32)


def midi_to_hz(note: float) -> float:
    return 440.0 * 2 ** ((note - 69) / 12)
