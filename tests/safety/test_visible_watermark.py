"""The visible moving watermark changes only its own rectangle, and the rectangle moves over time."""

from __future__ import annotations

import numpy as np
import pytest

from cielo.safety.watermark import VisibleWatermark, render_sprite

from .conftest import vertical_frame

W, H, FPS = 720, 1280, 30


@pytest.fixture(scope="module")
def frame() -> np.ndarray:
    return vertical_frame("flower.jpg")


def changed_mask(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a != b).any(axis=2)


def test_only_the_mark_rectangle_changes(frame: np.ndarray):
    wm = VisibleWatermark("maria.g", W, H)
    original = frame.copy()
    for index in (0, 37, 200):
        out = wm.apply(frame, index, FPS)
        x, y, w, h = wm.rectangle(index, FPS)
        inside = np.zeros((H, W), dtype=bool)
        inside[y : y + h, x : x + w] = True
        changed = changed_mask(out, frame)
        assert not changed[~inside].any()  # every pixel outside the sprite is identical
        assert changed[inside].sum() > 0.05 * w * h  # the mark is really drawn
        assert 0 <= x and x + w <= W and 0 <= y and y + h <= H
    assert np.array_equal(frame, original)  # the input frame is not modified


def test_mark_moves_over_time_and_is_deterministic(frame: np.ndarray):
    wm = VisibleWatermark("maria.g", W, H)
    positions = {wm.position(i, FPS) for i in range(0, 10 * FPS, FPS)}
    assert len(positions) >= 8  # a new place every second of a 10 s clip
    x0, y0, w, h = wm.rectangle(0, FPS)
    x1, y1, _, _ = wm.rectangle(2 * FPS, FPS)
    assert abs(x1 - x0) >= w or abs(y1 - y0) >= h  # after 2 s it no longer overlaps its start
    # Small steps between consecutive frames: motion, not teleporting.
    steps = [np.hypot(*np.subtract(wm.position(i + 1, FPS), wm.position(i, FPS))) for i in range(300)]
    assert max(steps) < 20
    # The same frame index always gets the same stamp (frames may be processed in any order).
    assert np.array_equal(wm.apply(frame, 123, FPS), VisibleWatermark("maria.g", W, H).apply(frame, 123, FPS))


def test_mark_covers_the_whole_frame_over_a_clip():
    wm = VisibleWatermark("x", W, H)
    xs, ys = zip(*(wm.position(i, FPS) for i in range(20 * FPS)))
    assert min(xs) < 0.1 * W and max(xs) + wm.sprite_w > 0.9 * W
    assert min(ys) < 0.1 * H and max(ys) + wm.sprite_h > 0.9 * H


def test_semi_transparent_and_handle_specific(frame: np.ndarray):
    sprite = render_sprite("maria.g", W)
    alpha = sprite[..., 3]
    assert 0 < alpha.max() < 255  # never fully opaque: the video shows through
    assert not np.array_equal(sprite, render_sprite("someone_else", W))
    wm = VisibleWatermark("maria.g", W, H)
    x, y, w, h = wm.rectangle(0, FPS)
    out = wm.apply(frame, 0, FPS).astype(int)
    # Blending keeps some of the picture: where the sprite is partly transparent the result lies
    # between the frame and the sprite colour.
    a = alpha.astype(int)[..., None]
    expected = (frame[y : y + h, x : x + w].astype(int) * (255 - a) + sprite[..., :3].astype(int) * a) / 255
    assert np.abs(out[y : y + h, x : x + w] - expected).max() <= 1


def test_inplace_and_validation(frame: np.ndarray):
    wm = VisibleWatermark("maria.g", W, H)
    work = frame.copy()
    out = wm.apply(work, 5, FPS, inplace=True)
    assert out is work and not np.array_equal(work, frame)
    with pytest.raises(ValueError):
        wm.apply(np.zeros((H // 2, W // 2, 3), np.uint8), 0, FPS)
    with pytest.raises(ValueError):
        VisibleWatermark("maria.g", 40, 20)
