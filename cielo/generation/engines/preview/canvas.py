"""Pixel helpers for the preview renderer: noise, gradients, sprites and fast blends.

Everything works on uint8 RGB arrays of shape (rows, cols, 3). Per-frame work is limited to
slicing, `np.copyto(..., where=mask)` and small uint16 blends, because a frame has a few
milliseconds of budget; anything expensive (noise, gradients, drawing) happens once per shot.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

Color = tuple[int, int, int]


def value_noise_1d(
    length: int, rng: np.random.Generator, scales: tuple[tuple[float, float], ...]
) -> np.ndarray:
    """Smooth 1-D noise in roughly [-1, 1]: a sum of (wavelength px, amplitude) octaves."""
    x = np.arange(length, dtype=np.float32)
    out = np.zeros(length, dtype=np.float32)
    for wavelength, amplitude in scales:
        knots = int(length / wavelength) + 3
        values = rng.uniform(-1.0, 1.0, knots).astype(np.float32)
        pos = x / wavelength
        i = pos.astype(np.int32)
        f = pos - i
        f = f * f * (3 - 2 * f)  # smoothstep: no visible kinks at the knots
        out += amplitude * (values[i] * (1 - f) + values[i + 1] * f)
    return out


def value_noise_2d(
    rows: int, cols: int, cell: float, rng: np.random.Generator, wrap_x: bool = False
) -> np.ndarray:
    """Smooth 2-D noise in [0, 1]: a coarse random grid upscaled bicubically by PIL (fast)."""
    gr = max(2, int(rows / cell) + 2)
    gc = max(2, int(cols / cell) + 2)
    grid = rng.uniform(0, 255, (gr, gc)).astype(np.uint8)
    if wrap_x:
        grid[:, -1] = grid[:, 0]
    img = Image.fromarray(grid, "L").resize((cols, rows), Image.BICUBIC)
    return np.asarray(img, dtype=np.float32) / 255.0


def vertical_gradient(rows: int, stops: list[tuple[float, Color]]) -> np.ndarray:
    """(rows, 3) float32 colours interpolated between (position 0..1, colour) stops."""
    pos = np.linspace(0.0, 1.0, rows, dtype=np.float32)
    xs = [p for p, _ in stops]
    return np.stack([np.interp(pos, xs, [c[ch] for _, c in stops]) for ch in range(3)], axis=1).astype(
        np.float32
    )


def mix(a: Color | np.ndarray, b: Color | np.ndarray, t: float | np.ndarray) -> np.ndarray:
    return np.asarray(a, dtype=np.float32) * (1 - t) + np.asarray(b, dtype=np.float32) * t


def to_u8(x: np.ndarray) -> np.ndarray:
    return np.clip(x, 0, 255).astype(np.uint8)


# Frames and layers are stored as one uint32 per pixel (RGBA bytes, alpha unused). A masked copy of
# a uint32 image is one element per pixel, several times faster than a masked copy of RGB triplets.


def pack(rgb: np.ndarray) -> np.ndarray:
    """(..., 3) uint8 RGB -> (...) uint32 with the bytes R, G, B, 255 in memory order."""
    rgba = np.empty((*rgb.shape[:-1], 4), np.uint8)
    rgba[..., :3] = rgb
    rgba[..., 3] = 255
    return rgba.view(np.uint32)[..., 0]


def rgba_view(packed: np.ndarray) -> np.ndarray:
    """The (..., 4) uint8 view of packed pixels (writes go through)."""
    return packed.view(np.uint8).reshape(*packed.shape, 4)


def rgb_view(packed: np.ndarray) -> np.ndarray:
    """The (..., 3) uint8 RGB view of packed pixels, for drawing sprites and particles."""
    return rgba_view(packed)[..., :3]


@dataclass
class Sprite:
    """A premultiplied RGBA image ready to be blended many times.

    Alpha is stored on a 0..256 scale so a blend is `(dst * inv_alpha >> 8) + premul`: shifts
    instead of divisions by 255, on whole RGBA pixels (the frame's unused fourth byte included,
    which keeps every operation on contiguous memory), and only over the sprite's own area.
    """

    premul: np.ndarray  # (h, w, 4) uint16, RGBA * alpha / 256
    inv_alpha: np.ndarray  # (h, w, 1) uint16, 256 - alpha
    alpha: np.ndarray  # (h, w, 1) uint16, 0..256, kept for fades
    anchor: tuple[int, int] = (0, 0)  # pixel of the sprite placed at the target position (x, y)

    @classmethod
    def from_rgba(cls, rgba: np.ndarray, anchor: tuple[int, int] = (0, 0)) -> Sprite:
        a = rgba[..., 3:4].astype(np.uint16)
        alpha = a + (a >> 7)  # 0..255 -> 0..256, so opaque pixels replace exactly
        colour = rgba.astype(np.uint16)
        colour[..., 3] = 255
        premul = (colour * alpha) >> 8
        # Trim fully transparent borders: every pixel kept is blended on every frame.
        rows = np.flatnonzero(alpha[..., 0].any(axis=1))
        cols = np.flatnonzero(alpha[..., 0].any(axis=0))
        if rows.size and cols.size:
            r0, r1, c0, c1 = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
            premul, alpha = premul[r0:r1, c0:c1], alpha[r0:r1, c0:c1]
            anchor = (anchor[0] - int(c0), anchor[1] - int(r0))
        return cls(
            premul=np.ascontiguousarray(premul),
            inv_alpha=np.ascontiguousarray(256 - alpha),
            alpha=np.ascontiguousarray(alpha),
            anchor=anchor,
        )

    @classmethod
    def from_image(cls, image: Image.Image, anchor: tuple[int, int] = (0, 0)) -> Sprite:
        return cls.from_rgba(np.asarray(image.convert("RGBA")), anchor)

    @property
    def size(self) -> tuple[int, int]:
        return self.premul.shape[1], self.premul.shape[0]

    def draw(self, frame: np.ndarray, x: int, y: int, opacity: float = 1.0) -> None:
        """Blend onto a packed (h, w) uint32 frame with the anchor at (x, y), clipped to the frame."""
        h, w = self.premul.shape[:2]
        x0, y0 = x - self.anchor[0], y - self.anchor[1]
        fx0, fy0 = max(0, x0), max(0, y0)
        fx1, fy1 = min(frame.shape[1], x0 + w), min(frame.shape[0], y0 + h)
        if fx0 >= fx1 or fy0 >= fy1 or opacity <= 0.0:
            return
        sx, sy = fx0 - x0, fy0 - y0
        region = rgba_view(frame[fy0:fy1, fx0:fx1])
        sl = (slice(sy, sy + fy1 - fy0), slice(sx, sx + fx1 - fx0))
        if opacity >= 0.999:
            region[...] = ((region * self.inv_alpha[sl]) >> 8) + self.premul[sl]
        else:
            k = int(opacity * 256)
            inverse = 256 - ((self.alpha[sl] * k) >> 8)
            region[...] = ((region * inverse) >> 8) + ((self.premul[sl] * k) >> 8)


def cover_fit(image: Image.Image, width: int, height: int) -> np.ndarray:
    """Scale and centre-crop `image` so it covers width x height exactly (like CSS object-fit: cover)."""
    image = image.convert("RGB")
    scale = max(width / image.width, height / image.height)
    w, h = max(width, round(image.width * scale)), max(height, round(image.height * scale))
    image = image.resize((w, h), Image.LANCZOS if scale < 1 else Image.BICUBIC)
    left, top = (w - width) // 2, (h - height) // 2
    return np.ascontiguousarray(np.asarray(image)[top : top + height, left : left + width])


def brighten(frame: np.ndarray, amount: float) -> None:
    """In place: move every pixel `amount` (0..1) of the way to white (a lightning flash)."""
    k = int(max(0.0, min(1.0, amount)) * 256)
    frame += (((255 - frame.astype(np.uint16)) * k) >> 8).astype(np.uint8)


def crossfade(a: np.ndarray, b: np.ndarray, t: float) -> np.ndarray:
    k = int(max(0.0, min(1.0, t)) * 256)
    return ((a.astype(np.uint16) * (256 - k) + b.astype(np.uint16) * k) >> 8).astype(np.uint8)
