"""Weather and life drawn over the scenery: rain, snow, wind-blown leaves, fog, lightning,
fireflies, twinkling lamps and traffic.

Particles are stored as arrays of start positions and velocities; a frame computes every
particle's position in one vectorised step and writes its pixels with fancy indexing, so even a
few thousand raindrops cost a fraction of a millisecond.
"""

from __future__ import annotations

import math

import numpy as np

from cielo.generation.engines.preview.canvas import brighten, rgb_view, rgba_view, value_noise_2d
from cielo.generation.plan import Shot


class Particles:
    """Points that move linearly (wrapping around a box) and are blended towards a colour.

    Streaks (rain) and 2x2 flakes are the same point repeated at fixed integer offsets, so a frame
    is: positions (N), plus offsets (K) -> N*K pixels gathered, blended and scattered at once.
    """

    def __init__(
        self,
        count: int,
        box: tuple[int, int, int, int],
        velocity: tuple[float, float],
        color: tuple[int, int, int],
        alpha: float,
        length: int,
        rng: np.random.Generator,
        speed_jitter: float = 0.25,
        sway: float = 0.0,
        size: int = 1,
    ) -> None:
        x0, y0, x1, y1 = box
        self.box = box
        self.x = rng.uniform(x0, x1, count).astype(np.float32)
        self.y = rng.uniform(y0, y1, count).astype(np.float32)
        jitter = rng.uniform(1 - speed_jitter, 1 + speed_jitter, count).astype(np.float32)
        self.vx = (velocity[0] * jitter).astype(np.float32)
        self.vy = (velocity[1] * jitter).astype(np.float32)
        self.phase = rng.uniform(0, 2 * np.pi, count).astype(np.float32)
        self.sway = sway
        self.color = np.array(color, dtype=np.uint16)
        self.alpha = alpha
        speed = math.hypot(*velocity) or 1.0
        step = (velocity[0] / speed, velocity[1] / speed)
        offsets = {(-round(k * step[0]), -round(k * step[1])) for k in range(max(1, length))}
        if size > 1:
            offsets = {(ox + dx, oy + dy) for ox, oy in offsets for dx in range(size) for dy in range(size)}
        ordered = sorted(offsets)
        self.off_x = np.array([o[0] for o in ordered], np.int32)[None, :]
        self.off_y = np.array([o[1] for o in ordered], np.int32)[None, :]

    def draw(
        self, frame: np.ndarray, t: float, opacity: float = 1.0, offset: tuple[int, int] = (0, 0)
    ) -> None:
        """Blend into a packed (h, w) uint32 frame: one gather and one scatter of whole pixels."""
        a = int(self.alpha * max(0.0, min(1.0, opacity)) * 256)
        if a <= 0 or self.x.size == 0:
            return
        x0, y0, x1, y1 = self.box
        h, w = frame.shape
        xs = self.x - x0 + self.vx * t + offset[0]
        if self.sway:
            xs = xs + self.sway * np.sin(self.phase + t * 1.7)
        xi = ((x0 + np.mod(xs, x1 - x0)).astype(np.int32)[:, None] + self.off_x).ravel()
        yi = (
            (y0 + np.mod(self.y - y0 + self.vy * t + offset[1], y1 - y0)).astype(np.int32)[:, None]
            + self.off_y
        ).ravel()
        ok = (xi >= max(0, x0)) & (xi < min(w, x1)) & (yi >= max(0, y0)) & (yi < min(h, y1))
        index = yi[ok] * w + xi[ok]
        flat = frame.reshape(-1)
        px = flat[index].view(np.uint8).reshape(-1, 4).astype(np.uint16)
        px[:, :3] = (px[:, :3] * (256 - a) + self.color * a) >> 8
        flat[index] = px.astype(np.uint8).view(np.uint32)[:, 0]


