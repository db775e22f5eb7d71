"""Keyword rules with context: the part of prompt moderation that is exact and explains itself.

A rule belongs to one category and is a regex on the normalised prompt (`cielo.safety.text.normalize`).
Words that are harmful whatever surrounds them ("decapitated", "pornografia") form a rule alone. Words with
innocent senses only count next to what makes them harmful, in the same sentence: "how to make" with
"pipe bomb", a word for a child with a sexual word, a group of people with "are vermin". Each hit keeps the
spans it matched, so a refusal can quote them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Span = tuple[int, int]


@dataclass(frozen=True)
class Rule:
    """`words` decide alone, or, with `context`, only when `context` also matches in the same sentence."""

    category: str
    words: str
    context: str | None = None


@dataclass(frozen=True)
class Hit:
    category: str
    spans: tuple[Span, ...]  # in the normalised text, in order


@dataclass(frozen=True)
class _Pair:
    category: str
    words: re.Pattern[str]
    context: re.Pattern[str]


def union(patterns: Iterable[str]) -> re.Pattern[str] | None:
    """One regex matching any of `patterns` (None for none), each kept as its own group-free alternative."""
    parts = [f"(?:{p})" for p in patterns]
    return re.compile("|".join(parts)) if parts else None


class RuleSet:
    """Compiled rules; `find` returns every hit, at most one per rule and sentence."""

    def __init__(self, rules: Iterable[Rule]):
        rules = list(rules)
        alone: dict[str, list[str]] = {}
        for rule in rules:
            if rule.context is None:
                alone.setdefault(rule.category, []).append(rule.words)
        # One alternation per category: a prompt is scanned once per category, not once per word.
        self._alone = {category: union(patterns) for category, patterns in alone.items()}
        self._pairs = [
            _Pair(r.category, re.compile(r.words), re.compile(r.context)) for r in rules if r.context
        ]

    def find(self, text: str, sentences: Sequence[Span]) -> list[Hit]:
        hits: list[Hit] = []
        for category, pattern in self._alone.items():
            hits.extend(Hit(category, (m.span(),)) for m in pattern.finditer(text) if m.end() > m.start())
        for start, end in sentences:
            for pair in self._pairs:
                words = pair.words.search(text, start, end)
                if words is None:
                    continue
                context = pair.context.search(text, start, end)
                if context is not None and context.span() != words.span():
                    hits.append(Hit(pair.category, tuple(sorted((words.span(), context.span())))))
        return hits


def blank(text: str, pattern: re.Pattern[str] | None) -> str:
    """`text` with every match of `pattern` replaced by spaces of the same length (offsets keep)."""
    if pattern is None:
        return text
    return pattern.sub(lambda m: " " * (m.end() - m.start()), text)
