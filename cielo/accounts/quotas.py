"""Daily generation quota and queue depth per user: exceeded means 429 with Retry-After."""

from __future__ import annotations

import time

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from cielo.config import Settings
from cielo.db.models import User, Video
from cielo.errors import RateLimited

DAY = 86400


def start_of_utc_day(now: float) -> float:
    return now - (now % DAY)


# A video that failed this way was refused by output moderation: the person got nothing, so it is free.
FREE_FAILURES = ("output_blocked",)


async def check_can_create(session: AsyncSession, settings: Settings, user: User) -> None:
    """Deleted videos still count toward today's quota, so deleting cannot buy more renders; a video refused
    by output moderation does not."""
    now = time.time()
    day_start = start_of_utc_day(now)
    made_today = await session.scalar(
        select(func.count()).where(
            Video.user_id == user.id, Video.created_at >= day_start,
            or_(Video.error_code.is_(None), Video.error_code.not_in(FREE_FAILURES)),
        )
    )
    if made_today >= settings.daily_quota:
        raise RateLimited(code="daily_quota_exceeded", retry_after=int(day_start + DAY - now) + 1,
                          limit=settings.daily_quota)
    pending = await session.scalar(
        select(func.count()).where(
            Video.user_id == user.id, Video.status.in_(("queued", "in_progress")), Video.deleted_at.is_(None)
        )
    )
    if pending >= settings.max_queued_jobs:
        raise RateLimited(code="too_many_pending_jobs", pending=pending,
                          retry_after=max(5, settings.poll_after_ms // 1000 * 10))
