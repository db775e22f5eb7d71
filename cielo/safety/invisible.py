"""Invisible watermark carrying the video id, in invisible-watermark's `dwtDctSvd` format.

Payload (80 bits): the first 8 bytes of the video id's 16 random bytes ("video_" + 32 hex digits), then a
CRC-16 over a domain tag and those bytes. 64 bits identify a video among billions (the caller looks the
id up by prefix: `VideoIdCodec.id_prefix(key)`), and the checksum tells a real mark from the noise that
decoding an unmarked image produces. Fewer bits means more repetitions of each bit across the frame:
a 720x1280 frame carries each bit ~180 times, and decoding is a majority vote.

Algorithm (imwatermark.dwtDctSvd.EmbedDwtDctSvd's format; the tests check that the library's decoder
reads marks made here and that this module reads marks made by the library): Haar DWT of the frame's U
(chroma) channel; the low band is cut into 4x4 blocks; each block's DCT is decomposed by SVD and its
largest singular value is quantised to carry one bit (quantisation index modulation with step `scale`).
It is re-implemented here with numpy, batched over all blocks, because the library loops over blocks in
Python: ~0.6 s per 720x1280 frame there, ~0.1 s here. Two deliberate differences, neither touching the
format: the library writes the result back with a uint8 cast that truncates (and wraps around on
saturated colours), this module clips and rounds; and the library swaps the horizontal and vertical
detail bands on the way back, this module does not.

Robustness (tests/safety/test_invisible_watermark.py): at scale 64 (PSNR ~36 dB, chroma only) the id
survives H.264 (libx264 crf 23, 4:2:0), JPEG quality 75, and scaling to half size, which is undone by
scaling back up before decoding (`detect` tries the image's own size, the caller's hints, x2 and the
standard sizes); also JPEG then half size, and H.264 then half size. Not survived: re-encoding a
half-size copy with H.264 at crf 23 (the chroma is then quartered and quantised twice; ~3 of 80 bits
flip on an I-frame, ~25 on a P-frame), and JPEG q75 applied after halving (~8 bits); an error-correcting
code or a luma mark would be the next step.

Stamp the visible watermark first and this one last: the visible mark then only costs the votes of the
blocks it covers.
"""

from __future__ import annotations

import binascii
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pywt

from cielo.safety.pixels import resize, rgb_to_yuv, yuv_to_rgb

_ID = re.compile(r"^video_([0-9a-f]{32})$")
_TAG = b"cielo-wm/1"
_BLOCK = 4
_CHANNEL = 1  # U in OpenCV's YUV: imwatermark's default scales=[0, 36, 0]
# Standard output sizes (width, height) tried when an image of the same aspect ratio comes in smaller.
COMMON_SIZES: tuple[tuple[int, int], ...] = ((720, 1280), (1280, 720), (1080, 1920), (1920, 1080))


def _dct_matrix(n: int) -> np.ndarray:
    """Orthonormal DCT-II matrix: C @ X @ C.T is the 2-D DCT of an n x n block (what cv2.dct computes)."""
    k = np.arange(n)[:, None]
    x = np.arange(n)[None, :]
    c = np.sqrt(2.0 / n) * np.cos(np.pi * (2 * x + 1) * k / (2 * n))
    c[0, :] = np.sqrt(1.0 / n)
    return c


_C = _dct_matrix(_BLOCK)


