"""Animals and creatures: one four-legged body shaped per species, birds, sea life, and the odd ones.

A four-legged animal is a `Build`: body, legs, neck, head, ears, tail, coat pattern and extras (a
mane, a trunk, antlers, wings). Breeds and species are builds, so a golden retriever, a zebra and a
dragon share the walk cycle and differ in shape and coat. Everything faces right; `gait` is the
walk phase (0..3), `flap` the wing or tail phase.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from cielo.generation.engines.preview.pen import Pen, darker, lighter, polar

Color = tuple[int, int, int]
WHITE, BLACK = (246, 246, 248), (24, 22, 26)


@dataclass(frozen=True)
class Build:
    legs: float = 0.3  # leg length
    body: tuple[float, float] = (0.55, 0.3)  # body length, height
    neck: float = 0.0  # extra neck length (horse, giraffe)
    head: float = 0.14  # head radius
    snout: float = 0.12
    ears: str = "pointy"  # pointy | floppy | round | long | small | none
    tail: str = "thin"  # thin | bushy | tuft | short | long | curly | fluffy | flowing | spiked | none
    pattern: str = ""  # spots | stripes | patches | panda | mask | tipped
    extras: tuple[str, ...] = ()  # mane, trunk, tusks, horn, horns, antlers, hump, wings, spikes, beard, wool, quills
    thick: float = 0.07  # leg width
    belly: Color | None = None
    dark: Color | None = None
    low: bool = False  # a crawler: legs splayed, belly near the ground


BUILDS: dict[str, Build] = {
    "dog": Build(legs=0.3, body=(0.55, 0.28), head=0.15, snout=0.14, ears="floppy", tail="thin"),
    "dog/husky": Build(legs=0.32, body=(0.55, 0.3), head=0.15, snout=0.15, ears="pointy", tail="bushy", pattern="tipped", belly=WHITE),
    "dog/german_shepherd": Build(legs=0.32, body=(0.58, 0.3), head=0.15, snout=0.16, ears="pointy", tail="bushy", pattern="saddle", belly=(200, 150, 90)),
    "dog/corgi": Build(legs=0.14, body=(0.55, 0.26), head=0.15, snout=0.12, ears="pointy", tail="short", belly=WHITE),
    "dog/dachshund": Build(legs=0.13, body=(0.7, 0.22), head=0.13, snout=0.16, ears="floppy", tail="thin"),
    "dog/chihuahua": Build(legs=0.25, body=(0.4, 0.22), head=0.16, snout=0.07, ears="pointy", tail="thin"),
    "dog/poodle": Build(legs=0.34, body=(0.5, 0.28), head=0.15, snout=0.12, ears="floppy", tail="fluffy", extras=("wool",)),
    "dog/dalmatian": Build(legs=0.33, body=(0.55, 0.28), head=0.14, snout=0.15, ears="floppy", tail="thin", pattern="spots"),
    "dog/bulldog": Build(legs=0.2, body=(0.55, 0.32), head=0.17, snout=0.05, ears="small", tail="short", thick=0.1),
    "dog/golden_retriever": Build(legs=0.32, body=(0.58, 0.3), head=0.15, snout=0.15, ears="floppy", tail="flowing"),
    "cat": Build(legs=0.24, body=(0.5, 0.24), head=0.15, snout=0.04, ears="pointy", tail="long", thick=0.06),
    "fox": Build(legs=0.25, body=(0.55, 0.24), head=0.14, snout=0.2, ears="pointy", tail="bushy", pattern="tipped", belly=(250, 244, 236), dark=(60, 40, 30)),
    "wolf": Build(legs=0.33, body=(0.6, 0.28), head=0.15, snout=0.2, ears="pointy", tail="bushy", belly=(220, 220, 226)),
    "bear": Build(legs=0.25, body=(0.7, 0.42), head=0.17, snout=0.09, ears="round", tail="short", thick=0.12),
    "bear/polar": Build(legs=0.27, body=(0.72, 0.4), head=0.15, snout=0.12, ears="round", tail="short", thick=0.12),
    "bear/panda": Build(legs=0.22, body=(0.6, 0.42), head=0.18, snout=0.06, ears="round", tail="short", pattern="panda", thick=0.12),
    "deer": Build(legs=0.45, body=(0.5, 0.26), neck=0.2, head=0.11, snout=0.14, ears="pointy", tail="short", extras=("antlers",), belly=(236, 214, 180), thick=0.05),
    "rabbit": Build(legs=0.1, body=(0.4, 0.36), head=0.14, snout=0.05, ears="long", tail="fluffy"),
    "squirrel": Build(legs=0.12, body=(0.38, 0.28), head=0.13, snout=0.06, ears="small", tail="curly", belly=(240, 220, 190)),
    "mouse": Build(legs=0.08, body=(0.42, 0.26), head=0.13, snout=0.1, ears="round", tail="long"),
    "hedgehog": Build(legs=0.06, body=(0.5, 0.32), head=0.12, snout=0.1, ears="small", tail="none", extras=("quills",)),
    "raccoon": Build(legs=0.2, body=(0.5, 0.3), head=0.15, snout=0.1, ears="round", tail="ringed", pattern="mask"),
    "horse": Build(legs=0.45, body=(0.62, 0.3), neck=0.25, head=0.12, snout=0.2, ears="small", tail="flowing", extras=("mane",), thick=0.07),
    "donkey": Build(legs=0.38, body=(0.55, 0.3), neck=0.15, head=0.13, snout=0.18, ears="long", tail="tuft", extras=("mane",)),
    "zebra": Build(legs=0.43, body=(0.6, 0.3), neck=0.22, head=0.12, snout=0.19, ears="small", tail="tuft", pattern="stripes", extras=("mane",)),
    "unicorn": Build(legs=0.45, body=(0.62, 0.3), neck=0.25, head=0.12, snout=0.2, ears="small", tail="flowing", extras=("mane", "horn")),
    "cow": Build(legs=0.3, body=(0.66, 0.38), neck=0.05, head=0.15, snout=0.14, ears="small", tail="tuft", pattern="patches", extras=("horns",)),
    "pig": Build(legs=0.16, body=(0.58, 0.36), head=0.16, snout=0.08, ears="floppy", tail="curly"),
    "sheep": Build(legs=0.26, body=(0.58, 0.4), head=0.13, snout=0.1, ears="small", tail="short", extras=("wool",), dark=(50, 46, 46)),
    "goat": Build(legs=0.33, body=(0.55, 0.3), neck=0.08, head=0.13, snout=0.14, ears="small", tail="short", extras=("horns", "beard")),
    "camel": Build(legs=0.48, body=(0.6, 0.3), neck=0.28, head=0.11, snout=0.18, ears="small", tail="tuft", extras=("hump",)),
    "elephant": Build(legs=0.33, body=(0.75, 0.5), head=0.2, snout=0.0, ears="elephant", tail="thin", extras=("trunk", "tusks"), thick=0.16),
    "giraffe": Build(legs=0.48, body=(0.5, 0.28), neck=0.55, head=0.1, snout=0.14, ears="small", tail="tuft", pattern="spots", extras=("ossicones",), thick=0.05),
    "lion": Build(legs=0.33, body=(0.62, 0.32), head=0.16, snout=0.1, ears="round", tail="tuft", extras=("lion_mane",)),
    "tiger": Build(legs=0.32, body=(0.66, 0.3), head=0.15, snout=0.09, ears="round", tail="long", pattern="stripes", belly=(250, 244, 236)),
    "leopard": Build(legs=0.32, body=(0.62, 0.28), head=0.14, snout=0.08, ears="round", tail="long", pattern="spots"),
    "hippo": Build(legs=0.18, body=(0.75, 0.45), head=0.2, snout=0.14, ears="small", tail="short", thick=0.14),
    "rhino": Build(legs=0.25, body=(0.72, 0.44), head=0.18, snout=0.16, ears="small", tail="thin", extras=("horn_nose",), thick=0.13),
    "koala": Build(legs=0.15, body=(0.38, 0.4), head=0.19, snout=0.05, ears="fluffy", tail="none", belly=(220, 220, 226)),
    "crocodile": Build(legs=0.1, body=(0.9, 0.16), head=0.1, snout=0.35, ears="none", tail="spiked", low=True, thick=0.06),
    "lizard": Build(legs=0.1, body=(0.6, 0.14), head=0.1, snout=0.12, ears="none", tail="long", low=True, thick=0.05),
    "dragon": Build(legs=0.32, body=(0.72, 0.34), neck=0.22, head=0.15, snout=0.2, ears="horns", tail="spiked", extras=("wings", "spikes"), belly=(240, 210, 120), thick=0.1),
    "turtle": Build(legs=0.1, body=(0.5, 0.3), head=0.09, snout=0.05, ears="none", tail="short", extras=("shell",), low=True),
    "monkey": Build(legs=0.25, body=(0.4, 0.3), head=0.15, snout=0.05, ears="round", tail="curly", belly=(230, 200, 160)),
    "gorilla": Build(legs=0.25, body=(0.55, 0.45), head=0.16, snout=0.05, ears="small", tail="none", thick=0.12, belly=(90, 86, 90)),
    "seal": Build(legs=0.02, body=(0.7, 0.3), head=0.14, snout=0.08, ears="none", tail="flippers", low=True),
}
SPECIES_SIZE = {
    "dog": 0.42, "cat": 0.32, "fox": 0.38, "wolf": 0.46, "bear": 0.7, "deer": 0.85, "rabbit": 0.3, "squirrel": 0.24,
    "mouse": 0.14, "hedgehog": 0.18, "raccoon": 0.3, "horse": 0.95, "donkey": 0.8, "zebra": 0.92, "unicorn": 0.95,
    "cow": 0.75, "pig": 0.5, "sheep": 0.5, "goat": 0.55, "camel": 1.1, "elephant": 1.5, "giraffe": 1.9, "lion": 0.75,
    "tiger": 0.72, "leopard": 0.62, "hippo": 0.8, "rhino": 0.9, "koala": 0.35, "crocodile": 0.3, "lizard": 0.16,
    "dragon": 1.5, "turtle": 0.22, "monkey": 0.45, "gorilla": 0.95, "seal": 0.35, "kangaroo": 0.95, "dinosaur": 1.8,
    "frog": 0.16, "snake": 0.2, "snail": 0.12, "spider": 0.14, "ladybug": 0.08, "bee": 0.08, "butterfly": 0.14,
    "bird": 0.16, "owl": 0.25, "eagle": 0.3, "parrot": 0.25, "duck": 0.26, "swan": 0.4, "chicken": 0.3, "pigeon": 0.18,
    "seagull": 0.2, "flamingo": 0.7, "penguin": 0.55, "peacock": 0.55, "crow": 0.2, "hummingbird": 0.08, "phoenix": 0.45,
    "bat": 0.14, "fish": 0.2, "shark": 0.55, "dolphin": 0.5, "whale": 0.9, "octopus": 0.45, "jellyfish": 0.35,
    "crab": 0.14, "starfish": 0.12, "character": 0.9,
}
# Canvas width as a multiple of the height (long animals need room).
WIDE = {"crocodile": 4.0, "lizard": 3.5, "snake": 4.0, "dachshund": 2.2, "shark": 2.6, "dolphin": 2.4, "whale": 2.4,
        "dragon": 2.2, "seal": 2.6, "turtle": 2.5, "fish": 2.2, "dinosaur": 1.6, "spider": 2.2}


LONG_FACES = {"horse", "donkey", "zebra", "unicorn", "camel", "deer", "giraffe", "goat"}


def build_for(species: str, variant: str) -> Build | None:
    return BUILDS.get(f"{species}/{variant}") or BUILDS.get(species)


@dataclass
class AnimalLook:
    species: str
    variant: str
    color: Color
    extras: set[str] = field(default_factory=set)


def draw_animal(p: Pen, look: AnimalLook, gait: int, flap: int, mouth: bool, head: int, lie: bool) -> tuple[float, float]:
    """Draw facing right; returns the mouth's position (for fire breath, notes, a roar)."""
    special = SPECIAL.get(look.species)
    if special is not None:
        return special(p, look, gait, flap, mouth, head, lie)
    build = build_for(look.species, look.variant)
    if build is None:
        build = BUILDS["dog"]
    return _four_legs(p, look, build, gait, flap, mouth, head, lie)


