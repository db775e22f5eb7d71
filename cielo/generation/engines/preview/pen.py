"""A PIL pen in figure units: x to the right of the feet, y up is negative, 1.0 = the figure's height.

Drawings (people, animals, vehicles, props) are written once in these units and come out at any
size; the figure canvas is drawn at twice its final size and shrunk, which anti-aliases every edge.
"""

from __future__ import annotations

import math

from PIL import Image, ImageDraw

Point = tuple[float, float]
Fill = tuple[int, ...]


def darker(color: Fill, k: float = 0.7) -> tuple[int, int, int]:
    return tuple(max(0, min(255, int(c * k))) for c in color[:3])  # type: ignore[return-value]


def lighter(color: Fill, k: float = 0.35) -> tuple[int, int, int]:
    return tuple(int(c + (255 - c) * k) for c in color[:3])  # type: ignore[return-value]


def polar(origin: Point, length: float, degrees: float) -> Point:
    """The point `length` away from `origin` at `degrees` (0 = straight down, 90 = forward/right)."""
    a = math.radians(degrees)
    return origin[0] + length * math.sin(a), origin[1] + length * math.cos(a)


class Pen:
    """Drawing calls in figure units on one canvas."""

    def __init__(
        self, draw: ImageDraw.ImageDraw, x0: float, y0: float, unit: float, image: Image.Image | None = None
    ) -> None:
        self.d, self.x0, self.y0, self.u = draw, x0, y0, unit
        self.image = image  # the canvas itself, for pasting pictures (cameos)
        # Words are written last, after the drawing is turned to face its way, so they never read mirrored.
        self.texts: list[tuple[float, float, str, int, Fill]] = []

    def pt(self, x: float, y: float) -> tuple[float, float]:
        return self.x0 + x * self.u, self.y0 + y * self.u

    def ellipse(self, cx: float, cy: float, rx: float, ry: float, fill: Fill, outline: Fill | None = None) -> None:
        (x0, y0), (x1, y1) = self.pt(cx - rx, cy - ry), self.pt(cx + rx, cy + ry)
        width = max(1, int(0.012 * self.u)) if outline else 0
        self.d.ellipse([x0, y0, x1, y1], fill=fill, outline=outline, width=width)

    def circle(self, cx: float, cy: float, r: float, fill: Fill, outline: Fill | None = None) -> None:
        self.ellipse(cx, cy, r, r, fill, outline)

    def circle_outline(self, cx: float, cy: float, r: float, color: Fill, width: float) -> None:
        (x0, y0), (x1, y1) = self.pt(cx - r, cy - r), self.pt(cx + r, cy + r)
        self.d.ellipse([x0, y0, x1, y1], outline=color, width=max(1, int(width * self.u)))

    def chord(self, cx: float, cy: float, r: float, fill: Fill, start: float = 180, end: float = 360) -> None:
        """Part of a circle cut by a straight line (the top half by default: hair, an umbrella)."""
        (x0, y0), (x1, y1) = self.pt(cx - r, cy - r), self.pt(cx + r, cy + r)
        self.d.chord([x0, y0, x1, y1], start, end, fill=fill)

    def pieslice(self, cx: float, cy: float, r: float, start: float, end: float, fill: Fill) -> None:
        (x0, y0), (x1, y1) = self.pt(cx - r, cy - r), self.pt(cx + r, cy + r)
        self.d.pieslice([x0, y0, x1, y1], start, end, fill=fill)

    def arc(self, cx: float, cy: float, r: float, start: float, end: float, color: Fill, width: float) -> None:
        (x0, y0), (x1, y1) = self.pt(cx - r, cy - r), self.pt(cx + r, cy + r)
        self.d.arc([x0, y0, x1, y1], start, end, fill=color, width=max(1, int(width * self.u)))

    def rect(self, x0: float, y0: float, x1: float, y1: float, fill: Fill, outline: Fill | None = None) -> None:
        width = max(1, int(0.01 * self.u)) if outline else 0
        self.d.rectangle([*self.pt(min(x0, x1), min(y0, y1)), *self.pt(max(x0, x1), max(y0, y1))],
                         fill=fill, outline=outline, width=width)

    def rounded(self, x0: float, y0: float, x1: float, y1: float, r: float, fill: Fill) -> None:
        (ax, ay), (bx, by) = self.pt(min(x0, x1), min(y0, y1)), self.pt(max(x0, x1), max(y0, y1))
        radius = max(0.0, min(r * self.u, (bx - ax) / 2, (by - ay) / 2))
        self.d.rounded_rectangle([ax, ay, bx, by], radius=radius, fill=fill)

    def line(self, points: list[Point], fill: Fill, width: float, caps: bool = True) -> None:
        w = max(1, int(width * self.u))
        pts = [self.pt(x, y) for x, y in points]
        self.d.line(pts, fill=fill, width=w, joint="curve")
        if caps and w > 2:
            for x, y in (pts[0], pts[-1]):  # round caps
                self.d.ellipse([x - w / 2, y - w / 2, x + w / 2, y + w / 2], fill=fill)

    def polygon(self, points: list[Point], fill: Fill, outline: Fill | None = None) -> None:
        self.d.polygon([self.pt(x, y) for x, y in points], fill=fill, outline=outline)

    def limb(self, a: Point, b: Point, fill: Fill, width: float) -> None:
        """A capsule from a to b: an arm, a leg, a neck."""
        self.line([a, b], fill, width)

    def quad(self, a: Point, b: Point, wa: float, wb: float, fill: Fill) -> None:
        """A tapered segment from a (width wa) to b (width wb): a tail, a horn, a sleeve."""
        dx, dy = b[0] - a[0], b[1] - a[1]
        n = math.hypot(dx, dy) or 1.0
        px, py = -dy / n, dx / n
        self.polygon(
            [(a[0] + px * wa / 2, a[1] + py * wa / 2), (b[0] + px * wb / 2, b[1] + py * wb / 2),
             (b[0] - px * wb / 2, b[1] - py * wb / 2), (a[0] - px * wa / 2, a[1] - py * wa / 2)],
            fill,
        )

    def star(self, cx: float, cy: float, r: float, fill: Fill, points: int = 5, inner: float = 0.45) -> None:
        pts = []
        for i in range(points * 2):
            radius = r if i % 2 == 0 else r * inner
            a = math.pi * i / points - math.pi / 2
            pts.append((cx + radius * math.cos(a), cy + radius * math.sin(a)))
        self.polygon(pts, fill)

    def text(self, cx: float, cy: float, text: str, size: float, fill: Fill) -> None:
        """Centred text (a sign's words) at `size` figure units tall; see `write_texts`."""
        x, y = self.pt(cx, cy)
        self.texts.append((x, y, text, max(6, int(size * self.u)), fill))


def write_texts(image: Image.Image, texts: list[tuple[float, float, str, int, Fill]], mirrored: bool) -> None:
    """Write a drawing's words onto it, at mirrored places when the drawing was flipped."""
    from cielo.generation.engines.preview.fonts import font

    draw = ImageDraw.Draw(image)
    for x, y, text, size, fill in texts:
        draw.text((image.width - x if mirrored else x, y), text, font=font(size), fill=fill, anchor="mm")
