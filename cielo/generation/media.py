"""Reading and writing video with PyAV: H.264 + AAC mp4, probing, frame and audio decoding, and the
thumbnail / spritesheet previews.

Every file is written under a temporary name in its final folder and renamed into place, so a crash
never leaves a truncated mp4, webp or jpg where a finished one is expected.

Colour: frames are converted to BT.709 limited-range YUV and the stream is tagged as such, which is
what browsers assume for HD video anyway; decoding honours the tag.
"""

from __future__ import annotations

import contextlib
import math
import os
import uuid
from collections.abc import Iterator, Sequence
from fractions import Fraction
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import av
import numpy as np
from PIL import Image

from cielo.generation.errors import GenerationError
from cielo.generation.frames import FrameFilter

AUDIO_RATE = 48_000
AAC_FRAME = 1024
X264_PRESET = "ultrafast"
X264_CRF = 23
# A fixed thread count keeps the encoded bytes identical from one machine to the next (x264's output
# depends on its thread count, never on timing).
X264_THREADS = 4
BT709 = 1  # AVCOL_SPC_BT709 / AVCOL_PRI_BT709 / AVCOL_TRC_BT709
LIMITED_RANGE = 1  # AVCOL_RANGE_MPEG


# --------------------------------------------------------------------------------- atomic files


def temporary_path(final: Path) -> Path:
    """A unique hidden name next to `final` (same folder, so os.replace is atomic)."""
    return final.with_name(f".{final.name}.{uuid.uuid4().hex[:12]}.part")


@contextlib.contextmanager
def atomic_output(final: Path) -> Iterator[Path]:
    """Yield a temporary path; on success rename it to `final`, on any error delete it."""
    tmp = temporary_path(final)
    try:
        yield tmp
        os.replace(tmp, final)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_bytes_atomic(final: Path, data: bytes) -> None:
    with atomic_output(final) as tmp:
        tmp.write_bytes(data)


# ----------------------------------------------------------------------------------- writing


