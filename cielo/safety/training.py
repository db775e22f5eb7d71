"""Training the prompt classifier (cielo.safety.classifier) from the labelled tuning sets.

    python -m cielo.safety.training            # writes cielo/safety/prompt_classifier.npz

Needs scikit-learn (in the `test` extra); the server never imports this module. Only the tuning files
(evaluation.TUNING_FILES) are read: the held-out parts play no part in the weights, the vocabulary or the
thresholds. The result is deterministic for the same files, and records a digest of them, so a test can
tell when the shipped weights are older than the data.

Classes: "allowed", each harmful category, and two that only the strict (teen) profile refuses:
"suggestive" (allowed for adults, `strict_label: sexual`) and "drugs".
"""

from __future__ import annotations

import argparse
import hashlib
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from cielo.safety.classifier import ALLOWED, MODEL_FILE, SUGGESTIVE, char_terms, word_terms
from cielo.safety.evaluation import TUNING_FILES, LabelledPrompt, load_labelled
from cielo.safety.policies import COPYRIGHTED_CHARACTERS, DRUGS, PUBLIC_FIGURES, SEXUAL

DATA_DIR = Path(__file__).resolve().parents[2] / "tests" / "safety" / "data"
# A term must appear in this many training prompts to get a weight: a word seen once is the writer's, not
# the category's.
MIN_DOCUMENTS = 2
# Inverse regularisation strength, and how much the embedding block counts beside the two term blocks.
C = 8.0
EMBEDDING_SCALE = 2.0
# A learned harmful term: seen in at least this many training prompts, this share of them of one harmful class.
TERM_DOCUMENTS = 3
TERM_SHARE = 0.8


def training_class(item: LabelledPrompt) -> str | None:
    """The class a labelled prompt teaches; None for the name lists, which the model does not learn."""
    if item.label in (PUBLIC_FIGURES, COPYRIGHTED_CHARACTERS):
        return None
    if item.label == ALLOWED and item.strict_label == SEXUAL:
        return SUGGESTIVE
    if item.label == ALLOWED and item.strict_label == DRUGS:
        return DRUGS
    return item.label


def tuning_rows(data_dir: Path = DATA_DIR) -> list[LabelledPrompt]:
    return [item for name in TUNING_FILES for item in load_labelled(data_dir / name)]


def data_digest(data_dir: Path = DATA_DIR) -> str:
    digest = hashlib.sha256()
    for name in TUNING_FILES:
        digest.update(name.encode())
        digest.update((data_dir / name).read_bytes())
    return digest.hexdigest()[:16]


@dataclass
class _Block:
    terms: list[str]
    idf: np.ndarray


def _vocabulary(documents: Sequence[list[str]]) -> _Block:
    seen = Counter(t for doc in documents for t in set(doc))
    terms = sorted(t for t, n in seen.items() if n >= MIN_DOCUMENTS)
    total = len(documents)
    # scikit-learn's smoothed idf: ln((1 + n) / (1 + df)) + 1
    idf = np.array([math.log((1 + total) / (1 + seen[t])) + 1.0 for t in terms], dtype=np.float32)
    return _Block(terms, idf)


def _matrix(documents: Sequence[list[str]], block: _Block):
    from scipy.sparse import csr_matrix

    from cielo.safety.classifier import Vocabulary

    vocab = Vocabulary({t: i for i, t in enumerate(block.terms)}, block.idf)
    rows, cols, vals = [], [], []
    for r, doc in enumerate(documents):
        c, v = vocab.weigh(doc)
        rows.extend([r] * len(c))
        cols.extend(c.tolist())
        vals.extend(v.tolist())
    return csr_matrix((vals, (rows, cols)), shape=(len(documents), len(block.terms)), dtype=np.float32)


def classifier_inputs(items: Sequence[LabelledPrompt]) -> tuple[list[str], np.ndarray]:
    """Each prompt as the Moderator hands it to the classifier (normalised, exempt phrases blanked) and its
    vector, computed by the Moderator itself so that training and moderation read the same thing."""
    from cielo.safety.moderation import Moderator

    return Moderator().classifier_inputs([item.text for item in items])


