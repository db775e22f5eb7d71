"""What search finds a post by, kept with the post: its caption and, when shown, its prompt
(posts.search_text, which PostgreSQL's generated tsvector column follows); on SQLite also the words and
their English and Spanish Snowball stems in the FTS5 table posts_fts. cielo.social.search reads them."""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from cielo.db.models import Post
from cielo.errors import InvalidInput
from cielo.db.queries import dialect

MAX_QUERY_CHARS = 100
MAX_WORDS = 8
WORD = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=2)
def _stemmer(language: str):  # noqa: ANN202 - a snowballstemmer stemmer
    return snowballstemmer.stemmer(language)


def words(query: str) -> list[str]:
    """The query's words, lower-cased, at most MAX_WORDS; refuses an over-long query."""
    if len(query) > MAX_QUERY_CHARS:
        raise InvalidInput(code="search_too_long", param="q", limit=MAX_QUERY_CHARS)
    return [w for w in WORD.findall(query.lower()) if w != "_"][:MAX_WORDS]


def forms(word: str) -> set[str]:
    """A word, its English stem and its Spanish stem (what posts_fts indexes)."""
    return {word, _stemmer("english").stemWord(word), _stemmer("spanish").stemWord(word)}


def post_text(caption: str, prompt: str, show_prompt: bool) -> str:
    return f"{caption}\n{prompt}" if show_prompt else caption


async def index_post(session: AsyncSession, post: Post, prompt: str) -> None:
    """Keeps a post findable by what it shows now: its caption, and its prompt only when shown."""
    post.search_text = post_text(post.caption or "", prompt, post.show_prompt)
    if dialect(session) == "postgresql":
        return  # the generated tsvector column follows search_text
    await unindex_post(session, post.video_id)
    terms = " ".join(
        sorted({form for word in WORD.findall(post.search_text.lower()) for form in forms(word)})
    )
    await session.execute(
        text("INSERT INTO posts_fts (terms, video_id) VALUES (:terms, :video_id)"),
        {"terms": terms, "video_id": post.video_id},
    )


async def unindex_post(session: AsyncSession, video_id: str) -> None:
    if dialect(session) != "postgresql":
        await session.execute(
            text("DELETE FROM posts_fts WHERE video_id = :video_id"), {"video_id": video_id}
        )
