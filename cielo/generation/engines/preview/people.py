"""People: one articulated figure, dressed per role (a chef's toque and apron, a knight's armour).

The figure is a skeleton in figure units (feet at 0, the top of the head at -1): legs swing from the
hips, arms from the shoulders with a bend at the elbow, so every action (a stir, a sword swing, a
strum) is a pose of the same body. A role is an `Outfit`: garment, colours, headwear, extras and the
thing it carries by default. Things held are drawn in the front hand along the forearm.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from cielo.generation.engines.preview.pen import Pen, Point, darker, lighter, polar

Color = tuple[int, int, int]
SKIN = [(241, 200, 170), (224, 172, 130), (190, 130, 90), (140, 94, 62), (100, 66, 46)]
HAIR = [(40, 30, 24), (90, 60, 40), (200, 160, 90), (160, 70, 40), (30, 30, 34), (120, 80, 50)]
TROUSERS = [(50, 60, 90), (60, 60, 66), (90, 70, 50), (30, 40, 60), (120, 110, 90)]
WHITE, BLACK = (246, 246, 248), (30, 30, 34)


@dataclass(frozen=True)
class Outfit:
    garment: str = "shirt"  # shirt | coat | dress | robe | suit | armor | spacesuit | overalls | tunic | sheet
    top: Color | None = None  # None: the subject's colour
    bottom: Color | None = None  # trousers; None: picked per person
    hat: str = ""
    hat_color: Color | None = None
    extras: tuple[str, ...] = ()
    item: str = ""  # what the role carries unless the prompt gives it something
    skin: Color | None = None
    hair: str = ""  # "" (by gender) | long | bun | bald | white | wild | none
    body: str = "human"  # human | robot | alien | ghost | mermaid | monster


OUTFITS: dict[str, Outfit] = {
    "person": Outfit(),
    "child": Outfit(),
    "baby": Outfit(garment="shirt", top=(250, 220, 230), bottom=(250, 220, 230)),
    "elder": Outfit(garment="coat", hair="white", extras=("glasses",), item="cane"),
    "chef": Outfit(garment="coat", top=WHITE, bottom=(60, 60, 66), hat="toque", extras=("apron", "buttons"), item="spatula"),
    "baker": Outfit(garment="shirt", top=WHITE, bottom=(200, 190, 170), hat="baker", extras=("apron",)),
    "waiter": Outfit(garment="shirt", top=WHITE, bottom=BLACK, extras=("vest", "bowtie"), item="tray"),
    "knight": Outfit(garment="armor", top=(196, 202, 212), bottom=(170, 176, 188), hat="knight", extras=("cape", "plume"), item="sword"),
    "soldier": Outfit(garment="tunic", top=(96, 112, 70), bottom=(86, 100, 64), hat="army", extras=("belt", "boots"), item="spear"),
    "viking": Outfit(garment="tunic", top=(120, 84, 52), bottom=(80, 70, 60), hat="viking", extras=("beard", "fur", "boots"), item="axe"),
    "samurai": Outfit(garment="armor", top=(170, 40, 40), bottom=(40, 36, 40), hat="topknot", extras=("belt",), item="katana"),
    "ninja": Outfit(garment="suit", top=BLACK, bottom=BLACK, hat="ninja", extras=("mask", "belt"), item="katana"),
    "pirate": Outfit(garment="shirt", top=(240, 236, 226), bottom=(70, 50, 40), hat="pirate", extras=("vest", "eyepatch", "beard", "boots", "sash"), item="cutlass"),
    "king": Outfit(garment="robe", top=(170, 30, 40), bottom=(170, 30, 40), hat="crown", extras=("ermine", "beard"), item="scepter"),
    "queen": Outfit(garment="dress", top=(120, 50, 150), bottom=(120, 50, 150), hat="crown", extras=("ermine",), hair="long", item="scepter"),
    "prince": Outfit(garment="tunic", top=(50, 90, 180), bottom=(230, 230, 236), hat="circlet", extras=("cape", "belt", "boots"), item="sword"),
    "princess": Outfit(garment="dress", top=(246, 150, 190), bottom=(246, 150, 190), hat="tiara", hair="long"),
    "wizard": Outfit(garment="robe", top=(60, 60, 160), bottom=(60, 60, 160), hat="wizard", extras=("beard", "stars"), hair="white", item="staff"),
    "magician": Outfit(garment="suit", top=BLACK, bottom=BLACK, hat="tophat", extras=("cape", "bowtie"), item="wand"),
    "witch": Outfit(garment="dress", top=(40, 34, 50), bottom=(40, 34, 50), hat="witch", hair="long", item="broom"),
    "astronaut": Outfit(garment="spacesuit", top=(238, 238, 242), bottom=(226, 226, 232), hat="space", extras=("backpack", "flag_patch")),
    "doctor": Outfit(garment="coat", top=WHITE, bottom=(70, 130, 170), extras=("stethoscope",), item="clipboard"),
    "nurse": Outfit(garment="shirt", top=(120, 190, 210), bottom=(120, 190, 210), extras=("badge",)),
    "patient": Outfit(garment="robe", top=(170, 200, 220), bottom=(170, 200, 220), extras=("bandage",)),
    "scientist": Outfit(garment="coat", top=WHITE, extras=("goggles",), item="flask"),
    "teacher": Outfit(garment="coat", top=(150, 90, 60), extras=("glasses",), item="pointer"),
    "student": Outfit(garment="shirt", extras=("backpack",), item="book"),
    "police": Outfit(garment="shirt", top=(40, 56, 110), bottom=(36, 46, 80), hat="police", extras=("badge", "belt")),
    "firefighter": Outfit(garment="coat", top=(200, 150, 60), bottom=(200, 150, 60), hat="fire", extras=("stripes", "boots")),
    "farmer": Outfit(garment="overalls", top=(190, 60, 50), bottom=(70, 100, 160), hat="straw", extras=("boots",), item="pitchfork"),
    "cowboy": Outfit(garment="shirt", top=(180, 80, 60), bottom=(70, 90, 130), hat="cowboy", extras=("vest", "bandana", "boots", "belt")),
    "clown": Outfit(garment="suit", top=(240, 200, 40), bottom=(60, 120, 220), hat="clown", extras=("dots", "nose", "bowtie", "big_shoes"), hair="wild"),
    "superhero": Outfit(garment="suit", top=(40, 80, 200), bottom=(40, 80, 200), extras=("cape", "emblem", "mask_eyes", "boots")),
    "businessperson": Outfit(garment="suit", top=(50, 56, 70), bottom=(46, 50, 62), extras=("tie",), item="briefcase"),
    "athlete": Outfit(garment="jersey", top=(220, 50, 50), bottom=WHITE, extras=("number", "socks"), item="soccer_ball"),
    "boxer": Outfit(garment="bare", top=(220, 40, 40), bottom=(220, 40, 40), extras=("gloves", "shorts")),
    "musician": Outfit(garment="coat", top=(40, 40, 46), bottom=(50, 60, 90), extras=("tshirt",), item="guitar"),
    "singer": Outfit(garment="dress", top=(200, 60, 140), bottom=(200, 60, 140), extras=("sparkles",), item="microphone"),
    "dancer": Outfit(garment="dress", top=(240, 150, 190), bottom=(240, 150, 190), extras=("tutu",), hair="bun"),
    "surfer": Outfit(garment="suit", top=(30, 40, 60), bottom=(30, 40, 60), extras=("stripe",), item="surfboard"),
    "skier": Outfit(garment="coat", top=(220, 60, 60), bottom=(40, 50, 70), hat="beanie", extras=("goggles",), item="skis"),
    "skater": Outfit(garment="shirt", top=(80, 160, 90), bottom=(60, 70, 100), hat="cap", item="skateboard"),
    "cyclist": Outfit(garment="jersey", top=(250, 200, 40), bottom=BLACK, hat="bike_helmet"),
    "painter": Outfit(garment="coat", top=(230, 226, 210), hat="beret", extras=("paint_spots",), item="paintbrush"),
    "builder": Outfit(garment="shirt", top=(90, 110, 140), bottom=(60, 80, 120), hat="hardhat", extras=("hivis", "boots"), item="hammer"),
    "fisherman": Outfit(garment="coat", top=(220, 190, 60), bottom=(60, 80, 60), hat="bucket", extras=("boots",), item="fishing_rod"),
    "sailor": Outfit(garment="shirt", top=WHITE, bottom=(30, 40, 90), hat="sailor", extras=("collar",)),
    "pilot": Outfit(garment="suit", top=(30, 40, 80), bottom=(30, 40, 80), hat="pilot", extras=("tie", "wings_badge")),
    "diver": Outfit(garment="suit", top=(30, 30, 36), bottom=(30, 30, 36), extras=("diving_mask", "tank", "flippers")),
    "explorer": Outfit(garment="shirt", top=(190, 170, 120), bottom=(150, 130, 90), hat="safari", extras=("backpack", "boots")),
    "photographer": Outfit(garment="shirt", extras=("strap",), item="camera"),
    "monk": Outfit(garment="robe", top=(120, 80, 50), bottom=(120, 80, 50), hair="bald", extras=("rope",)),
    "santa": Outfit(garment="coat", top=(200, 30, 40), bottom=(200, 30, 40), hat="santa", extras=("beard", "belt", "ermine", "boots"), hair="white", item="sack"),
    "robot": Outfit(garment="robot", top=(176, 186, 200), bottom=(150, 160, 176), body="robot"),
    "alien": Outfit(garment="suit", top=(190, 196, 210), bottom=(190, 196, 210), skin=(130, 210, 120), body="alien"),
    "zombie": Outfit(garment="shirt", top=(110, 120, 100), bottom=(70, 70, 80), skin=(150, 180, 130), extras=("torn",), hair="wild"),
    "vampire": Outfit(garment="suit", top=BLACK, bottom=BLACK, skin=(236, 230, 236), extras=("vampire_cape", "fangs"), hair="slick"),
    "ghost": Outfit(garment="sheet", top=(246, 246, 252), body="ghost"),
    "mermaid": Outfit(garment="shells", top=(240, 130, 150), bottom=(40, 170, 160), hair="long", body="mermaid"),
    "fairy": Outfit(garment="dress", top=(150, 220, 170), bottom=(150, 220, 170), extras=("fairy_wings",), hair="bun", item="wand"),
    "elf": Outfit(garment="tunic", top=(60, 140, 70), bottom=(90, 70, 50), hat="elf", extras=("pointy_ears", "belt", "boots"), item="bow"),
    "monster": Outfit(garment="fur", top=(90, 140, 90), body="monster"),
}
# Things in hand have their own colours, not their holder's (a white astronaut holds a red flag).
ITEM_COLORS: dict[str, Color] = {
    "flag": (220, 40, 40), "umbrella": (230, 60, 90), "balloon": (240, 70, 90), "book": (60, 110, 200),
    "gift": (220, 50, 60), "skateboard": (240, 120, 40), "surfboard": (240, 120, 40), "skis": (220, 40, 40),
    "backpack": (120, 90, 60), "scarf": (200, 40, 60), "kite": (240, 80, 60),
}
BEARD_ROLES = {"wizard", "santa", "viking", "king", "pirate"}


@dataclass
class Look:
    """Everything about how one person looks, fixed for the whole video."""

    role: str
    gender: str
    age: str  # adult | child | baby | elder
    color: Color
    skin: Color
    hair: Color
    hair_style: str
    trousers: Color
    outfit: Outfit
    garment: str = ""  # what the prompt said it wears (overrides the outfit's)
    extras: set[str] = field(default_factory=set)

    @property
    def top(self) -> Color:
        return self.color if self.garment else (self.outfit.top or self.color)


def make_look(role: str, gender: str, color: Color, garment: str, rng_values: list[float]) -> Look:
    """A person's look from their role and a few seeded numbers (skin, hair, trousers)."""
    outfit = OUTFITS.get(role, OUTFITS["person"])
    age = {"child": "child", "baby": "baby", "elder": "elder"}.get(role, "adult")
    skin = outfit.skin or SKIN[int(rng_values[0] * len(SKIN)) % len(SKIN)]
    hair = HAIR[int(rng_values[1] * len(HAIR)) % len(HAIR)]
    if outfit.hair == "white" or age == "elder":
        hair = (226, 226, 226)
    style = outfit.hair or ("long" if gender == "female" else "short")
    if style == "long" and gender == "female" and rng_values[2] < 0.3:
        style = "bun"
    trousers = outfit.bottom or TROUSERS[int(rng_values[3] * len(TROUSERS)) % len(TROUSERS)]
    look = Look(role, gender, age, color, skin, hair, style, trousers, outfit, garment)
    look.extras = set(outfit.extras)
    if role in BEARD_ROLES and gender == "female":
        look.extras.discard("beard")
    if role == "person" and gender == "female" and not garment and rng_values[4] < 0.4:
        look.garment = "dress"
    return look


