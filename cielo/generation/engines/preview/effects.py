"""Small animated effects that go with actions: fire breath, steam, music notes, sparkles, a "z".

Each effect's pictures are drawn once per shot at a size that follows the figure's height; a frame
only picks a picture and a position (and a fade), so effects cost a sprite blend each.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PIL import Image, ImageDraw

from cielo.generation.engines.preview.canvas import Sprite
from cielo.generation.engines.preview.fonts import font
from cielo.generation.engines.preview.motion import Effect
from cielo.generation.engines.preview.pen import Pen
from cielo.generation.engines.preview.props import draw_small


@dataclass
class Placed:
    sprite: Sprite
    x: int
    y: int
    depth: float
    opacity: float = 1.0


def _canvas(w: int, h: int) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    img = Image.new("RGBA", (max(2, w), max(2, h)), (0, 0, 0, 0))
    return img, ImageDraw.Draw(img)


def _sprite(img: Image.Image, anchor: tuple[int, int] | None = None) -> Sprite:
    small = img.reduce(2)
    ax, ay = anchor if anchor else (small.width // 2, small.height // 2)
    return Sprite.from_image(small, anchor=(ax, ay))


class EffectPictures:
    """The pictures of every effect at one figure height (drawn on first use)."""

    def __init__(self, figure_height: int, board: str = "skateboard") -> None:
        self.h = max(16, figure_height)
        self.board = board
        self._cache: dict[tuple, Sprite] = {}

    def _get(self, key: tuple, make) -> Sprite:
        sprite = self._cache.get(key)
        if sprite is None:
            sprite = self._cache[key] = make()
        return sprite

    def place(self, effect: Effect, x: float, y: float, facing: int, t: float, depth: float) -> list[Placed]:
        """The sprites of one effect at the figure anchor (x, y)."""
        h = self.h
        ex, ey = x + effect.x * facing, y + effect.y
        out: list[Placed] = []
        kind = effect.kind
        if kind == "fire":
            direction = facing
            flicker = int(t * 14) % 3
            size = 2 if effect.strength > 0.8 else 1
            sprite = self._get(("fire", flicker, size, direction), lambda: self._fire(flicker, size, direction))
            out.append(Placed(sprite, round(ex), round(ey), depth + 0.01))
        elif kind in ("steam", "smoke"):
            puff = self._get((kind,), lambda: self._puff(kind))
            for k in range(3):
                u = ((t * (0.6 if kind == "steam" else 0.5)) + k / 3) % 1.0
                out.append(Placed(puff, round(ex + math.sin(u * 6 + k) * h * 0.04), round(ey - u * h * 0.35), depth + 0.01, (1 - u) * 0.85))
        elif kind == "notes":
            for k in range(2):
                u = (t * 0.5 + k / 2) % 1.0
                note = self._get(("note", k), lambda k=k: self._note(k))
                out.append(Placed(note, round(ex + math.sin(u * 7 + k) * h * 0.08 + k * h * 0.12 * facing), round(ey - u * h * 0.4), depth + 0.01, min(1.0, (1 - u) * 1.5)))
        elif kind == "sparkles":
            star = self._get(("sparkle",), self._sparkle)
            for k in range(5):
                a = k * 1.3 + t * 4
                r = h * (0.05 + 0.07 * ((k * 0.37 + t * 1.7) % 1.0))
                out.append(Placed(star, round(ex + math.cos(a) * r), round(ey + math.sin(a) * r), depth + 0.02, 0.5 + 0.5 * math.sin(t * 9 + k)))
        elif kind == "zzz":
            for k in range(2):
                u = (effect.strength + k / 2) % 1.0
                z = self._get(("z", k), lambda k=k: self._z(k))
                out.append(Placed(z, round(ex + u * h * 0.15), round(ey - u * h * 0.35), depth + 0.01, 1 - u))
        elif kind == "tears":
            drop = self._get(("tear",), self._tear)
            for k in (-1, 1):
                out.append(Placed(drop, round(ex + k * h * 0.03), round(ey + effect.strength * h * 0.12), depth + 0.01, 1 - effect.strength))
        elif kind == "hearts":
            heart = self._get(("heart",), self._heart)
            out.append(Placed(heart, round(ex), round(ey - effect.strength * h * 0.25), depth + 0.02, 1 - effect.strength))
        elif kind == "water":
            drop = self._get(("drop",), self._drop)
            for k in range(8):
                u = (effect.strength + k / 8) % 1.0
                px = ex + facing * u * h * 0.7
                py = ey - math.sin(u * math.pi * 0.8) * h * 0.15 + u * u * h * 0.35
                out.append(Placed(drop, round(px), round(py), depth + 0.01, 0.9))
        elif kind == "ball":
            ball = self._get(("ball", self.board), self._ball)
            out.append(Placed(ball, round(ex), round(ey), depth + 0.01))
        elif kind == "sparks":
            burst = self._get(("sparks",), self._burst)
            out.append(Placed(burst, round(ex), round(ey), depth + 0.02))
        elif kind == "splash":
            splash = self._get(("splash",), self._splash)
            out.append(Placed(splash, round(ex), round(ey), depth + 0.01, effect.strength))
        elif kind == "flash":
            flash = self._get(("flash",), self._flash)
            out.append(Placed(flash, round(ex), round(ey), depth + 0.02, 0.9))
        elif kind == "easel":
            easel = self._get(("easel",), self._easel)
            out.append(Placed(easel, round(ex), round(y), depth + 0.005))
        elif kind == "board":
            board = self._get(("board", self.board), self._board)
            out.append(Placed(board, round(x), round(y), depth + 0.005))
        return out

    # pictures --------------------------------------------------------------------------------

    def _fire(self, flicker: int, size: int, direction: int) -> Sprite:
        length = int(self.h * (0.75 if size == 2 else 0.5)) * 2
        height = int(self.h * 0.35) * 2
        img, d = _canvas(length, height)
        cy = height / 2
        for k, (color, scale) in enumerate((((240, 80, 30, 220), 1.0), ((250, 160, 40, 230), 0.7), ((255, 240, 150, 240), 0.4))):
            wobble = [0, 4, -3][(flicker + k) % 3] * self.h / 100
            d.polygon([(0, cy - height * 0.06 * scale), (length * 0.6, cy - height * 0.4 * scale + wobble),
                       (length * (0.8 + 0.2 * scale), cy + wobble), (length * 0.6, cy + height * 0.4 * scale - wobble),
                       (0, cy + height * 0.06 * scale)], fill=color)
            for j in range(3):
                r = height * 0.18 * scale
                px = length * (0.55 + 0.12 * j) * (0.7 + 0.3 * scale)
                d.ellipse([px - r, cy - r + wobble * j, px + r, cy + r + wobble * j], fill=color)
        if direction < 0:
            img = img.transpose(Image.FLIP_LEFT_RIGHT)
        anchor = (0, height // 4) if direction > 0 else (length // 2, height // 4)
        return _sprite(img, anchor)

    def _puff(self, kind: str) -> Sprite:
        r = int(self.h * (0.06 if kind == "steam" else 0.16)) * 2
        img, d = _canvas(r * 2, r * 2)
        color = (250, 250, 252, 130) if kind == "steam" else (120, 116, 112, 170)
        d.ellipse([0, 0, r * 2 - 1, r * 2 - 1], fill=color)
        return _sprite(img)

    def _note(self, k: int) -> Sprite:
        s = int(self.h * 0.12) * 2
        img, d = _canvas(s, int(s * 1.3))
        p = Pen(d, 0, s * 1.25, s, img)  # notes have no words
        color = (40, 30, 60) if k == 0 else (90, 40, 120)
        p.ellipse(0.3, -0.15, 0.2, 0.14, color)
        p.line([(0.48, -0.15), (0.48, -1.05)], color, 0.08)
        if k == 0:
            p.polygon([(0.48, -1.05), (0.85, -0.8), (0.48, -0.8)], color)
        else:
            p.ellipse(0.85, -0.3, 0.17, 0.12, color)
            p.line([(1.0, -0.3), (1.0, -1.0)], color, 0.08)
            p.line([(0.48, -1.05), (1.0, -1.0)], color, 0.12)
        return _sprite(img)

    def _sparkle(self) -> Sprite:
        s = int(self.h * 0.06) * 2
        img, d = _canvas(s, s)
        Pen(d, s / 2, s / 2, s, img).star(0, 0, 0.5, (255, 250, 200), points=4, inner=0.25)
        return _sprite(img)

    def _z(self, k: int) -> Sprite:
        size = int(self.h * (0.09 + 0.03 * k)) * 2
        img, d = _canvas(size, size)
        d.text((size / 2, size / 2), "Z", font=font(size), fill=(250, 250, 255, 240), anchor="mm", stroke_width=max(1, size // 12), stroke_fill=(60, 60, 90, 200))
        return _sprite(img)

    def _tear(self) -> Sprite:
        s = int(self.h * 0.03) * 2
        img, d = _canvas(s, int(s * 1.5))
        d.ellipse([0, s * 0.5, s - 1, s * 1.5 - 1], fill=(120, 180, 250, 220))
        d.polygon([(s / 2, 0), (0, s * 0.9), (s, s * 0.9)], fill=(120, 180, 250, 220))
        return _sprite(img)

    def _ball(self) -> Sprite:
        s = max(6, int(self.h * 0.1)) * 2
        img, d = _canvas(s, s)
        draw_small(Pen(d, s / 2, s / 2, s * 9, img), "soccer_ball", 0.0, 0.0, (240, 240, 240))
        return _sprite(img, (s // 4, s // 2 - 1))

    def _drop(self) -> Sprite:
        s = max(4, int(self.h * 0.045)) * 2
        img, d = _canvas(s, s)
        d.ellipse([0, 0, s - 1, s - 1], fill=(170, 215, 255, 230))
        return _sprite(img)

    def _heart(self) -> Sprite:
        s = int(self.h * 0.1) * 2
        img, d = _canvas(s, s)
        d.ellipse([0, 0, s * 0.55, s * 0.55], fill=(240, 60, 100))
        d.ellipse([s * 0.45, 0, s - 1, s * 0.55], fill=(240, 60, 100))
        d.polygon([(s * 0.02, s * 0.35), (s * 0.98, s * 0.35), (s / 2, s - 1)], fill=(240, 60, 100))
        return _sprite(img)

    def _burst(self) -> Sprite:
        s = int(self.h * 0.22) * 2
        img, d = _canvas(s, s)
        p = Pen(d, s / 2, s / 2, s, img)
        p.star(0, 0, 0.5, (255, 240, 120, 230), points=8, inner=0.35)
        p.star(0, 0, 0.25, (255, 255, 230), points=8, inner=0.4)
        return _sprite(img)

    def _splash(self) -> Sprite:
        s = int(self.h * 0.2) * 2
        img, d = _canvas(s, s)
        for k in range(6):
            a = math.pi * (0.1 + 0.8 * k / 5)
            x, y = s / 2 + math.cos(a) * s * 0.4, s * 0.9 - math.sin(a) * s * 0.6
            d.ellipse([x - s * 0.05, y - s * 0.05, x + s * 0.05, y + s * 0.05], fill=(220, 240, 255, 220))
        return _sprite(img, (s // 4, int(s * 0.45)))

    def _flash(self) -> Sprite:
        s = int(self.h * 0.3) * 2
        img, d = _canvas(s, s)
        Pen(d, s / 2, s / 2, s, img).star(0, 0, 0.5, (255, 255, 255, 220), points=6, inner=0.3)
        return _sprite(img)

    def _easel(self) -> Sprite:
        h = int(self.h * 0.85) * 2
        w = int(h * 0.7)
        img, d = _canvas(w, h)
        p = Pen(d, w / 2, h - 2, h, img)
        wood = (140, 100, 60)
        p.line([(-0.25, 0), (0.0, -0.95)], wood, 0.03)
        p.line([(0.25, 0), (0.0, -0.95)], wood, 0.03)
        p.line([(0.0, -0.9), (0.08, 0)], wood, 0.03)
        p.rect(-0.3, -0.85, 0.3, -0.4, (250, 248, 240))
        p.circle(-0.1, -0.7, 0.08, (90, 160, 230))
        p.rect(-0.25, -0.55, 0.25, -0.42, (90, 170, 80))
        p.circle(0.15, -0.72, 0.06, (250, 200, 40))
        return _sprite(img, (w // 4, (h - 2) // 2))

    def _board(self) -> Sprite:
        w = int(self.h * 0.6) * 2
        img, d = _canvas(w, w // 3)
        p = Pen(d, w / 2, w / 3 - 2, w, img)
        draw_small(p, {"surfboard": "skateboard"}.get(self.board, self.board), 0.0, -0.05, (240, 120, 40))
        if self.board == "surfboard":
            img, d = _canvas(w, w // 4)
            d.ellipse([0, 0, w - 1, w // 4 - 1], fill=(240, 120, 40))
        return _sprite(img, (w // 4, w // 8))
