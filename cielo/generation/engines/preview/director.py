"""Turns a plan into a sequence of pictures: one `ShotRenderer` per shot, frames in order.

Pictures are produced at a drawing size (see `internal_size`) and carry the crop the camera's
zoom asks for; the encoder side scales them to the output size. Spoken lines are not drawn into the
picture: they travel as timed text in the video's metadata (a caption track).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np
from PIL import Image

from cielo.generation.engines.preview.camera import CameraState, camera_at, crop_box, ken_burns_at
from cielo.generation.engines.preview.canvas import cover_fit, crossfade, pack, rgb_view, rgba_view
from cielo.generation.engines.preview.cast import Cast
from cielo.generation.engines.preview.figures import Figure
from cielo.generation.engines.preview.palette import apply_lut, backdrop_lut
from cielo.generation.engines.preview.scenery import AnimatedBand, Layer, Scenery, build_scenery
from cielo.generation.engines.preview.weather import FogLayer, Weather
from cielo.generation.errors import GenerationError
from cielo.generation.plan import Plan, Shot

# Drawing size: outputs up to about 360x640 are drawn at their own size; larger ones at half their
# size (720x1280 at 360x640, 1080x1920 at 540x960), so a bigger video is drawn with more detail. The
# picture is enlarged by swscale's bilinear filter while it converts to YUV (one pass, no extra cost).
# The scenery is soft shapes and gradients, so the enlargement is hard to see, and drawing at half
# size keeps the frame budget (about 10 ms for 720x1280) reachable.
INTERNAL_AREA = 360 * 640
MAX_FACTOR = 2
FADE_IN = 0.8  # seconds over which overlays appear on a reference image
DISSOLVE = 1.0  # seconds of dissolve from the source's last frame when extending


def internal_size(width: int, height: int) -> tuple[int, int]:
    """The size the preview engine draws a width x height video at (see above)."""
    factor = min(MAX_FACTOR, max(1, round(math.sqrt(width * height / INTERNAL_AREA))))
    return max(2, width // factor // 2 * 2), max(2, height // factor // 2 * 2)


@dataclass
class FrameJob:
    """One output frame: a picture to enlarge, or a finished frame at the output size."""

    time: float  # output seconds
    picture: np.ndarray | None = None  # (h, w, 4) uint8 RGBA at the internal size (already cropped)
    video_frame: av.VideoFrame | None = None
    from_source: bool = False  # shows the source video's picture (an extension's first part, an edit)


class ShotRenderer:
    """Draws one shot: scenery (or a backdrop image/video frame), figures, weather, camera."""

    def __init__(
        self,
        plan: Plan,
        shot: Shot,
        width: int,
        height: int,
        *,
        still: np.ndarray | None = None,
        backdrop_video: bool = False,
        sceneries: dict[tuple, Scenery] | None = None,
        figures: dict[tuple, Figure] | None = None,
    ) -> None:
        """`still`: packed (h, w) uint32 image replacing the scenery; `backdrop_video`: frames come per call."""
        self.plan, self.shot, self.w, self.h = plan, shot, width, height
        self.still = still
        self.backdrop_video = backdrop_video
        self.scenery: Scenery | None = None
        # Prefix cache: composite of layers [0..i] keyed by every shift that went into it. Far layers
        # rarely move, so most frames start from a cached composite and draw only the near layers.
        self._cache: list[tuple[tuple, np.ndarray]] = []
        if still is None and not backdrop_video:
            self.scenery = scenery_for(plan, shot, width, height, sceneries)
            s = self.scenery
            horizon, ground, water, fig_h = s.horizon, s.ground_line, s.water_line, s.figure_height
            window, roads, lamps, sun = s.window, s.roads, s.lamps, s.sun_position
        else:
            # Over someone's image or video we cannot know where the ground is; stand figures low.
            horizon, ground, water = int(height * 0.55), int(height * 0.86), None
            fig_h = int(height * (0.26 if width < height else 0.36))
            window, roads, lamps, sun = None, [], [], None
        self.cast = Cast(
            shot,
            plan.subjects,
            plan.dialogue,
            width=width,
            height=height,
            ground_line=ground,
            water_line=water,
            horizon=horizon,
            figure_height=fig_h,
            tempo=plan.music.tempo,
            seed=plan.seed,
            figures=figures,
        )
        weather_shot = shot
        if backdrop_video and "weather" not in shot.stated:
            # An edit only adds weather when asked to; the source already has its own.
            weather_shot = dataclasses.replace(shot, weather="clear", lightning=[])
        self.weather = Weather(
            weather_shot,
            width,
            height,
            plan.seed,
            horizon=horizon,
            window=window,
            roads=roads,
            lamps=lamps,
            sun_position=sun,
            fog_overlay=self.scenery is None,
        )
        self.lut = (
            backdrop_lut(
                shot.mood,
                shot.time_of_day,
                shot.weather,
                relight=bool({"time_of_day", "weather"} & set(shot.stated)),
            )
            if backdrop_video
            else None
        )

    def camera(self, t: float) -> CameraState:
        u = (t - self.shot.start) / max(1e-6, self.shot.duration)
        if self.backdrop_video:
            return CameraState(0.0, 0.0, 1.0)  # the source video already has its own camera
        if self.still is not None:
            return ken_burns_at(self.shot.camera, u)
        return camera_at(self.shot.camera, u)

    def render(
        self, t: float, backdrop: np.ndarray | None = None
    ) -> tuple[np.ndarray, tuple[int, int, int, int]]:
        """The packed picture (h, w) uint32 at time t (seconds of new content) and the camera's crop box.

        `backdrop` (edit mode) is the source frame as (h, w, 4) RGBA."""
        cam = self.camera(t)
        opacity = 1.0
        if self.backdrop_video:
            if backdrop is None:
                raise ValueError("an edit shot needs its backdrop frame")
            frame = backdrop.view(np.uint32)[..., 0].copy()
            rgb = rgb_view(frame)
            rgb[...] = apply_lut(rgb, self.lut)
        elif self.still is not None:
            frame = self.still.copy()
            opacity = min(1.0, (t - self.shot.start) / FADE_IN)
        else:
            frame = self._draw_scenery(cam, t)
        pan = self.scenery.pan_px if self.scenery else 0
        tilt = self.scenery.tilt_px if self.scenery else 0
        for placed in self.cast.place(t):
            dx, dy = cam.layer_shift(placed.depth, pan, tilt)
            placed.sprite.draw(frame, placed.x - dx, placed.y - dy, opacity * placed.opacity)
        near = cam.layer_shift(1.0, pan, tilt)
        self.weather.draw(frame, t, opacity, shift=(-near[0], -near[1]))
        return frame, crop_box(cam, self.w, self.h)

    def _draw_scenery(self, cam: CameraState, t: float) -> np.ndarray:
        s = self.scenery
        assert s is not None
        local = t - self.shot.start
        key: tuple = ()
        image: np.ndarray | None = None
        for i, layer in enumerate(s.layers):
            dx, dy = cam.layer_shift(layer.depth, s.pan_px, s.tilt_px)
            if isinstance(layer, FogLayer):
                layer_key: tuple = ("fog", layer.key(local))
            elif isinstance(layer, AnimatedBand):
                k = layer.phases.shape[0]
                layer_key = (dx, dy, int(local / layer.cycle_seconds * k) % k)
            else:
                layer_key = (dx, dy, int(local * layer.drift))
            key = (*key, layer_key)
            if i < len(self._cache) and self._cache[i][0] == key:
                image = self._cache[i][1]
                continue
            image = np.empty((self.h, self.w), np.uint32) if image is None else image.copy()
            self._draw_layer(image, layer, layer_key, dx, dy, local)
            if i == 0 and s.sun is not None:
                sdx, sdy = cam.layer_shift(0.02, s.pan_px, s.tilt_px)
                s.sun.draw(image, s.sun_position[0] - sdx, s.sun_position[1] - sdy)
            del self._cache[i:]
            self._cache.append((key, image))
        assert image is not None
        return image.copy()

    def _draw_layer(
        self,
        image: np.ndarray,
        layer: Layer | AnimatedBand | FogLayer,
        layer_key: tuple,
        dx: int,
        dy: int,
        local: float,
    ) -> None:
        h, w = self.h, self.w
        if isinstance(layer, FogLayer):
            layer.draw(image, local)
            return
        if isinstance(layer, AnimatedBand):
            src = layer.phases[layer_key[2]]
            mask = None
            x0 = layer.margin + dx
        else:
            src, mask = layer.pixels, layer.mask
            x0 = layer.margin + dx + layer_key[2]
        top = layer.top + dy
        r0, r1 = max(0, top), min(h, top + src.shape[0])
        if r0 >= r1:
            return
        x0 = min(max(0, x0), src.shape[1] - w)
        window = src[r0 - top : r1 - top, x0 : x0 + w]
        if mask is None:
            image[r0:r1] = window
        else:
            np.copyto(image[r0:r1], window, where=mask[r0 - top : r1 - top, x0 : x0 + w])


def scenery_for(
    plan: Plan, shot: Shot, width: int, height: int, sceneries: dict[tuple, Scenery] | None
) -> Scenery:
    """The shot's scenery; the shots that cover one scene share it (drawn once, long enough for all)."""
    key = (shot.scene, shot.setting, shot.variant, tuple(shot.tint or ()), shot.time_of_day, shot.weather, shot.mood)
    if sceneries is not None and key in sceneries:
        return sceneries[key]
    same = [s for s in plan.shots if s.scene == shot.scene] or [shot]
    spanning = dataclasses.replace(shot, start=min(s.start for s in same), end=max(s.end for s in same))
    scenery = build_scenery(spanning, width, height, plan.seed)
    if sceneries is not None:
        sceneries[key] = scenery
    return scenery