@dataclass(frozen=True)
class Stance:
    """The joint angles of one pose (degrees; 0 = hanging down, 90 = forward, 180 = straight up)."""

    legs: tuple[int, int] = (0, 0)  # front, back leg angle from the hip
    knees: tuple[int, int] = (0, 0)  # bend of each knee (the shin swings back)
    front_arm: tuple[int, int] = (8, 10)  # shoulder angle, elbow bend
    back_arm: tuple[int, int] = (-8, 10)
    lean: int = 0  # the body tilts forward
    seat: int = 0  # 0 standing, 1 on a chair, 2 on the ground
    eyes_shut: bool = False


def draw_person(p: Pen, look: Look, stance: Stance, mouth: bool, item: str) -> Point:
    """Draw the person facing right; returns the front hand's position (for effects)."""
    o = look.outfit
    if o.body == "ghost":
        return _ghost(p, look, stance, mouth)
    if o.body == "monster":
        return _monster(p, look, stance, mouth)
    child = look.age in ("child", "baby")
    hr = 0.092 if child else 0.075  # head radius
    hip_y = -0.47 if child else -0.5
    shoulder_y = -0.8 if not child else -0.77
    leg_len = -hip_y - 0.03
    if stance.seat == 1:
        hip_y = -0.3
    elif stance.seat == 2:
        hip_y = -0.07
    # The body tilts about the hip: lean moves the shoulders forward.
    tilt = math.radians(stance.lean)
    torso_len = hip_y - shoulder_y if stance.seat == 0 else 0.3
    shoulder = (math.sin(tilt) * torso_len * 1.0, hip_y - math.cos(tilt) * torso_len)
    hip = (0.0, hip_y)
    if not stance.eyes_shut:
        p.ellipse(0, -0.012, 0.17, 0.025, (0, 0, 0, 60))  # a shadow, unless lying down
    top, bottom = look.top, look.trousers
    garment = look.garment or o.garment
    if o.body == "robot":
        top, bottom = (176, 186, 200), (150, 160, 176)
    # Back arm, legs, torso, front arm, head: back to front.
    half = 0.1 if not child else 0.085  # shoulders at the torso's sides: arms read against the body
    back_hand = _arm(p, look, (shoulder[0] - half * 0.55, shoulder[1]), stance.back_arm, darker(_sleeve(look, garment, top), 0.72), child, back=True)
    if o.body == "mermaid":
        _tail(p, look, hip, stance)
    else:
        _legs(p, look, hip, leg_len, stance, bottom, garment)
    _torso(p, look, shoulder, hip, top, bottom, garment, stance)
    if "cape" in look.extras or "vampire_cape" in look.extras:
        lining = (170, 20, 30) if "vampire_cape" in look.extras else darker(look.outfit.top or (190, 30, 40), 0.85)
        cape = (150, 20, 30) if look.role in ("knight", "prince") else (30, 30, 36) if look.role in ("magician", "vampire") else (200, 30, 40)
        flutter = 0.04 * (stance.legs[0] != 0)
        p.polygon([(shoulder[0] - 0.09, shoulder[1]), (shoulder[0] - 0.05, shoulder[1] + 0.02),
                   (-0.12 - flutter, hip_y + 0.38 if stance.seat == 0 else hip_y), (-0.26 - flutter * 2, hip_y + 0.3 if stance.seat == 0 else hip_y)],
                  cape if "vampire_cape" not in look.extras else lining)
    if o.item in ("shield",) or look.role == "knight":
        _shield(p, back_hand, look)
    hand = _arm(p, look, (shoulder[0] + half * 0.55, shoulder[1]), stance.front_arm, darker(_sleeve(look, garment, top), 0.9), child, back=False)
    if item:
        _held(p, item, hand, stance.front_arm, look)
    _head(p, look, shoulder, hr, mouth, stance)
    return hand


