"""Cielo's numpy versions of the OpenCV, NudeNet and ImageHash pieces the default install no longer carries
agree with the originals (installed for the tests only): bit-exact colour conversion and pHash, resizing
within one level, and the same NudeNet detections."""

from __future__ import annotations

import cv2
import imagehash
import numpy as np
import pytest
from nudenet import NudeDetector
from PIL import Image
from skimage import data

from cielo.safety.frames import detect_frames
from cielo.safety.hashes import distance, hash_image
from cielo.safety.pixels import resize, rgb_to_yuv, yuv_to_rgb

RNG = np.random.default_rng(7)
NOISE = RNG.integers(0, 256, (257, 301, 3), dtype=np.uint8)


def test_yuv_conversions_are_opencvs_bit_for_bit():
    yuv = rgb_to_yuv(NOISE)
    assert np.array_equal(yuv, cv2.cvtColor(NOISE, cv2.COLOR_RGB2YUV))
    assert np.array_equal(yuv_to_rgb(yuv), cv2.cvtColor(yuv, cv2.COLOR_YUV2RGB))


@pytest.mark.parametrize("size, kind, flag", [((602, 514), "cubic", cv2.INTER_CUBIC),
                                              ((1280, 720), "cubic", cv2.INTER_CUBIC),
                                              ((320, 320), "linear", cv2.INTER_LINEAR),
                                              ((100, 77), "linear", cv2.INTER_LINEAR)])
def test_resize_is_opencvs_within_one_level(size, kind, flag):
    ours, theirs = resize(NOISE, size, kind), cv2.resize(NOISE, size, interpolation=flag)
    assert ours.shape == theirs.shape
    assert np.abs(ours.astype(int) - theirs).max() <= 1
    assert (ours != theirs).mean() < 0.2


def test_phash_is_imagehash_bit_for_bit():
    pictures = [data.astronaut(), data.chelsea(), data.coffee(), NOISE, np.stack([data.camera()] * 3, axis=-1)]
    for picture in pictures:
        assert hash_image(picture) == str(imagehash.phash(Image.fromarray(picture)))
    a, b = hash_image(pictures[0]), hash_image(pictures[1])
    assert distance(a, b) == imagehash.hex_to_hash(a) - imagehash.hex_to_hash(b) > 0
    assert distance(a, a) == 0


def test_nudenet_detections_match_the_nudenet_package():
    astronaut = data.astronaut()
    frames = [astronaut, np.ascontiguousarray(astronaut[:, ::-1]), data.chelsea(),
              np.ascontiguousarray(np.pad(astronaut, ((0, 300), (100, 0), (0, 0)))),
              np.asarray(Image.fromarray(astronaut).resize((1280, 1280)))]
    ours = detect_frames(frames)
    # The package wants BGR, as cv2.imread gives it.
    theirs = NudeDetector().detect_batch([np.ascontiguousarray(f[:, :, ::-1]) for f in frames], batch_size=4)
    assert sum(len(found) for found in ours) >= 4  # faces, at least: the comparison is not empty
    for mine, reference in zip(ours, theirs, strict=True):
        assert [d["class"] for d in mine] == [d["class"] for d in reference]
        for a, b in zip(mine, reference, strict=True):
            assert abs(a["score"] - b["score"]) < 0.01
            assert max(abs(p - q) for p, q in zip(a["box"], b["box"], strict=True)) <= 2
