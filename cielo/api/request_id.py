"""An id for every request: sent back as `x-request-id` (what OpenAI's SDKs read as `_request_id`) and put
on every log line written while the request is served. A client's own `x-request-id` is kept when it is
a short token, so a proxy's id follows the request through. Every response also says how long the server
took, as OpenAI's does: `openai-processing-ms`."""

from __future__ import annotations

import re
import secrets
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cielo.logs import request_id

_CLIENT_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,128}$")


def new_request_id() -> str:
    return f"req_{secrets.token_hex(16)}"


class RequestId:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        sent = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        rid = sent if _CLIENT_ID.match(sent) else new_request_id()
        scope.setdefault("state", {})["request_id"] = rid
        token = request_id.set(rid)
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                took = str(round((time.perf_counter() - started) * 1000)).encode()
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.lower() not in (b"x-request-id", b"openai-processing-ms")]
                message["headers"] = [*headers, (b"x-request-id", rid.encode()), (b"openai-processing-ms", took)]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            request_id.reset(token)
