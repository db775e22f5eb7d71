"""Stylised figures for the plan's subjects: people, animals and a few objects.

Each figure is drawn with PIL shapes at twice its size and shrunk (anti-aliasing), once per pose:
a pose is a step of the walk cycle, an arm position, mouth open or shut, wing position and facing.
A figure has only a handful of poses, so the per-frame cost is one small sprite blend.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw

from cielo.generation.engines.preview.cameo import cameo_look
from cielo.generation.engines.preview.canvas import Sprite
from cielo.generation.plan import DialogueLine, Shot, Subject

SUPERSAMPLE = 2
VOWELS = set("aeiouáéíóúüAEIOUÁÉÍÓÚÜ")

# Height of the figure relative to a standing adult.
SPECIES_SIZE = {
    "person": 1.0,
    "child": 0.72,
    "astronaut": 1.0,
    "robot": 0.95,
    "fox": 0.38,
    "dog": 0.42,
    "cat": 0.32,
    "wolf": 0.46,
    "bear": 0.7,
    "horse": 0.95,
    "deer": 0.85,
    "cow": 0.7,
    "rabbit": 0.3,
    "sheep": 0.45,
    "penguin": 0.55,
    "bird": 0.16,
    "fish": 0.2,
    "whale": 0.5,
    "car": 0.55,
    "boat": 0.75,
    "balloon": 0.5,
    "kite": 0.3,
    "rocket": 0.8,
    "bicycle": 0.5,
    "umbrella": 0.7,
    "lantern": 0.3,
}
SKIN = [(241, 200, 170), (224, 172, 130), (190, 130, 90), (140, 94, 62), (100, 66, 46)]
HAIR = [(40, 30, 24), (90, 60, 40), (200, 160, 90), (160, 70, 40), (30, 30, 34)]


@dataclass(frozen=True)
class Pose:
    step: int = 0  # walk cycle 0..3, 0 = standing
    arms: int = 0  # 0 down, 1 left up, 2 right up, 3 both up
    mouth: bool = False
    flap: int = 0  # wings / flame flicker 0..2
    facing: int = 1  # 1 right, -1 left


class Figure:
    """One subject's look and motion; `sprite(pose)` draws lazily and caches."""

    def __init__(self, subject: Subject, height: int, seed: int) -> None:
        self.subject = subject
        self.height = max(8, int(height * SPECIES_SIZE.get(subject.species, 0.6)))
        rng = np.random.default_rng([seed & 0xFFFFFFFF, 77, sum(map(ord, subject.id))])
        self.skin = SKIN[int(rng.integers(len(SKIN)))]
        self.hair = HAIR[int(rng.integers(len(HAIR)))]
        self.trousers = [(50, 60, 90), (60, 60, 66), (90, 70, 50), (30, 40, 60)][int(rng.integers(4))]
        self.color = tuple(subject.color)
        self.walk_direction = 1 if rng.uniform() < 0.5 else -1
        self._cache: dict[Pose, Sprite] = {}
        self.cameo = cameo_look(subject)  # a cameo's own face (or picture) instead of a drawn one
        if self.cameo is not None:
            self.height = int(self.height * self.cameo.scale)

    def sprite(self, pose: Pose) -> Sprite:
        cached = self._cache.get(pose)
        if cached is None:
            cached = self._cache[pose] = self._draw(pose)
        return cached

    def _draw(self, pose: Pose) -> Sprite:
        H = self.height * SUPERSAMPLE
        species = self.subject.species
        width = int(H * (1.6 if self.subject.kind != "person" or species == "penguin" else 0.8)) + 4
        height = int(H * 1.1) + 4
        img = Image.new("RGBA", (width, height), (0, 0, 0, 0))
        pen = _Pen(ImageDraw.Draw(img), x0=width / 2, y0=height - 2, unit=H, image=img)
        if self.cameo is not None and self.cameo.kind == "character":
            self.cameo.draw_character(pen, pose)
        elif species in ("person", "child", "astronaut", "robot"):
            self._person(pen, pose)
        elif species == "penguin":
            self._penguin(pen, pose)
        elif species == "bird":
            self._bird(pen, pose)
        elif species in ("fish", "whale"):
            self._fish(pen, pose)
        elif self.subject.kind == "animal":
            self._quadruped(pen, pose)
        else:
            self._object(pen, pose)
        if pose.facing < 0:
            img = img.transpose(Image.FLIP_LEFT_RIGHT)
        img = img.resize((width // SUPERSAMPLE, height // SUPERSAMPLE), Image.LANCZOS)
        return Sprite.from_image(img, anchor=(img.width // 2, img.height - 1))

    # people -------------------------------------------------------------------------------------

    def _person(self, p: _Pen, pose: Pose) -> None:
        species = self.subject.species
        suit = (
            (236, 236, 242)
            if species == "astronaut"
            else (170, 178, 192)
            if species == "robot"
            else self.color
        )
        dark = tuple(int(c * 0.7) for c in suit)
        legs = (
            (220, 220, 226)
            if species == "astronaut"
            else (120, 126, 140)
            if species == "robot"
            else self.trousers
        )
        child = species == "child"
        head_r = 0.13 if child else 0.11
        p.ellipse(0, -0.015, 0.2, 0.03, (0, 0, 0, 70))  # shadow on the ground
        swing = [0.0, 0.06, 0.0, -0.06][pose.step % 4]
        bob = 0.01 if pose.step % 2 else 0.0
        hip = 0.56 if child else 0.52
        for side, sw in ((-1, swing), (1, -swing)):
            p.line([(side * 0.06, -(hip - bob)), (side * 0.07 + sw, -0.04)], legs, 0.085)
            p.ellipse(side * 0.075 + sw + 0.015, -0.025, 0.055, 0.028, (40, 36, 34))
        shoulder = -(0.77 if child else 0.74) + bob
        p.rounded(-0.15, shoulder, 0.15, -(hip - 0.04 - bob), 0.06, suit)
        for side, up in ((-1, pose.arms in (1, 3)), (1, pose.arms in (2, 3))):
            hand = (
                (side * 0.27, shoulder - 0.2)
                if up
                else (side * 0.2 - side * swing * 0.5, -(hip - 0.02) + bob)
            )
            p.line([(side * 0.12, shoulder + 0.05), hand], dark, 0.06)
            p.circle(*hand, 0.035, self.skin if species == "person" or child else dark)
        head_y = shoulder - head_r * 0.95
        if self.cameo is not None:
            self.cameo.draw_head(p, shoulder, pose)
            return
        if species == "robot":
            p.rect(-0.12, head_y - 0.1, 0.12, head_y + 0.1, (190, 198, 210))
            p.line([(0, head_y - 0.1), (0, head_y - 0.17)], (120, 126, 140), 0.015)
            p.circle(0, head_y - 0.18, 0.02, (255, 90, 80))
            for side in (-1, 1):
                p.circle(side * 0.05, head_y - 0.02, 0.025, (80, 230, 255))
            mouth = (80, 230, 255) if pose.mouth else (60, 70, 80)
            p.rect(-0.06, head_y + 0.045, 0.06, head_y + 0.06 + (0.02 if pose.mouth else 0), mouth)
            return
        if (species == "person" or child) and self.subject.gender == "female":
            p.rounded(
                -head_r * 1.15, head_y - head_r, head_r * 1.15, head_y + head_r * 1.5, head_r, self.hair
            )
        if species == "astronaut":
            p.circle(0, head_y, head_r * 1.45, (240, 240, 246))
        p.circle(0, head_y, head_r, self.skin)
        if species != "astronaut":
            p.chord(0, head_y - head_r * 0.25, head_r * 1.04, self.hair)  # hair on top
        for side in (-1, 1):
            p.circle(side * head_r * 0.38, head_y + head_r * 0.05, head_r * 0.12, (30, 26, 30))
        self._mouth(p, 0, head_y + head_r * 0.5, head_r, pose.mouth)
        if species == "astronaut":
            p.circle_outline(0, head_y, head_r * 1.3, (150, 190, 230), 0.02)

    def _mouth(self, p: _Pen, x: float, y: float, r: float, open_: bool) -> None:
        if open_:
            p.ellipse(x, y, r * 0.36, r * 0.26, (120, 30, 40))
        else:
            p.line([(x - r * 0.3, y), (x + r * 0.3, y)], (120, 50, 50), r * 0.1)

    def _penguin(self, p: _Pen, pose: Pose) -> None:
        p.ellipse(0, -0.015, 0.2, 0.03, (0, 0, 0, 70))
        p.ellipse(0, -0.45, 0.28, 0.45, (30, 30, 40))
        p.ellipse(0.04, -0.4, 0.18, 0.36, (245, 245, 245))
        p.circle(0.02, -0.86, 0.17, (30, 30, 40))
        p.circle(0.08, -0.9, 0.03, (255, 255, 255))
        p.circle(0.09, -0.9, 0.015, (0, 0, 0))
        beak = 0.05 if pose.mouth else 0.0
        p.polygon([(0.15, -0.86), (0.3, -0.83 + beak / 2), (0.15, -0.8)], (250, 160, 40))
        if beak:
            p.polygon([(0.15, -0.8), (0.28, -0.76), (0.15, -0.77)], (230, 130, 30))
        wing = -0.2 if pose.arms else 0.0
        p.polygon([(-0.22, -0.65), (-0.36, -0.3 + wing), (-0.2, -0.35)], (30, 30, 40))
        for side in (-1, 1):
            p.ellipse(side * 0.1 + 0.04, -0.02, 0.08, 0.03, (250, 160, 40))

    # animals ------------------------------------------------------------------------------------

    def _quadruped(self, p: _Pen, pose: Pose) -> None:
        s = self.subject.species
        fur = self.color
        belly = {"fox": (250, 244, 236), "cow": (250, 250, 250), "deer": (230, 200, 160)}.get(
            s, tuple(min(255, int(c * 1.2)) for c in fur)
        )
        dark = tuple(int(c * 0.6) for c in fur)
        leg_len = {"horse": 0.45, "deer": 0.45, "cow": 0.3, "bear": 0.22, "rabbit": 0.12, "sheep": 0.25}.get(
            s, 0.3
        )
        body_w = {"horse": 0.62, "deer": 0.5, "cow": 0.62, "bear": 0.7, "rabbit": 0.45, "sheep": 0.6}.get(
            s, 0.6
        )
        body_h = {"bear": 0.42, "rabbit": 0.42, "sheep": 0.4, "cow": 0.38}.get(s, 0.3)
        body_y = -(leg_len + body_h / 2)
        p.ellipse(0, -0.015, body_w * 0.8, 0.04, (0, 0, 0, 70))
        swing = [0.0, 0.07, 0.0, -0.07][pose.step % 4]
        for x, sw in (
            (-body_w * 0.6, swing),
            (-body_w * 0.4, -swing),
            (body_w * 0.4, -swing),
            (body_w * 0.6, swing),
        ):
            p.line([(x, body_y + body_h * 0.2), (x + sw, -0.02)], dark, 0.07 if s != "bear" else 0.11)
        # tail
        if s in ("fox", "wolf"):
            p.polygon(
                [
                    (-body_w * 0.85, body_y - 0.02),
                    (-body_w * 1.6, body_y + 0.12 - swing * 0.3),
                    (-body_w * 1.5, body_y + 0.22),
                    (-body_w * 0.9, body_y + 0.1),
                ],
                fur,
            )
            if s == "fox":
                p.polygon(
                    [
                        (-body_w * 1.38, body_y + 0.1),
                        (-body_w * 1.6, body_y + 0.12 - swing * 0.3),
                        (-body_w * 1.5, body_y + 0.22),
                    ],
                    (250, 246, 240),
                )
        elif s in ("cat", "dog"):
            p.line([(-body_w * 0.9, body_y), (-body_w * 1.25, body_y - 0.25 - swing)], fur, 0.05)
        elif s in ("horse", "cow"):
            p.line([(-body_w * 0.95, body_y - 0.05), (-body_w * 1.1, body_y + 0.25)], dark, 0.05)
        if s == "sheep":
            for dx, dy in ((-0.3, 0), (0, -0.08), (0.3, 0), (-0.15, 0.08), (0.15, 0.08)):
                p.circle(dx * body_w * 1.6, body_y + dy, body_h * 0.45, (246, 246, 240))
        else:
            p.ellipse(0, body_y, body_w, body_h / 2 * 1.05, fur)
            p.ellipse(body_w * 0.15, body_y + body_h * 0.2, body_w * 0.6, body_h * 0.22, belly)
        if s == "cow":
            p.circle(-body_w * 0.3, body_y - 0.03, 0.09, (40, 40, 40))
            p.circle(body_w * 0.2, body_y + 0.05, 0.07, (40, 40, 40))
        # neck and head
        long_neck = s in ("horse", "deer")
        hx = body_w * (1.05 if long_neck else 0.95)
        hy = body_y - body_h * (1.1 if long_neck else 0.55)
        if long_neck:
            p.line([(body_w * 0.7, body_y - body_h * 0.1), (hx, hy)], fur, 0.16)
        head_r = {"bear": 0.16, "rabbit": 0.13, "horse": 0.12}.get(s, 0.14)
        face = (40, 40, 44) if s == "sheep" else fur
        p.circle(hx, hy, head_r, face)
        snout = {"fox": 0.2, "wolf": 0.2, "dog": 0.15, "horse": 0.22, "deer": 0.16, "cow": 0.14}.get(s, 0.08)
        p.polygon(
            [
                (hx + head_r * 0.3, hy - head_r * 0.5),
                (hx + head_r + snout, hy + head_r * 0.2),
                (hx + head_r * 0.3, hy + head_r * 0.7),
            ],
            face,
        )
        p.circle(hx + head_r + snout - 0.01, hy + head_r * 0.15, 0.025, (30, 26, 28))  # nose
        if pose.mouth:
            p.polygon(
                [
                    (hx + head_r * 0.5, hy + head_r * 0.45),
                    (hx + head_r + snout * 0.9, hy + head_r * 0.35),
                    (hx + head_r + snout * 0.7, hy + head_r * 0.85),
                ],
                (110, 30, 40),
            )
        p.circle(hx + head_r * 0.35, hy - head_r * 0.2, 0.028, (20, 20, 24))
        if s in ("fox", "cat", "wolf"):
            for dx in (-0.04, 0.06):
                p.polygon(
                    [
                        (hx + dx - 0.06, hy - head_r * 0.6),
                        (hx + dx + 0.01, hy - head_r * 1.9),
                        (hx + dx + 0.06, hy - head_r * 0.6),
                    ],
                    dark if s != "fox" else fur,
                )
        elif s == "rabbit":
            for dx in (-0.04, 0.04):
                p.ellipse(hx + dx, hy - head_r * 2.0, 0.04, head_r * 1.3, fur)
        elif s in ("dog", "sheep", "cow"):
            p.ellipse(hx - head_r * 0.6, hy + 0.02, 0.05, head_r * 0.8, dark)
        elif s == "bear":
            for dx in (-0.08, 0.07):
                p.circle(hx + dx, hy - head_r * 0.9, 0.05, fur)
        elif s == "deer":
            for dx in (-0.03, 0.04):
                p.line([(hx + dx, hy - head_r), (hx + dx - 0.08, hy - head_r * 3)], (120, 90, 60), 0.025)
                p.line(
                    [(hx + dx - 0.05, hy - head_r * 2.2), (hx + dx + 0.04, hy - head_r * 2.8)],
                    (120, 90, 60),
                    0.02,
                )
        elif s == "horse":
            p.line([(hx - 0.05, hy - head_r), (body_w * 0.6, body_y - body_h * 0.5)], dark, 0.05)

    def _bird(self, p: _Pen, pose: Pose) -> None:
        body = self.color if self.color != (0, 0, 0) else (60, 60, 70)
        wing_y = [-0.45, 0.0, 0.35][pose.flap % 3]
        p.ellipse(0, -0.5, 0.35, 0.12, body)
        p.circle(0.33, -0.56, 0.1, body)
        p.polygon([(0.42, -0.58), (0.55, -0.54), (0.42, -0.52)], (250, 170, 50))
        for side in (-0.1, 0.08):
            p.polygon(
                [(side - 0.12, -0.52), (side + 0.12, -0.52), (side - 0.05, -0.5 + wing_y - 0.35)],
                tuple(int(c * 0.8) for c in body),
            )
        p.polygon([(-0.32, -0.5), (-0.55, -0.6), (-0.55, -0.4)], body)
        if pose.mouth:
            p.polygon([(0.42, -0.54), (0.55, -0.48), (0.42, -0.5)], (200, 120, 40))

    def _fish(self, p: _Pen, pose: Pose) -> None:
        whale = self.subject.species == "whale"
        body = self.color
        p.ellipse(0, -0.35, 0.6 if whale else 0.45, 0.25 if whale else 0.2, body)
        tail = 0.12 * (pose.flap - 1)
        p.polygon([(-0.5, -0.35), (-0.85, -0.6 + tail), (-0.85, -0.1 + tail)], body)
        p.ellipse(0.05, -0.28, 0.45 if whale else 0.3, 0.1, tuple(min(255, int(c * 1.35)) for c in body))
        p.circle(0.32, -0.42, 0.04, (20, 20, 26))
        if pose.mouth:
            p.ellipse(0.45, -0.3, 0.08, 0.05, (90, 30, 40))

    # objects ------------------------------------------------------------------------------------

    def _object(self, p: _Pen, pose: Pose) -> None:
        s, c = self.subject.species, self.color
        dark = tuple(int(v * 0.6) for v in c)
        if s == "car":
            p.ellipse(0, -0.015, 0.8, 0.04, (0, 0, 0, 80))
            p.rounded(-0.75, -0.45, 0.75, -0.12, 0.08, c)
            p.rounded(-0.4, -0.75, 0.35, -0.4, 0.1, c)
            p.rect(-0.33, -0.7, -0.05, -0.45, (170, 210, 240))
            p.rect(0.0, -0.7, 0.28, -0.45, (170, 210, 240))
            for x in (-0.45, 0.45):
                p.circle(x, -0.13, 0.14, (30, 30, 34))
                p.circle(x, -0.13, 0.06, (170, 170, 176))
            p.circle(0.72, -0.35, 0.04, (255, 240, 180))
        elif s == "boat":
            p.polygon([(-0.7, -0.3), (0.7, -0.3), (0.5, -0.05), (-0.5, -0.05)], c)
            p.line([(0.0, -0.3), (0.0, -1.0)], (90, 70, 50), 0.04)
            p.polygon([(0.03, -0.98), (0.45, -0.38), (0.03, -0.38)], (250, 250, 246))
            p.polygon([(-0.03, -0.9), (-0.35, -0.38), (-0.03, -0.38)], (236, 236, 230))
        elif s == "balloon":
            p.line([(0.0, -0.35), (0.02, 0.0)], (80, 80, 80), 0.015)
            p.ellipse(0, -0.7, 0.26, 0.34, c)
            p.ellipse(-0.08, -0.82, 0.06, 0.1, (255, 255, 255, 120))
        elif s == "kite":
            p.polygon([(0, -1.0), (0.3, -0.65), (0, -0.2), (-0.3, -0.65)], c)
            p.line([(0, -1.0), (0, -0.2)], dark, 0.02)
            p.line([(-0.3, -0.65), (0.3, -0.65)], dark, 0.02)
            for i in range(4):
                p.line(
                    [
                        (0.05 * math.sin(i + pose.flap), -0.2 + 0.05 * i),
                        (0.05 * math.sin(i + 1 + pose.flap), -0.15 + 0.05 * i),
                    ],
                    (240, 240, 240),
                    0.02,
                )
        elif s == "rocket":
            flame = 0.12 + 0.06 * pose.flap
            p.polygon([(-0.08, -0.12), (0.08, -0.12), (0, -0.12 + flame * 2.2)], (255, 170, 60))
            p.rounded(-0.14, -0.9, 0.14, -0.12, 0.12, (236, 236, 240))
            p.polygon([(-0.14, -1.2 + 0.3), (0.14, -0.9), (0, -1.1)], c)
            p.circle(0, -0.65, 0.07, (120, 190, 240))
            for side in (-1, 1):
                p.polygon([(side * 0.14, -0.35), (side * 0.3, -0.1), (side * 0.14, -0.15)], c)
        elif s == "bicycle":
            for x in (-0.35, 0.35):
                p.circle_outline(x, -0.22, 0.2, (40, 40, 44), 0.03)
            p.line([(-0.35, -0.22), (-0.05, -0.5), (0.25, -0.5), (0.35, -0.22)], c, 0.04)
            p.line([(-0.05, -0.5), (0.0, -0.22), (-0.35, -0.22)], c, 0.04)
        elif s == "umbrella":
            p.line([(0, -0.7), (0, -0.05)], (60, 50, 40), 0.03)
            p.chord(0, -0.62, 0.4, c)
        else:  # lantern and anything else: a warm glowing shape
            p.rounded(-0.15, -0.6, 0.15, -0.1, 0.05, (255, 210, 120))
            p.rect(-0.17, -0.66, 0.17, -0.6, dark)


class _Pen:
    """PIL drawing in figure units: x right from the feet, y up is negative, 1.0 = figure height."""

    def __init__(
        self, draw: ImageDraw.ImageDraw, x0: float, y0: float, unit: float, image: Image.Image | None = None
    ) -> None:
        self.d, self.x0, self.y0, self.u = draw, x0, y0, unit
        self.image = image  # the canvas itself, for pasting pictures (cameos)

    def pt(self, x: float, y: float) -> tuple[float, float]:
        return self.x0 + x * self.u, self.y0 + y * self.u

    def ellipse(self, cx: float, cy: float, rx: float, ry: float, fill: tuple) -> None:
        (x0, y0), (x1, y1) = self.pt(cx - rx, cy - ry), self.pt(cx + rx, cy + ry)
        self.d.ellipse([x0, y0, x1, y1], fill=fill)

    def circle(self, cx: float, cy: float, r: float, fill: tuple) -> None:
        self.ellipse(cx, cy, r, r, fill)

    def circle_outline(self, cx: float, cy: float, r: float, color: tuple, width: float) -> None:
        (x0, y0), (x1, y1) = self.pt(cx - r, cy - r), self.pt(cx + r, cy + r)
        self.d.ellipse([x0, y0, x1, y1], outline=color, width=max(1, int(width * self.u)))

    def chord(self, cx: float, cy: float, r: float, fill: tuple) -> None:
        """The top half of a circle (hair, an umbrella)."""
        (x0, y0), (x1, y1) = self.pt(cx - r, cy - r), self.pt(cx + r, cy + r)
        self.d.chord([x0, y0, x1, y1], 180, 360, fill=fill)

    def rect(self, x0: float, y0: float, x1: float, y1: float, fill: tuple) -> None:
        self.d.rectangle([*self.pt(x0, y0), *self.pt(x1, y1)], fill=fill)

    def rounded(self, x0: float, y0: float, x1: float, y1: float, r: float, fill: tuple) -> None:
        self.d.rounded_rectangle([*self.pt(x0, y0), *self.pt(x1, y1)], radius=r * self.u, fill=fill)

    def line(self, points: list[tuple[float, float]], fill: tuple, width: float) -> None:
        w = max(1, int(width * self.u))
        pts = [self.pt(x, y) for x, y in points]
        self.d.line(pts, fill=fill, width=w, joint="curve")
        for x, y in (pts[0], pts[-1]):  # round caps
            self.d.ellipse([x - w / 2, y - w / 2, x + w / 2, y + w / 2], fill=fill)

    def polygon(self, points: list[tuple[float, float]], fill: tuple) -> None:
        self.d.polygon([self.pt(x, y) for x, y in points], fill=fill)


# ------------------------------------------------------------------------------------ motion


@dataclass
class Placed:
    sprite: Sprite
    x: int
    y: int
    depth: float


class Cast:
    """The figures of one shot and where each stands at time t."""

    def __init__(
        self,
        shot: Shot,
        subjects: list[Subject],
        dialogue: list[DialogueLine],
        *,
        width: int,
        height: int,
        ground_line: int,
        water_line: int | None,
        horizon: int,
        figure_height: int,
        tempo: float,
        seed: int,
    ) -> None:
        self.shot = shot
        self.width, self.height = width, height
        self.ground_line, self.water_line, self.horizon = ground_line, water_line, horizon
        self.beat = 60.0 / tempo
        by_id = {s.id: s for s in subjects}
        on_screen = [by_id[sid] for sid in shot.subjects if sid in by_id]
        has_people = any(s.kind == "person" for s in on_screen)
        ground = [s for s in on_screen if s.placement == "ground"]
        self.figures: list[tuple[Figure, float]] = []
        self.back_row: set[str] = set()
        for subject in on_screen:
            scale = 1.0
            if (
                not has_people
                and len(ground) <= 2
                and subject.kind == "animal"
                and subject.placement == "ground"
            ):
                # An animal without people is the star: make it big, but never taller than a person.
                scale = min(1.8, 0.9 / SPECIES_SIZE.get(subject.species, 0.6))
            if subject in ground and len(ground) >= 3 and ground.index(subject) % 2 == 1:
                # A crowd stands in two rows: every other one a step further back, a little smaller.
                self.back_row.add(subject.id)
                scale *= 0.8
            self.figures.append(
                (Figure(subject, int(figure_height * scale), seed), shot.positions.get(subject.id, 0.5))
            )
        # Speech: per speaker, the (start, end, text) of their lines in this shot.
        self.lines: dict[str, list[DialogueLine]] = {}
        for line in dialogue:
            if line.shot == shot.index:
                self.lines.setdefault(line.speaker, []).append(line)

    def mouth_open(self, subject_id: str, t: float) -> bool:
        """Open on vowels, shut on consonants and spaces, spread evenly over the spoken line."""
        for line in self.lines.get(subject_id, ()):
            if line.start <= t < line.end:
                text = line.text
                i = int((t - line.start) / max(1e-3, line.end - line.start) * len(text))
                return text[min(i, len(text) - 1)] in VOWELS
        return False

    def place(self, t: float) -> list[Placed]:
        """Sprites and anchor positions at time t (seconds of new content); far ones first."""
        placed: list[Placed] = []
        local = t - self.shot.start
        mid = (self.shot.end - self.shot.start) / 2
        for figure, position in self.figures:
            s = figure.subject
            x = position * self.width
            y = float(self.ground_line)
            pose = Pose(mouth=self.mouth_open(s.id, t), facing=figure.walk_direction)
            depth = 0.75
            if s.placement == "sky":
                depth = 0.3
                y = self.horizon * (0.3 + 0.25 * position)
                if s.kind == "animal":  # birds cross the sky flapping
                    speed = self.width * 0.07 * figure.walk_direction
                    span = self.width * 1.3
                    x = (position * self.width + speed * local) % span - self.width * 0.15
                    y += math.sin(local * 1.7 + position * 6) * self.height * 0.01
                    pose = Pose(flap=int(local * 8) % 3, facing=figure.walk_direction, mouth=pose.mouth)
                else:  # balloons and kites float up slowly and sway
                    y -= local * self.height * 0.012
                    x += math.sin(local * 0.9 + position * 5) * self.width * 0.02
                    pose = Pose(flap=int(local * 4) % 3, facing=1)
            elif s.placement == "water" and self.water_line is not None:
                depth = 0.5
                y = self.water_line + math.sin(local * 2.2 + position * 4) * self.height * 0.006
                if s.species == "fish":
                    # Fish leap out of the water every few seconds.
                    phase = (local * 0.4 + position) % 1.0
                    y -= (
                        max(0.0, math.sin(phase * math.pi * 3)) * self.height * 0.06 if phase < 1 / 3 else 0.0
                    )
                x += local * self.width * 0.01 * figure.walk_direction
                pose = Pose(flap=int(local * 5) % 3, facing=figure.walk_direction, mouth=pose.mouth)
            else:
                if s.placement == "water":  # a boat in a scene without water sits on the ground
                    y = float(self.ground_line)
                if s.id in self.back_row:
                    y -= (self.ground_line - self.horizon) * 0.25
                    depth = 0.7
                action = s.action
                if action in ("walk", "run"):
                    speed = self.width * (0.035 if action == "walk" else 0.08) * figure.walk_direction
                    x += speed * (local - mid)
                    rate = 6 if action == "walk" else 11
                    pose = Pose(step=int(local * rate) % 4, mouth=pose.mouth, facing=figure.walk_direction)
                elif action == "dance":
                    beat = local / self.beat
                    y -= abs(math.sin(math.pi * beat)) * figure.height * 0.06
                    pose = Pose(
                        arms=(1, 3, 2, 0)[int(beat) % 4],
                        step=(0, 1, 0, 3)[int(beat) % 4],
                        mouth=pose.mouth,
                        facing=figure.walk_direction,
                    )
                else:
                    y -= (math.sin(local * 2.0 + position * 7) * 0.5 + 0.5) * max(1.0, figure.height * 0.008)
                    if s.kind == "person" and pose.mouth:
                        pose = Pose(arms=2 if s.id[-1] in "02468" else 1, mouth=True, facing=pose.facing)
                    elif s.kind == "object" and s.species == "car":
                        x += (
                            local * self.width * 0.12 * figure.walk_direction
                            - mid * self.width * 0.12 * figure.walk_direction
                        )
                if s.species in ("rocket",):
                    pose = Pose(flap=int(local * 12) % 3)
            sprite = figure.sprite(pose)
            if s.placement != "sky":
                # Keep figures on screen (walkers turn into walking on the spot at the edges).
                half = sprite.size[0] / 2
                x = min(max(x, half), self.width - half) if sprite.size[0] < self.width else self.width / 2
            placed.append(Placed(sprite, round(x), round(y), depth))
        placed.sort(key=lambda p: (p.depth, p.y))
        return placed