def _four_legs(p: Pen, look: AnimalLook, b: Build, gait: int, flap: int, mouth: bool, head: int, lie: bool) -> tuple[float, float]:
    # Normalise: the whole animal (legs + body + neck + head) is about 1 unit tall.
    total = b.legs + b.body[1] + max(b.neck * 0.8, 0) + b.head * (1.6 if b.neck else 1.0)
    k = 0.95 / total
    fur = look.color
    belly = b.belly or lighter(fur, 0.25)
    dark = b.dark or darker(fur, 0.6)
    legs = 0.02 if lie else b.legs * k
    bw, bh = b.body[0] * k, b.body[1] * k
    body_y = -(legs + bh / 2)
    if b.low:
        body_y = -(bh / 2 + 0.02)
    p.ellipse(0, -0.012, bw * 0.8, 0.035, (0, 0, 0, 60))
    swing = [0.0, 0.08, 0.0, -0.08][gait % 4] * (1.5 if b.legs > 0.4 else 1.0)
    leg_w = b.thick * k * 1.6
    wings = "wings" in b.extras
    if wings:  # the far wing behind the body
        _wing(p, (-bw * 0.1, body_y - bh * 0.3), bw * 1.2, flap, darker(fur, 0.7), far=True)
    if not lie:
        for x, sw, far in ((-bw * 0.38, swing, True), (bw * 0.38, -swing, True), (-bw * 0.3, -swing, False), (bw * 0.44, swing, False)):
            color = dark if far else darker(fur, 0.85)
            if b.pattern == "panda":
                color = BLACK
            top = (x, body_y + bh * 0.15)
            foot = (x + sw * (bw if b.low else 1.0), -0.01)
            if b.low:
                foot = (x + sw * 0.3 + 0.04, -0.005)
            p.limb(top, foot, color, leg_w)
            if look.species in ("horse", "zebra", "unicorn", "donkey", "cow", "deer", "goat", "camel", "giraffe", "sheep"):
                p.rect(foot[0] - leg_w * 0.5, foot[1] - 0.03, foot[0] + leg_w * 0.5, foot[1] + 0.005, (40, 34, 30))
    _tail(p, b, fur, dark, bw, body_y, bh, swing, flap)
    # body
    if "wool" in b.extras:
        for dx, dy in ((-0.35, 0.0), (-0.15, -0.35), (0.15, -0.35), (0.35, 0.0), (0.0, 0.25), (-0.25, 0.3), (0.25, 0.3), (0.0, -0.1)):
            p.circle(dx * bw * 1.1, body_y + dy * bh * 0.8, bh * 0.36, lighter(fur, 0.2) if look.species != "dog" else fur)
    else:
        p.ellipse(0, body_y, bw / 2, bh / 2, fur)
        p.ellipse(bw * 0.05, body_y + bh * 0.22, bw * 0.38, bh * 0.22, belly)
    if "shell" in b.extras:
        p.chord(0, body_y + bh * 0.35, bw * 0.5, (90, 130, 70))
        for dx in (-0.2, 0.0, 0.2):
            p.circle(dx * bw, body_y - bh * 0.05, bw * 0.08, (120, 160, 90))
    _pattern(p, b, fur, bw, bh, body_y, lie)
    if "quills" in b.extras:
        for kq in range(9):
            x = -bw * 0.45 + kq * bw * 0.11
            p.polygon([(x - 0.03, body_y - bh * 0.2), (x + 0.03, body_y - bh * 0.2), (x - 0.02, body_y - bh * 0.75)], darker(fur, 0.55))
    if "hump" in b.extras:
        p.ellipse(-bw * 0.05, body_y - bh * 0.5, bw * 0.22, bh * 0.42, fur)
    if "spikes" in b.extras:
        for kq in range(6):
            x = -bw * 0.4 + kq * bw * 0.14
            p.polygon([(x - 0.03, body_y - bh * 0.42), (x + 0.03, body_y - bh * 0.42), (x, body_y - bh * 0.75)], belly)
    # neck and head
    shoulder = (bw * 0.38, body_y - bh * 0.15)
    neck_len = b.neck * k
    tilt = {0: 35, 1: 120, 2: 15}.get(head, 35)  # degrees from vertical toward the front
    if lie:
        tilt = 80
    head_c = polar(shoulder, neck_len + bh * 0.35, 180 - tilt) if neck_len else (bw * 0.52, body_y - bh * (0.45 if head != 1 else -0.1))
    if head == 1 and not neck_len:
        head_c = (bw * 0.58, body_y + bh * 0.1)
    if neck_len:
        p.limb(shoulder, head_c, fur, max(0.06, b.head * k * 1.2))
        if "mane" in b.extras:
            mane = darker(fur, 0.5) if look.species != "unicorn" else (240, 140, 200)
            for j in range(5):
                t = j / 5
                cx = shoulder[0] + (head_c[0] - shoulder[0]) * t - 0.03
                cy = shoulder[1] + (head_c[1] - shoulder[1]) * t - 0.02
                p.circle(cx, cy, 0.035, mane if look.species != "unicorn" else [(240, 120, 160), (250, 200, 80), (120, 200, 240), (180, 130, 230), (120, 220, 150)][j])
        if look.species == "giraffe":
            for j in range(4):
                t = (j + 0.5) / 4
                p.circle(shoulder[0] + (head_c[0] - shoulder[0]) * t, shoulder[1] + (head_c[1] - shoulder[1]) * t, 0.025, darker(fur, 0.55))
    hr = b.head * k * 1.2
    if "lion_mane" in b.extras:
        p.circle(head_c[0] - hr * 0.2, head_c[1], hr * 1.6, darker(fur, 0.62))
    _ears(p, b, head_c, hr, fur, dark, look)
    face = fur if look.species not in ("sheep",) else (50, 46, 46)
    snout = b.snout * k * 1.2
    mouth_at = (head_c[0] + hr + snout * 0.8, head_c[1] + hr * 0.35)
    if look.species in LONG_FACES:
        # A long face pointing forward and down: a tapered muzzle from the skull to the nose.
        angle = {0: 62, 1: 15, 2: 95}.get(head, 62)
        muzzle = polar(head_c, hr * 1.1 + snout, angle)
        p.circle(head_c[0], head_c[1], hr, face)
        p.quad(head_c, muzzle, hr * 1.7, hr * 1.05, face)
        p.circle(muzzle[0], muzzle[1], hr * 0.52, lighter(face, 0.12) if look.species != "zebra" else (60, 56, 56))
        p.circle(muzzle[0] + hr * 0.2, muzzle[1] - hr * 0.05, max(0.012, hr * 0.12), (30, 26, 28))
        mouth_at = (muzzle[0] + hr * 0.3, muzzle[1] + hr * 0.2)
        snout = 0.0
    else:
        p.circle(head_c[0], head_c[1], hr, face)
    if b.ears == "floppy":
        _floppy_ear(p, head_c, hr, fur)
    if look.species in LONG_FACES:
        pass
    elif snout > 0.01:
        muzzle = face if look.species not in ("fox", "wolf", "husky", "dog") else lighter(face, 0.15)
        p.polygon([(head_c[0] + hr * 0.3, head_c[1] - hr * 0.55), (head_c[0] + hr + snout, head_c[1] + hr * 0.05),
                   (head_c[0] + hr + snout * 0.9, head_c[1] + hr * 0.5), (head_c[0] + hr * 0.2, head_c[1] + hr * 0.75)], muzzle)
        nose = (head_c[0] + hr + snout - 0.008, head_c[1] + hr * 0.05)
        p.circle(*nose, max(0.018, hr * 0.18), (30, 26, 28) if look.species != "pig" else (230, 140, 150))
    else:
        nose = (head_c[0] + hr * 0.9, head_c[1] + hr * 0.1)
        p.circle(*nose, hr * 0.16, (30, 26, 28) if look.species not in ("pig", "hippo") else (200, 120, 130))
    if look.species in LONG_FACES and mouth:
        p.circle(mouth_at[0], mouth_at[1], hr * 0.2, (110, 30, 40))
    if look.species == "pig":
        p.ellipse(head_c[0] + hr * 1.05, head_c[1] + hr * 0.15, hr * 0.22, hr * 0.3, (240, 150, 160))
    if "trunk" in b.extras:
        curl = [0.0, 0.05, 0.1, 0.05][flap % 4] if head != 2 else 0.25
        p.line([(head_c[0] + hr * 0.7, head_c[1] + hr * 0.2), (head_c[0] + hr * 1.2, head_c[1] + hr * 1.0),
                (head_c[0] + hr * 1.3 + curl, head_c[1] + hr * 1.8 - curl * 4)], fur, hr * 0.55)
        mouth_at = (head_c[0] + hr * 1.3 + curl, head_c[1] + hr * 1.8 - curl * 4)
    if "tusks" in b.extras:
        p.line([(head_c[0] + hr * 0.6, head_c[1] + hr * 0.6), (head_c[0] + hr * 1.1, head_c[1] + hr * 1.1)], (250, 246, 230), hr * 0.18)
    if "horn" in b.extras:
        p.quad((head_c[0] + hr * 0.4, head_c[1] - hr * 0.8), (head_c[0] + hr * 0.9, head_c[1] - hr * 2.2), hr * 0.35, 0.004, (250, 220, 120))
    if "horn_nose" in b.extras:
        p.quad((head_c[0] + hr + snout * 0.6, head_c[1] - hr * 0.1), (head_c[0] + hr + snout * 0.9, head_c[1] - hr * 1.2), hr * 0.45, 0.005, (220, 214, 200))
    if "horns" in b.extras or b.ears == "horns":
        hc = (240, 230, 210) if look.species != "dragon" else (250, 230, 170)
        for dx in (-0.2, 0.2):
            p.quad((head_c[0] + dx * hr, head_c[1] - hr * 0.7), (head_c[0] + dx * hr - hr * 0.7, head_c[1] - hr * 1.7), hr * 0.3, 0.004, hc)
    if "antlers" in b.extras:
        for dx in (-0.15, 0.25):
            base = (head_c[0] + dx * hr, head_c[1] - hr * 0.8)
            tip = (base[0] - hr * 0.6, base[1] - hr * 2.2)
            p.line([base, tip], (130, 100, 70), hr * 0.16)
            for t in (0.4, 0.7):
                mid = (base[0] + (tip[0] - base[0]) * t, base[1] + (tip[1] - base[1]) * t)
                p.line([mid, (mid[0] + hr * 0.5, mid[1] - hr * 0.5)], (130, 100, 70), hr * 0.13)
    if "ossicones" in b.extras:
        for dx in (-0.2, 0.2):
            p.line([(head_c[0] + dx * hr, head_c[1] - hr * 0.8), (head_c[0] + dx * hr, head_c[1] - hr * 1.6)], darker(fur, 0.7), hr * 0.2)
    if "beard" in b.extras:
        p.polygon([(head_c[0] + hr * 0.6, head_c[1] + hr * 0.7), (head_c[0] + hr * 1.0, head_c[1] + hr * 0.7), (head_c[0] + hr * 0.7, head_c[1] + hr * 1.5)], lighter(fur, 0.3))
    if b.pattern == "panda":
        p.ellipse(head_c[0] + hr * 0.35, head_c[1] - hr * 0.15, hr * 0.3, hr * 0.36, BLACK)
    if b.pattern == "mask":
        p.rect(head_c[0] - hr * 0.1, head_c[1] - hr * 0.4, head_c[0] + hr * 0.95, head_c[1] + hr * 0.05, (50, 46, 50))
    eye = (head_c[0] + hr * 0.38, head_c[1] - hr * 0.25)
    if lie:
        p.line([(eye[0] - hr * 0.15, eye[1]), (eye[0] + hr * 0.15, eye[1])], BLACK, hr * 0.1)
    else:
        p.circle(*eye, max(0.018, hr * 0.17), WHITE if b.pattern in ("panda", "mask") else BLACK)
        p.circle(eye[0] + hr * 0.03, eye[1], max(0.01, hr * 0.1), BLACK)
    if mouth and look.species not in LONG_FACES:
        p.polygon([(head_c[0] + hr * 0.5, head_c[1] + hr * 0.45), (mouth_at[0], mouth_at[1] - hr * 0.1),
                   (mouth_at[0] - snout * 0.2, mouth_at[1] + hr * 0.45)], (110, 30, 40))
        if look.species in ("dragon", "lion", "tiger", "wolf", "dinosaur", "crocodile", "bear"):
            for j in range(3):
                tx = head_c[0] + hr * 0.7 + j * (mouth_at[0] - head_c[0] - hr * 0.7) / 3
                p.polygon([(tx, mouth_at[1] - hr * 0.1), (tx + 0.015, mouth_at[1] - hr * 0.1), (tx + 0.007, mouth_at[1] + hr * 0.1)], WHITE)
    if wings:  # the near wing over the body
        _wing(p, (bw * 0.05, body_y - bh * 0.35), bw * 1.3, flap, darker(fur, 0.85), far=False)
    return mouth_at


