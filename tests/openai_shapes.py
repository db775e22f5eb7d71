"""Every /v1 response the test suite sees, checked against OpenAI's own response models: the pydantic models
of the official Python SDK (generated from OpenAI's OpenAPI spec), validated strictly. The in-process test
client runs `check_v1` on each response (tests/conftest.py), so any test that touches the API checks it.

Cielo's documented differences pass on purpose: its extra sizes (1080x1920, 1920x1080) and lengths (16,
20 s) are not in the SDK's literals (such videos are checked without those two fields), and objects may
carry extra keys (the SDK ignores unknown keys; Cielo adds `cielo`, `moderation`...)."""

from __future__ import annotations

import json
import re

import httpx
from openai.types import Model, ModerationCreateResponse, Video, VideoDeleteResponse
from openai.types.video_create_character_response import VideoCreateCharacterResponse
from openai.types.video_get_character_response import VideoGetCharacterResponse
from openai.types.video_seconds import VideoSeconds
from openai.types.video_size import VideoSize
from typing_extensions import get_args

SDK_SIZES = set(get_args(VideoSize))
SDK_SECONDS = set(get_args(VideoSeconds))
ERROR_KEYS = {"message", "type", "param", "code"}

_VIDEO = re.compile(r"^/v1/videos(/edits|/extensions|/video_[0-9a-f]{32}(/remix)?)?$")
_CHARACTER = re.compile(r"^/v1/videos/characters(/[^/]+)?$")


def check_video(data: dict) -> None:
    standard = dict(data)
    if standard.get("size") not in SDK_SIZES or standard.get("seconds") not in SDK_SECONDS:
        standard["size"], standard["seconds"] = "720x1280", "4"  # Cielo's extra sizes and lengths
    Video.model_validate(standard, strict=True)


def check_error(data: dict) -> None:
    error = data.get("error")
    assert isinstance(error, dict) and set(error) == ERROR_KEYS, data
    assert isinstance(error["message"], str) and error["message"] and isinstance(error["type"], str), data
    assert error["param"] is None or isinstance(error["param"], str), data
    assert error["code"] is None or isinstance(error["code"], str), data


def check_v1(method: str, path: str, status: int, content_type: str, body: bytes) -> None:
    """Raises AssertionError (or pydantic's ValidationError) when a /v1 JSON answer is off OpenAI's shape."""
    if not path.startswith("/v1/") or "application/json" not in content_type:
        return
    data = json.loads(body)
    if status >= 400:
        check_error(data)
        return
    if _CHARACTER.match(path):
        (VideoCreateCharacterResponse if method == "POST" else VideoGetCharacterResponse).model_validate(data)
    elif path == "/v1/videos" and method == "GET":
        assert data["object"] == "list" and isinstance(data["has_more"], bool), data
        for video in data["data"]:
            check_video(video)
    elif _VIDEO.match(path):
        if method == "DELETE":
            VideoDeleteResponse.model_validate(data, strict=True)
        else:
            check_video(data)
    elif path == "/v1/moderations":
        ModerationCreateResponse.model_validate(data)
    elif path == "/v1/models":
        assert data["object"] == "list", data
        for model in data["data"]:
            Model.model_validate(model, strict=True)
    elif path.startswith("/v1/models/"):
        Model.model_validate(data, strict=True)


async def check_response(response: httpx.Response) -> None:
    """An httpx response hook running check_v1."""
    content_type = response.headers.get("content-type", "")
    if response.request.url.path.startswith("/v1/") and "application/json" in content_type:
        await response.aread()
        check_v1(response.request.method, response.request.url.path, response.status_code, content_type,
                 response.content)
