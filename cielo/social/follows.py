"""Following: follow and unfollow, follower and following lists and counts."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from cielo.config import Settings
from cielo.db.models import Follow, Post, User
from cielo.errors import Conflict, InvalidInput
from cielo.people.blocks import blocked_ids, has_blocked, visible_user
from cielo.db.queries import (check_limit, cursor_id, cursor_number, decode_cursor, encode_cursor,
                                 hit_rate_limit, insert_ignore)
from cielo.people.notifications import notify


@dataclass
class Counts:
    posts: int
    followers: int
    following: int


async def counts(session: AsyncSession, user_id: str) -> Counts:
    followers = select(func.count()).select_from(Follow).where(Follow.followee_id == user_id).scalar_subquery()
    following = select(func.count()).select_from(Follow).where(Follow.follower_id == user_id).scalar_subquery()
    posts = (select(func.count()).select_from(Post)
             .where(Post.user_id == user_id, Post.published_at.is_not(None), Post.taken_down_at.is_(None))
             .scalar_subquery())
    row = (await session.execute(select(posts, followers, following))).one()
    return Counts(*row)


async def is_following(session: AsyncSession, follower_id: str, followee_id: str) -> bool:
    return await session.get(Follow, (follower_id, followee_id)) is not None


async def follow(session: AsyncSession, settings: Settings, user: User, handle: str) -> User:
    target = await visible_user(session, user, handle)
    if target.id == user.id:
        raise InvalidInput(code="self_follow", param="handle")
    if await has_blocked(session, user.id, target.id):
        raise Conflict(code="blocked", param="handle", handle=target.handle)
    await hit_rate_limit(session, f"follow:{user.id}", settings.follows_per_minute, 60, "too_many_follows")
    if await insert_ignore(session, Follow, [{"follower_id": user.id, "followee_id": target.id}]):
        await notify(session, user_id=target.id, actor_id=user.id, kind="follow", once=True)
    return target


async def unfollow(session: AsyncSession, settings: Settings, user: User, handle: str) -> User:
    target = await visible_user(session, user, handle)
    await hit_rate_limit(session, f"follow:{user.id}", settings.follows_per_minute, 60, "too_many_follows")
    await session.execute(delete(Follow).where(Follow.follower_id == user.id, Follow.followee_id == target.id))
    return target


async def _people(session: AsyncSession, viewer: User | None, handle: str, *, followers: bool,
                  cursor: str | None, limit: int | None) -> tuple[User, list[User], str | None]:
    """Followers (or followees) of @handle, most recent first, minus anyone on the other side of a block."""
    owner = await visible_user(session, viewer, handle)
    limit = check_limit(limit, 50)
    other = Follow.follower_id if followers else Follow.followee_id
    mine = Follow.followee_id if followers else Follow.follower_id
    query = select(User, Follow.created_at).join(Follow, other == User.id).where(mine == owner.id)
    if viewer is not None:
        hidden = await blocked_ids(session, viewer.id)
        if hidden:
            query = query.where(User.id.not_in(hidden))
    state = decode_cursor(cursor)
    if state is not None:
        at, last = cursor_number(state, "t"), cursor_id(state, "id", "usr")
        query = query.where(or_(Follow.created_at < at, and_(Follow.created_at == at, User.id < last)))
    rows = (await session.execute(query.order_by(Follow.created_at.desc(), User.id.desc()).limit(limit + 1))).all()
    people = [user for user, _ in rows[:limit]]
    next_cursor = None
    if len(rows) > limit:
        next_cursor = encode_cursor({"t": rows[limit - 1][1], "id": rows[limit - 1][0].id})
    return owner, people, next_cursor


async def followers(session: AsyncSession, viewer: User | None, handle: str, *, cursor: str | None = None,
                    limit: int | None = None) -> tuple[User, list[User], str | None]:
    return await _people(session, viewer, handle, followers=True, cursor=cursor, limit=limit)


async def following(session: AsyncSession, viewer: User | None, handle: str, *, cursor: str | None = None,
                    limit: int | None = None) -> tuple[User, list[User], str | None]:
    return await _people(session, viewer, handle, followers=False, cursor=cursor, limit=limit)


async def followed_ids(session: AsyncSession, viewer_id: str, user_ids: list[str]) -> set[str]:
    """Which of `user_ids` the viewer follows (for follow buttons in lists)."""
    if not user_ids:
        return set()
    rows = await session.scalars(
        select(Follow.followee_id).where(Follow.follower_id == viewer_id, Follow.followee_id.in_(user_ids)))
    return set(rows)
