"""One composition per setting: which ridges, ground, water and details, at which depths.

A landscape draws into a `SceneBuilder` from the back to the front. Depths: 0 is the horizon, 1 is
the nearest layer; they set how far each layer moves when the camera does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
from PIL import Image, ImageDraw

from cielo.generation.engines.preview import details
from cielo.generation.engines.preview.canvas import (
    rgba_view,
    to_u8,
    value_noise_1d,
    value_noise_2d,
    vertical_gradient,
)
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
    hy, h = b.horizon, b.h
    b.sky(clouds=0.3)
    details.headland(b, 0.1, hy)
    shore = hy + int(0.2 * h)
    b.water_band(0.5, hy, shore + int(0.06 * h), surf_row=shore)
    b.ground(0.65, shore + int(0.05 * h), (222, 200, 150), (236, 210, 160), texture=0.1)
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
    # A road: darker asphalt with dashed lane marks; traffic drives along it.
    road0, road1 = int(0.1 * h), int(0.2 * h)
    rgb[road0:road1] = shade((52, 54, 60), b.lit, 0.2)
    dash = (np.arange(rgb.shape[1]) // max(4, w // 18)) % 2 == 0
    mid = (road0 + road1) // 2
    rgb[mid : mid + max(1, h // 300), dash] = shade((230, 220, 160), b.lit, 0.1)
    b.layers[-1].pixels = b.pack(to_u8(rgb))
    b.roads = [top + road0 + (road1 - road0) // 4, top + road0 + 3 * (road1 - road0) // 4]
    details.street_lamps(b, 1.0)


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


def space(b: SceneBuilder) -> None:
    hy, h, w = b.horizon, b.h, b.w
    b.sky(clouds=0.0)
    # A nebula glow mixed into the sky.
    sky = b.layers[-1]
    rgb = rgba_view(sky.pixels)[..., :3]
    neb = value_noise_2d(rgb.shape[0], rgb.shape[1], w / 4, b.rng)
    tint = np.array([(150, 60, 170), (40, 120, 170), (190, 80, 90)][int(b.rng.integers(3))], np.float32)
    amount = np.clip(neb - 0.45, 0, 1)[..., None] * 0.9
    rgb[...] = to_u8(rgb * (1 - amount) + tint * amount)
    details.planet(b, 0.08)
    b.ridge(
        0.6,
        hy - int(0.04 * h),
        hy + 0.0 * h,
        0.03 * h,
        ((w / 1.5, 1.0), (w / 8, 0.2)),
        (150, 150, 156),
        (110, 110, 118),
        distance=0.1,
        texture=0.18,
        bottom=b.bottom(0.6),
    )
    details.craters(b, 0.6, hy)
    details.rocks(b, 1.0, (120, 118, 126), count=3)


def indoor(b: SceneBuilder) -> None:
    h, w = b.h, b.w
    floor = b.horizon
    depth = 0.25
    # The wall is the backmost layer, so it covers the whole frame at any tilt.
    cols, rows = b.cols(depth), b.bottom(depth) + b.tilt
    wall = b.c(
        tuple(
            int(v) for v in b.rng.choice([(214, 196, 170), (186, 204, 196), (206, 186, 196), (196, 200, 216)])
        )
    )
    wall_rgb = np.empty((rows, cols, 3), np.float32)
    wall_rgb[:] = wall
    wall_rgb *= (0.9 + 0.1 * value_noise_2d(rows, cols, w / 10, b.rng))[..., None]
    img = Image.fromarray(to_u8(wall_rgb))
    draw = ImageDraw.Draw(img)
    off = b.tilt  # wall row of screen row 0 (the wall starts `tilt` rows above the frame)
    m = b.margin(depth)
    # A window onto the outside: a small sky for the time of day, where rain and snow fall.
    wx0, wx1 = m + int(0.12 * w), m + int(0.5 * w)
    wy0, wy1 = off + int(0.12 * h), off + int(0.42 * h)
    outside = vertical_gradient(wy1 - wy0, b.lit.sky_stops)
    img.paste(Image.fromarray(to_u8(np.repeat(outside[:, None, :], wx1 - wx0, axis=1))), (wx0, wy0))
    hills = value_noise_1d(wx1 - wx0, b.rng, (((wx1 - wx0) / 2, 1.0),))
    for x, v in enumerate(hills):
        y = int(wy1 - (wy1 - wy0) * (0.22 + 0.08 * v))
        draw.line([(wx0 + x, y), (wx0 + x, wy1)], fill=b.c((60, 90, 70), 0.5))
    frame_color = b.c((240, 236, 228))
    bar = max(2, w // 90)
    draw.rectangle([wx0 - bar, wy0 - bar, wx1 + bar, wy1 + bar], outline=frame_color, width=bar)
    draw.line([((wx0 + wx1) // 2, wy0), ((wx0 + wx1) // 2, wy1)], fill=frame_color, width=bar)
    draw.line([(wx0, (wy0 + wy1) // 2), (wx1, (wy0 + wy1) // 2)], fill=frame_color, width=bar)
    b.window = (wx0 - m, wy0 - off, wx1 - m, wy1 - off)
    # A picture and a shelf with books.
    px0, py0 = m + int(0.62 * w), off + int(0.16 * h)
    draw.rectangle([px0, py0, px0 + int(0.22 * w), py0 + int(0.14 * h)], fill=b.c((120, 80, 50)))
    draw.rectangle(
        [px0 + bar * 2, py0 + bar * 2, px0 + int(0.22 * w) - bar * 2, py0 + int(0.14 * h) - bar * 2],
        fill=b.c(tuple(int(v) for v in b.rng.integers(60, 220, 3))),
    )
    sy = off + int(0.42 * h)
    draw.rectangle([m + int(0.6 * w), sy, m + int(0.92 * w), sy + bar * 2], fill=b.c((110, 76, 50)))
    x = m + int(0.61 * w)
    while x < m + int(0.9 * w):
        bw = int(b.rng.integers(max(2, w // 80), max(3, w // 40)))
        bh = int(b.rng.integers(int(0.04 * h), int(0.07 * h)))
        draw.rectangle([x, sy - bh, x + bw, sy], fill=b.c(tuple(int(v) for v in b.rng.integers(40, 200, 3))))
        x += bw + 1
    # Skirting board where the wall meets the floor.
    draw.rectangle([0, off + floor - max(2, h // 80), cols, off + floor], fill=b.c((236, 230, 220)))
    b.add_opaque(np.asarray(img), -b.tilt, depth)
    b.ground(0.6, floor, (150, 104, 70), (120, 80, 52), texture=0.1, stripes=0.25)
    details.furniture(b, 1.0)
    if b.shot.time_of_day in ("night", "sunset"):
        b.lamps.append((int(0.82 * w), int(floor - 0.18 * h)))


LANDSCAPES: dict[str, Callable[[SceneBuilder], None]] = {
    "countryside": countryside,
    "forest": forest,
    "mountains": mountains,
    "beach": beach,
    "lake": lake,
    "city": city,
    "desert": desert,
    "snow": snow,
    "space": space,
    "indoor": indoor,
}
