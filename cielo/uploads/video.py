"""Uploaded videos (cameo clips, edit and extension sources, provenance checks): decode a short webm/mp4/mov
with PyAV into evenly sampled frames and mono audio, refusing what is too long or too large before
decoding it.

The browser's MediaRecorder gives webm VP8/VP9 + Opus, phones give mp4 H.264/HEVC + AAC. :func:`read_clip`
checks the container and the frame size from its metadata, then demuxes without decoding to measure the
real duration from the packets' timestamps (MediaRecorder webm files often carry no duration in their
header) and count the frames, stopping as soon as either is over its limit: a 1.6 MB file can hold
30,000 frames. Only then it decodes, keeping the ``n_frames`` frames nearest evenly spaced times,
applies the display rotation phones record, shrinks the frames and returns the audio as 16 kHz mono
float32. The caller runs it off the event loop (:func:`cielo.uploads.decode_off_loop`).

Everything that is wrong with the input is a :class:`ClipError` with a stable ``code``:

``not_a_video``
    not a readable mp4/webm container with a video stream (random bytes, an image, an mp3...)
``corrupt_clip``
    the container opens but its frames or audio cannot be decoded
``clip_too_short`` / ``clip_too_long``
    the duration is outside ``[min_duration, max_duration]`` (with a small tolerance), or it holds more
    than ``max_frames`` frames
``clip_too_large``
    the frames are larger than ``max_pixels``
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from cielo.errors import InvalidInput

__all__ = ["Clip", "ClipError", "read_clip"]

ALLOWED_FORMATS = ("mp4", "mov", "webm", "matroska")
"""Demuxer names (as FFmpeg spells them) accepted for cameo clips."""


class ClipError(InvalidInput):
    """The clip cannot be used; ``code`` says why (see the module docstring), ``message`` says it to a person."""

    def __init__(self, code: str, message: str, param: str = "clip") -> None:
        super().__init__(message, param=param, code=code)

    def __repr__(self) -> str:
        return f"ClipError({self.code!r}, {self.message!r})"


@dataclass(frozen=True, eq=False)
class Clip:
    """Frames sampled evenly through a clip, their times, and the clip's audio (if any)."""

    frames: list[np.ndarray]  # RGB uint8 (h, w, 3), upright, at most max_side on the long side
    timestamps: list[float]  # seconds from the first frame, one per sampled frame
    duration: float  # seconds, from the video packets' timestamps
    width: int  # upright source size, before shrinking
    height: int
    fps: float  # average frame rate measured from the timestamps
    video_codec: str
    container: str
    audio: np.ndarray | None  # mono float32 in [-1, 1] at audio_rate; None when the clip has no audio
    audio_rate: int
    rotation: int = 0  # degrees the source frames were turned counterclockwise to stand upright

    @property
    def has_audio(self) -> bool:
        return self.audio is not None and self.audio.size > 0


Source = str | Path | bytes | bytearray | memoryview | BinaryIO


def read_clip(
    source: Source,
    *,
    n_frames: int = 16,
    min_duration: float = 3.0,
    max_duration: float = 10.0,
    tolerance: float = 0.25,
    max_side: int | None = 640,
    max_pixels: int = 3840 * 2160,
    max_fps: float = 120.0,
    audio: bool = True,
    audio_rate: int = 16000,
    param: str = "clip",
) -> Clip:
    """Decode ``source`` (a path, bytes, or a seekable binary file) and sample ``n_frames`` frames from it.

    Frames are taken nearest to the times ``start + (i + 0.5) * duration / n_frames``. The duration must
    lie within ``[min_duration - tolerance, max_duration + tolerance]`` seconds, and the clip may hold at
    most ``max_fps`` frames per second of its longest allowed length. Without ``audio``, decoding stops at
    the last frame wanted. Raises :class:`ClipError`, naming ``param``.
    """
    if n_frames < 1:
        raise ValueError("n_frames must be at least 1")
    with _naming(param):
        opener = _opener(source)
        timing = _measure(opener, min_duration, max_duration, tolerance, max_pixels, max_fps)
        return _sample(opener, timing, n_frames, max_duration + tolerance, max_side, audio, audio_rate)


