"""Writing a model's frames (and soundtrack) as the render file: exactly the requested size, frame
rate and duration, whatever the model produced."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import av
import numpy as np

from cielo.generation.audio.soundtrack import fit_length, upsample
from cielo.generation.engines.diffusers.geometry import Geometry
from cielo.generation.errors import GenerationCancelled
from cielo.generation.frames import FrameFilter
from cielo.generation.media import AUDIO_RATE, VideoWriter, fit_frame


def to_uint8(frames: np.ndarray) -> np.ndarray:
    """(F, H, W, 3) pictures in [0, 1] (what pipelines return with output_type="np") -> uint8."""
    frames = np.asarray(frames)
    if frames.ndim == 5:  # a batch of one video
        frames = frames[0]
    if frames.dtype == np.uint8:
        return frames
    return (np.clip(frames, 0.0, 1.0) * 255.0).round().astype(np.uint8)


def to_stereo_48k(audio: np.ndarray, rate: int) -> np.ndarray:
    """Any (n,), (1, n), (channels, n) or (batch, channels, n) waveform at `rate` -> float32 (2, m) at 48 kHz."""
    audio = np.asarray(audio, dtype=np.float32)
    while audio.ndim > 2:
        audio = audio[0]
    if audio.ndim == 1:
        audio = audio[None]
    if audio.shape[0] > audio.shape[1]:  # (n, channels)
        audio = audio.T
    audio = audio[:2] if audio.shape[0] >= 2 else np.repeat(audio[:1], 2, axis=0)
    n = round(audio.shape[1] * AUDIO_RATE / rate)
    return upsample(np.ascontiguousarray(audio), max(1, n)).astype(np.float32)


def write_render(
    out: Path,
    frames: np.ndarray,
    geometry: Geometry,
    *,
    audio: np.ndarray | None = None,
    head: Iterable[np.ndarray] = (),
    head_frames: int = 0,
    progress: Callable[[float], None] = lambda f: None,
    should_stop: Callable[[], bool] = lambda: False,
    filters: Sequence[FrameFilter] = (),
) -> Path:
    """Write `head` (already-fitted RGB pictures, e.g. the source of an extension) and then `frames`
    resampled onto geometry.out_frames at out_fps, scaled to cover and centre-cropped to the output
    size; `audio` (2, n) at 48 kHz is cut or padded to the video's length. Atomic: a cancel or an
    error leaves no file behind."""
    pictures = to_uint8(frames)
    total = head_frames + geometry.out_frames
    w, h = geometry.out_width, geometry.out_height
    with VideoWriter(out, w, h, geometry.out_fps, audio=audio is not None, filters=filters) as writer:
        written = 0
        for picture in head:
            if should_stop():
                raise GenerationCancelled()
            writer.write(writer.to_yuv(picture), owned=True, from_source=True)
            written += 1
        converted: dict[int, av.VideoFrame] = {}
        for i in range(geometry.out_frames):
            if should_stop():
                raise GenerationCancelled()
            index = min(len(pictures) - 1, i * len(pictures) // geometry.out_frames)
            frame = converted.get(index)
            if frame is None:
                source = av.VideoFrame.from_ndarray(np.ascontiguousarray(pictures[index]), format="rgb24")
                frame = converted[index] = writer.to_yuv(fit_frame(source, w, h))
            writer.write(frame)
            written += 1
            if written % 8 == 0:
                progress(written / total)
        if audio is not None:
            samples = round(written * AUDIO_RATE / geometry.out_fps)
            writer.write_audio(fit_length(np.asarray(audio, np.float32), samples))
    progress(1.0)
    return out
