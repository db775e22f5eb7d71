"""The data a shot's scenery is made of: layers, animated bands and where things stand.

A scene is a stack of layers from far to near. Each layer is wider (and the ground ones taller) than
the frame, so a camera move is a different window into it; nearer layers move further (parallax).
Silhouettes (hills, skylines, trees) are stored with a boolean mask and drawn with
`np.copyto(where=mask)`, restricted to the rows they occupy. Water and surf are "animated bands":
a short loop of precomputed phases for a strip of rows, played back by index.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from cielo.generation.engines.preview.canvas import Sprite
from cielo.generation.engines.preview.weather import FogLayer

PAN_FRACTION = 0.16  # how far (of the frame width) the nearest layer travels in a full pan
TILT_FRACTION = 0.05


@dataclass
class Layer:
    pixels: np.ndarray  # (rows, cols) uint32, packed RGBA (see canvas.pack)
    mask: np.ndarray | None  # (rows, cols) bool; None = opaque
    top: int  # screen row of rgb[0] with a level camera
    depth: float  # 0 = at the horizon, 1 = nearest
    margin: int  # columns beyond the frame on each side
    drift: float = 0.0  # own horizontal motion in px/s (clouds); the layer is wide enough for the shot


@dataclass
class AnimatedBand:
    phases: np.ndarray  # (K, rows, cols) uint32 packed, a seamless loop
    top: int
    depth: float
    margin: int
    cycle_seconds: float


@dataclass
class Scenery:
    layers: list[Layer | AnimatedBand | FogLayer]  # back to front
    horizon: int  # screen row of the horizon
    ground_line: int  # where standing figures put their feet
    water_line: int | None  # where floating things sit
    figure_height: int  # a standing adult, in px
    sun: Sprite | None
    sun_position: tuple[int, int] = (0, 0)
    window: tuple[int, int, int, int] | None = (
        None  # x0, y0, x1, y1 of an indoor window (weather shows there)
    )
    roads: list[int] = field(default_factory=list)  # rows where traffic lights drive
    lamps: list[tuple[int, int]] = field(default_factory=list)  # glowing points (x, y) at night
    pan_px: int = 0
    tilt_px: int = 0