def _sleeve(look: Look, garment: str, top: Color) -> Color:
    if garment in ("armor",):
        return (180, 186, 198)
    if garment == "bare" or look.outfit.body == "mermaid":
        return look.skin
    if garment == "overalls":
        return top
    return top


def _arm(p: Pen, look: Look, shoulder: Point, angles: tuple[int, int], sleeve: Color, child: bool, back: bool) -> Point:
    upper, fore = (0.15, 0.14) if not child else (0.12, 0.11)
    width = 0.055 if not child else 0.05
    a, e = angles
    s = (shoulder[0], shoulder[1] + 0.03)
    elbow = polar(s, upper, a)
    hand = polar(elbow, fore, a + e)
    skin = darker(look.skin, 0.9) if back else look.skin
    if not back:  # a thin dark edge so the near arm reads over a torso of the same colour
        p.limb(s, elbow, darker(sleeve, 0.7), width * 1.25)
        p.limb(elbow, hand, darker(sleeve, 0.7), width * 1.15)
    p.limb(s, elbow, sleeve, width)
    short = look.garment in ("bare",) or look.outfit.garment in ("bare", "jersey") or look.outfit.body == "mermaid"
    p.limb(elbow, hand, skin if short else sleeve, width * 0.9)
    if look.outfit.body == "robot":
        p.circle(*elbow, width * 0.45, darker(sleeve, 0.8))
    hand_fill = (210, 40, 40) if "gloves" in look.extras else (236, 236, 240) if look.role == "astronaut" else skin
    p.circle(*hand, width * (0.62 if "gloves" not in look.extras else 1.0), hand_fill)
    return hand


