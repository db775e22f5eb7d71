"""Text helpers of the planner: quotes, clauses, language, and how long a line takes to say."""

from __future__ import annotations

import re

from cielo.generation import lexicon

QUOTE_RE = re.compile(r'"([^"]+)"|“([^”]+)”|«([^»]+)»|„([^“”]+)[“”]')
PLACEHOLDER_RE = re.compile(r"⟦(\d+)⟧")
WORD_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?|\d+")
# @handle: a user's handle, or a character's "owner.name"; not inside an e-mail address.
_SPANISH_CHARS = set("áéíóúñ¿¡ü")


def detect_language(text: str) -> str:
    """'es' or 'en' from function words and Spanish-only characters."""
    words = [w.lower() for w in WORD_RE.findall(text)]
    spanish = sum(w in lexicon.SPANISH_WORDS for w in words) + 2 * sum(c in _SPANISH_CHARS for c in text.lower())
    english = sum(w in lexicon.ENGLISH_WORDS for w in words)
    return "es" if spanish > english else "en"


def count_syllables(text: str) -> int:
    words = WORD_RE.findall(text.lower())
    return sum(max(1, len(re.findall(r"[aeiouyáéíóúü]+", w))) for w in words)


def estimate_speech_seconds(text: str) -> float:
    """How long espeak takes at its base rate (~5 syllables a second plus pauses at punctuation)."""
    pauses = len(re.findall(r"[,;:.!?¿¡]+", text.strip().rstrip(".!?")))
    return max(0.6, count_syllables(text) / 5.0 + 0.18 * pauses + 0.1)


def split_clauses(text: str) -> list[tuple[str, bool]]:
    """Sentences, further cut before shot markers; each with whether a marker opened it."""
    markers = "|".join(re.escape(m) for m in sorted(lexicon.SHOT_MARKERS, key=len, reverse=True))
    marker_re = re.compile(rf"(?:^|(?<=[\s,;]))(?:and\s+|y\s+)?(?={markers}\b)", re.IGNORECASE)
    clauses: list[tuple[str, bool]] = []
    for sentence in re.split(r"(?<=[.!?;])\s+|\n+", text):
        if not sentence.strip():
            continue
        cuts = [m.start() for m in marker_re.finditer(sentence)]
        starts = sorted({0, *cuts})
        for a, b in zip(starts, [*starts[1:], len(sentence)]):
            part = sentence[a:b].strip(" ,;")
            if not part:
                continue
            opened = re.match(rf"(?:and\s+|y\s+)?(?:{markers})\b", part, re.IGNORECASE) is not None
            clauses.append((part, opened))
    return clauses or [("", False)]
