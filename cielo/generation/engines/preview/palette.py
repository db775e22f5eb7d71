"""Colours: sky by time of day, light on the scenery, weather, and a colour grade by mood."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cielo.generation.engines.preview.canvas import Color, mix

SKY_STOPS: dict[str, list[tuple[float, Color]]] = {
    "dawn": [(0.0, (62, 84, 150)), (0.55, (196, 150, 175)), (0.85, (250, 186, 150)), (1.0, (255, 214, 160))],
    "day": [(0.0, (48, 118, 212)), (0.6, (118, 176, 236)), (1.0, (190, 222, 246))],
    "sunset": [(0.0, (36, 42, 104)), (0.45, (150, 74, 120)), (0.8, (240, 120, 84)), (1.0, (255, 184, 96))],
    "night": [(0.0, (6, 8, 24)), (0.6, (16, 24, 58)), (1.0, (40, 52, 96))],
}

# Multiplier for the colour of lit scenery: warm at sunset, blue and dark at night.
LIGHT: dict[str, Color] = {
    "dawn": (250, 215, 210),
    "day": (255, 255, 255),
    "sunset": (255, 190, 150),
    "night": (80, 95, 150),
}

SUN: dict[str, tuple[Color, float, float]] = {
    # colour, height above the horizon (fraction of the sky), radius (fraction of width)
    "dawn": ((255, 220, 170), 0.12, 0.07),
    "day": ((255, 250, 225), 0.72, 0.055),
    "sunset": ((255, 170, 80), 0.1, 0.09),
    "night": ((235, 235, 220), 0.6, 0.05),  # the moon
}

OVERCAST: dict[str, Color] = {
    "rain": (120, 126, 138),
    "storm": (70, 74, 88),
    "snow": (200, 205, 214),
    "fog": (196, 198, 202),
}


@dataclass(frozen=True)
class Lighting:
    sky_stops: list[tuple[float, Color]]
    light: np.ndarray  # (3,) float multiplier 0..1
    haze: Color  # what distant things fade into (the horizon colour)
    overcast: float  # 0 clear .. 1 fully covered sky
    fog: float  # 0 .. 1 extra fade towards the haze colour


def lighting(time_of_day: str, weather: str) -> Lighting:
    stops = list(SKY_STOPS[time_of_day])
    overcast = {"rain": 0.75, "storm": 0.9, "snow": 0.6, "fog": 0.55}.get(weather, 0.0)
    if weather in OVERCAST:
        grey = np.array(OVERCAST[weather], dtype=np.float32)
        if time_of_day == "night":
            grey = grey * 0.3
        elif time_of_day in ("sunset", "dawn"):
            grey = grey * 0.8
        stops = [(p, tuple(int(v) for v in mix(c, grey, overcast))) for p, c in stops]
    light = np.array(LIGHT[time_of_day], dtype=np.float32) / 255.0
    if weather in ("rain", "storm"):
        light = light * (0.72 if weather == "rain" else 0.6)
    fog = {"fog": 0.55, "snow": 0.2, "rain": 0.15, "storm": 0.1}.get(weather, 0.0)
    return Lighting(stops, light, stops[-1][1], overcast, fog)


def shade(color: Color, lit: Lighting, distance: float = 0.0) -> np.ndarray:
    """A surface colour under the shot's light, faded towards the haze with distance (0 near .. 1 far)."""
    c = np.asarray(color, dtype=np.float32) * lit.light
    fade = min(1.0, distance * 0.55 + lit.fog * (0.3 + distance))
    return mix(c, lit.haze, fade)


def grade_lut(mood: str, time_of_day: str) -> np.ndarray:
    """A (256, 3) uint8 per-channel curve: contrast and tint by mood, applied to finished pixels."""
    x = np.arange(256, dtype=np.float32) / 255.0
    contrast, tint, lift = {
        "calm": (1.0, (1.0, 1.0, 1.02), 0.0),
        "happy": (1.06, (1.04, 1.02, 0.98), 0.0),
        "sad": (0.92, (0.94, 0.97, 1.06), 0.03),
        "tense": (1.15, (0.96, 1.0, 1.05), -0.02),
        "epic": (1.12, (1.05, 1.0, 0.95), -0.01),
        "romantic": (1.0, (1.07, 0.98, 0.98), 0.02),
    }[mood]
    if time_of_day == "night":
        tint = (tint[0] * 0.95, tint[1], tint[2] * 1.05)
    curve = (x - 0.5) * contrast + 0.5 + lift
    out = np.stack([np.clip(curve * t, 0, 1) for t in tint], axis=1)
    return (out * 255 + 0.5).astype(np.uint8)


def apply_lut(image: np.ndarray, lut: np.ndarray) -> np.ndarray:
    return lut[image, np.arange(3)]


def backdrop_lut(mood: str, time_of_day: str, weather: str, relight: bool) -> np.ndarray:
    """The grade for someone else's pixels (an edited video): the mood curve, and when the prompt
    asked for a time of day or weather, that light too (day-for-night, a grey rainy cast)."""
    lut = grade_lut(mood, time_of_day).astype(np.float32)
    if relight:
        lit = lighting(time_of_day, weather)
        light = np.maximum(lit.light, 0.3)  # keep night edits readable
        lut = lut * light[None, :]
        if lit.overcast:
            grey = lut.mean(axis=1, keepdims=True)
            lut = lut * (1 - 0.35 * lit.overcast) + grey * 0.35 * lit.overcast
    return np.clip(lut + 0.5, 0, 255).astype(np.uint8)
