"""Server-Sent Events for long work (a video rendering, a likeness training): the page or client gets a
`progress` event whenever the state changes, then one `done` event when the work has ended."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable

from fastapi import Request
from fastapi.responses import StreamingResponse

POLL_SECONDS = 0.5


def progress_events(request: Request, read: Callable[[], Awaitable[tuple[dict, bool]]]) -> StreamingResponse:
    """`read()` returns (the state to send, whether the work has ended); it opens its own database session
    each time, so no connection is held between polls."""

    async def stream() -> AsyncIterator[str]:
        last = None
        while not await request.is_disconnected():
            state, ended = await read()
            if state != last:
                last = state
                yield f"event: progress\ndata: {json.dumps(state)}\n\n"
            if ended:
                yield f"event: done\ndata: {json.dumps(state)}\n\n"
                return
            await asyncio.sleep(POLL_SECONDS)

    return StreamingResponse(stream(), media_type="text/event-stream",
                             headers={"cache-control": "no-cache", "x-accel-buffering": "no"})