def _legs(p: Pen, look: Look, hip: Point, length: float, stance: Stance, bottom: Color, garment: str) -> None:
    thigh = length * 0.5
    shin = length * 0.5
    shoe = (30, 28, 30) if "boots" not in look.extras else (60, 40, 30)
    if look.outfit.body == "robot":
        shoe = (110, 116, 128)
    if look.role == "astronaut":
        shoe = (210, 210, 216)
    if "flippers" in look.extras:
        shoe = (240, 200, 30)
    for index, (angle, bend) in enumerate(zip(stance.legs, stance.knees)):
        if stance.seat == 1:
            angle, bend = 90, -90  # thighs forward on the seat, shins down
        elif stance.seat == 2:
            angle, bend = 88, 0  # legs straight out on the ground
        color = bottom if index == 0 else darker(bottom, 0.85)
        h = (hip[0] + (0.02 if index == 0 else -0.02), hip[1])
        knee = polar(h, thigh, angle)
        foot = polar(knee, shin, angle - bend)
        p.limb(h, knee, color, 0.07)
        skin_shins = garment in ("dress",) and look.age != "baby"
        p.limb(knee, foot, look.skin if skin_shins and "boots" not in look.extras else color, 0.062)
        size = 0.07 if "big_shoes" not in look.extras else 0.12
        if "flippers" in look.extras:
            size = 0.1
        p.ellipse(foot[0] + size * 0.4, foot[1] + 0.005, size * 0.75, 0.028, shoe)


def _torso(p: Pen, look: Look, shoulder: Point, hip: Point, top: Color, bottom: Color, garment: str, stance: Stance) -> None:
    sx, sy = shoulder
    hx, hy = hip
    w_s, w_h = (0.105, 0.085) if look.age == "adult" or look.age == "elder" else (0.09, 0.08)
    if look.gender == "female" and look.age == "adult":
        w_s, w_h = 0.095, 0.09
    # Skirts, dresses, coats and robes hang from the waist to their length.
    hem = {"dress": 0.3, "robe": 0.02, "coat": 0.22, "sheet": 0.0}.get(garment)
    if look.outfit.body == "mermaid":
        hem = None
    if hem is not None and stance.seat == 0:
        flare = 0.16 if garment == "dress" else 0.1
        color = bottom if garment == "dress" and look.outfit.bottom else top
        if garment == "coat":
            color = top
        p.polygon([(hx - w_h, hy - 0.06), (hx + w_h, hy - 0.06), (hx + flare, -hem), (hx - flare, -hem)], color)
        if "tutu" in look.extras:
            p.ellipse(hx, hy + 0.03, 0.2, 0.045, lighter(color, 0.3))
    elif hem is not None:
        p.polygon([(hx - w_h, hy - 0.06), (hx + w_h, hy - 0.06), (hx + 0.3, hy + 0.02), (hx - 0.05, hy + 0.05)], top)
    torso = [(sx - w_s, sy), (sx + w_s, sy), (hx + w_h, hy), (hx - w_h, hy)]
    if garment == "bare":
        p.polygon(torso, look.skin)
        if "shorts" in look.extras:
            p.rect(hx - w_h, hy - 0.04, hx + w_h, hy + 0.06, top)
    else:
        p.polygon(torso, top)
    if look.outfit.body == "robot":
        p.rect(sx - 0.05, sy + 0.08, sx + 0.05, sy + 0.16, (90, 200, 240))
        p.circle(sx, sy + 0.21, 0.02, (240, 80, 80))
    ex = look.extras
    mid = ((sx + hx) / 2, (sy + hy) / 2)
    if garment == "armor":
        for k in range(3):
            y = sy + (hy - sy) * (0.3 + 0.22 * k)
            p.line([(sx - w_s * 0.9, y), (sx + w_s * 0.9, y)], darker(top, 0.75), 0.012)
        p.circle(sx, sy + 0.02, 0.05, lighter(top, 0.3))
    if garment == "suit" and look.role in ("businessperson", "magician", "pilot", "vampire", "person"):
        p.polygon([(sx - 0.035, sy), (sx + 0.035, sy), (sx, sy + 0.1)], WHITE)
    if garment == "overalls":
        p.rect(hx - w_h * 0.8, sy + 0.1, hx + w_h * 0.8, hy + 0.02, bottom)
        p.line([(sx - 0.05, sy), (hx - 0.05, sy + 0.1)], bottom, 0.02)
        p.line([(sx + 0.05, sy), (hx + 0.05, sy + 0.1)], bottom, 0.02)
    if garment == "jersey" or "number" in ex:
        p.text(mid[0], mid[1], "10", 0.09, WHITE)
    if "tie" in ex:
        p.polygon([(sx, sy + 0.01), (sx + 0.018, sy + 0.06), (sx, sy + 0.2), (sx - 0.018, sy + 0.06)], (170, 30, 40))
    if "bowtie" in ex:
        p.polygon([(sx - 0.035, sy), (sx + 0.035, sy + 0.025), (sx + 0.035, sy - 0.01), (sx - 0.035, sy + 0.03)], (180, 20, 30))
    if "apron" in ex:
        p.rounded(hx - w_h * 0.95, sy + 0.1, hx + w_h * 0.95, hy + 0.16, 0.03, (250, 250, 250) if top != WHITE else (236, 236, 236))
        p.line([(hx - w_h, hy - 0.06), (hx + w_h, hy - 0.06)], (220, 220, 224), 0.012)
    if "buttons" in ex:
        for k in range(3):
            p.circle(sx + 0.03, sy + 0.06 + k * 0.06, 0.008, (150, 150, 156))
            p.circle(sx - 0.03, sy + 0.06 + k * 0.06, 0.008, (150, 150, 156))
    if "vest" in ex:
        vest = (60, 40, 30) if look.role != "waiter" else (34, 34, 40)
        p.polygon([(sx - w_s, sy), (sx - 0.02, sy), (hx - 0.02, hy), (hx - w_h, hy)], vest)
        p.polygon([(sx + w_s, sy), (sx + 0.05, sy), (hx + 0.04, hy), (hx + w_h, hy)], vest)
    if "belt" in ex or "rope" in ex:
        belt = (220, 200, 150) if "rope" in ex else (30, 28, 28)
        p.rect(hx - w_h, hy - 0.045, hx + w_h, hy - 0.015, belt)
        if look.role == "santa":
            p.rect(hx - 0.025, hy - 0.05, hx + 0.025, hy - 0.01, (240, 200, 60))
    if "sash" in ex:
        p.line([(sx - w_s, sy + 0.02), (hx + w_h, hy - 0.02)], (200, 40, 40), 0.03)
    if "ermine" in ex:
        p.rounded(sx - w_s * 1.1, sy - 0.02, sx + w_s * 1.1, sy + 0.05, 0.02, (248, 248, 244))
        for k in range(4):
            p.circle(sx - w_s + k * w_s * 0.66, sy + 0.015, 0.007, BLACK)
    if "stethoscope" in ex:
        p.arc(sx, sy + 0.03, 0.06, 0, 180, (40, 40, 50), 0.012)
        p.circle(sx + 0.02, sy + 0.12, 0.015, (160, 160, 170))
    if "badge" in ex:
        p.star(sx + 0.045, sy + 0.07, 0.022, (240, 200, 60))
    if "stripes" in ex or "hivis" in ex:
        stripe = (250, 240, 90) if "stripes" in ex else (250, 160, 30)
        if "hivis" in ex:
            p.polygon(torso, stripe)
        for k in (0.45, 0.75):
            y = sy + (hy - sy) * k
            p.line([(sx - w_s, y), (sx + w_s, y)], (230, 230, 230) if "hivis" in ex else stripe, 0.018)
    if "emblem" in ex:
        p.polygon([(sx - 0.04, sy + 0.06), (sx + 0.04, sy + 0.06), (sx, sy + 0.13)], (250, 210, 40))
    if "dots" in ex:
        for k, (dx, dy) in enumerate(((-0.04, 0.06), (0.04, 0.12), (-0.02, 0.2), (0.05, 0.24))):
            p.circle(sx + dx, sy + dy, 0.014, ((220, 40, 40), (40, 180, 80), (40, 90, 220), (240, 120, 30))[k])
    if "stars" in ex:
        for dx, dy in ((-0.03, 0.08), (0.04, 0.18), (-0.05, 0.3), (0.06, 0.42)):
            p.star(sx + dx, sy + dy, 0.02, (250, 220, 90))
    if "fur" in ex:
        p.rounded(sx - w_s * 1.15, sy - 0.02, sx + w_s * 1.15, sy + 0.06, 0.03, (150, 120, 90))
    if "tshirt" in ex:
        p.polygon([(sx - 0.04, sy), (sx + 0.04, sy), (hx + 0.04, hy), (hx - 0.04, hy)], (220, 220, 220))
    if "paint_spots" in ex:
        for dx, dy, c in ((-0.03, 0.1, (220, 40, 40)), (0.04, 0.2, (40, 90, 220)), (-0.01, 0.27, (240, 200, 40))):
            p.circle(sx + dx, sy + dy, 0.013, c)
    if "torn" in ex:
        p.polygon([(hx - w_h, hy), (hx - w_h + 0.03, hy - 0.05), (hx - w_h + 0.06, hy)], look.skin)
    if "sparkles" in ex:
        for dx, dy in ((-0.04, 0.08), (0.03, 0.14), (-0.01, 0.22)):
            p.star(sx + dx, sy + dy, 0.014, (255, 240, 200), points=4)
    if "collar" in ex:
        p.polygon([(sx - w_s, sy - 0.005), (sx + w_s, sy - 0.005), (sx, sy + 0.08)], (40, 60, 130))
    if "backpack" in ex or "tank" in ex:
        pack = (120, 90, 60) if "tank" not in ex else (200, 200, 60)
        if look.role == "astronaut":
            pack = (214, 214, 222)
        p.rounded(sx - w_s - 0.07, sy + 0.03, sx - w_s + 0.01, sy + 0.25, 0.02, pack)
    if "fairy_wings" in ex:
        for dy, r in ((0.05, 0.14), (0.17, 0.1)):
            p.ellipse(sx - 0.12, sy + dy, r, r * 0.6, (200, 240, 255, 170))