def _crop(frame: np.ndarray, box: tuple[int, int, int, int]) -> np.ndarray:
    """The camera's view of a packed frame as contiguous (h, w, 4) RGBA for the scaler."""
    x0, y0, x1, y1 = box
    if (x0, y0, x1, y1) != (0, 0, frame.shape[1], frame.shape[0]):
        frame = np.ascontiguousarray(frame[y0:y1, x0:x1])
    return rgba_view(frame)


def load_reference(path: Path, width: int, height: int) -> np.ndarray:
    """The input reference, covering width x height, packed."""
    try:
        with Image.open(path) as image:
            image.load()
            return pack(cover_fit(image, width, height))
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise GenerationError(
            "invalid_input_reference", f"input_reference is not a readable image: {exc}"
        ) from exc


def new_content(
    plan: Plan,
    width: int,
    height: int,
    *,
    still: np.ndarray | None = None,
    dissolve_from: np.ndarray | None = None,
) -> Iterator[FrameJob]:
    """The plan's frames. `still` replaces the first shot's scenery (an input reference);
    `dissolve_from` is faded out over the first second (the last frame of an extended video)."""
    renderer: ShotRenderer | None = None
    sceneries: dict[tuple, Scenery] = {}
    figures: dict[tuple, Figure] = {}  # a figure keeps the poses it drew for the next shot it is in
    for i in range(plan.frame_count):
        t = i / plan.fps
        shot = plan.shot_at(t)
        if renderer is None or renderer.shot is not shot:
            renderer = ShotRenderer(plan, shot, width, height, still=still if shot.index == 0 else None,
                                    sceneries=sceneries, figures=figures)
        frame, box = renderer.render(t)
        if dissolve_from is not None and t < DISSOLVE:
            # Mix like with like: bring the camera's crop back to full size first.
            picture = _crop(frame, box)
            if box != (0, 0, width, height):
                picture = np.asarray(Image.fromarray(picture, "RGBA").resize((width, height), Image.BILINEAR))
            u = t / DISSOLVE
            yield FrameJob(
                time=plan.offset + t, picture=crossfade(dissolve_from, picture, u * u * (3 - 2 * u))
            )
            continue
        yield FrameJob(time=plan.offset + t, picture=_crop(frame, box))


