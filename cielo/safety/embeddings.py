"""Sentence embeddings for feed steering: all-MiniLM-L6-v2 (cielo.safety.minilm: the same copy the
moderation uses), loaded once per process on first use.

Vectors are unit length, so a dot product is a cosine similarity. Posts store theirs as float16 bytes
(768 bytes each): half the size of float32 and far more precision than a ranking signal needs."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence

import numpy as np

from cielo.safety import minilm

log = logging.getLogger("cielo.safety.embeddings")

DIMENSIONS = minilm.DIMENSIONS


def is_loaded() -> bool:
    return minilm.is_loaded()


_warming = threading.Event()


def warm_in_background() -> None:
    """Start loading the model (about a second cold) so the first publish or steer does not wait for it."""
    if not minilm.is_loaded() and not _warming.is_set():
        _warming.set()
        threading.Thread(target=_safe_load, name="embeddings-warmup", daemon=True).start()


def _safe_load() -> None:
    try:
        minilm.shared()
    except Exception:  # a broken install only disables steering; it must not take a page down
        log.exception("could not load the embedding model")


def encode(texts: Sequence[str]) -> np.ndarray:
    """Unit-length float32 rows, one per text."""
    return minilm.shared().encode(texts)


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float16).tobytes()


def from_bytes(data: bytes | None) -> np.ndarray | None:
    if not data or len(data) != DIMENSIONS * 2:
        return None
    return np.frombuffer(data, dtype=np.float16).astype(np.float32)


def direction(terms: Sequence[str]) -> np.ndarray | None:
    """The unit mean of the terms' embeddings: one direction that stands for all of them."""
    if not terms:
        return None
    mean = encode(terms).mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm else None
