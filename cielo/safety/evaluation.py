"""Scoring a Moderator against a labelled prompt set (JSON lines: text, lang, label[, strict_label]).

`label` is "allowed" or the category the prompt violates under the standard profile; `strict_label`, when
present, is what the strict (teen) profile must say instead (e.g. a drug scene allowed for adults).
Shared by the tests and bench/moderation_eval.py so both compute the same numbers. The labelled sets are
split (tests/safety/data/README.md): TUNING_FILES, on which rules, examples and thresholds were chosen, and
HELDOUT_FILE and HELDOUT_B_FILE, on which nothing was.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cielo.safety.moderation import ModerationResult, Moderator
from cielo.safety.policies import CATEGORIES

ALLOWED = "allowed"
TUNING_FILES = ("prompts.jsonl", "dev_prompts.jsonl", "tuning_prompts.jsonl", "tuning_b_prompts.jsonl",
                "tuning_c_prompts.jsonl", "tuning_d_prompts.jsonl", "tuning_examples_prompts.jsonl",
                "tuning_e_en_harmful_a.jsonl", "tuning_e_en_harmful_b.jsonl", "tuning_e_es_harmful.jsonl",
                "tuning_e_en_harmless.jsonl", "tuning_e_es_harmless.jsonl", "tuning_e_scenes.jsonl",
                "tuning_e_named_dialogue.jsonl")
HELDOUT_FILE = "heldout_prompts.jsonl"
# A second held-out part, written later by another writer who saw neither the rules nor the other sets: it
# measures how the moderation does on phrasing its authors did not think of.
HELDOUT_B_FILE = "heldout_b_prompts.jsonl"


@dataclass(frozen=True)
class LabelledPrompt:
    text: str
    lang: str
    label: str
    strict_label: str | None = None

    def expected(self, profile: str) -> str:
        return self.strict_label if profile == "strict" and self.strict_label else self.label


@dataclass(frozen=True)
class Score:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        return self.tp + self.fn


@dataclass
class Evaluation:
    profile: str
    overall: Score  # flagged vs allowed
    per_category: dict[str, Score]  # the result's main policy vs the label
    seconds_per_prompt: float
    mistakes: list[tuple[LabelledPrompt, ModerationResult]]
    negatives: int = 0  # prompts the profile must allow

    @property
    def false_positive_rate(self) -> float:
        """Share of the prompts that must pass which were refused."""
        return self.overall.fp / self.negatives if self.negatives else 0.0


def load_labelled(path: str | Path) -> list[LabelledPrompt]:
    items = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        label = row["label"]
        if label != ALLOWED and label not in CATEGORIES:
            raise ValueError(f"{path}:{number}: unknown label {label!r}")
        items.append(LabelledPrompt(row["text"], row["lang"], label, row.get("strict_label")))
    return items


def evaluate(moderator: Moderator, items: Sequence[LabelledPrompt], profile: str = "standard") -> Evaluation:
    start = time.perf_counter()
    results = moderator.check_many([i.text for i in items], profile)
    elapsed = time.perf_counter() - start
    tp = fp = fn = 0
    per: dict[str, list[int]] = {c: [0, 0, 0] for c in CATEGORIES}
    mistakes = []
    for item, result in zip(items, results, strict=True):
        expected = item.expected(profile)
        positive = expected != ALLOWED
        tp += positive and result.flagged
        fp += (not positive) and result.flagged
        fn += positive and not result.flagged
        for c in CATEGORIES:
            per[c][0] += expected == c and result.policy == c
            per[c][1] += expected != c and result.policy == c
            per[c][2] += expected == c and result.policy != c
        if (result.policy or ALLOWED) != expected:
            mistakes.append((item, result))
    return Evaluation(
        profile=profile,
        overall=Score(tp, fp, fn),
        per_category={c: Score(*v) for c, v in per.items()},
        seconds_per_prompt=elapsed / max(len(items), 1),
        mistakes=mistakes,
        negatives=sum(item.expected(profile) == ALLOWED for item in items),
    )


def latencies(moderator: Moderator, texts: Sequence[str], profile: str = "standard") -> list[float]:
    """Seconds each prompt takes checked alone, as the API checks them."""
    out = []
    for text in texts:
        start = time.perf_counter()
        moderator.check(text, profile)
        out.append(time.perf_counter() - start)
    return out


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) by nearest rank: p99 of 500 timings is the 5th slowest."""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    rank = max(1, -(-len(ordered) * q // 100))
    return ordered[int(rank) - 1]
