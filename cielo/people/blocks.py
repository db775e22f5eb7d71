"""Blocking. A block works both ways for visibility: neither user sees the other's profile, posts or
comments, and neither can follow, comment on, like or remix the other's videos. Other packages (cameos)
ask `blocked_between` before letting one user use another's likeness."""

from __future__ import annotations

from sqlalchemy import delete, or_, select, union
from sqlalchemy.ext.asyncio import AsyncSession

from cielo.accounts.service import user_by_handle
from cielo.db.models import Block, Follow, Notification, User
from cielo.errors import InvalidInput, NotFound
from cielo.db.queries import insert_ignore


async def blocked_ids(session: AsyncSession, user_id: str) -> set[str]:
    """Everyone this user blocked or was blocked by."""
    query = union(
        select(Block.blocked_id).where(Block.blocker_id == user_id),
        select(Block.blocker_id).where(Block.blocked_id == user_id),
    )
    return set(await session.scalars(query))


async def blocked_between(session: AsyncSession, a: str, b: str) -> bool:
    if a == b:
        return False
    found = await session.scalar(
        select(Block.blocker_id).where(
            or_((Block.blocker_id == a) & (Block.blocked_id == b), (Block.blocker_id == b) & (Block.blocked_id == a))
        ).limit(1)
    )
    return found is not None


async def has_blocked(session: AsyncSession, blocker_id: str, blocked_id: str) -> bool:
    return await session.get(Block, (blocker_id, blocked_id)) is not None


async def visible_user(session: AsyncSession, viewer: User | None, handle: str) -> User:
    """The user behind @handle, unless they blocked the viewer (then they do not exist for the viewer)."""
    user = await user_by_handle(session, handle)
    if viewer is not None and viewer.id != user.id and await has_blocked(session, user.id, viewer.id):
        raise NotFound(code="user_not_found", param="handle", handle=handle)
    return user


async def block(session: AsyncSession, user: User, handle: str) -> User:
    target = await user_by_handle(session, handle)
    if target.id == user.id:
        raise InvalidInput(code="self_block", param="handle")
    await insert_ignore(session, Block, [{"blocker_id": user.id, "blocked_id": target.id}])
    # A block ends the relationship both ways and clears what either was told about the other.
    await session.execute(delete(Follow).where(
        or_((Follow.follower_id == user.id) & (Follow.followee_id == target.id),
            (Follow.follower_id == target.id) & (Follow.followee_id == user.id))))
    await session.execute(delete(Notification).where(
        or_((Notification.user_id == user.id) & (Notification.actor_id == target.id),
            (Notification.user_id == target.id) & (Notification.actor_id == user.id))))
    return target


async def unblock(session: AsyncSession, user: User, handle: str) -> User:
    target = await user_by_handle(session, handle)
    await session.execute(delete(Block).where(Block.blocker_id == user.id, Block.blocked_id == target.id))
    return target


async def list_blocked(session: AsyncSession, user: User) -> list[User]:
    rows = await session.scalars(
        select(User).join(Block, Block.blocked_id == User.id).where(Block.blocker_id == user.id)
        .order_by(Block.created_at.desc())
    )
    return list(rows)