def _tail(p: Pen, b: Build, fur: Color, dark: Color, bw: float, body_y: float, bh: float, swing: float, flap: int) -> None:
    root = (-bw * 0.46, body_y - bh * 0.1)
    wag = [0.0, 0.04, 0.0, -0.04][flap % 4]
    if b.tail == "thin":
        p.line([root, (-bw * 0.75, body_y - bh * 0.7 + wag)], fur, 0.035)
    elif b.tail == "long":
        p.line([root, (-bw * 0.85, body_y - bh * 0.3 + wag), (-bw * 0.95, body_y - bh * 1.0 + wag)], fur, 0.035)
    elif b.tail == "bushy":
        p.polygon([(root[0] + 0.02, root[1] - 0.02), (-bw * 1.15, body_y + 0.02 + wag), (-bw * 1.05, body_y + bh * 0.5 + wag), (root[0], root[1] + bh * 0.3)], fur)
        if b.pattern == "tipped":
            p.circle(-bw * 1.1, body_y + bh * 0.25 + wag, bh * 0.16, WHITE)
    elif b.tail in ("tuft", "ringed"):
        end = (-bw * 0.8, body_y + bh * 0.55 + wag)
        p.line([root, end], fur, 0.03)
        if b.tail == "tuft":
            p.circle(*end, 0.035, dark)
        else:
            for j in range(3):
                t = (j + 1) / 4
                p.circle(root[0] + (end[0] - root[0]) * t, root[1] + (end[1] - root[1]) * t, 0.025, dark)
    elif b.tail == "flowing":
        hair = darker(fur, 0.75)
        end = (-bw * 0.78 + wag, body_y + bh * 1.15)
        p.line([root, (-bw * 0.72, body_y - bh * 0.05), end], hair, bh * 0.32)
        p.line([(-bw * 0.6, body_y), (-bw * 0.85 + wag, body_y + bh * 0.9)], hair, bh * 0.2)
    elif b.tail == "curly":
        p.arc(-bw * 0.6, body_y - bh * 0.2, bh * 0.3, 90, 400, fur, 0.025)
    elif b.tail == "fluffy":
        p.circle(-bw * 0.5, body_y - bh * 0.1, bh * 0.22, lighter(fur, 0.3))
    elif b.tail == "spiked":
        tip = (-bw * 1.3, body_y + bh * 0.2 + wag * 2)
        p.quad(root, tip, bh * 0.5, 0.01, fur)
        for j in range(3):
            t = (j + 0.5) / 3
            x = root[0] + (tip[0] - root[0]) * t
            y = root[1] + (tip[1] - root[1]) * t
            p.polygon([(x - 0.025, y - bh * 0.1), (x + 0.025, y - bh * 0.1), (x, y - bh * 0.35)], dark)
    elif b.tail == "flippers":
        p.polygon([root, (-bw * 0.75, body_y + bh * 0.45), (-bw * 0.55, body_y + bh * 0.5)], dark)


