"""Mixing helpers: ducking envelopes and a look-ahead peak limiter.

The limiter keeps the mix at or below a ceiling without audible pumping: gain is computed per 5 ms
block from the loudest sample in that block and its neighbours (so it drops just before a peak),
recovers slowly, and is interpolated per sample. A final safety scale guarantees the ceiling.
"""

from __future__ import annotations

import numpy as np

from cielo.generation.audio.synth import RATE

CEILING_DBFS = -2.0  # PCM peak; AAC adds a little overshoot and must stay under -1 dBFS
BLOCK = 240  # 5 ms at 48 kHz


def db_to_gain(db: float) -> float:
    return float(10 ** (db / 20))


def activity_envelope(
    active: np.ndarray, rate: int = RATE, attack: float = 0.05, release: float = 0.35
) -> np.ndarray:
    """Smooth a 0/1 per-sample activity mask into a 0..1 envelope (fast up, slow down)."""
    n = active.shape[0]
    block = rate // 100
    blocks = max(1, -(-n // block))
    padded = np.zeros(blocks * block, np.float32)
    padded[:n] = active
    level = padded.reshape(blocks, block).max(axis=1)
    up, down = 1.0 / max(1, attack * 100), 1.0 / max(1, release * 100)
    smooth = np.empty_like(level)
    current = 0.0
    for i, target in enumerate(level):  # 100 steps a second: cheap even in Python
        current = min(target, current + up) if target > current else max(target, current - down)
        smooth[i] = current
    centres = (np.arange(blocks) + 0.5) * block
    return np.interp(np.arange(n), centres, smooth).astype(np.float32)


def limit(mix: np.ndarray, ceiling_dbfs: float = CEILING_DBFS, release: float = 0.25) -> np.ndarray:
    """(2, n) float32 -> the same, with every sample within the ceiling."""
    ceiling = db_to_gain(ceiling_dbfs)
    n = mix.shape[-1]
    if n == 0:
        return mix
    blocks = -(-n // BLOCK)
    padded = np.zeros((mix.shape[0], blocks * BLOCK), np.float32)
    padded[:, :n] = mix
    peaks = np.abs(padded).reshape(mix.shape[0], blocks, BLOCK).max(axis=(0, 2))
    wanted = np.minimum(1.0, ceiling / np.maximum(peaks, 1e-9))
    # Look one block ahead and behind, so the gain is already down when the peak arrives.
    ahead = np.minimum(wanted, np.minimum(np.roll(wanted, -1), np.roll(wanted, 1)))
    step = BLOCK / (release * RATE)
    gain = np.empty_like(ahead)
    current = 1.0
    for i, target in enumerate(ahead):
        current = target if target < current else min(target, current + step)
        gain[i] = current
    centres = (np.arange(blocks) + 0.5) * BLOCK
    per_sample = np.interp(np.arange(n), centres, gain).astype(np.float32)
    out = mix * per_sample
    peak = float(np.max(np.abs(out)))
    if peak > ceiling:  # interpolation between blocks can overshoot by a hair
        out *= ceiling / peak
    return out.astype(np.float32)
