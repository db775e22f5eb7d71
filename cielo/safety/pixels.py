"""The few OpenCV pixel operations the safety code relies on, in numpy, so the default install needs no
OpenCV (170 MB). Each reproduces OpenCV's own formula, because the watermark format and NudeNet's
expected input were defined through it (tests/safety/test_pixels.py compares them with cv2):

- `rgb_to_yuv` / `yuv_to_rgb`: cv2.COLOR_RGB2YUV / COLOR_YUV2RGB on uint8, with OpenCV's 14-bit
  fixed-point coefficients and rounding (bit-exact);
- `resize`: cv2.resize with INTER_LINEAR or INTER_CUBIC (a = -0.75), pixel centres aligned, borders
  replicated, no antialiasing (OpenCV's uint8 path rounds its weights to 11 bits, so a few pixels may
  differ by one level).
"""

from __future__ import annotations

import numpy as np

_SHIFT = 14
_HALF = 1 << (_SHIFT - 1)
_DELTA = 128 << _SHIFT


def _descale(x: np.ndarray) -> np.ndarray:
    return (x + _HALF) >> _SHIFT


def rgb_to_yuv(rgb: np.ndarray) -> np.ndarray:
    """(H, W, 3) uint8 RGB -> Y, U, V as OpenCV's COLOR_RGB2YUV computes them."""
    r, g, b = (rgb[..., i].astype(np.int32) for i in range(3))
    y = _descale(r * 4899 + g * 9617 + b * 1868)
    u = _descale((b - y) * 8061 + _DELTA)
    v = _descale((r - y) * 14369 + _DELTA)
    return np.clip(np.stack([y, u, v], axis=-1), 0, 255).astype(np.uint8)


def yuv_to_rgb(yuv: np.ndarray) -> np.ndarray:
    """The inverse, as OpenCV's COLOR_YUV2RGB computes it."""
    y, u, v = (yuv[..., i].astype(np.int32) for i in range(3))
    u, v = u - 128, v - 128
    r = y + _descale(v * 18678)
    g = y + _descale(u * -6472 + v * -9519)
    b = y + _descale(u * 33292)
    return np.clip(np.stack([r, g, b], axis=-1), 0, 255).astype(np.uint8)


def _taps(size_in: int, size_out: int, kind: str) -> tuple[np.ndarray, np.ndarray]:
    """Source indices (size_out, taps) and weights for one axis."""
    position = (np.arange(size_out) + 0.5) * (size_in / size_out) - 0.5
    base = np.floor(position)
    t = (position - base)[:, None]
    if kind == "linear":
        offsets = np.array([0, 1])
        weights = np.hstack([1 - t, t])
    else:  # OpenCV's cubic convolution, a = -0.75
        a = -0.75
        offsets = np.array([-1, 0, 1, 2])
        d = np.abs(t - offsets[None, :])
        weights = np.where(d <= 1, ((a + 2) * d - (a + 3)) * d * d + 1,
                           np.where(d < 2, ((a * d - 5 * a) * d + 8 * a) * d - 4 * a, 0.0))
    index = np.clip(base[:, None].astype(np.int64) + offsets[None, :], 0, size_in - 1)
    return index, weights.astype(np.float32)


def resize(image: np.ndarray, size: tuple[int, int], kind: str = "linear") -> np.ndarray:
    """`image` (H, W[, C]) uint8 to `size` = (width, height), like cv2.resize with INTER_LINEAR ("linear")
    or INTER_CUBIC ("cubic")."""
    width, height = size
    rows, row_w = _taps(image.shape[0], height, kind)
    cols, col_w = _taps(image.shape[1], width, kind)
    tall = np.einsum("ot,ot...->o...", row_w, image[rows].astype(np.float32))  # (height, W[, C])
    out = np.einsum("ot,hot...->ho...", col_w, tall[:, cols])  # (height, width[, C])
    return np.clip(np.rint(out), 0, 255).astype(np.uint8)