class VideoWriter:
    """An H.264 (+ optional AAC) mp4 written frame by frame, renamed into place on `close()`.

    Each frame passes the `filters` (cielo.generation.frames: marks, samplers) in order just before it is
    encoded, at the output size. Use as a context manager: leaving the block with an exception deletes the
    partial file.
    """

    def __init__(
        self,
        path: Path,
        width: int,
        height: int,
        fps: int,
        *,
        audio: bool = False,
        faststart: bool = False,
        preset: str = X264_PRESET,
        crf: int = X264_CRF,
        filters: Sequence[FrameFilter] = (),
    ) -> None:
        if width % 2 or height % 2:
            raise GenerationError(
                "invalid_request", f"H.264 4:2:0 needs even dimensions, got {width}x{height}"
            )
        self.path = Path(path)
        self.width, self.height, self.fps = width, height, fps
        self._tmp = temporary_path(self.path)
        options = {"movflags": "faststart"} if faststart else {}
        self._container = av.open(str(self._tmp), "w", format="mp4", options=options)
        self._container.metadata["encoder"] = "cielo"
        self._video = self._container.add_stream("libx264", rate=fps)
        self._video.width, self._video.height, self._video.pix_fmt = width, height, "yuv420p"
        # One keyframe per second: seeking (and the spritesheet) lands on whole seconds cheaply.
        self._video.options = {
            "preset": preset,
            "crf": str(crf),
            "x264-params": f"keyint={fps}:min-keyint={fps}:scenecut=0",
        }
        cc = self._video.codec_context
        cc.thread_count = X264_THREADS
        cc.colorspace, cc.color_primaries, cc.color_trc, cc.color_range = BT709, BT709, BT709, LIMITED_RANGE
        self._time_base = Fraction(1, fps)  # frame pts are frame numbers
        self._audio = None
        if audio:
            self._audio = self._container.add_stream("aac", rate=AUDIO_RATE, layout="stereo")
            self._audio.bit_rate = 160_000
            self._audio.options = {"aac_coder": "fast"}
        self._filters = tuple(filters)
        self._frames = 0
        self._samples = 0
        self._closed = False

    @property
    def frames_written(self) -> int:
        return self._frames

    def to_yuv(self, picture: np.ndarray) -> av.VideoFrame:
        """An RGB (h, w, 3) or RGBA (h, w, 4) array of any size -> a yuv420p frame at the output
        size; swscale scales and converts in one pass."""
        fmt = "rgba" if picture.shape[2] == 4 else "rgb24"
        frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(picture), format=fmt)
        return frame.reformat(
            self.width, self.height, "yuv420p", dst_colorspace="ITU709", interpolation="BILINEAR"
        )

    def write(self, frame: av.VideoFrame, *, owned: bool = False, from_source: bool = False) -> None:
        """Encode one frame. `owned`: the caller made this frame for this call and will not use it again, so
        the filters may draw on it directly; otherwise (an engine may hold a frame and write it again) they
        draw on a copy. `from_source`: the frame shows the source video's picture (see FrameFilter)."""
        if frame.width != self.width or frame.height != self.height or frame.format.name != "yuv420p":
            frame = frame.reformat(self.width, self.height, "yuv420p", dst_colorspace="ITU709")
            owned = True
        if self._filters:
            if not owned:
                copy = av.VideoFrame.from_ndarray(frame.to_ndarray(), format="yuv420p")
                copy.colorspace, copy.color_range = frame.colorspace, frame.color_range
                frame = copy
            for apply in self._filters:
                frame = apply(frame, self._frames, from_source)
        frame.pts = self._frames
        frame.time_base = self._time_base
        self._frames += 1
        self._container.mux(self._video.encode(frame))

    def write_audio(self, samples: np.ndarray) -> None:
        """Append float32 stereo samples, shape (2, n), at 48 kHz."""
        if self._audio is None:
            raise ValueError("this writer has no audio stream")
        samples = np.ascontiguousarray(samples, dtype=np.float32)
        for start in range(0, samples.shape[1], AAC_FRAME):
            chunk = np.ascontiguousarray(samples[:, start : start + AAC_FRAME])
            frame = av.AudioFrame.from_ndarray(chunk, format="fltp", layout="stereo")
            frame.sample_rate = AUDIO_RATE
            frame.pts = self._samples
            self._samples += chunk.shape[1]
            self._container.mux(self._audio.encode(frame))

    def close(self) -> Path:
        if self._closed:
            return self.path
        self._container.mux(self._video.encode(None))
        if self._audio is not None:
            self._container.mux(self._audio.encode(None))
        self._container.close()
        self._closed = True
        os.replace(self._tmp, self.path)
        return self.path

    def abort(self) -> None:
        if not self._closed:
            self._closed = True
            with contextlib.suppress(Exception):
                self._container.close()
        self._tmp.unlink(missing_ok=True)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


def mux_audio(video_path: Path, audio: np.ndarray, out_path: Path, *, faststart: bool = True) -> Path:
    """Copy the H.264 stream of `video_path` (no re-encode) and add `audio` (2, n) float32 as AAC."""
    with atomic_output(out_path) as tmp:
        options = {"movflags": "faststart"} if faststart else {}
        with av.open(str(video_path)) as src, av.open(str(tmp), "w", format="mp4", options=options) as dst:
            dst.metadata["encoder"] = "cielo"
            in_video = src.streams.video[0]
            out_video = dst.add_stream_from_template(in_video)
            out_audio = dst.add_stream("aac", rate=AUDIO_RATE, layout="stereo")
            out_audio.bit_rate = 160_000
            out_audio.options = {"aac_coder": "fast"}  # twice as fast as the default, same size
            for packet in src.demux(in_video):
                if packet.dts is None:
                    continue
                packet.stream = out_video
                dst.mux(packet)
            audio = np.ascontiguousarray(audio, dtype=np.float32)
            for pts in range(0, audio.shape[1], AAC_FRAME):
                chunk = np.ascontiguousarray(audio[:, pts : pts + AAC_FRAME])
                frame = av.AudioFrame.from_ndarray(chunk, format="fltp", layout="stereo")
                frame.sample_rate = AUDIO_RATE
                frame.pts = pts
                dst.mux(out_audio.encode(frame))
            dst.mux(out_audio.encode(None))
    return out_path


