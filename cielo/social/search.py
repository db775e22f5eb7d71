"""Search people (handle, name) and published videos (caption, and the prompt when it is shown) with each
database's own full-text search, English and Spanish alike.

PostgreSQL: generated tsvector columns (migration 0007) hold each post's text stemmed by both the `english`
and `spanish` configurations, and each user's handle and name unstemmed (`simple`), under GIN indexes. A query
is stemmed by both configurations too (either may match); people are found by word prefixes as one types.

SQLite: FTS5 tables. posts_fts holds, for every word of a post, the word itself and its English and Spanish
Snowball stems, written here when a post is published or edited; a query word matches any of its own three
forms. users_fts follows the users table through triggers.
"""

from __future__ import annotations

from sqlalchemy import Integer, bindparam, func, literal_column, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from cielo.db.models import Post, User
from cielo.people.blocks import blocked_ids
from cielo.db.queries import dialect
from cielo.social.posts import PostCard, cards
from cielo.social.search_index import forms, words


def _fts5_query(query_words: list[str], *, prefix: bool) -> str:
    """Every word must match one of its forms (or, with `prefix`, start a word). Words are \\w+ only, and
    quoted, so nothing the person typed is FTS5 syntax."""
    if prefix:
        return " AND ".join(f'"{w}"*' for w in query_words)
    return " AND ".join("(" + " OR ".join(f'"{f}"' for f in sorted(forms(w))) + ")" for w in query_words)


async def search_videos(
    session: AsyncSession, viewer: User, query: str, *, limit: int = 24
) -> list[PostCard]:
    """Published videos the viewer may see whose caption (or shown prompt) matches, best match first."""
    query_words = words(query)
    if not query_words:
        return []
    live = [Post.published_at.is_not(None), Post.taken_down_at.is_(None)]
    hidden = await blocked_ids(session, viewer.id)
    if hidden:
        live.append(Post.user_id.not_in(hidden))
    if dialect(session) == "postgresql":
        phrase = " ".join(query_words)
        tsquery = func.plainto_tsquery(literal_column("'english'::regconfig"), phrase).op("||")(
            func.plainto_tsquery(literal_column("'spanish'::regconfig"), phrase)
        )
        vector = literal_column("posts.search_vector")
        statement = (
            select(Post.video_id)
            .where(vector.op("@@")(tsquery), *live)
            .order_by(func.ts_rank(vector, tsquery).desc(), Post.hot.desc())
            .limit(limit)
        )
        ids = list(await session.scalars(statement))
    else:
        matched = (
            text("SELECT video_id, bm25(posts_fts) AS score FROM posts_fts WHERE posts_fts MATCH :q")
            .columns(video_id=Post.video_id.type, score=Post.hot.type)
            .subquery()
        )
        statement = (
            select(Post.video_id)
            .join(matched, matched.c.video_id == Post.video_id)
            .where(*live)
            .order_by(matched.c.score, Post.hot.desc())
            .limit(limit)
        )
        ids = list(await session.scalars(statement, {"q": _fts5_query(query_words, prefix=False)}))
    return await cards(session, viewer, ids)


async def search_people(session: AsyncSession, viewer: User, query: str, *, limit: int = 20) -> list[User]:
    """People whose handle or name has words starting with the query's words; exact handles first."""
    query_words = words(query.lstrip("@"))
    if not query_words:
        return []
    hidden = await blocked_ids(session, viewer.id)
    where = [User.banned_at.is_(None)]
    if hidden:
        where.append(User.id.not_in(hidden))
    exact = (User.handle_key == query.strip().lstrip("@").lower()).desc()
    if dialect(session) == "postgresql":
        tsquery = func.to_tsquery(
            literal_column("'simple'::regconfig"), bindparam("q", " & ".join(f"{w}:*" for w in query_words))
        )
        statement = (
            select(User)
            .where(literal_column("users.search_vector").op("@@")(tsquery), *where)
            .order_by(exact, User.handle_key)
            .limit(limit)
        )
        return list(await session.scalars(statement))
    matched = (
        text("SELECT rowid AS id FROM users_fts WHERE users_fts MATCH :q").columns(id=Integer).subquery()
    )
    statement = (
        select(User)
        .where(literal_column("users.rowid").in_(select(matched.c.id)), *where)
        .order_by(exact, User.handle_key)
        .limit(limit)
    )
    return list(await session.scalars(statement, {"q": _fts5_query(query_words, prefix=True)}))