def edited_content(plan: Plan, source: Path, width: int, height: int) -> Iterator[FrameJob]:
    """The source video's frames, graded, with the plan's figures and weather over them."""
    from cielo.generation.media import iter_frames

    renderer: ShotRenderer | None = None
    frames = iter_frames(source, fps=plan.fps, width=width, height=height, format="rgba")
    last: np.ndarray | None = None
    for i in range(plan.frame_count):
        t = i / plan.fps
        backdrop = next(frames, None)
        if backdrop is None:  # source a frame short of its stated duration: hold its last frame
            if last is None:
                raise GenerationError("invalid_source_video", "the source video has no frames")
            backdrop = last
        last = backdrop
        shot = plan.shot_at(t)
        if renderer is None or renderer.shot is not shot:
            renderer = ShotRenderer(plan, shot, width, height, backdrop_video=True)
        frame, box = renderer.render(t, backdrop=backdrop)
        yield FrameJob(time=t, picture=_crop(frame, box), from_source=True)


def source_frames(source: Path, count: int, fps: int, width: int, height: int) -> Iterator[FrameJob]:
    """An extended video's original part, re-encoded at the output size (frames kept as YUV)."""
    from cielo.generation.media import fit_frame, iter_video_frames

    produced = 0
    last: av.VideoFrame | None = None
    for frame in iter_video_frames(source, fps):
        if produced >= count:
            break
        if frame.width == width and frame.height == height:
            out = frame.reformat(format="yuv420p", dst_colorspace="ITU709")
        else:
            out = av.VideoFrame.from_ndarray(fit_frame(frame, width, height), format="rgb24").reformat(
                format="yuv420p", dst_colorspace="ITU709"
            )
        last = out
        yield FrameJob(time=produced / fps, video_frame=out, from_source=True)
        produced += 1
    while produced < count and last is not None:
        yield FrameJob(time=produced / fps, video_frame=last, from_source=True)
        produced += 1