def remux(src_path: Path, out_path: Path, *, faststart: bool = True) -> Path:
    """Copy every stream of `src_path` into a new mp4 without re-encoding (e.g. to add faststart)."""
    with atomic_output(out_path) as tmp:
        options = {"movflags": "faststart"} if faststart else {}
        with av.open(str(src_path)) as src, av.open(str(tmp), "w", format="mp4", options=options) as dst:
            mapping = {
                s.index: dst.add_stream_from_template(s) for s in src.streams if s.type in ("video", "audio")
            }
            for packet in src.demux(*[s for s in src.streams if s.index in mapping]):
                if packet.dts is None:
                    continue
                packet.stream = mapping[packet.stream.index]
                dst.mux(packet)
    return out_path


# ----------------------------------------------------------------------------------- reading


def _open(path: Path) -> av.container.InputContainer:
    try:
        return av.open(str(path))
    except (av.error.FFmpegError, OSError) as exc:
        raise GenerationError("invalid_source_video", f"cannot read video {Path(path).name}: {exc}") from exc


def probe(path: Path) -> dict[str, Any]:
    """width, height, duration (s), fps, frame_count, has_audio, video_codec, audio_codec,
    sample_rate and channels of a video file."""
    with _open(path) as container:
        if not container.streams.video:
            raise GenerationError("invalid_source_video", f"{Path(path).name} has no video stream")
        v = container.streams.video[0]
        fps = float(v.average_rate or v.guessed_rate or 24)
        frames = v.frames
        if v.duration is not None and v.time_base is not None:
            duration = float(v.duration * v.time_base)
        elif container.duration is not None:
            duration = container.duration / av.time_base
        else:
            duration = frames / fps if frames else 0.0
        if not frames:
            frames = round(duration * fps)
        info: dict[str, Any] = {
            "width": v.codec_context.width,
            "height": v.codec_context.height,
            "duration": duration,
            "fps": fps,
            "frame_count": frames,
            "video_codec": v.codec_context.name,
            "has_audio": False,
            "audio_codec": None,
            "sample_rate": None,
            "channels": None,
            "audio_duration": None,
        }
        if container.streams.audio:
            a = container.streams.audio[0]
            info.update(
                has_audio=True,
                audio_codec=a.codec_context.name,
                sample_rate=a.codec_context.sample_rate,
                channels=a.codec_context.channels
                if hasattr(a.codec_context, "channels")
                else len(a.layout.channels),
                audio_duration=float(a.duration * a.time_base) if a.duration is not None else None,
            )
        return info


def iter_video_frames(path: Path, fps: int | None = None) -> Iterator[av.VideoFrame]:
    """Decoded frames; with `fps`, resampled by timestamp (frames repeated or dropped) to that rate."""
    with _open(path) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        if fps is None:
            yield from container.decode(stream)
            return
        tb = stream.time_base
        start = stream.start_time or 0
        src_step = 1.0 / float(stream.average_rate or fps)
        tolerance = 0.25 / fps
        index = 0
        previous: av.VideoFrame | None = None
        last_t = 0.0
        for frame in container.decode(stream):
            t = float((frame.pts - start) * tb) if frame.pts is not None else index / fps
            # Output frame i shows the newest source frame that started at or before i / fps.
            while previous is not None and index / fps < t - tolerance:
                yield previous
                index += 1
            previous, last_t = frame, t
        while previous is not None and index / fps < last_t + src_step - tolerance:
            yield previous
            index += 1


def iter_frames(
    path: Path,
    *,
    fps: int | None = None,
    width: int | None = None,
    height: int | None = None,
    format: str = "rgb24",
) -> Iterator[np.ndarray]:
    """Decoded frames as arrays ("rgb24" or "rgba"), optionally resampled to `fps` and fitted to
    width x height (scaled to cover and centre-cropped, like CSS object-fit: cover)."""
    last: tuple[av.VideoFrame, np.ndarray] | None = None
    for frame in iter_video_frames(path, fps):
        if last is not None and last[0] is frame:  # a repeated frame: reuse the conversion
            yield last[1]
            continue
        image = (
            fit_frame(frame, width, height, format) if width and height else frame.to_ndarray(format=format)
        )
        last = (frame, image)
        yield image