def _tail(p: Pen, look: Look, hip: Point, stance: Stance) -> None:
    tail = look.outfit.bottom or (40, 170, 160)
    swish = 0.05 * (1 if stance.legs[0] > 0 else -1 if stance.legs[0] < 0 else 0)
    p.polygon([(hip[0] - 0.09, hip[1] - 0.04), (hip[0] + 0.09, hip[1] - 0.04), (0.05 + swish, -0.16), (0.0 + swish, -0.12)], tail)
    p.polygon([(swish, -0.14), (0.16 + swish, -0.02), (-0.12 + swish, -0.02)], darker(tail, 0.8))
    for k in range(4):
        p.arc(hip[0], hip[1] + 0.05 + k * 0.07, 0.05, 20, 160, darker(tail, 0.7), 0.008)


def _head(p: Pen, look: Look, shoulder: Point, hr: float, mouth: bool, stance: Stance) -> None:
    o = look.outfit
    hx, hy = shoulder[0] + 0.01, shoulder[1] - hr * 1.05
    skin = look.skin
    p.limb((shoulder[0], shoulder[1] + 0.01), (hx, hy + hr * 0.5), darker(skin, 0.92), 0.04)
    if o.body == "robot":
        p.rounded(hx - hr * 1.1, hy - hr * 1.05, hx + hr * 1.1, hy + hr * 1.0, 0.02, (196, 204, 216))
        p.line([(hx, hy - hr), (hx, hy - hr * 1.7)], (120, 126, 140), 0.012)
        p.circle(hx, hy - hr * 1.8, 0.018, (255, 90, 80))
        for side in (-1, 1):
            p.circle(hx + side * hr * 0.45, hy - hr * 0.1, hr * 0.22, (80, 230, 255))
        p.rect(hx - hr * 0.5, hy + hr * 0.45, hx + hr * 0.5, hy + hr * (0.6 if not mouth else 0.8), (60, 70, 80) if not mouth else (80, 230, 255))
        return
    if o.body == "alien":
        p.ellipse(hx, hy - hr * 0.3, hr * 1.25, hr * 1.4, skin)
        for side in (-1, 1):
            p.ellipse(hx + side * hr * 0.5 + 0.01, hy - hr * 0.2, hr * 0.38, hr * 0.55, (20, 20, 26))
            p.line([(hx + side * hr * 0.5, hy - hr * 1.5), (hx + side * hr * 0.9, hy - hr * 2.3)], darker(skin), 0.012)
            p.circle(hx + side * hr * 0.9, hy - hr * 2.35, 0.018, (250, 230, 90))
        p.ellipse(hx + 0.01, hy + hr * 0.6, hr * 0.25, hr * (0.16 if mouth else 0.05), (60, 30, 40))
        return
    # Hair behind the head (long hair falls to the shoulders).
    style = look.hair_style
    if style == "long":
        p.rounded(hx - hr * 1.2, hy - hr, hx + hr * 0.9, hy + hr * 1.8, hr * 0.8, look.hair)
    if "pointy_ears" in look.extras:
        p.polygon([(hx - hr * 0.2, hy), (hx - hr * 1.5, hy - hr * 0.9), (hx - hr * 0.6, hy + hr * 0.3)], skin)
    p.circle(hx, hy, hr, skin)
    # A face in profile-ish three-quarter view: both eyes, the nearer one forward.
    if style in ("short", "slick", "white", "wild", "bun", "long") and o.hat not in ("space", "knight", "ninja"):
        hair_top = {"wild": 1.25, "slick": 1.02}.get(style, 1.06)
        p.chord(hx - hr * 0.08, hy - hr * 0.1, hr * hair_top, look.hair, 180, 360)
        p.pieslice(hx - hr * 0.05, hy - hr * 0.05, hr * 1.04, 150, 250, look.hair)
        if style == "bun":
            p.circle(hx - hr * 0.5, hy - hr * 0.95, hr * 0.45, look.hair)
        if style == "wild":
            for k in range(5):
                p.circle(hx - hr + k * hr * 0.5, hy - hr * 0.95, hr * 0.32, look.hair)
    eye_y = hy - hr * 0.05
    eye = (30, 26, 30)
    for side, size in ((0.55, 1.0), (-0.05, 0.85)):
        ex = hx + hr * side
        if stance.eyes_shut:
            p.line([(ex - hr * 0.12, eye_y), (ex + hr * 0.12, eye_y)], eye, hr * 0.08)
        else:
            p.ellipse(ex, eye_y, hr * 0.11 * size, hr * 0.15 * size, eye)
    if "eyepatch" in look.extras:
        p.circle(hx + hr * 0.55, eye_y, hr * 0.22, BLACK)
        p.line([(hx - hr, hy - hr * 0.5), (hx + hr, hy - hr * 0.2)], BLACK, 0.008)
    if "glasses" in look.extras or "goggles" in look.extras:
        frame = (40, 40, 46) if "goggles" not in look.extras else (90, 160, 200)
        for side in (0.55, -0.05):
            p.circle_outline(hx + hr * side, eye_y, hr * 0.24, frame, 0.01)
    if "diving_mask" in look.extras:
        p.rounded(hx - hr * 0.2, eye_y - hr * 0.35, hx + hr * 0.95, eye_y + hr * 0.3, 0.01, (120, 200, 230, 200))
    if "mask_eyes" in look.extras:
        p.rect(hx - hr * 0.3, eye_y - hr * 0.2, hx + hr * 0.95, eye_y + hr * 0.15, (30, 30, 40))
        for side in (0.55, -0.05):
            p.circle(hx + hr * side, eye_y, hr * 0.1, WHITE)
    if "nose" in look.extras:
        p.circle(hx + hr * 0.85, hy + hr * 0.2, hr * 0.22, (230, 30, 40))
    else:
        p.circle(hx + hr * 0.9, hy + hr * 0.15, hr * 0.12, darker(skin, 0.88))
    if "beard" in look.extras and look.gender != "female":
        beard = look.hair if look.outfit.hair != "white" else (236, 236, 236)
        length = 1.6 if look.role in ("wizard", "santa") else 0.9
        p.polygon([(hx - hr * 0.7, hy + hr * 0.1), (hx + hr * 0.95, hy + hr * 0.1), (hx + hr * 0.3, hy + hr * (1 + length))], beard)
    mouth_x, mouth_y = hx + hr * 0.45, hy + hr * 0.5
    if "mask" in look.extras:
        p.rect(hx - hr * 0.9, hy + hr * 0.1, hx + hr * 1.0, hy + hr * 0.9, BLACK)
    elif mouth:
        p.ellipse(mouth_x, mouth_y, hr * 0.24, hr * 0.2, (120, 30, 40))
    else:
        p.arc(mouth_x, mouth_y - hr * 0.15, hr * 0.25, 30, 150, (130, 50, 50), 0.008)
    if "fangs" in look.extras:
        p.polygon([(mouth_x - hr * 0.1, mouth_y), (mouth_x - hr * 0.04, mouth_y + hr * 0.25), (mouth_x, mouth_y)], WHITE)
    if "bandage" in look.extras:
        p.rect(hx - hr, hy - hr * 0.55, hx + hr, hy - hr * 0.3, (245, 245, 245))
    _hat(p, look, hx, hy, hr)