def fit(items: Sequence[LabelledPrompt], inputs: tuple[list[str], np.ndarray] | None = None) -> dict[str, np.ndarray]:
    """Train on labelled prompts (with their classifier_inputs, if already computed); the arrays
    PromptClassifier reads."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.linear_model import LogisticRegression

    texts, vectors = inputs if inputs is not None else classifier_inputs(items)
    kept = [i for i, item in enumerate(items) if training_class(item)]
    norms = [texts[i] for i in kept]
    vectors = vectors[kept]
    labels = np.array([training_class(items[i]) for i in kept])
    word_docs = [word_terms(n) for n in norms]
    char_docs = [char_terms(n) for n in norms]
    word_block, char_block = _vocabulary(word_docs), _vocabulary(char_docs)
    features = hstack([_matrix(word_docs, word_block), _matrix(char_docs, char_block),
                       csr_matrix(vectors * EMBEDDING_SCALE)]).tocsr()
    model = LogisticRegression(C=C, max_iter=5000, class_weight="balanced")
    model.fit(features, labels)
    weights = model.coef_.T.astype(np.float32)  # (features, classes)
    n_words, n_chars = len(word_block.terms), len(char_block.terms)
    return {
        "classes": np.array(model.classes_, dtype=str),
        "word_terms": np.array(word_block.terms, dtype=str),
        "word_idf": word_block.idf,
        "word_weights": weights[:n_words].astype(np.float16),
        "char_terms": np.array(char_block.terms, dtype=str),
        "char_idf": char_block.idf,
        "char_weights": weights[n_words:n_words + n_chars].astype(np.float16),
        "embedding_weights": weights[n_words + n_chars:],
        "embedding_scale": np.float32(EMBEDDING_SCALE),
        "bias": model.intercept_.astype(np.float32),
        "harmful_terms": np.array(harmful_terms(norms, labels), dtype=str),
    }


def harmful_terms(texts: Sequence[str], labels: Sequence[str]) -> list[str]:
    """"class:term" for each word or word pair of the training prompts that appears in at least
    TERM_DOCUMENTS of them, at least TERM_SHARE of which teach that one harmful class."""
    seen: Counter[str] = Counter()
    per_class: dict[str, Counter[str]] = {}
    for text, label in zip(texts, labels, strict=True):
        for term in set(word_terms(text)):
            seen[term] += 1
            per_class.setdefault(term, Counter())[label] += 1
    out = []
    for term, documents in sorted(seen.items()):
        if documents < TERM_DOCUMENTS:
            continue
        label, count = per_class[term].most_common(1)[0]
        if label != ALLOWED and count >= TERM_SHARE * documents:
            out.append(f"{label}:{term}")
    return out


def calibrate(harmless_scores: Sequence[float], target: float) -> float:
    """The lowest threshold (in hundredths, at least 0.5) at which at most `target` of the harmless prompts'
    out-of-fold scores reach it."""
    scores = np.asarray(harmless_scores, dtype=np.float64)
    for hundredths in range(50, 100):
        threshold = hundredths / 100
        if (scores >= threshold).mean() <= target:
            return threshold
    return 0.99


def out_of_fold(items: Sequence[LabelledPrompt], inputs: tuple[list[str], np.ndarray],
                folds: int = 5) -> dict[str, np.ndarray]:
    """Per profile, the classifier's harm for every prompt (all with a training class, and their
    classifier_inputs), scored by a model trained without its fold, the way the Moderator scores a prompt
    (its most harmful sentence)."""
    import dataclasses
    import tempfile

    from sklearn.model_selection import StratifiedKFold

    from cielo.safety.moderation import Moderator
    from cielo.safety.policies import ModerationConfig

    labels = np.array([training_class(item) for item in items])
    texts, vectors = inputs
    scores = {profile: np.zeros(len(items)) for profile in ("standard", "strict")}
    with tempfile.TemporaryDirectory() as folder:
        for fold, (train, test) in enumerate(
                StratifiedKFold(folds, shuffle=True, random_state=0).split(vectors, labels)):
            path = Path(folder) / f"fold{fold}.npz"
            save(fit([items[i] for i in train], ([texts[i] for i in train], vectors[train])), "fold", path)
            moderator = Moderator(dataclasses.replace(ModerationConfig(), classifier_file=path))
            for profile, out in scores.items():
                out[test] = moderator.classifier_harm([items[i].text for i in test], profile)
    return scores


def save(arrays: dict[str, np.ndarray], digest: str, path: Path = MODEL_FILE) -> None:
    np.savez_compressed(path, data_digest=np.array(digest), **arrays)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    args = parser.parse_args(argv)
    from cielo.safety.policies import TARGET_FALSE_POSITIVES

    items = [item for item in tuning_rows() if training_class(item)]
    inputs = classifier_inputs(items)
    scores = out_of_fold(items, inputs)
    harmless = {profile: np.array([item.expected(profile) == ALLOWED for item in items]) for profile in scores}
    calibration = {f"calibration_{p}": scores[p][harmless[p]].astype(np.float32) for p in scores}
    save({**fit(items, inputs), **calibration}, data_digest(), args.out)
    counts = Counter(training_class(item) for item in items)
    print(f"trained on {len(items)} prompts ({dict(sorted(counts.items()))}) -> {args.out}")
    for profile, out in scores.items():
        threshold = calibrate(out[harmless[profile]], TARGET_FALSE_POSITIVES)
        harmful = ~harmless[profile]
        print(f"{profile}: threshold {threshold:.2f} (at most {TARGET_FALSE_POSITIVES:.0%} of harmless tuning "
              f"prompts refused out of fold); out-of-fold recall of the classifier alone "
              f"{(out[harmful] >= threshold).mean():.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
