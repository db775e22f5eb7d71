"""Comments, with replies one level deep. Anyone who can see a published video may comment (within the
rate limit); authors delete their own comments and a video's creator may delete any comment on it."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from cielo.text import visible
from cielo.config import Settings
from cielo.db.models import Block, Comment, Post, User
from cielo.errors import Forbidden, InvalidInput, NotFound
from cielo.ids import is_valid_id, new_id
from cielo.people.blocks import blocked_ids
from cielo.db.queries import check_limit, cursor_id, cursor_number, decode_cursor, encode_cursor, hit_rate_limit
from cielo.people.notifications import forget_comments, notify
from cielo.social.posts import live_post, rescore, viewable_video

MAX_REPLIES_SHOWN = 50


def check_body(settings: Settings, body: str | None) -> str:
    body = (body or "").strip()
    if not visible(body):
        raise InvalidInput(code="empty_comment", param="body")
    if len(body) > settings.max_comment_chars:
        raise InvalidInput(code="comment_too_long", param="body", limit=settings.max_comment_chars)
    return body


async def add_comment(session: AsyncSession, settings: Settings, user: User, video_id: str, body: str | None,
                      *, parent_id: str | None = None) -> Comment:
    """A reply to a reply attaches to the top-level comment (one level deep) and still tells the person
    replied to."""
    body = check_body(settings, body)
    _, post = await live_post(session, user, video_id, for_update=True)
    parent = None
    if parent_id:
        parent = await session.get(Comment, parent_id) if is_valid_id(parent_id, "cmt") else None
        if parent is None or parent.video_id != post.video_id:
            raise NotFound(code="comment_not_found", param="parent_id")
    await hit_rate_limit(session, f"comment:{user.id}", settings.comments_per_minute, 60, "too_many_comments")
    root_id = (parent.parent_id or parent.id) if parent else None
    comment = Comment(id=new_id("cmt"), video_id=post.video_id, user_id=user.id, parent_id=root_id, body=body,
                      created_at=time.time())
    session.add(comment)
    post.comment_count += 1
    rescore(post)
    await session.flush()
    await notify(session, user_id=post.user_id, actor_id=user.id, kind="comment", video_id=post.video_id,
                 comment_id=comment.id)
    if parent is not None and parent.user_id != post.user_id:
        await notify(session, user_id=parent.user_id, actor_id=user.id, kind="reply", video_id=post.video_id,
                     comment_id=comment.id)
    return comment


async def delete_comment(session: AsyncSession, user: User, comment_id: str) -> int:
    """Deletes the comment (and its replies, if it is top-level); returns how many comments went."""
    comment = await session.get(Comment, comment_id) if is_valid_id(comment_id or "", "cmt") else None
    if comment is None:
        raise NotFound(code="comment_not_found", param="comment_id")
    post = await session.get(Post, comment.video_id, with_for_update=True)
    if comment.user_id != user.id and post.user_id != user.id:
        # Say 404, not 403, to someone who cannot even see the video.
        await viewable_video(session, user, comment.video_id)
        raise Forbidden(code="comment_delete_forbidden")
    ids = [comment.id]
    if comment.parent_id is None:
        ids += list(await session.scalars(select(Comment.id).where(Comment.parent_id == comment.id)))
    await forget_comments(session, ids)
    await session.execute(delete(Comment).where(Comment.id.in_(ids)))
    session.expunge(comment)
    post.comment_count = max(0, post.comment_count - len(ids))
    rescore(post)
    return len(ids)


@dataclass
class Thread:
    comment: Comment
    author: User
    replies: list[tuple[Comment, User]] = field(default_factory=list)
    reply_count: int = 0


async def list_comments(session: AsyncSession, viewer: User, video_id: str, *, cursor: str | None = None,
                        limit: int | None = None) -> tuple[list[Thread], str | None]:
    """Top-level comments oldest first, each with its first replies. Hidden: comments by anyone on the
    other side of a block from the viewer, and by anyone the video's creator blocked."""
    video, _ = await viewable_video(session, viewer, video_id)
    limit = check_limit(limit, 30)
    hidden = await blocked_ids(session, viewer.id)
    hidden |= set(await session.scalars(select(Block.blocked_id).where(Block.blocker_id == video.user_id)))
    visible = [Comment.video_id == video.id]
    if hidden:
        visible.append(Comment.user_id.not_in(hidden))
    query = select(Comment, User).join(User, User.id == Comment.user_id).where(*visible, Comment.parent_id.is_(None))
    state = decode_cursor(cursor)
    if state is not None:
        at, last = cursor_number(state, "t"), cursor_id(state, "id", "cmt")
        query = query.where(or_(Comment.created_at > at, and_(Comment.created_at == at, Comment.id > last)))
    rows = (await session.execute(query.order_by(Comment.created_at, Comment.id).limit(limit + 1))).all()
    threads = {c.id: Thread(c, author) for c, author in rows[:limit]}
    if threads:
        in_page = [*visible, Comment.parent_id.in_(list(threads))]
        totals = await session.execute(select(Comment.parent_id, func.count()).where(*in_page)
                                       .group_by(Comment.parent_id))
        for parent_id, total in totals:
            threads[parent_id].reply_count = total
        # Bounded: a thread with thousands of replies must not make the page huge.
        replies = await session.execute(
            select(Comment, User).join(User, User.id == Comment.user_id).where(*in_page)
            .order_by(Comment.created_at, Comment.id).limit(len(threads) * MAX_REPLIES_SHOWN))
        for reply, author in replies:
            thread = threads[reply.parent_id]
            if len(thread.replies) < MAX_REPLIES_SHOWN:
                thread.replies.append((reply, author))
    next_cursor = None
    if len(rows) > limit:
        tail = rows[limit - 1][0]
        next_cursor = encode_cursor({"t": tail.created_at, "id": tail.id})
    return list(threads.values()), next_cursor
