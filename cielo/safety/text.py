"""Text normalisation shared by the rule matchers: one canonical form so that every list is written once.

Rules and name lists are written in lower case without accents; prompts are brought to the same form
("Beyoncé" -> "beyonce", "NIÑA" -> "nina"), so one pattern covers every spelling a user may type.
"""

from __future__ import annotations

import re
import unicodedata

# Sentence boundaries for per-sentence scoring: a harmful clause hidden after a long benign one must not be
# diluted by it, so each sentence is scored on its own as well as the whole prompt.
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?;:])\s+|\n+")
_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Lower case, accents removed, typographic quotes/dashes made plain, whitespace collapsed."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-").replace("\u2014", "-")
    return _SPACES.sub(" ", stripped.casefold()).strip()


def sentences(text: str) -> list[str]:
    """Non-empty sentences of a prompt, in order; a prompt without punctuation is one sentence."""
    return [part.strip() for part in _SENTENCE_SPLIT.split(text) if part.strip()]
