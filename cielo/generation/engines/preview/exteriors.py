"""More outdoor places: fields, farms, parks and gardens, jungle and savanna, islands and harbours,
streets, villages, rooftops and terraces, a castle, a road, a stadium, caves, volcanoes, under the
sea, the moon and Mars.

Each is composed like the landscapes in landscapes.py: back to front, silhouettes at depths, with
the drawing primitives of builder.py; what is particular to a place is drawn here.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from cielo.generation.engines.preview import details
from cielo.generation.engines.preview.canvas import to_u8, value_noise_2d, vertical_gradient
from cielo.generation.engines.preview.landscapes import city_road, shore
from cielo.generation.engines.preview.layers import Layer

if TYPE_CHECKING:
    from cielo.generation.engines.preview.builder import SceneBuilder

HORIZON = {
    "field": 0.55, "farm": 0.56, "park": 0.58, "garden": 0.6, "jungle": 0.62, "savanna": 0.55, "island": 0.5,
    "underwater": 0.6, "harbor": 0.52, "street": 0.66, "village": 0.6, "rooftop": 0.62, "terrace": 0.6,
    "castle": 0.6, "road": 0.56, "stadium": 0.56, "cave": 0.66, "volcano": 0.6, "moon": 0.62, "mars": 0.58,
}


def _hills(b: SceneBuilder, far: tuple[int, int, int], near: tuple[int, int, int]) -> np.ndarray:
    hy, h, w = b.horizon, b.h, b.w
    b.ridge(0.12, hy - int(0.12 * h), hy - 0.03 * h, 0.04 * h, ((w / 2, 1.0), (w / 6, 0.3)), far, far, distance=0.8)
    return b.ridge(0.3, hy - int(0.07 * h), hy + 0.01 * h, 0.025 * h, ((w / 1.5, 1.0), (w / 5, 0.25)), near, near, distance=0.35)


# ----------------------------------------------------------------------------------- nature

def field(b: SceneBuilder) -> None:
    """Open fields; a variant fills them with sunflowers, lavender, wheat or wildflowers."""
    hy, h = b.horizon, b.h
    variant = b.shot.variant
    b.sky(clouds=0.3)
    line = _hills(b, (120, 156, 130), (100, 160, 80))
    details.round_trees(b, 0.3, line, count=4, size=0.04 * h, distance=0.35)
    ground = {"lavender": ((140, 130, 170), (110, 120, 80)), "wheat": ((226, 196, 110), (200, 170, 80)),
              "sunflowers": ((120, 150, 60), (90, 130, 50))}.get(variant, ((120, 176, 84), (64, 128, 48)))
    b.ground(0.65, hy + int(0.02 * h), ground[0], ground[1], stripes=0.15)
    if variant:
        _crop_rows(b, 0.7, variant, rows=3, scale=0.55)
        _crop_rows(b, 1.0, variant, rows=2, scale=1.0)
    else:
        details.tufts(b, 1.0, (52, 110, 40), count=22)


def _crop_rows(b: SceneBuilder, depth: float, variant: str, rows: int, scale: float) -> None:
    """Rows of flowers or crops: small and dense far away, big in front."""
    img, draw = b.canvas(depth, b.bottom(depth))
    h = b.h
    start = 0.72 if depth < 1 else 0.9
    for r in range(rows):
        y0 = h * (start + r * (0.06 if depth < 1 else 0.08))
        size = h * (0.035 + 0.02 * r) * scale * (1.6 if variant == "sunflowers" else 1.0)
        x = float(b.rng.uniform(0, size))
        while x < img.width:
            xx = x + float(b.rng.uniform(-size * 0.3, size * 0.3))
            yy = y0 + float(b.rng.uniform(-size * 0.3, size * 0.3))
            if variant == "sunflowers":
                stem = b.c((70, 130, 50))
                draw.line([(xx, yy + size * 2), (xx, yy)], fill=stem, width=max(2, int(size * 0.12)))
                draw.ellipse([xx, yy + size * 0.6, xx + size * 0.7, yy + size * 0.9], fill=b.c((80, 150, 60)))
                for k in range(12):
                    a = k * math.pi / 6
                    px, py = xx + math.cos(a) * size * 0.55, yy + math.sin(a) * size * 0.55
                    draw.ellipse([px - size * 0.28, py - size * 0.28, px + size * 0.28, py + size * 0.28], fill=b.c((250, 200, 30)))
                draw.ellipse([xx - size * 0.38, yy - size * 0.38, xx + size * 0.38, yy + size * 0.38], fill=b.c((110, 70, 30)))
            elif variant == "lavender":
                for k in range(4):
                    draw.line([(xx + k * 2, yy + size * 1.2), (xx + k * 3 - 3, yy)], fill=b.c((90, 120, 80)), width=1)
                    draw.ellipse([xx + k * 3 - 5, yy - size * 0.5, xx + k * 3 - 1, yy + size * 0.2], fill=b.c((150, 110, 210)))
            elif variant == "wheat":
                for k in range(5):
                    draw.line([(xx + k * 2, yy + size * 1.3), (xx + k * 3 - 4, yy)], fill=b.c((220, 180, 90)), width=max(1, int(size * 0.08)))
                    draw.ellipse([xx + k * 3 - 6, yy - size * 0.4, xx + k * 3 - 2, yy + size * 0.1], fill=b.c((236, 200, 110)))
            else:
                color = b.rng.choice([(240, 80, 110), (250, 220, 60), (250, 250, 250), (200, 90, 220), (240, 120, 40)])
                draw.line([(xx, yy + size), (xx, yy)], fill=b.c((60, 140, 60)), width=1)
                draw.ellipse([xx - size * 0.3, yy - size * 0.3, xx + size * 0.3, yy + size * 0.3], fill=b.c(tuple(int(v) for v in color)))
            x += size * (1.4 if variant == "sunflowers" else 0.9)
    b.add_rgba(np.asarray(img), 0, depth)


def farm(b: SceneBuilder) -> None:
    hy, h = b.horizon, b.h
    b.sky(clouds=0.35)
    line = _hills(b, (120, 156, 130), (100, 160, 80))
    details.round_trees(b, 0.3, line, count=5, size=0.05 * h, distance=0.35)
    _barn(b, 0.4, hy + int(0.01 * h))
    b.ground(0.65, hy + int(0.02 * h), (150, 170, 90), (110, 140, 60), stripes=0.1)
    _fence(b, 0.85, int(0.86 * h))
    details.tufts(b, 1.0, (110, 130, 50), count=14)


def _barn(b: SceneBuilder, depth: float, base: int) -> None:
    img, draw = b.canvas(depth, b.h)
    m, w, h = b.margin(depth), b.w, b.h
    x = m + int(0.62 * w)
    s = 0.13 * h
    draw.rectangle([x - s, base - s, x + s, base], fill=b.c((176, 50, 40), 0.2))
    draw.polygon([(x - s * 1.15, base - s), (x + s * 1.15, base - s), (x, base - s * 1.7)], fill=b.c((90, 40, 36), 0.2))
    draw.rectangle([x - s * 0.35, base - s * 0.75, x + s * 0.35, base], fill=b.c((240, 230, 220), 0.2))
    draw.line([(x - s * 0.35, base - s * 0.75), (x + s * 0.35, base)], fill=b.c((176, 50, 40), 0.2), width=3)
    draw.line([(x + s * 0.35, base - s * 0.75), (x - s * 0.35, base)], fill=b.c((176, 50, 40), 0.2), width=3)
    sx = m + int(0.85 * w)
    draw.rectangle([sx - s * 0.25, base - s * 1.6, sx + s * 0.25, base], fill=b.c((200, 200, 206), 0.2))
    draw.ellipse([sx - s * 0.25, base - s * 1.75, sx + s * 0.25, base - s * 1.45], fill=b.c((170, 170, 176), 0.2))
    b.add_rgba(np.asarray(img), 0, depth)


def _fence(b: SceneBuilder, depth: float, base: int) -> None:
    img, draw = b.canvas(depth, b.bottom(depth))
    h = b.h
    wood = b.c((230, 226, 214))
    step = max(8, b.w // 9)
    for x in range(0, img.width, step):
        draw.rectangle([x, base - int(0.07 * h), x + max(3, step // 6), base], fill=wood)
    for y in (base - int(0.06 * h), base - int(0.03 * h)):
        draw.rectangle([0, y, img.width, y + max(2, h // 200)], fill=wood)
    b.add_rgba(np.asarray(img), 0, depth)


def park(b: SceneBuilder) -> None:
    hy, h, w = b.horizon, b.h, b.w
    b.sky(clouds=0.3)
    details.buildings(b, 0.08, hy - int(0.02 * h), max_height=0.2 * h, width=(0.05 * w, 0.12 * w), color=(150, 160, 180), distance=0.8)
    line = b.ridge(0.25, hy - int(0.05 * h), hy + 0.005 * h, 0.01 * h, ((w / 2, 1.0),), (90, 150, 80), (80, 140, 70), distance=0.4)
    details.round_trees(b, 0.25, line, count=9, size=0.1 * h, distance=0.4)
    rgb = b.ground(0.65, hy + int(0.02 * h), (120, 176, 84), (80, 140, 56))
    # A path that winds towards the viewer.
    rows, cols = rgb.shape[:2]
    yy = np.arange(rows)[:, None]
    center = cols / 2 + np.sin(yy / rows * 3) * cols * 0.15
    half = 6 + yy * 0.35
    path = np.abs(np.arange(cols)[None, :] - center) < half
    rgb[path] = np.asarray(b.c((214, 196, 160)), np.float32)
    b.layers[-1].pixels = b.pack(to_u8(rgb))
    details.tufts(b, 1.0, (60, 120, 44), count=12)
    details.street_lamps(b, 1.0)


def garden(b: SceneBuilder) -> None:
    hy, h, w = b.horizon, b.h, b.w
    b.sky(clouds=0.25)
    line = b.ridge(0.2, hy - int(0.1 * h), hy - 0.04 * h, 0.005 * h, ((w, 1.0),), (60, 120, 60), (50, 110, 50), distance=0.4)
    details.round_trees(b, 0.2, line, count=6, size=0.09 * h, distance=0.4)
    b.ground(0.65, hy + int(0.01 * h), (110, 170, 80), (80, 140, 60))
    _crop_rows(b, 0.8, "flowers", rows=2, scale=0.8)
    _crop_rows(b, 1.0, "flowers", rows=1, scale=1.2)


def jungle(b: SceneBuilder) -> None:
    hy, h, w = b.horizon, b.h, b.w
    b.sky(clouds=0.5)
    for depth, color, count, size, dist in ((0.1, (60, 110, 80), 30, 0.18, 0.7), (0.3, (40, 100, 50), 18, 0.3, 0.35)):
        img, draw = b.canvas(depth, b.h + b.tilt * 2)
        for _ in range(count):
            x = float(b.rng.uniform(0, img.width))
            base = hy + b.tilt + float(b.rng.uniform(0, 0.05)) * h
            s = size * h * float(b.rng.uniform(0.7, 1.3))
            draw.rectangle([x - s * 0.04, base - s, x + s * 0.04, base], fill=b.c((90, 70, 50), dist))
            for k in range(7):
                a = -math.pi / 2 + (k - 3) * 0.45
                ex, ey = x + math.cos(a) * s * 0.55, base - s + math.sin(a) * s * 0.35 + s * 0.2
                draw.polygon([(x, base - s), (ex - s * 0.08, ey), (ex + s * 0.08, ey + s * 0.05)], fill=b.c(color, dist))
            draw.ellipse([x - s * 0.3, base - s * 1.2, x + s * 0.3, base - s * 0.8], fill=b.c(color, dist))
        b.add_rgba(np.asarray(img), -b.tilt, depth)
    b.ground(0.65, hy + int(0.02 * h), (70, 100, 50), (50, 80, 36), texture=0.2)
    # Big leaves and hanging vines in front.
    img, draw = b.canvas(1.0, b.bottom(1.0))
    for k in range(6):
        x = float(b.rng.uniform(0, img.width))
        draw.line([(x, 0), (x + float(b.rng.uniform(-10, 10)), h * float(b.rng.uniform(0.15, 0.35)))], fill=b.c((50, 100, 40)), width=max(2, w // 120))
    for k in range(5):
        x = float(b.rng.uniform(0, img.width))
        y = h * float(b.rng.uniform(0.9, 1.0))
        s = h * 0.12
        draw.ellipse([x - s, y - s * 0.5, x + s, y + s * 0.3], fill=b.c((40, 120, 50)))
        draw.line([(x - s, y - s * 0.1), (x + s, y - s * 0.1)], fill=b.c((30, 90, 40)), width=2)
    b.add_rgba(np.asarray(img), 0, 1.0)


def savanna(b: SceneBuilder) -> None:
    hy, h, w = b.horizon, b.h, b.w
    b.sky(clouds=0.15)
    b.ridge(0.1, hy - int(0.06 * h), hy - 0.01 * h, 0.03 * h, ((w / 1.5, 1.0),), (170, 150, 130), (160, 140, 120), distance=0.8)
    img, draw = b.canvas(0.3, b.h + b.tilt * 2)
    for k in range(4):
        x = float(b.rng.uniform(0, img.width))
        base = hy + b.tilt + h * 0.01
        s = h * float(b.rng.uniform(0.08, 0.14))
        draw.line([(x, base), (x + s * 0.1, base - s * 0.8)], fill=b.c((90, 70, 50), 0.3), width=max(2, int(s * 0.06)))
        draw.line([(x + s * 0.05, base - s * 0.5), (x - s * 0.25, base - s * 0.75)], fill=b.c((90, 70, 50), 0.3), width=max(1, int(s * 0.04)))
        draw.ellipse([x - s * 0.6, base - s * 1.05, x + s * 0.7, base - s * 0.7], fill=b.c((100, 120, 60), 0.3))
    b.add_rgba(np.asarray(img), -b.tilt, 0.3)
    rgb = b.ground(0.65, hy + int(0.01 * h), (220, 190, 110), (200, 160, 80), texture=0.14, stripes=0.06)
    # A waterhole.
    rows, cols = rgb.shape[:2]
    cy, cx = int(rows * 0.3), int(cols * 0.3)
    yy, xx = np.mgrid[0:rows, 0:cols]
    pool = ((yy - cy) / (rows * 0.08)) ** 2 + ((xx - cx) / (cols * 0.22)) ** 2 < 1
    rgb[pool] = np.asarray(b.c((90, 130, 150)), np.float32)
    b.layers[-1].pixels = b.pack(to_u8(rgb))
    details.tufts(b, 1.0, (190, 160, 80), count=22)


def island(b: SceneBuilder) -> None:
    hy, h, w = b.horizon, b.h, b.w
    b.sky(clouds=0.3)
    img, draw = b.canvas(0.2, b.h)
    m = b.margin(0.2)
    cx = m + int(w * float(b.rng.uniform(0.3, 0.7)))
    draw.ellipse([cx - w * 0.3, hy - h * 0.05, cx + w * 0.3, hy + h * 0.02], fill=b.c((220, 200, 150), 0.4))
    draw.ellipse([cx - w * 0.2, hy - h * 0.1, cx + w * 0.22, hy], fill=b.c((70, 140, 70), 0.4))
    for k in range(3):
        px = cx + (k - 1) * w * 0.1
        draw.line([(px, hy - h * 0.05), (px + 4, hy - h * 0.16)], fill=b.c((110, 80, 50), 0.4), width=3)
        for a in np.linspace(-2.6, -0.5, 5):
            draw.line([(px + 4, hy - h * 0.16), (px + 4 + np.cos(a) * w * 0.07, hy - h * 0.16 + np.sin(a) * h * 0.03 + h * 0.02)], fill=b.c((40, 120, 50), 0.4), width=3)
    b.add_rgba(np.asarray(img), 0, 0.2)
    shore(b, ((236, 216, 166), (244, 224, 176)))


def underwater(b: SceneBuilder) -> None:
    hy, h, w = b.horizon, b.h, b.w
    rows = h + 2 * b.tilt + 2
    cols = b.cols(0.05)
    grad = vertical_gradient(rows, [(0.0, (40, 150, 200)), (0.5, (20, 90, 150)), (1.0, (10, 50, 90))])
    rgb = np.repeat(grad[:, None, :], cols, axis=1)
    # Light rays slanting down from the surface.
    x = np.arange(cols, dtype=np.float32)[None, :]
    y = np.arange(rows, dtype=np.float32)[:, None]
    rays = np.clip(np.sin((x + y * 0.35) / max(8, w / 9)) - 0.6, 0, 1) * np.clip(1 - y / (rows * 0.8), 0, 1)
    rgb += rays[..., None] * np.array([60, 80, 70], np.float32)
    b.layers.append(Layer(pixels=b.pack(to_u8(rgb)), mask=None, top=-b.tilt, depth=0.05, margin=b.margin(0.05)))
    b.ridge(0.2, hy - int(0.06 * h), hy, 0.03 * h, ((w / 2, 1.0),), (30, 80, 100), (26, 70, 90), distance=0.2, texture=0.06)
    b.ground(0.65, hy + int(0.01 * h), (190, 176, 130), (214, 196, 150), texture=0.12, stripes=0.05)
    img, draw = b.canvas(1.0, b.bottom(1.0))
    for k in range(9):
        x0 = float(b.rng.uniform(0, img.width))
        base = h * float(b.rng.uniform(0.88, 1.0))
        height = h * float(b.rng.uniform(0.12, 0.3))
        pts = [(x0 + math.sin(j * 0.9 + k) * w * 0.02, base - height * j / 8) for j in range(9)]
        draw.line(pts, fill=b.c((40, 140, 70)), width=max(3, w // 70))
    for k in range(4):
        x0 = float(b.rng.uniform(0, img.width))
        base = h * float(b.rng.uniform(0.9, 1.0))
        c = b.c(tuple(int(v) for v in b.rng.choice([(240, 110, 120), (250, 170, 70), (170, 110, 220)])))
        for a in np.linspace(-2.5, -0.6, 5):
            draw.line([(x0, base), (x0 + math.cos(a) * h * 0.06, base + math.sin(a) * h * 0.08)], fill=c, width=max(3, w // 60))
    b.add_rgba(np.asarray(img), 0, 1.0)


def harbor(b: SceneBuilder) -> None:
    hy, h, w = b.horizon, b.h, b.w
    b.sky(clouds=0.3)
    details.buildings(b, 0.12, hy + 1, max_height=0.12 * h, width=(0.06 * w, 0.12 * w), color=(200, 170, 140), distance=0.6)
    img, draw = b.canvas(0.15, b.h)
    m = b.margin(0.15)
    lx = m + int(0.85 * w)
    draw.polygon([(lx - 8, hy), (lx + 8, hy), (lx + 5, hy - h * 0.2), (lx - 5, hy - h * 0.2)], fill=b.c((240, 240, 240), 0.5))
    for k in range(3):
        draw.rectangle([lx - 7, hy - h * (0.05 + 0.06 * k), lx + 7, hy - h * (0.03 + 0.06 * k)], fill=b.c((210, 50, 40), 0.5))
    draw.rectangle([lx - 6, hy - h * 0.23, lx + 6, hy - h * 0.2], fill=(255, 240, 160))
    b.add_rgba(np.asarray(img), 0, 0.15)
    shore = hy + int(0.26 * h)
    b.water_band(0.5, hy + 2, shore, surf_row=None)
    # A wooden pier in front.
    b.ground(0.65, shore - 2, (150, 110, 70), (130, 90, 56), texture=0.08, stripes=0.35)
    details.street_lamps(b, 1.0)


def street(b: SceneBuilder) -> None:
    """A city street at eye level: shop fronts, a pavement, the road, lamps and traffic."""
    hy, h, w = b.horizon, b.h, b.w
    night = b.shot.time_of_day in ("night", "sunset")
    b.sky(clouds=0.2)
    details.buildings(b, 0.1, hy - int(0.2 * h), max_height=0.35 * h, width=(0.1 * w, 0.2 * w), color=(130, 136, 160), distance=0.6)
    img, draw = b.canvas(0.35, b.h)
    x = -int(b.rng.uniform(0, 0.2 * w))
    base = hy + int(0.01 * h)
    while x < img.width:
        bw = int(b.rng.uniform(0.3, 0.45) * w)
        bh = int(b.rng.uniform(0.35, 0.55) * h)
        wall = b.c(tuple(int(v) for v in b.rng.choice([(200, 150, 120), (170, 180, 190), (220, 200, 160), (150, 110, 100)])), 0.1)
        draw.rectangle([x, base - bh, x + bw - 2, base], fill=wall)
        for wy in range(base - bh + int(0.04 * h), base - int(0.16 * h), int(0.08 * h)):
            for wx in range(x + int(0.04 * w), x + bw - int(0.08 * w), int(0.1 * w)):
                lit = night and b.rng.uniform() < 0.6
                draw.rectangle([wx, wy, wx + int(0.05 * w), wy + int(0.045 * h)], fill=(255, 214, 140) if lit else b.c((120, 150, 180), 0.1))
        awning = tuple(int(v) for v in b.rng.choice([(200, 60, 60), (60, 130, 90), (60, 90, 170), (230, 170, 50)]))
        draw.rectangle([x + int(0.03 * w), base - int(0.13 * h), x + bw - int(0.05 * w), base], fill=b.c((60, 50, 50), 0.1) if not night else (250, 220, 160))
        draw.polygon([(x + int(0.02 * w), base - int(0.15 * h)), (x + bw - int(0.04 * w), base - int(0.15 * h)), (x + bw - int(0.02 * w), base - int(0.12 * h)), (x, base - int(0.12 * h))], fill=b.c(awning, 0.1))
        if night and b.rng.uniform() < 0.7:
            neon = tuple(int(v) for v in b.rng.choice([(255, 60, 160), (60, 220, 255), (255, 200, 60), (140, 255, 120)]))
            sx = x + int(b.rng.uniform(0.05, 0.2) * w)
            draw.rectangle([sx, base - int(0.24 * h), sx + int(0.06 * w), base - int(0.17 * h)], fill=neon)
            b.lamps.append((sx + int(0.03 * w) - b.margin(0.35), base - int(0.2 * h)))
        x += bw
    b.add_rgba(np.asarray(img), 0, 0.35)
    top = hy + int(0.01 * h)
    rgb = b.ground(0.65, top, (160, 160, 166), (110, 110, 116), texture=0.05)
    city_road(b, rgb, top, int(0.08 * h), int(0.22 * h))
    details.street_lamps(b, 1.0)


def village(b: SceneBuilder) -> None:
    hy, h, w = b.horizon, b.h, b.w
    b.sky(clouds=0.3)
    _hills(b, (120, 150, 130), (100, 150, 90))
    img, draw = b.canvas(0.4, b.h + b.tilt)
    x = -int(0.1 * w)
    base = hy + int(0.02 * h)
    k = 0
    while x < img.width:
        hw = int(b.rng.uniform(0.14, 0.22) * w)
        hh = int(b.rng.uniform(0.08, 0.13) * h)
        wall = b.c(tuple(int(v) for v in b.rng.choice([(240, 230, 210), (236, 214, 180), (220, 220, 226)])), 0.2)
        roof = b.c(tuple(int(v) for v in b.rng.choice([(170, 70, 50), (120, 60, 50), (90, 90, 100)])), 0.2)
        draw.rectangle([x, base - hh, x + hw, base], fill=wall)
        draw.polygon([(x - 4, base - hh), (x + hw + 4, base - hh), (x + hw // 2, base - hh - int(0.05 * h))], fill=roof)
        draw.rectangle([x + hw // 2 - 4, base - int(hh * 0.45), x + hw // 2 + 4, base], fill=b.c((110, 80, 50), 0.2))
        draw.rectangle([x + 5, base - int(hh * 0.8), x + 5 + hw // 5, base - int(hh * 0.55)], fill=(255, 220, 150) if b.night else b.c((140, 170, 200), 0.2))
        if k == 2:  # a church tower
            draw.rectangle([x + hw + 6, base - int(0.25 * h), x + hw + 6 + int(0.07 * w), base], fill=wall)
            draw.polygon([(x + hw + 4, base - int(0.25 * h)), (x + hw + 8 + int(0.07 * w), base - int(0.25 * h)), (x + hw + 6 + int(0.035 * w), base - int(0.33 * h))], fill=roof)
            x += int(0.08 * w)
        x += hw + int(b.rng.uniform(0.02, 0.06) * w)
        k += 1
    b.add_rgba(np.asarray(img), 0, 0.4)
    rgb = b.ground(0.65, hy + int(0.02 * h), (180, 170, 150), (150, 140, 126), texture=0.1)
    rows, cols = rgb.shape[:2]
    cobble = (((np.arange(rows)[:, None] // max(3, h // 70)) + (np.arange(cols)[None, :] // max(4, w // 40))) % 2) == 0
    rgb *= np.where(cobble, 1.0, 0.9)[..., None]
    b.layers[-1].pixels = b.pack(to_u8(rgb))
    details.street_lamps(b, 1.0)


def rooftop(b: SceneBuilder) -> None:
    hy, h, w = b.horizon, b.h, b.w
    b.sky(clouds=0.25)
    details.buildings(b, 0.1, hy, max_height=0.4 * h, width=(0.06 * w, 0.14 * w), color=(110, 122, 150), distance=0.7)
    details.buildings(b, 0.25, hy + int(0.05 * h), max_height=0.25 * h, width=(0.12 * w, 0.25 * w), color=(80, 86, 104), distance=0.4)
    b.ground(0.65, hy + int(0.06 * h), (140, 136, 130), (110, 106, 100), texture=0.08, stripes=0.08)
    img, draw = b.canvas(0.7, b.bottom(0.7))
    rail = b.c((60, 62, 70))
    y = hy + int(0.04 * h)
    draw.rectangle([0, y, img.width, y + max(2, h // 160)], fill=rail)
    for x in range(0, img.width, max(6, w // 16)):
        draw.rectangle([x, y, x + 2, y + int(0.06 * h)], fill=rail)
    wx = b.margin(0.7) + int(0.8 * w)
    draw.rectangle([wx - int(0.06 * w), y - int(0.18 * h), wx + int(0.06 * w), y - int(0.08 * h)], fill=b.c((150, 110, 80)))
    draw.polygon([(wx - int(0.07 * w), y - int(0.18 * h)), (wx + int(0.07 * w), y - int(0.18 * h)), (wx, y - int(0.22 * h))], fill=b.c((110, 80, 60)))
    for dx in (-0.05, 0.05):
        draw.line([(wx + dx * w, y - int(0.08 * h)), (wx + dx * w, y + int(0.02 * h))], fill=rail, width=2)
    b.add_rgba(np.asarray(img), 0, 0.7)


def terrace(b: SceneBuilder) -> None:
    """A sunny terrace: tiled floor, a balustrade, potted plants and a view of the sea and the town."""
    hy, h, w = b.horizon, b.h, b.w
    b.sky(clouds=0.2)
    sea_top = hy - int(0.14 * h)
    b.water_band(0.1, sea_top, hy - int(0.02 * h), surf_row=None)
    img, draw = b.canvas(0.2, b.h)
    x = -int(0.05 * w)
    while x < img.width:
        hw = int(b.rng.uniform(0.06, 0.12) * w)
        hh = int(b.rng.uniform(0.03, 0.07) * h)
        draw.rectangle([x, hy - hh, x + hw, hy], fill=b.c(tuple(int(v) for v in b.rng.choice([(250, 246, 236), (240, 220, 190), (236, 200, 170)])), 0.4))
        draw.rectangle([x, hy - hh - 3, x + hw, hy - hh], fill=b.c((190, 90, 60), 0.4))
        x += hw + 2
    b.add_rgba(np.asarray(img), 0, 0.2)
    rgb = b.ground(0.6, hy, (214, 150, 110), (190, 120, 90), texture=0.05)
    rows, cols = rgb.shape[:2]
    yy = np.arange(rows, dtype=np.float32)[:, None]
    xx = np.arange(cols, dtype=np.float32)[None, :] - cols / 2
    tile = ((np.sqrt(yy + 6) * 2.2) % 1.0 < 0.07) | ((xx / (yy + h * 0.2) * 8) % 1.0 < 0.05)
    rgb *= np.where(tile, 0.8, 1.0)[..., None]
    b.layers[-1].pixels = b.pack(to_u8(rgb))
    img, draw = b.canvas(0.62, b.bottom(0.62))
    y0, y1 = hy - int(0.07 * h), hy + int(0.005 * h)
    stone = b.c((246, 240, 226))
    draw.rectangle([0, y0, img.width, y0 + max(3, h // 100)], fill=stone)
    for x in range(0, img.width, max(8, w // 18)):
        draw.ellipse([x, y0 + 3, x + max(6, w // 26), y1], fill=stone)
    b.add_rgba(np.asarray(img), 0, 0.62)
    img, draw = b.canvas(1.0, b.bottom(1.0))
    m = b.margin(1.0)
    for fx in (0.04, 0.94):
        px, py = m + int(fx * w), int(0.99 * h)
        draw.polygon([(px - int(0.06 * w), py - int(0.07 * h)), (px + int(0.06 * w), py - int(0.07 * h)), (px + int(0.045 * w), py), (px - int(0.045 * w), py)], fill=b.c((200, 110, 70)))
        for a in np.linspace(-2.8, -0.3, 8):
            draw.ellipse([px + math.cos(a) * w * 0.07 - 6, py - int(0.07 * h) + math.sin(a) * h * 0.08 - 6, px + math.cos(a) * w * 0.07 + 6, py - int(0.07 * h) + math.sin(a) * h * 0.08 + 6], fill=b.c((60, 140, 60)))
        for a in np.linspace(-2.4, -0.7, 4):
            cx, cy = px + math.cos(a) * w * 0.05, py - int(0.07 * h) + math.sin(a) * h * 0.09
            draw.ellipse([cx - 3, cy - 3, cx + 3, cy + 3], fill=b.c((230, 60, 110)))
    b.add_rgba(np.asarray(img), 0, 1.0)


def castle(b: SceneBuilder) -> None:
    """A castle on its hill: curtain wall, towers with battlements and banners; a stone courtyard."""
    hy, h, w = b.horizon, b.h, b.w
    b.sky(clouds=0.35)
    b.ridge(0.1, hy - int(0.1 * h), hy - 0.02 * h, 0.04 * h, ((w / 2, 1.0),), (110, 140, 130), (100, 130, 120), distance=0.7)
    img, draw = b.canvas(0.22, b.h + b.tilt)
    m = b.margin(0.22)
    stone, dark = b.c((176, 170, 160), 0.2), b.c((130, 124, 118), 0.2)
    base = hy + int(0.02 * h)
    cx = m + w // 2
    wall_top = base - int(0.18 * h)
    draw.rectangle([cx - int(0.42 * w), wall_top, cx + int(0.42 * w), base], fill=stone)
    for x in range(cx - int(0.42 * w), cx + int(0.42 * w), max(6, w // 30)):
        draw.rectangle([x, wall_top - int(0.02 * h), x + max(3, w // 60), wall_top], fill=stone)
    for k, (dx, tw, th) in enumerate(((-0.42, 0.13, 0.32), (0.42, 0.13, 0.32), (-0.14, 0.12, 0.42), (0.14, 0.12, 0.38))):
        tx = cx + int(dx * w)
        top = base - int(th * h)
        draw.rectangle([tx - int(tw * w / 2), top, tx + int(tw * w / 2), base], fill=stone if k < 2 else dark)
        draw.polygon([(tx - int(tw * w / 2) - 3, top), (tx + int(tw * w / 2) + 3, top), (tx, top - int(0.1 * h))], fill=b.c((70, 80, 120), 0.2))
        draw.line([(tx, top - int(0.1 * h)), (tx, top - int(0.16 * h))], fill=b.c((60, 50, 40), 0.2), width=2)
        draw.polygon([(tx, top - int(0.16 * h)), (tx + int(0.06 * w), top - int(0.145 * h)), (tx, top - int(0.13 * h))], fill=b.c((200, 40, 50), 0.2))
        for wy in (top + int(0.05 * h), top + int(0.12 * h)):
            draw.rounded_rectangle([tx - 3, wy, tx + 3, wy + int(0.03 * h)], radius=3, fill=(255, 200, 120) if b.night else b.c((40, 36, 44), 0.2))
    draw.rounded_rectangle([cx - int(0.06 * w), base - int(0.1 * h), cx + int(0.06 * w), base], radius=int(0.06 * w), fill=b.c((70, 50, 40), 0.2))
    b.add_rgba(np.asarray(img), 0, 0.22)
    rgb = b.ground(0.65, hy + int(0.02 * h), (150, 146, 136), (126, 120, 110), texture=0.12)
    rows, cols = rgb.shape[:2]
    flag = (((np.arange(rows)[:, None] // max(4, h // 45)) + (np.arange(cols)[None, :] // max(6, w // 14))) % 2) == 0
    rgb *= np.where(flag, 1.0, 0.88)[..., None]
    b.layers[-1].pixels = b.pack(to_u8(rgb))
    img, draw = b.canvas(1.0, b.bottom(1.0))
    for fx in (0.0, 0.97):
        px = b.margin(1.0) + int(fx * w)
        draw.rectangle([px - int(0.05 * w), int(0.55 * h), px + int(0.05 * w), int(1.05 * h)], fill=b.c((150, 144, 134)))
        draw.rectangle([px - 3, int(0.62 * h), px + 3, int(0.68 * h)], fill=b.c((90, 60, 40)))
        draw.ellipse([px - 6, int(0.585 * h), px + 6, int(0.625 * h)], fill=(255, 170, 60))
        b.lamps.append((px - b.margin(1.0), int(0.6 * h)))
    b.add_rgba(np.asarray(img), 0, 1.0)


def road(b: SceneBuilder) -> None:
    hy, h = b.horizon, b.h
    coastal = any(word in b.shot.description.lower() for word in ("coast", "sea", "ocean", "costa", "mar"))
    b.sky(clouds=0.25)
    if coastal:
        b.water_band(0.12, hy, hy + int(0.06 * h), surf_row=None)
    else:
        _hills(b, (130, 150, 150), (110, 150, 90))
    rgb = b.ground(0.65, hy + int(0.03 * h), (140, 170, 90), (100, 140, 60), texture=0.12)
    rows, cols = rgb.shape[:2]
    yy = np.arange(rows, dtype=np.float32)[:, None]
    xx = np.arange(cols, dtype=np.float32)[None, :] - cols / 2
    half = 4 + yy * 0.9  # the road widens towards the viewer
    asphalt = np.abs(xx) < half
    rgb[asphalt[..., None].repeat(3, axis=2)] = np.broadcast_to(np.asarray(b.c((70, 72, 78)), np.float32), rgb.shape)[asphalt[..., None].repeat(3, axis=2)]
    lane = (np.abs(xx) < (1 + yy * 0.03)) & ((np.sqrt(yy + 4) * 3) % 2 < 1)
    rgb[lane] = np.asarray(b.c((240, 230, 170)), np.float32)
    edge = (np.abs(np.abs(xx) - half * 0.92) < (1 + yy * 0.02))
    rgb[edge] = np.asarray(b.c((236, 236, 236)), np.float32)
    b.layers[-1].pixels = b.pack(to_u8(rgb))
    details.tufts(b, 1.0, (80, 130, 50), count=10)


def stadium(b: SceneBuilder) -> None:
    hy, h, w = b.horizon, b.h, b.w
    track = b.shot.variant == "track"
    b.sky(clouds=0.2)
    img, draw = b.canvas(0.2, b.h + b.tilt)
    m = b.margin(0.2)
    top = hy - int(0.22 * h)
    draw.rectangle([0, top, img.width, hy + 2], fill=b.c((70, 74, 86), 0.3))
    colors = [(220, 60, 60), (250, 250, 250), (60, 110, 220), (250, 210, 60), (40, 40, 46), (240, 140, 60)]
    for y in range(top + 3, hy - 2, max(3, h // 110)):
        for x in range(0, img.width, max(3, w // 80)):
            if b.rng.uniform() < 0.8:
                draw.ellipse([x, y, x + max(2, w // 110), y + max(2, h // 200)], fill=b.c(colors[int(b.rng.integers(len(colors)))], 0.3))
    for fx in (0.1, 0.9):
        px = m + int(fx * w)
        draw.rectangle([px - 2, top - int(0.2 * h), px + 2, top], fill=b.c((60, 60, 66), 0.3))
        draw.rectangle([px - int(0.05 * w), top - int(0.25 * h), px + int(0.05 * w), top - int(0.2 * h)], fill=(250, 250, 230))
    b.add_rgba(np.asarray(img), 0, 0.2)
    rgb = b.ground(0.65, hy + 1, (80, 160, 80), (60, 140, 60), texture=0.04)
    rows, cols = rgb.shape[:2]
    stripes = ((np.sqrt(np.arange(rows) + 4) * 3).astype(int) % 2 == 0)[:, None]
    rgb *= np.where(stripes, 1.0, 0.9)[..., None]
    if track:
        band = slice(0, int(rows * 0.3))
        rgb[band] = np.asarray(b.c((190, 80, 60)), np.float32)
        for k in range(1, 5):
            y = int(rows * 0.3 * k / 5)
            rgb[y : y + 1] = np.asarray(b.c((240, 240, 240)), np.float32)
    else:
        rgb[int(rows * 0.05) : int(rows * 0.05) + 2] = np.asarray(b.c((240, 240, 240)), np.float32)
        yy, xx = np.mgrid[0:rows, 0:cols]
        ring = np.abs(np.hypot((xx - cols / 2) / (cols * 0.25), (yy - rows * 0.35) / (rows * 0.12)) - 1) < 0.03
        rgb[ring] = np.asarray(b.c((240, 240, 240)), np.float32)
    b.layers[-1].pixels = b.pack(to_u8(rgb))


def cave(b: SceneBuilder) -> None:
    hy, h, w = b.horizon, b.h, b.w
    rows, cols = h + 2 * b.tilt + 2, b.cols(0.05)
    rgb = np.empty((rows, cols, 3), np.float32)
    rgb[:] = (40, 36, 40)
    rgb *= (0.6 + 0.6 * value_noise_2d(rows, cols, w / 6, b.rng))[..., None]
    # The cave mouth: daylight far away.
    yy, xx = np.mgrid[0:rows, 0:cols]
    mouth = ((xx - cols * 0.5) / (w * 0.22)) ** 2 + ((yy - rows * 0.5) / (h * 0.16)) ** 2
    glow = np.clip(1.4 - mouth, 0, 1)[..., None]
    sky = np.asarray(b.lit.sky_stops[-1][1], np.float32)
    rgb = rgb * (1 - glow) + sky * glow
    b.layers.append(Layer(pixels=b.pack(to_u8(rgb)), mask=None, top=-b.tilt, depth=0.05, margin=b.margin(0.05)))
    b.ground(0.65, hy, (90, 80, 74), (60, 54, 50), texture=0.2)
    img, draw = b.canvas(0.8, b.bottom(0.8))
    rock = b.c((56, 50, 54))
    draw.rectangle([0, 0, img.width, int(0.08 * h)], fill=rock)
    for k in range(16):
        x = float(b.rng.uniform(0, img.width))
        length = h * float(b.rng.uniform(0.05, 0.2))
        draw.polygon([(x - w * 0.03, int(0.07 * h)), (x + w * 0.03, int(0.07 * h)), (x, int(0.07 * h) + length)], fill=rock)
    for k in range(6):
        x = float(b.rng.uniform(0, img.width))
        y = h * float(b.rng.uniform(0.7, 0.98))
        c = tuple(int(v) for v in b.rng.choice([(120, 220, 255), (200, 120, 255), (120, 255, 180)]))
        draw.polygon([(x - 5, y), (x + 5, y), (x + 2, y - h * 0.06), (x - 3, y - h * 0.04)], fill=c)
    b.add_rgba(np.asarray(img), 0, 0.8)


def volcano(b: SceneBuilder) -> None:
    hy, h, w = b.horizon, b.h, b.w
    b.sky(clouds=0.4)
    img, draw = b.canvas(0.12, b.h + b.tilt)
    m = b.margin(0.12)
    cx, base, top = m + w // 2, hy + b.tilt + int(0.01 * h), hy + b.tilt - int(0.34 * h)
    rock = b.c((80, 64, 60), 0.3)
    draw.polygon([(cx - int(0.75 * w), base), (cx - int(0.1 * w), top), (cx + int(0.1 * w), top), (cx + int(0.75 * w), base)], fill=rock)
    for k in range(3):
        x0 = cx + (k - 1) * int(0.05 * w)
        pts = [(x0 + math.sin(j * 1.3 + k) * w * 0.03, top + (base - top) * j / 6) for j in range(7)]
        draw.line(pts, fill=(255, 120, 30), width=max(2, w // 90))
    draw.ellipse([cx - int(0.1 * w), top - int(0.015 * h), cx + int(0.1 * w), top + int(0.02 * h)], fill=(255, 150, 40))
    for k in range(6):
        r = w * (0.08 + 0.03 * k)
        y = top - int(0.05 * h) - k * int(0.06 * h)
        x = cx + math.sin(k) * w * 0.06
        draw.ellipse([x - r, y - r * 0.6, x + r, y + r * 0.6], fill=b.c((90, 84, 84), 0.2))
    b.add_rgba(np.asarray(img), -b.tilt, 0.12)
    rgb = b.ground(0.65, hy + int(0.01 * h), (70, 56, 52), (50, 40, 38), texture=0.2)
    rows, cols = rgb.shape[:2]
    river = np.abs(np.arange(cols)[None, :] - cols * 0.6 - np.sin(np.arange(rows)[:, None] / 9) * cols * 0.05) < (2 + np.arange(rows)[:, None] * 0.12)
    rgb[river] = (255, 110, 30)
    b.layers[-1].pixels = b.pack(to_u8(rgb))
    b.lamps.append((int(0.5 * w), hy - int(0.34 * h)))


def moon(b: SceneBuilder) -> None:
    hy, h, w = b.horizon, b.h, b.w
    b.sky(clouds=0.0)
    img, draw = b.canvas(0.05, b.h)
    m = b.margin(0.05)
    ex, ey, r = m + int(0.7 * w), int(0.2 * h), int(0.09 * w)
    draw.ellipse([ex - r, ey - r, ex + r, ey + r], fill=(60, 120, 210))
    for dx, dy, rr in ((-0.3, -0.2, 0.35), (0.3, 0.2, 0.3), (0.0, 0.4, 0.25)):
        draw.ellipse([ex + dx * r - rr * r, ey + dy * r - rr * r, ex + dx * r + rr * r, ey + dy * r + rr * r], fill=(80, 160, 90))
    draw.ellipse([ex - r * 0.5, ey - r * 0.9, ex + r * 0.2, ey - r * 0.6], fill=(240, 240, 246))
    b.add_rgba(np.asarray(img), 0, 0.05)
    b.ridge(0.3, hy - int(0.05 * h), hy, 0.03 * h, ((w / 1.5, 1.0), (w / 8, 0.2)), (170, 170, 176), (140, 140, 146), distance=0.1, texture=0.18)
    b.ground(0.65, hy + int(0.01 * h), (180, 180, 186), (150, 150, 156), texture=0.2)
    details.craters(b, 0.65, hy)
    details.rocks(b, 1.0, (150, 150, 156), count=3)


def mars(b: SceneBuilder) -> None:
    hy, h, w = b.horizon, b.h, b.w
    b.sky(clouds=0.1)
    sky = b.layers[-1]
    if isinstance(sky, Layer):
        from cielo.generation.engines.preview.canvas import rgba_view

        rgb = rgba_view(sky.pixels)[..., :3]
        rgb[...] = to_u8(rgb * 0.4 + np.array([230, 150, 110], np.float32) * 0.6)
    b.ridge(0.1, hy - int(0.12 * h), hy - 0.02 * h, 0.06 * h, ((w / 2, 1.0),), (170, 90, 60), (150, 80, 50), distance=0.5, ridged=True)
    b.ground(0.65, hy + int(0.01 * h), (190, 100, 60), (160, 80, 46), texture=0.2, stripes=0.05)
    details.rocks(b, 1.0, (140, 70, 40), count=5)


def space_tinted(b: SceneBuilder) -> None:
    """Space with the nebula the prompt asked for ("a purple nebula"), else a seeded colour."""
    from cielo.generation.engines.preview.canvas import rgba_view

    w = b.w
    b.sky(clouds=0.0)
    sky = b.layers[-1]
    rgb = rgba_view(sky.pixels)[..., :3]
    rows, cols = rgb.shape[:2]
    neb = 0.65 * value_noise_2d(rows, cols, w / 3, b.rng) + 0.35 * value_noise_2d(rows, cols, w / 9, b.rng)
    tint = b.shot.tint or [(150, 60, 170), (40, 120, 170), (190, 80, 90)][int(b.rng.integers(3))]
    amount = np.clip((neb - 0.38) * 1.6, 0, 1)[..., None] * (0.95 if b.shot.tint else 0.8)
    glow = np.clip((neb - 0.62) * 3, 0, 1)[..., None] * 0.5
    out = rgb * (1 - amount) + np.asarray(tint, np.float32) * amount
    out = out * (1 - glow) + np.asarray([255, 220, 255], np.float32) * glow
    rgb[...] = to_u8(out)
    details.planet(b, 0.08)
    # A rocky moon underfoot, so whoever is here stands on something.
    hy, h = b.horizon, b.h
    b.ridge(0.6, hy - int(0.04 * h), hy, 0.03 * h, ((w / 1.5, 1.0), (w / 8, 0.2)), (150, 150, 156), (110, 110, 118),
            distance=0.1, texture=0.18, bottom=b.bottom(0.6))
    details.craters(b, 0.6, hy)


EXTERIORS: dict[str, Callable[[SceneBuilder], None]] = {
    "field": field, "farm": farm, "park": park, "garden": garden, "jungle": jungle, "savanna": savanna,
    "island": island, "underwater": underwater, "harbor": harbor, "street": street, "village": village,
    "rooftop": rooftop, "terrace": terrace, "castle": castle, "road": road, "stadium": stadium, "cave": cave,
    "volcano": volcano, "moon": moon, "mars": mars, "space": space_tinted,
}
