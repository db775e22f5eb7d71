"""Reverse search: perceptual hashes (pHash, 64 bits) of a video's frames sampled once per second.

pHash keeps the low frequencies of a 32x32 grey thumbnail, so re-encoding, scaling and JPEG barely move
it (a few bits), while unrelated pictures sit ~32 bits apart. A video matches a stored one when most of
its sampled frames have a close frame there; frame alignment is not needed, so trimmed or re-timed
copies still match.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np
from PIL import Image

_SIDE, _LOW = 32, 8


def _dct_matrix(n: int) -> np.ndarray:
    """Unnormalised DCT-II, y[k] = 2 sum x[i] cos(pi k (2i + 1) / 2n) (scipy.fftpack.dct's default)."""
    k, i = np.arange(n)[:, None], np.arange(n)[None, :]
    return 2.0 * np.cos(np.pi * k * (2 * i + 1) / (2 * n))


_DCT = _dct_matrix(_SIDE)


def hash_image(image: Image.Image | np.ndarray) -> str:
    """pHash of one picture (PIL image or RGB uint8 array) as 16 hex digits: the 8x8 lowest frequencies of
    the DCT of a 32x32 grey thumbnail, each bit "above their median". Bit for bit the ImageHash library's
    `phash` (stored fingerprints stay comparable; tests/safety/test_reverse_search.py checks it)."""
    picture = Image.fromarray(image) if isinstance(image, np.ndarray) else image
    grey = np.asarray(picture.convert("L").resize((_SIDE, _SIDE), Image.Resampling.LANCZOS), dtype=np.float64)
    low = (_DCT @ grey @ _DCT.T)[:_LOW, :_LOW]
    return _to_hex(low > np.median(low))


def _to_hex(bits: np.ndarray) -> str:
    return f"{int(''.join('1' if b else '0' for b in bits.ravel()), 2):0{(bits.size + 3) // 4}x}"


def hash_video(path: str | Path, per_second: float = 1.0, max_frames: int = 120) -> list[str]:
    """pHashes of frames sampled `per_second` times per second (the first frame included)."""
    hashes: list[str] = []
    next_time = 0.0
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        for frame in container.decode(stream):
            t = float(frame.time) if frame.time is not None else next_time
            if t + 1e-6 < next_time:
                continue
            hashes.append(hash_image(frame.to_image()))
            next_time = t + 1.0 / per_second
            if len(hashes) >= max_frames:
                break
    return hashes


def distance(a: str, b: str) -> int:
    """Hamming distance between two hex hashes of equal length (0 = identical)."""
    return int((_bits([a]) != _bits([b])).sum())


@dataclass(frozen=True)
class Match:
    id: str
    distance: float  # median over the query's frames of the distance to the closest candidate frame
    matched_fraction: float  # share of the query's frames with a candidate frame within max_distance


def _bits(hashes: Sequence[str]) -> np.ndarray:
    """(hashes, 64) booleans, most significant bit first."""
    return np.array([[bit == "1" for bit in f"{int(h, 16):0{len(h) * 4}b}"] for h in hashes], dtype=bool)


def best_match(
    query_hashes: Sequence[str],
    candidates: Mapping[str, Sequence[str]],
    max_distance: int = 10,
    min_fraction: float = 0.5,
) -> Match | None:
    """The candidate most of whose frames are near the query's frames, or None if none qualifies."""
    if not query_hashes:
        return None
    query = _bits(query_hashes)
    best: Match | None = None
    for candidate_id, hashes in candidates.items():
        if not hashes:
            continue
        # (query frames x candidate frames) Hamming distances in one broadcast.
        nearest = (query[:, None, :] != _bits(hashes)[None, :, :]).sum(axis=2).min(axis=1)
        fraction = float((nearest <= max_distance).mean())
        if fraction < min_fraction:
            continue
        match = Match(candidate_id, float(np.median(nearest)), fraction)
        if best is None or (match.matched_fraction, -match.distance) > (best.matched_fraction, -best.distance):
            best = match
    return best