def _pattern(p: Pen, b: Build, fur: Color, bw: float, bh: float, body_y: float, lie: bool) -> None:
    dark = darker(fur, 0.45)
    if b.pattern == "spots":
        for dx, dy in ((-0.3, -0.1), (-0.05, -0.2), (0.2, -0.05), (-0.15, 0.1), (0.3, -0.25), (0.05, 0.05)):
            p.ellipse(dx * bw, body_y + dy * bh, bw * 0.06, bh * 0.1, dark if fur != (245, 245, 245) else BLACK)
    elif b.pattern == "stripes":
        for j in range(6):
            x = -bw * 0.4 + j * bw * 0.15
            p.polygon([(x, body_y - bh * 0.48), (x + bw * 0.05, body_y - bh * 0.48), (x + bw * 0.02, body_y + bh * 0.2), (x - bw * 0.02, body_y + bh * 0.1)],
                      BLACK if fur[0] > 220 and fur[2] > 200 else (40, 30, 26))
    elif b.pattern == "patches":
        for dx, dy, r in ((-0.25, -0.05, 0.14), (0.15, 0.05, 0.1), (0.0, -0.25, 0.08)):
            p.circle(dx * bw, body_y + dy * bh, r * bw, (40, 40, 44))
    elif b.pattern == "panda":
        p.rect(bw * 0.05, body_y - bh * 0.5, bw * 0.3, body_y + bh * 0.5, BLACK)
    elif b.pattern == "saddle":
        p.ellipse(-bw * 0.05, body_y - bh * 0.2, bw * 0.35, bh * 0.25, (50, 40, 34))


