"""Fixtures for the safety tests: one shared Moderator (the model loads once), real photographs as video
frames, and small H.264 files written with PyAV."""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest
from PIL import Image, ImageDraw

from cielo.safety.moderation import Moderator

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def moderator() -> Moderator:
    m = Moderator()
    m.warm_up()
    return m


def _synthetic_photo(seed: int) -> np.ndarray:
    """A textured, photo-like picture (smooth colour fields, edges and fine grain), never flat colour."""
    rng = np.random.default_rng(seed)
    h, w = 480, 640
    field = np.zeros((h, w, 3))
    for scale in (4, 16, 64):  # 1/f-like noise: large soft blobs plus finer detail
        coarse = rng.random((h // scale + 2, w // scale + 2, 3))
        field += np.asarray(Image.fromarray((coarse * 255).astype(np.uint8)).resize((w, h), Image.BICUBIC)) / scale
    field = (field - field.min()) / (np.ptp(field) + 1e-9) * 255
    img = Image.fromarray(field.astype(np.uint8))
    draw = ImageDraw.Draw(img)
    for _ in range(25):
        x, y = rng.integers(0, w), rng.integers(0, h)
        r = int(rng.integers(10, 80))
        draw.ellipse([x - r, y - r, x + r, y + r], outline=tuple(int(v) for v in rng.integers(0, 255, 3)), width=3)
    return np.asarray(img)


def photo(name: str) -> np.ndarray:
    """An RGB photograph: scikit-learn's bundled sample photos when available, else a textured stand-in."""
    try:
        from sklearn.datasets import load_sample_image

        return load_sample_image(name)
    except (ImportError, OSError):
        return _synthetic_photo(zlib.crc32(name.encode()))


def vertical_frame(name: str = "china.jpg", offset: int = 0, size: tuple[int, int] = (720, 1280)) -> np.ndarray:
    """A 720x1280 (w x h) portrait frame cut from a photo, shifted by `offset` pixels (a camera pan)."""
    img = photo(name)
    w, h = size
    crop_w = int(img.shape[0] * w / h)
    x0 = min(max(0, (img.shape[1] - crop_w) // 2 + offset), img.shape[1] - crop_w)
    return np.asarray(Image.fromarray(img[:, x0 : x0 + crop_w]).resize((w, h), Image.BICUBIC))


def write_video(path: Path, frames: Iterable[np.ndarray], fps: int = 12, crf: int = 23) -> Path:
    frames = list(frames)
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=fps)
        stream.width, stream.height = frames[0].shape[1], frames[0].shape[0]
        stream.pix_fmt = "yuv420p"
        stream.time_base = Fraction(1, fps)
        stream.options = {"crf": str(crf), "preset": "veryfast"}
        for frame in frames:
            for packet in stream.encode(av.VideoFrame.from_ndarray(frame, format="rgb24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return path


def read_video(path: Path) -> list[np.ndarray]:
    with av.open(str(path)) as container:
        return [f.to_ndarray(format="rgb24") for f in container.decode(video=0)]


@pytest.fixture
def make_video(tmp_path: Path) -> Callable[..., Path]:
    def make(name: str, frames: Iterable[np.ndarray], **kw) -> Path:
        return write_video(tmp_path / name, frames, **kw)

    return make
