"""Camera moves as functions of shot progress.

A move has three parts: a pan position (layers shift by depth: parallax), a tilt, and a zoom that is
applied at the very end by cropping the rendered frame before the encoder's scaler enlarges it, so
zooming costs nothing per layer.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CameraState:
    x: float  # pan position, -1 .. 1 (layers shift by x * pan_px * depth)
    y: float  # tilt position, -1 .. 1
    zoom: float  # >= 1, the crop is 1/zoom of the frame
    orbit: bool = False  # far layers move against near ones
    focus_x: float = 0.5  # where the zoom crop is centred, in frame fractions
    focus_y: float = 0.55

    def layer_shift(self, depth: float, pan_px: int, tilt_px: int) -> tuple[int, int]:
        k = (depth - 0.4) * 1.5 if self.orbit else depth
        return round(self.x * pan_px * k), round(self.y * tilt_px * (0.5 + 0.5 * depth))


def _ease(u: float) -> float:
    u = min(1.0, max(0.0, u))
    return u * u * (3 - 2 * u)


def camera_at(move: str, u: float) -> CameraState:
    """The camera `u` (0..1) of the way through a shot with the given move."""
    e = _ease(u)
    if move == "pan_left":
        return CameraState(x=0.9 - 1.8 * e, y=0.0, zoom=1.02)
    if move == "pan_right":
        return CameraState(x=-0.9 + 1.8 * e, y=0.0, zoom=1.02)
    if move == "push_in":
        return CameraState(x=0.0, y=0.15 * e, zoom=1.0 + 0.16 * (1 - (1 - u) ** 2))
    if move == "pull_out":
        return CameraState(x=0.0, y=0.15 * (1 - e), zoom=1.16 - 0.16 * (1 - (1 - u) ** 2))
    if move == "orbit":
        return CameraState(x=-1.0 + 2.0 * e, y=0.0, zoom=1.06, orbit=True)
    if move == "tilt_up":
        return CameraState(x=0.0, y=1.0 - 2.0 * e, zoom=1.02)
    if move == "tilt_down":
        return CameraState(x=0.0, y=-1.0 + 2.0 * e, zoom=1.02)
    # A locked-off shot still breathes: a steady, barely visible push, so the picture is never frozen.
    return CameraState(x=0.0, y=0.0, zoom=1.0 + 0.05 * min(1.0, max(0.0, u)))


def ken_burns_at(move: str, u: float) -> CameraState:
    """For a still backdrop (an input reference image): only zoom and drift, starting exactly on the image."""
    e = _ease(u)
    drift = {"pan_left": -0.08, "pan_right": 0.08, "orbit": 0.06}.get(move, 0.0)
    amount = 0.03 if move == "static" else 0.14
    return CameraState(x=0.0, y=0.0, zoom=1.0 + amount * e, focus_x=0.5 + drift * e, focus_y=0.5)


def crop_box(cam: CameraState, width: int, height: int) -> tuple[int, int, int, int]:
    """(x0, y0, x1, y1) of the part of a width x height frame the camera sees."""
    if cam.zoom <= 1.0001:
        return 0, 0, width, height
    cw, ch = max(2, round(width / cam.zoom)), max(2, round(height / cam.zoom))
    x0 = min(max(0, round(cam.focus_x * width - cw / 2)), width - cw)
    y0 = min(max(0, round(cam.focus_y * height - ch / 2)), height - ch)
    return x0, y0, x0 + cw, y0 + ch
