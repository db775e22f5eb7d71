"""What the OpenAPI document says about requests and errors that FastAPI cannot infer.

The Videos API reads its bodies itself (JSON or multipart, as OpenAI's SDKs send either), so each of those
routes declares its body here, in both encodings. Every error is OpenAI's shape, and every router lists
the statuses its routes answer with it; FastAPI's own 422 never happens (validation errors are 400s), so
the document drops it.
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel, Field

from cielo.config import VALID_SECONDS, VALID_SIZES


class ErrorDetail(BaseModel):
    message: str
    type: str
    param: str | None = None
    code: str | None = None


class ErrorResponse(BaseModel):
    error: ErrorDetail


def _error(description: str) -> dict[str, Any]:
    return {"model": ErrorResponse, "description": description}


ERRORS: dict[int | str, dict[str, Any]] = {
    400: _error("Invalid request: the message names the parameter."),
    401: _error("No valid API key or session."),
    403: _error("Not allowed (a banned account, a region, a cameo permission, a missing CSRF token)."),
    404: _error("No such object, or not yours to see."),
    409: _error("The object is not in a state that allows this."),
    413: _error("The request body is too large."),
    429: _error("Too many requests, or the daily quota is spent: wait for Retry-After."),
    451: _error("Taken down by the moderators."),
}

Seconds = Literal[VALID_SECONDS]  # type: ignore[valid-type]
Size = Literal[VALID_SIZES]  # type: ignore[valid-type]
_BINARY = {"type": "string", "format": "binary"}


class VideoCreate(BaseModel):
    prompt: str = Field(description="What the video shows and says; dialogue in quotes.")
    model: str | None = Field(None, description="A model this server renders (GET /v1/models); default the "
                              "configured one.")
    seconds: Seconds | None = Field(None, description="Length in seconds (a string, as OpenAI's API has it).")
    size: Size | None = None
    input_reference: dict[str, str] | None = Field(
        None, description="JSON: {\"image_url\": \"data:image/png;base64,...\"}; multipart: an image file.")
    seed: int | None = Field(None, ge=0, lt=2**31, description="Cielo: the same seed gives the same video.")
    character_ids: list[str] | None = Field(None, description="Cielo: cameos to put in the video.")


class VideoRemix(BaseModel):
    prompt: str


class VideoEdit(BaseModel):
    prompt: str
    video: dict[str, str] = Field(description="JSON: {\"id\": \"video_...\"} (one of your videos); multipart: "
                                  "an mp4, mov or webm file, or the field video[id].")


class VideoExtend(VideoEdit):
    seconds: Seconds | None = Field(None, description="Length of the new part, added to the source's.")


class CameoRecord(BaseModel):
    challenge_id: str
    voice: str | None = None


class VoiceRecord(BaseModel):
    script: str


class CharacterCreate(BaseModel):
    name: str
    handle: str | None = None
    voice: str | None = None


class Upload(BaseModel):
    """A multipart body whose only field is the file (see `body(..., files=...)`)."""


def body(model: type[BaseModel], *, files: tuple[str, ...] = (), json: bool = True) -> dict[str, Any]:
    """`openapi_extra` declaring a request body read as JSON (when `json`) or as multipart, where the
    `files` fields are uploads."""
    schema = model.model_json_schema()
    multipart = {"type": "object", "properties": dict(schema.get("properties", {})),
                 "required": list(schema.get("required", []))}
    for name in files:
        multipart["properties"][name] = {**_BINARY, "description": f"The {name} file."}
        if name not in multipart["required"] and not json:
            multipart["required"].append(name)
    content: dict[str, Any] = {"multipart/form-data": {"schema": multipart}}
    if json:
        content["application/json"] = {"schema": schema}
    return {"requestBody": {"required": True, "content": content}}


def install_openapi(app: FastAPI) -> None:
    def document() -> dict[str, Any]:
        if app.openapi_schema is None:
            spec = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
            for operations in spec.get("paths", {}).values():
                for operation in operations.values():
                    operation.get("responses", {}).pop("422", None)
            for name in ("HTTPValidationError", "ValidationError"):
                spec.get("components", {}).get("schemas", {}).pop(name, None)
            app.openapi_schema = spec
        return app.openapi_schema

    app.openapi = document  # type: ignore[method-assign]
