"""Text normalisation shared by the rule matchers: one canonical form so that every list is written once.

Rules and name lists are written in lower case without accents; prompts are brought to the same form
("Beyoncé" -> "beyonce", "NIÑA" -> "nina"), so one pattern covers every spelling a user may type. The
normalised text keeps a map back to the original, so a refusal can point at the words the person typed.
"""

from __future__ import annotations

import re
import unicodedata

# Sentence boundaries for per-sentence scoring: a harmful clause hidden after a long benign one must not be
# diluted by it, so each sentence is scored on its own as well as the whole prompt.
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?;:])\s+")
_PLAIN = {"\u2019": "'", "\u2018": "'", "\u2013": "-", "\u2014": "-"}
_SPEAKER_WORDS = 3
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, the index in `text` it came from."""
    chars: list[str] = []
    origin: list[int] = []
    pending_space = False
    for index, ch in enumerate(text):
        for part in unicodedata.normalize("NFKD", ch):
            if unicodedata.combining(part):
                continue
            for folded in _PLAIN.get(part, part).casefold():
                if folded.isspace():
                    pending_space = bool(chars)  # collapse runs; drop leading whitespace
                    continue
                if pending_space:
                    chars.append(" ")
                    origin.append(index)
                    pending_space = False
                chars.append(folded)
                origin.append(index)
    return "".join(chars), origin


def normalize(text: str) -> str:
    """Lower case, accents removed, typographic quotes/dashes made plain, whitespace collapsed."""
    return normalize_with_offsets(text)[0]


def original_span(text: str, origin: list[int], start: int, end: int) -> tuple[int, int]:
    """The span of `text` (the original) that produced normalised characters start..end."""
    if not origin or start >= end:
        return 0, 0
    first = origin[min(start, len(origin) - 1)]
    last = origin[min(end, len(origin)) - 1] + 1
    # A character may expand into several normalised ones (an accent, "ß" -> "ss"): take it whole.
    while last < len(text) and unicodedata.combining(text[last]):
        last += 1
    return first, last


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty sentence of a normalised prompt; one span without punctuation. A speaker's
    label (`Ana: "..."`, up to three words before a colon) stays with the line it introduces: on its own,
    a name would be judged without its sentence."""
    spans: list[tuple[int, int]] = []
    start = 0
    label_start: int | None = None
    for boundary in _SENTENCE_SPLIT.finditer(text):
        piece = text[start:boundary.start()]
        if piece.strip():
            if piece.endswith(":") and len(words(piece)) <= _SPEAKER_WORDS:
                label_start = start if label_start is None else label_start
            else:
                spans.append((start if label_start is None else label_start, boundary.start()))
                label_start = None
        start = boundary.end()
    if text[start:].strip():
        spans.append((start if label_start is None else label_start, len(text.rstrip())))
    elif label_start is not None:
        spans.append((label_start, len(text.rstrip())))
    return spans


def sentences(text: str) -> list[str]:
    """Non-empty sentences of a prompt, in order; a prompt without punctuation is one sentence."""
    return [text[s:e] for s, e in sentence_spans(text)]


def words(text: str) -> list[str]:
    """The words of a (normalised) text: letters and digits, with inner apostrophes ("don't")."""
    return _WORD.findall(text)


def canonical(text: str) -> str:
    """Normalised words only, so that "Good boy!" and "good boy" are the same allow example."""
    return " ".join(words(normalize(text)))
