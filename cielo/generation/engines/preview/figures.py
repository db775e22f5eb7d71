"""Figures: how one subject looks in one pose, drawn once and kept as a sprite.

A figure is drawn with PIL shapes at twice its size and shrunk (anti-aliasing), once per pose; a
pose is a small frozen record (a walk step, joint angles, mouth open or shut, wing phase, facing),
so a figure has a few dozen poses at most and a frame costs one sprite blend per figure.
People are in people.py, animals in animals.py, vehicles in vehicles.py, things in props.py.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw

from cielo.generation.engines.preview import animals, people, props, vehicles
from cielo.generation.engines.preview.cameo import cameo_look
from cielo.generation.engines.preview.canvas import Sprite
from cielo.generation.engines.preview.pen import Pen, write_texts
from cielo.generation.plan import Subject

SUPERSAMPLE = 2
VOWELS = set("aeiouáéíóúüAEIOUÁÉÍÓÚÜ")
PEOPLE_SIZE = {"child": 0.72, "baby": 0.4, "elder": 0.95, "fairy": 0.5, "monster": 1.35, "robot": 0.95, "ghost": 0.95}
# A sprite's canvas, as multiples of its height: (width, height) for the kinds that need room.
_PERSON_BOX = (1.0, 1.25)


@dataclass(frozen=True)
class Pose:
    step: int = 0  # walk cycle 0..3, 0 = standing
    arms: int = 0  # 0 down, 1 left up, 2 right up, 3 both up (the simple arm poses)
    mouth: bool = False
    flap: int = 0  # wings / flame flicker / wheel turn
    facing: int = 1  # 1 right, -1 left
    stance: people.Stance | None = None  # a person's joint angles, when an action sets them
    head: int = 0  # animals: 0 level, 1 down (eating), 2 up (roaring)
    lie: bool = False  # lying down asleep
    item: str = ""  # what the front hand holds
    tilt: int = 0  # the whole figure rotated (degrees, positive leans forward): flying, swimming


def size_of(subject: Subject) -> float:
    """Height next to a standing adult."""
    if subject.kind == "person":
        return PEOPLE_SIZE.get(subject.species, 1.0)
    if subject.category == "vehicle" or subject.species in vehicles.VEHICLE_SIZE:
        return vehicles.VEHICLE_SIZE.get(subject.species, 0.8)
    if subject.kind == "animal":
        return animals.SPECIES_SIZE.get(subject.species, 0.5)
    return _prop_box(subject)[1]


def _prop_box(subject: Subject) -> tuple[float, float]:
    """A thing's extent in adult heights; a dish stands on a table (or a stove) in front of its user."""
    if subject.placement == "table" or subject.species in props.DISHES:
        return 1.0, 0.75
    return props.box(subject.species, subject.count)