def _hat(p: Pen, look: Look, hx: float, hy: float, hr: float) -> None:
    hat = look.outfit.hat
    top = hy - hr
    c = look.outfit.hat_color
    if hat == "toque":
        p.rect(hx - hr * 0.8, top - hr * 0.2, hx + hr * 0.8, top + hr * 0.3, WHITE)
        for dx in (-0.5, 0.0, 0.5):
            p.circle(hx + hr * dx, top - hr * 0.8, hr * 0.6, WHITE)
    elif hat == "baker":
        p.rounded(hx - hr * 0.95, top - hr * 0.5, hx + hr * 0.95, top + hr * 0.35, hr * 0.4, WHITE)
    elif hat == "knight":
        steel = (190, 196, 208)
        p.circle(hx, hy - hr * 0.1, hr * 1.15, steel)
        p.rect(hx - hr * 0.2, hy - hr * 0.35, hx + hr * 1.15, hy + hr * 0.05, (60, 64, 74))
        p.rect(hx + hr * 0.05, hy - hr * 0.15, hx + hr * 1.1, hy - hr * 0.05, steel)
        p.polygon([(hx - hr * 0.3, top - hr * 0.2), (hx - hr * 1.5, top - hr * 0.9), (hx - hr * 0.1, top - hr * 0.6)], (200, 30, 40))
    elif hat == "army":
        p.chord(hx, hy - hr * 0.15, hr * 1.15, c or (86, 100, 64))
    elif hat == "viking":
        p.chord(hx, hy - hr * 0.1, hr * 1.1, (150, 150, 160))
        for side in (-1, 1):
            p.polygon([(hx + side * hr * 0.8, top + hr * 0.2), (hx + side * hr * 1.6, top - hr * 0.8), (hx + side * hr * 1.0, top + hr * 0.3)], (240, 230, 200))
    elif hat == "topknot":
        p.circle(hx - hr * 0.2, top - hr * 0.1, hr * 0.35, look.hair)
    elif hat == "ninja":
        p.circle(hx, hy, hr * 1.05, BLACK)
        p.rect(hx - hr * 0.2, hy - hr * 0.25, hx + hr * 1.05, hy + hr * 0.12, look.skin)
        for side in (0.55, -0.05):
            p.circle(hx + hr * side, hy - hr * 0.05, hr * 0.1, (30, 26, 30))
        p.line([(hx - hr, hy - hr * 0.5), (hx - hr * 1.8, hy - hr * 0.2)], (200, 30, 40), 0.015)
    elif hat == "pirate":
        p.polygon([(hx - hr * 1.4, top + hr * 0.2), (hx + hr * 1.4, top + hr * 0.2), (hx + hr * 0.8, top - hr * 0.7), (hx - hr * 0.8, top - hr * 0.7)], (30, 26, 30))
        p.circle(hx, top - hr * 0.25, hr * 0.2, WHITE)
    elif hat in ("crown", "circlet"):
        gold = (240, 196, 60)
        h = hr * (0.8 if hat == "crown" else 0.35)
        pts = [(hx - hr * 0.8, top + hr * 0.2)]
        for k in range(5):
            x = hx - hr * 0.8 + k * hr * 0.4
            pts += [(x, top - h), (x + hr * 0.2, top - h * 0.4)]
        pts += [(hx + hr * 0.8, top - h), (hx + hr * 0.8, top + hr * 0.2)]
        p.polygon(pts, gold)
        p.circle(hx, top - h * 0.2, hr * 0.12, (200, 30, 40))
    elif hat == "tiara":
        p.polygon([(hx - hr * 0.6, top + hr * 0.1), (hx, top - hr * 0.45), (hx + hr * 0.6, top + hr * 0.1)], (240, 210, 120))
        p.circle(hx, top - hr * 0.1, hr * 0.1, (120, 200, 250))
    elif hat == "wizard":
        wc = c or look.outfit.top or (60, 60, 160)
        p.polygon([(hx - hr * 1.4, top + hr * 0.3), (hx + hr * 1.4, top + hr * 0.3), (hx - hr * 0.4, top - hr * 2.6)], wc)
        p.star(hx - hr * 0.1, top - hr * 0.6, hr * 0.25, (250, 220, 90))
    elif hat == "witch":
        p.ellipse(hx, top + hr * 0.25, hr * 1.7, hr * 0.28, (30, 26, 36))
        p.polygon([(hx - hr * 0.85, top + hr * 0.25), (hx + hr * 0.85, top + hr * 0.25), (hx - hr * 0.6, top - hr * 2.4)], (30, 26, 36))
        p.rect(hx - hr * 0.8, top, hx + hr * 0.8, top + hr * 0.2, (120, 60, 150))
    elif hat == "cowboy":
        brown = (140, 90, 50)
        p.ellipse(hx, top + hr * 0.2, hr * 1.7, hr * 0.25, brown)
        p.rounded(hx - hr * 0.8, top - hr * 0.75, hx + hr * 0.8, top + hr * 0.25, hr * 0.3, brown)
    elif hat in ("hardhat", "fire", "bike_helmet"):
        color = {"hardhat": (250, 200, 30), "fire": (200, 30, 30), "bike_helmet": (40, 160, 220)}[hat]
        p.chord(hx, hy - hr * 0.1, hr * 1.2, color)
        p.ellipse(hx + hr * 0.2, top + hr * 0.75, hr * 1.5, hr * 0.14, color)
    elif hat in ("police", "pilot", "sailor", "cap"):
        color = {"police": (30, 40, 80), "pilot": (30, 40, 80), "sailor": WHITE, "cap": look.color}[hat]
        p.chord(hx, hy - hr * 0.2, hr * 1.1, color)
        p.ellipse(hx + hr * 0.8, top + hr * 0.6, hr * 0.7, hr * 0.13, darker(color, 0.6))
        if hat in ("police", "pilot"):
            p.star(hx + hr * 0.2, top + hr * 0.2, hr * 0.2, (240, 200, 60))
    elif hat in ("beanie", "santa", "elf"):
        color = {"beanie": look.color, "santa": (200, 30, 40), "elf": (60, 140, 70)}[hat]
        p.chord(hx, hy - hr * 0.1, hr * 1.12, color)
        if hat in ("santa", "elf"):
            p.polygon([(hx - hr, top + hr * 0.3), (hx + hr, top + hr * 0.3), (hx - hr * 1.8, top - hr * 0.6)], color)
        if hat == "santa":
            p.rounded(hx - hr * 1.1, top + hr * 0.15, hx + hr * 1.1, top + hr * 0.55, hr * 0.2, WHITE)
            p.circle(hx - hr * 1.8, top - hr * 0.6, hr * 0.25, WHITE)
    elif hat == "space":
        p.circle(hx, hy, hr * 1.55, (236, 236, 242))
        p.ellipse(hx + hr * 0.25, hy, hr * 1.05, hr * 0.9, (60, 90, 140))
        p.ellipse(hx + hr * 0.55, hy - hr * 0.35, hr * 0.3, hr * 0.18, (200, 220, 250))
    elif hat == "tophat":
        p.ellipse(hx, top + hr * 0.25, hr * 1.3, hr * 0.2, BLACK)
        p.rect(hx - hr * 0.8, top - hr * 1.2, hx + hr * 0.8, top + hr * 0.25, BLACK)
        p.rect(hx - hr * 0.8, top, hx + hr * 0.8, top + hr * 0.15, (180, 20, 30))
    elif hat == "clown":
        p.polygon([(hx - hr * 0.5, top), (hx + hr * 0.5, top), (hx, top - hr * 1.6)], (60, 160, 220))
        p.circle(hx, top - hr * 1.6, hr * 0.2, (240, 60, 60))
    elif hat in ("straw", "safari", "bucket"):
        color = {"straw": (236, 206, 120), "safari": (210, 190, 140), "bucket": (90, 110, 80)}[hat]
        p.ellipse(hx, top + hr * 0.2, hr * 1.6, hr * 0.22, color)
        p.chord(hx, top + hr * 0.3, hr * 0.85, color)
    elif hat == "beret":
        p.ellipse(hx - hr * 0.1, top + hr * 0.05, hr * 1.1, hr * 0.4, (200, 40, 50))


