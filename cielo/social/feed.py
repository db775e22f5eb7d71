"""The two feeds.

"For you" ranks in two steps. SQL does the heavy part: it walks the partial index on posts.hot (recency
plus log engagement, kept up to date on every like, comment and remix) for the best posts the viewer has not
watched, and adds the newest unwatched posts of people the viewer follows; blocked creators, taken-down and
unpublished posts, the viewer's own posts and anything this session already showed are filtered there. Python
then scores that bounded candidate set (recency, engagement, follows and mutual follows, the viewer's
steering) and picks a page greedily, penalising creators already on the page so one prolific creator cannot
fill it.

A video counts as seen when the person watched it: the page reports an impression (feed_seen) after about a
second at least half visible. Serving a page only records it for the session (feed_served), so pages of one
session never repeat, and what was shown but not watched comes back in the next session. When no unwatched
video is left, the feed says "You're all caught up" and goes on with the videos already watched, those seen
longest ago first: it never runs dry while any video the viewer may see is published. The cursor pins the
moment the session started, so videos published meanwhile wait for the next session instead of shifting
pages. "Following" is chronological with a (published_at, id) keyset cursor, stable by construction.

A page may start at a given video (`start_at`): reloading the feed, coming Back to it or steering it keeps the
video being watched in place.

Teens get `teen_daily_feed_videos` feed videos per UTC day; after that the feed stops and says so, and
pages stop autoplaying.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from sqlalchemy import (Float, LargeBinary, String, bindparam, cast, delete, exists, false, literal,
                        literal_column, null, select, true, tuple_, union_all)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from cielo.config import Settings
from cielo.db.models import Block, FeedPreference, FeedSeen, FeedServed, Follow, Post, User
from cielo.errors import InvalidInput
from cielo.ids import is_valid_id
from cielo.safety import embeddings
from cielo.db.queries import (DAY, add_to_daily_counter, check_limit, cursor_id, cursor_number,
                                 daily_counter, decode_cursor, dialect, encode_cursor, upsert)
from cielo.social.posts import PostCard, cards

RECENCY_HALF_LIFE_HOURS = 24.0
FOLLOWED_WINDOW = 14 * DAY
FOLLOWED_CANDIDATES = 30
FOLLOWED_PER_CREATOR = 5  # newest posts per followed creator among the candidates
ENGAGEMENT_SCALE = float(np.log1p(1000.0))  # ~1000 weighted interactions saturate the engagement term

W_RECENCY = 1.0
W_ENGAGEMENT = 1.0
W_FOLLOWED = 0.6
W_MUTUAL = 1.0
W_STEER = 3.0
W_REWATCH = 1.5  # after "caught up": subtracted from a watched video, halving every REWATCH_HALF_LIFE_HOURS
REWATCH_HALF_LIFE_HOURS = 24.0
DIVERSITY_PENALTY = 0.8  # subtracted per post the same creator already has on this page
SERVED_KEPT = DAY  # a session's served list is pruned when the next session starts a day later
MAX_IMPRESSIONS = 50


@dataclass
class FeedPage:
    cards: list[PostCard]
    next_cursor: str | None
    limit_reached: bool = False  # a teen has had today's feed videos
    autoplay: bool = True
    remaining_today: int | None = None  # teens only
    caught_up_at: int | None = None  # index of the first already-watched video, where "caught up" is shown


@dataclass
class Candidate:
    video_id: str
    user_id: str
    published_at: float
    likes: int
    comments: int
    remixes: int
    embedding: bytes | None = None
    seen_at: float | None = None  # when the viewer watched it (rewatch candidates only)


@dataclass
class Viewer:
    user: User
    followed: set[str]
    mutual: set[str]
    hidden: set[str]
    more: np.ndarray | None = None
    less: np.ndarray | None = None

    @property
    def steering(self) -> bool:
        return self.more is not None or self.less is not None


def _teen_key(user: User) -> str:
    return f"feedday:{user.id}"


async def _allowance(session: AsyncSession, settings: Settings, user: User, limit: int) -> tuple[int, int | None]:
    """(videos this page may hold, videos left today) - the second is None for adults."""
    if not user.is_teen:
        return limit, None
    remaining = max(0, settings.teen_daily_feed_videos - await daily_counter(session, _teen_key(user)))
    return min(limit, remaining), remaining


async def _record(session: AsyncSession, user: User, video_ids: list[str], *, served: bool) -> None:
    """Counts a page against a teen's day; with `served`, notes it in the "For you" session's served list."""
    if served:
        now = time.time()
        rows = [{"user_id": user.id, "video_id": v, "served_at": now} for v in video_ids]
        await upsert(session, FeedServed, rows, ("user_id", "video_id"), ("served_at",))
    if user.is_teen and video_ids:
        await add_to_daily_counter(session, _teen_key(user), len(video_ids))


async def record_impressions(session: AsyncSession, user: User, video_ids: list[str]) -> int:
    """The person watched these videos (the page saw each at least half visible for about a second): they
    now count as seen. Ids of posts that are gone are ignored; returns how many were recorded."""
    if not isinstance(video_ids, list) or len(video_ids) > MAX_IMPRESSIONS:
        raise InvalidInput(code="too_many_ids", param="video_ids", limit=MAX_IMPRESSIONS)
    wanted = {v for v in video_ids if isinstance(v, str) and is_valid_id(v, "video")}
    if not wanted:
        return 0
    existing = list(await session.scalars(select(Post.video_id).where(Post.video_id.in_(sorted(wanted)))))
    now = time.time()
    rows = [{"user_id": user.id, "video_id": v, "seen_at": now} for v in sorted(existing)]
    await upsert(session, FeedSeen, rows, ("user_id", "video_id"), ("seen_at",))
    return len(existing)


def _capped(remaining: int | None) -> FeedPage:
    return FeedPage([], None, limit_reached=True, autoplay=False, remaining_today=remaining)


# The feed's statements are built once per shape and run with bind parameters: constructing SQLAlchemy
# subqueries and LATERAL joins per request costs more CPU than the database spends running them.
_ME = bindparam("me", type_=String)
_AS_OF = bindparam("as_of", type_=Float)
_SINCE = bindparam("since", type_=Float)
_AT = bindparam("at", type_=Float)
_LAST = bindparam("last", type_=String)
_NEWEST = (Post.published_at.desc(), Post.video_id.desc())
_CANDIDATE_COLUMNS = (Post.video_id, Post.user_id, Post.published_at, Post.like_count, Post.comment_count,
                      Post.remix_count)
_statements: dict[tuple, object] = {}


def _statement(key: tuple, build):  # noqa: ANN001, ANN202 - a cached SQLAlchemy statement
    statement = _statements.get(key)
    if statement is None:
        statement = _statements[key] = build()
    return statement


def _relations_statement():  # noqa: ANN202
    """Follows (with whether they follow back), blocks both ways and the steering vectors, as one UNION."""
    back = aliased(Follow)
    follows_back = exists().where(back.follower_id == Follow.followee_id, back.followee_id == _ME)
    no_vector = cast(null(), LargeBinary)
    return union_all(
        select(literal("follow", String).label("kind"), Follow.followee_id.label("other"),
               follows_back.label("mutual"), no_vector.label("more"), no_vector.label("less"))
        .where(Follow.follower_id == _ME),
        select(literal("block", String), Block.blocked_id, false(), no_vector, no_vector)
        .where(Block.blocker_id == _ME),
        select(literal("block", String), Block.blocker_id, false(), no_vector, no_vector)
        .where(Block.blocked_id == _ME),
        select(literal("steer", String), FeedPreference.user_id, false(), FeedPreference.more_vector,
               FeedPreference.less_vector).where(FeedPreference.user_id == _ME),
    )


async def _viewer(session: AsyncSession, user: User) -> Viewer:
    """Who the viewer follows and blocks, and their steering: one round trip."""
    viewer = Viewer(user, followed=set(), mutual=set(), hidden=set())
    rows = (await session.execute(_statement(("relations",), _relations_statement), {"me": user.id})).all()
    for kind, other, mutual, more, less in rows:
        if kind == "block":
            viewer.hidden.add(other)
        elif kind == "follow":
            viewer.followed.add(other)
            if mutual:
                viewer.mutual.add(other)
        else:
            viewer.more, viewer.less = embeddings.from_bytes(more), embeddings.from_bytes(less)
    return viewer


def _followed_posts(postgres: bool, columns: tuple, where: list, *, per_creator, limit):  # noqa: ANN001, ANN202
    """The newest posts (matching `where`) of the people `me` follows. On PostgreSQL each followee is
    probed through ix_posts_user_published with LATERAL, so a few prolific follows cannot make it walk the
    whole feed's history (the planner's choice otherwise). SQLite has no LATERAL: it walks ix_posts_published
    from the newest post and keeps those whose creator is followed. Left to itself it would gather every
    recent post of every followee through ix_posts_user_published and sort them (60 ms for 300 follows on the
    bench's data, against 0.1 ms); `user_id || ''` keeps it off that index."""
    if postgres:
        per_followee = (select(*columns).where(Post.user_id == Follow.followee_id, *where)
                        .order_by(*_NEWEST).limit(per_creator).lateral("followed"))
        return (select(*per_followee.c).select_from(Follow).join(per_followee, true())
                .where(Follow.follower_id == _ME)
                .order_by(per_followee.c.published_at.desc(), per_followee.c.video_id.desc()).limit(limit))
    followees = select(Follow.followee_id).where(Follow.follower_id == _ME)
    return select(*columns).where(Post.user_id.concat("").in_(followees), *where).order_by(*_NEWEST).limit(limit)


def _candidates_statement(postgres: bool, steering: bool, followed: bool, hidden: bool, count: int,
                          rewatch: bool):  # noqa: ANN202
    """Unwatched posts (or, with `rewatch`, every post with when it was watched) that this session has not
    shown yet."""
    no_embedding = cast(null(), LargeBinary).label("embedding")
    columns = _CANDIDATE_COLUMNS + (Post.embedding if steering else no_embedding,)
    watched = select(FeedSeen.seen_at).where(FeedSeen.user_id == _ME, FeedSeen.video_id == Post.video_id)
    columns += ((watched.scalar_subquery() if rewatch else cast(null(), Float)).label("seen_at"),)
    not_shown = ~exists().where(FeedServed.user_id == _ME, FeedServed.video_id == Post.video_id,
                                FeedServed.served_at >= _AS_OF)
    unseen = not_shown if rewatch else ~exists(watched) & not_shown
    # SQLite would rather range-scan ix_posts_published for "published_at <= as_of" (nearly every post) and
    # sort them all by hot: 157 ms on the bench's 100k posts. "published_at + 0" cannot use that index, so it
    # walks ix_posts_hot_live in order and stops after `count` rows (0.1 ms). PostgreSQL plans it well.
    published = Post.published_at if postgres else Post.published_at + literal_column("0")
    # Spelled exactly as the partial index's predicate, so both databases use ix_posts_hot_live.
    where = [Post.published_at.is_not(None), Post.taken_down_at.is_(None), published <= _AS_OF,
             Post.user_id != _ME, unseen]
    if hidden:
        where.append(Post.user_id.not_in(bindparam("hidden", expanding=True)))
    parts = [select(*columns).where(*where).order_by(Post.hot.desc()).limit(count)]
    if followed and not rewatch:
        parts.append(_followed_posts(postgres, columns, [*where, Post.published_at > _SINCE],
                                     per_creator=FOLLOWED_PER_CREATOR, limit=FOLLOWED_CANDIDATES))
    # Each part keeps its own ORDER BY/LIMIT inside a subquery (SQLite allows them nowhere else in a UNION).
    return union_all(*(select(part.subquery()) for part in parts)) if len(parts) > 1 else parts[0]


async def _candidates(session: AsyncSession, settings: Settings, viewer: Viewer, as_of: float, *,
                      rewatch: bool = False) -> list[Candidate]:
    """The best unseen posts by `hot`, plus the newest unseen posts of followed creators: one query. With
    `rewatch`, the best posts this session has not shown, watched or not."""
    shape = (dialect(session) == "postgresql", viewer.steering, bool(viewer.followed), bool(viewer.hidden),
             settings.feed_candidates, rewatch)
    statement = _statement(("candidates", *shape), lambda: _candidates_statement(*shape))
    parameters = {"me": viewer.user.id, "as_of": as_of, "since": as_of - FOLLOWED_WINDOW}
    if viewer.hidden:
        parameters["hidden"] = sorted(viewer.hidden)
    found: dict[str, Candidate] = {}
    for row in (await session.execute(statement, parameters)).all():
        found.setdefault(row[0], Candidate(*row))
    return list(found.values())


def _following_statement(postgres: bool, after: bool, inclusive: bool, limit: int):  # noqa: ANN202
    where = [Post.published_at.is_not(None), Post.taken_down_at.is_(None)]
    if after:
        # A row value, not "a < t OR (a = t AND b < id)": SQLite answers that OR with two index scans merged
        # and sorted (160 ms a page on the bench's data), the row value with one walk of ix_posts_published.
        # Inclusive: a page that starts at a given video.
        position = tuple_(Post.published_at, Post.video_id)
        where.append(position <= tuple_(_AT, _LAST) if inclusive else position < tuple_(_AT, _LAST))
    return _followed_posts(postgres, (Post.video_id, Post.published_at), where, per_creator=limit, limit=limit)


def score(candidates: list[Candidate], viewer: Viewer, as_of: float) -> np.ndarray:
    published = np.array([c.published_at for c in candidates], dtype=np.float64)
    weighted = np.array([c.likes + 2 * c.comments + 3 * c.remixes for c in candidates], dtype=np.float64)
    age_hours = np.maximum(0.0, as_of - published) / 3600.0
    total = W_RECENCY * 0.5 ** (age_hours / RECENCY_HALF_LIFE_HOURS)
    total += W_ENGAGEMENT * np.minimum(1.2, np.log1p(weighted) / ENGAGEMENT_SCALE)
    total += np.array([W_MUTUAL if c.user_id in viewer.mutual else W_FOLLOWED if c.user_id in viewer.followed
                       else 0.0 for c in candidates])
    if viewer.steering:
        steer = np.zeros(len(candidates), dtype=np.float64)
        rows = [(i, embeddings.from_bytes(c.embedding)) for i, c in enumerate(candidates)]
        rows = [(i, v) for i, v in rows if v is not None]
        if rows:
            index = np.array([i for i, _ in rows])
            matrix = np.stack([v for _, v in rows])
            # Raw similarities share a large baseline ("it describes a scene"), so each side is taken
            # relative to the candidates' median. "More X" lifts what is more X than usual and lowers the
            # rest; "less X" only lowers what is more X than usual, it promotes nothing.
            if viewer.more is not None:
                similarity = matrix @ viewer.more
                steer[index] += similarity - np.median(similarity)
            if viewer.less is not None:
                similarity = matrix @ viewer.less
                steer[index] -= np.maximum(0.0, similarity - np.median(similarity))
        total += W_STEER * steer
    watched = np.array([-np.inf if c.seen_at is None else c.seen_at for c in candidates], dtype=np.float64)
    since_watched = np.maximum(0.0, as_of - watched) / 3600.0  # inf for never watched: no penalty
    total -= W_REWATCH * 0.5 ** (since_watched / REWATCH_HALF_LIFE_HOURS)
    return total


def pick(candidates: list[Candidate], scores: np.ndarray, limit: int, last_creator: str | None) -> list[Candidate]:
    """Greedy page: each pick is the best score after a penalty for creators already picked (and for the
    creator that ended the previous page)."""
    creators = {c: i for i, c in enumerate(dict.fromkeys(c.user_id for c in candidates))}
    creator_of = np.array([creators[c.user_id] for c in candidates])
    penalty = np.zeros(len(creators))
    if last_creator in creators:
        penalty[creators[last_creator]] += DIVERSITY_PENALTY
    adjusted = scores.astype(np.float64).copy()
    chosen: list[Candidate] = []
    for _ in range(min(limit, len(candidates))):
        best = int(np.argmax(adjusted - penalty[creator_of]))
        chosen.append(candidates[best])
        adjusted[best] = -np.inf
        penalty[creator_of[best]] += DIVERSITY_PENALTY
    return chosen


async def _start_candidate(session: AsyncSession, viewer: Viewer, video_id: str | None) -> Candidate | None:
    """The video a page should start with, when the viewer may see it in "For you"."""
    if not video_id or not is_valid_id(video_id, "video"):
        return None
    row = (await session.execute(select(*_CANDIDATE_COLUMNS).where(
        Post.video_id == video_id, Post.published_at.is_not(None), Post.taken_down_at.is_(None)))).first()
    if row is None or row[1] == viewer.user.id or row[1] in viewer.hidden:
        return None
    return Candidate(*row)


def _choose(candidates: list[Candidate], viewer: Viewer, as_of: float, limit: int, last_creator: str | None,
            exclude: set[str]) -> tuple[list[Candidate], bool]:
    """Up to `limit` of the candidates, best first, and whether any are left for a later page."""
    candidates = [c for c in candidates if c.video_id not in exclude]
    if not candidates or limit <= 0:
        return [], bool(candidates)
    chosen = pick(candidates, score(candidates, viewer, as_of), limit, last_creator)
    return chosen, len(candidates) > len(chosen)


async def for_you(session: AsyncSession, settings: Settings, user: User, *, cursor: str | None = None,
                  limit: int | None = None, start_at: str | None = None) -> FeedPage:
    limit = check_limit(limit, settings.feed_page_size, 50)
    state = decode_cursor(cursor)
    now = time.time()
    as_of, last_creator, caught_up = now, None, False
    if state is not None:
        as_of = min(now, cursor_number(state, "t"))
        last_creator = cursor_id(state, "c", "usr") if state.get("c") else None
        caught_up = state.get("k") == 1
    limit, remaining = await _allowance(session, settings, user, limit)
    if limit == 0:
        return _capped(remaining)
    viewer = await _viewer(session, user)
    if state is None:  # a new session: what older sessions showed may be shown again
        await session.execute(delete(FeedServed).where(FeedServed.user_id == user.id,
                                                       FeedServed.served_at < now - SERVED_KEPT))
    first = await _start_candidate(session, viewer, start_at) if state is None else None
    chosen = [first] if first else []
    exclude = {first.video_id} if first else set()
    more, caught_up_at = False, None
    if not caught_up:
        unseen, more = _choose(await _candidates(session, settings, viewer, as_of), viewer, as_of,
                               limit - len(chosen), last_creator, exclude)
        chosen += unseen
        caught_up = not more
        if caught_up:
            caught_up_at = len(chosen)
    if caught_up:
        watched = await _candidates(session, settings, viewer, as_of, rewatch=True)
        after = chosen[-1].user_id if chosen else last_creator
        rewatch, more = _choose(watched, viewer, as_of, limit - len(chosen), after,
                                exclude | {c.video_id for c in chosen})
        chosen += rewatch
        if not rewatch and caught_up_at == len(chosen):
            caught_up_at = None  # nothing watched follows: the end card says it
    await _record(session, user, [c.video_id for c in chosen], served=True)
    next_cursor = None
    if more and chosen:
        next_cursor = encode_cursor({"t": as_of, "c": chosen[-1].user_id, "k": int(caught_up)})
    page = _page(await cards(session, user, [c.video_id for c in chosen]), next_cursor, remaining)
    page.caught_up_at = caught_up_at if caught_up_at is not None and caught_up_at < len(page.cards) else None
    return page


async def following(session: AsyncSession, settings: Settings, user: User, *, cursor: str | None = None,
                    limit: int | None = None, start_at: str | None = None) -> FeedPage:
    """Posts of the people the viewer follows, newest first, from `start_at` when it is one of them. Blocks
    end follows both ways, so no blocked creator can appear here."""
    limit = check_limit(limit, settings.feed_page_size, 50)
    limit, remaining = await _allowance(session, settings, user, limit)
    if limit == 0:
        return _capped(remaining)
    state = decode_cursor(cursor)
    parameters = {"me": user.id}
    inclusive = False
    if state is not None:
        parameters |= {"at": cursor_number(state, "t"), "last": cursor_id(state, "id", "video")}
    elif start_at and is_valid_id(start_at, "video"):
        anchor = await session.scalar(select(Post.published_at).where(Post.video_id == start_at,
                                                                       Post.published_at.is_not(None)))
        if anchor is not None:
            parameters |= {"at": anchor, "last": start_at}
            inclusive = True
    shape = (dialect(session) == "postgresql", "at" in parameters, inclusive, limit + 1)
    statement = _statement(("following", *shape), lambda: _following_statement(*shape))
    rows = (await session.execute(statement, parameters)).all()
    page = rows[:limit]
    await _record(session, user, [r[0] for r in page], served=False)
    next_cursor = encode_cursor({"t": page[-1][1], "id": page[-1][0]}) if len(rows) > limit else None
    return _page(await cards(session, user, [r[0] for r in page]), next_cursor, remaining)


def _page(found: list[PostCard], next_cursor: str | None, remaining: int | None) -> FeedPage:
    if remaining is None:
        return FeedPage(found, next_cursor)
    left = remaining - len(found)
    # The page that uses up a teen's allowance is the last one: no cursor; the next request is refused
    # with autoplay off.
    if left <= 0:
        return FeedPage(found, None, limit_reached=True, remaining_today=0)
    return FeedPage(found, next_cursor, remaining_today=left)
