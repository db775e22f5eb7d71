"""Captions for spoken lines: white text with a dark outline in the bottom third.

The scenery is rendered at a reduced size and enlarged by the encoder's scaler, which would blur
text; captions are therefore drawn at the full output size, straight into the Y, U and V planes of
the frame after scaling. Each caption is rasterised once (PIL, with stroke) and converted to
premultiplied YUV, so showing it costs one small blend per plane.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import av
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from cielo.generation.plan import DialogueLine

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
    "/Library/Fonts/Arial Bold.ttf",
    "C:/Windows/Fonts/arialbd.ttf",
)
MAX_LINES = 2


@lru_cache(maxsize=8)
def caption_font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """A bold sans font from the system, else Pillow's bundled one (always available)."""
    for candidate in FONT_CANDIDATES:
        if Path(candidate).exists():
            return ImageFont.truetype(candidate, size)
    return ImageFont.load_default(size=size)


@dataclass
class YuvOverlay:
    """A premultiplied image in the frame's own YUV 4:2:0 layout, at an even (x, y)."""

    x: int
    y: int
    y_premul: np.ndarray  # (h, w) uint16
    y_inv: np.ndarray  # (h, w) uint16, 255 - alpha
    uv_premul: tuple[np.ndarray, np.ndarray]  # (h/2, w/2) uint16 each
    uv_inv: np.ndarray  # (h/2, w/2) uint16

    @classmethod
    def from_rgba(cls, rgba: np.ndarray, x: int, y: int) -> YuvOverlay:
        h, w = rgba.shape[0] // 2 * 2, rgba.shape[1] // 2 * 2
        rgba = rgba[:h, :w].astype(np.float32)
        r, g, b, a = (rgba[..., i] for i in range(4))
        alpha = a / 255.0
        # BT.601 limited range: what swscale produces for rgb24 -> yuv420p and what we tag the stream as.
        yy = 16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255
        uu = 128 + (-37.797 * r - 74.203 * g + 112.0 * b) / 255
        vv = 128 + (112.0 * r - 93.786 * g - 18.214 * b) / 255

        def half(p: np.ndarray) -> np.ndarray:
            return p.reshape(h // 2, 2, w // 2, 2).mean(axis=(1, 3))

        a_half = half(alpha)
        u_half = half(uu * alpha) / np.maximum(a_half, 1e-6)
        v_half = half(vv * alpha) / np.maximum(a_half, 1e-6)
        return cls(
            x=x // 2 * 2,
            y=y // 2 * 2,
            y_premul=np.round(yy * alpha).astype(np.uint16),
            y_inv=np.round(255 - a).astype(np.uint16),
            uv_premul=(
                np.round(u_half * a_half).astype(np.uint16),
                np.round(v_half * a_half).astype(np.uint16),
            ),
            uv_inv=np.round(255 - a_half * 255).astype(np.uint16),
        )

    def draw(self, frame: av.VideoFrame) -> None:
        """Blend into a yuv420p frame in place."""
        for index, premul, inv, scale in (
            (0, self.y_premul, self.y_inv, 1),
            (1, self.uv_premul[0], self.uv_inv, 2),
            (2, self.uv_premul[1], self.uv_inv, 2),
        ):
            plane = frame.planes[index]
            data = np.frombuffer(plane, np.uint8).reshape(-1, plane.line_size)[: plane.height, : plane.width]
            x0, y0 = self.x // scale, self.y // scale
            h = min(premul.shape[0], data.shape[0] - y0)
            w = min(premul.shape[1], data.shape[1] - x0)
            if h <= 0 or w <= 0:
                continue
            region = data[y0 : y0 + h, x0 : x0 + w]
            region[...] = (region * inv[:h, :w] + 127) // 255 + premul[:h, :w]


@dataclass
class Cue:
    start: float  # output seconds
    end: float
    overlay: YuvOverlay


class CaptionTrack:
    """Every caption of a video, as timed overlays."""

    def __init__(
        self, lines: list[DialogueLine], width: int, height: int, offset: float = 0.0, raised: bool = False
    ) -> None:
        """`raised`: sit a little higher (an edit's source may already carry captions at the usual place)."""
        self.cues: list[Cue] = []
        size = max(12, round(min(width, height) * 0.056))
        font = caption_font(size)
        stroke = max(2, size // 11)
        max_width = width * 0.86
        center_y = height * 0.86 - (height * 0.12 if raised else 0)  # bottom third, below faces
        for line in lines:
            rows = _wrap(line.text, font, max_width)
            chunks = [rows[i : i + MAX_LINES] for i in range(0, len(rows), MAX_LINES)]
            total = sum(len(" ".join(c)) for c in chunks) or 1
            start = line.start
            for chunk in chunks:
                # Long lines become several captions, each shown for its share of the line.
                share = (line.end - line.start) * len(" ".join(chunk)) / total
                rgba = _render(chunk, font, stroke)
                x = (width - rgba.shape[1]) // 2
                y = int(center_y - rgba.shape[0] / 2)
                y = min(max(0, y), height - rgba.shape[0])
                self.cues.append(
                    Cue(offset + start, offset + start + share, YuvOverlay.from_rgba(rgba, x, y))
                )
                start += share

    def at(self, t: float) -> list[YuvOverlay]:
        return [c.overlay for c in self.cues if c.start <= t < c.end]


def _wrap(text: str, font: ImageFont.ImageFont, max_width: float) -> list[str]:
    rows: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and font.getlength(trial) > max_width:
            rows.append(current)
            current = word
        else:
            current = trial
    if current:
        rows.append(current)
    return rows or [""]


def _render(rows: list[str], font: ImageFont.ImageFont, stroke: int) -> np.ndarray:
    ascent, descent = font.getmetrics() if hasattr(font, "getmetrics") else (font.size, font.size // 4)
    line_height = ascent + descent + stroke
    widths = [int(font.getlength(r)) for r in rows]
    pad = stroke * 2 + 2
    img = Image.new("RGBA", (max(widths) + 2 * pad, line_height * len(rows) + 2 * pad), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    for i, (row, w) in enumerate(zip(rows, widths)):
        x = (img.width - w) // 2
        y = pad + i * line_height
        draw.text(
            (x, y),
            row,
            font=font,
            fill=(255, 255, 255, 255),
            stroke_width=stroke,
            stroke_fill=(16, 16, 20, 235),
        )
    return np.asarray(img)
