"""Retention: a video's downloads last until its `expires_at` (CIELO_VIDEO_TTL_DAYS after it finished; 0 =
forever). A published video keeps them while it is published, unless the operator sets
CIELO_EXPIRE_PUBLISHED. Past that, the content answers 404 `video_expired`, and a sweep the server runs
deletes the files (the row stays: the video's record, its prompt and its error remain readable)."""

from __future__ import annotations

import time

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from cielo.config import Settings
from cielo.db.models import Post, Video
from cielo.storage import MediaStore

SWEEP_BATCH = 200


def is_expired(video: Video, settings: Settings, *, published: bool, now: float | None = None) -> bool:
    if video.expires_at is None or video.expires_at > (now or time.time()):
        return False
    return settings.expire_published or not published


async def is_published(session: AsyncSession, video_id: str) -> bool:
    return bool(await session.scalar(select(Post.published_at.is_not(None)).where(Post.video_id == video_id)))


async def sweep_expired(session: AsyncSession, store: MediaStore, settings: Settings) -> int:
    """Deletes the files of up to SWEEP_BATCH expired videos; returns how many. Safe to run in every server
    process at once (rows are locked, skipping those another process holds)."""
    query = (select(Video).where(Video.status == "completed", Video.expires_at.is_not(None),
                                 Video.expires_at <= time.time(), Video.video_key.is_not(None))
             .limit(SWEEP_BATCH).with_for_update(skip_locked=True))
    if not settings.expire_published:
        query = query.where(~exists().where(Post.video_id == Video.id, Post.published_at.is_not(None)))
    expired = list(await session.scalars(query))
    for video in expired:
        for key in (video.video_key, video.thumbnail_key, video.spritesheet_key):
            if key:
                store.delete(key)
        video.video_key = video.thumbnail_key = video.spritesheet_key = None
    return len(expired)