def read_opening(source: Source, count: int, *, max_duration: float, min_duration: float = 0.0,
                 max_pixels: int = 3840 * 2160, max_fps: float = 120.0, param: str = "file") -> Clip:
    """The first ``count`` frames (RGB uint8, full size, as stored; no sound), after the same checks as
    :func:`read_clip`: what a provenance check scans and what proves an edit source decodes."""
    with _naming(param):
        opener = _opener(source)
        timing = _measure(opener, min_duration, max_duration, 0.25, max_pixels, max_fps)
        frames: list[np.ndarray] = []
        with opener() as container:
            try:
                for frame in container.decode(container.streams.video[0]):
                    frames.append(frame.to_ndarray(format="rgb24"))
                    if len(frames) >= count:
                        break
            except Exception as exc:
                raise ClipError("corrupt_clip", f"the clip is damaged and cannot be decoded ({_why(exc)})") from exc
        if not frames:
            raise ClipError("corrupt_clip", "no video frame could be decoded")
        height, width = frames[0].shape[:2]
        return Clip(frames=frames, timestamps=[], duration=timing.duration, width=width, height=height,
                    fps=len(timing.times) / timing.duration if timing.duration > 0 else 0.0, video_codec=timing.codec,
                    container=opener.format_name, audio=None, audio_rate=0)


@contextmanager
def _naming(param: str) -> Iterator[None]:
    """ClipErrors name `param` (the form field the clip came in) instead of "clip"."""
    try:
        yield
    except ClipError as exc:
        if param == exc.param:
            raise
        raise ClipError(exc.code, exc.message, param) from exc.__cause__


@dataclass(frozen=True)
class _Timing:
    times: np.ndarray  # every video packet's time, sorted
    start: float
    duration: float
    codec: str


def _measure(opener: _opener, min_duration: float, max_duration: float, tolerance: float, max_pixels: int,
             max_fps: float) -> _Timing:
    """Pass 1: the frame size from the metadata, then a demux (cheap: nothing is decoded) for the real
    timestamps, hence duration and frame rate; stops as soon as the clip is too long or has too many
    frames."""
    max_frames = int((max_duration + tolerance) * max_fps)
    with opener() as container:
        video = container.streams.video[0]
        codec = video.codec_context.name
        if video.codec_context.width * video.codec_context.height > max_pixels:
            raise ClipError(
                "clip_too_large",
                f"the video is {video.codec_context.width}x{video.codec_context.height}; "
                f"at most {max_pixels} pixels per frame are accepted",
            )
        base = video.time_base
        pts: list[int] = []
        try:
            for packet in container.demux(video):
                if packet.pts is not None and packet.size:
                    pts.append(packet.pts)
                    if len(pts) > max_frames:
                        raise ClipError("clip_too_long", f"the clip has more than {max_frames} frames; at "
                                        f"most {max_duration:g} s at {max_fps:g} frames per second are accepted")
                    if base is not None and (pts[-1] - pts[0]) * float(base) > max_duration + tolerance + 1:
                        break  # already too long: the duration check below refuses it without reading on
        except ClipError:
            raise
        except Exception as exc:
            raise ClipError("corrupt_clip", f"the clip is damaged and cannot be read ({_why(exc)})") from exc
    if not pts or base is None:
        raise ClipError("corrupt_clip", "the clip has no video frames")
    times = np.sort(np.asarray(pts, dtype=np.float64)) * float(base)
    interval = float(np.median(np.diff(times))) if len(times) > 1 else 0.0
    duration = float(times[-1] - times[0] + interval)
    if duration < min_duration - tolerance:
        raise ClipError(
            "clip_too_short", f"the clip lasts {duration:.1f} s; record at least {min_duration:g} s"
        )
    if duration > max_duration + tolerance:
        raise ClipError("clip_too_long", f"the clip lasts {duration:.1f} s; at most {max_duration:g} s")
    return _Timing(times, float(times[0]), duration, codec)