def _ears(p: Pen, b: Build, head_c: tuple[float, float], hr: float, fur: Color, dark: Color, look: AnimalLook) -> None:
    hx, hy = head_c
    if b.ears == "pointy":
        for dx in (-0.35, 0.2):
            p.polygon([(hx + dx * hr - hr * 0.35, hy - hr * 0.6), (hx + dx * hr + hr * 0.05, hy - hr * 1.7), (hx + dx * hr + hr * 0.4, hy - hr * 0.6)], fur)
            p.polygon([(hx + dx * hr - hr * 0.15, hy - hr * 0.7), (hx + dx * hr + hr * 0.05, hy - hr * 1.35), (hx + dx * hr + hr * 0.22, hy - hr * 0.7)], (240, 170, 170) if look.species == "cat" else dark)
    elif b.ears == "floppy":
        pass  # drawn over the head (see _floppy_ear)
    elif b.ears == "round":
        for dx in (-0.55, 0.25):
            p.circle(hx + dx * hr, hy - hr * 0.85, hr * 0.38, fur if b.pattern != "panda" else BLACK)
    elif b.ears == "fluffy":
        for dx in (-0.85, 0.7):
            p.circle(hx + dx * hr, hy - hr * 0.6, hr * 0.5, lighter(fur, 0.2))
    elif b.ears == "long":
        for dx in (-0.3, 0.1):
            p.ellipse(hx + dx * hr, hy - hr * 1.8, hr * 0.25, hr * 1.0, fur)
            p.ellipse(hx + dx * hr, hy - hr * 1.8, hr * 0.12, hr * 0.75, (240, 190, 190))
    elif b.ears == "small":
        p.polygon([(hx - hr * 0.5, hy - hr * 0.6), (hx - hr * 0.3, hy - hr * 1.3), (hx - hr * 0.05, hy - hr * 0.7)], fur)
    elif b.ears == "elephant":
        p.ellipse(hx - hr * 0.5, hy + hr * 0.2, hr * 0.75, hr * 1.0, darker(fur, 0.85))


def _floppy_ear(p: Pen, head_c: tuple[float, float], hr: float, fur: Color) -> None:
    """A dog's ear hanging down the side of its head."""
    hx, hy = head_c
    p.polygon([(hx - hr * 0.55, hy - hr * 0.75), (hx - hr * 0.05, hy - hr * 0.85), (hx - hr * 0.1, hy + hr * 0.55),
               (hx - hr * 0.45, hy + hr * 0.75)], darker(fur, 0.72))


def _wing(p: Pen, root: tuple[float, float], span: float, flap: int, color: Color, far: bool) -> None:
    lift = [-0.9, -0.45, 0.1, -0.45][flap % 4]
    tip = (root[0] - span * 0.3, root[1] + span * lift * 0.8)
    p.polygon([root, (root[0] - span * 0.1, tip[1] + span * 0.05), tip, (root[0] - span * 0.55, root[1] - span * 0.05 + span * lift * 0.3),
               (root[0] - span * 0.5, root[1] + span * 0.1)], color)
    for j in range(3):
        p.line([root, (tip[0] - span * 0.12 * j, tip[1] + span * 0.12 * j)], darker(color, 0.7), 0.012)


# --------------------------------------------------------------------------------- birds etc.

BIRDS: dict[str, dict] = {
    # body colour comes from the subject; these are the shapes
    "bird": {"beak": "short"}, "owl": {"beak": "hook", "owl": True}, "eagle": {"beak": "hook", "head": WHITE},
    "parrot": {"beak": "hook", "wing": (60, 120, 220), "tail_long": True}, "duck": {"beak": "flat", "beak_color": (250, 170, 40)},
    "swan": {"beak": "flat", "neck": 0.35, "beak_color": (250, 130, 40)}, "chicken": {"beak": "short", "comb": True},
    "pigeon": {"beak": "short"}, "seagull": {"beak": "short", "beak_color": (250, 200, 40), "wing": (170, 176, 186)},
    "flamingo": {"beak": "bent", "neck": 0.3, "legs": 0.45}, "peacock": {"beak": "short", "fan": True, "neck": 0.12},
    "crow": {"beak": "short"}, "hummingbird": {"beak": "long"}, "phoenix": {"beak": "hook", "fire": True, "tail_long": True},
}


def _bird(p: Pen, look: AnimalLook, gait: int, flap: int, mouth: bool, head: int, lie: bool) -> tuple[float, float]:
    s = BIRDS.get(look.species, BIRDS["bird"])
    body = look.color
    flying = "flying" in look.extras
    legs = s.get("legs", 0.15)
    neck = s.get("neck", 0.0)
    by = -0.45 if flying else -(legs + 0.25)
    if s.get("fan") and not flying:
        for j in range(9):
            a = 200 + j * 16
            end = polar((-0.1, by), 0.55, a - 90)
            p.line([(-0.1, by), end], (40, 130, 110), 0.05)
            p.circle(*end, 0.04, (40, 90, 170))
            p.circle(*end, 0.018, (240, 200, 60))
    if s.get("fire"):
        for j in range(3):
            p.polygon([(-0.2, by), (-0.75 - 0.1 * j, by + 0.1 * (j - 1) + 0.05 * (flap % 2)), (-0.3, by + 0.08)], [(250, 200, 60), (250, 130, 40), (230, 60, 40)][j])
    if not flying:
        for dx, sw in ((-0.04, [0, 0.04, 0, -0.04][gait % 4]), (0.05, -[0, 0.04, 0, -0.04][gait % 4])):
            p.line([(dx, by + 0.15), (dx + sw, -0.01)], (230, 160, 60) if look.species != "flamingo" else (240, 140, 160), 0.02)
    tail = (-0.5, by - 0.05) if not s.get("tail_long") else (-0.75, by + 0.1)
    p.polygon([(-0.25, by - 0.05), tail, (tail[0] + 0.05, by + 0.1)], darker(body, 0.8))
    p.ellipse(0, by, 0.3, 0.17, body)
    head_c = (0.22, by - 0.2 - neck)
    if neck:
        p.limb((0.15, by - 0.05), head_c, body, 0.08)
    hr = 0.12 if s.get("owl") else 0.1
    p.circle(*head_c, hr, s.get("head", body))
    if s.get("owl"):
        for dx in (-0.04, 0.06):
            p.circle(head_c[0] + dx, head_c[1], 0.045, (250, 220, 120))
            p.circle(head_c[0] + dx, head_c[1], 0.022, BLACK)
        for dx in (-0.08, 0.06):
            p.polygon([(head_c[0] + dx, head_c[1] - 0.08), (head_c[0] + dx + 0.02, head_c[1] - 0.16), (head_c[0] + dx + 0.04, head_c[1] - 0.08)], darker(body))
    else:
        p.circle(head_c[0] + 0.04, head_c[1] - 0.02, 0.02, BLACK)
    beak_c = s.get("beak_color", (250, 180, 50))
    bx, byk = head_c[0] + hr * 0.8, head_c[1]
    beak = s.get("beak", "short")
    open_ = 0.03 if mouth else 0.0
    if beak == "short":
        p.polygon([(bx, byk - 0.025), (bx + 0.09, byk + 0.005 - open_), (bx, byk + 0.025)], beak_c)
    elif beak == "hook":
        p.polygon([(bx - 0.01, byk - 0.035), (bx + 0.08, byk), (bx + 0.05, byk + 0.05), (bx, byk + 0.03)], beak_c)
    elif beak == "flat":
        p.rounded(bx - 0.01, byk - 0.015, bx + 0.11, byk + 0.025 + open_, 0.015, beak_c)
    elif beak == "long":
        p.line([(bx, byk), (bx + 0.25, byk + 0.02)], (40, 40, 40), 0.015)
    elif beak == "bent":
        p.line([(bx, byk - 0.01), (bx + 0.06, byk), (bx + 0.08, byk + 0.06)], (40, 40, 40), 0.03)
    if s.get("comb"):
        p.circle(head_c[0] - 0.02, head_c[1] - hr, 0.035, (220, 30, 30))
        p.circle(head_c[0] + 0.03, head_c[1] - hr * 0.9, 0.03, (220, 30, 30))
        p.ellipse(bx + 0.01, byk + 0.05, 0.015, 0.03, (220, 30, 30))
    wing = s.get("wing", darker(body, 0.75))
    if flying:
        lift = [-0.45, -0.15, 0.2, -0.15][flap % 4]
        p.polygon([(-0.12, by - 0.05), (0.1, by - 0.05), (-0.1, by + lift - 0.05)], wing)
        p.polygon([(-0.05, by - 0.05), (0.15, by - 0.05), (-0.05, by + lift * 0.7 - 0.1)], lighter(wing, 0.15))
    else:
        p.ellipse(-0.05, by + 0.01, 0.2, 0.1, wing)
    return (bx + 0.08, byk)


