"""People to follow: friends of friends (people the people you follow follow), creators whose videos the
people you follow like, and, for someone who follows nobody yet, the creators most people follow. Shown on an
empty "Following" tab and on profiles."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from cielo.db.models import Follow, Like, Post, User
from cielo.people.blocks import blocked_ids

# How much each signal counts: a follow by someone you follow says more than a like.
FOLLOWED_BY_FOLLOWS = 2
LIKED_BY_FOLLOWS = 1
SAMPLE = 200  # rows of each signal read; enough to rank a handful of suggestions


@dataclass
class Suggestion:
    user: User
    reason: str  # followed_by_follows | liked_by_follows | popular


async def suggested_people(
    session: AsyncSession, viewer: User, *, limit: int = 8, exclude: tuple[str, ...] = ()
) -> list[Suggestion]:
    """Up to `limit` people the viewer does not follow, best first; never the viewer, anyone on either side of
    a block with them, a banned account, or the ids in `exclude`."""
    mine = select(Follow.followee_id).where(Follow.follower_id == viewer.id)
    theirs = aliased(Follow)
    friends = await session.execute(
        select(theirs.followee_id, func.count())
        .where(theirs.follower_id.in_(mine))
        .group_by(theirs.followee_id)
        .order_by(func.count().desc())
        .limit(SAMPLE)
    )
    liked = await session.execute(
        select(Post.user_id, func.count())
        .join(Like, Like.video_id == Post.video_id)
        .where(Like.user_id.in_(mine), Post.published_at.is_not(None), Post.taken_down_at.is_(None))
        .group_by(Post.user_id)
        .order_by(func.count().desc())
        .limit(SAMPLE)
    )
    points: Counter[str] = Counter()
    reasons: dict[str, str] = {}
    for other, count in friends:
        points[other] += FOLLOWED_BY_FOLLOWS * count
        reasons.setdefault(other, "followed_by_follows")
    for other, count in liked:
        points[other] += LIKED_BY_FOLLOWS * count
        reasons.setdefault(other, "liked_by_follows")
    skip = {viewer.id, *exclude, *await blocked_ids(session, viewer.id), *await session.scalars(mine)}
    ranked = [other for other, _ in points.most_common() if other not in skip]
    if len(ranked) < limit:  # too few signals (a new account): the creators most people follow
        popular = await session.execute(
            select(Follow.followee_id)
            .group_by(Follow.followee_id)
            .order_by(func.count().desc(), Follow.followee_id)
            .limit(SAMPLE)
        )
        for (other,) in popular:
            if other not in skip and other not in reasons:
                ranked.append(other)
                reasons[other] = "popular"
    ranked = ranked[: limit * 2]
    if not ranked:
        return []
    users = {
        u.id: u
        for u in await session.scalars(select(User).where(User.id.in_(ranked), User.banned_at.is_(None)))
    }
    return [Suggestion(users[i], reasons[i]) for i in ranked if i in users][:limit]
