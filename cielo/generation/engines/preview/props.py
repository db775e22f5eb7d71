"""Things: food, objects and furniture, drawn in a hand, on a table, on the ground or in the sky.

Every drawing is in figure units (1.0 = a standing adult; feet, or the thing's base, at y = 0) so a
paella, a piano and a tree come out in proportion to the people next to them. `PROP_BOX` gives each
thing's extent for its canvas; things not listed fit in a small box.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from cielo.generation.engines.preview.pen import Pen, Point, darker, lighter, polar

Color = tuple[int, int, int]
WHITE, BLACK, GOLD = (246, 246, 248), (30, 30, 34), (240, 196, 60)
WOOD, STEEL = (130, 90, 55), (200, 206, 216)

# (width, height) of each standing thing in figure units; the canvas is this plus a margin.
PROP_BOX: dict[str, tuple[float, float]] = {
    "piano": (0.9, 0.75), "drum": (0.6, 0.6), "turntable": (0.8, 0.8), "table": (0.9, 0.5), "chair": (0.5, 0.65),
    "bench": (0.9, 0.5), "sofa": (1.1, 0.6), "bed": (1.1, 0.6), "wheelchair": (0.6, 0.6), "coffin": (0.9, 0.45), "tent": (1.1, 0.8),
    "campfire": (0.5, 0.5), "snowman": (0.5, 0.85), "sandcastle": (0.7, 0.5), "christmas_tree": (0.8, 1.5),
    "tree": (1.2, 1.8), "bush": (0.6, 0.45), "grass": (1.0, 0.35), "rock": (0.8, 0.5), "fountain": (0.9, 0.8),
    "statue": (0.6, 1.5), "bridge": (2.2, 0.8), "house": (1.4, 1.4), "tower": (0.7, 2.2), "fence": (1.6, 0.45),
    "goal": (1.6, 0.8), "clock": (0.5, 1.2), "mirror": (0.5, 0.9), "telescope": (0.5, 0.9), "blackboard": (1.3, 0.9),
    "sign": (0.8, 1.0), "stove": (0.8, 0.85), "chest": (0.6, 0.45), "flowers": (1.0, 0.4), "sunflowers": (1.0, 0.9),
    "lavender": (1.0, 0.45), "coral": (1.0, 0.6), "rainbow": (2.4, 1.3), "fireworks": (1.2, 1.2),
    "moon_prop": (0.7, 0.7), "planet_prop": (1.0, 1.0), "star_prop": (1.2, 0.5), "lightning_bolt": (0.5, 1.2),
    "explosion": (1.0, 1.0), "wave": (2.2, 1.4), "bubbles": (0.5, 1.0), "balloon": (0.6, 1.2), "kite": (0.6, 1.0),
    "robot_toy": (0.4, 0.45), "gift": (0.4, 0.4), "backpack": (0.35, 0.4), "skis": (0.6, 0.2), "surfboard": (1.0, 0.3),
    "umbrella": (0.8, 0.8), "guitar": (0.4, 0.8), "violin": (0.3, 0.5), "trumpet": (0.4, 0.25), "flag": (0.6, 1.3),
    "lantern": (0.3, 0.5), "tools": (0.5, 0.3), "scarf": (0.5, 0.2), "hat": (0.4, 0.3), "crown": (0.3, 0.25),
}
SMALL_BOX = (0.45, 0.35)


def box(kind: str, count: int = 1) -> tuple[float, float]:
    w, h = PROP_BOX.get(kind, SMALL_BOX)
    if count > 1 and kind in ("balloon", "flowers", "tree", "bush", "rock", "sunflowers", "gift", "lantern", "coral"):
        w *= 1.0 + 0.45 * (min(count, 5) - 1)
    return w, h


# ------------------------------------------------------------------------------------- in hand

GRIPPED = {
    "sword", "katana", "cutlass", "spear", "staff", "scepter", "broom", "pitchfork", "cane", "pointer", "fishing_rod",
    "torch", "paintbrush", "spatula", "hammer", "axe", "wand", "tennis", "microphone",
}


def draw_held(p: Pen, item: str, hand: Point, angle: float, color: Color) -> None:
    """`item` in a hand at `hand`, the forearm pointing at `angle` degrees (0 down, 90 forward)."""
    x, y = hand
    if item in ("sword", "katana", "cutlass"):
        tip = polar(hand, 0.42, angle)
        guard_a, guard_b = polar(hand, 0.05, angle + 90), polar(hand, 0.05, angle - 90)
        p.quad(hand, tip, 0.035 if item != "katana" else 0.025, 0.008, (220, 226, 236))
        p.line([guard_a, guard_b], GOLD if item == "sword" else BLACK, 0.02)
        p.line([hand, polar(hand, 0.06, angle + 180)], (90, 60, 40), 0.025)
    elif item in ("spear", "staff", "scepter", "broom", "pitchfork", "cane", "pointer", "fishing_rod", "torch", "flag",
                  "paintbrush", "spatula", "hammer", "axe", "wand", "umbrella", "tennis", "microphone", "lantern"):
        length = {"spear": 0.7, "staff": 0.75, "scepter": 0.32, "broom": 0.75, "pitchfork": 0.7, "cane": 0.4,
                  "pointer": 0.35, "fishing_rod": 0.8, "torch": 0.3, "flag": 0.6, "paintbrush": 0.18, "spatula": 0.22,
                  "hammer": 0.22, "axe": 0.4, "wand": 0.2, "umbrella": 0.55, "tennis": 0.3, "microphone": 0.1,
                  "lantern": 0.12}[item]
        # Long things are held upright whatever the arm does; short ones follow the forearm.
        direction = 180.0 if item in ("staff", "broom", "pitchfork", "flag", "umbrella", "torch", "spear") else angle
        if item == "cane":
            direction = 0.0
        back = polar(hand, length * (0.25 if direction == 180.0 else 0.0), direction + 180)
        tip = polar(hand, length, direction)
        shaft = {"wand": (60, 40, 30), "scepter": GOLD, "microphone": (60, 60, 66), "paintbrush": (200, 150, 60),
                 "spatula": (60, 60, 66), "tennis": (60, 60, 66)}.get(item, WOOD)
        p.line([back, tip], shaft, 0.022 if item not in ("wand", "paintbrush") else 0.014)
        if item == "spear":
            p.polygon([polar(tip, 0.02, direction + 90), polar(tip, 0.09, direction), polar(tip, 0.02, direction - 90)], STEEL)
        elif item == "staff":
            p.circle(*tip, 0.035, (120, 200, 250))
        elif item == "scepter":
            p.circle(*tip, 0.03, (200, 30, 60))
        elif item == "broom":
            b = polar(hand, length * 0.25, 0)
            p.polygon([polar(b, 0.04, 90), polar(b, 0.04, -90), polar(polar(b, 0.15, 0), 0.08, -90), polar(polar(b, 0.15, 0), 0.08, 90)], (200, 160, 80))
        elif item == "pitchfork":
            for d in (-0.03, 0.0, 0.03):
                base = (tip[0] + d, tip[1])
                p.line([base, (base[0], base[1] - 0.08)], STEEL, 0.01)
        elif item == "fishing_rod":
            p.line([tip, (tip[0] + 0.05, tip[1] + 0.5)], (220, 220, 220), 0.004, caps=False)
        elif item == "torch":
            p.ellipse(tip[0], tip[1] - 0.04, 0.035, 0.06, (255, 160, 40))
            p.ellipse(tip[0], tip[1] - 0.03, 0.018, 0.035, (255, 236, 140))
        elif item == "flag":
            p.polygon([tip, (tip[0] + 0.3, tip[1] + 0.06), (tip[0], tip[1] + 0.14)], color)
        elif item == "paintbrush":
            p.circle(*tip, 0.015, (220, 60, 60))
        elif item == "spatula":
            p.rounded(tip[0] - 0.025, tip[1] - 0.03, tip[0] + 0.025, tip[1] + 0.03, 0.01, (90, 90, 96))
        elif item == "hammer":
            p.rect(tip[0] - 0.04, tip[1] - 0.02, tip[0] + 0.04, tip[1] + 0.02, (80, 80, 86))
        elif item == "axe":
            p.polygon([tip, polar(tip, 0.1, direction + 70), polar(polar(tip, 0.1, direction + 70), 0.08, direction + 180)], STEEL)
        elif item == "wand":
            p.star(*tip, 0.03, (255, 240, 150))
        elif item == "umbrella":
            p.chord(tip[0], tip[1] + 0.2, 0.3, color)
        elif item == "tennis":
            p.ellipse(tip[0], tip[1], 0.05, 0.07, (230, 230, 230), outline=(60, 60, 66))
        elif item == "microphone":
            p.circle(*tip, 0.025, (50, 50, 56))
        elif item == "lantern":
            p.rounded(tip[0] - 0.03, tip[1], tip[0] + 0.03, tip[1] + 0.08, 0.01, (255, 210, 120))
    elif item == "guitar":
        body = (x - 0.02, y + 0.04)
        p.line([body, (x + 0.3, y - 0.12)], (90, 60, 40), 0.03)
        p.ellipse(body[0], body[1], 0.09, 0.07, (200, 120, 50))
        p.ellipse(body[0] - 0.06, body[1], 0.075, 0.06, (200, 120, 50))
        p.circle(body[0] + 0.01, body[1] - 0.005, 0.022, (60, 40, 30))
    elif item == "violin":
        p.ellipse(x + 0.04, y - 0.04, 0.06, 0.035, (170, 80, 30))
        p.line([(x - 0.04, y - 0.12), (x + 0.2, y + 0.02)], (60, 40, 30), 0.008)
    elif item == "trumpet":
        p.line([hand, polar(hand, 0.16, 100)], GOLD, 0.02)
        p.polygon([polar(hand, 0.16, 100), polar(polar(hand, 0.2, 100), 0.04, 10), polar(polar(hand, 0.2, 100), 0.04, 190)], GOLD)
    elif item in ("pan", "bow", "tools"):
        draw_small(p, item, *polar(hand, 0.05, angle), color)
    else:
        # Things carried: drawn centred on the hand at a third of their standing size.
        draw_small(p, item, x, y, color)


def draw_small(p: Pen, item: str, x: float, y: float, color: Color) -> None:
    """A carried thing centred at (x, y)."""
    if item in ("book", "clipboard"):
        p.rect(x - 0.06, y - 0.07, x + 0.06, y + 0.05, color if item == "book" else (160, 120, 70))
        p.rect(x - 0.05, y - 0.06, x + 0.05, y + 0.04, WHITE)
        if item == "book":
            p.line([(x, y - 0.06), (x, y + 0.04)], darker(color), 0.008)
    elif item == "phone":
        p.rounded(x - 0.025, y - 0.05, x + 0.025, y + 0.03, 0.008, BLACK)
        p.rect(x - 0.018, y - 0.04, x + 0.018, y + 0.02, (120, 190, 240))
    elif item == "camera":
        p.rounded(x - 0.06, y - 0.04, x + 0.06, y + 0.03, 0.01, BLACK)
        p.circle(x + 0.01, y - 0.005, 0.025, (90, 110, 140))
    elif item in ("coffee", "drink"):
        cup = WHITE if item == "coffee" else (200, 230, 250, 200)
        p.rect(x - 0.03, y - 0.06, x + 0.03, y + 0.02, cup)
        p.rect(x - 0.025, y - 0.055, x + 0.025, y - 0.04, (110, 70, 40) if item == "coffee" else (240, 150, 40))
    elif item in ("ice_cream",):
        p.polygon([(x - 0.03, y - 0.04), (x + 0.03, y - 0.04), (x, y + 0.06)], (220, 170, 100))
        p.circle(x, y - 0.06, 0.035, (250, 200, 220))
    elif item in ("soccer_ball", "basketball"):
        fill = WHITE if item == "soccer_ball" else (230, 120, 40)
        p.circle(x, y, 0.05, fill, outline=BLACK)
        if item == "soccer_ball":
            p.polygon([(x - 0.015, y - 0.015), (x + 0.015, y - 0.015), (x + 0.02, y + 0.012), (x, y + 0.025), (x - 0.02, y + 0.012)], BLACK)
    elif item == "gift":
        p.rect(x - 0.06, y - 0.06, x + 0.06, y + 0.05, color)
        p.line([(x, y - 0.06), (x, y + 0.05)], GOLD, 0.015)
        p.line([(x - 0.06, y), (x + 0.06, y)], GOLD, 0.015)
    elif item == "trophy":
        p.polygon([(x - 0.05, y - 0.08), (x + 0.05, y - 0.08), (x + 0.02, y), (x - 0.02, y)], GOLD)
        p.rect(x - 0.03, y, x + 0.03, y + 0.03, darker(GOLD))
    elif item == "flask":
        p.polygon([(x - 0.012, y - 0.07), (x + 0.012, y - 0.07), (x + 0.045, y + 0.03), (x - 0.045, y + 0.03)], (210, 240, 250, 200))
        p.polygon([(x - 0.03, y), (x + 0.03, y), (x + 0.045, y + 0.03), (x - 0.045, y + 0.03)], (120, 230, 100))
    elif item == "briefcase":
        p.rounded(x - 0.08, y, x + 0.08, y + 0.1, 0.01, (90, 60, 40))
    elif item == "tray":
        p.ellipse(x + 0.05, y - 0.02, 0.1, 0.015, (190, 190, 196))
        p.rect(x + 0.02, y - 0.08, x + 0.05, y - 0.02, (200, 230, 250, 200))
    elif item == "sack":
        p.ellipse(x - 0.05, y + 0.04, 0.1, 0.12, (150, 110, 70))
    elif item in ("skateboard", "skis", "surfboard"):
        if item == "surfboard":
            p.ellipse(x, y, 0.05, 0.3, color)
        elif item == "skis":
            p.line([(x - 0.02, y - 0.3), (x - 0.02, y + 0.2)], color, 0.02)
            p.line([(x + 0.02, y - 0.3), (x + 0.02, y + 0.2)], color, 0.02)
        else:
            p.rounded(x - 0.15, y - 0.015, x + 0.15, y + 0.015, 0.015, color)
    elif item in ("bread",):
        p.ellipse(x, y, 0.1, 0.035, (210, 160, 90))
        for k in (-0.05, 0.0, 0.05):
            p.line([(x + k - 0.015, y - 0.02), (x + k + 0.015, y + 0.01)], (240, 210, 150), 0.008)
    elif item in ("balloon",):
        p.line([(x, y), (x + 0.02, y - 0.3)], (90, 90, 90), 0.005)
        p.ellipse(x + 0.02, y - 0.4, 0.07, 0.09, color)
    elif item == "kite":
        # Flown on a long string, up and away from the hand.
        top = (x + 0.22, y - 0.62)
        p.line([(x, y), (top[0], top[1] + 0.14)], (90, 90, 90), 0.004)
        p.polygon([top, (top[0] + 0.07, top[1] + 0.08), (top[0], top[1] + 0.18), (top[0] - 0.07, top[1] + 0.08)],
                  color)
        p.line([top, (top[0], top[1] + 0.18)], darker(color), 0.008)
    elif item == "pan":
        p.ellipse(x, y, 0.09, 0.025, (50, 50, 56))
        p.line([(x + 0.09, y), (x + 0.2, y - 0.02)], (50, 50, 56), 0.02)
    elif item == "bow":
        p.arc(x - 0.12, y, 0.18, -70, 70, (130, 80, 40), 0.02)
        p.line([(x - 0.06, y - 0.17), (x - 0.06, y + 0.17)], (230, 230, 230), 0.005)
    elif item == "tools":
        p.line([(x - 0.08, y + 0.05), (x + 0.06, y - 0.08)], WOOD, 0.02)
        p.rect(x + 0.03, y - 0.11, x + 0.1, y - 0.06, (80, 80, 86))
    elif item == "backpack":
        p.rounded(x - 0.07, y - 0.09, x + 0.07, y + 0.08, 0.03, color)
        p.rect(x - 0.05, y, x + 0.05, y + 0.05, darker(color))
    elif item == "shield":
        p.polygon([(x - 0.08, y - 0.1), (x + 0.08, y - 0.1), (x + 0.08, y + 0.02), (x, y + 0.1), (x - 0.08, y + 0.02)], (160, 30, 40))
        p.line([(x, y - 0.08), (x, y + 0.07)], GOLD, 0.02)
    elif item == "lantern":
        p.rect(x - 0.04, y - 0.08, x + 0.04, y + 0.06, (60, 50, 40))
        p.rect(x - 0.03, y - 0.06, x + 0.03, y + 0.04, (255, 210, 120))
    elif item == "flag":
        p.line([(x, y + 0.1), (x, y - 0.35)], WOOD, 0.015)
        p.polygon([(x, y - 0.35), (x + 0.25, y - 0.28), (x, y - 0.2)], color)
    elif item == "crown":
        p.polygon([(x - 0.05, y), (x - 0.05, y - 0.05), (x - 0.02, y - 0.02), (x, y - 0.06), (x + 0.02, y - 0.02), (x + 0.05, y - 0.05), (x + 0.05, y)], GOLD)
    elif item in GRIPPED:
        # A long thing nobody holds leans where it was put down.
        draw_held(p, item, (x - 0.12, y + 0.05), 150, color)
    else:
        FOOD_SMALL[item](p, x, y, color)  # a KeyError here is a kind nobody drew: tests catch it


def _apple(p: Pen, x: float, y: float, color: Color) -> None:
    p.circle(x, y, 0.04, (210, 40, 40))
    p.line([(x, y - 0.04), (x + 0.01, y - 0.06)], (90, 60, 30), 0.008)


def _orange(p: Pen, x: float, y: float, color: Color) -> None:
    p.circle(x, y, 0.04, (245, 150, 30))


def _banana(p: Pen, x: float, y: float, color: Color) -> None:
    p.arc(x, y - 0.05, 0.07, 30, 150, (250, 220, 60), 0.03)


def _cupcake(p: Pen, x: float, y: float, color: Color) -> None:
    p.polygon([(x - 0.035, y), (x + 0.035, y), (x + 0.025, y + 0.04), (x - 0.025, y + 0.04)], (200, 150, 110))
    p.circle(x, y - 0.005, 0.038, (250, 190, 210))
    p.circle(x, y - 0.045, 0.01, (220, 30, 50))


def _burger(p: Pen, x: float, y: float, color: Color) -> None:
    p.chord(x, y, 0.05, (220, 160, 80))
    p.rect(x - 0.05, y, x + 0.05, y + 0.012, (90, 200, 80))
    p.rect(x - 0.05, y + 0.012, x + 0.05, y + 0.03, (120, 70, 40))
    p.rounded(x - 0.05, y + 0.03, x + 0.05, y + 0.045, 0.01, (220, 160, 80))


def _bamboo(p: Pen, x: float, y: float, color: Color) -> None:
    p.line([(x - 0.02, y + 0.08), (x + 0.02, y - 0.12)], (120, 180, 60), 0.02)
    p.polygon([(x + 0.01, y - 0.06), (x + 0.08, y - 0.1), (x + 0.02, y - 0.04)], (90, 160, 60))


def _flowers(p: Pen, x: float, y: float, color: Color) -> None:
    for dx, c in ((-0.03, (240, 80, 110)), (0.0, (250, 220, 60)), (0.03, (200, 90, 220))):
        p.line([(x, y + 0.06), (x + dx, y - 0.04)], (60, 140, 60), 0.008)
        p.circle(x + dx, y - 0.05, 0.022, c)


def _sunflower(p: Pen, x: float, y: float, color: Color) -> None:
    p.line([(x, y + 0.08), (x, y - 0.06)], (70, 140, 50), 0.012)
    for k in range(10):
        a = k * math.pi / 5
        p.ellipse(x + 0.035 * math.cos(a), y - 0.08 + 0.035 * math.sin(a), 0.018, 0.018, (250, 200, 30))
    p.circle(x, y - 0.08, 0.025, (110, 70, 30))


def _carrot(p: Pen, x: float, y: float, color: Color) -> None:
    p.polygon([(x - 0.015, y - 0.04), (x + 0.015, y - 0.04), (x, y + 0.06)], (240, 130, 30))
    p.line([(x, y - 0.04), (x, y - 0.07)], (80, 160, 60), 0.012)


def _chocolate(p: Pen, x: float, y: float, color: Color) -> None:
    p.rect(x - 0.04, y - 0.025, x + 0.04, y + 0.025, (100, 60, 40))


FOOD_SMALL: dict[str, Callable[[Pen, float, float, Color], None]] = {
    "apple": _apple, "orange": _orange, "banana": _banana, "cupcake": _cupcake, "burger": _burger, "bamboo": _bamboo,
    "flowers": _flowers, "sunflowers": _sunflower, "carrot": _carrot, "chocolate": _chocolate, "fruit": _orange,
    "strawberry": _apple, "nut": lambda p, x, y, c: p.circle(x, y, 0.025, (150, 100, 50)),
    "egg": lambda p, x, y, c: p.ellipse(x, y, 0.025, 0.035, (250, 246, 236)),
    "popcorn": lambda p, x, y, c: [p.rect(x - 0.035, y - 0.03, x + 0.035, y + 0.05, (220, 40, 40)), p.circle(x, y - 0.04, 0.035, (250, 240, 200))],
    "honey": lambda p, x, y, c: [p.rounded(x - 0.035, y - 0.04, x + 0.035, y + 0.04, 0.01, (240, 170, 30))],
    "cheese": lambda p, x, y, c: p.polygon([(x - 0.05, y + 0.03), (x + 0.05, y + 0.03), (x + 0.05, y - 0.02)], (250, 210, 60)),
    "scarf": lambda p, x, y, c: [p.line([(x - 0.06, y), (x + 0.06, y + 0.02)], c, 0.03), p.circle(x + 0.06, y - 0.02, 0.03, lighter(c))],
    "hat": lambda p, x, y, c: [p.ellipse(x, y, 0.07, 0.015, BLACK), p.rect(x - 0.04, y - 0.07, x + 0.04, y, BLACK)],
    "snowflake": lambda p, x, y, c: p.circle(x, y, 0.04, WHITE),
}


# ---------------------------------------------------------------------------------- standing

def draw_prop(p: Pen, kind: str, color: Color, phase: int, count: int = 1, text: str = "", variant: str = "") -> None:
    """A standing thing with its base at y = 0 (several side by side when `count` > 1)."""
    drawer = STANDING.get(kind)
    if drawer is None:
        if kind in FOOD_SMALL or kind in DISHES:
            drawer = _on_table
        else:
            drawer = _small_on_ground
    n = min(max(1, count), 5) if kind in ("balloon", "flowers", "tree", "bush", "rock", "sunflowers", "gift", "lantern", "coral") else 1
    w = PROP_BOX.get(kind, SMALL_BOX)[0]
    for k in range(n):
        dx = (k - (n - 1) / 2) * w * 0.45
        pen = Pen(p.d, p.x0 + dx * p.u, p.y0 - (0.1 * p.u if kind == "balloon" and k % 2 else 0), p.u, p.image)
        pen.texts = p.texts
        drawer(pen, kind, color, phase, text, variant)


def _small_on_ground(p: Pen, kind: str, color: Color, phase: int, text: str, variant: str) -> None:
    draw_small(p, kind, 0.0, -0.05, color)


def _on_table(p: Pen, kind: str, color: Color, phase: int, text: str, variant: str) -> None:
    """A dish (or a carried thing nobody carries) on a small table."""
    table(p, 0.0, 0.8)
    dish(p, kind, 0.0, -0.45, color, phase)


def draw_served(p: Pen, kind: str, color: Color, phase: int, context: str) -> None:
    """A dish on a stove (someone cooks it) or on a table (someone eats or uses it)."""
    if context == "stove":
        top = stove(p, 0.0, 0.75, fire=True, phase=phase)
        dish(p, kind, 0.0, top, color, phase)
        return
    table(p, 0.0, 0.9, cloth=(236, 236, 240) if kind not in ("laptop", "turntable") else None)
    dish(p, kind, 0.0, -0.45, color, phase)


def table(p: Pen, x: float, width: float, height: float = 0.42, cloth: Color | None = None) -> None:
    top = -height
    p.ellipse(x, -0.01, width * 0.5, 0.025, (0, 0, 0, 60))
    for dx in (-width * 0.4, width * 0.4):
        p.rect(x + dx - 0.02, top, x + dx + 0.02, 0, darker(WOOD, 0.8))
    p.rect(x - width / 2, top - 0.03, x + width / 2, top, cloth or WOOD)
    if cloth:
        p.polygon([(x - width / 2, top), (x + width / 2, top), (x + width / 2 + 0.02, top + 0.1), (x - width / 2 - 0.02, top + 0.1)], cloth)


def stove(p: Pen, x: float, width: float = 0.7, fire: bool = True, phase: int = 0) -> float:
    """A cooking counter with a burner; returns the height of its top."""
    top = -0.45
    p.rect(x - width / 2, top, x + width / 2, 0, (190, 190, 196))
    p.rect(x - width / 2 + 0.03, top + 0.08, x + width / 2 - 0.03, -0.03, (150, 150, 158))
    p.rect(x - width / 2 + 0.06, top + 0.12, x + width / 2 - 0.06, -0.08, (40, 40, 46))
    p.rect(x - width / 2 - 0.02, top - 0.025, x + width / 2 + 0.02, top, (90, 90, 96))
    if fire:
        for k in range(5):
            dx = -0.1 + k * 0.05
            h = 0.025 + 0.012 * ((k + phase) % 3)
            p.polygon([(x + dx - 0.015, top - 0.025), (x + dx + 0.015, top - 0.025), (x + dx, top - 0.025 - h)], (80, 140, 255))
    return top - 0.025


DISHES = {"paella", "pizza", "cake", "pancakes", "tortilla", "pasta", "soup", "salad", "sushi", "meat", "fish_dish",
          "watermelon", "laptop", "turntable"}


def dish(p: Pen, kind: str, x: float, y: float, color: Color, phase: int = 0) -> None:
    """A dish sitting on a surface at height y."""
    if kind == "paella":
        # A wide shallow pan of saffron rice, prawns, peas and lemon.
        p.ellipse(x, y - 0.02, 0.26, 0.05, (60, 60, 64))
        p.line([(x - 0.26, y - 0.02), (x - 0.34, y - 0.04)], (50, 50, 54), 0.02)
        p.line([(x + 0.26, y - 0.02), (x + 0.34, y - 0.04)], (50, 50, 54), 0.02)
        p.ellipse(x, y - 0.035, 0.23, 0.038, (240, 180, 40))
        for k, (dx, dy) in enumerate(((-0.15, -0.035), (-0.07, -0.045), (0.02, -0.03), (0.1, -0.045), (0.16, -0.032), (-0.02, -0.05))):
            p.ellipse(x + dx, y + dy, 0.022, 0.01, (235, 90, 60) if k % 2 == 0 else (90, 170, 60))
        p.circle(x + 0.12, y - 0.04, 0.018, (250, 240, 120))
    elif kind == "pizza":
        p.ellipse(x, y - 0.02, 0.2, 0.045, (220, 170, 90))
        p.ellipse(x, y - 0.025, 0.18, 0.038, (220, 70, 40))
        for dx, dy in ((-0.1, -0.03), (0.0, -0.04), (0.08, -0.025), (-0.04, -0.018)):
            p.circle(x + dx, y + dy, 0.014, (160, 30, 40))
        for dx, dy in ((-0.06, -0.04), (0.05, -0.035)):
            p.ellipse(x + dx, y + dy, 0.025, 0.01, (250, 240, 200))
    elif kind == "cake":
        p.rect(x - 0.14, y - 0.16, x + 0.14, y, (250, 210, 220))
        p.rect(x - 0.14, y - 0.08, x + 0.14, y - 0.06, (200, 90, 120))
        p.ellipse(x, y - 0.16, 0.14, 0.025, (255, 240, 245))
        for k in range(5):
            cx = x - 0.1 + k * 0.05
            p.rect(cx - 0.006, y - 0.22, cx + 0.006, y - 0.165, (120, 180, 240))
            flicker = 0.012 + 0.004 * ((k + phase) % 2)
            p.ellipse(cx, y - 0.235, 0.008, flicker, (255, 200, 60))
    elif kind == "pancakes":
        for k in range(4):
            p.ellipse(x, y - 0.02 - k * 0.022, 0.11, 0.025, (220, 160, 80))
        p.ellipse(x, y - 0.1, 0.05, 0.015, (250, 240, 180))
        p.ellipse(x, y - 0.01, 0.15, 0.02, WHITE)
    elif kind in ("tortilla",):
        p.ellipse(x, y - 0.01, 0.15, 0.02, WHITE)
        p.ellipse(x, y - 0.035, 0.11, 0.03, (240, 200, 90))
        p.ellipse(x - 0.02, y - 0.045, 0.05, 0.012, (250, 220, 120))
    elif kind in ("pasta", "soup", "salad"):
        p.ellipse(x, y - 0.02, 0.13, 0.035, WHITE)
        fill = {"pasta": (240, 210, 120), "soup": (220, 120, 50), "salad": (90, 180, 70)}[kind]
        p.ellipse(x, y - 0.035, 0.1, 0.022, fill)
        if kind == "pasta":
            p.circle(x, y - 0.05, 0.025, (200, 50, 40))
    elif kind == "sushi":
        p.rect(x - 0.15, y - 0.02, x + 0.15, y, (60, 40, 30))
        for k in range(4):
            cx = x - 0.1 + k * 0.066
            p.ellipse(cx, y - 0.035, 0.025, 0.018, WHITE)
            p.ellipse(cx, y - 0.048, 0.026, 0.01, (240, 110, 80))
    elif kind == "meat":
        p.ellipse(x, y - 0.01, 0.15, 0.02, WHITE)
        p.ellipse(x, y - 0.03, 0.09, 0.03, (130, 60, 40))
    elif kind == "fish_dish":
        p.ellipse(x, y - 0.01, 0.15, 0.02, WHITE)
        p.ellipse(x, y - 0.03, 0.09, 0.025, (200, 160, 120))
        p.polygon([(x + 0.08, y - 0.03), (x + 0.13, y - 0.05), (x + 0.13, y - 0.01)], (200, 160, 120))
    elif kind == "watermelon":
        p.chord(x, y, 0.1, (60, 150, 60), 180, 360)
        p.chord(x, y, 0.085, (240, 80, 90), 180, 360)
    elif kind == "laptop":
        p.polygon([(x - 0.12, y), (x + 0.12, y), (x + 0.1, y - 0.015), (x - 0.1, y - 0.015)], (170, 170, 176))
        p.polygon([(x - 0.1, y - 0.015), (x - 0.08, y - 0.17), (x + 0.1, y - 0.17), (x + 0.08, y - 0.015)], (60, 60, 66))
        p.polygon([(x - 0.085, y - 0.03), (x - 0.068, y - 0.155), (x + 0.09, y - 0.155), (x + 0.072, y - 0.03)], (110, 180, 240))
    elif kind == "turntable":
        p.rect(x - 0.2, y - 0.06, x + 0.2, y, (40, 40, 46))
        for dx in (-0.1, 0.1):
            p.ellipse(x + dx, y - 0.065, 0.07, 0.015, (20, 20, 24))
            p.ellipse(x + dx, y - 0.065, 0.02, 0.006, (200, 40, 60))
    else:
        draw_small(p, kind, x, y - 0.05, color)


def _piano(p: Pen, kind: str, color: Color, phase: int, text: str, variant: str) -> None:
    p.rect(-0.42, -0.72, 0.42, -0.25, (30, 26, 30))
    p.rect(-0.42, -0.3, 0.42, -0.22, (40, 36, 40))
    for k in range(14):
        x = -0.4 + k * 0.057
        p.rect(x, -0.3, x + 0.05, -0.24, WHITE)
    for k in range(13):
        if k % 7 in (2, 6):
            continue
        x = -0.37 + k * 0.057
        p.rect(x, -0.3, x + 0.028, -0.265, BLACK)
    for dx in (-0.38, 0.38):
        p.rect(dx - 0.025, -0.22, dx + 0.025, 0, (30, 26, 30))


def _drum(p: Pen, kind: str, color: Color, phase: int, text: str, variant: str) -> None:
    p.ellipse(0, -0.25, 0.2, 0.06, (220, 220, 226))
    p.rect(-0.2, -0.25, 0.2, -0.04, (200, 40, 50))
    p.ellipse(0, -0.04, 0.2, 0.05, (170, 30, 40))
    p.ellipse(0, -0.25, 0.19, 0.05, WHITE)
    p.line([(-0.28, -0.45), (-0.28, 0)], (120, 120, 126), 0.012)
    p.ellipse(-0.28, -0.45 - 0.01 * (phase % 2), 0.12, 0.02, GOLD)


def _furniture(p: Pen, kind: str, color: Color, phase: int, text: str, variant: str) -> None:
    if kind == "table":
        table(p, 0.0, 0.8, cloth=(236, 80, 80) if variant == "picnic" else None)
    elif kind == "chair":
        seat = color
        p.rect(-0.2, -0.3, 0.22, -0.24, seat)
        p.rect(-0.2, -0.62, -0.15, -0.24, seat)
        for dx in (-0.18, 0.2):
            p.rect(dx - 0.015, -0.24, dx + 0.015, 0, darker(seat))
    elif kind == "sofa":
        p.rounded(-0.5, -0.55, 0.5, -0.2, 0.06, darker(color, 0.85))
        p.rounded(-0.46, -0.32, 0.46, -0.16, 0.05, color)
        for dx in (-0.5, 0.42):
            p.rounded(dx, -0.4, dx + 0.08, -0.1, 0.03, darker(color, 0.8))
        for dx in (-0.42, 0.4):
            p.rect(dx, -0.1, dx + 0.03, 0, (60, 44, 30))
    elif kind == "bench":
        for y in (-0.3, -0.52):
            p.rect(-0.45, y, 0.45, y + 0.05, WOOD)
        p.rect(-0.45, -0.4, 0.45, -0.36, WOOD)
        for dx in (-0.38, 0.38):
            p.rect(dx - 0.02, -0.3, dx + 0.02, 0, (50, 50, 56))
    elif kind == "bed":
        p.rect(-0.55, -0.3, 0.55, -0.1, WOOD)
        p.rect(-0.55, -0.34, 0.55, -0.24, WHITE)
        p.rect(-0.1, -0.34, 0.55, -0.22, color)
        p.rounded(-0.5, -0.42, -0.28, -0.32, 0.03, WHITE)
        p.rect(-0.58, -0.6, -0.52, 0, darker(WOOD))
        for dx in (-0.5, 0.5):
            p.rect(dx - 0.02, -0.1, dx + 0.02, 0, darker(WOOD))
    elif kind == "wheelchair":
        p.circle_outline(-0.05, -0.2, 0.2, (60, 60, 66), 0.025)
        p.circle(0.22, -0.05, 0.05, (60, 60, 66))
        p.rect(-0.15, -0.32, 0.2, -0.27, (40, 90, 160))
        p.rect(-0.17, -0.6, -0.12, -0.27, (40, 90, 160))
        p.line([(-0.15, -0.6), (-0.25, -0.6)], (60, 60, 66), 0.02)
    elif kind == "coffin":
        p.polygon([(-0.45, -0.12), (-0.3, -0.32), (0.45, -0.28), (0.45, -0.1), (0.3, 0), (-0.3, 0)], (90, 56, 40))
        p.line([(0.05, -0.25), (0.05, -0.07)], GOLD, 0.015)
        p.line([(-0.02, -0.19), (0.12, -0.19)], GOLD, 0.015)


def _nature(p: Pen, kind: str, color: Color, phase: int, text: str, variant: str) -> None:
    if kind == "tree":
        p.rect(-0.06, -0.75, 0.06, 0, (110, 76, 46))
        green = (70, 140, 60)
        for dx, dy, r in ((-0.25, -0.95, 0.3), (0.25, -0.95, 0.3), (0.0, -1.3, 0.38), (0.0, -0.95, 0.32)):
            p.circle(dx, dy, r, darker(green, 0.85 + 0.15 * (dx == 0)))
        p.circle(-0.1, -1.35, 0.15, (100, 170, 80))
    elif kind == "bush":
        for dx, r in ((-0.15, 0.18), (0.15, 0.18), (0.0, 0.24)):
            p.circle(dx, -0.2, r, (70, 140, 60) if dx else (90, 160, 70))
    elif kind == "grass":
        for k in range(14):
            x = -0.48 + k * 0.07
            h = 0.2 + 0.12 * ((k * 7) % 3)
            lean = 0.03 * ((k % 3) - 1) + 0.02 * (phase % 2)
            p.polygon([(x - 0.02, 0), (x + 0.02, 0), (x + lean, -h)], (120, 170, 70) if k % 2 else (90, 150, 60))
    elif kind == "rock":
        p.polygon([(-0.38, 0), (-0.3, -0.28), (-0.05, -0.42), (0.25, -0.35), (0.38, 0)], (130, 126, 122))
        p.polygon([(-0.3, -0.28), (-0.05, -0.42), (0.0, -0.25)], (160, 156, 150))
    elif kind == "flowers":
        for k in range(5):
            x = -0.4 + k * 0.2
            c = ((240, 80, 110), (250, 220, 60), (200, 90, 220), (250, 250, 250), (240, 130, 40))[(k + phase * 0) % 5]
            p.line([(x, 0), (x + 0.02, -0.25)], (60, 140, 60), 0.015)
            for a in range(5):
                ang = a * 2 * math.pi / 5
                p.circle(x + 0.02 + 0.03 * math.cos(ang), -0.27 + 0.03 * math.sin(ang), 0.025, c)
            p.circle(x + 0.02, -0.27, 0.018, (250, 220, 80))
    elif kind == "sunflowers":
        for k, (x, h) in enumerate(((-0.3, 0.75), (0.0, 0.85), (0.3, 0.7))):
            p.line([(x, 0), (x, -h)], (70, 140, 50), 0.03)
            p.ellipse(x + 0.06, -h * 0.5, 0.07, 0.03, (80, 150, 60))
            for a in range(14):
                ang = a * 2 * math.pi / 14
                p.ellipse(x + 0.09 * math.cos(ang), -h + 0.09 * math.sin(ang), 0.035, 0.035, (250, 200, 30))
            p.circle(x, -h, 0.065, (110, 70, 30))
    elif kind == "lavender":
        for k in range(9):
            x = -0.45 + k * 0.11
            p.line([(x, 0), (x + 0.01, -0.35)], (90, 130, 80), 0.012)
            for j in range(5):
                p.ellipse(x + 0.01, -0.2 - j * 0.04, 0.018, 0.022, (150, 110, 210))
    elif kind == "coral":
        for k, dx in enumerate((-0.3, 0.0, 0.3)):
            branch = (240, 110, 120) if k == 0 else (250, 170, 70) if k == 1 else (170, 110, 220)
            p.line([(dx, 0), (dx, -0.35)], branch, 0.05)
            p.line([(dx, -0.2), (dx - 0.1, -0.4)], branch, 0.04)
            p.line([(dx, -0.25), (dx + 0.1, -0.45)], branch, 0.04)
    elif kind == "christmas_tree":
        p.rect(-0.05, -0.15, 0.05, 0, (110, 76, 46))
        for k in range(3):
            y0 = -0.15 - k * 0.38
            half = 0.38 - k * 0.1
            p.polygon([(-half, y0), (half, y0), (0, y0 - 0.55)], (40, 120, 60))
        for dx, dy, c in ((-0.2, -0.3, (220, 40, 40)), (0.15, -0.5, (240, 200, 40)), (-0.05, -0.8, (60, 120, 230)), (0.12, -0.25, (240, 200, 40))):
            p.circle(dx, dy, 0.035, c)
        p.star(0, -1.3, 0.08, GOLD)


def _structure(p: Pen, kind: str, color: Color, phase: int, text: str, variant: str) -> None:
    if kind == "house":
        wall = (236, 220, 190)
        p.rect(-0.55, -0.8, 0.55, 0, wall)
        p.polygon([(-0.65, -0.8), (0.65, -0.8), (0, -1.35)], (170, 60, 50))
        p.rect(-0.1, -0.4, 0.1, 0, (120, 80, 50))
        for dx in (-0.35, 0.35):
            p.rect(dx - 0.1, -0.62, dx + 0.1, -0.42, (150, 200, 240))
    elif kind == "tower":
        stone = (170, 166, 158)
        p.rect(-0.28, -1.8, 0.28, 0, stone)
        for k in range(4):
            p.rect(-0.3 + k * 0.16, -1.95, -0.2 + k * 0.16, -1.8, stone)
        p.rect(-0.06, -1.45, 0.06, -1.25, (40, 36, 44))
        p.rounded(-0.12, -0.35, 0.12, 0, 0.1, (90, 60, 40))
    elif kind == "fountain":
        stone = (200, 196, 188)
        p.ellipse(0, -0.1, 0.45, 0.1, stone)
        p.rect(-0.45, -0.25, 0.45, -0.1, stone)
        p.ellipse(0, -0.25, 0.45, 0.08, (110, 170, 220))
        p.rect(-0.05, -0.6, 0.05, -0.25, stone)
        p.ellipse(0, -0.6, 0.18, 0.04, stone)
        spray = 0.02 * (phase % 3)
        for dx in (-0.12, 0.0, 0.12):
            p.arc(dx * 0.5, -0.62 - spray, 0.12, 200, 340, (180, 220, 250), 0.015)
    elif kind == "statue":
        stone = (190, 190, 186)
        p.rect(-0.25, -0.35, 0.25, 0, (160, 156, 150))
        p.ellipse(0, -0.75, 0.12, 0.3, stone)
        p.circle(0, -1.15, 0.1, stone)
        p.line([(0.08, -0.9), (0.25, -1.25)], stone, 0.06)
    elif kind == "bridge":
        p.arc(0, 0.5, 1.05, 200, 340, (140, 110, 80), 0.07)
        p.rect(-1.1, -0.5, 1.1, -0.42, (140, 110, 80))
        for k in range(11):
            x = -1.0 + k * 0.2
            p.line([(x, -0.5), (x, -0.7)], (120, 90, 60), 0.02)
        p.line([(-1.1, -0.7), (1.1, -0.7)], (120, 90, 60), 0.025)
    elif kind == "fence":
        for k in range(9):
            x = -0.78 + k * 0.195
            p.polygon([(x - 0.04, 0), (x + 0.04, 0), (x + 0.04, -0.35), (x, -0.42), (x - 0.04, -0.35)], (240, 236, 226))
        for y in (-0.12, -0.3):
            p.rect(-0.8, y, 0.8, y + 0.04, (230, 226, 216))
    elif kind == "goal":
        p.rect(-0.78, -0.75, 0.78, -0.7, WHITE)
        for dx in (-0.78, 0.73):
            p.rect(dx, -0.75, dx + 0.05, 0, WHITE)
        for k in range(10):
            p.line([(-0.7 + k * 0.15, -0.7), (-0.7 + k * 0.15, 0)], (220, 220, 220, 160), 0.006, caps=False)
        for k in range(5):
            p.line([(-0.75, -0.65 + k * 0.14), (0.75, -0.65 + k * 0.14)], (220, 220, 220, 160), 0.006, caps=False)
    elif kind == "tent":
        p.polygon([(-0.55, 0), (0.55, 0), (0, -0.75)], color)
        p.polygon([(-0.12, 0), (0.12, 0), (0, -0.5)], darker(color, 0.5))
    elif kind == "campfire":
        for dx in (-0.15, 0.0, 0.15):
            p.line([(dx - 0.12, -0.02), (dx + 0.12, -0.06)], (110, 70, 40), 0.04)
        flick = [0.0, 0.04, -0.03][phase % 3]
        p.polygon([(-0.16, -0.05), (0.16, -0.05), (0.05 + flick, -0.45), (-0.02, -0.28), (-0.08 + flick, -0.4)], (250, 120, 30))
        p.polygon([(-0.08, -0.05), (0.08, -0.05), (0.02 - flick, -0.3), (-0.04, -0.2)], (255, 220, 80))
    elif kind == "snowman":
        for y, r in ((-0.18, 0.18), (-0.48, 0.14), (-0.72, 0.1)):
            p.circle(0, y, r, (248, 250, 255))
        p.polygon([(0.08, -0.72), (0.2, -0.7), (0.08, -0.69)], (250, 140, 30))
        for dy in (-0.45, -0.52):
            p.circle(0.0, dy, 0.014, BLACK)
        p.circle(0.04, -0.75, 0.012, BLACK)
        p.rect(-0.1, -0.86, 0.1, -0.8, BLACK)
        p.rect(-0.07, -0.98, 0.07, -0.86, BLACK)
        wave = [(0.25, -0.75), (0.28, -0.65), (0.26, -0.55)][phase % 3]
        p.line([(0.12, -0.5), wave], (110, 76, 46), 0.015)
        p.line([(-0.12, -0.5), (-0.28, -0.58)], (110, 76, 46), 0.015)
        p.line([(-0.1, -0.6), (0.1, -0.62)], (200, 40, 40), 0.03)
    elif kind == "sandcastle":
        sand = (226, 196, 140)
        p.rect(-0.3, -0.22, 0.3, 0, sand)
        for dx in (-0.25, 0.25):
            p.rect(dx - 0.07, -0.38, dx + 0.07, 0, sand)
        p.rect(-0.09, -0.45, 0.09, -0.22, sand)
        p.polygon([(0, -0.45), (0, -0.6), (0.1, -0.55)], (220, 60, 60))
    elif kind == "chest":
        p.rect(-0.28, -0.25, 0.28, 0, (130, 80, 40))
        p.chord(0, -0.25, 0.28, (150, 95, 50))
        p.rect(-0.28, -0.27, 0.28, -0.23, GOLD)
        p.rect(-0.04, -0.3, 0.04, -0.18, GOLD)
        for dx in (-0.2, 0.0, 0.18):
            p.circle(dx, -0.33, 0.035, GOLD)
    elif kind == "clock":
        p.rect(-0.2, -1.15, 0.2, 0, (110, 70, 40))
        p.circle(0, -0.9, 0.15, WHITE)
        p.line([(0, -0.9), (0, -1.0)], BLACK, 0.015)
        p.line([(0, -0.9), polar((0, -0.9), 0.1, 180 + 30 * phase)], BLACK, 0.01)
    elif kind == "mirror":
        p.rect(-0.22, -0.85, 0.22, -0.05, GOLD)
        p.rect(-0.18, -0.81, 0.18, -0.09, (190, 220, 240))
    elif kind == "telescope":
        for dx in (-0.12, 0.0, 0.12):
            p.line([(0, -0.45), (dx, 0)], (60, 60, 66), 0.015)
        p.quad((-0.1, -0.4), (0.2, -0.75), 0.07, 0.1, (200, 200, 210))
    elif kind == "blackboard":
        p.rect(-0.62, -0.88, 0.62, -0.3, (110, 80, 50))
        p.rect(-0.58, -0.84, 0.58, -0.34, (40, 80, 60))
        if text:
            p.text(0, -0.6, text[:24], 0.09, (240, 240, 230))
        else:
            for k in range(3):
                p.line([(-0.45, -0.75 + k * 0.12), (0.2 - k * 0.15, -0.75 + k * 0.12)], (230, 230, 220), 0.01)
        for dx in (-0.45, 0.45):
            p.rect(dx - 0.02, -0.3, dx + 0.02, 0, (110, 80, 50))
    elif kind == "sign":
        p.rect(-0.03, -0.55, 0.03, 0, (90, 70, 50))
        p.rect(-0.38, -0.95, 0.38, -0.55, (250, 246, 236))
        p.rect(-0.38, -0.95, 0.38, -0.55, None, outline=(120, 90, 60))
        if text:
            size = min(0.2, 1.3 / max(4, len(text)))
            p.text(0, -0.75, text[:18], size, (200, 40, 40))
        else:  # a sign whose words the prompt does not give: a bright panel, like a shop's
            p.rect(-0.32, -0.9, 0.32, -0.6, color)
            p.rect(-0.26, -0.84, 0.26, -0.66, lighter(color, 0.55))
    elif kind == "stove":
        stove(p, 0.0, 0.7, fire=True, phase=phase)
        p.rect(-0.3, -0.95, 0.3, -0.6, (200, 200, 206))
    elif kind in ("piano",):
        _piano(p, kind, color, phase, text, variant)


def _sky_things(p: Pen, kind: str, color: Color, phase: int, text: str, variant: str) -> None:
    if kind == "rainbow":
        for k, c in enumerate(((230, 60, 60), (245, 150, 40), (250, 230, 60), (80, 190, 80), (60, 120, 220), (140, 80, 200))):
            p.arc(0, 0, 1.15 - k * 0.06, 180, 360, c + (200,), 0.06)
    elif kind == "fireworks":
        for k, (cx, cy, c) in enumerate(((-0.3, -0.8, (250, 80, 120)), (0.3, -0.6, (90, 200, 250)), (0.0, -1.0, (250, 220, 80)))):
            grow = 0.2 + 0.12 * ((phase + k) % 3)
            for a in range(12):
                ang = a * math.pi / 6
                p.line([(cx + 0.05 * math.cos(ang), cy + 0.05 * math.sin(ang)), (cx + grow * math.cos(ang), cy + grow * math.sin(ang))], c, 0.015)
    elif kind == "moon_prop":
        p.circle(0, -0.35, 0.3, (246, 244, 226))
        for dx, dy, r in ((-0.1, -0.4, 0.05), (0.08, -0.25, 0.04), (0.1, -0.45, 0.03)):
            p.circle(dx, dy, r, (220, 218, 200))
    elif kind == "planet_prop":
        p.circle(0, -0.5, 0.32, (220, 160, 90))
        p.ellipse(0, -0.5, 0.5, 0.08, None, outline=(240, 220, 170))
        p.line([(-0.3, -0.55), (0.3, -0.5)], (200, 130, 70), 0.03)
    elif kind == "star_prop":
        p.quad((-0.55, -0.45), (0.35, -0.15), 0.01, 0.08, (255, 240, 200, 160))
        p.star(0.4, -0.13, 0.08, (255, 250, 220))
    elif kind == "lightning_bolt":
        p.polygon([(0.05, -1.15), (-0.12, -0.5), (0.02, -0.52), (-0.08, 0), (0.15, -0.65), (0.0, -0.62), (0.15, -1.15)], (255, 240, 120))
    elif kind == "explosion":
        grow = 0.8 + 0.2 * (phase % 3)
        for k in range(14):
            ang = k * math.pi / 7
            r = (0.45 if k % 2 else 0.25) * grow
            p.circle(r * math.cos(ang) * 0.8, -0.45 + r * math.sin(ang) * 0.8, 0.12 * grow, (250, 150, 40) if k % 2 else (250, 220, 80))
        p.circle(0, -0.45, 0.2 * grow, (255, 250, 200))
    elif kind == "wave":
        blue = (40, 130, 190)
        curl = 0.05 * (phase % 3)
        p.polygon([(-1.1, 0), (1.1, 0), (0.6, -0.9), (0.2, -1.25 - curl), (-0.25, -1.1), (-0.6, -0.5)], blue)
        p.polygon([(0.2, -1.25 - curl), (0.55, -1.15), (0.45, -0.95), (0.25, -1.05)], (230, 245, 250))
        p.arc(0.1, -0.6, 0.5, 200, 330, (90, 180, 220), 0.04)
    elif kind == "bubbles":
        for k in range(6):
            y = -0.1 - ((k * 0.17 + phase * 0.05) % 0.9)
            p.circle_outline(0.15 * math.sin(k * 2.1), y, 0.03 + 0.01 * (k % 3), (220, 240, 255), 0.008)
    elif kind == "balloon":
        p.line([(0, 0), (0.02, -0.6)], (90, 90, 90), 0.006)
        p.ellipse(0.02, -0.8, 0.16, 0.2, color)
        p.ellipse(-0.03, -0.88, 0.04, 0.06, (255, 255, 255, 120))
        p.polygon([(0.0, -0.6), (0.04, -0.6), (0.02, -0.63)], color)
    elif kind == "kite":
        p.polygon([(0, -1.0), (0.25, -0.7), (0, -0.3), (-0.25, -0.7)], color)
        p.line([(0, -1.0), (0, -0.3)], darker(color), 0.015)
        p.line([(-0.25, -0.7), (0.25, -0.7)], darker(color), 0.015)
        for k in range(4):
            p.line([(0.04 * math.sin(k + phase), -0.3 + 0.07 * k), (0.04 * math.sin(k + 1 + phase), -0.23 + 0.07 * k)], (240, 240, 240), 0.015)


def _instrument_prop(p: Pen, kind: str, color: Color, phase: int, text: str, variant: str) -> None:
    if kind == "guitar":
        draw_held(p, "guitar", (0.0, -0.3), 45, color)
    elif kind == "violin":
        p.ellipse(0, -0.2, 0.08, 0.14, (170, 80, 30))
        p.line([(0, -0.32), (0, -0.5)], (60, 40, 30), 0.02)
    elif kind == "trumpet":
        draw_held(p, "trumpet", (-0.1, -0.1), 90, color)
    elif kind == "turntable":
        table(p, 0.0, 0.8, 0.45, cloth=(30, 30, 36))
        dish(p, "turntable", 0.0, -0.45, color, phase)
    elif kind == "robot_toy":
        p.rect(-0.08, -0.3, 0.08, -0.1, (170, 180, 195))
        p.rect(-0.06, -0.4, 0.06, -0.3, (190, 198, 210))
        p.circle(-0.025, -0.35, 0.012, (80, 230, 255))
        p.circle(0.025, -0.35, 0.012, (80, 230, 255))
        for dx in (-0.05, 0.05):
            p.rect(dx - 0.015, -0.1, dx + 0.015, 0, (150, 160, 176))
    elif kind == "umbrella":
        draw_held(p, "umbrella", (0.0, -0.1), 180, color)


STANDING: dict[str, Callable[[Pen, str, Color, int, str, str], None]] = {
    "piano": _piano, "drum": _drum,
    **dict.fromkeys(("table", "chair", "sofa", "bench", "bed", "wheelchair", "coffin"), _furniture),
    **dict.fromkeys(("tree", "bush", "grass", "rock", "flowers", "sunflowers", "lavender", "coral", "christmas_tree"), _nature),
    **dict.fromkeys(("house", "tower", "fountain", "statue", "bridge", "fence", "goal", "tent", "campfire", "snowman",
                     "sandcastle", "chest", "clock", "mirror", "telescope", "blackboard", "sign", "stove"), _structure),
    **dict.fromkeys(("rainbow", "fireworks", "moon_prop", "planet_prop", "star_prop", "lightning_bolt", "explosion",
                     "wave", "bubbles", "balloon", "kite"), _sky_things),
    **dict.fromkeys(("guitar", "violin", "trumpet", "turntable", "robot_toy", "umbrella"), _instrument_prop),
}
ANIMATED = {"campfire", "fireworks", "explosion", "fountain", "wave", "bubbles", "kite", "snowman", "cake", "grass", "drum", "stove"}


# Things draw_small draws itself (the rest of its kinds are in FOOD_SMALL or GRIPPED).
CARRIED = {
    "book", "clipboard", "phone", "camera", "coffee", "drink", "ice_cream", "soccer_ball", "basketball", "gift",
    "trophy", "flask", "briefcase", "tray", "sack", "skateboard", "skis", "surfboard", "bread", "balloon", "crown",
    "shield", "bow", "lantern", "flag", "tools", "pan", "backpack",
}


def drawable_things() -> set[str]:
    """Every thing kind this module draws, standing or carried."""
    return set(STANDING) | set(DISHES) | set(FOOD_SMALL) | CARRIED | GRIPPED