def _penguin(p: Pen, look: AnimalLook, gait: int, flap: int, mouth: bool, head: int, lie: bool) -> tuple[float, float]:
    waddle = [0.0, 0.03, 0.0, -0.03][gait % 4]
    p.ellipse(0, -0.015, 0.2, 0.03, (0, 0, 0, 70))
    p.ellipse(waddle, -0.45, 0.28, 0.45, (30, 30, 40))
    p.ellipse(0.04 + waddle, -0.4, 0.18, 0.36, (245, 245, 245))
    p.circle(0.02 + waddle, -0.86, 0.17, (30, 30, 40))
    p.circle(0.08 + waddle, -0.9, 0.03, WHITE)
    p.circle(0.09 + waddle, -0.9, 0.015, BLACK)
    beak = 0.05 if mouth else 0.0
    p.polygon([(0.15 + waddle, -0.86), (0.3 + waddle, -0.83 + beak / 2), (0.15 + waddle, -0.8)], (250, 160, 40))
    wing = [-0.2, -0.1, 0.0, -0.1][flap % 4]
    p.polygon([(-0.22, -0.65), (-0.36, -0.3 + wing), (-0.2, -0.35)], (30, 30, 40))
    for side in (-1, 1):
        p.ellipse(side * 0.1 + 0.04, -0.02, 0.08, 0.03, (250, 160, 40))
    return (0.3, -0.83)


def _fish(p: Pen, look: AnimalLook, gait: int, flap: int, mouth: bool, head: int, lie: bool) -> tuple[float, float]:
    sp = look.species
    body = look.color
    length, height = {"fish": (0.45, 0.22), "shark": (0.9, 0.2), "dolphin": (0.85, 0.2), "whale": (0.95, 0.32)}.get(sp, (0.45, 0.22))
    cy = -0.45
    tail = 0.1 * [0, 1, 0, -1][flap % 4]
    p.polygon([(-length * 0.85, cy), (-length * 1.15, cy - height * 1.1 + tail), (-length * 1.05, cy + tail * 0.3), (-length * 1.15, cy + height * 1.1 + tail)], darker(body, 0.85))
    p.ellipse(0, cy, length, height, body)
    p.ellipse(length * 0.05, cy + height * 0.4, length * 0.75, height * 0.45, lighter(body, 0.45) if sp != "fish" else lighter(body, 0.2))
    if sp in ("shark", "dolphin", "whale"):
        fin = 0.16 if sp == "shark" else 0.1
        p.polygon([(-length * 0.15, cy - height * 0.8), (-length * 0.3, cy - height * 0.8 - fin), (length * 0.1, cy - height * 0.85)], darker(body, 0.85))
        p.polygon([(length * 0.1, cy + height * 0.5), (-length * 0.05, cy + height * 1.5), (length * 0.25, cy + height * 0.6)], darker(body, 0.8))
    else:
        p.polygon([(-length * 0.2, cy - height * 0.9), (length * 0.2, cy - height * 0.95), (-length * 0.05, cy - height * 1.6)], darker(body, 0.8))
        if look.variant == "" and body[0] > 200 and body[1] < 180:  # an orange fish: clownfish bands
            for dx in (-0.15, 0.15):
                p.rect(dx * length * 2 - 0.02, cy - height * 0.85, dx * length * 2 + 0.02, cy + height * 0.85, WHITE)
    if sp == "dolphin":
        p.polygon([(length * 0.9, cy - height * 0.2), (length * 1.25, cy + height * 0.1), (length * 0.9, cy + height * 0.3)], body)
    if sp == "whale":
        p.line([(length * 0.3, cy - height), (length * 0.25, cy - height - 0.25)], (200, 230, 250), 0.04)
        for dx in (-0.08, 0.08):
            p.line([(length * 0.25, cy - height - 0.25), (length * 0.25 + dx, cy - height - 0.33)], (200, 230, 250), 0.03)
    eye_x = length * (0.65 if sp != "whale" else 0.7)
    p.circle(eye_x, cy - height * 0.15, max(0.02, height * 0.14), BLACK)
    if sp == "shark":
        for j in range(3):
            p.line([(length * 0.45 - j * 0.05, cy - height * 0.2), (length * 0.45 - j * 0.05, cy + height * 0.3)], darker(body, 0.7), 0.008)
        if mouth:
            p.polygon([(length * 0.7, cy + height * 0.4), (length * 0.95, cy + height * 0.3), (length * 0.85, cy + height * 0.7)], (120, 30, 40))
    elif mouth:
        p.circle(length * 0.92, cy + height * 0.2, height * 0.15, (100, 30, 40))
    return (length, cy)


def _octopus(p: Pen, look: AnimalLook, gait: int, flap: int, mouth: bool, head: int, lie: bool) -> tuple[float, float]:
    c = look.color
    for j in range(8):
        x0 = -0.2 + j * 0.057
        wave = 0.05 * math.sin(j + flap * 1.5)
        p.line([(x0, -0.45), (x0 - 0.05 + wave, -0.25), (x0 + 0.03 - wave, -0.05)], darker(c, 0.9 if j % 2 else 0.8), 0.05)
    p.ellipse(0, -0.65, 0.25, 0.28, c)
    for dx in (-0.08, 0.08):
        p.circle(dx, -0.6, 0.05, WHITE)
        p.circle(dx + 0.01, -0.6, 0.025, BLACK)
    p.ellipse(0, -0.5, 0.04, 0.03 if mouth else 0.01, darker(c, 0.5))
    return (0.0, -0.5)


