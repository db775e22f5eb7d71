"""Scenery for one shot: pick the landscape, draw it once, return the layer stack.

See layers.py for what a scene is made of, builder.py for the drawing primitives and
landscapes.py for what each setting looks like.
"""

from __future__ import annotations

import numpy as np

from cielo.generation.engines.preview.builder import SceneBuilder
from cielo.generation.engines.preview.exteriors import EXTERIORS
from cielo.generation.engines.preview.exteriors import HORIZON as EXTERIOR_HORIZON
from cielo.generation.engines.preview.interiors import ROOMS
from cielo.generation.engines.preview.landscapes import HORIZON, LANDSCAPES
from cielo.generation.engines.preview.layers import AnimatedBand, Layer, Scenery
from cielo.generation.plan import Shot

__all__ = ["AnimatedBand", "Layer", "Scenery", "build_scenery"]

COMPOSITIONS = {**LANDSCAPES, **EXTERIORS, **ROOMS}
HORIZONS = {**HORIZON, **EXTERIOR_HORIZON, **dict.fromkeys(ROOMS, HORIZON["indoor"])}
SETTING_SALT = {name: i for i, name in enumerate(COMPOSITIONS)}


def build_scenery(shot: Shot, width: int, height: int, seed: int) -> Scenery:
    """The layers for one shot at the internal render size; same inputs, same pixels."""
    # Seeded by setting, not by shot: two shots in the same place show the same place, and a remix or
    # extension with the same seed keeps the look of its source.
    rng = np.random.default_rng([seed & 0xFFFFFFFF, 1000 + SETTING_SALT.get(shot.setting, 0)])
    builder = SceneBuilder(shot, width, height, rng)
    setting = shot.setting if shot.setting in COMPOSITIONS else "countryside"
    builder.horizon = int(height * HORIZONS[setting])
    COMPOSITIONS[setting](builder)
    return builder.finish()


def drawable_settings() -> set[str]:
    """Every place the preview engine has a composition for."""
    return set(COMPOSITIONS)
