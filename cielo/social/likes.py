"""Likes: one per user and post, counted on the post so no feed ever counts rows."""

from __future__ import annotations

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from cielo.config import Settings
from cielo.db.models import Like, Post, User
from cielo.db.queries import hit_rate_limit, insert_ignore
from cielo.people.notifications import notify
from cielo.social.posts import live_post, rescore


async def like(session: AsyncSession, settings: Settings, user: User, video_id: str) -> Post:
    """Idempotent: liking twice is one like. The post row is locked, so concurrent likes count exactly."""
    _, post = await live_post(session, user, video_id, for_update=True)
    await hit_rate_limit(session, f"like:{user.id}", settings.likes_per_minute, 60, "too_many_likes")
    if await insert_ignore(session, Like, [{"video_id": post.video_id, "user_id": user.id}]):
        post.like_count += 1
        rescore(post)
        await notify(session, user_id=post.user_id, actor_id=user.id, kind="like", video_id=post.video_id,
                     once=True)
    return post


async def unlike(session: AsyncSession, settings: Settings, user: User, video_id: str) -> Post:
    _, post = await live_post(session, user, video_id, for_update=True)
    await hit_rate_limit(session, f"like:{user.id}", settings.likes_per_minute, 60, "too_many_likes")
    result = await session.execute(delete(Like).where(Like.video_id == post.video_id, Like.user_id == user.id))
    if result.rowcount:
        post.like_count = max(0, post.like_count - 1)
        rescore(post)
    return post