class FogLayer:
    """Fog drifting sideways over a band of rows: thick near the horizon, thin above.

    The blend factors are precomputed for a strip twice the frame width (the fog wraps after one
    width), so a frame is `(pixel * inverse + premultiplied) >> 8` on whole RGBA pixels.
    """

    depth = 0.0  # screen-space: camera moves do not shift it

    def __init__(
        self,
        width: int,
        *,
        top: int,
        bottom: int,
        horizon: int,
        strength: float,
        color: tuple[int, int, int],
        rng: np.random.Generator,
    ) -> None:
        self.width = width
        self.top = top
        rows = max(1, bottom - top)
        noise = value_noise_2d(rows, width * 2, width / 3, rng)
        noise = np.concatenate([noise[:, :width], noise[:, :width]], axis=1)  # wraps after `width` px
        seam = width // 8  # soften the wrap
        noise[:, width - seam : width] = noise[:, width - seam : width] * np.linspace(1, 0, seam) + noise[
            :, 2 * width - seam : 2 * width
        ] * np.linspace(0, 1, seam)
        y = np.arange(top, top + rows, dtype=np.float32)[:, None]
        # Densest in a band around the horizon, fading upwards (into the sky) and downwards.
        ramp = np.clip(1.0 - np.abs(y - horizon) / (0.3 * max(1, horizon)), 0, 1) ** 0.7
        alpha = np.clip((0.45 + 0.55 * noise) * ramp * strength * 256, 0, 230).astype(np.uint16)[..., None]
        self.inverse = np.ascontiguousarray(256 - alpha)  # (rows, 2w, 1)
        self.premultiplied = np.array((*color, 255), np.uint16) * alpha  # (rows, 2w, 4)
        self.drift = width * 0.015  # px per second

    def key(self, local: float) -> int:
        return int(local * self.drift) % self.width

    def draw(self, frame: np.ndarray, local: float, opacity: float = 1.0) -> None:
        """Blend into a packed (h, w) uint32 frame; `local` is seconds since the shot began."""
        shift = self.key(local)
        rows = min(self.inverse.shape[0], frame.shape[0] - self.top)
        if rows <= 0:
            return
        inverse = self.inverse[:rows, shift : shift + self.width]
        premultiplied = self.premultiplied[:rows, shift : shift + self.width]
        if opacity < 1.0:
            k = int(opacity * 256)
            inverse = 256 - (((256 - inverse) * k) >> 8)
            premultiplied = (premultiplied * k) >> 8
        region = rgba_view(frame[self.top : self.top + rows])
        region[...] = (region * inverse + premultiplied) >> 8


