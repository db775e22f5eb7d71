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
import imagehash
import numpy as np
from PIL import Image


def hash_image(image: Image.Image | np.ndarray) -> str:
    """pHash of one picture (PIL image or RGB uint8 array) as 16 hex digits."""
    picture = Image.fromarray(image) if isinstance(image, np.ndarray) else image
    return str(imagehash.phash(picture))


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
    return int(imagehash.hex_to_hash(a) - imagehash.hex_to_hash(b))


@dataclass(frozen=True)
class Match:
    id: str
    distance: float  # median over the query's frames of the distance to the closest candidate frame
    matched_fraction: float  # share of the query's frames with a candidate frame within max_distance


def _bits(hashes: Sequence[str]) -> np.ndarray:
    return np.array([imagehash.hex_to_hash(h).hash.ravel() for h in hashes], dtype=bool)


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
