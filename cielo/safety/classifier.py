"""The trained prompt classifier: a linear model over words, word pairs, letter groups and a sentence embedding.

Why this shape. The rules (rulebook.py) read like a person's judgement but only know the phrasings their
authors thought of; on prompts written by someone who never saw them they missed about 3 harmful prompts in
10. A model trained on many labelled prompts learns the concept from many phrasings instead:
- words and word pairs ("unalive", "step off the bridge") carry the meaning in either language;
- letter groups of 3-5 characters inside each word catch misspellings, slang spellings and inflections
  ("suicidarme", "suicidio"), which matters for Spanish, where the sentence encoder is weakest;
- the all-MiniLM-L6-v2 embedding (cielo.safety.minilm) carries paraphrases that share no word with any
  training prompt.
Each block is TF-IDF weighted (sublinear counts) and L2-normalised, so no block outweighs the others by its
size; one multinomial logistic regression over the three gives a probability per category and "allowed".

Everything here is numpy: the weights are read from `prompt_classifier.npz` beside this module, written by
cielo.safety.training (which needs scikit-learn, a development dependency) from the labelled tuning sets.
The word and letter-group part of a score is a sum over the text's features, so each word's share of it is
exact (`word_push`): that is how a refusal names the words that weighed most. The embedding's share is not
split among the words (that would need the encoder again for every refusal).
"""

from __future__ import annotations

import math
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import numpy as np

from cielo.safety.text import words

MODEL_FILE = Path(__file__).with_name("prompt_classifier.npz")
ALLOWED = "allowed"
# Allowed for adults, refused for teens (`strict_label: sexual` on an allowed prompt): a class of its own.
SUGGESTIVE = "suggestive"
EMBEDDING_SIZE = 384  # all-MiniLM-L6-v2
# The inverse document frequency (scikit-learn's smoothed ln) of a word in one training prompt of 50.
COMMON_WORD_IDF = math.log(50) + 1
# Letter groups of these lengths, taken inside each word padded with a space on both sides.
CHAR_SIZES = (3, 4, 5)


def word_terms(norm: str) -> list[str]:
    """Words and adjacent word pairs of a normalised text."""
    tokens = words(norm)
    return tokens + [f"{a} {b}" for a, b in pairwise(tokens)]


def char_terms(norm: str) -> list[str]:
    """Letter groups inside each word of a normalised text (" kil", "kill", "ill " ...)."""
    out = []
    for token in words(norm):
        padded = f" {token} "
        for size in CHAR_SIZES:
            out.extend(padded[i:i + size] for i in range(len(padded) - size + 1))
    return out


