"""Ambience beds and effects synthesised from noise and tones.

Every function returns float32 stereo (2, n) at roughly the same loudness (RMS about 0.1), so the
soundtrack can mix beds by simple gains. Left and right use different noise, which makes a bed
sound wide instead of coming from the middle of the head.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from cielo.generation.audio.synth import (
    RATE,
    band_noise,
    decay,
    envelope,
    pan,
    place,
    slow_random,
    tone,
)


def _stereo(make: Callable[[], np.ndarray]) -> np.ndarray:
    return np.stack([make(), make()]).astype(np.float32)


# Each bed takes (n, rng, rate); the rate is the bed's own sample rate (the soundtrack uses 24 kHz).


def rain(n: int, rng: np.random.Generator, rate: int = RATE, heavy: bool = False) -> np.ndarray:
    """Hiss of many drops plus individual close drops."""
    hiss = _stereo(lambda: band_noise(n, rng, 900, 9000, tilt=-2, rate=rate))
    hiss *= 0.06 * (0.85 + 0.15 * slow_random(n, rng, 0.5, rate=rate))
    body = _stereo(lambda: band_noise(n, rng, 150, 900, rate=rate)) * 0.03
    out = hiss + body
    drops = int(n / rate * (45 if heavy else 25))
    for _ in range(drops):
        length = int(rate * rng.uniform(0.01, 0.03))
        freq = rng.uniform(1800, 5500)
        drop = tone(freq * np.linspace(1.2, 0.8, length), length, rate=rate) * decay(length, 0.006, rate=rate)
        place(out, pan(drop * rng.uniform(0.03, 0.1), rng.uniform(-0.9, 0.9)), int(rng.uniform(0, n)))
    return out


def wind(n: int, rng: np.random.Generator, rate: int = RATE, strength: float = 1.0) -> np.ndarray:
    """Low rushing noise in slow gusts, with a faint whistle riding the strongest ones."""
    gusts = slow_random(n, rng, 0.25, low=0.25, high=1.0, rate=rate) ** 2
    rush = _stereo(lambda: band_noise(n, rng, 60, 700, tilt=-3, rate=rate)) * gusts * 0.11 * strength
    whistle = band_noise(n, rng, 700, 1100, rate=rate) * np.clip(gusts - 0.5, 0, 1) * 0.05 * strength
    return rush + pan(whistle, float(rng.uniform(-0.5, 0.5)))


def waves(n: int, rng: np.random.Generator, rate: int = RATE) -> np.ndarray:
    """Swells every 5-9 s: a rising roar, the crash (with a hiss of foam), a long wash back."""
    rumble = _stereo(lambda: band_noise(n, rng, 60, 1500, tilt=-3, rate=rate))
    foam = _stereo(lambda: band_noise(n, rng, 1500, 9000, rate=rate))
    env_body = np.full(n, 0.15, np.float32)
    env_foam = np.zeros(n, np.float32)
    t = float(rng.uniform(-2.0, 1.5))
    while t < n / rate:
        period = float(rng.uniform(5.0, 9.0))
        peak = t + period * 0.35
        env_body = np.maximum(
            env_body, envelope(n, [(t, 0.15), (peak, 1.0), (peak + period * 0.6, 0.2)], rate=rate)
        )
        env_foam = np.maximum(
            env_foam, envelope(n, [(peak - 0.2, 0.0), (peak + 0.1, 1.0), (peak + 2.5, 0.0)], rate=rate)
        )
        t += period
    return rumble * env_body * 0.1 + foam * env_foam * 0.05


def water(n: int, rng: np.random.Generator, rate: int = RATE) -> np.ndarray:
    """Small waves lapping at a lake shore."""
    lap = slow_random(n, rng, 1.2, low=0.0, high=1.0, rate=rate) ** 3
    return _stereo(lambda: band_noise(n, rng, 200, 2500, tilt=-2, rate=rate)) * lap * 0.08


def city(n: int, rng: np.random.Generator, rate: int = RATE) -> np.ndarray:
    """Traffic rumble, cars passing across the stereo field, and now and then a horn."""
    out = _stereo(lambda: band_noise(n, rng, 30, 250, tilt=-4, rate=rate)) * 0.07
    seconds = n / rate
    for _ in range(int(seconds / 1.8) + 1):
        length = int(rate * rng.uniform(2.0, 4.0))
        car = (
            band_noise(length, rng, 80, 2500, tilt=-3, rate=rate)
            * np.hanning(length).astype(np.float32)
            * 0.09
        )
        sweep = np.linspace(-0.9, 0.9, length) * (1 if rng.uniform() < 0.5 else -1)
        angle = (sweep + 1) * np.pi / 4
        stereo = np.stack([car * np.cos(angle), car * np.sin(angle)]).astype(np.float32)
        place(out, stereo, int(rng.uniform(-length / 2, n)))
    for _ in range(int(seconds / 4.5)):
        length = int(rate * rng.uniform(0.25, 0.6))
        base = rng.uniform(330, 460)
        horn = tone(base, length, harmonics=(1, 0.5, 0.33, 0.25), rate=rate) + tone(
            base * 1.26, length, harmonics=(1, 0.5, 0.3), rate=rate
        )
        horn *= (
            envelope(length, [(0, 0), (0.02, 1), (length / rate - 0.05, 1), (length / rate, 0)], rate=rate)
            * 0.025
        )
        place(out, pan(horn, rng.uniform(-0.8, 0.8)), int(rng.uniform(0, n)))
    return out


def crowd(n: int, rng: np.random.Generator, rate: int = RATE, voices: int = 7) -> np.ndarray:
    """Murmur: speech-band noises, each switched on and off at syllable rate like distant talk."""
    out = np.zeros((2, n), np.float32)
    for _ in range(voices):
        centre = rng.uniform(350, 1400)
        babble = band_noise(n, rng, centre * 0.6, centre * 2.2, rate=rate)
        syllables = np.clip(slow_random(n, rng, rng.uniform(4, 7), low=-0.6, high=1.0, rate=rate), 0, 1)
        phrases = np.clip(slow_random(n, rng, 0.4, low=-0.3, high=1.0, rate=rate), 0, 1)
        place(out, pan(babble * syllables * phrases * 0.05, rng.uniform(-0.8, 0.8)), 0)
    return out


def birds(n: int, rng: np.random.Generator, rate: int = RATE) -> np.ndarray:
    """Chirps in little phrases from birds at different places in the stereo field."""
    out = np.zeros((2, n), np.float32)
    t = float(rng.uniform(0.1, 1.0))
    while t < n / rate:
        position = float(rng.uniform(-0.9, 0.9))
        f0 = rng.uniform(2500, 5000)
        for _ in range(int(rng.integers(2, 6))):
            length = int(rate * rng.uniform(0.04, 0.12))
            sweep = np.linspace(f0, f0 * rng.uniform(0.7, 1.5), length)
            trill = 1 + 0.04 * np.sin(np.arange(length) / rate * 2 * np.pi * rng.uniform(30, 60))
            chirp = tone(sweep * trill, length, harmonics=(1, 0.15), rate=rate) * np.hanning(length).astype(
                np.float32
            )
            place(out, pan(chirp * rng.uniform(0.04, 0.09), position), int(t * rate))
            t += length / rate + rng.uniform(0.04, 0.12)
        t += rng.uniform(0.6, 2.5)
    return out


def crickets(n: int, rng: np.random.Generator, rate: int = RATE) -> np.ndarray:
    """Several crickets: a 4-5 kHz tone in short pulse trains."""
    out = np.zeros((2, n), np.float32)
    for _ in range(4):
        freq = rng.uniform(4000, 5200)
        period = rng.uniform(0.5, 1.1)
        position = float(rng.uniform(-0.9, 0.9))
        pulse_len = int(rate * 0.018)
        pulse = (
            tone(freq, pulse_len, rate=rate)
            * np.hanning(pulse_len).astype(np.float32)
            * rng.uniform(0.02, 0.04)
        )
        t = float(rng.uniform(0, period))
        while t < n / rate:
            for k in range(3):
                place(out, pan(pulse, position), int((t + k * 0.03) * rate))
            t += period * rng.uniform(0.9, 1.1)
    return out


def thunder(n: int, rng: np.random.Generator, times: list[float], rate: int = RATE) -> np.ndarray:
    """A crack then a long rolling rumble after each lightning time (seconds)."""
    out = np.zeros((2, n), np.float32)
    for flash in times:
        delay = float(rng.uniform(0.3, 1.2))
        length = int(rate * rng.uniform(2.5, 4.0))
        rumble = np.stack([band_noise(length, rng, 25, 220, tilt=-3, rate=rate) for _ in range(2)])
        roll = slow_random(length, rng, 3.0, low=0.4, high=1.0, rate=rate)
        rumble *= decay(length, length / rate / 3.0, attack=0.05, rate=rate) * roll * 0.35
        crack_len = int(rate * 0.25)
        crack = np.stack([band_noise(crack_len, rng, 200, 6000, rate=rate) for _ in range(2)])
        crack *= decay(crack_len, 0.06, rate=rate) * 0.12
        rumble[:, :crack_len] += crack
        place(out, rumble, int((flash + delay) * rate))
    return out


def room(n: int, rng: np.random.Generator, rate: int = RATE) -> np.ndarray:
    """The near-silence of a room: soft low noise."""
    return _stereo(lambda: band_noise(n, rng, 40, 400, tilt=-3, rate=rate)) * 0.02


def space(n: int, rng: np.random.Generator, rate: int = RATE) -> np.ndarray:
    """A slow, beating drone and a faint airy hiss."""
    base = rng.uniform(48, 60)
    drone = np.zeros(n, np.float32)
    for ratio, amp in ((1.0, 1.0), (1.5, 0.5), (2.0, 0.35), (3.0, 0.12)):
        drone += tone(base * ratio, n, rate=rate) * amp
        drone += tone(base * ratio * 1.003, n, rate=rate) * amp * 0.7  # beating
    drone *= 0.03 * (0.7 + 0.3 * slow_random(n, rng, 0.15, rate=rate))
    hiss = _stereo(lambda: band_noise(n, rng, 2000, 8000, rate=rate)) * 0.008
    return np.stack([drone, drone]) + hiss


BEDS: dict[str, Callable[..., np.ndarray]] = {
    "rain": rain,
    "wind": wind,
    "waves": waves,
    "water": water,
    "city": city,
    "crowd": crowd,
    "birds": birds,
    "crickets": crickets,
    "room": room,
    "space": space,
}
