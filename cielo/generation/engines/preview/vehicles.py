"""Vehicles, side on and facing right: cars and their kin, bikes, trains, boats, aircraft, spacecraft.

Each drawing fills about one unit of height (its `VEHICLE_SIZE` says how tall that is next to a
person) and `VEHICLE_WIDTH` units of width. Car windows are left transparent, so a driver drawn
behind the car shows through them. `phase` turns wheels, rotors and flames.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from cielo.generation.engines.preview.pen import Pen, darker, lighter

Color = tuple[int, int, int]
WHITE, BLACK, GLASS = (246, 246, 248), (28, 28, 32), (0, 0, 0, 0)
TYRE, HUB = (30, 30, 34), (176, 176, 184)

VEHICLE_SIZE = {
    "car": 0.72, "van": 0.85, "bus": 1.15, "truck": 1.1, "tractor": 1.0, "bicycle": 0.55, "motorcycle": 0.6,
    "skateboard": 0.12, "train": 1.3, "boat": 0.6, "sailboat": 1.6, "ship": 2.2, "canoe": 0.3, "submarine": 0.8,
    "plane": 1.0, "helicopter": 0.9, "hot_air_balloon": 2.2, "rocket": 2.0, "spaceship": 0.9, "ufo": 0.7,
    "sled": 0.45, "carriage": 1.2,
}
VEHICLE_WIDTH = {
    "car": 2.6, "van": 2.4, "bus": 3.2, "truck": 2.8, "tractor": 1.6, "bicycle": 1.8, "motorcycle": 2.0,
    "skateboard": 6.0, "train": 5.0, "boat": 2.6, "sailboat": 1.2, "ship": 2.0, "canoe": 6.0, "submarine": 3.0,
    "plane": 3.2, "helicopter": 2.6, "hot_air_balloon": 0.75, "rocket": 0.6, "spaceship": 3.0, "ufo": 2.4,
    "sled": 2.4, "carriage": 2.2,
}


def _wheel(p: Pen, x: float, y: float, r: float, phase: int) -> None:
    p.circle(x, y, r, TYRE)
    p.circle(x, y, r * 0.55, HUB)
    a = phase * math.pi / 4
    p.line([(x + r * 0.45 * math.cos(a), y + r * 0.45 * math.sin(a)), (x - r * 0.45 * math.cos(a), y - r * 0.45 * math.sin(a))], darker(HUB), r * 0.2)


def _car(p: Pen, color: Color, phase: int, variant: str) -> None:
    w = 1.25
    p.ellipse(0, -0.02, w, 0.05, (0, 0, 0, 80))
    if variant == "race":
        p.polygon([(-w, -0.2), (-w, -0.42), (-0.4, -0.45), (-0.15, -0.7), (0.35, -0.7), (0.6, -0.45), (w, -0.35), (w, -0.15)], color)
        p.polygon([(-0.1, -0.66), (0.3, -0.66), (0.5, -0.47), (-0.25, -0.47)], GLASS)
        p.rect(-w - 0.05, -0.6, -w + 0.15, -0.55, BLACK)
        p.line([(-w + 0.05, -0.55), (-w + 0.05, -0.42)], BLACK, 0.03)
        p.circle(-0.55, -0.35, 0.09, WHITE)
        p.text(-0.55, -0.35, "7", 0.12, BLACK)
    else:
        p.rounded(-w, -0.52, w, -0.15, 0.12, color)
        p.polygon([(-0.7, -0.5), (-0.45, -0.92), (0.45, -0.92), (0.78, -0.5)], color)
        p.polygon([(-0.6, -0.53), (-0.4, -0.86), (-0.03, -0.86), (-0.03, -0.53)], GLASS)
        p.polygon([(0.03, -0.53), (0.03, -0.86), (0.4, -0.86), (0.66, -0.53)], GLASS)
        p.line([(-0.03, -0.88), (-0.03, -0.2)], darker(color), 0.015)
        p.rect(-0.05, -0.42, 0.1, -0.39, darker(color, 0.6))
    p.circle(w - 0.04, -0.38, 0.05, (255, 240, 170))
    p.rect(-w, -0.36, -w + 0.05, -0.28, (220, 40, 40))
    if variant == "taxi":
        p.rect(-0.15, -1.02, 0.15, -0.92, (250, 250, 200))
        p.text(0, -0.97, "TAXI", 0.07, BLACK)
        for k in range(8):
            p.rect(-0.9 + k * 0.2, -0.34, -0.8 + k * 0.2, -0.3, BLACK if k % 2 else color)
    if variant == "police":
        p.rect(-0.2, -1.0, 0.0, -0.92, (40, 90, 240) if phase % 2 else (120, 160, 255))
        p.rect(0.0, -1.0, 0.2, -0.92, (240, 40, 40) if phase % 2 == 0 else (255, 140, 140))
        p.rect(-w, -0.42, w, -0.32, (30, 50, 120))
        p.text(0, -0.37, "POLICE", 0.08, WHITE)
    for x in (-0.7, 0.7):
        _wheel(p, x, -0.17, 0.17, phase)


def _van(p: Pen, color: Color, phase: int, variant: str) -> None:
    p.ellipse(0, -0.02, 1.15, 0.05, (0, 0, 0, 80))
    p.rounded(-1.1, -0.95, 0.75, -0.15, 0.1, color)
    p.polygon([(0.72, -0.95), (0.95, -0.6), (1.15, -0.55), (1.15, -0.15), (0.72, -0.15)], color)
    p.polygon([(0.76, -0.88), (0.92, -0.62), (0.76, -0.62)], GLASS)
    for k in range(3):
        p.rect(-0.95 + k * 0.5, -0.82, -0.6 + k * 0.5, -0.55, lighter(color, 0.5))
    for x in (-0.7, 0.75):
        _wheel(p, x, -0.16, 0.16, phase)


def _bus(p: Pen, color: Color, phase: int, variant: str) -> None:
    color = color if variant != "school" else (250, 200, 30)
    p.ellipse(0, -0.02, 1.5, 0.05, (0, 0, 0, 80))
    p.rounded(-1.5, -0.95, 1.5, -0.12, 0.08, color)
    for k in range(6):
        x = -1.35 + k * 0.42
        p.rect(x, -0.85, x + 0.34, -0.55, GLASS)
    p.rect(1.3, -0.85, 1.45, -0.3, GLASS)
    p.rect(-1.5, -0.45, 1.5, -0.4, darker(color, 0.7))
    for x in (-1.0, 1.0):
        _wheel(p, x, -0.13, 0.14, phase)


def _truck(p: Pen, color: Color, phase: int, variant: str) -> None:
    p.ellipse(0, -0.02, 1.35, 0.05, (0, 0, 0, 80))
    box = color if variant not in ("fire", "ambulance") else ((210, 40, 40) if variant == "fire" else WHITE)
    p.rect(-1.35, -0.9, 0.45, -0.2, box if variant != "" else lighter(color, 0.4))
    p.polygon([(0.5, -0.9), (0.95, -0.9), (1.3, -0.5), (1.3, -0.2), (0.5, -0.2)], box if variant else color)
    p.polygon([(0.58, -0.82), (0.92, -0.82), (1.18, -0.52), (0.58, -0.52)], GLASS)
    if variant == "fire":
        p.line([(-1.3, -1.0), (0.4, -1.05)], (210, 210, 216), 0.04)
        for k in range(9):
            p.line([(-1.25 + k * 0.19, -1.0), (-1.25 + k * 0.19, -1.06)], (210, 210, 216), 0.015)
        p.rect(0.62, -0.98, 0.9, -0.9, (60, 120, 255) if phase % 2 else (255, 80, 80))
        p.rect(-1.35, -0.35, 0.45, -0.3, (250, 220, 60))
    elif variant == "ambulance":
        p.rect(-0.6, -0.7, -0.4, -0.4, (220, 30, 30))
        p.rect(-0.75, -0.62, -0.25, -0.48, (220, 30, 30))
        p.rect(-1.35, -0.3, 0.45, -0.25, (220, 30, 30))
        p.rect(0.62, -0.98, 0.9, -0.9, (60, 120, 255) if phase % 2 else (255, 80, 80))
    for x in (-0.9, -0.5, 0.9):
        _wheel(p, x, -0.16, 0.16, phase)


def _tractor(p: Pen, color: Color, phase: int, variant: str) -> None:
    green = (60, 150, 60) if color == (0, 0, 0) else color
    p.rect(-0.15, -0.65, 0.75, -0.3, green)
    p.rect(-0.7, -1.0, -0.1, -0.3, green)
    p.rect(-0.62, -0.92, -0.18, -0.6, GLASS)
    p.rect(0.5, -0.85, 0.56, -0.65, BLACK)
    _wheel(p, -0.45, -0.32, 0.32, phase)
    _wheel(p, 0.55, -0.18, 0.18, phase)


def _bicycle(p: Pen, color: Color, phase: int, variant: str) -> None:
    for x in (-0.55, 0.55):
        p.circle_outline(x, -0.33, 0.32, TYRE, 0.04)
        a = phase * math.pi / 4
        p.line([(x + 0.3 * math.cos(a), -0.33 + 0.3 * math.sin(a)), (x - 0.3 * math.cos(a), -0.33 - 0.3 * math.sin(a))], HUB, 0.01)
    p.line([(-0.55, -0.33), (-0.1, -0.75), (0.45, -0.75), (0.55, -0.33)], color, 0.05)
    p.line([(-0.1, -0.75), (0.0, -0.33), (-0.55, -0.33)], color, 0.05)
    p.line([(0.0, -0.33), (0.45, -0.75)], color, 0.05)
    p.rect(-0.22, -0.85, 0.02, -0.8, BLACK)
    p.line([(0.45, -0.75), (0.4, -0.95), (0.55, -0.98)], BLACK, 0.03)


def _motorcycle(p: Pen, color: Color, phase: int, variant: str) -> None:
    for x in (-0.6, 0.65):
        _wheel(p, x, -0.3, 0.3, phase)
    p.polygon([(-0.55, -0.55), (0.4, -0.62), (0.65, -0.3), (-0.1, -0.3)], color)
    p.rounded(-0.1, -0.8, 0.35, -0.55, 0.08, color)
    p.rect(-0.55, -0.7, 0.0, -0.6, BLACK)
    p.line([(0.4, -0.6), (0.5, -0.98), (0.62, -1.0)], BLACK, 0.035)
    p.circle(0.62, -0.72, 0.06, (255, 240, 170))


def _skateboard(p: Pen, color: Color, phase: int, variant: str) -> None:
    p.rounded(-2.6, -0.75, 2.6, -0.45, 0.15, color)
    for x in (-1.7, 1.7):
        p.circle(x, -0.25, 0.22, (240, 230, 200))


def _train(p: Pen, color: Color, phase: int, variant: str) -> None:
    loco = color if color != (0, 0, 0) else (40, 40, 46)
    # Locomotive at the front (right), carriages behind.
    p.rect(-2.4, -0.9, -0.9, -0.2, (150, 40, 40))
    for k in range(3):
        p.rect(-2.25 + k * 0.48, -0.78, -1.95 + k * 0.48, -0.52, (250, 230, 160))
    p.rect(-0.85, -0.95, 0.2, -0.2, loco)
    p.rect(-0.8, -0.9, -0.35, -0.55, GLASS)
    p.rounded(0.2, -0.7, 2.2, -0.2, 0.2, loco)
    p.rect(1.5, -1.1, 1.75, -0.7, loco)
    p.polygon([(2.2, -0.2), (2.45, -0.2), (2.2, -0.5)], (200, 40, 40))
    for k in range(3):
        puff = (1.62 - 0.3 * k - 0.1 * (phase % 3), -1.25 - 0.18 * k)
        p.circle(*puff, 0.12 + 0.05 * k, (230, 230, 236, 200 - 50 * k))
    for x in (-2.1, -1.2, -0.5, 0.6, 1.3, 1.95):
        _wheel(p, x, -0.16, 0.16, phase)


def _boat(p: Pen, color: Color, phase: int, variant: str) -> None:
    p.polygon([(-1.25, -0.55), (1.3, -0.55), (1.0, -0.05), (-1.0, -0.05)], color)
    p.rect(-1.25, -0.6, 1.3, -0.52, darker(color, 0.7))
    p.rect(-0.3, -1.0, 0.4, -0.55, WHITE)
    p.rect(-0.2, -0.9, 0.3, -0.75, GLASS)


def _sailboat(p: Pen, color: Color, phase: int, variant: str) -> None:
    p.polygon([(-0.6, -0.25), (0.6, -0.25), (0.45, -0.02), (-0.45, -0.02)], color)
    p.line([(0.0, -0.25), (0.0, -1.0)], (90, 70, 50), 0.025)
    billow = 0.03 * (phase % 2)
    p.polygon([(0.03, -0.98), (0.45 + billow, -0.3), (0.03, -0.3)], WHITE)
    p.polygon([(-0.03, -0.9), (-0.35 - billow, -0.3), (-0.03, -0.3)], (236, 236, 230))


def _ship(p: Pen, color: Color, phase: int, variant: str) -> None:
    if variant == "pirate":
        hull = (90, 60, 40)
        p.polygon([(-0.95, -0.45), (0.95, -0.45), (0.75, -0.05), (-0.75, -0.05)], hull)
        p.rect(-0.95, -0.55, -0.6, -0.45, hull)
        for x in (-0.35, 0.25):
            p.line([(x, -0.45), (x, -1.0)], (70, 50, 30), 0.025)
            p.rounded(x - 0.25, -0.92, x + 0.25, -0.55, 0.04, (236, 226, 200))
        p.polygon([(0.25, -1.0), (0.45, -0.97), (0.25, -0.93)], BLACK)
        p.circle(-0.35, -0.72, 0.06, BLACK)
        for k in range(4):
            p.circle(-0.5 + k * 0.3, -0.3, 0.035, BLACK)
        return
    hull = color
    p.polygon([(-0.95, -0.35), (0.95, -0.35), (0.8, -0.05), (-0.8, -0.05)], hull)
    p.rect(-0.95, -0.38, 0.95, -0.3, darker(hull, 0.6))
    p.rect(-0.6, -0.55, 0.6, -0.35, WHITE)
    p.rect(-0.4, -0.7, 0.4, -0.55, WHITE)
    for k in range(8):
        p.circle(-0.5 + k * 0.14, -0.45, 0.025, (60, 120, 200))
    p.rect(0.05, -0.9, 0.25, -0.7, (220, 60, 40))
    p.circle(0.15 - 0.05 * (phase % 3), -1.0, 0.06, (200, 200, 206, 160))


def _canoe(p: Pen, color: Color, phase: int, variant: str) -> None:
    p.polygon([(-2.6, -0.95), (2.6, -0.95), (1.8, -0.05), (-1.8, -0.05)], color)
    p.line([(-2.4, -0.9), (2.4, -0.9)], darker(color), 0.08)


def _submarine(p: Pen, color: Color, phase: int, variant: str) -> None:
    sub = color if color != (0, 0, 0) else (240, 200, 40)
    p.ellipse(0, -0.4, 1.35, 0.32, sub)
    p.rounded(-0.2, -0.95, 0.35, -0.6, 0.06, sub)
    p.line([(0.1, -0.95), (0.1, -1.1), (0.3, -1.1)], darker(sub), 0.03)
    for k in range(3):
        p.circle(-0.6 + k * 0.4, -0.42, 0.1, (120, 190, 230))
        p.circle_outline(-0.6 + k * 0.4, -0.42, 0.1, darker(sub, 0.6), 0.02)
    blade = 0.12 * [1, 0.3, -0.4, 0.3][phase % 4]
    p.polygon([(-1.35, -0.4), (-1.5, -0.4 - blade - 0.1), (-1.5, -0.4 + blade + 0.1)], darker(sub, 0.7))


def _plane(p: Pen, color: Color, phase: int, variant: str) -> None:
    body = WHITE if color == (0, 0, 0) else lighter(color, 0.6)
    p.rounded(-1.5, -0.62, 1.45, -0.35, 0.13, body)
    p.polygon([(1.4, -0.62), (1.6, -0.48), (1.4, -0.35)], body)
    p.polygon([(-1.45, -0.6), (-1.2, -0.6), (-1.35, -1.0), (-1.55, -1.0)], color)
    p.polygon([(-0.2, -0.48), (0.35, -0.48), (-0.35, -0.05), (-0.6, -0.05)], darker(body, 0.85))
    p.polygon([(-0.1, -0.55), (0.3, -0.55), (-0.25, -0.85), (-0.45, -0.85)], darker(body, 0.75))
    for k in range(9):
        p.circle(-1.0 + k * 0.24, -0.52, 0.035, (80, 130, 200))
    p.rect(1.15, -0.58, 1.35, -0.48, (60, 100, 170))
    p.line([(-1.5, -0.45), (1.4, -0.45)], color, 0.03)


def _helicopter(p: Pen, color: Color, phase: int, variant: str) -> None:
    p.ellipse(0.3, -0.5, 0.6, 0.32, color)
    p.ellipse(0.55, -0.55, 0.3, 0.2, (150, 200, 240))
    p.quad((-0.2, -0.55), (-1.25, -0.65), 0.2, 0.08, color)
    p.polygon([(-1.2, -0.65), (-1.3, -0.95), (-1.15, -0.65)], color)
    rotor = 1.2 * [1.0, 0.35, -0.35, -1.0][phase % 4]
    p.line([(0.3 - rotor, -0.98), (0.3 + rotor, -0.98)], (40, 40, 46), 0.035)
    p.line([(0.3, -0.82), (0.3, -0.98)], (40, 40, 46), 0.04)
    p.line([(-0.1, -0.08), (0.8, -0.08)], (40, 40, 46), 0.03)
    for x in (0.05, 0.6):
        p.line([(x, -0.2), (x - 0.05, -0.08)], (40, 40, 46), 0.025)
    tail = 0.18 * [1, -1, 0.5, -0.5][phase % 4]
    p.line([(-1.25, -0.78 - tail), (-1.25, -0.78 + tail)], (40, 40, 46), 0.02)


def _hot_air_balloon(p: Pen, color: Color, phase: int, variant: str) -> None:
    colors = [color, (250, 220, 60), (60, 160, 220), (240, 120, 60)]
    for k in range(4):
        p.pieslice(0, -0.62, 0.34, 180 + k * 45, 225 + k * 45, colors[k % 4])
        p.pieslice(0, -0.62, 0.34, 0 - k * 45, 45 - k * 45 if k else 45, colors[(k + 2) % 4])
    for k in range(4):
        x = -0.3 + k * 0.2
        p.polygon([(x, -0.62), (x + 0.2, -0.62), (x + 0.12 * (0.5 - k / 4) + 0.1, -0.3), (x * 0.5 + 0.04, -0.3)], colors[k % 4])
    for dx in (-0.08, 0.08):
        p.line([(dx * 1.3, -0.28), (dx, -0.14)], (110, 80, 50), 0.006)
    p.rect(-0.08, -0.14, 0.08, -0.02, (150, 110, 60))
    p.ellipse(0, -0.26, 0.025, 0.03 + 0.01 * (phase % 2), (255, 170, 40))


def _rocket(p: Pen, color: Color, phase: int, variant: str) -> None:
    flame = 0.08 + 0.04 * (phase % 3)
    p.polygon([(-0.08, -0.1), (0.08, -0.1), (0, -0.1 + flame * 1.6)], (255, 170, 60))
    p.polygon([(-0.04, -0.1), (0.04, -0.1), (0, -0.1 + flame)], (255, 240, 160))
    p.rounded(-0.13, -0.85, 0.13, -0.1, 0.1, WHITE)
    p.polygon([(-0.13, -0.8), (0.13, -0.8), (0, -1.0)], color)
    p.circle(0, -0.6, 0.06, (120, 190, 240))
    for side in (-1, 1):
        p.polygon([(side * 0.13, -0.35), (side * 0.3, -0.08), (side * 0.13, -0.12)], color)


def _spaceship(p: Pen, color: Color, phase: int, variant: str) -> None:
    hull = (200, 206, 220)
    trim = color if color != (0, 0, 0) else (60, 120, 220)
    flame = 0.2 + 0.08 * (phase % 3)
    for dy in (-0.45, -0.3):
        p.polygon([(-1.3, dy - 0.05), (-1.3, dy + 0.05), (-1.3 - flame * 1.5, dy)], (120, 200, 255))
        p.polygon([(-1.3, dy - 0.025), (-1.3, dy + 0.025), (-1.3 - flame * 0.8, dy)], (240, 250, 255))
    p.polygon([(-1.3, -0.62), (0.4, -0.62), (1.45, -0.38), (0.4, -0.15), (-1.3, -0.15)], hull)
    p.polygon([(-0.9, -0.6), (-0.2, -0.6), (-0.7, -1.0), (-1.1, -1.0)], trim)
    p.polygon([(-0.9, -0.17), (-0.2, -0.17), (-0.7, 0.05), (-1.1, 0.05)], darker(trim, 0.8))
    p.polygon([(0.3, -0.6), (0.95, -0.47), (0.3, -0.42)], (100, 170, 230))
    p.line([(-1.2, -0.38), (0.9, -0.38)], trim, 0.03)
    for k in range(4):
        p.circle(-0.9 + k * 0.3, -0.28, 0.03, (250, 220, 120))


def _ufo(p: Pen, color: Color, phase: int, variant: str) -> None:
    p.chord(0, -0.6, 0.4, (160, 220, 240, 220))
    p.ellipse(0, -0.45, 1.15, 0.22, (176, 184, 196))
    p.ellipse(0, -0.4, 0.9, 0.1, (130, 138, 150))
    for k in range(7):
        on = (k + phase) % 2 == 0
        p.circle(-0.9 + k * 0.3, -0.42, 0.05, (250, 230, 80) if on else (120, 200, 120))
    p.polygon([(-0.35, -0.28), (0.35, -0.28), (0.6, 0.4), (-0.6, 0.4)], (200, 250, 200, 60))


def _sled(p: Pen, color: Color, phase: int, variant: str) -> None:
    p.rect(-1.0, -0.7, 1.0, -0.45, color if color != (0, 0, 0) else (180, 40, 40))
    p.line([(-1.1, -0.1), (1.0, -0.1), (1.2, -0.3)], (200, 170, 90), 0.06)
    for x in (-0.6, 0.6):
        p.line([(x, -0.45), (x, -0.1)], (120, 90, 60), 0.05)


def _carriage(p: Pen, color: Color, phase: int, variant: str) -> None:
    p.rounded(-0.7, -1.0, 0.6, -0.35, 0.15, color if color != (0, 0, 0) else (120, 30, 40))
    p.rect(-0.5, -0.85, -0.1, -0.55, GLASS)
    p.rect(0.05, -0.85, 0.4, -0.55, GLASS)
    p.chord(-0.05, -0.98, 0.55, (200, 160, 60))
    for x, r in ((-0.5, 0.3), (0.5, 0.22)):
        p.circle_outline(x, -0.3 + (0.3 - r), r, (110, 80, 50), 0.04)
    p.line([(0.6, -0.5), (1.05, -0.45)], (110, 80, 50), 0.03)


DRAWINGS: dict[str, Callable[[Pen, Color, int, str], None]] = {
    "car": _car, "van": _van, "bus": _bus, "truck": _truck, "tractor": _tractor, "bicycle": _bicycle,
    "motorcycle": _motorcycle, "skateboard": _skateboard, "train": _train, "boat": _boat, "sailboat": _sailboat,
    "ship": _ship, "canoe": _canoe, "submarine": _submarine, "plane": _plane, "helicopter": _helicopter,
    "hot_air_balloon": _hot_air_balloon, "rocket": _rocket, "spaceship": _spaceship, "ufo": _ufo, "sled": _sled,
    "carriage": _carriage,
}


def draw_vehicle(p: Pen, kind: str, color: Color, phase: int, variant: str) -> None:
    DRAWINGS[kind](p, color, phase, variant)
