"""Notifications: someone liked, commented on, replied to or remixed your video, or followed you; cameo news;
and your own video is ready or failed (the worker's news, told by the job queue when a render ends)."""

from __future__ import annotations

import time
from dataclasses import dataclass

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from cielo.db.models import Comment, Notification, User, Video
from cielo.errors import InvalidInput
from cielo.ids import is_valid_id, new_id
from cielo.people.blocks import blocked_between
from cielo.db.queries import check_limit, cursor_id, cursor_number, decode_cursor, encode_cursor

# Every kind the inbox knows how to show (templates/macros.html has a sentence for each).
KINDS = ("like", "comment", "reply", "follow", "remix", "cameo_use", "cameo_request", "cameo_approved",
         "video_ready", "video_failed")


async def notify(
    session: AsyncSession,
    *,
    user_id: str,
    actor_id: str,
    kind: str,
    video_id: str | None = None,
    comment_id: str | None = None,
    once: bool = False,
) -> Notification | None:
    """Tells `user_id` what `actor_id` did. Nobody is told about their own actions or by someone on the
    other side of a block. `once`: at most one such notice per actor and video (like/unlike/like again
    or follow/unfollow/follow again must not become a stream)."""
    if kind not in KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")
    if user_id == actor_id or await blocked_between(session, user_id, actor_id):
        return None
    if once:
        existing = await session.scalar(
            select(Notification.id).where(
                Notification.user_id == user_id, Notification.actor_id == actor_id, Notification.kind == kind,
                Notification.video_id == video_id if video_id else Notification.video_id.is_(None),
            ).limit(1)
        )
        if existing:
            return None
    row = Notification(id=new_id("ntf"), user_id=user_id, actor_id=actor_id, kind=kind, video_id=video_id,
                       comment_id=comment_id, created_at=time.time())
    session.add(row)
    return row


async def video_finished(session: AsyncSession, video: Video) -> Notification:
    """Tells a video's maker it is ready or failed: their own news, so they are its actor too."""
    kind = "video_ready" if video.status == "completed" else "video_failed"
    row = Notification(id=new_id("ntf"), user_id=video.user_id, actor_id=video.user_id, kind=kind,
                       video_id=video.id, created_at=time.time())
    session.add(row)
    return row


@dataclass
class NotificationItem:
    notification: Notification
    actor: User
    comment_body: str | None
    thumbnail: bool  # the video still exists and has a thumbnail to show
    reason: str | None = None  # why the video failed (video_failed)


async def list_notifications(
    session: AsyncSession, user: User, *, cursor: str | None = None, limit: int | None = None
) -> tuple[list[NotificationItem], str | None]:
    """Newest first, keyset-paginated on (created_at, id)."""
    limit = check_limit(limit, 30)
    query = (
        select(Notification, User, Comment.body, Video.thumbnail_key, Video.error_message)
        .join(User, User.id == Notification.actor_id)
        .outerjoin(Comment, Comment.id == Notification.comment_id)
        .outerjoin(Video, and_(Video.id == Notification.video_id, Video.deleted_at.is_(None)))
        .where(Notification.user_id == user.id)
    )
    state = decode_cursor(cursor)
    if state is not None:
        at, last = cursor_number(state, "t"), cursor_id(state, "id", "ntf")
        query = query.where(or_(Notification.created_at < at,
                                and_(Notification.created_at == at, Notification.id < last)))
    rows = (await session.execute(
        query.order_by(Notification.created_at.desc(), Notification.id.desc()).limit(limit + 1))).all()
    items = [NotificationItem(n, actor, body, bool(thumb), reason)
             for n, actor, body, thumb, reason in rows[:limit]]
    next_cursor = None
    if len(rows) > limit:
        tail = items[-1].notification
        next_cursor = encode_cursor({"t": tail.created_at, "id": tail.id})
    return items, next_cursor


async def unread_count(session: AsyncSession, user: User) -> int:
    return await session.scalar(
        select(func.count()).select_from(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
    ) or 0


async def mark_read(session: AsyncSession, user: User, ids: list[str] | None = None) -> int:
    """Marks the given notifications (or all of them) read; returns how many changed."""
    query = update(Notification).where(Notification.user_id == user.id, Notification.read_at.is_(None))
    if ids is not None:
        if len(ids) > 500 or not all(isinstance(i, str) and is_valid_id(i, "ntf") for i in ids):
            raise InvalidInput(code="too_many_ids", param="ids", limit=500)
        query = query.where(Notification.id.in_(ids))
    result = await session.execute(query.values(read_at=time.time()).execution_options(synchronize_session=False))
    return result.rowcount or 0


async def forget_video(session: AsyncSession, video_id: str) -> None:
    """A deleted video takes its notifications with it."""
    await session.execute(delete(Notification).where(Notification.video_id == video_id))


async def forget_comments(session: AsyncSession, comment_ids: list[str]) -> None:
    if comment_ids:
        await session.execute(delete(Notification).where(Notification.comment_id.in_(comment_ids)))
