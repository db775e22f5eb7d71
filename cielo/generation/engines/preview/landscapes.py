"""One composition per setting: which ridges, ground, water and details, at which depths (the first
settings; exteriors.py has the rest, interiors.py the rooms).

A landscape draws into a `SceneBuilder` from the back to the front. Depths: 0 is the horizon, 1 is
the nearest layer; they set how far each layer moves when the camera does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from cielo.generation.engines.preview import details
from cielo.generation.engines.preview.canvas import Color, to_u8
from cielo.generation.engines.preview.palette import shade

if TYPE_CHECKING:
    from cielo.generation.engines.preview.builder import SceneBuilder

# Where the horizon sits, as a fraction of the frame height: low skies for beaches, high for cities.
HORIZON = {
    "beach": 0.5,
    "lake": 0.55,
    "city": 0.62,
    "mountains": 0.62,
    "forest": 0.6,
    "desert": 0.58,
    "snow": 0.58,
    "space": 0.7,
    "indoor": 0.66,
    "countryside": 0.56,
}


def countryside(b: SceneBuilder) -> None:
    hy, h, w = b.horizon, b.h, b.w
    b.sky()
    b.ridge(
        0.12,
        hy - int(0.14 * h),
        hy - 0.03 * h,
        0.05 * h,
        ((w / 2, 1.0), (w / 6, 0.3)),
        (110, 150, 120),
        (90, 130, 100),
        distance=0.8,
    )
    line = b.ridge(
        0.3,
        hy - int(0.08 * h),
        hy + 0.01 * h,
        0.03 * h,
        ((w / 1.5, 1.0), (w / 5, 0.25)),
        (96, 160, 76),
        (70, 132, 60),
        distance=0.35,
    )
    details.round_trees(b, 0.3, line, count=7, size=0.05 * h, distance=0.35)
    details.barn(b, 0.3, line)
    b.ground(0.65, hy + int(0.02 * h), (120, 176, 84), (64, 128, 48), stripes=0.12)
    details.tufts(b, 1.0, (52, 110, 40), count=18)


def forest(b: SceneBuilder) -> None:
    hy, h, w = b.horizon, b.h, b.w
    b.sky(clouds=0.25)
    line = b.ridge(
        0.12,
        hy - int(0.1 * h),
        hy - 0.02 * h,
        0.03 * h,
        ((w / 2, 1.0),),
        (70, 110, 100),
        (60, 100, 90),
        distance=0.8,
    )
    details.pines(b, 0.12, line, count=28, size=0.09 * h, color=(60, 100, 88), distance=0.8)
    line = b.ridge(
        0.35,
        hy - int(0.02 * h),
        hy + 0.02 * h,
        0.015 * h,
        ((w / 2, 1.0),),
        (46, 90, 50),
        (40, 80, 44),
        distance=0.3,
    )
    details.pines(b, 0.35, line, count=16, size=0.2 * h, color=(34, 78, 44), distance=0.3)
    b.ground(0.65, hy + int(0.03 * h), (70, 100, 50), (60, 74, 38), texture=0.18)
    details.trunks(b, 1.0)
    details.tufts(b, 1.0, (40, 92, 40), count=14)


def mountains(b: SceneBuilder) -> None:
    hy, h, w = b.horizon, b.h, b.w
    b.sky(clouds=0.3)
    b.ridge(
        0.06,
        hy - int(0.42 * h),
        hy - 0.1 * h,
        0.26 * h,
        ((w / 1.3, 1.0), (w / 4, 0.35), (w / 12, 0.1)),
        (120, 136, 170),
        (100, 118, 150),
        distance=0.85,
        ridged=True,
        snow_cap=0.35,
    )
    b.ridge(
        0.18,
        hy - int(0.25 * h),
        hy - 0.02 * h,
        0.14 * h,
        ((w / 1.6, 1.0), (w / 5, 0.3), (w / 15, 0.08)),
        (84, 100, 120),
        (70, 86, 96),
        distance=0.5,
        ridged=True,
        snow_cap=0.2,
    )
    line = b.ridge(
        0.4,
        hy - int(0.04 * h),
        hy + 0.01 * h,
        0.02 * h,
        ((w / 2, 1.0),),
        (62, 110, 62),
        (52, 96, 52),
        distance=0.2,
    )
    details.pines(b, 0.4, line, count=12, size=0.12 * h, color=(36, 74, 48), distance=0.2)
    b.ground(0.65, hy + int(0.02 * h), (104, 150, 80), (70, 110, 56), texture=0.16)
    details.rocks(b, 1.0, (110, 108, 104), count=4)


def beach(b: SceneBuilder) -> None:
    b.sky(clouds=0.3)
    details.headland(b, 0.1, b.horizon)
    shore(b)


def shore(b: SceneBuilder, sand: tuple[Color, Color] = ((222, 200, 150), (236, 210, 160))) -> None:
    """The sea from the horizon to a sandy shore with surf, and a palm in front (beach, island)."""
    hy, h = b.horizon, b.h
    line = hy + int(0.2 * h)
    b.water_band(0.5, hy, line + int(0.06 * h), surf_row=line)
    b.ground(0.65, line + int(0.05 * h), sand[0], sand[1], texture=0.1)
    details.palm(b, 1.0)


def lake(b: SceneBuilder) -> None:
    hy, h, w = b.horizon, b.h, b.w
    b.sky(clouds=0.3)
    b.ridge(
        0.1,
        hy - int(0.2 * h),
        hy - 0.01 * h,
        0.12 * h,
        ((w / 1.5, 1.0), (w / 5, 0.3)),
        (110, 130, 150),
        (96, 116, 130),
        distance=0.75,
        ridged=True,
        snow_cap=0.15,
    )
    line = b.ridge(
        0.25,
        hy - int(0.05 * h),
        hy + 0.003 * h,
        0.008 * h,
        ((w / 3, 1.0),),
        (50, 90, 60),
        (44, 80, 54),
        distance=0.4,
    )
    details.pines(b, 0.25, line, count=26, size=0.07 * h, color=(38, 76, 50), distance=0.4)
    shore = hy + int(0.22 * h)
    b.water_band(0.5, hy, shore + 2, surf_row=None)
    b.ground(0.65, shore, (96, 130, 70), (70, 104, 52), texture=0.14)
    details.reeds(b, 1.0)


def city(b: SceneBuilder) -> None:
    hy, h, w = b.horizon, b.h, b.w
    b.sky(clouds=0.2)
    details.buildings(
        b, 0.1, hy, max_height=0.42 * h, width=(0.06 * w, 0.14 * w), color=(110, 122, 150), distance=0.75
    )
    details.buildings(
        b,
        0.3,
        hy + int(0.02 * h),
        max_height=0.3 * h,
        width=(0.14 * w, 0.3 * w),
        color=(78, 84, 100),
        distance=0.3,
    )
    top = hy + int(0.02 * h)
    rgb = b.ground(0.65, top, (110, 110, 116), (70, 70, 76), texture=0.06)
    city_road(b, rgb, top, int(0.1 * h), int(0.2 * h))
    details.street_lamps(b, 1.0)


def city_road(b: SceneBuilder, rgb: np.ndarray, top: int, road0: int, road1: int) -> None:
    """Asphalt across the ground layer with dashed lane marks (wet in the rain); traffic drives along it."""
    h, w = b.h, b.w
    rgb[road0:road1] = shade((52, 54, 60), b.lit, 0.2)
    if b.shot.weather in ("rain", "storm"):
        rgb[road0:] *= 0.85
    dash = (np.arange(rgb.shape[1]) // max(4, w // 18)) % 2 == 0
    mid = (road0 + road1) // 2
    rgb[mid : mid + max(1, h // 300), dash] = shade((230, 220, 160), b.lit, 0.1)
    b.layers[-1].pixels = b.pack(to_u8(rgb))
    b.roads = [top + road0 + (road1 - road0) // 4, top + road0 + 3 * (road1 - road0) // 4]


def desert(b: SceneBuilder) -> None:
    hy, h, w = b.horizon, b.h, b.w
    b.sky(clouds=0.1)
    noise_line = b.ridge(
        0.08,
        hy - int(0.16 * h),
        hy - 0.02 * h,
        0.1 * h,
        ((w / 2.5, 1.0),),
        (176, 120, 96),
        (150, 100, 80),
        distance=0.7,
    )
    del noise_line
    b.ridge(
        0.3,
        hy - int(0.06 * h),
        hy + 0.02 * h,
        0.04 * h,
        ((w / 1.2, 1.0), (w / 4, 0.2)),
        (232, 180, 112),
        (210, 150, 90),
        distance=0.3,
        texture=0.04,
    )
    b.ground(0.65, hy + int(0.05 * h), (236, 190, 120), (214, 160, 96), texture=0.08, stripes=0.06)
    details.cacti(b, 1.0)


def snow(b: SceneBuilder) -> None:
    hy, h, w = b.horizon, b.h, b.w
    b.sky(clouds=0.4)
    b.ridge(
        0.08,
        hy - int(0.3 * h),
        hy - 0.03 * h,
        0.18 * h,
        ((w / 1.4, 1.0), (w / 5, 0.3)),
        (200, 214, 232),
        (176, 194, 220),
        distance=0.6,
        ridged=True,
        snow_cap=1.0,
    )
    line = b.ridge(
        0.3,
        hy - int(0.04 * h),
        hy + 0.01 * h,
        0.02 * h,
        ((w / 2, 1.0),),
        (226, 234, 244),
        (210, 222, 238),
        distance=0.3,
    )
    details.pines(b, 0.3, line, count=10, size=0.13 * h, color=(50, 80, 70), distance=0.3, snowy=True)
    b.ground(0.65, hy + int(0.02 * h), (224, 232, 244), (244, 248, 255), texture=0.05)
    details.rocks(b, 1.0, (236, 242, 250), count=3)


LANDSCAPES: dict[str, Callable[[SceneBuilder], None]] = {
    "countryside": countryside,
    "forest": forest,
    "mountains": mountains,
    "beach": beach,
    "lake": lake,
    "city": city,
    "desert": desert,
    "snow": snow,
}
