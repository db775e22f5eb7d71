"""Drawing primitives for scenery: sky, ridges, ground, water, sun and fog, already lit and graded.

Every layer goes through `SceneBuilder.pack`, which applies the mood's colour grade once, at build
time, so frames never need grading.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from cielo.generation.engines.preview.canvas import (
    Color,
    Sprite,
    mix,
    pack,
    to_u8,
    value_noise_1d,
    value_noise_2d,
    vertical_gradient,
)
from cielo.generation.engines.preview.interiors import INTERIORS
from cielo.generation.engines.preview.layers import PAN_FRACTION, TILT_FRACTION, AnimatedBand, Layer, Scenery
from cielo.generation.engines.preview.palette import SUN, Lighting, grade_lut, lighting, shade
from cielo.generation.engines.preview.weather import FogLayer
from cielo.generation.plan import Shot

WATER_PHASES = 48  # frames in the water loop (2 s at 24 fps): long enough not to look mechanical


class SceneBuilder:
    """Drawing primitives for one shot's layers; landscapes.py composes them per setting."""

    def __init__(self, shot: Shot, width: int, height: int, rng: np.random.Generator) -> None:
        self.shot, self.w, self.h, self.rng = shot, width, height, rng
        self.lit: Lighting = lighting(shot.time_of_day, shot.weather)
        if shot.setting in INTERIORS:
            # Indoors, lamps light the room: night is warm, not moonlit blue.
            warm = {"night": (0.86, 0.74, 0.6), "sunset": (1.0, 0.86, 0.74), "dawn": (0.95, 0.9, 0.88)}
            base = lighting(shot.time_of_day, "clear")
            self.lit = Lighting(
                base.sky_stops, np.array(warm.get(shot.time_of_day, (1.0, 0.98, 0.95))), base.haze, 0.0, 0.0
            )
        elif shot.setting in ("space", "moon"):
            self.lit = Lighting(
                [(0.0, (4, 4, 14)), (1.0, (22, 16, 44))], np.array([0.95, 0.95, 1.0]), (22, 16, 44), 0.0, 0.0
            )
        self.horizon = height // 2  # landscapes set their own before drawing
        self.unit = min(width, height)  # sizes of things follow the short side: landscape or portrait alike
        self.pan = int(width * PAN_FRACTION)
        self.tilt = int(height * TILT_FRACTION)
        self.night = shot.time_of_day == "night" and shot.setting not in INTERIORS
        self.layers: list[Layer | AnimatedBand | FogLayer] = []
        self.window: tuple[int, int, int, int] | None = None
        self.roads: list[int] = []
        self.lamps: list[tuple[int, int]] = []
        self.lut = grade_lut(shot.mood, shot.time_of_day)

    def pack(self, rgb: np.ndarray) -> np.ndarray:
        """Colour-grade (the mood's curve) and pack: every layer goes through here exactly once."""
        graded = np.empty_like(rgb)
        for ch in range(3):
            np.take(self.lut[:, ch], rgb[..., ch], out=graded[..., ch])
        return pack(graded)

    # geometry ---------------------------------------------------------------------------------

    def margin(self, depth: float) -> int:
        # Enough travel for pans (depth) and orbits (near and far move in opposite directions).
        return int(self.pan * max(depth, abs(depth - 0.4) * 1.5)) + 2

    def cols(self, depth: float) -> int:
        return self.w + 2 * self.margin(depth)

    def bottom(self, depth: float) -> int:
        """Rows a ground-reaching layer needs below its top so tilts never show its edge."""
        return self.h + self.tilt + 2

    # primitives -------------------------------------------------------------------------------

    def add_rgba(self, rgba: np.ndarray, top: int, depth: float) -> None:
        """Add a silhouette layer, trimmed to the rows it actually covers."""
        mask = rgba[..., 3] > 127
        rows = np.flatnonzero(mask.any(axis=1))
        if rows.size == 0:
            return
        r0, r1 = int(rows[0]), int(rows[-1]) + 1
        self.layers.append(
            Layer(
                pixels=self.pack(rgba[r0:r1, :, :3]),
                mask=np.ascontiguousarray(mask[r0:r1]),
                top=top + r0,
                depth=depth,
                margin=self.margin(depth),
            )
        )

    def add_opaque(self, rgb: np.ndarray, top: int, depth: float) -> None:
        self.layers.append(
            Layer(pixels=self.pack(rgb), mask=None, top=top, depth=depth, margin=self.margin(depth))
        )

    def canvas(self, depth: float, rows: int) -> tuple[Image.Image, ImageDraw.ImageDraw]:
        img = Image.new("RGBA", (self.cols(depth), rows), (0, 0, 0, 0))
        return img, ImageDraw.Draw(img)

    def c(self, color: Color, distance: float = 0.0) -> tuple[int, int, int]:
        return tuple(int(v) for v in to_u8(shade(color, self.lit, distance)))

    def ridge(
        self,
        depth: float,
        top: int,
        base: float,
        amplitude: float,
        scales: tuple[tuple[float, float], ...],
        color_top: Color,
        color_bottom: Color,
        distance: float,
        ridged: bool = False,
        snow_cap: float = 0.0,
        texture: float = 0.08,
        bottom: int | None = None,
    ) -> np.ndarray:
        """A silhouette under a noisy ridge line; returns its ridge rows (per column) for decoration.

        It stops a little below the horizon (plus tilt travel) unless `bottom` says otherwise: the
        ground covers everything lower, and every row kept here is copied on every frame.
        """
        if bottom is None:
            bottom = self.horizon + int(0.06 * self.h) + self.tilt
        cols, rows = self.cols(depth), bottom - top
        noise = value_noise_1d(cols, self.rng, scales)
        if ridged:
            noise = 1.0 - 1.6 * np.abs(noise)  # sharp peaks where the noise crosses zero, round valleys
        line = (base - top) - amplitude * noise
        y = np.arange(rows, dtype=np.float32)[:, None]
        mask = y >= line[None, :]
        grad = vertical_gradient(
            rows,
            [
                (0.0, tuple(shade(color_top, self.lit, distance))),
                (1.0, tuple(shade(color_bottom, self.lit, distance * 0.7))),
            ],
        )
        rgb = np.repeat(grad[:, None, :], cols, axis=1)
        if texture:
            rgb *= (
                1.0
                - texture
                + texture * 2 * value_noise_2d(rows, cols, max(4.0, self.w / 16), self.rng)[..., None]
            )
        if snow_cap > 0:
            cap = line + snow_cap * amplitude * (
                0.6 + 0.4 * value_noise_1d(cols, self.rng, ((self.w / 18, 1.0),))
            )
            high = line < (base - top) - amplitude * 0.35
            snow = (y < cap[None, :]) & high[None, :]
            rgb[snow] = shade((240, 244, 250), self.lit, distance)
        rgba = np.zeros((rows, cols, 4), np.uint8)
        rgba[..., :3] = to_u8(rgb)
        rgba[..., 3] = mask * 255
        self.add_rgba(rgba, top, depth)
        return line + top

    def ground(
        self,
        depth: float,
        top: int,
        color_far: Color,
        color_near: Color,
        texture: float = 0.12,
        stripes: float = 0.0,
    ) -> np.ndarray:
        rows, cols = self.bottom(depth) - top, self.cols(depth)
        grad = vertical_gradient(
            rows,
            [(0.0, tuple(shade(color_far, self.lit, 0.5))), (1.0, tuple(shade(color_near, self.lit, 0.0)))],
        )
        rgb = np.repeat(grad[:, None, :], cols, axis=1)
        # Two octaves of soft texture; fine grain would cost bitrate and look like sensor noise.
        noise = 0.6 * value_noise_2d(rows, cols, max(3.0, self.w / 12), self.rng) + 0.4 * value_noise_2d(
            rows, cols, max(3.0, self.w / 36), self.rng
        )
        rgb *= (1.0 - texture + 2 * texture * noise)[..., None]
        if stripes:
            # Furrows / plank lines that get wider towards the viewer: perspective for free.
            yy = np.arange(rows, dtype=np.float32)
            phase = np.sqrt(yy + 4.0) * 3.2
            rgb *= (1.0 - stripes * (np.sin(phase) > 0.6))[:, None, None]
        self.add_opaque(to_u8(rgb), top, depth)
        return rgb

    def sky(self, stars: bool = True, clouds: float = 0.35) -> None:
        rows = self.h + 2 * self.tilt + 2
        top = -self.tilt
        moving = not (self.shot.time_of_day == "night" or self.shot.setting in ("space", "moon"))
        drift = self.w * 0.012 if moving else 0.0  # clouds drift; stars stay put
        cols = self.w + 2 * self.margin(0.05) + int(drift * self.shot.duration) + 2
        grad = vertical_gradient(rows, self.lit.sky_stops)
        # The gradient should end at the horizon, not at the bottom of the frame.
        horizon_row = self.horizon - top
        pos = np.clip(np.arange(rows) / max(1, horizon_row), 0, 1)
        grad = grad[(pos * (rows - 1)).astype(np.int32)]
        cover = min(1.0, clouds + self.lit.overcast)
        if cover > 0.02:
            # Clouds only above the horizon: the rows below are always hidden by the ground.
            crow = min(rows, horizon_row + 2)
            noise = (
                value_noise_2d(crow, cols, self.w / 5, self.rng) * 0.65
                + value_noise_2d(crow, cols, self.w / 14, self.rng) * 0.35
            )
            height = np.clip(1.0 - np.arange(crow) / max(1, horizon_row), 0, 1)[:, None]
            density = (np.clip((noise - (1.0 - cover) * 0.75) * 3.0, 0, 1) * (0.35 + 0.65 * height))[
                ..., None
            ]
            cloud_lit = np.array(
                {
                    "day": (248, 248, 252),
                    "dawn": (255, 214, 214),
                    "sunset": (255, 176, 150),
                    "night": (52, 58, 86),
                }[self.shot.time_of_day],
                np.float32,
            )
            cloud_dark = mix(cloud_lit, (90, 96, 112), 0.5 + 0.4 * self.lit.overcast)
            shade_mix = np.clip(noise[..., None] * 1.6 - 0.5, 0, 1)
            cloud_rgb = cloud_dark + (cloud_lit - cloud_dark) * shade_mix
            if self.shot.time_of_day == "night":
                cloud_rgb *= 0.7
            rgb = np.empty((rows, cols, 3), np.float32)
            rgb[:] = grad[:, None, :]
            rgb[:crow] += (cloud_rgb - rgb[:crow]) * density
        else:
            rgb = np.repeat(grad[:, None, :], cols, axis=1)
        if stars and self.shot.time_of_day == "night" and cover < 0.6 or self.shot.setting in ("space", "moon"):
            count = int(self.w * self.h / (90 if self.shot.setting in ("space", "moon") else 160))
            ys = self.rng.integers(0, max(1, horizon_row), count)
            xs = self.rng.integers(0, cols, count)
            bright = self.rng.uniform(0.35, 1.0, count)[:, None] * (1 - cover)
            rgb[ys, xs] = rgb[ys, xs] * (1 - bright) + 255 * bright
        self.layers.append(
            Layer(
                pixels=self.pack(to_u8(rgb)),
                mask=None,
                top=top,
                depth=0.05,
                margin=self.margin(0.05),
                drift=drift,
            )
        )

    def sun_sprite(self) -> tuple[Sprite | None, tuple[int, int]]:
        if self.shot.setting in INTERIORS | {"underwater", "cave", "moon"} or self.lit.overcast > 0.7:
            return None, (0, 0)
        color, height, radius_f = SUN[self.shot.time_of_day]
        if self.shot.setting == "space":
            color, height, radius_f = (255, 244, 220), 0.75, 0.035
        r = max(3, int(self.unit * radius_f))
        size = r * 6
        yy, xx = np.mgrid[0:size, 0:size].astype(np.float32) - size / 2
        d = np.sqrt(xx * xx + yy * yy) / r
        disc = np.clip((1.0 - d) * r * 0.8, 0, 1)
        glow = np.clip(1.0 - d / 3.0, 0, 1) ** 2 * 0.55
        alpha = np.maximum(disc, glow) * (1 - self.lit.overcast * 0.8)
        rgb = np.empty((size, size, 3), np.float32)
        rgb[:] = color
        if self.shot.time_of_day == "night":
            # A moon: a darker crescent bite and a cool glow.
            bite = np.sqrt((xx - r * 0.45) ** 2 + (yy + r * 0.2) ** 2) / r
            alpha = np.where(bite < 0.9, glow * 0.6, alpha)
        rgba = np.dstack([to_u8(rgb), to_u8(alpha * 255)])
        x = int(self.w * float(self.rng.uniform(0.28, 0.72)))
        y = int(self.horizon - height * self.horizon)
        return Sprite.from_rgba(rgba, anchor=(size // 2, size // 2)), (x, y)

    # settings -----------------------------------------------------------------------------------

    # scenery details ----------------------------------------------------------------------------

    def water_band(self, depth: float, top: int, bottom: int, surf_row: int | None) -> None:
        """Sea or lake from the horizon down to the shore: a loop of WATER_PHASES frames.

        The wave field is sin(A - 2a) * sin(B - a) with A, B fixed per pixel and a the loop phase,
        so each phase is a few multiply-adds from precomputed sines; brightness then picks the
        colour from a per-row lookup table of packed pixels.
        """
        rows, cols = bottom - top, self.cols(depth)
        y = np.arange(rows, dtype=np.float32)[:, None]
        x = np.arange(cols, dtype=np.float32)[None, :]
        persp = 1.0 / (y + 3.0)  # rows near the horizon are far away: small, dense waves
        freq = 0.9 / (persp * 40 + 1)
        wobble = value_noise_1d(cols, self.rng, ((self.w / 6, 1.0),))[None, :]
        a_field = x * freq * 0.35 + y * 0.9 / np.sqrt(persp * 6 + 0.3) + wobble * 2
        b_field = x * freq * 0.11 + y * 0.05
        sin_a, cos_a = np.sin(a_field), np.cos(a_field)
        sin_b, cos_b = np.sin(b_field), np.cos(b_field)
        glint = np.exp(-(((x - cols / 2) / (cols * 0.08)) ** 2))
        glint = glint * (0.9 if (self.shot.time_of_day != "day" or surf_row is None) else 0.3)

        # Lookup: (row, brightness level) -> packed colour. Levels cover wave values -1 .. 2.
        levels = 96
        level_value = np.linspace(-1.0, 2.0, levels, dtype=np.float32)[None, :, None]
        near = np.clip(y / max(1, rows), 0, 1)[..., None]  # (rows, 1, 1)
        deep = shade((24, 86, 130) if surf_row else (40, 90, 110), self.lit, 0.2)
        shallow = shade((40, 150, 170) if surf_row else (60, 120, 130), self.lit, 0.0)
        sky_color = np.asarray(self.lit.haze, np.float32) * 0.9
        base = mix(sky_color, mix(deep, shallow, near), np.clip(near * 3, 0, 1))  # reflects the sky far away
        foam = shade((248, 250, 252), self.lit, 0.0)
        sun = np.asarray(SUN[self.shot.time_of_day][0], np.float32)
        colour = base * (1.0 + 0.12 * np.clip(level_value, -1, 1))
        crest = np.clip((level_value - 0.7) * 3.3, 0, 1) * (0.25 + 0.5 * near)
        colour = mix(colour, foam, np.minimum(crest, 1.0))
        colour = mix(colour, sun, np.clip(level_value - 1.0, 0, 1) * 0.8)
        lut = self.pack(to_u8(colour))  # (rows, levels), graded once here instead of per phase
        row_index = np.arange(rows)[:, None]

        surf = None
        if surf_row is not None:
            # The surf line runs up the sand and back once per loop; colours by distance past it.
            s0 = max(0, surf_row - top - 4)
            sand = shade((214, 190, 140), self.lit, 0.0)
            wet = shade((170, 150, 110), self.lit, 0.0)
            d_values = np.arange(-3.0, rows * 0.2, 0.25, dtype=np.float32)[:, None]
            surf_colour = np.where(
                d_values > 1.5,
                mix(wet, sand, np.clip((d_values - 2) / (rows * 0.08), 0, 1)),
                mix(shallow, foam, np.clip(1.0 - np.abs(d_values) / 2.5, 0, 1) * 0.9),
            )
            surf = (s0, self.pack(to_u8(surf_colour)), y[s0:], wobble * rows * 0.02)

        k = WATER_PHASES
        phases = np.empty((k, rows, cols), np.uint32)
        for p in range(k):
            angle = 2 * np.pi * p / k
            wave = (sin_a * np.cos(2 * angle) - cos_a * np.sin(2 * angle)) * (
                sin_b * np.cos(angle) - cos_b * np.sin(angle)
            )
            bright = wave + glint * np.maximum(wave, 0)
            level = np.clip(((bright + 1.0) * (levels - 1) / 3.0).astype(np.int32), 0, levels - 1)
            phases[p] = lut[row_index, level]
            if surf is not None:
                s0, surf_lut, ys, wob = surf
                line = (surf_row - top) + (bottom - surf_row) * 0.55 * (0.5 + 0.5 * np.sin(angle)) + wob
                d = ys - line
                idx = np.clip(((d + 3.0) * 4).astype(np.int32), 0, surf_lut.shape[0] - 1)
                band = phases[p, s0:]
                np.copyto(band, surf_lut[idx], where=d > -2.5)
        self.layers.append(
            AnimatedBand(
                phases=phases,
                top=top,
                depth=depth,
                margin=self.margin(depth),
                cycle_seconds=k / 24 * (2 if surf_row else 1.5),
            )
        )

    def add_fog(self) -> None:
        """Drifting fog between the distance and the ground: far things fade, near ones stay crisp."""
        weather = self.shot.weather
        if self.shot.setting in INTERIORS | {"space", "underwater", "cave", "moon"} or weather not in ("fog", "snow", "rain"):
            return
        ground = next((i for i, layer in enumerate(self.layers) if layer.depth >= 0.5), len(self.layers))
        ground_top = min(
            (l.top for l in self.layers[ground:] if isinstance(l, (Layer, AnimatedBand))), default=self.h
        )
        strength = {"fog": 0.45, "snow": 0.22, "rain": 0.16}[weather]
        night = self.shot.time_of_day == "night"
        color = (70, 76, 96) if night else tuple(int(v) for v in mix(self.lit.haze, (214, 216, 222), 0.6))
        fog = FogLayer(
            self.w,
            top=max(0, self.horizon - int(0.35 * self.h)),
            bottom=min(self.h, ground_top + self.tilt),
            horizon=self.horizon,
            strength=strength,
            color=color,
            rng=self.rng,
        )
        self.layers.insert(ground, fog)

    def finish(self) -> Scenery:
        """Add the sun and the fog, and hand over the finished stack."""
        indoor = self.shot.setting in INTERIORS
        ground_line = int(self.horizon + (self.h - self.horizon) * (0.72 if indoor else 0.7))
        water_line = None
        if self.shot.setting in ("beach", "lake", "island", "harbor"):
            water_line = int(self.horizon + (self.h - self.horizon) * 0.22)
        sun, sun_pos = self.sun_sprite()
        self.add_fog()
        return Scenery(
            layers=self.layers,
            horizon=self.horizon,
            ground_line=ground_line,
            water_line=water_line,
            figure_height=int(self.h * (0.3 if self.w < self.h else 0.42)),
            sun=sun,
            sun_position=sun_pos,
            window=self.window,
            roads=self.roads,
            lamps=self.lamps,
            pan_px=self.pan,
            tilt_px=self.tilt,
        )