def _sample(opener: _opener, timing: _Timing, n_frames: int, longest: float, max_side: int | None, audio: bool,
            audio_rate: int) -> Clip:
    """Pass 2: decode video (keeping only the frames nearest the targets) and, if wanted, audio."""
    start, duration, times, codec = timing.start, timing.duration, timing.times, timing.codec
    targets = [start + (i + 0.5) * duration / n_frames for i in range(n_frames)]
    chosen: list[Any] = [None] * n_frames
    chosen_times = [0.0] * n_frames
    audio_chunks: list[np.ndarray] = []
    rotation = 0
    with opener() as container:
        video = container.streams.video[0]
        streams = [video]
        audio_stream = container.streams.audio[0] if audio and container.streams.audio else None
        resampler = None
        if audio_stream is not None:
            import av

            streams.append(audio_stream)
            resampler = av.AudioResampler(format="flt", layout="mono", rate=audio_rate)
        audio_limit = longest + 1.0
        previous: tuple[float, Any] | None = None
        next_target = 0
        try:
            for packet in container.demux(*streams):
                if packet.stream.type == "audio":
                    late = packet.pts is not None and packet.time_base is not None
                    if late and float(packet.pts * packet.time_base) - start > audio_limit:
                        continue
                    for frame in packet.decode():
                        for out in resampler.resample(frame):  # type: ignore[union-attr]
                            audio_chunks.append(out.to_ndarray().reshape(-1))
                    continue
                for frame in packet.decode():
                    t = frame.time
                    if t is None:
                        continue
                    # Every target between the previous frame and this one goes to the nearer of the two.
                    while next_target < n_frames and targets[next_target] < t:
                        tau = targets[next_target]
                        if previous is not None and tau - previous[0] <= t - tau:
                            chosen_times[next_target], chosen[next_target] = previous
                        else:
                            chosen_times[next_target], chosen[next_target] = t, frame
                        next_target += 1
                    previous = (t, frame)
                if next_target == n_frames and audio_stream is None:
                    break  # every frame wanted is chosen and no sound is wanted: decode no further
            if resampler is not None:
                for out in resampler.resample(None):
                    audio_chunks.append(out.to_ndarray().reshape(-1))
        except ClipError:
            raise
        except Exception as exc:
            raise ClipError(
                "corrupt_clip", f"the clip is damaged and cannot be decoded ({_why(exc)})"
            ) from exc
        if previous is None:
            raise ClipError("corrupt_clip", "no video frame could be decoded")
        while next_target < n_frames:
            chosen_times[next_target], chosen[next_target] = previous
            next_target += 1

        rotation = int(getattr(chosen[0], "rotation", 0) or 0)
        turns = (round(rotation / 90.0)) % 4
        src_w, src_h = chosen[0].width, chosen[0].height
        up_w, up_h = (src_h, src_w) if turns % 2 else (src_w, src_h)
        scale = 1.0
        if max_side and max(src_w, src_h) > max_side:
            scale = max_side / max(src_w, src_h)
        out_w, out_h = max(2, round(src_w * scale)), max(2, round(src_h * scale))
        frames: list[np.ndarray] = []
        converted: dict[int, np.ndarray] = {}
        for frame in chosen:
            key = id(frame)
            if key not in converted:
                rgb = frame.reformat(width=out_w, height=out_h, format="rgb24").to_ndarray()
                converted[key] = np.ascontiguousarray(np.rot90(rgb, turns)) if turns else rgb
            frames.append(converted[key])

    audio = None
    if audio_chunks:
        audio = np.clip(np.concatenate(audio_chunks).astype(np.float32), -1.0, 1.0)
        audio = audio[: round(audio_limit * audio_rate)]
    return Clip(
        frames=frames,
        timestamps=[round(t - start, 6) for t in chosen_times],
        duration=duration,
        width=up_w,
        height=up_h,
        fps=(len(times) / duration) if duration > 0 else 0.0,
        video_codec=codec,
        container=opener.format_name,
        audio=audio,
        audio_rate=audio_rate,
        rotation=rotation,
    )


def _why(exc: BaseException) -> str:
    text = getattr(exc, "strerror", None) or str(exc).strip() or type(exc).__name__
    text = str(text)
    return text if len(text) <= 160 else text[:157] + "..."


class _opener:
    """Opens the same source again for each pass, checking it is an accepted video container."""

    def __init__(self, source: Source) -> None:
        if isinstance(source, bytes | bytearray | memoryview):
            data = bytes(source)
            self._make = lambda: io.BytesIO(data)
        elif isinstance(source, str | Path):
            path = Path(source)
            if not path.is_file():
                raise ClipError("not_a_video", f"no such file: {path.name}")
            self._make = lambda: str(path)
        elif hasattr(source, "read") and hasattr(source, "seek"):
            fileobj = source
            origin = fileobj.tell()

            def rewind() -> BinaryIO:
                fileobj.seek(origin)
                return fileobj

            self._make = rewind
        else:
            raise TypeError(f"cannot read a clip from {type(source).__name__}")
        self.format_name = ""

    @contextmanager
    def __call__(self) -> Iterator[Any]:
        import av

        try:
            container = av.open(self._make(), mode="r")
        except Exception as exc:
            raise ClipError("not_a_video", f"this is not a video file we can read ({_why(exc)})") from exc
        try:
            names = set(container.format.name.split(","))
            if not names & set(ALLOWED_FORMATS):
                raise ClipError(
                    "not_a_video",
                    f"unsupported file type ({container.format.long_name or container.format.name}); "
                    "send an mp4 or webm video",
                )
            if not container.streams.video:
                raise ClipError("not_a_video", "the file has no video track")
            self.format_name = container.format.name
            yield container
        finally:
            container.close()