def _shield(p: Pen, hand: Point, look: Look) -> None:
    x, y = hand
    color = (160, 30, 40) if look.role == "knight" else (120, 90, 60)
    p.polygon([(x - 0.09, y - 0.13), (x + 0.09, y - 0.13), (x + 0.09, y + 0.02), (x, y + 0.12), (x - 0.09, y + 0.02)], color)
    p.polygon([(x - 0.06, y - 0.1), (x + 0.06, y - 0.1), (x + 0.06, y + 0.01), (x, y + 0.08), (x - 0.06, y + 0.01)], (230, 200, 80))
    p.line([(x, y - 0.1), (x, y + 0.08)], color, 0.02)
    p.line([(x - 0.06, y - 0.03), (x + 0.06, y - 0.03)], color, 0.02)


def _held(p: Pen, item: str, hand: Point, arm: tuple[int, int], look: Look) -> None:
    """Things carried in the front hand, along the forearm's direction."""
    from cielo.generation.engines.preview.props import draw_held

    draw_held(p, item, hand, arm[0] + arm[1], ITEM_COLORS.get(item, look.color))


def _ghost(p: Pen, look: Look, stance: Stance, mouth: bool) -> Point:
    white = (246, 246, 252, 220)
    wave = 0.03 if stance.legs[0] > 0 else -0.03
    pts = [(-0.2, -0.75), (0.2, -0.75), (0.24, -0.12)]
    for k in range(6):
        pts.append((0.24 - k * 0.09, -0.06 - (0.05 if k % 2 else 0) + wave * (1 if k % 2 else -1)))
    pts.append((-0.24, -0.12))
    p.polygon(pts, white)
    p.circle(0, -0.78, 0.2, white)
    for side in (-0.07, 0.08):
        p.ellipse(side, -0.8, 0.035, 0.05, (30, 30, 40))
    p.ellipse(0.01, -0.66, 0.04, 0.06 if mouth else 0.03, (30, 30, 40))
    hand = polar((0.18, -0.6), 0.15, stance.front_arm[0])
    p.limb((0.15, -0.6), hand, white, 0.07)
    return hand


