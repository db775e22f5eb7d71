"""Visible watermark: a semi-transparent "Cielo" mark with the creator's "@handle" that moves around the
frame over time, like Sora's bouncing mark, so it cannot be removed by cropping one corner.

The mark is rendered once into an RGBA sprite (PIL text with a soft shadow that keeps it readable on white
skies and black nights), pre-multiplied, and per frame only the sprite's rectangle is blended with uint16
integer math: about 0.1 ms on a 720x1280 frame. The position is a pure function of time (index / fps),
so frames can be stamped in any order, by any worker, and a resumed job produces the same video.
"""

from __future__ import annotations

import av
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from cielo.generation.frames import even_box, read_region, write_region

BRAND = "Cielo"


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    # Pillow >= 10.1 bundles a scalable default font when FreeType is available; no font file needed.
    return ImageFont.load_default(size=size)


def render_sprite(handle: str, frame_width: int, opacity: float = 0.6) -> np.ndarray:
    """The mark as a straight-alpha RGBA uint8 array, sized relative to the frame width."""
    brand_size = max(12, round(frame_width * 0.06))
    handle_size = max(10, round(brand_size * 0.55))
    brand_font, handle_font = _font(brand_size), _font(handle_size)
    handle_text = "@" + handle.lstrip("@")
    probe = ImageDraw.Draw(Image.new("L", (1, 1)))
    b_box = probe.textbbox((0, 0), BRAND, font=brand_font)
    h_box = probe.textbbox((0, 0), handle_text, font=handle_font)
    pad = max(4, brand_size // 4)
    gap = max(2, brand_size // 8)
    width = max(b_box[2] - b_box[0], h_box[2] - h_box[0]) + 2 * pad
    height = (b_box[3] - b_box[1]) + gap + (h_box[3] - h_box[1]) + 2 * pad

    text_mask = Image.new("L", (width, height), 0)
    draw = ImageDraw.Draw(text_mask)
    draw.text((pad - b_box[0], pad - b_box[1]), BRAND, font=brand_font, fill=255)
    draw.text((pad - h_box[0], pad + (b_box[3] - b_box[1]) + gap - h_box[1]), handle_text, font=handle_font, fill=255)
    shadow = text_mask.filter(ImageFilter.MaxFilter(3)).filter(ImageFilter.GaussianBlur(max(1, brand_size // 12)))

    text_a = np.asarray(text_mask, dtype=np.float32) / 255.0
    shadow_a = np.asarray(shadow, dtype=np.float32) / 255.0 * 0.6
    # White text over a dark halo: composite the two layers ("text over shadow") into one RGBA sprite.
    alpha = text_a + shadow_a * (1.0 - text_a)
    with np.errstate(invalid="ignore", divide="ignore"):
        value = np.where(alpha > 0, (255.0 * text_a) / alpha, 0.0)
    rgba = np.empty((height, width, 4), dtype=np.uint8)
    rgba[..., :3] = np.clip(value, 0, 255)[..., None].round().astype(np.uint8)
    rgba[..., 3] = np.clip(alpha * opacity * 255.0, 0, 255).round().astype(np.uint8)
    return rgba


def _bounce(t: float, speed: float, span: int) -> int:
    """Position on [0, span] bouncing between the ends at `speed` px/s (a triangle wave)."""
    if span <= 0:
        return 0
    d = (t * speed) % (2 * span)
    return int(d if d <= span else 2 * span - d)


class VisibleWatermark:
    """Stamp frames of one video: `apply(frame, index, fps)` for every frame, in any order."""

    def __init__(self, handle: str, width: int, height: int, opacity: float = 0.6):
        self.width, self.height = width, height
        sprite = render_sprite(handle, width, opacity)
        if sprite.shape[0] > height or sprite.shape[1] > width:
            raise ValueError(f"frame {width}x{height} is too small for the watermark")
        self.sprite_h, self.sprite_w = sprite.shape[:2]
        alpha = sprite[..., 3:4].astype(np.uint16)
        # Pre-multiplied colour and inverse alpha, so a frame costs one multiply-add per channel.
        self._premultiplied = sprite[..., :3].astype(np.uint16) * alpha
        self._inverse_alpha = (255 - alpha).astype(np.uint16)
        self.margin = max(4, width // 40)
        # Crosses the frame horizontally in ~4 s and vertically in ~9 s: it visits every region within
        # a short clip, and the two periods differ so the path does not retrace itself.
        self._speed_x = (width - self.sprite_w) / 4.0
        self._speed_y = (height - self.sprite_h) / 9.0

    def position(self, index: int, fps: float) -> tuple[int, int]:
        """Top-left corner (x, y) of the mark in frame `index`."""
        t = index / fps if fps > 0 else 0.0
        span_x = self.width - self.sprite_w - 2 * self.margin
        span_y = self.height - self.sprite_h - 2 * self.margin
        return self.margin + _bounce(t, self._speed_x, span_x), self.margin + _bounce(t, self._speed_y, span_y)

    def apply(self, frame: np.ndarray, index: int, fps: float, *, inplace: bool = False) -> np.ndarray:
        """The frame (H, W, 3) uint8 with the mark blended in; the input is left untouched unless `inplace`."""
        if frame.shape[:2] != (self.height, self.width) or frame.dtype != np.uint8:
            raise ValueError(f"expected a {self.width}x{self.height} uint8 frame, got {frame.dtype} {frame.shape}")
        out = frame if inplace else frame.copy()
        x, y = self.position(index, fps)
        region = out[y : y + self.sprite_h, x : x + self.sprite_w, :3]
        blended = region.astype(np.uint16) * self._inverse_alpha + self._premultiplied + 128
        # Exact x / 255 rounding for x < 65536: (x + (x >> 8)) >> 8, after the +128 above.
        region[...] = ((blended + (blended >> 8)) >> 8).astype(np.uint8)
        return out

    def apply_to_frame(self, frame: av.VideoFrame, index: int, fps: float) -> None:
        """Blend the mark into a yuv420p frame of this size, in place: only the mark's rectangle is converted
        to RGB and back, so a frame on its way into the encoder costs a fraction of a millisecond."""
        x, y = self.position(index, fps)
        bx, by, bw, bh = even_box(x, y, self.sprite_w, self.sprite_h, self.width, self.height)
        region = read_region(frame, bx, by, bw, bh)
        inner = region[y - by : y - by + self.sprite_h, x - bx : x - bx + self.sprite_w]
        inner[...] = (inner * self._inverse_alpha + self._premultiplied) / 255.0
        write_region(frame, bx, by, region)

    def rectangle(self, index: int, fps: float) -> tuple[int, int, int, int]:
        """(x, y, width, height) of the mark in frame `index`: the only pixels `apply` changes."""
        x, y = self.position(index, fps)
        return x, y, self.sprite_w, self.sprite_h
