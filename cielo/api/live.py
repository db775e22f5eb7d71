"""One Server-Sent Events stream per signed-in page (`GET /api/events`): the inbox badge, new
notifications and the person's videos rendering, live. The page opens it once (cielo/web/static/live.js)
and every part of the page listens to it, instead of one stream per thing.

Events: `unread` {"count"} when the unread count changes; `notification` (the inbox item, with `text` already
in the page's language, for the browser's Notification API) for each new one; `video` (the draft's state, as
/v1/videos/{id}/events sends it) whenever one of the person's videos changes state or progress. The stream
polls the database, opening a session for each poll, so no connection is held between polls.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse
from sqlalchemy import or_, select

from cielo.api.deps import CurrentUser, ServicesDep, SessionDep
from cielo.api.errors import request_language
from cielo.api.schema import ERRORS
from cielo.db.models import User, Video
from cielo.people import notifications
from cielo.social import views
from cielo.videos import service as videos
from cielo.i18n import translations

router = APIRouter(prefix="/api", tags=["social"], responses=ERRORS)

POLL_SECONDS = 1.0
RETRY_MS = 3000  # how soon a browser reconnects a dropped stream
MAX_SECONDS = 600.0  # a stream ends after this; the browser reconnects (a proxy may cut idle ones anyway)

NOTICE_TEXT = {
    "like": "liked your video",
    "comment": "commented on your video",
    "reply": "replied to your comment",
    "follow": "started following you",
    "remix": "remixed your video",
    "cameo_use": "used your cameo in a video",
    "cameo_request": "asked to use your cameo",
    "cameo_approved": "allowed you to use their cameo",
}


def notice_text(item: dict, gettext) -> str:  # noqa: ANN001 - a gettext function
    """One line saying what happened, as the inbox says it (the same catalog entries)."""
    if item["kind"] == "video_ready":
        return gettext("Your video is ready.")
    if item["kind"] == "video_failed":
        return f"{gettext('Your video failed:')} {item['reason'] or ''}".strip()
    return f"@{item['actor']['handle']} {gettext(NOTICE_TEXT.get(item['kind'], item['kind']))}"


def _sse(event: str, data: dict) -> str:
    return f"event: {event}\ndata: {json.dumps(data)}\n\n"


@router.get("/events", summary="Live news for a signed-in page (Server-Sent Events)")
async def live_events(request: Request, svc: ServicesDep, session: SessionDep, user: CurrentUser) -> StreamingResponse:
    gettext = translations(request_language(request)).gettext
    user_id = user.id
    await session.close()
    opened = time.time()

    async def poll(
        since: float, unread: int | None, states: dict[str, tuple]
    ) -> tuple[list[str], float, int] | None:
        """The events since the last poll; None once the account is gone or banned (the stream ends)."""
        events: list[str] = []
        async with svc.sessions() as poll_session:
            me = await poll_session.get(User, user_id)
            if me is None or me.banned_at is not None:
                return None
            count = await notifications.unread_count(poll_session, me)
            if count != unread:
                events.append(_sse("unread", {"count": count}))
            items, _ = await notifications.list_notifications(poll_session, me, limit=10)
            for item in reversed(items):
                if item.notification.created_at > since and item.notification.read_at is None:
                    shown = views.notification_json(item)
                    events.append(_sse("notification", shown | {"text": notice_text(shown, gettext)}))
            newest = max([since, *(i.notification.created_at for i in items)])
            # Videos rendering, and those that ended since the stream opened (their final state).
            rows = await poll_session.scalars(
                select(Video).where(
                    Video.user_id == user_id,
                    Video.deleted_at.is_(None),
                    or_(Video.status.in_(("queued", "in_progress")), Video.completed_at >= opened),
                )
            )
            for video in rows:
                state = (video.status, video.progress, video.stage)
                if states.get(video.id) != state:
                    states[video.id] = state
                    events.append(_sse("video", videos.progress_event(video, svc.store)))
        return events, newest, count

    async def stream() -> AsyncIterator[str]:
        yield f"retry: {RETRY_MS}\n\n"
        since, unread, states = opened, None, {}
        while not await request.is_disconnected() and time.time() - opened < MAX_SECONDS:
            polled = await poll(since, unread, states)
            if polled is None:
                return
            events, since, unread = polled
            for event in events:
                yield event
            if not events:
                yield ": still here\n\n"  # keeps proxies from closing an idle stream
            await asyncio.sleep(POLL_SECONDS)

    return StreamingResponse(
        stream(),
        media_type="text/event-stream",
        headers={"cache-control": "no-cache", "x-accel-buffering": "no"},
    )
