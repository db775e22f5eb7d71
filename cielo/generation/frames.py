"""Frame filters: what is done to a video's frames on their way into its one encode.

Every engine writes its frames through `media.VideoWriter`, which hands each finished yuv420p frame (output
size, BT.709, limited range) to its filters in order before encoding it. A filter may change the frame (the
visible and invisible marks) or only look at it (frame moderation, fingerprints, the thumbnail and the
spritesheet sampled from frames already in memory), so a finished video is encoded exactly once.

The helpers convert whole frames, or a small rectangle of one, between the writer's YUV and RGB with the
same BT.709 limited-range coefficients in both directions.
"""

from __future__ import annotations

from typing import Protocol

import av
import numpy as np

# BT.709, limited range ("TV" levels: Y 16-235, Cb/Cr 16-240), as the encoder writes its frames.
_KR, _KB = 0.2126, 0.0722
_KG = 1.0 - _KR - _KB


class FrameFilter(Protocol):
    def __call__(self, frame: av.VideoFrame, index: int, from_source: bool) -> av.VideoFrame:
        """The frame to encode in place of `frame` (often `frame` itself, changed or not); `index` counts the
        video's frames from 0; `from_source` says the frame shows the source video's own picture (an
        extension's first part, an edit's backdrop), with whatever marks that video carries."""


def to_rgb(frame: av.VideoFrame, width: int | None = None, height: int | None = None) -> np.ndarray:
    """An (h, w, 3) uint8 RGB copy of a yuv420p frame, optionally scaled (area average) on the way."""
    return frame.reformat(width or frame.width, height or frame.height, "rgb24", src_colorspace="ITU709",
                          interpolation="AREA" if width else None).to_ndarray()


def from_rgb(picture: np.ndarray) -> av.VideoFrame:
    """A yuv420p frame (BT.709) of an (h, w, 3) uint8 RGB picture of even size."""
    frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(picture), format="rgb24")
    return frame.reformat(format="yuv420p", dst_colorspace="ITU709")


def planes(frame: av.VideoFrame) -> list[np.ndarray]:
    """Writable (rows, columns) views of a yuv420p frame's Y, U and V planes (row padding cut off)."""
    views = []
    for plane in frame.planes:
        rows = np.frombuffer(memoryview(plane), dtype=np.uint8).reshape(plane.height, plane.line_size)
        views.append(rows[:, : plane.width])
    return views


def read_region(frame: av.VideoFrame, x: int, y: int, width: int, height: int) -> np.ndarray:
    """The RGB pixels of an even-aligned rectangle of a yuv420p frame, as float32 (h, w, 3)."""
    y_plane, u_plane, v_plane = planes(frame)
    luma = y_plane[y : y + height, x : x + width].astype(np.float32)
    cb = np.repeat(np.repeat(u_plane[y // 2 : (y + height) // 2, x // 2 : (x + width) // 2], 2, 0), 2, 1)
    cr = np.repeat(np.repeat(v_plane[y // 2 : (y + height) // 2, x // 2 : (x + width) // 2], 2, 0), 2, 1)
    yy = (luma - 16.0) / 219.0
    pb, pr = (cb.astype(np.float32) - 128.0) / 224.0, (cr.astype(np.float32) - 128.0) / 224.0
    r = yy + 2 * (1 - _KR) * pr
    b = yy + 2 * (1 - _KB) * pb
    g = (yy - _KR * r - _KB * b) / _KG
    return np.clip(np.stack([r, g, b], axis=-1) * 255.0, 0, 255)


def write_region(frame: av.VideoFrame, x: int, y: int, rgb: np.ndarray) -> None:
    """Writes RGB pixels (h, w, 3; even-aligned, even size) back into a yuv420p frame, in place; chroma is the
    average of each 2x2 block, as 4:2:0 keeps it."""
    height, width = rgb.shape[:2]
    r, g, b = (rgb[..., i].astype(np.float32) / 255.0 for i in range(3))
    yy = _KR * r + _KG * g + _KB * b
    pb, pr = (b - yy) / (2 * (1 - _KB)), (r - yy) / (2 * (1 - _KR))

    def halve(channel: np.ndarray) -> np.ndarray:
        return channel.reshape(height // 2, 2, width // 2, 2).mean(axis=(1, 3))

    y_plane, u_plane, v_plane = planes(frame)
    y_plane[y : y + height, x : x + width] = np.clip(np.rint(16 + 219 * yy), 0, 255)
    u_plane[y // 2 : (y + height) // 2, x // 2 : (x + width) // 2] = np.clip(np.rint(128 + 224 * halve(pb)), 0, 255)
    v_plane[y // 2 : (y + height) // 2, x // 2 : (x + width) // 2] = np.clip(np.rint(128 + 224 * halve(pr)), 0, 255)


def even_box(x: int, y: int, width: int, height: int, frame_width: int, frame_height: int) -> tuple[int, int, int, int]:
    """The smallest rectangle on even coordinates, of even size, inside the frame, that holds the given one."""
    x0, y0 = max(0, x - x % 2), max(0, y - y % 2)
    x1, y1 = min(frame_width, x + width + (x + width) % 2), min(frame_height, y + height + (y + height) % 2)
    return x0, y0, x1 - x0, y1 - y0
