"""Who may use a cameo, and what its owner forbids.

Permission levels, each including the ones before it:

``only_me``
    the owner alone;
``approved``
    plus the people the owner approved (after their request, or directly);
``mutuals``
    plus everyone the owner follows who follows them back;
``everyone``
    every user.

A block (either way) always wins: a blocked or blocking user never uses the cameo, approved or not. The
owner always may. Whatever the level, a prompt that uses someone else's cameo must not break the owner's
restrictions (free text such as "no political content"): see :func:`broken_restriction`.

Everything is checked twice: when a video is requested and again when its job starts, so a permission
withdrawn while the job waited in the queue fails the job (``cameo_permission_revoked``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from cielo.db.models import Cameo, CameoAccess, Follow
from cielo.likeness.mentions import MENTION_RE
from cielo.people.blocks import blocked_between

log = logging.getLogger("cielo.cameos.consent")

PERMISSIONS = ("only_me", "approved", "mutuals", "everyone")
PERMISSION_LABELS = {
    "only_me": "Only me",
    "approved": "People I approve",
    "mutuals": "Mutuals and people I approve",
    "everyone": "Everyone",
}


async def is_mutual(session: AsyncSession, a: str, b: str) -> bool:
    rows = await session.scalars(
        select(Follow.follower_id).where(
            ((Follow.follower_id == a) & (Follow.followee_id == b))
            | ((Follow.follower_id == b) & (Follow.followee_id == a))
        )
    )
    return len(set(rows)) == 2


async def access_status(session: AsyncSession, cameo_id: str, user_id: str) -> str | None:
    row = await session.get(CameoAccess, (cameo_id, user_id))
    return row.status if row else None


async def why_not(session: AsyncSession, cameo: Cameo, user_id: str) -> str | None:
    """None when `user_id` may use the cameo, else the reason (a sentence the user may read)."""
    if cameo.user_id == user_id:
        return None
    if await blocked_between(session, cameo.user_id, user_id):
        return f"@{cameo.handle} is not available to you."
    if cameo.permission == "everyone":
        return None
    if cameo.permission in ("approved", "mutuals") and await access_status(session, cameo.id, user_id) == "approved":
        return None
    if cameo.permission == "mutuals" and await is_mutual(session, cameo.user_id, user_id):
        return None
    if cameo.permission == "only_me":
        return f"@{cameo.handle}'s owner keeps this cameo to themselves."
    if cameo.permission == "mutuals":
        return f"@{cameo.handle} may be used by mutuals and approved people only; ask for access."
    return f"@{cameo.handle} may be used by approved people only; ask for access."


async def can_use(session: AsyncSession, cameo: Cameo, user_id: str) -> bool:
    return await why_not(session, cameo, user_id) is None


# ---------------------------------------------------------------------------------------------- restrictions

_NEGATIONS = re.compile(
    r"\b(?:no|not|never|don't|dont|do not|avoid|without|nothing|none|nada|sin|nunca|ni)\b|\bnada de\b|\bno\s+(?:me\s+)?",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_FILLER = {
    "a", "an", "the", "of", "in", "on", "for", "with", "and", "or", "to", "me", "my", "i", "any", "anything", "stuff",
    "content", "contents", "things", "thing", "videos", "video", "scenes", "scene", "please", "related", "about",
    "kind", "type", "types", "use", "using", "used", "show", "showing", "shows", "put", "make", "made", "be", "is",
    "are", "allowed", "ok", "okay", "el", "la", "los", "las", "de", "del", "un", "una", "y", "o", "en", "con", "que",
    "contenido", "cosas", "mi", "nada", "por", "favor",
}
STEM = 5  # "political" and "politics" share "polit"; "violence" and "violent" share "viole"


def topic_of(restriction: str) -> str:
    """What a restriction is about: "no political content" -> "political content"."""
    return re.sub(r"\s+", " ", _NEGATIONS.sub(" ", restriction)).strip(" .,;:!-")


def subtopics(restriction: str) -> list[str]:
    """The topics a restriction names, filler words dropped: "no romance or kissing" -> romance, kissing."""
    out = []
    for part in re.split(r",|;|/|\bor\b|\band\b|\bo\b|\by\b", topic_of(restriction), flags=re.IGNORECASE):
        words = [w for w in _WORD.findall(part) if w.lower() not in _FILLER]
        if words:
            out.append(" ".join(words))
    return out


def _stems(text: str) -> set[str]:
    return {w.lower()[:STEM] for w in _WORD.findall(text) if w.lower() not in _FILLER and len(w) > 2}


def _pieces(prompt: str) -> list[str]:
    prompt = MENTION_RE.sub("someone", prompt)  # handles are names, not topics
    parts = [p.strip() for p in re.split(r"(?<=[.!?;])\s+|\n+|,\s+", prompt) if len(p.strip()) > 3]
    return [prompt, *parts[:30]]


def _encode(texts: Sequence[str]) -> np.ndarray | None:
    """MiniLM vectors (the model the feed already loads), or None without the safety extra."""
    try:
        from cielo.safety import embeddings

        return embeddings.encode(list(texts))
    except Exception as exc:  # noqa: BLE001 - missing extra: keyword matching alone
        log.warning("restriction check without embeddings: %s", exc)
        return None


@lru_cache(maxsize=256)
def _topic_vectors(restriction: str) -> np.ndarray | None:
    topics = subtopics(restriction)
    return _encode(topics) if topics else None


def broken_restriction(prompt: str, restrictions: Sequence[str], *, similarity: float) -> str | None:
    """The first restriction `prompt` breaks, or None.

    A restriction is broken when the prompt shares a content word with one of its topics (same first five
    letters: "politician" breaks "no politics", "romantic" breaks "no romance") or when the prompt, or one of
    its sentences, is close to a topic in MiniLM space (cosine at least `similarity`; 0.32 separates "drinks
    beer" from "drinks coffee" for "no alcohol" on the labelled pairs in tests/cameos). A heuristic: owners
    should phrase restrictions as topics ("no politics, no alcohol")."""
    restrictions = [r for r in restrictions if subtopics(r)]
    if not restrictions:
        return None
    prompt_stems = _stems(MENTION_RE.sub(" ", prompt))
    for restriction in restrictions:
        if any(_stems(topic) & prompt_stems for topic in subtopics(restriction)):
            return restriction
    vectors = _encode(_pieces(prompt))
    if vectors is None:
        return None
    for restriction in restrictions:
        targets = _topic_vectors(restriction)
        if targets is not None and float(np.max(vectors @ targets.T)) >= similarity:
            return restriction
    return None