def fit_frame(frame: av.VideoFrame, width: int, height: int, format: str = "rgb24") -> np.ndarray:
    """An array of exactly width x height ("rgb24" or "rgba"): scaled to cover, centre-cropped."""
    scale = max(width / frame.width, height / frame.height)
    tw, th = max(width, round(frame.width * scale)), max(height, round(frame.height * scale))
    image = frame.reformat(tw, th, format, interpolation="BILINEAR").to_ndarray()
    if (tw, th) != (width, height):
        left, top = (tw - width) // 2, (th - height) // 2
        image = np.ascontiguousarray(image[top : top + height, left : left + width])
    return image


def read_frames(path: Path, **kwargs: Any) -> list[np.ndarray]:
    return list(iter_frames(path, **kwargs))


def first_frame(path: Path) -> Image.Image:
    for frame in iter_frames(path):
        return Image.fromarray(frame)
    raise GenerationError("invalid_source_video", f"{Path(path).name} has no frames")


def last_frame(path: Path) -> Image.Image:
    """The final frame: seek near the end, then decode to the last one."""
    with _open(path) as container:
        stream = container.streams.video[0]
        last = None
        if stream.duration:
            container.seek(max(0, int(stream.duration - 2 / stream.time_base)), stream=stream)
        for frame in container.decode(stream):
            last = frame
        if last is None:  # the seek overshot on an odd file: decode from the start
            container.seek(0, stream=stream)
            for frame in container.decode(stream):
                last = frame
    if last is None:
        raise GenerationError("invalid_source_video", f"{Path(path).name} has no frames")
    return last.to_image()


def frames_at(
    path: Path, times: list[float], width: int | None = None, height: int | None = None
) -> list[Image.Image]:
    """One image per requested time (seconds), decoding from the keyframe before each time.

    Our own videos carry a keyframe every second, so whole-second times cost one decode each.
    """
    images: list[Image.Image] = []
    with _open(path) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        tb = stream.time_base
        start = stream.start_time or 0
        for t in times:
            target = start + round(t / tb)
            container.seek(target, stream=stream, backward=True, any_frame=False)
            chosen = None
            for frame in container.decode(stream):
                if chosen is not None and frame.pts is not None and frame.pts > target:
                    break
                chosen = frame
                if frame.pts is not None and frame.pts >= target:
                    break
            if chosen is None:
                raise GenerationError("invalid_source_video", f"{Path(path).name}: no frame at {t:.2f}s")
            if width and height:
                images.append(chosen.reformat(width, height, "rgb24", interpolation="AREA").to_image())
            else:
                images.append(chosen.to_image())
    return images


def decode_audio(path: Path, rate: int = AUDIO_RATE) -> np.ndarray:
    """The first audio stream as float32 stereo (2, n) at `rate`; (2, 0) when there is none."""
    with _open(path) as container:
        if not container.streams.audio:
            return np.zeros((2, 0), np.float32)
        stream = container.streams.audio[0]
        resampler = av.AudioResampler(format="fltp", layout="stereo", rate=rate)
        chunks = []
        for frame in container.decode(stream):
            for out in resampler.resample(frame):
                chunks.append(out.to_ndarray())
        for out in resampler.resample(None):
            chunks.append(out.to_ndarray())
    if not chunks:
        return np.zeros((2, 0), np.float32)
    return np.concatenate(chunks, axis=1).astype(np.float32)


# ---------------------------------------------------------------------------------- previews


def thumbnail_layout(info: dict[str, Any], max_side: int = 960) -> dict[str, Any]:
    """Where (seconds) and how big the thumbnail of a probed video is: a third of the way in, on a
    whole second (where our videos have keyframes), no larger than `max_side`."""
    duration = info["duration"]
    at = float(min(max(0, int(duration) - 1), max(0, round(duration / 3))))
    scale = min(1.0, max_side / max(info["width"], info["height"]))
    return {"time": at, "width": _even(info["width"] * scale), "height": _even(info["height"] * scale)}


def spritesheet_layout(
    info: dict[str, Any],
    *,
    columns: int = 10,
    tile_width: int = 128,
    interval: float = 1.0,
    min_tiles: int = 10,
) -> dict[str, Any]:
    """The grid of a probed video's spritesheet: one tile every `interval` seconds (closer together
    for short videos, so there are at least `min_tiles`), left to right, top to bottom. A player
    maps a time t to tile min(tiles - 1, t // interval)."""
    duration = info["duration"]
    count = max(min_tiles, math.ceil(duration / interval - 1e-6))
    step = duration / count if count * interval > duration + 1e-6 else interval
    return {
        "columns": columns,
        "rows": math.ceil(count / columns),
        "tiles": count,
        "tile_width": tile_width,
        "tile_height": _even(tile_width * info["height"] / info["width"]),
        "interval": round(step, 4),
    }


