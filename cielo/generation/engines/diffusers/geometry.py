"""From the requested size and duration to what a model can render, and back.

A model renders only some sizes (its `sizes`) and frame counts (`frame_multiple * k + 1`, at most
`max_frames`, at its own `fps`). We render a native size of (nearly) the request's shape, then scale
to cover and centre-crop to exactly the requested size; and we render enough frames to span the
requested seconds at the model's rate, then resample them onto the request's frame grid. A model
whose `max_frames` cannot span the duration has its frames spread over it (slower motion);
`time_stretch` records by how much.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from cielo.generation.registry import ModelSpec

SHAPE_TOLERANCE = 0.05  # log aspect ratio: a 5 % difference in shape is cropped away unnoticed


@dataclass(frozen=True)
class Geometry:
    width: int  # what the model renders
    height: int
    num_frames: int
    model_fps: int
    out_width: int  # what the render file holds
    out_height: int
    out_fps: int
    out_frames: int
    time_stretch: float  # 1.0 when the model's frames cover the duration at its own rate


def native_size(spec: ModelSpec, width: int, height: int) -> tuple[int, int]:
    """Among the model sizes closest in shape to width x height (within SHAPE_TOLERANCE), the smallest
    that covers it, or else the largest: 720x1280 renders at 704x1280, 480x832 at 544x960."""
    want = math.log(width / height)

    def shape_error(size: tuple[int, int]) -> float:
        return abs(math.log(size[0] / size[1]) - want)

    best = min(shape_error(s) for s in spec.native_sizes)
    close = [s for s in spec.native_sizes if shape_error(s) <= best + SHAPE_TOLERANCE]
    covering = [s for s in close if s[0] >= width and s[1] >= height]
    if covering:
        return min(covering, key=lambda s: s[0] * s[1])
    return max(close, key=lambda s: s[0] * s[1])


def frame_count(spec: ModelSpec, seconds: float) -> int:
    """Frames the model renders for `seconds`: frame_multiple * k + 1, capped at max_frames."""
    m = spec.frame_multiple
    wanted = max(1, math.ceil(seconds * spec.fps - 1e-9)) + 1
    k = math.ceil((wanted - 1) / m)
    k_max = max(0, (spec.max_frames - 1) // m)
    return min(k, k_max) * m + 1


def plan_geometry(spec: ModelSpec, width: int, height: int, seconds: float, fps: int) -> Geometry:
    w, h = native_size(spec, width, height)
    frames = frame_count(spec, seconds)
    span = (frames - 1) / spec.fps  # seconds the rendered frames cover at the model's rate
    stretch = seconds / span if span > 0 else 1.0
    return Geometry(
        width=w,
        height=h,
        num_frames=frames,
        model_fps=spec.fps,
        out_width=width,
        out_height=height,
        out_fps=fps,
        out_frames=max(1, round(seconds * fps)),
        time_stretch=round(max(1.0, stretch), 4),
    )
