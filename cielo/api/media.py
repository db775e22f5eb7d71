"""Serving a stored media file (a video, its thumbnail or spritesheet): one way for every route that does.

GET and HEAD, byte ranges (players seek), `ETag` and `Last-Modified` with `If-None-Match` answered 304,
and a bad `Range` answered in OpenAI's error shape (Starlette alone answers it in plain text)."""

from __future__ import annotations

import asyncio
import hashlib
import os
import re
from collections.abc import Callable
from email.utils import formatdate
from typing import TypeVar

from fastapi import APIRouter, Request, Response
from fastapi.responses import FileResponse, RedirectResponse

from cielo.errors import CieloError, InvalidInput, NotFound
from cielo.storage import MediaStore

T = TypeVar("T")
_RANGE = re.compile(r"^bytes=\s*(\d*-\d*)(\s*,\s*\d*-\d*)*\s*$")
_EXTENSIONS = {"video/mp4": "mp4", "image/webp": "webp", "image/jpeg": "jpg"}


class RangeNotSatisfiable(CieloError):
    status = 416
    code = "range_not_satisfiable"

    def __init__(self, size: int) -> None:
        super().__init__(f"The file has {size} bytes; no part of that range exists.", param="range")
        self.size = size

    @property
    def headers(self) -> dict[str, str]:
        return {"Content-Range": f"bytes */{self.size}"}


def _etag(stat: os.stat_result) -> str:
    # The same tag Starlette's FileResponse sends, so a 304 and a 200 agree.
    return '"' + hashlib.md5(f"{stat.st_mtime}-{stat.st_size}".encode(), usedforsecurity=False).hexdigest() + '"'


def _check_range(header: str, size: int) -> None:
    if not _RANGE.match(header):
        raise InvalidInput("Range must look like 'bytes=START-END'.", param="range", code="invalid_range")
    satisfiable = False
    for part in header.split("=", 1)[1].split(","):
        start, _, end = part.strip().partition("-")
        if not start and not end:
            raise InvalidInput("A range needs a start or an end.", param="range", code="invalid_range")
        if start and end and int(start) > int(end):
            raise InvalidInput("A range's start must not be after its end.", param="range", code="invalid_range")
        satisfiable = satisfiable or (not start and int(end) > 0) or (bool(start) and int(start) < size)
    if not satisfiable:
        raise RangeNotSatisfiable(size)


def with_head(router: APIRouter, path: str) -> Callable[[T], T]:
    """Registers a GET endpoint for HEAD too (left out of the OpenAPI document, where it would repeat the
    GET operation's id): media answers HEAD with the headers alone."""

    def register(endpoint: T) -> T:
        router.add_api_route(path, endpoint, methods=["HEAD"], include_in_schema=False)
        return endpoint

    return register


async def media_response(request: Request, store: MediaStore, key: str, media_type: str, *, name: str,
                         attachment: bool = False, cache: str = "private, max-age=3600") -> Response:
    """The stored object `key` as the response to `request` (GET or HEAD): streamed from a local file, or
    a redirect to where the client fetches it itself (S3 with CIELO_MEDIA_REDIRECT)."""
    filename = f"{name}.{_EXTENSIONS.get(media_type, 'bin')}"
    try:
        if request.method == "GET":
            url = await asyncio.to_thread(store.download_url, key, filename=filename, media_type=media_type,
                                          attachment=attachment)
            if url is not None:
                return RedirectResponse(url, status_code=307, headers={"cache-control": "private, no-store"})
        # Off the event loop: a remote store downloads the object into its cache first.
        path = await asyncio.to_thread(store.local_path, key)
        stat = path.stat()
    except FileNotFoundError as exc:
        raise NotFound("The media file is missing.", param="variant") from exc
    etag = _etag(stat)
    headers = {"cache-control": cache, "etag": etag, "last-modified": formatdate(stat.st_mtime, usegmt=True)}
    wanted = request.headers.get("if-none-match")
    if wanted and (wanted.strip() == "*" or etag in [tag.strip() for tag in wanted.split(",")]):
        return Response(status_code=304, headers=headers)
    if (ranged := request.headers.get("range")) is not None:
        _check_range(ranged, stat.st_size)
    return FileResponse(path, media_type=media_type, filename=filename,
                        content_disposition_type="attachment" if attachment else "inline", headers=headers,
                        stat_result=stat)