def _monster(p: Pen, look: Look, stance: Stance, mouth: bool) -> Point:
    fur = look.color
    p.ellipse(0, -0.012, 0.25, 0.03, (0, 0, 0, 60))
    for side, angle in ((-1, stance.legs[1]), (1, stance.legs[0])):
        foot = polar((side * 0.1, -0.35), 0.33, angle)
        p.limb((side * 0.1, -0.35), foot, darker(fur, 0.8), 0.14)
    p.ellipse(0, -0.55, 0.28, 0.34, fur)
    p.ellipse(0.04, -0.5, 0.17, 0.22, lighter(fur, 0.3))
    hand = polar((0.2, -0.72), 0.3, stance.front_arm[0])
    p.limb((0.2, -0.72), hand, darker(fur, 0.9), 0.12)
    p.circle(*hand, 0.07, darker(fur, 0.7))
    p.circle(0.05, -0.88, 0.17, fur)
    for side in (-1, 1):
        p.polygon([(0.05 + side * 0.12, -0.98), (0.05 + side * 0.2, -1.12), (0.05 + side * 0.06, -1.0)], (240, 230, 200))
        p.circle(0.09 + side * 0.06, -0.9, 0.03, WHITE)
        p.circle(0.1 + side * 0.06, -0.9, 0.014, BLACK)
    p.ellipse(0.1, -0.8, 0.09, 0.05 if mouth else 0.02, (60, 20, 30))
    for dx in (0.05, 0.13):
        p.polygon([(dx - 0.015, -0.82), (dx + 0.015, -0.82), (dx, -0.78)], WHITE)
    return hand


def standing() -> Stance:
    return Stance()


def draw_baby(p: Pen, look: Look, mouth: bool, phase: int) -> None:
    """A baby sits on the ground, arms bobbing."""
    p.ellipse(0, -0.012, 0.2, 0.025, (0, 0, 0, 60))
    p.ellipse(0.0, -0.12, 0.2, 0.12, look.outfit.top or (250, 220, 230))
    p.ellipse(0.02, -0.32, 0.15, 0.17, look.outfit.top or (250, 220, 230))
    up = 0.04 * (phase % 2)
    for side in (-1, 1):
        p.limb((side * 0.1, -0.36), (side * 0.2, -0.28 - up), look.skin, 0.06)
    p.circle(0.02, -0.6, 0.16, look.skin)
    p.chord(0.0, -0.64, 0.16, look.hair)
    for side in (-0.04, 0.09):
        p.circle(0.02 + side, -0.6, 0.015, (30, 26, 30))
    p.ellipse(0.06, -0.52, 0.03, 0.025 if mouth else 0.01, (150, 50, 60))