def _jellyfish(p: Pen, look: AnimalLook, gait: int, flap: int, mouth: bool, head: int, lie: bool) -> tuple[float, float]:
    c = look.color
    squeeze = 0.03 * (flap % 2)
    for j in range(6):
        x0 = -0.18 + j * 0.07
        p.line([(x0, -0.6), (x0 + 0.04 * math.sin(j + flap), -0.35), (x0 - 0.03, -0.05)], c + (150,), 0.02)
    p.chord(0, -0.6, 0.25 - squeeze, c + (200,))
    p.chord(0, -0.62, 0.15, lighter(c, 0.4) + (160,))
    return (0.0, -0.6)


def _crab(p: Pen, look: AnimalLook, gait: int, flap: int, mouth: bool, head: int, lie: bool) -> tuple[float, float]:
    c = look.color
    step = 0.03 * [0, 1, 0, -1][gait % 4]
    for side in (-1, 1):
        for j in range(3):
            x = side * (0.2 + j * 0.08)
            p.line([(side * 0.15, -0.2), (x + step * side, -0.12), (x + 0.04 * side + step, 0)], darker(c), 0.03)
        claw = (side * 0.38, -0.45 - 0.04 * (flap % 2))
        p.line([(side * 0.2, -0.25), claw], c, 0.04)
        p.pieslice(claw[0], claw[1], 0.09, 200 if side < 0 else -20, 340 if side < 0 else 120, c)
    p.ellipse(0, -0.25, 0.25, 0.15, c)
    for dx in (-0.06, 0.06):
        p.line([(dx, -0.35), (dx, -0.45)], darker(c), 0.015)
        p.circle(dx, -0.46, 0.025, BLACK)
    return (0.0, -0.3)


def _starfish(p: Pen, look: AnimalLook, gait: int, flap: int, mouth: bool, head: int, lie: bool) -> tuple[float, float]:
    p.star(0, -0.4, 0.4, look.color, points=5, inner=0.4)
    return (0.0, -0.4)


def _seal(p: Pen, look: AnimalLook, gait: int, flap: int, mouth: bool, head: int, lie: bool) -> tuple[float, float]:
    c = look.color
    p.ellipse(0, -0.015, 0.4, 0.03, (0, 0, 0, 60))
    p.polygon([(-0.45, -0.1), (-0.7, -0.05 + 0.05 * (flap % 2)), (-0.65, 0.0), (-0.4, -0.02)], darker(c))
    p.ellipse(-0.1, -0.18, 0.4, 0.17, c)
    p.ellipse(0.2, -0.45, 0.12, 0.3, c)
    p.circle(0.27, -0.72, 0.13, c)
    p.circle(0.32, -0.75, 0.02, BLACK)
    p.circle(0.4, -0.7, 0.025, BLACK)
    p.polygon([(0.1, -0.25), (0.05, -0.05), (0.18, -0.1)], darker(c))
    return (0.4, -0.68)


def _snake(p: Pen, look: AnimalLook, gait: int, flap: int, mouth: bool, head: int, lie: bool) -> tuple[float, float]:
    c = look.color
    pts = [(x * 0.2 - 0.9, -0.12 + 0.08 * math.sin(x * 1.3 + gait * 0.8)) for x in range(9)]
    p.line(pts, c, 0.12)
    for x, y in pts[1::2]:
        p.circle(x, y, 0.03, darker(c, 0.6))
    hx, hy = pts[-1][0] + 0.12, pts[-1][1] - 0.05
    p.ellipse(hx, hy, 0.12, 0.08, c)
    p.circle(hx + 0.04, hy - 0.03, 0.018, BLACK)
    if mouth or gait % 2:
        p.line([(hx + 0.12, hy + 0.01), (hx + 0.2, hy + 0.01)], (220, 40, 60), 0.01)
    return (hx + 0.12, hy)


def _frog(p: Pen, look: AnimalLook, gait: int, flap: int, mouth: bool, head: int, lie: bool) -> tuple[float, float]:
    c = look.color
    hop = 0.0
    p.ellipse(-0.15, -0.15, 0.2, 0.14, darker(c, 0.85))
    p.ellipse(0.0, -0.3, 0.3, 0.25, c)
    p.ellipse(0.05, -0.22, 0.2, 0.12, lighter(c, 0.4))
    for dx in (-0.02, 0.16):
        p.circle(dx, -0.55 - hop, 0.08, c)
        p.circle(dx + 0.01, -0.56, 0.045, BLACK)
    p.line([(0.2, -0.15), (0.3, 0.0)], c, 0.05)
    p.arc(0.12, -0.4, 0.12, 10, 80, darker(c, 0.5), 0.015)
    if mouth:
        p.ellipse(0.28, -0.3, 0.06, 0.05, (200, 80, 100))
    return (0.28, -0.3)


def _insect(p: Pen, look: AnimalLook, gait: int, flap: int, mouth: bool, head: int, lie: bool) -> tuple[float, float]:
    sp = look.species
    c = look.color
    if sp == "butterfly":
        open_ = [1.0, 0.6, 0.2, 0.6][flap % 4]
        for dy, r in ((-0.6, 0.32), (-0.3, 0.24)):
            p.ellipse(-0.05, dy, r * open_ + 0.03, r, c)
            p.ellipse(-0.05, dy, (r * open_ + 0.03) * 0.5, r * 0.5, lighter(c, 0.5))
        p.ellipse(0.0, -0.45, 0.04, 0.25, BLACK)
        p.line([(0.0, -0.7), (0.1, -0.9)], BLACK, 0.012)
        return (0.05, -0.7)
    if sp == "bee":
        p.ellipse(0, -0.45, 0.35, 0.25, (250, 200, 40))
        for dx in (-0.15, 0.05):
            p.rect(dx, -0.7, dx + 0.08, -0.2, BLACK)
        p.circle(0.35, -0.5, 0.15, BLACK)
        wing = [0.0, 0.1, 0.2, 0.1][flap % 4]
        p.ellipse(-0.05, -0.8 - wing, 0.15, 0.22, (220, 240, 255, 180))
        p.polygon([(-0.35, -0.45), (-0.48, -0.42), (-0.35, -0.4)], BLACK)
        return (0.45, -0.5)
    if sp == "ladybug":
        p.chord(0, -0.1, 0.45, (220, 30, 30))
        p.line([(0, -0.55), (0, -0.1)], BLACK, 0.02)
        for dx, dy in ((-0.2, -0.25), (0.2, -0.25), (-0.1, -0.4), (0.12, -0.4)):
            p.circle(dx, dy, 0.06, BLACK)
        p.circle(0.45, -0.15, 0.13, BLACK)
        return (0.55, -0.15)
    if sp == "spider":
        for j in range(4):
            for side in (-1, 1):
                knee = (side * (0.3 + j * 0.06), -0.55 + j * 0.05 + 0.03 * ((gait + j) % 2))
                p.line([(0, -0.3), knee, (side * (0.5 + j * 0.1), 0)], BLACK, 0.025)
        p.circle(0, -0.3, 0.2, (40, 36, 40))
        p.circle(0.2, -0.3, 0.12, (40, 36, 40))
        return (0.3, -0.3)
    if sp == "bat":
        open_ = [1.0, 0.5, 0.2, 0.5][flap % 4]
        for side in (-1, 1):
            p.polygon([(0, -0.5), (side * 0.7 * open_, -0.75), (side * 0.55 * open_, -0.5), (side * 0.4 * open_, -0.45), (side * 0.2, -0.4)], c)
        p.ellipse(0, -0.5, 0.1, 0.15, c)
        for dx in (-0.05, 0.05):
            p.polygon([(dx - 0.03, -0.6), (dx, -0.7), (dx + 0.03, -0.6)], c)
        return (0.0, -0.45)
    # snail
    p.ellipse(0.0, -0.08, 0.45, 0.08, lighter(c, 0.3))
    p.circle(-0.05, -0.35, 0.28, c)
    p.arc(-0.05, -0.35, 0.15, 0, 300, darker(c, 0.6), 0.03)
    p.line([(0.35, -0.1), (0.42, -0.35)], lighter(c, 0.3), 0.03)
    return (0.45, -0.1)


