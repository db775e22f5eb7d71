"""Reads a request body that may be JSON or multipart (the openai SDK sends multipart, with nested
objects flattened as `field[key]` and lists as `field[]` repeated), into one flat dict of strings, file
bytes and, for `field[]`, lists of them."""

from __future__ import annotations

import base64
import binascii
import json

from fastapi import Request
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException

from cielo.errors import InvalidInput
from cielo.text import clean_text

MAX_FIELD_BYTES = 1024 * 1024


async def read_body(request: Request, max_file_bytes: int) -> dict[str, object]:
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("application/json"):
        try:
            data = json.loads(await request.body() or b"{}")
        except (ValueError, UnicodeDecodeError) as exc:
            raise InvalidInput("Request body is not valid JSON.") from exc
        if not isinstance(data, dict):
            raise InvalidInput("Request body must be a JSON object.")
        return _flatten(data)
    if content_type.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        try:
            form = await request.form(max_files=4, max_fields=50, max_part_size=MAX_FIELD_BYTES)
        except MultiPartException as exc:
            raise InvalidInput(f"Malformed form body: {exc.message}") from exc
        out: dict[str, object] = {}
        for key, value in form.multi_items():
            if isinstance(value, UploadFile):
                value = await value.read(max_file_bytes + 1)
            if key.endswith("[]"):  # a list, as the openai SDK and browsers send one: name[] repeated
                out.setdefault(key, []).append(value)
            elif key in out:  # which one was meant? Refuse rather than silently keep one.
                raise InvalidInput(f"{key} was sent more than once.", param=key)
            else:
                out[key] = value
        return out
    if not content_type and not await request.body():
        return {}
    raise InvalidInput("Send JSON or multipart/form-data.")


def _flatten(data: dict, prefix: str = "") -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in data.items():
        name = f"{prefix}[{key}]" if prefix else str(key)
        if isinstance(value, dict):
            out.update(_flatten(value, name))
        elif value is not None:
            out[name] = value
    return out


def text_field(body: dict[str, object], name: str, *, multiline: bool = False) -> str | None:
    """A text field, cleaned (cielo.text: no control characters, lone surrogates or direction overrides)."""
    value = body.get(name)
    if value is None:
        return None
    if isinstance(value, bytes):
        raise InvalidInput(f"{name} must be text, not a file.", param=name)
    if not isinstance(value, str):  # JSON: {"seconds": 8} is not {"seconds": "8"}, as in OpenAI's API
        raise InvalidInput(f"{name} must be a string.", param=name, code="invalid_type")
    return clean_text(value, name, multiline=multiline)


def int_field(body: dict[str, object], name: str) -> int | None:
    """An integer: a JSON number without a fraction, or the digits of a multipart field."""
    value = body.get(name)
    if value is None:
        return None
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise InvalidInput(f"{name} must be an integer.", param=name, code="invalid_type")


def expect_fields(body: dict[str, object], known: tuple[str, ...]) -> None:
    """400 unknown_parameter for a field the endpoint does not take, as OpenAI's API answers (a typo must not
    be ignored silently). `video[id]` and `character_ids[]` count as `video` and `character_ids`."""
    for key in body:
        if key.split("[", 1)[0] not in known:
            raise InvalidInput(code="unknown_parameter", param=key, name=key)


def reference_image(body: dict[str, object]) -> bytes | None:
    """`input_reference` as an uploaded file, or `input_reference[image_url]` as a base64 data URL."""
    value = body.get("input_reference")
    if isinstance(value, bytes):
        return value
    if isinstance(value, str) and value:
        raise InvalidInput("input_reference must be an uploaded image file.", param="input_reference")
    url = body.get("input_reference[image_url]")
    if url:
        if not isinstance(url, str) or not url.startswith("data:image/") or ";base64," not in url:
            raise InvalidInput("input_reference.image_url must be a base64 data URL (this server fetches no URLs).",
                               param="input_reference")
        try:
            return base64.b64decode(url.split(";base64,", 1)[1], validate=True)
        except (binascii.Error, ValueError) as exc:
            raise InvalidInput("input_reference.image_url is not valid base64.", param="input_reference") from exc
    if body.get("input_reference[file_id]"):
        raise InvalidInput("input_reference.file_id is not supported; upload the image instead.",
                           param="input_reference")
    return None