class VideoIdCodec:
    """Maps a video id to the 10-byte payload and back to an 8-byte key the caller can match to ids."""

    key_bytes = 8

    def key(self, video_id: str) -> bytes:
        match = _ID.match(video_id)
        if not match:
            raise ValueError(f"not a video id: {video_id!r}")
        return bytes.fromhex(match.group(1))[: self.key_bytes]

    def payload(self, video_id: str) -> bytes:
        key = self.key(video_id)
        return key + binascii.crc_hqx(_TAG + key, 0xFFFF).to_bytes(2, "big")

    def key_from_payload(self, payload: bytes) -> bytes | None:
        """The key if the checksum holds, else None."""
        if len(payload) != self.key_bytes + 2:
            return None
        key, crc = payload[: self.key_bytes], payload[self.key_bytes :]
        return key if binascii.crc_hqx(_TAG + key, 0xFFFF).to_bytes(2, "big") == crc else None

    @staticmethod
    def id_prefix(key: bytes) -> str:
        """The id prefix to look up, e.g. `WHERE id LIKE :prefix || '%'`."""
        return "video_" + key.hex()

    def matches(self, video_id: str, key: bytes) -> bool:
        try:
            return self.key(video_id) == key
        except ValueError:
            return False

    @property
    def bits(self) -> int:
        return (self.key_bytes + 2) * 8


@dataclass(frozen=True)
class Detection:
    key: bytes  # VideoIdCodec key; look it up with VideoIdCodec.id_prefix(key)
    confidence: float  # mean |2 * vote - 1| over the payload bits: 0 for noise, 1 for a pristine mark
    size: tuple[int, int]  # (width, height) the image was decoded at


def _blocks(plane: np.ndarray) -> np.ndarray:
    rows, cols = plane.shape[0] // _BLOCK, plane.shape[1] // _BLOCK
    return plane[: rows * _BLOCK, : cols * _BLOCK].reshape(rows, _BLOCK, cols, _BLOCK).transpose(0, 2, 1, 3)


