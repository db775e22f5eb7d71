"""Steering the "For you" feed in words: "more animals, less sports" / "más cocina y menos fútbol".

The instruction is split into what to see more of and less of; each side becomes one direction in the
embedding space of captions and prompts, and the feed adds (similarity to "more" - similarity to "less")
to every candidate's score.
"""

from __future__ import annotations

import asyncio
import re
import time

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from cielo.config import Settings
from cielo.db.models import FeedPreference, User
from cielo.errors import InvalidInput
from cielo.safety import embeddings

MAX_INSTRUCTION_CHARS = 300
MAX_TERMS = 8
# Longest first, so "no more" wins over "no" and "less of" over "less".
_MORE = ("show me more", "show me", "more of", "i want", "i like", "más de", "mas de", "quiero ver", "more",
         "más", "mas", "quiero")
_LESS = ("don't show", "dont show", "stop showing", "no more", "no quiero", "nada de", "less of", "fewer",
         "without", "less", "hide", "menos de", "menos", "sin", "not", "no")
_CLAUSES = re.compile(r"[,;.!\n]+|\s+(?:but|pero|however|aunque)\s+", re.IGNORECASE)
_JOINERS = re.compile(r"\s+(?:and|y|e|or|o|plus)\s+|\s*&\s*|\s*\+\s*", re.IGNORECASE)
_FILLER = re.compile(r"^(?:please|por favor|of|de|the|el|la|los|las)\s+|\s+(?:please|por favor|videos?|vídeos?)$",
                     re.IGNORECASE)


def _strip_prefix(text: str, words: tuple[str, ...]) -> str | None:
    lowered = text.lower()
    for word in words:
        if lowered == word or lowered.startswith(word + " "):
            return text[len(word):].strip()
    return None


def _clean(term: str) -> str:
    previous = None
    while previous != term:
        previous, term = term, _FILLER.sub("", term).strip()
    return term


def parse(instruction: str) -> dict[str, list[str]]:
    """{"more": [...], "less": [...]}. Words with no "more"/"less" of their own take the direction of the
    words before them in the same clause ("less sports and politics"); a clause with none means "more"."""
    terms: dict[str, list[str]] = {"more": [], "less": []}
    for clause in _CLAUSES.split(instruction):
        direction = "more"
        for part in _JOINERS.split(clause.strip()):
            part = part.strip()
            if not part:
                continue
            for side, words in (("less", _LESS), ("more", _MORE)):
                rest = _strip_prefix(part, words)
                if rest is not None:
                    direction, part = side, rest
                    break
            term = _clean(part)[:60]
            if term and term.lower() not in (t.lower() for t in terms[direction]):
                terms[direction].append(term)
    if len(terms["more"]) + len(terms["less"]) > MAX_TERMS:
        raise InvalidInput(code="steering_too_many_topics", param="instruction", limit=MAX_TERMS)
    return terms


async def set_steering(session: AsyncSession, settings: Settings, user: User, instruction: str | None
                       ) -> FeedPreference:
    instruction = (instruction or "").strip()
    if not instruction:
        raise InvalidInput(code="steering_empty", param="instruction")
    if len(instruction) > MAX_INSTRUCTION_CHARS:
        raise InvalidInput(code="steering_too_long", param="instruction", limit=MAX_INSTRUCTION_CHARS)
    terms = parse(instruction)
    if not terms["more"] and not terms["less"]:
        raise InvalidInput(code="steering_no_topics", param="instruction")
    if not settings.feed_embeddings:
        raise InvalidInput(code="steering_disabled", param="instruction")
    more, less = await asyncio.to_thread(lambda: (embeddings.direction(terms["more"]),
                                                  embeddings.direction(terms["less"])))
    preference = await session.get(FeedPreference, user.id)
    if preference is None:
        preference = FeedPreference(user_id=user.id)
        session.add(preference)
    preference.instruction = instruction
    preference.terms = terms
    preference.more_vector = embeddings.to_bytes(more) if more is not None else None
    preference.less_vector = embeddings.to_bytes(less) if less is not None else None
    preference.updated_at = time.time()
    await session.flush()
    return preference


async def get_steering(session: AsyncSession, user: User) -> FeedPreference | None:
    return await session.get(FeedPreference, user.id)


async def clear_steering(session: AsyncSession, user: User) -> None:
    await session.execute(delete(FeedPreference).where(FeedPreference.user_id == user.id))
