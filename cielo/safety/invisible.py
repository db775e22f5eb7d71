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
Python: ~0.6 s per 720x1280 frame there, ~0.1 s here on RGB, ~25 ms on the encoder's own yuv420p frames
(`embed_yuv420`, what the finishing pass uses: no RGB round trip, and the largest singular value found by
power iteration instead of a full SVD per block). Two deliberate differences, neither touching the
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


def _u_from_709() -> np.ndarray:
    """OpenCV's U (what the mark lives in) as a linear function of BT.709 limited-range (Y-16, Cb-128, Cr-128):
    the decoder's YCbCr -> RGB, then OpenCV's RGB -> U (0.492 (B - Y), its 14-bit coefficients)."""
    kr, kb = 0.2126, 0.0722
    kg = 1.0 - kr - kb
    # Rows R, G, B; columns Y, Cb, Cr (each RGB value 0-255).
    r = np.array([255 / 219, 0.0, 255 / 224 * 2 * (1 - kr)])
    b = np.array([255 / 219, 255 / 224 * 2 * (1 - kb), 0.0])
    g = (np.array([255 / 219, 0.0, 0.0]) - kr * r - kb * b) / kg
    luma = (4899 * r + 9617 * g + 1868 * b) / 16384
    return (b - luma) * 8061 / 16384


_U_FROM_709 = _u_from_709()


def _top_singular_triplets(m: np.ndarray, iterations: int = 3) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The largest singular value of each of N 4x4 matrices, laid out (4, 4, N), with its left and right
    vectors ((4, N) each). Power iteration from the DC direction, which dominates image blocks, converges in
    a few steps; the blocks where it has not go to LAPACK's SVD (numpy's batched SVD costs ~10 us a block).
    Matrices are kept element-major so each step is a few whole-array operations over N."""
    gram = (m[:, :, None, :] * m[:, None, :, :]).sum(axis=0)  # M^T M
    v = np.zeros(m.shape[1:])
    v[0] = 1.0
    for _ in range(iterations):
        v = (gram * v[None, :, :]).sum(axis=1)
        v /= np.maximum(np.sqrt((v * v).sum(axis=0)), 1e-300)
    mv = (m * v[None, :, :]).sum(axis=1)
    s = np.sqrt((mv * mv).sum(axis=0))
    u = mv / np.maximum(s, 1e-300)
    # Converged where v is an eigenvector of M^T M: its residual is tiny next to s^2.
    error = (gram * v[None, :, :]).sum(axis=1) - s * s * v
    unsure = np.sqrt((error * error).sum(axis=0)) > 1e-9 * np.maximum(s * s, 1.0)
    if unsure.any():
        full_u, full_s, full_vt = np.linalg.svd(np.moveaxis(m[:, :, unsure], -1, 0))
        u[:, unsure], s[unsure], v[:, unsure] = full_u[:, :, 0].T, full_s[:, 0], full_vt[:, 0, :].T
    return u, s, v


def _dct(blocks: np.ndarray) -> np.ndarray:
    """C @ X @ C.T for blocks laid out (4, 4, N), as two small matrix products over all of them."""
    rows = np.tensordot(_C, blocks, axes=(1, 0))  # C @ X
    return np.tensordot(_C, rows, axes=(1, 1)).transpose(1, 0, 2)  # (C @ X) @ C.T


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
        low += self._low_band_change(low, bits)
        # imwatermark hands the detail bands back to idwt2 as (cV, cH, cD), swapping horizontal and vertical
        # chroma detail; the bands go back in their own order here (only the low band carries the mark).
        plane = pywt.idwt2((low, (ch, cv, cd)), "haar")
        yuv[:h, :w, _CHANNEL] = np.clip(np.rint(plane), 0, 255).astype(np.uint8)
        out = frame.copy()
        out[:, :, :3] = yuv_to_rgb(yuv)
        return out

    def embed_yuv420(self, planes: Sequence[np.ndarray], video_id: str) -> None:
        """Marks a yuv420p frame (BT.709, limited range) in place, given its writable Y, Cb and Cr planes,
        without converting it to RGB and back (~25 ms for 720x1280 against ~370 ms for the RGB round trip).

        The same mark, read the same way (RGB -> OpenCV's U -> Haar low band): the low band of a 2x2 Haar
        step is twice each 2x2 block's mean, which is what 4:2:0 chroma keeps, and the mark changes only that
        band. So each chroma sample's U is computed from it and its block's mean luma, and the change the
        mark asks of U is made on Cb alone (luma untouched)."""
        y_plane, cb, cr = planes
        rows, cols = cb.shape[0] // 2 * 2, cb.shape[1] // 2 * 2  # the low band's blocks are 4x4 pixels
        if rows * cols * 4 < 256 * 256:
            raise ValueError(f"frame too small to carry the watermark: {2 * cb.shape[1]}x{2 * cb.shape[0]}")
        luma = y_plane[: 2 * rows : 2, : 2 * cols : 2].astype(np.float64)
        luma += y_plane[1 : 2 * rows : 2, : 2 * cols : 2]
        luma += y_plane[: 2 * rows : 2, 1 : 2 * cols : 2]
        luma += y_plane[1 : 2 * rows : 2, 1 : 2 * cols : 2]
        luma /= 4.0  # each chroma sample's 2x2 block of luma, averaged
        chroma_b, chroma_r = cb[:rows, :cols].astype(np.float64), cr[:rows, :cols].astype(np.float64)
        u = _U_FROM_709[0] * (luma - 16) + _U_FROM_709[1] * (chroma_b - 128) + _U_FROM_709[2] * (chroma_r - 128)
        low = 2.0 * (u + 128.0)
        bits = np.unpackbits(np.frombuffer(self.codec.payload(video_id), np.uint8))
        change_of_u = self._low_band_change(low, bits) / 2.0  # each of the block's 4 pixels moves alike
        cb[:rows, :cols] = np.clip(np.rint(chroma_b + change_of_u / _U_FROM_709[1]), 0, 255)

    def _low_band_change(self, low: np.ndarray, bits: np.ndarray) -> np.ndarray:
        """What the mark adds to a low band: each 4x4 block's DCT gets its largest singular value quantised
        to carry its bit; only that singular value changes, so the change is (new - old) * u v^T."""
        n_rows, n_cols = low.shape[0] // _BLOCK, low.shape[1] // _BLOCK
        blocks = _blocks(low).transpose(2, 3, 0, 1).reshape(_BLOCK, _BLOCK, n_rows * n_cols)
        u, s, v = _top_singular_triplets(_dct(blocks))
        bit_of_block = np.asarray(bits, dtype=np.float64)[np.arange(n_rows * n_cols) % len(bits)]
        step = (s // self.scale + 0.25 + 0.5 * bit_of_block) * self.scale - s
        # Back from the DCT: C^T (step u v^T) C = step (C^T u)(C^T v)^T.
        left, right = _C.T @ u, _C.T @ v
        change = step * left[:, None, :] * right[None, :, :]  # (4, 4, N)
        out = np.zeros_like(low)
        out[: n_rows * _BLOCK, : n_cols * _BLOCK] = (
            change.reshape(_BLOCK, _BLOCK, n_rows, n_cols).transpose(2, 0, 3, 1).reshape(n_rows * _BLOCK, n_cols * _BLOCK))
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
