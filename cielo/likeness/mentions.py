"""@mentions in prompts. A person's cameo answers to its owner's handle (``@ana``); a character's handle is
``owner.name`` (``@ana.rex``): user handles never contain a dot, so the two never collide. The plan reader uses
the pattern defined here, so what resolves here is exactly what the plan draws."""

from __future__ import annotations

import re
import unicodedata

# An @handle: a user's (3-30 word characters) or a character's (owner.name).
MENTION_RE = re.compile(r"(?<![\w@.])@([A-Za-z0-9_]{3,30}(?:\.[A-Za-z0-9_]{1,30})?)")
CHARACTER_PART_RE = re.compile(r"^[A-Za-z0-9_]{1,30}$")


def mentioned_handles(prompt: str | None) -> list[str]:
    """The handles a prompt mentions, lower-cased, each once, in order of first mention."""
    seen: dict[str, None] = {}
    for match in MENTION_RE.finditer(prompt or ""):
        seen.setdefault(match.group(1).lower(), None)
    return list(seen)


def slug(name: str) -> str:
    """A character handle's own part from its display name: ASCII letters, digits and underscores."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    part = re.sub(r"[^A-Za-z0-9]+", "_", ascii_name).strip("_").lower()[:30].strip("_")
    return part or "character"