class InvisibleWatermark:
    """Embed / detect the video-id payload in RGB uint8 frames (H, W, 3), at least 256x256 pixels."""

    def __init__(self, scale: float = 64.0, codec: VideoIdCodec | None = None, min_confidence: float = 0.3):
        self.scale = float(scale)
        self.codec = codec or VideoIdCodec()
        self.min_confidence = min_confidence

    # ------------------------------------------------------------------------------------------ embed
    def embed(self, frame: np.ndarray, video_id: str) -> np.ndarray:
        """A marked copy of one RGB frame."""
        return self.embed_bits(frame, np.unpackbits(np.frombuffer(self.codec.payload(video_id), np.uint8)))

    def embed_frames(self, frames: Iterable[np.ndarray], video_id: str, every: int = 10) -> list[np.ndarray]:
        """Mark every `every`-th frame (0, every, 2*every, ...); the others pass through unchanged."""
        bits = np.unpackbits(np.frombuffer(self.codec.payload(video_id), np.uint8))
        return [self.embed_bits(f, bits) if i % every == 0 else f for i, f in enumerate(frames)]

    def embed_bits(self, frame: np.ndarray, bits: np.ndarray) -> np.ndarray:
        _check_frame(frame)
        h, w = frame.shape[0] // 4 * 4, frame.shape[1] // 4 * 4
        yuv = rgb_to_yuv(frame[:, :, :3])
        low, (ch, cv, cd) = pywt.dwt2(yuv[:h, :w, _CHANNEL].astype(np.float64), "haar")
        blocks = _blocks(low)
        n_rows, n_cols = blocks.shape[:2]
        u, s, vt = np.linalg.svd(_C @ blocks @ _C.T)
        bit_of_block = np.asarray(bits, dtype=np.float64)[np.arange(n_rows * n_cols).reshape(n_rows, n_cols) % len(bits)]
        s[..., 0] = (s[..., 0] // self.scale + 0.25 + 0.5 * bit_of_block) * self.scale
        marked = _C.T @ ((u * s[..., None, :]) @ vt) @ _C
        low[: n_rows * _BLOCK, : n_cols * _BLOCK] = marked.transpose(0, 2, 1, 3).reshape(n_rows * _BLOCK, n_cols * _BLOCK)
        # imwatermark hands the detail bands back to idwt2 as (cV, cH, cD), swapping horizontal and vertical
        # chroma detail; the bands go back in their own order here (only the low band carries the mark).
        plane = pywt.idwt2((low, (ch, cv, cd)), "haar")
        yuv[:h, :w, _CHANNEL] = np.clip(np.rint(plane), 0, 255).astype(np.uint8)
        out = frame.copy()
        out[:, :, :3] = yuv_to_rgb(yuv)
        return out

    # ----------------------------------------------------------------------------------------- detect
    def votes(self, frame: np.ndarray, n_bits: int | None = None) -> np.ndarray:
        """Per payload bit, the fraction of its blocks that read 1 (0.5 = no information)."""
        _check_frame(frame)
        n_bits = n_bits or self.codec.bits
        h, w = frame.shape[0] // 4 * 4, frame.shape[1] // 4 * 4
        yuv = rgb_to_yuv(frame[:, :, :3])
        low, _ = pywt.dwt2(yuv[:h, :w, _CHANNEL].astype(np.float64), "haar")
        singular = np.linalg.svd(_C @ _blocks(low) @ _C.T, compute_uv=False)[..., 0]
        ones = ((singular % self.scale) > 0.5 * self.scale).ravel().astype(np.float64)
        index = np.arange(ones.size) % n_bits
        return np.bincount(index, ones, n_bits) / np.maximum(np.bincount(index, None, n_bits), 1)

    def _read(self, votes: np.ndarray, size: tuple[int, int]) -> Detection | None:
        confidence = float(np.abs(2.0 * votes - 1.0).mean())
        key = self.codec.key_from_payload(np.packbits(votes > 0.5).tobytes())
        if key is None or confidence < self.min_confidence:
            return None
        return Detection(key, confidence, size)

    def detect(self, image: np.ndarray, sizes: Sequence[tuple[int, int]] = ()) -> Detection | None:
        """Find the payload in one RGB image, trying its own size, `sizes` (width, height), x2, and the
        standard output sizes of the same aspect ratio (a scaled copy must be scaled back to decode)."""
        h, w = image.shape[:2]
        for size in _candidate_sizes(w, h, sizes):
            if size[0] * size[1] < 256 * 256:
                continue
            resized = image if size == (w, h) else resize(image[:, :, :3], size, "cubic")
            found = self._read(self.votes(resized), size)
            if found:
                return found
        return None

    def detect_frames(self, frames: Sequence[np.ndarray], sizes: Sequence[tuple[int, int]] = ()) -> Detection | None:
        """Each frame alone first (only some frames carry the mark), then all votes pooled, which
        recovers a mark too damaged to read in any single frame."""
        for frame in frames:
            found = self.detect(frame, sizes)
            if found:
                return found
        if len(frames) < 2:
            return None
        h, w = frames[0].shape[:2]
        for size in _candidate_sizes(w, h, sizes):
            if size[0] * size[1] < 256 * 256:
                continue
            pooled = np.mean([
                self.votes(f if f.shape[1::-1] == size else resize(f[:, :, :3], size, "cubic"))
                for f in frames
            ], axis=0)
            found = self._read(pooled, size)
            if found:
                return found
        return None


def _candidate_sizes(w: int, h: int, hints: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sizes to decode at: the image's own, the caller's hints, then guesses (x2, and the standard output
    sizes of the same aspect ratio) no larger than the largest size Cielo renders."""
    largest = max(max(s) for s in COMMON_SIZES)
    same_aspect = [s for s in COMMON_SIZES if s[0] > w and abs(s[0] * h - s[1] * w) <= max(s) * 2]
    guesses = [s for s in [(w * 2, h * 2), *same_aspect] if max(s) <= largest]
    out: list[tuple[int, int]] = []
    for size in [(w, h), *hints, *guesses]:
        if size not in out:
            out.append(size)
    return out


def _check_frame(frame: np.ndarray) -> None:
    if frame.ndim != 3 or frame.shape[2] < 3 or frame.dtype != np.uint8:
        raise ValueError(f"expected an RGB uint8 frame (H, W, 3), got {frame.dtype} {frame.shape}")
    if frame.shape[0] * frame.shape[1] < 256 * 256:
        raise ValueError(f"frame too small to carry the watermark: {frame.shape[1]}x{frame.shape[0]}")