class Weather:
    """Everything that moves over the scenery in one shot."""

    def __init__(
        self,
        shot: Shot,
        width: int,
        height: int,
        seed: int,
        *,
        horizon: int,
        window: tuple[int, int, int, int] | None = None,
        roads: list[int] | None = None,
        lamps: list[tuple[int, int]] | None = None,
        sun_position: tuple[int, int] | None = None,
        fog_overlay: bool = False,
    ) -> None:
        """`fog_overlay`: draw fog here (over an image or video); scenery carries its own FogLayer."""
        self.shot = shot
        self.w, self.h = width, height
        rng = np.random.default_rng([seed & 0xFFFFFFFF, 31, shot.index])
        box = window if window else (0, 0, width, height)
        area = (box[2] - box[0]) * (box[3] - box[1])
        scale = height / 640  # speeds and sizes are tuned at 640 rows
        self.systems: list[Particles] = []
        self.fog: FogLayer | None = None
        self.lightning = list(shot.lightning)
        self.lamps = lamps or []
        weather = shot.weather
        wind = {"wind": 1.0, "storm": 0.6, "snow": 0.25}.get(weather, 0.1) * (
            1 if rng.uniform() < 0.5 else -1
        )
        if weather in ("rain", "storm"):
            n = int(area / (120 if weather == "storm" else 170) * (2.2 if window else 1.0))
            fall = height * (1.6 if weather == "storm" else 1.3)
            # Seen through a window the rain is all there is to see of it: denser and brighter.
            self.systems.append(
                Particles(
                    n, box, (fall * wind * 0.35, fall), (214, 222, 236), 0.75 if window else 0.45,
                    max(3, int(9 * scale)), rng,
                )
            )
        if weather == "snow":
            n = int(area / 300)
            self.systems.append(
                Particles(
                    n,
                    box,
                    (height * 0.05 * wind, height * 0.09),
                    (250, 250, 255),
                    0.85,
                    1,
                    rng,
                    speed_jitter=0.5,
                    sway=6 * scale,
                    size=2 if scale > 0.6 else 1,
                )
            )
            self.systems.append(
                Particles(
                    n // 2,
                    box,
                    (height * 0.03 * wind, height * 0.05),
                    (236, 240, 248),
                    0.6,
                    1,
                    rng,
                    speed_jitter=0.5,
                    sway=4 * scale,
                )
            )
        if weather == "wind" and window is None:
            leaf = {
                "desert": (226, 190, 130),
                "snow": (245, 245, 250),
                "city": (170, 160, 150),
                "beach": (230, 214, 170),
            }.get(shot.setting, (200, 130, 50))
            self.systems.append(
                Particles(
                    int(area / 4000) + 20,
                    box,
                    (width * 0.6 * wind, height * 0.02),
                    leaf,
                    0.9,
                    max(1, int(3 * scale)),
                    rng,
                    speed_jitter=0.4,
                    sway=10 * scale,
                    size=2 if scale > 0.6 else 1,
                )
            )
        if fog_overlay and weather in ("fog", "snow"):
            self.fog = FogLayer(
                width,
                top=horizon // 2,
                bottom=height,
                horizon=horizon,
                strength=0.6 if weather == "fog" else 0.25,
                color=(70, 76, 96) if shot.time_of_day == "night" else (214, 216, 222),
                rng=rng,
            )
        if (
            shot.time_of_day == "night"
            and shot.setting in ("forest", "countryside", "lake")
            and weather == "clear"
        ):
            top = horizon
            self.systems.append(
                Particles(
                    int(width / 12),
                    (0, top, width, height),
                    (width * 0.01, -height * 0.005),
                    (255, 240, 120),
                    0.9,
                    1,
                    rng,
                    speed_jitter=1.5,
                    sway=8 * scale,
                    size=2 if scale > 0.6 else 1,
                )
            )
        if window is not None and weather in ("clear", "wind", "fog"):
            # Indoors on a calm day, dust drifts through the light: a room is never quite still.
            self.systems.append(
                Particles(
                    int(width * height / 6000) + 8, (0, 0, width, height), (width * 0.01, -height * 0.008),
                    (255, 246, 220), 0.35, 1, rng, speed_jitter=1.0, sway=6 * scale, size=2 if scale > 0.6 else 1,
                )
            )
        if shot.setting == "underwater":
            # Bubbles rise everywhere under the sea.
            self.systems.append(
                Particles(
                    int(width * height / 2500) + 10, (0, 0, width, height), (0.0, -height * 0.12), (220, 240, 255),
                    0.7, 1, rng, speed_jitter=0.6, sway=5 * scale, size=3 if scale > 0.6 else 2,
                )
            )
        if roads and shot.setting in ("city", "street"):
            for i, row in enumerate(roads):
                direction = 1 if i % 2 == 0 else -1
                color = (255, 244, 200) if direction > 0 else (240, 60, 50)
                cars = Particles(
                    max(3, width // 60),
                    (0, row - 1, width, row + 2),
                    (direction * width * 0.35, 0.0),
                    color,
                    0.95,
                    max(2, int(5 * scale)),
                    rng,
                    speed_jitter=0.3,
                    size=2 if scale > 0.6 else 1,
                )
                self.systems.append(cars)

    def draw(
        self, frame: np.ndarray, t: float, opacity: float = 1.0, shift: tuple[int, int] = (0, 0)
    ) -> None:
        """Draw into a packed (h, w) uint32 frame at time t (seconds of new content); `shift` is the
        camera's shift for near layers."""
        local = t - self.shot.start
        rgb = rgb_view(frame)
        if self.fog is not None:
            self.fog.draw(frame, local, opacity)
        for system in self.systems:
            system.draw(frame, local, opacity, offset=(shift[0], 0))
        for x, y in self.lamps:
            self._glow(rgb, x + shift[0], y, local)
        for flash in self.lightning:
            dt = t - flash
            if 0 <= dt < 0.35:
                # Two quick flickers and a fade.
                amount = 0.8 if dt < 0.06 else 0.15 if dt < 0.12 else 0.6 * (1 - (dt - 0.12) / 0.23)
                brighten(rgb, amount * opacity)

    def _glow(self, frame: np.ndarray, x: int, y: int, local: float) -> None:
        r = max(3, self.h // 60)
        y0, y1, x0, x1 = (
            max(0, y - r),
            min(frame.shape[0], y + r + 1),
            max(0, x - r),
            min(frame.shape[1], x + r + 1),
        )
        if y0 >= y1 or x0 >= x1:
            return
        yy, xx = np.mgrid[y0:y1, x0:x1]
        flicker = 0.85 + 0.15 * math.sin(local * 9 + x)
        a = (np.clip(1 - np.hypot(yy - y, xx - x) / r, 0, 1) ** 2 * 200 * flicker).astype(np.uint16)[
            ..., None
        ]
        region = frame[y0:y1, x0:x1]
        region[...] = ((region * (256 - a) + np.array((255, 220, 150), np.uint16) * a) >> 8).astype(np.uint8)