def _arms_stance(pose: Pose) -> people.Stance:
    """The simple poses (step and arms) as joint angles."""
    swing = [0, 22, 0, -22][pose.step % 4]
    front = (160, 15) if pose.arms in (2, 3) else (-swing + 8, 12)
    back = (160, 15) if pose.arms in (1, 3) else (swing - 8, 12)
    return people.Stance(legs=(swing, -swing), knees=(abs(swing) // 2, abs(swing) // 2), front_arm=front, back_arm=back)


class Figure:
    """One subject's look; `sprite(pose)` draws lazily and caches."""

    def __init__(self, subject: Subject, height: int, seed: int) -> None:
        self.subject = subject
        self.base = height  # a standing adult, in px: the unit things are drawn in
        self.height = max(8, int(height * size_of(subject)))
        rng = np.random.default_rng([seed & 0xFFFFFFFF, 77, sum(map(ord, subject.id))])
        values = [float(v) for v in rng.uniform(0, 1, 6)]
        self.color = tuple(subject.color)
        self.walk_direction = 1 if values[5] < 0.5 else -1
        self._cache: dict[Pose, Sprite] = {}
        self.light: tuple[float, float, float] | None = None  # the scene's light on it (None: as drawn)
        self.cameo = cameo_look(subject)  # a cameo's own face (or picture) instead of a drawn one
        if self.cameo is not None:
            self.height = int(self.height * self.cameo.scale)
        self.look = None
        if subject.kind == "person":
            self.look = people.make_look(subject.species, subject.gender, self.color, subject.garment, values)
        elif subject.kind == "animal" and subject.species != "character":
            self.look = animals.AnimalLook(subject.species, subject.variant, self.color)  # type: ignore[assignment]

    def sprite(self, pose: Pose) -> Sprite:
        cached = self._cache.get(pose)
        if cached is None:
            cached = self._cache[pose] = self._draw(pose)
        return cached

    def canvas_size(self, pose: Pose) -> tuple[int, int]:
        s = self.subject
        H = self.height * SUPERSAMPLE
        if s.kind == "person":
            w, h = _PERSON_BOX
            if pose.item in props.GRIPPED or pose.item in ("flag", "umbrella", "torch", "lantern"):
                w, h = 1.7, 1.75  # a raised sword or a flag reaches far beyond the head
            if s.species == "monster":
                w = 1.2
        elif s.kind == "animal":
            w = animals.WIDE.get(s.variant, animals.WIDE.get(s.species, 1.8))
            build = animals.build_for(s.species, s.variant)
            h = 1.35 if build is not None and {"horn", "antlers", "ossicones"} & set(build.extras) else 1.2
            if s.species == "dragon":
                h = 1.6
        elif s.species in vehicles.DRAWINGS:
            w, h = vehicles.VEHICLE_WIDTH[s.species] + 0.3, 1.3
        else:
            bw, bh = _prop_box(s)
            unit = self.base * SUPERSAMPLE
            return int(unit * (bw + 0.3)) + 8, int(unit * (bh + 0.3)) + 8
        return int(H * w) + 8, int(H * h) + 8

    def _draw(self, pose: Pose) -> Sprite:
        s = self.subject
        H = self.height * SUPERSAMPLE
        width, height = self.canvas_size(pose)
        img = Image.new("RGBA", (width, height), (0, 0, 0, 0))
        base_y = height - 4
        pen = Pen(ImageDraw.Draw(img), x0=width / 2, y0=base_y, unit=H, image=img)
        if self.cameo is not None and self.cameo.kind == "character":
            self.cameo.draw_character(pen, pose)
        elif s.kind == "person":
            self._person(pen, pose)
        elif s.kind == "animal" and self.look is not None:
            animals.draw_animal(pen, self.look, pose.step, pose.flap, pose.mouth, pose.head, pose.lie)  # type: ignore[arg-type]
        elif s.species in vehicles.DRAWINGS:
            vehicles.draw_vehicle(pen, s.species, self.color, pose.flap, s.variant)  # type: ignore[arg-type]
        else:
            pen.u = self.base * SUPERSAMPLE  # things are drawn in adult heights
            if s.placement == "table" or s.species in props.DISHES:
                props.draw_served(pen, s.species, self.color, pose.flap, pose.item or "table")  # type: ignore[arg-type]
            else:
                props.draw_prop(pen, s.species, self.color, pose.flap, s.count, s.text, s.variant)  # type: ignore[arg-type]
        turn = 90 if pose.lie and s.kind == "person" else -pose.tilt
        if turn:
            # Lying down or flying: turn the drawing and stand it on the lowest point it now has.
            img = img.rotate(turn, resample=Image.BICUBIC, expand=True)
            rows = np.flatnonzero(np.asarray(img)[..., 3].max(axis=1) > 0)
            base_y = int(rows[-1]) if rows.size else img.height - 1
        if pose.facing < 0:
            img = img.transpose(Image.FLIP_LEFT_RIGHT)
        if pen.texts:
            write_texts(img, pen.texts, mirrored=pose.facing < 0 and not turn)
        # Halving with a box filter anti-aliases the edges as well as a slower filter would.
        img = img.reduce(SUPERSAMPLE)
        if self.light is not None and self.cameo is None:
            rgba = np.asarray(img).astype(np.float32)
            rgba[..., :3] *= np.asarray(self.light, np.float32)
            img = Image.fromarray(np.clip(rgba, 0, 255).astype(np.uint8), "RGBA")
        anchor_y = int(base_y / SUPERSAMPLE)
        return Sprite.from_image(img, anchor=(img.width // 2, anchor_y))

    def _person(self, pen: Pen, pose: Pose) -> None:
        look = self.look
        assert isinstance(look, people.Look)
        if self.subject.species == "baby":
            people.draw_baby(pen, look, pose.mouth, pose.step)
            return
        stance = pose.stance or _arms_stance(pose)
        if pose.lie:
            stance = people.Stance(eyes_shut=True, front_arm=(10, 20), back_arm=(-10, 20))
        if self.cameo is not None:
            # A cameo keeps the drawn body; its own face replaces the drawn head.
            self._cameo_person(pen, pose, stance, look)
            return
        people.draw_person(pen, look, stance, pose.mouth, pose.item)

    def _cameo_person(self, pen: Pen, pose: Pose, stance: people.Stance, look: people.Look) -> None:
        assert self.cameo is not None
        plain = people.Look(
            look.role, look.gender, look.age, look.color, look.skin, look.hair, "bald", look.trousers,
            people.OUTFITS["person"] if look.role == "person" else look.outfit, look.garment, set(look.extras),
        )
        # Draw the body without a face, then the cameo's face over where the head is.
        people.draw_person(pen, plain, stance, False, pose.item)
        self.cameo.draw_head(pen, -0.8, pose)


def mouth_open(lines: list, t: float) -> bool:
    """Open on vowels, shut on consonants and spaces, spread evenly over the spoken line."""
    for line in lines:
        if line.start <= t < line.end:
            text = line.text
            i = int((t - line.start) / max(1e-3, line.end - line.start) * len(text))
            return text[min(i, len(text) - 1)] in VOWELS
    return False


def drawable_kinds() -> set[str]:
    """Every kind of subject the preview engine draws (the lexicon may only name these)."""
    return set(people.OUTFITS) | animals.drawable_animals() | set(vehicles.DRAWINGS) | props.drawable_things()
