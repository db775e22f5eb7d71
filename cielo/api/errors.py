"""The one place domain errors become HTTP: OpenAI's error shape with the right status."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from cielo.errors import CieloError, RateLimited
from cielo.web.i18n import negotiate, translations

log = logging.getLogger("cielo.api")

_HTTP_TYPES = {401: "authentication_error", 403: "permission_error", 404: "invalid_request_error",
               429: "rate_limit_error"}


def error_body(message: str, type_: str, param: str | None = None, code: str | None = None) -> dict:
    return {"error": {"message": message, "type": type_, "param": param, "code": code}}


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(CieloError)
    async def _domain(request: Request, exc: CieloError) -> JSONResponse:
        headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, RateLimited) else None
        # An error that can say itself in the reader's language (a moderation refusal) does, and may add
        # machine-readable details beside OpenAI's `error` object.
        gettext = translations(negotiate(request.headers.get("accept-language"))).gettext
        localized = getattr(exc, "localized", None)
        message = localized(gettext) if localized else exc.message
        body = error_body(message, exc.type, exc.param, exc.code)
        extra = getattr(exc, "body_extra", None)
        if extra:
            body.update(extra(gettext))
        return JSONResponse(body, exc.status, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        location = [str(part) for part in first.get("loc", ()) if part not in ("body", "query", "path")]
        param = ".".join(location) or None
        message = f"Invalid {param}: {first.get('msg', 'invalid value')}" if param else "Invalid request."
        return JSONResponse(error_body(message, "invalid_request_error", param, "invalid_value"), 400)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else "Request failed."
        return JSONResponse(
            error_body(message, _HTTP_TYPES.get(exc.status_code, "invalid_request_error"), None, None),
            exc.status_code,
            headers=getattr(exc, "headers", None),
        )

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", exc_info=exc)
        return JSONResponse(error_body("Internal server error.", "server_error"), 500)
