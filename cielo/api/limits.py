"""Limits every request meets before the application sees it, so no request can stall the server for others
or turn bad input into a 500. (Header size and slow headers are uvicorn's part: cielo.service.)

- at most MAX_HEADERS headers (431);
- a path and query string free of encoded NULs, control characters and invalid UTF-8 (400);
- a body no larger than the upload limit: refused unread when its declared length is too large, counted
  as it arrives otherwise (413);
- a body that keeps coming: a client that sends nothing for BODY_IDLE_SECONDS mid-body gets 408;
- JSON nested at most MAX_JSON_DEPTH deep (Python's parser recurses: 100,000 levels would be a 500);
- an unexpected exception is answered with the 500 JSON error here and not raised on, so the server keeps
  the connection (raised to uvicorn, it would reset the client's next request on it).
"""

from __future__ import annotations

import asyncio
import json
import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cielo.text import url_is_clean

log = logging.getLogger("cielo.api")

MAX_HEADERS = 100
MAX_JSON_DEPTH = 64
MAX_JSON_BYTES = 2 * 1024 * 1024
BODY_IDLE_SECONDS = 30.0


def _error(status: int, message: str, code: str, type_: str = "invalid_request_error") -> tuple[int, bytes]:
    body = {"error": {"message": message, "type": type_, "param": None, "code": code}}
    return status, json.dumps(body).encode()


async def _answer(send: Send, status: int, body: bytes, headers: list[tuple[bytes, bytes]] | None = None) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            *(headers or [])]})
    await send({"type": "http.response.body", "body": body})


def json_depth(data: bytes) -> int:
    """How deep arrays and objects nest in a JSON text (brackets inside strings do not count)."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in data:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            deepest = max(deepest, depth)
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest


class _Refused(Exception):
    def __init__(self, status: int, body: bytes) -> None:
        self.status, self.body = status, body


class RequestGuard:
    def __init__(self, app: ASGIApp, max_body_bytes: int, body_idle_seconds: float = BODY_IDLE_SECONDS) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.body_idle_seconds = body_idle_seconds

    def _too_large(self) -> tuple[int, bytes]:
        return _error(413, f"Request body is larger than {self.max_body_bytes // (1024 * 1024)} MB.",
                      "payload_too_large")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = scope["headers"]
        if len(headers) > MAX_HEADERS:
            await _answer(send, *_error(431, f"More than {MAX_HEADERS} request headers.", "too_many_headers"))
            return
        if not url_is_clean(scope.get("raw_path") or scope["path"].encode(), scope.get("query_string", b"")):
            await _answer(send, *_error(400, "The URL holds a control character or invalid UTF-8.", "invalid_url"))
            return
        declared = dict(headers).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body_bytes:
            await _answer(send, *self._too_large())
            return
        content_type = dict(headers).get(b"content-type", b"").split(b";")[0].strip().lower()
        started = False

        async def track_start(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            if content_type == b"application/json" or content_type.endswith(b"+json"):
                receive = await self._checked_json(receive)
            else:
                receive = self._bounded(receive)
            await self.app(scope, receive, track_start)
        except _Refused as refused:
            if not started:
                await _answer(send, refused.status, refused.body)
        except Exception:
            if started:  # a response is on its way: nothing better to send
                raise
            log.exception("unhandled error")
            await _answer(send, *_error(500, "Internal server error.", None, "server_error"))

    async def _next(self, receive: Receive) -> Message:
        try:
            return await asyncio.wait_for(receive(), self.body_idle_seconds)
        except TimeoutError:
            raise _Refused(*_error(408, f"The request body stopped arriving for {self.body_idle_seconds:g} s.",
                                   "request_timeout")) from None

    def _bounded(self, receive: Receive) -> Receive:
        """The body counted as it arrives, and timed out when it stops; after the body, receive as is (an
        event stream waits on it for the client to leave)."""
        received = 0
        complete = False

        async def bounded() -> Message:
            nonlocal received, complete
            if complete:
                return await receive()
            message = await self._next(receive)
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    raise _Refused(*self._too_large())
                complete = not message.get("more_body", False)
            return message

        return bounded

    async def _checked_json(self, receive: Receive) -> Receive:
        """The whole JSON body read first (at most MAX_JSON_BYTES), its depth checked, then replayed."""
        chunks, size = [], 0
        limit = min(self.max_body_bytes, MAX_JSON_BYTES)
        while True:
            message = await self._next(receive)
            if message["type"] != "http.request":
                break
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > limit:
                raise _Refused(*_error(413, f"A JSON body is at most {limit // (1024 * 1024)} MB.",
                                       "payload_too_large"))
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        if json_depth(body) > MAX_JSON_DEPTH:
            raise _Refused(*_error(400, f"JSON nested deeper than {MAX_JSON_DEPTH} levels.", "json_too_deep"))
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        return replay
