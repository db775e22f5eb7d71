"""Rooms: a back wall (with a window onto the weather), a floor, and the furniture that says which room.

Every room is `room(...)` with its own wall, floor and two drawings: what hangs on or stands against
the back wall (drawn into the wall layer, so it costs nothing per frame) and what stands in front
(one silhouette layer). The window is where rain or snow shows: "a kitchen with rain on the window".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
from PIL import Image, ImageDraw

from cielo.generation.engines.preview.canvas import to_u8, value_noise_1d, value_noise_2d, vertical_gradient
from cielo.generation.engines.preview.palette import lighting

if TYPE_CHECKING:
    from cielo.generation.engines.preview.builder import SceneBuilder

INTERIORS = {
    "indoor", "kitchen", "bedroom", "office", "classroom", "laboratory", "hospital", "library", "restaurant", "shop",
    "stage", "hall",
}
Draw = Callable[["SceneBuilder", ImageDraw.ImageDraw, int, int], None]  # (builder, draw, x of frame left, y of row 0)


def room(
    b: SceneBuilder,
    *,
    wall: tuple[int, int, int],
    floor: tuple[int, int, int],
    floor_style: str = "planks",
    wall_style: str = "paint",
    window: tuple[float, float, float, float] | None = (0.12, 0.12, 0.5, 0.42),
    back: Draw | None = None,
    front: Callable[[SceneBuilder], None] | None = None,
) -> None:
    h, w = b.h, b.w
    floor_row = b.horizon
    depth = 0.25
    cols, rows = b.cols(depth), b.bottom(depth) + b.tilt
    wall_rgb = np.empty((rows, cols, 3), np.float32)
    wall_rgb[:] = b.c(wall)
    wall_rgb *= (0.9 + 0.1 * value_noise_2d(rows, cols, w / 10, b.rng))[..., None]
    off = b.tilt  # wall row of screen row 0
    m = b.margin(depth)
    if wall_style in ("stone", "bricks", "tiles", "wood"):
        brick_h = max(4, h // (28 if wall_style != "tiles" else 36))
        brick_w = brick_h * (2.4 if wall_style != "tiles" else 1.0)
        y = np.arange(rows)[:, None]
        x = np.arange(cols)[None, :] + (y // brick_h % 2) * (brick_w / 2) * (wall_style != "wood")
        if wall_style == "wood":
            seam = (np.arange(cols)[None, :] % max(6, w // 14)) < 1
            wall_rgb *= np.where(seam, 0.78, 1.0)[..., None]
        else:
            mortar = ((y % brick_h) < 1) | ((x % brick_w) < 1)
            wall_rgb *= np.where(mortar, 0.72, 1.0)[..., None]
            if wall_style == "stone":
                wall_rgb *= (0.85 + 0.3 * value_noise_2d(rows, cols, brick_h * 1.5, b.rng))[..., None]
    img = Image.fromarray(to_u8(wall_rgb))
    draw = ImageDraw.Draw(img)
    if window:
        wx0, wy0 = m + int(window[0] * w), off + int(window[1] * h)
        wx1, wy1 = m + int(window[2] * w), off + int(window[3] * h)
        # The sky outside has the weather's light, even though lamps light the room.
        outside = vertical_gradient(wy1 - wy0, lighting(b.shot.time_of_day, b.shot.weather).sky_stops)
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
        draw.rectangle([wx0 - bar * 2, wy1 + bar, wx1 + bar * 2, wy1 + bar * 3], fill=frame_color)
        b.window = (wx0 - m, wy0 - off, wx1 - m, wy1 - off)
    if back is not None:
        back(b, draw, m, off)
    # Skirting board where the wall meets the floor.
    draw.rectangle([0, off + floor_row - max(2, h // 80), cols, off + floor_row], fill=b.c((236, 230, 220)))
    b.add_opaque(np.asarray(img), -b.tilt, depth)
    _floor(b, floor_row, floor, floor_style)
    if front is not None:
        front(b)
    if b.shot.time_of_day in ("night", "sunset"):
        b.lamps.append((int(0.82 * w), int(floor_row - 0.18 * h)))


def _floor(b: SceneBuilder, top: int, color: tuple[int, int, int], style: str) -> None:
    if style == "planks":
        b.ground(0.6, top, color, tuple(int(v * 0.8) for v in color), texture=0.1, stripes=0.25)
        return
    rgb = b.ground(0.6, top, color, tuple(int(v * 0.85) for v in color), texture=0.06)
    if style in ("checker", "tiles", "stone"):
        rows, cols = rgb.shape[:2]
        yy = np.arange(rows, dtype=np.float32)[:, None]
        xx = np.arange(cols, dtype=np.float32)[None, :] - cols / 2
        # Tiles in perspective: rows grow towards the viewer, columns fan out from the middle.
        depth = np.sqrt(yy + 6.0) * 2.2
        spread = xx / (yy + b.h * 0.2) * 8
        if style == "checker":
            tile = ((depth.astype(int) + spread.astype(int)) % 2 == 0)
            rgb *= np.where(tile, 1.0, 0.55)[..., None]
        else:
            grout = ((depth % 1.0) < 0.08) | ((spread % 1.0) < 0.06)
            rgb *= np.where(grout, 0.75, 1.0)[..., None]
    elif style == "carpet":
        rgb *= (0.92 + 0.08 * value_noise_2d(rgb.shape[0], rgb.shape[1], 3, b.rng))[..., None]
    b.layers[-1].pixels = b.pack(to_u8(rgb))


def _front_layer(b: SceneBuilder, depth: float = 1.0) -> tuple[Image.Image, ImageDraw.ImageDraw, int]:
    img, draw = b.canvas(depth, b.bottom(depth))
    return img, draw, b.margin(depth)


def _shelf_of_books(b: SceneBuilder, draw: ImageDraw.ImageDraw, x0: float, x1: float, y: float, height: float) -> None:
    draw.rectangle([x0, y, x1, y + max(2, b.h // 150)], fill=b.c((110, 76, 50)))
    x = x0 + 1
    while x < x1 - 3:
        bw = int(b.rng.integers(max(2, b.w // 90), max(3, b.w // 45)))
        bh = height * float(b.rng.uniform(0.65, 1.0))
        draw.rectangle([x, y - bh, x + bw, y], fill=b.c(tuple(int(v) for v in b.rng.integers(40, 210, 3))))
        x += bw + 1


# ----------------------------------------------------------------------------------- rooms

def living_room(b: SceneBuilder) -> None:
    def back(b: SceneBuilder, d: ImageDraw.ImageDraw, m: int, off: int) -> None:
        w, h = b.w, b.h
        px0, py0 = m + int(0.62 * w), off + int(0.16 * h)
        d.rectangle([px0, py0, px0 + int(0.22 * w), py0 + int(0.14 * h)], fill=b.c((120, 80, 50)))
        d.rectangle([px0 + 4, py0 + 4, px0 + int(0.22 * w) - 4, py0 + int(0.14 * h) - 4], fill=b.c(tuple(int(v) for v in b.rng.integers(60, 220, 3))))
        _shelf_of_books(b, d, m + int(0.6 * w), m + int(0.92 * w), off + int(0.42 * h), int(0.06 * h))

    from cielo.generation.engines.preview import details

    wall = tuple(int(v) for v in b.rng.choice([(214, 196, 170), (186, 204, 196), (206, 186, 196), (196, 200, 216)]))
    room(b, wall=wall, floor=(150, 104, 70), back=back, front=lambda b: details.furniture(b, 1.0))  # type: ignore[arg-type]


def kitchen(b: SceneBuilder) -> None:
    def back(b: SceneBuilder, d: ImageDraw.ImageDraw, m: int, off: int) -> None:
        w, h = b.w, b.h
        floor = off + b.horizon
        # Upper cabinets, tiled splashback, a counter along the wall with a sink under the window.
        tile_top, counter = floor - int(0.2 * h), floor - int(0.13 * h)
        for x in range(0, b.cols(0.25), max(6, w // 24)):
            for y in range(tile_top, counter, max(6, w // 24)):
                d.rectangle([x, y, x + max(5, w // 24) - 1, y + max(5, w // 24) - 1], fill=b.c((236, 240, 242)), outline=b.c((200, 206, 210)))
        cab = b.c((180, 140, 100))
        for k in range(-1, 6):
            x = m + int(k * 0.24 * w) + int(0.55 * w)
            if x > m + int(0.52 * w) or x + int(0.22 * w) < m + int(0.1 * w):
                d.rounded_rectangle([x, off + int(0.1 * h), x + int(0.22 * w), off + int(0.3 * h)], radius=3, fill=cab, outline=b.c((140, 100, 70)))
                d.ellipse([x + int(0.1 * w), off + int(0.27 * h), x + int(0.12 * w), off + int(0.285 * h)], fill=b.c((90, 90, 96)))
        d.rectangle([0, counter, b.cols(0.25), floor], fill=b.c((200, 170, 130)))
        d.rectangle([0, counter, b.cols(0.25), counter + max(3, h // 90)], fill=b.c((90, 90, 96)))
        for k in range(0, b.cols(0.25), int(0.2 * w)):
            d.rectangle([k + 3, counter + h // 60, k + int(0.2 * w) - 3, floor - 3], outline=b.c((150, 120, 90)), width=max(1, w // 200))
        sink_x = m + int(0.31 * w)
        d.rectangle([sink_x - int(0.1 * w), counter - 2, sink_x + int(0.1 * w), counter + 4], fill=b.c((190, 196, 206)))
        d.line([(sink_x, counter - int(0.05 * h)), (sink_x, counter), (sink_x + int(0.03 * w), counter - int(0.05 * h))], fill=b.c((180, 186, 196)), width=max(2, w // 120))
        # A fridge and hanging pans.
        fx = m + int(0.8 * w)
        d.rounded_rectangle([fx, floor - int(0.42 * h), fx + int(0.17 * w), floor], radius=4, fill=b.c((230, 232, 236)), outline=b.c((190, 190, 196)))
        d.line([(fx, floor - int(0.28 * h)), (fx + int(0.17 * w), floor - int(0.28 * h))], fill=b.c((190, 190, 196)), width=2)
        for k in range(3):
            px = m + int((0.58 + 0.06 * k) * w)
            d.line([(px, off + int(0.08 * h)), (px, off + int(0.13 * h))], fill=b.c((60, 60, 66)), width=1)
            r = int(0.025 * w)
            d.ellipse([px - r, off + int(0.13 * h), px + r, off + int(0.13 * h) + 2 * r], fill=b.c((70, 70, 76)))

    room(b, wall=(240, 226, 196), floor=(220, 220, 214), floor_style="checker", window=(0.18, 0.1, 0.45, 0.3), back=back)


def bedroom(b: SceneBuilder) -> None:
    def back(b: SceneBuilder, d: ImageDraw.ImageDraw, m: int, off: int) -> None:
        w, h = b.w, b.h
        floor = off + b.horizon
        x0 = m + int(0.5 * w)
        d.rectangle([x0, floor - int(0.14 * h), x0 + int(0.45 * w), floor - int(0.05 * h)], fill=b.c((140, 100, 70)))
        d.rectangle([x0 - 4, floor - int(0.24 * h), x0 + 6, floor], fill=b.c((120, 84, 60)))
        d.rectangle([x0, floor - int(0.16 * h), x0 + int(0.45 * w), floor - int(0.12 * h)], fill=b.c((245, 245, 245)))
        d.rectangle([x0 + int(0.12 * w), floor - int(0.17 * h), x0 + int(0.45 * w), floor - int(0.1 * h)], fill=b.c((120, 150, 210)))
        d.rounded_rectangle([x0 + 4, floor - int(0.2 * h), x0 + int(0.1 * w), floor - int(0.155 * h)], radius=4, fill=b.c((250, 250, 250)))
        d.rectangle([m + int(0.02 * w), floor - int(0.4 * h), m + int(0.1 * w), floor], fill=b.c((170, 130, 90)))
        d.rectangle([m + int(0.62 * w), off + int(0.12 * h), m + int(0.82 * w), off + int(0.26 * h)], fill=b.c((230, 120, 90)))

    room(b, wall=(200, 206, 232), floor=(170, 120, 90), floor_style="carpet", window=(0.14, 0.12, 0.44, 0.38), back=back)


def office(b: SceneBuilder) -> None:
    def back(b: SceneBuilder, d: ImageDraw.ImageDraw, m: int, off: int) -> None:
        w, h = b.w, b.h
        floor = off + b.horizon
        # Blinds over a wide window, a whiteboard, a plant.
        wx0, wx1 = m + int(0.06 * w), m + int(0.55 * w)
        for y in range(off + int(0.1 * h), off + int(0.36 * h), max(3, h // 70)):
            d.line([(wx0, y), (wx1, y)], fill=b.c((220, 220, 214)), width=1)
        d.rectangle([m + int(0.62 * w), off + int(0.14 * h), m + int(0.95 * w), off + int(0.32 * h)], fill=b.c((250, 250, 250)), outline=b.c((170, 170, 176)), width=2)
        for k in range(3):
            d.line([(m + int(0.66 * w), off + int((0.18 + 0.04 * k) * h)), (m + int((0.85 - 0.07 * k) * w), off + int((0.18 + 0.04 * k) * h))], fill=b.c((60, 90, 200)), width=2)
        for k in range(-1, 4):
            x = m + int((0.05 + 0.34 * k) * w)
            d.rectangle([x, floor - int(0.12 * h), x + int(0.3 * w), floor - int(0.105 * h)], fill=b.c((200, 200, 206)))
            d.rectangle([x + int(0.1 * w), floor - int(0.2 * h), x + int(0.22 * w), floor - int(0.125 * h)], fill=b.c((40, 40, 46)))
            d.rectangle([x + int(0.11 * w), floor - int(0.19 * h), x + int(0.21 * w), floor - int(0.135 * h)], fill=b.c((110, 170, 230)))
            d.rectangle([x + 2, floor - int(0.105 * h), x + 5, floor], fill=b.c((120, 120, 126)))
            d.rectangle([x + int(0.3 * w) - 5, floor - int(0.105 * h), x + int(0.3 * w) - 2, floor], fill=b.c((120, 120, 126)))

    room(b, wall=(226, 228, 230), floor=(140, 150, 160), floor_style="carpet", window=(0.06, 0.08, 0.55, 0.38), back=back)


def classroom(b: SceneBuilder) -> None:
    def back(b: SceneBuilder, d: ImageDraw.ImageDraw, m: int, off: int) -> None:
        w, h = b.w, b.h
        x0, x1 = m + int(0.08 * w), m + int(0.72 * w)
        y0, y1 = off + int(0.12 * h), off + int(0.36 * h)
        d.rectangle([x0 - 4, y0 - 4, x1 + 4, y1 + 4], fill=b.c((120, 86, 50)))
        d.rectangle([x0, y0, x1, y1], fill=b.c((40, 84, 62)))
        for k in range(3):
            d.line([(x0 + int(0.05 * w), y0 + int((0.04 + 0.05 * k) * h)), (x0 + int((0.45 - 0.1 * k) * w), y0 + int((0.04 + 0.05 * k) * h))], fill=b.c((236, 236, 226)), width=max(1, w // 180))
        d.text((x0 + int(0.45 * w), y0 + int(0.12 * h)), "2+2=4", fill=b.c((236, 236, 226)))
        cx, cy, r = m + int(0.85 * w), off + int(0.16 * h), int(0.05 * w)
        d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=b.c((250, 250, 250)), outline=b.c((60, 60, 66)), width=2)
        d.line([(cx, cy), (cx, cy - r * 0.7)], fill=b.c((30, 30, 30)), width=2)
        d.line([(cx, cy), (cx + r * 0.5, cy)], fill=b.c((30, 30, 30)), width=2)

    def front(b: SceneBuilder) -> None:
        img, d, m = _front_layer(b)
        w, h = b.w, b.h
        for row, (y, size) in enumerate(((0.9, 1.0), (0.8, 0.8))):
            for k in range(-1, 4):
                x = m + int((0.1 + 0.34 * k + 0.17 * row) * w)
                top = int(y * h)
                dw, dh = int(0.2 * w * size), int(0.05 * h * size)
                d.rectangle([x, top, x + dw, top + dh // 3], fill=b.c((190, 150, 100)))
                d.rectangle([x + 3, top, x + 6, top + dh * 2], fill=b.c((80, 80, 86)))
                d.rectangle([x + dw - 6, top, x + dw - 3, top + dh * 2], fill=b.c((80, 80, 86)))
        b.add_rgba(np.asarray(img), 0, 1.0)

    room(b, wall=(236, 226, 190), floor=(180, 140, 100), window=(0.76, 0.24, 0.98, 0.44), back=back, front=front)


def laboratory(b: SceneBuilder) -> None:
    def back(b: SceneBuilder, d: ImageDraw.ImageDraw, m: int, off: int) -> None:
        w, h = b.w, b.h
        floor = off + b.horizon
        bench = floor - int(0.12 * h)
        d.rectangle([0, bench, b.cols(0.25), floor], fill=b.c((90, 100, 110)))
        d.rectangle([0, bench, b.cols(0.25), bench + max(3, h // 80)], fill=b.c((40, 44, 50)))
        colors = [(120, 230, 100), (90, 160, 250), (240, 110, 180), (250, 200, 60)]
        for k in range(12):
            x = m + int((-0.1 + 0.1 * k) * w)
            c = b.c(colors[k % 4])
            d.polygon([(x - 4, bench - int(0.06 * h)), (x + 4, bench - int(0.06 * h)), (x + 10, bench), (x - 10, bench)], fill=b.c((220, 236, 240)))
            d.polygon([(x - 7, bench - int(0.02 * h)), (x + 7, bench - int(0.02 * h)), (x + 10, bench), (x - 10, bench)], fill=c)
        for y in (0.16, 0.3):
            d.rectangle([m + int(0.55 * w), off + int(y * h), m + int(0.95 * w), off + int(y * h) + 3], fill=b.c((140, 140, 146)))
            for k in range(7):
                x = m + int((0.57 + 0.055 * k) * w)
                d.rectangle([x, off + int(y * h) - int(0.05 * h), x + int(0.03 * w), off + int(y * h)], fill=b.c(colors[k % 4]))

    room(b, wall=(226, 236, 236), wall_style="tiles", floor=(200, 204, 206), floor_style="tiles", window=(0.1, 0.1, 0.45, 0.34), back=back)


def hospital(b: SceneBuilder) -> None:
    def back(b: SceneBuilder, d: ImageDraw.ImageDraw, m: int, off: int) -> None:
        w, h = b.w, b.h
        floor = off + b.horizon
        x0 = m + int(0.55 * w)
        d.rectangle([x0, floor - int(0.13 * h), x0 + int(0.4 * w), floor - int(0.09 * h)], fill=b.c((240, 244, 248)))
        d.rectangle([x0, floor - int(0.09 * h), x0 + int(0.4 * w), floor - int(0.075 * h)], fill=b.c((150, 160, 170)))
        d.rectangle([x0 - 3, floor - int(0.2 * h), x0 + 3, floor], fill=b.c((150, 160, 170)))
        d.rounded_rectangle([x0 + 4, floor - int(0.16 * h), x0 + int(0.09 * w), floor - int(0.13 * h)], radius=4, fill=b.c((250, 250, 250)))
        ix = m + int(0.5 * w)
        d.line([(ix, floor), (ix, off + int(0.2 * h))], fill=b.c((170, 176, 186)), width=3)
        d.rounded_rectangle([ix - 8, off + int(0.2 * h), ix + 8, off + int(0.25 * h)], radius=3, fill=b.c((210, 236, 250)))
        mx = m + int(0.82 * w)
        d.rectangle([mx, off + int(0.14 * h), mx + int(0.14 * w), off + int(0.24 * h)], fill=b.c((30, 34, 40)))
        pts = [(mx + int(0.01 * w) + k * int(0.012 * w), off + int(0.19 * h) - (int(0.03 * h) if k in (4, 7) else 0)) for k in range(11)]
        d.line(pts, fill=b.c((90, 240, 120)), width=2)
        cx, cy = m + int(0.3 * w), off + int(0.06 * h)
        d.rectangle([cx - 8, cy - 3, cx + 8, cy + 3], fill=b.c((220, 40, 40)))
        d.rectangle([cx - 3, cy - 8, cx + 3, cy + 8], fill=b.c((220, 40, 40)))

    room(b, wall=(214, 236, 232), floor=(210, 216, 220), floor_style="tiles", window=(0.1, 0.12, 0.42, 0.36), back=back)


def library(b: SceneBuilder) -> None:
    def back(b: SceneBuilder, d: ImageDraw.ImageDraw, m: int, off: int) -> None:
        w, h = b.w, b.h
        floor = off + b.horizon
        for x0 in range(0, b.cols(0.25), int(0.36 * w)):
            if m + int(0.1 * w) < x0 + int(0.34 * w) and x0 < m + int(0.45 * w):
                continue  # the window
            d.rectangle([x0, off + int(0.04 * h), x0 + int(0.34 * w), floor], fill=b.c((100, 70, 46)))
            for y in np.linspace(off + int(0.1 * h), floor - 4, 6):
                _shelf_of_books(b, d, x0 + 4, x0 + int(0.34 * w) - 4, float(y), float(h * 0.055))

    room(b, wall=(150, 110, 80), wall_style="wood", floor=(120, 80, 50), window=(0.14, 0.1, 0.42, 0.36), back=back,
         front=lambda b: _lamp_table(b))


def _lamp_table(b: SceneBuilder) -> None:
    img, d, m = _front_layer(b)
    w, h = b.w, b.h
    x0 = m + int(0.6 * w)
    d.rectangle([x0, int(0.86 * h), x0 + int(0.36 * w), int(0.875 * h)], fill=b.c((110, 70, 40)))
    for dx in (4, int(0.36 * w) - 8):
        d.rectangle([x0 + dx, int(0.875 * h), x0 + dx + 4, int(1.0 * h)], fill=b.c((90, 60, 40)))
    d.polygon([(x0 + int(0.22 * w), int(0.78 * h)), (x0 + int(0.32 * w), int(0.78 * h)), (x0 + int(0.3 * w), int(0.74 * h)), (x0 + int(0.24 * w), int(0.74 * h))], fill=(90, 150, 90))
    d.line([(x0 + int(0.27 * w), int(0.78 * h)), (x0 + int(0.27 * w), int(0.86 * h))], fill=b.c((200, 180, 90)), width=2)
    b.add_rgba(np.asarray(img), 0, 1.0)


def restaurant(b: SceneBuilder) -> None:
    variant = b.shot.variant

    def back(b: SceneBuilder, d: ImageDraw.ImageDraw, m: int, off: int) -> None:
        w, h = b.w, b.h
        floor = off + b.horizon
        bar = floor - int(0.13 * h)
        d.rectangle([m + int(0.5 * w), bar, m + int(1.05 * w), floor], fill=b.c((120, 76, 46)))
        d.rectangle([m + int(0.5 * w), bar, m + int(1.05 * w), bar + 4], fill=b.c((70, 44, 30)))
        for y in (0.14, 0.24):
            d.rectangle([m + int(0.55 * w), off + int(y * h), m + int(1.0 * w), off + int(y * h) + 3], fill=b.c((90, 60, 40)))
            for k in range(8):
                x = m + int((0.57 + 0.05 * k) * w)
                color = [(60, 110, 60), (140, 40, 50), (200, 170, 80), (80, 60, 120)][k % 4]
                if variant == "cafe":
                    d.ellipse([x, off + int(y * h) - int(0.03 * h), x + int(0.035 * w), off + int(y * h)], fill=b.c((245, 245, 240)))
                else:
                    d.rectangle([x, off + int(y * h) - int(0.06 * h), x + int(0.025 * w), off + int(y * h)], fill=b.c(color))
        if variant == "cafe":
            d.rectangle([m + int(0.6 * w), off + int(0.03 * h), m + int(0.95 * w), off + int(0.11 * h)], fill=b.c((30, 34, 30)))
            for k in range(3):
                d.line([(m + int(0.63 * w), off + int((0.05 + 0.02 * k) * h)), (m + int(0.85 * w), off + int((0.05 + 0.02 * k) * h))], fill=b.c((240, 240, 230)), width=1)
        for k in range(4):
            lx = m + int((0.1 + 0.25 * k) * w)
            d.line([(lx, 0), (lx, off + int(0.06 * h))], fill=b.c((40, 40, 40)), width=1)
            d.pieslice([lx - int(0.04 * w), off + int(0.05 * h), lx + int(0.04 * w), off + int(0.1 * h)], 180, 360, fill=b.c((230, 180, 80)))

    def front(b: SceneBuilder) -> None:
        img, d, m = _front_layer(b)
        w, h = b.w, b.h
        for k in range(-1, 3):
            x = m + int((0.05 + 0.55 * k) * w)
            top = int(0.84 * h)
            d.ellipse([x, top - int(0.015 * h), x + int(0.34 * w), top + int(0.02 * h)], fill=b.c((245, 245, 245) if variant != "bar" else (110, 70, 40)))
            d.polygon([(x, top), (x + int(0.34 * w), top), (x + int(0.32 * w), top + int(0.06 * h)), (x + int(0.02 * w), top + int(0.06 * h))], fill=b.c((236, 236, 236) if variant != "bar" else (100, 64, 36)))
            d.rectangle([x + int(0.16 * w), top, x + int(0.18 * w), int(1.02 * h)], fill=b.c((60, 50, 40)))
            d.ellipse([x + int(0.12 * w), top - int(0.035 * h), x + int(0.16 * w), top - int(0.01 * h)], fill=b.c((220, 60, 60)))
        b.add_rgba(np.asarray(img), 0, 1.0)

    wall = (150, 60, 50) if variant == "bar" else (230, 214, 180)
    room(b, wall=wall, wall_style="bricks" if variant in ("cafe", "bar") else "paint", floor=(120, 84, 56), window=(0.08, 0.1, 0.42, 0.34), back=back, front=front)


def shop(b: SceneBuilder) -> None:
    variant = b.shot.variant

    def back(b: SceneBuilder, d: ImageDraw.ImageDraw, m: int, off: int) -> None:
        w, h = b.w, b.h
        floor = off + b.horizon
        for x0 in range(0, b.cols(0.25), int(0.3 * w)):
            if x0 + int(0.28 * w) > m + int(0.05 * w) and x0 < m + int(0.38 * w):
                continue  # the shop window
            d.rectangle([x0, off + int(0.08 * h), x0 + int(0.28 * w), floor], fill=b.c((190, 160, 120)))
            for y in np.linspace(off + int(0.15 * h), floor - 8, 5):
                d.rectangle([x0 + 2, int(y), x0 + int(0.28 * w) - 2, int(y) + 3], fill=b.c((120, 90, 60)))
                x = x0 + 4
                while x < x0 + int(0.26 * w):
                    if variant == "bakery":
                        bw = int(0.05 * w)
                        d.ellipse([x, int(y) - int(0.025 * h), x + bw, int(y)], fill=b.c((214, 160, 90)))
                    else:
                        bw = int(b.rng.integers(max(3, w // 60), max(4, w // 30)))
                        d.rectangle([x, int(y) - int(0.035 * h), x + bw, int(y)], fill=b.c(tuple(int(v) for v in b.rng.integers(60, 240, 3))))
                    x += bw + 2

    def front(b: SceneBuilder) -> None:
        img, d, m = _front_layer(b)
        w, h = b.w, b.h
        x0, top = m + int(0.55 * w), int(0.82 * h)
        d.rectangle([x0, top, x0 + int(0.5 * w), int(1.02 * h)], fill=b.c((200, 170, 130)))
        d.rectangle([x0, top, x0 + int(0.5 * w), top + 5], fill=b.c((120, 90, 60)))
        if variant == "bakery":
            d.rectangle([x0 + 6, top - int(0.07 * h), x0 + int(0.48 * w), top], fill=(230, 246, 250))
            for k in range(4):
                cx = x0 + int((0.06 + 0.11 * k) * w)
                d.ellipse([cx, top - int(0.05 * h), cx + int(0.07 * w), top - int(0.01 * h)], fill=b.c([(240, 190, 200), (120, 70, 40), (250, 230, 180), (214, 160, 90)][k]))
        else:
            d.rectangle([x0 + int(0.3 * w), top - int(0.06 * h), x0 + int(0.45 * w), top], fill=b.c((60, 60, 66)))
        b.add_rgba(np.asarray(img), 0, 1.0)

    room(b, wall=(240, 234, 220), floor=(210, 200, 186), floor_style="tiles", window=(0.08, 0.1, 0.36, 0.4), back=back, front=front)


def stage(b: SceneBuilder) -> None:
    def back(b: SceneBuilder, d: ImageDraw.ImageDraw, m: int, off: int) -> None:
        w, h = b.w, b.h
        cols = b.cols(0.25)
        floor = off + b.horizon
        # Curtains in folds, a lit backdrop, spotlights above.
        for x in range(0, cols, max(6, w // 30)):
            shade = 0.75 + 0.25 * np.sin(x / max(6, w // 30) * 1.7)
            d.rectangle([x, 0, x + max(6, w // 30), floor], fill=b.c(tuple(int(v * shade) for v in (150, 20, 36))))
        d.rectangle([m + int(0.15 * w), off + int(0.12 * h), m + int(0.85 * w), floor], fill=b.c((30, 24, 60)))
        # Spotlight beams on the backdrop: lighter wedges from the lamps to the floor.
        for k, color in enumerate(((90, 80, 120), (70, 90, 130), (100, 70, 110))):
            x = m + int((0.3 + 0.2 * k) * w)
            d.polygon([(x - 4, off + int(0.12 * h)), (x + 4, off + int(0.12 * h)), (x + int(0.12 * w), floor), (x - int(0.12 * w), floor)], fill=b.c(color))
            b.lamps.append((x - m, int(0.07 * h)))
        for k in range(30):
            x = m + int(b.rng.uniform(0.16, 0.84) * w)
            y = off + int(b.rng.uniform(0.14, 0.5) * h)
            d.ellipse([x - 1, y - 1, x + 1, y + 1], fill=(250, 240, 200))
        d.rectangle([0, 0, cols, off + int(0.06 * h)], fill=b.c((30, 30, 34)))
        for k in range(5):
            x = m + int((0.1 + 0.2 * k) * w)
            d.rectangle([x - 6, off + int(0.05 * h), x + 6, off + int(0.08 * h)], fill=b.c((60, 60, 66)))

    def front(b: SceneBuilder) -> None:
        img, d, m = _front_layer(b)
        w, h = b.w, b.h
        # The audience's heads in the dark in front of the stage.
        for k in range(18):
            x = m + int((k / 17) * (w + 2 * (img.width - w - m)) * 0.9) + int(b.rng.uniform(-6, 6))
            r = int(0.045 * w)
            y = int(0.97 * h) + int(b.rng.uniform(-4, 4))
            d.ellipse([x - r, y - r, x + r, y + r], fill=(24, 22, 30, 255))
            d.rectangle([x - int(r * 1.3), y + r // 2, x + int(r * 1.3), int(1.1 * h)], fill=(24, 22, 30, 255))
        b.add_rgba(np.asarray(img), 0, 1.0)

    room(b, wall=(40, 20, 30), floor=(120, 80, 50), window=None, back=back, front=front)


def hall(b: SceneBuilder) -> None:
    variant_museum = b.shot.variant == "museum"

    def back(b: SceneBuilder, d: ImageDraw.ImageDraw, m: int, off: int) -> None:
        w, h = b.w, b.h
        floor = off + b.horizon
        for k in range(-1, 5):
            x = m + int((0.0 + 0.3 * k) * w)
            d.rectangle([x, 0, x + int(0.07 * w), floor], fill=b.c((170, 164, 150)))
            d.rectangle([x - 4, floor - int(0.03 * h), x + int(0.07 * w) + 4, floor], fill=b.c((150, 144, 130)))
        if variant_museum:
            for k in range(3):
                x = m + int((0.1 + 0.3 * k) * w)
                d.rectangle([x, off + int(0.16 * h), x + int(0.16 * w), off + int(0.28 * h)], fill=b.c((200, 160, 60)))
                d.rectangle([x + 4, off + int(0.16 * h) + 4, x + int(0.16 * w) - 4, off + int(0.28 * h) - 4], fill=b.c(tuple(int(v) for v in b.rng.integers(50, 230, 3))))
        else:
            for k in range(3):
                x = m + int((0.12 + 0.3 * k) * w)
                d.rectangle([x, off + int(0.08 * h), x + int(0.1 * w), off + int(0.3 * h)], fill=b.c((150, 30, 40)))
                d.polygon([(x, off + int(0.3 * h)), (x + int(0.05 * w), off + int(0.27 * h)), (x + int(0.1 * w), off + int(0.3 * h))], fill=b.c((150, 30, 40)))
                d.ellipse([x + int(0.025 * w), off + int(0.14 * h), x + int(0.075 * w), off + int(0.18 * h)], fill=b.c((240, 200, 60)))
                tx = x + int(0.2 * w)
                d.rectangle([tx - 2, off + int(0.3 * h), tx + 2, off + int(0.36 * h)], fill=b.c((90, 60, 40)))
                d.ellipse([tx - 5, off + int(0.26 * h), tx + 5, off + int(0.3 * h)], fill=(255, 170, 60))
                b.lamps.append((tx - m, int(0.28 * h)))
            # A throne and a red carpet.
            tx = m + int(0.45 * w)
            d.rectangle([tx, floor - int(0.2 * h), tx + int(0.12 * w), floor], fill=b.c((200, 160, 60)))
            d.rectangle([tx + 4, floor - int(0.17 * h), tx + int(0.12 * w) - 4, floor - int(0.06 * h)], fill=b.c((150, 30, 40)))

    room(b, wall=(150, 146, 138), wall_style="stone", floor=(130, 124, 116), floor_style="stone", window=(0.3, 0.08, 0.42, 0.3), back=back)


ROOMS: dict[str, Callable[[SceneBuilder], None]] = {
    "indoor": living_room, "kitchen": kitchen, "bedroom": bedroom, "office": office, "classroom": classroom,
    "laboratory": laboratory, "hospital": hospital, "library": library, "restaurant": restaurant, "shop": shop,
    "stage": stage, "hall": hall,
}