def _kangaroo(p: Pen, look: AnimalLook, gait: int, flap: int, mouth: bool, head: int, lie: bool) -> tuple[float, float]:
    c = look.color
    hop = [0.0, 0.05, 0.08, 0.05][gait % 4]
    p.ellipse(0, -0.015, 0.25, 0.03, (0, 0, 0, 60))
    p.quad((-0.15, -0.3 - hop), (-0.6, -0.02), 0.14, 0.04, darker(c, 0.85))
    p.polygon([(-0.1, -0.25 - hop), (0.05, -0.25 - hop), (0.25, -0.02), (0.0, -0.02)], darker(c, 0.8))
    p.ellipse(0, -0.45 - hop, 0.18, 0.28, c)
    p.ellipse(0.05, -0.4 - hop, 0.1, 0.18, lighter(c, 0.3))
    p.line([(0.1, -0.55 - hop), (0.22, -0.45 - hop)], c, 0.05)
    hc = (0.1, -0.82 - hop)
    p.ellipse(hc[0], hc[1], 0.1, 0.08, c)
    p.polygon([(hc[0] + 0.05, hc[1] - 0.04), (hc[0] + 0.2, hc[1] + 0.02), (hc[0] + 0.05, hc[1] + 0.06)], c)
    for dx in (-0.05, 0.02):
        p.ellipse(hc[0] + dx, hc[1] - 0.14, 0.03, 0.08, c)
    p.circle(hc[0] + 0.06, hc[1] - 0.02, 0.015, BLACK)
    if "gloves" in look.extras or flap:
        p.circle(0.24 + 0.06 * (flap % 2), -0.5 - hop, 0.05, (210, 40, 40))
    return (hc[0] + 0.2, hc[1] + 0.02)


def _dinosaur(p: Pen, look: AnimalLook, gait: int, flap: int, mouth: bool, head: int, lie: bool) -> tuple[float, float]:
    c = look.color
    step = [0.0, 0.06, 0.0, -0.06][gait % 4]
    p.ellipse(0, -0.015, 0.35, 0.03, (0, 0, 0, 60))
    p.quad((-0.2, -0.5), (-0.75, -0.3), 0.2, 0.03, c)
    for dx, sw in ((-0.08, step), (0.08, -step)):
        p.line([(dx, -0.45), (dx + 0.05 + sw, -0.22), (dx + sw, -0.02)], darker(c, 0.85 if dx < 0 else 1.0), 0.09)
        p.ellipse(dx + sw + 0.05, -0.02, 0.08, 0.025, darker(c, 0.6))
    p.ellipse(0.0, -0.55, 0.28, 0.2, c)
    p.quad((0.15, -0.62), (0.3, -0.82), 0.2, 0.14, c)
    jaw = 0.08 if mouth else 0.0
    hc = (0.38, -0.88)
    p.rounded(hc[0] - 0.12, hc[1] - 0.1, hc[0] + 0.2, hc[1] + 0.05, 0.05, c)
    p.polygon([(hc[0] - 0.05, hc[1] + 0.03), (hc[0] + 0.18, hc[1] + 0.03 + jaw), (hc[0] + 0.18, hc[1] + 0.08 + jaw), (hc[0] - 0.05, hc[1] + 0.08)], c)
    if mouth:
        for j in range(4):
            p.polygon([(hc[0] + j * 0.04, hc[1] + 0.05), (hc[0] + j * 0.04 + 0.02, hc[1] + 0.05), (hc[0] + j * 0.04 + 0.01, hc[1] + 0.08)], WHITE)
    p.circle(hc[0] + 0.02, hc[1] - 0.05, 0.022, BLACK)
    p.line([(0.2, -0.55), (0.3, -0.5), (0.33, -0.46)], c, 0.03)
    for j in range(5):
        x = -0.3 + j * 0.12
        p.polygon([(x - 0.03, -0.68 + j * 0.0), (x + 0.03, -0.68), (x, -0.76)], darker(c, 0.7))
    return (hc[0] + 0.2, hc[1] + 0.05)


def _primate(p: Pen, look: AnimalLook, gait: int, flap: int, mouth: bool, head: int, lie: bool) -> tuple[float, float]:
    """Monkeys and gorillas stand on their legs, knuckles down."""
    c = look.color
    big = look.species == "gorilla"
    face = (230, 200, 160) if not big else (70, 66, 70)
    step = [0.0, 0.05, 0.0, -0.05][gait % 4]
    p.ellipse(0, -0.015, 0.25, 0.03, (0, 0, 0, 60))
    if not big:
        p.arc(-0.3, -0.55, 0.18, 90, 380, c, 0.03)
    for dx, sw in ((-0.1, step), (0.08, -step)):
        p.line([(dx, -0.45), (dx + sw, -0.02)], darker(c, 0.85), 0.11 if big else 0.07)
    p.ellipse(0, -0.55, 0.28 if big else 0.18, 0.28 if big else 0.22, c)
    p.ellipse(0.05, -0.5, 0.14 if big else 0.1, 0.16, lighter(c, 0.15) if big else face)
    arm_end = (0.3 + step, -0.05) if big else (0.25, -0.35 + 0.08 * (flap % 2))
    p.line([(0.15, -0.72), arm_end], c, 0.1 if big else 0.06)
    hc = (0.08, -0.9) if not big else (0.12, -0.88)
    p.circle(*hc, 0.14, c)
    if not big:
        for dx in (-0.15, 0.12):
            p.circle(hc[0] + dx, hc[1], 0.06, face)
    p.ellipse(hc[0] + 0.04, hc[1] + 0.03, 0.09, 0.08, face)
    for dx in (0.0, 0.07):
        p.circle(hc[0] + dx, hc[1] - 0.02, 0.018, BLACK)
    if mouth:
        p.ellipse(hc[0] + 0.06, hc[1] + 0.07, 0.04, 0.03, (110, 30, 40))
    return (hc[0] + 0.1, hc[1] + 0.07)


def _koala(p: Pen, look: AnimalLook, gait: int, flap: int, mouth: bool, head: int, lie: bool) -> tuple[float, float]:
    return _four_legs(p, look, BUILDS["koala"], gait, flap, mouth, head, lie)


SPECIAL = {
    **dict.fromkeys(BIRDS, _bird), "penguin": _penguin,
    **dict.fromkeys(("fish", "shark", "dolphin", "whale"), _fish),
    "octopus": _octopus, "jellyfish": _jellyfish, "crab": _crab, "starfish": _starfish, "seal": _seal,
    "snake": _snake, "frog": _frog, **dict.fromkeys(("butterfly", "bee", "ladybug", "spider", "bat", "snail"), _insect),
    "kangaroo": _kangaroo, "dinosaur": _dinosaur, "monkey": _primate, "gorilla": _primate,
}


def drawable_animals() -> set[str]:
    return {name.split("/")[0] for name in BUILDS} | set(SPECIAL)