def _tile_times(info: dict[str, Any], layout: dict[str, Any]) -> list[float]:
    last = info["duration"] - 0.5 / info["fps"]
    return [min(last, i * layout["interval"]) for i in range(layout["tiles"])]


def _save_thumbnail(image: Image.Image, out: Path) -> None:
    with atomic_output(out) as tmp:
        image.save(tmp, format="WEBP", quality=82, method=4)


def _save_spritesheet(tiles: list[Image.Image], layout: dict[str, Any], out: Path) -> None:
    tw, th = layout["tile_width"], layout["tile_height"]
    sheet = Image.new("RGB", (layout["columns"] * tw, layout["rows"] * th), (0, 0, 0))
    for i, tile in enumerate(tiles):
        sheet.paste(tile, ((i % layout["columns"]) * tw, (i // layout["columns"]) * th))
    with atomic_output(out) as tmp:
        sheet.save(tmp, format="JPEG", quality=80, optimize=True)


def write_thumbnail(video: Path, out: Path, **layout_options: Any) -> dict[str, Any]:
    """A webp of one frame (see thumbnail_layout), decoded from `video`; returns its layout."""
    layout = thumbnail_layout(probe(video), **layout_options)
    _save_thumbnail(frames_at(video, [layout["time"]], layout["width"], layout["height"])[0], out)
    return layout


def write_spritesheet(video: Path, out: Path, **layout_options: Any) -> dict[str, Any]:
    """A jpg grid of frames (see spritesheet_layout), decoded from `video`; returns its layout."""
    info = probe(video)
    layout = spritesheet_layout(info, **layout_options)
    _save_spritesheet(frames_at(video, _tile_times(info, layout), layout["tile_width"], layout["tile_height"]),
                      layout, out)
    return layout


class PreviewSampler:
    """A frame filter keeping, from the frames on their way into the encoder, the thumbnail and the
    spritesheet's tiles of a video of known size and length, at the frames `write_thumbnail` and
    `write_spritesheet` would decode: the previews cost no second decode. `write` says False when the
    video did not turn out as expected (then decode the file instead)."""

    def __init__(self, width: int, height: int, fps: int, frame_count: int) -> None:
        self.info = {"width": width, "height": height, "fps": fps, "duration": frame_count / fps}
        self.frame_count = frame_count
        self.thumbnail = thumbnail_layout(self.info)
        self.sprites = spritesheet_layout(self.info)
        self._thumbnail_index = int(self.thumbnail["time"] * fps + 1e-6)
        self._tile_indexes: dict[int, list[int]] = {}
        for tile, t in enumerate(_tile_times(self.info, self.sprites)):
            self._tile_indexes.setdefault(int(t * fps + 1e-6), []).append(tile)
        self._image: Image.Image | None = None
        self._tiles: dict[int, Image.Image] = {}
        self._seen = 0

    def __call__(self, frame: av.VideoFrame, index: int, from_source: bool = False) -> av.VideoFrame:
        from cielo.generation.frames import to_rgb

        self._seen = max(self._seen, index + 1)
        if index == self._thumbnail_index:
            self._image = Image.fromarray(to_rgb(frame, self.thumbnail["width"], self.thumbnail["height"]))
        if index in self._tile_indexes:
            tile = Image.fromarray(to_rgb(frame, self.sprites["tile_width"], self.sprites["tile_height"]))
            for number in self._tile_indexes[index]:
                self._tiles[number] = tile
        return frame

    def write(self, thumbnail: Path, spritesheet: Path) -> bool:
        if self._seen != self.frame_count or self._image is None or len(self._tiles) != self.sprites["tiles"]:
            return False
        _save_thumbnail(self._image, thumbnail)
        _save_spritesheet([self._tiles[i] for i in range(self.sprites["tiles"])], self.sprites, spritesheet)
        return True


def _even(x: float) -> int:
    return max(2, round(x / 2) * 2)
