"""Reverse search: a re-encoded, scaled, JPEG'd copy finds its original; an unrelated video finds nothing."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from cielo.safety.hashes import best_match, distance, hash_image, hash_video

from .conftest import read_video, vertical_frame, write_video

SIZE = (360, 640)


def clip(name: str, frames: int = 36, step: int = 6) -> list[np.ndarray]:
    return [vertical_frame(name, offset=step * i - 100, size=SIZE) for i in range(frames)]


def degrade(frame: np.ndarray) -> np.ndarray:
    small = Image.fromarray(frame).resize((SIZE[0] // 2, SIZE[1] // 2), Image.BILINEAR)
    buffer = io.BytesIO()
    small.save(buffer, "JPEG", quality=60)
    return np.asarray(Image.open(io.BytesIO(buffer.getvalue())).convert("RGB"))


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> dict[str, list[str]]:
    folder = tmp_path_factory.mktemp("hashes")
    return {
        "video_china": hash_video(write_video(folder / "a.mp4", clip("china.jpg"))),
        "video_flower": hash_video(write_video(folder / "b.mp4", clip("flower.jpg"))),
    }


def test_samples_one_frame_per_second(library: dict[str, list[str]]):
    assert len(library["video_china"]) == 3  # 36 frames at 12 fps
    assert all(len(h) == 16 and int(h, 16) >= 0 for h in library["video_china"])


def test_degraded_copy_matches_its_original(library: dict[str, list[str]], make_video):
    original = make_video("orig.mp4", clip("china.jpg"))
    copy = make_video("copy.mp4", [degrade(f) for f in read_video(original)], crf=32)
    match = best_match(hash_video(copy), library)
    assert match is not None and match.id == "video_china"
    assert match.matched_fraction == 1.0 and match.distance <= 6


def test_unrelated_video_matches_nothing(library: dict[str, list[str]], make_video):
    rng = np.random.default_rng(7)
    other = [np.full((SIZE[1], SIZE[0], 3), rng.integers(0, 255, 3), dtype=np.uint8) for _ in range(12)]
    for f in other:
        f[::2] //= 2  # stripes, unlike either photo
    # A real but different photograph, mirrored and recoloured, too.
    inverted = [255 - f[:, ::-1] for f in clip("flower.jpg", frames=24)]
    for frames in (other, inverted):
        assert best_match(hash_video(make_video("other.mp4", frames)), library) is None


def test_distance_and_image_hash_agree():
    frame = vertical_frame("china.jpg", size=SIZE)
    assert hash_image(frame) == hash_image(Image.fromarray(frame))
    assert distance(hash_image(frame), hash_image(degrade(frame))) <= 6
    assert distance(hash_image(frame), hash_image(vertical_frame("flower.jpg", size=SIZE))) > 16
    assert best_match([], {"x": [hash_image(frame)]}) is None