@dataclass(frozen=True)
class Vocabulary:
    """A block's terms, their column numbers and inverse document frequencies."""

    index: dict[str, int]
    idf: np.ndarray

    def weigh(self, terms: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """(columns, values) of one text's TF-IDF row, sublinear counts, unit length; unknown terms dropped."""
        counts = Counter(self.index[t] for t in terms if t in self.index)
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        columns = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        values = np.array([1.0 + math.log(n) for n in counts.values()], dtype=np.float32) * self.idf[columns]
        return columns, values / np.float32(np.linalg.norm(values))


@dataclass(frozen=True)
class Score:
    """The classifier's view of one text: a probability per class, and its learned harmful terms."""

    probabilities: dict[str, float]
    learned: dict[str, list[str]]  # class -> the text's words and pairs that training found almost only in it


class PromptClassifier:
    """Loads the trained weights once; `score` is thread-safe (it keeps no state between calls)."""

    def __init__(self, path: Path = MODEL_FILE):
        data = np.load(path, allow_pickle=False)
        self.classes: tuple[str, ...] = tuple(str(c) for c in data["classes"])
        self.words = Vocabulary({str(t): i for i, t in enumerate(data["word_terms"])},
                                data["word_idf"].astype(np.float32))
        self.chars = Vocabulary({str(t): i for i, t in enumerate(data["char_terms"])},
                                data["char_idf"].astype(np.float32))
        allowed = self.classes.index(ALLOWED)
        # Weights relative to "allowed": what a feature adds to a class's odds against the text being fine.
        word_weights = data["word_weights"].astype(np.float32)
        char_weights = data["char_weights"].astype(np.float32)
        self.word_relative = word_weights - word_weights[:, [allowed]]
        self.char_relative = char_weights - char_weights[:, [allowed]]
        self.embedding_weights = data["embedding_weights"].astype(np.float32)  # (384, classes)
        self.embedding_scale = float(data["embedding_scale"])
        bias = data["bias"].astype(np.float32)
        self.bias_relative = bias - bias[allowed]
        self.data_digest = str(data["data_digest"])
        # Out-of-fold scores of the harmless tuning prompts, per profile: what the thresholds are chosen on.
        self.calibration = {key.removeprefix("calibration_"): data[key] for key in data.files
                            if key.startswith("calibration_")}
        # Learned harmful terms: words and pairs that appear almost only in one harmful class's training
        # prompts (training.harmful_terms). A short line is refused by the classifier only if it holds one.
        self.harmful_terms: dict[str, set[str]] = {}  # term -> its classes
        for entry in data["harmful_terms"]:
            cls, term = str(entry).split(":", 1)
            self.harmful_terms.setdefault(term, set()).add(cls)
        self._allowed = allowed

    def score(self, norms: Sequence[str], embeddings: np.ndarray) -> list[Score]:
        """Scores for normalised texts, given their unit sentence embeddings (one row each)."""
        semantic = embeddings.astype(np.float32) @ self.embedding_weights * self.embedding_scale
        semantic -= semantic[:, [self._allowed]]
        return [self._score(norm, row) for norm, row in zip(norms, semantic, strict=True)]

    def _score(self, norm: str, semantic: np.ndarray) -> Score:
        w_cols, w_vals = self.words.weigh(word_terms(norm))
        c_cols, c_vals = self.chars.weigh(char_terms(norm))
        logits = self.bias_relative + w_vals @ self.word_relative[w_cols] + c_vals @ self.char_relative[c_cols] + semantic
        odds = np.exp(logits - logits.max())
        odds /= odds.sum()
        return Score({c: float(p) for c, p in zip(self.classes, odds, strict=True)}, self.learned_terms(norm))

    def learned_terms(self, norm: str) -> dict[str, list[str]]:
        """Per harmful class, the text's words and pairs that training found almost only in that class."""
        learned: dict[str, list[str]] = {}
        for term in dict.fromkeys(word_terms(norm)):
            for cls in self.harmful_terms.get(term, ()):
                learned.setdefault(cls, []).append(term)
        return learned

    def word_push(self, norm: str, classes: Sequence[str]) -> dict[str, float]:
        """Each word's share of the text's word and letter-group score for `classes` against "allowed": its
        own column, half of each pair it is in, and its letter groups (each shared out among the words
        that have it). Summed over the words, it is exactly that part of the logit."""
        tokens = words(norm)
        if not tokens:
            return {}
        columns = [self.classes.index(c) for c in classes]
        w_cols, w_vals = self.words.weigh(word_terms(norm))
        c_cols, c_vals = self.chars.weigh(char_terms(norm))
        word_part = dict(zip(w_cols.tolist(), w_vals * self.word_relative[w_cols][:, columns].max(axis=1), strict=True))
        char_part = dict(zip(c_cols.tolist(), c_vals * self.char_relative[c_cols][:, columns].max(axis=1), strict=True))
        sharing = Counter(g for token in set(tokens) for g in set(char_terms(token)))
        push = {}
        for token in dict.fromkeys(tokens):
            push[token] = word_part.get(self.words.index.get(token, -1), 0.0) + sum(
                char_part.get(self.chars.index.get(g, -1), 0.0) / sharing[g] for g in set(char_terms(token)))
        for a, b in dict.fromkeys(pairwise(tokens)):
            pair = word_part.get(self.words.index.get(f"{a} {b}", -1), 0.0)
            push[a] += pair / 2
            push[b] += pair / 2
        return push

    def common(self, word: str) -> bool:
        """A word in one training prompt of 50 or more ("to", "my", "de"): it explains nothing on its own."""
        column = self.words.index.get(word)
        return column is not None and self.words.idf[column] < COMMON_WORD_IDF


_loaded: dict[Path, PromptClassifier] = {}
_lock = threading.Lock()


def load(path: Path = MODEL_FILE) -> PromptClassifier:
    """The weights in `path`, read once per process (the shipped file unless a test trains its own)."""
    with _lock:
        if path not in _loaded:
            _loaded[path] = PromptClassifier(path)
        return _loaded[path]
