"""Things that dress a landscape: trees, buildings, lamps, rocks, a palm, furniture, a planet.

Each function draws one kind of detail into a new silhouette layer of the builder at `depth`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PIL import Image, ImageDraw

from cielo.generation.engines.preview.canvas import Color, pack, rgba_view, to_u8, value_noise_2d
from cielo.generation.engines.preview.layers import Layer
from cielo.generation.engines.preview.palette import shade

if TYPE_CHECKING:
    from cielo.generation.engines.preview.builder import SceneBuilder


def round_trees(
    b: SceneBuilder, depth: float, line: np.ndarray, count: int, size: float, distance: float
) -> None:
    img, draw = b.canvas(depth, b.h + b.tilt * 2)
    off = b.tilt
    for _ in range(count):
        x = int(b.rng.uniform(0, img.width))
        base = int(line[min(x, len(line) - 1)]) + off + 2
        s = size * float(b.rng.uniform(0.6, 1.2))
        draw.rectangle([x - s * 0.08, base - s * 0.9, x + s * 0.08, base], fill=b.c((80, 60, 40), distance))
        green = b.c((60, 120, 50), distance)
        draw.ellipse([x - s * 0.5, base - s * 1.6, x + s * 0.5, base - s * 0.6], fill=green)
    b.add_rgba(np.asarray(img), -off, depth)


def pines(
    b: SceneBuilder,
    depth: float,
    line: np.ndarray,
    count: int,
    size: float,
    color: Color,
    distance: float,
    snowy: bool = False,
) -> None:
    img, draw = b.canvas(depth, b.h + b.tilt * 2)
    off = b.tilt
    xs = np.sort(b.rng.uniform(0, img.width, count))
    for x in xs:
        base = int(line[min(int(x), len(line) - 1)]) + off + 3
        s = size * float(b.rng.uniform(0.7, 1.3))
        green = b.c(tuple(int(v * b.rng.uniform(0.85, 1.1)) for v in color), distance)
        draw.rectangle([x - s * 0.04, base - s * 0.25, x + s * 0.04, base], fill=b.c((70, 50, 36), distance))
        for tier in range(3):
            y0 = base - s * (0.2 + tier * 0.28)
            half = s * (0.3 - tier * 0.07)
            draw.polygon([(x - half, y0), (x + half, y0), (x, y0 - s * 0.42)], fill=green)
            if snowy:
                draw.polygon(
                    [
                        (x - half * 0.4, y0 - s * 0.25),
                        (x + half * 0.4, y0 - s * 0.25),
                        (x, y0 - s * 0.42),
                    ],
                    fill=b.c((240, 244, 250), distance),
                )
    b.add_rgba(np.asarray(img), -off, depth)


def barn(b: SceneBuilder, depth: float, line: np.ndarray) -> None:
    if b.rng.uniform() < 0.4:
        return
    img, draw = b.canvas(depth, b.h + b.tilt * 2)
    off = b.tilt
    x = int(b.rng.uniform(0.15, 0.85) * img.width)
    base = int(line[min(x, len(line) - 1)]) + off + 3
    s = 0.06 * b.h
    draw.rectangle([x - s, base - s, x + s, base], fill=b.c((170, 50, 40), 0.35))
    draw.polygon(
        [(x - s * 1.15, base - s), (x + s * 1.15, base - s), (x, base - s * 1.7)],
        fill=b.c((90, 40, 36), 0.35),
    )
    draw.rectangle([x - s * 0.3, base - s * 0.7, x + s * 0.3, base], fill=b.c((240, 230, 220), 0.35))
    b.add_rgba(np.asarray(img), -off, depth)


def headland(b: SceneBuilder, depth: float, hy: int) -> None:
    img, draw = b.canvas(depth, b.h)
    side = b.rng.uniform() < 0.5
    x0 = img.width * (0.0 if side else 0.62)
    width = img.width * 0.38
    n = 24
    pts = [
        (x0 + width * i / n, hy - b.h * 0.05 * np.sin(np.pi * i / n) ** 0.6 * (1 + 0.2 * np.sin(i)))
        for i in range(n + 1)
    ]
    draw.polygon([*pts, (x0 + width, hy + 1), (x0, hy + 1)], fill=b.c((70, 96, 90), 0.8))
    b.add_rgba(np.asarray(img), 0, depth)


def buildings(
    b: SceneBuilder,
    depth: float,
    base: int,
    max_height: float,
    width: tuple[float, float],
    color: Color,
    distance: float,
) -> None:
    img, draw = b.canvas(depth, b.h)
    x = -int(b.rng.uniform(0, width[0]))
    night = b.shot.time_of_day in ("night", "sunset")
    while x < img.width:
        bw = int(b.rng.uniform(*width))
        bh = int(b.rng.uniform(0.35, 1.0) * max_height)
        body = b.c(tuple(int(v * b.rng.uniform(0.85, 1.1)) for v in color), distance)
        draw.rectangle([x, base - bh, x + bw - 1, base], fill=body)
        if b.rng.uniform() < 0.3:
            draw.rectangle([x + bw * 0.4, base - bh - bh * 0.12, x + bw * 0.6, base - bh], fill=body)
        win = max(2, b.unit // 70)
        for wy in range(base - bh + win * 2, base - win * 2, win * 3):
            for wx in range(x + win, x + bw - win * 2, win * 2 + win // 2):
                lit = b.rng.uniform() < (0.55 if night else 0.0)
                glass = (
                    (255, 220, 140)
                    if lit
                    else tuple(int(v) for v in shade((150, 180, 210), b.lit, distance) * 0.8)
                )
                draw.rectangle([wx, wy, wx + win - 1, wy + win], fill=glass)
        x += bw + int(b.rng.uniform(0, width[0] * 0.3))
    b.add_rgba(np.asarray(img), 0, depth)


def street_lamps(b: SceneBuilder, depth: float) -> None:
    img, draw = b.canvas(depth, b.bottom(depth))
    base = int(b.h * 0.98)
    pole = b.c((40, 44, 50))
    spacing = b.w * 0.55
    x = float(b.rng.uniform(0, spacing))
    while x < img.width:
        top = base - b.h * 0.42
        draw.rectangle([x - 2, top, x + 2, base], fill=pole)
        draw.rectangle([x - 2, top, x + b.unit * 0.07, top + 3], fill=pole)
        bulb = (255, 230, 160) if b.night or b.shot.time_of_day == "sunset" else b.c((200, 200, 190))
        draw.ellipse([x + b.unit * 0.05, top + 2, x + b.unit * 0.09, top + 8], fill=bulb)
        if b.night:
            b.lamps.append((int(x - b.margin(depth) + b.unit * 0.07), int(top + 6)))
        x += spacing
    b.add_rgba(np.asarray(img), 0, depth)


def palm(b: SceneBuilder, depth: float) -> None:
    img, draw = b.canvas(depth, b.bottom(depth))
    m = b.margin(depth)
    left = b.rng.uniform() < 0.5
    x = m + (int(0.08 * b.w) if left else int(0.92 * b.w))
    base = int(b.h * 1.02)
    top = int(b.h * 0.3)
    trunk = b.c((110, 80, 50), 0.0)
    lean = (1 if left else -1) * b.unit * 0.08
    pts = [(x + lean * (1 - (i / 10)) ** 2 - lean, base - (base - top) * i / 10) for i in range(11)]
    draw.line(pts, fill=trunk, width=max(3, b.unit // 40), joint="curve")
    tx, ty = pts[-1]
    leaf = b.c((40, 110, 50), 0.0)
    for angle in np.linspace(-2.6, -0.5, 6):
        for sign in (-1, 1) if angle > -1.0 else (1,):
            a = angle if sign > 0 else -np.pi - angle
            ex, ey = tx + np.cos(a) * b.unit * 0.24, ty + np.sin(a) * b.unit * 0.12 + b.unit * 0.1
            mx, my = (tx + ex) / 2, min(ty, ey) - b.unit * 0.04
            draw.line([(tx, ty), (mx, my), (ex, ey)], fill=leaf, width=max(3, b.unit // 45), joint="curve")
    b.add_rgba(np.asarray(img), 0, depth)


def tufts(b: SceneBuilder, depth: float, color: Color, count: int) -> None:
    img, draw = b.canvas(depth, b.bottom(depth))
    for _ in range(count):
        x = float(b.rng.uniform(0, img.width))
        base = b.h * float(b.rng.uniform(0.93, 1.03))
        s = b.h * float(b.rng.uniform(0.02, 0.045))
        c = b.c(tuple(int(v * b.rng.uniform(0.8, 1.2)) for v in color))
        for blade in range(5):
            dx = (blade - 2) * s * 0.25
            draw.line(
                [(x + dx * 0.3, base), (x + dx, base - s * float(b.rng.uniform(0.6, 1.0)))],
                fill=c,
                width=max(1, b.w // 180),
            )
        if b.rng.uniform() < 0.3:
            flower = tuple(int(v) for v in b.rng.choice([(250, 240, 120), (250, 140, 160), (240, 240, 250)]))
            draw.ellipse([x - 2, base - s - 2, x + 2, base - s + 2], fill=b.c(flower))
    b.add_rgba(np.asarray(img), 0, depth)


def trunks(b: SceneBuilder, depth: float) -> None:
    img, draw = b.canvas(depth, b.bottom(depth))
    m = b.margin(depth)
    for fx in (float(b.rng.uniform(-0.05, 0.08)), float(b.rng.uniform(0.9, 1.05))):
        x = m + fx * b.w
        half = b.unit * 0.05
        draw.rectangle([x - half, -10, x + half, b.h + b.tilt], fill=b.c((60, 44, 32)))
        draw.rectangle([x - half * 0.3, -10, x - half * 0.1, b.h + b.tilt], fill=b.c((76, 56, 40)))
    b.add_rgba(np.asarray(img), 0, depth)


def rocks(b: SceneBuilder, depth: float, color: Color, count: int) -> None:
    img, draw = b.canvas(depth, b.bottom(depth))
    for _ in range(count):
        x = float(b.rng.uniform(0, img.width))
        s = b.h * float(b.rng.uniform(0.03, 0.07))
        base = b.h * float(b.rng.uniform(0.95, 1.02))
        draw.ellipse([x - s * 1.4, base - s, x + s * 1.4, base + s * 0.6], fill=b.c(color))
        draw.ellipse(
            [x - s * 0.9, base - s * 0.9, x + s * 0.2, base - s * 0.3],
            fill=b.c(tuple(min(255, int(v * 1.15)) for v in color)),
        )
    b.add_rgba(np.asarray(img), 0, depth)


def reeds(b: SceneBuilder, depth: float) -> None:
    tufts(b, depth, (70, 110, 60), count=10)


def cacti(b: SceneBuilder, depth: float) -> None:
    img, draw = b.canvas(depth, b.bottom(depth))
    green = b.c((70, 130, 70))
    for _ in range(2):
        x = float(b.rng.uniform(0, img.width))
        base = b.h * float(b.rng.uniform(0.95, 1.0))
        s = b.h * float(b.rng.uniform(0.12, 0.2))
        wdt = s * 0.12
        draw.rounded_rectangle([x - wdt, base - s, x + wdt, base], radius=wdt, fill=green)
        draw.rounded_rectangle(
            [x - wdt * 3.2, base - s * 0.7, x - wdt * 1.6, base - s * 0.35], radius=wdt * 0.7, fill=green
        )
        draw.rectangle([x - wdt * 3.2, base - s * 0.45, x, base - s * 0.35], fill=green)
        draw.rounded_rectangle(
            [x + wdt * 1.6, base - s * 0.8, x + wdt * 3.0, base - s * 0.5], radius=wdt * 0.7, fill=green
        )
        draw.rectangle([x, base - s * 0.58, x + wdt * 3.0, base - s * 0.5], fill=green)
    b.add_rgba(np.asarray(img), 0, depth)


def planet(b: SceneBuilder, depth: float) -> None:
    img, draw = b.canvas(depth, b.h)
    m = b.margin(depth)
    r = b.unit * float(b.rng.uniform(0.16, 0.26))
    cx = m + b.w * float(b.rng.uniform(0.3, 0.7))
    cy = b.h * float(b.rng.uniform(0.2, 0.32))
    base = np.array(
        [(200, 120, 80), (90, 140, 210), (180, 170, 120), (150, 110, 190)][int(b.rng.integers(4))],
        np.float32,
    )
    size = int(r * 2) + 2
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32) - size / 2
    d = np.sqrt(xx**2 + yy**2) / r
    light = np.clip(1.0 - np.sqrt((xx + r * 0.4) ** 2 + (yy + r * 0.4) ** 2) / (r * 1.8), 0.08, 1)
    bands = 0.85 + 0.15 * np.sin(yy / r * 9 + value_noise_2d(size, size, size / 6, b.rng) * 3)
    rgb = base * (light * bands)[..., None]
    alpha = (d < 1.0) * 255
    planet = Image.fromarray(np.dstack([to_u8(rgb), alpha.astype(np.uint8)]), "RGBA")
    img.alpha_composite(planet, (int(cx - size / 2), int(cy - size / 2)))
    if b.rng.uniform() < 0.5:
        draw.ellipse(
            [cx - r * 1.7, cy - r * 0.25, cx + r * 1.7, cy + r * 0.25],
            outline=(210, 200, 180, 255),
            width=max(2, int(r * 0.06)),
        )
    b.add_rgba(np.asarray(img), 0, depth)


def craters(b: SceneBuilder, depth: float, hy: int) -> None:
    layer = b.layers[-1]
    if not isinstance(layer, Layer):
        return
    img = Image.fromarray(np.ascontiguousarray(rgba_view(layer.pixels)[..., :3]))
    draw = ImageDraw.Draw(img)
    for _ in range(9):
        x = float(b.rng.uniform(0, img.width))
        y = float(b.rng.uniform(img.height * 0.25, img.height))
        s = b.w * float(b.rng.uniform(0.03, 0.08)) * (0.4 + y / img.height)
        draw.ellipse([x - s, y - s * 0.3, x + s, y + s * 0.3], fill=(86, 86, 94))
        draw.ellipse([x - s * 0.8, y - s * 0.2, x + s, y + s * 0.3], fill=(128, 128, 136))
    layer.pixels = pack(np.asarray(img))  # already graded: drawn over graded pixels


def furniture(b: SceneBuilder, depth: float) -> None:
    img, draw = b.canvas(depth, b.bottom(depth))
    m = b.margin(depth)
    w, h = b.w, b.h
    # A sofa on one side, a lamp on the other, a plant.
    sofa = b.c(tuple(int(v) for v in b.rng.choice([(90, 110, 150), (150, 80, 70), (90, 130, 100)])))
    sx = m + int(w * float(b.rng.uniform(-0.1, 0.05)))
    sy = int(h * 0.8)
    draw.rounded_rectangle([sx, sy - h * 0.1, sx + w * 0.35, sy + h * 0.1], radius=w * 0.03, fill=sofa)
    draw.rounded_rectangle(
        [sx, sy - h * 0.16, sx + w * 0.35, sy - h * 0.06],
        radius=w * 0.03,
        fill=tuple(int(v * 0.85) for v in sofa),
    )
    lx = m + int(w * 0.82)
    ly = b.horizon
    draw.rectangle([lx - 2, ly - h * 0.18, lx + 2, ly + h * 0.02], fill=b.c((60, 50, 40)))
    shade_color = (255, 226, 170) if b.shot.time_of_day in ("night", "sunset") else b.c((240, 228, 200))
    draw.polygon(
        [
            (lx - w * 0.06, ly - h * 0.17),
            (lx + w * 0.06, ly - h * 0.17),
            (lx + w * 0.04, ly - h * 0.23),
            (lx - w * 0.04, ly - h * 0.23),
        ],
        fill=shade_color,
    )
    px = m + int(w * 0.95)
    py = int(h * 0.97)
    draw.rectangle([px - w * 0.05, py - h * 0.06, px + w * 0.05, py], fill=b.c((170, 90, 60)))
    for angle in np.linspace(-2.8, -0.3, 7):
        draw.line(
            [
                (px, py - h * 0.06),
                (px + np.cos(angle) * w * 0.1, py - h * 0.06 + np.sin(angle) * h * 0.1),
            ],
            fill=b.c((50, 120, 60)),
            width=max(2, w // 70),
        )
    b.add_rgba(np.asarray(img), 0, depth)
