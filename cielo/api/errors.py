"""The one place domain errors become HTTP: OpenAI's error shape with the right status, the message in the
language of the person asking (their profile's language on the web, else their browser's Accept-Language).
An unexpected exception is answered by the request guard (cielo.api.limits), not here."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from cielo.errors import CATALOGUE, CieloError, InvalidInput
from cielo.i18n import negotiate, translations

INVALID_FIELD = "The value of %(field)s is not valid."  # a request that does not fit the endpoint's schema
# Codes of the HTTP layer's own refusals (an unknown route, a wrong method), by status.
_HTTP_CODES = {404: "not_found", 405: "method_not_allowed", 413: "payload_too_large"}


def error_body(message: str, type_: str, param: str | None = None, code: str | None = None) -> dict:
    return {"error": {"message": message, "type": type_, "param": param, "code": code}}


def request_language(request: Request) -> str:
    """A signed-in page's profile language (deps.optional_user sets it), else the browser's."""
    return getattr(request.state, "language", None) or negotiate(request.headers.get("accept-language"))


def error_response(request: Request, exc: CieloError) -> JSONResponse:
    """The error in the reader's language; an error with machine-readable details (a moderation refusal's
    policy and words) adds them beside OpenAI's `error` object, where clients ignore keys they do not know."""
    gettext = translations(request_language(request)).gettext
    body = error_body(exc.localized(gettext), exc.type, exc.param, exc.code)
    extra = getattr(exc, "body_extra", None)
    if extra:
        body.update(extra(gettext))
    return JSONResponse(body, exc.status, headers=exc.headers)


_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def allowed_methods(request: Request) -> list[str]:
    """Every method some route answers at this path (each asked of the router as if it were the request's):
    Starlette's own 405 names only the methods of the first route that matched the path."""
    routes = request.app.router.routes
    return [method for method in _METHODS
            if any(route.matches({**request.scope, "method": method})[0] == Match.FULL for route in routes)]


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(CieloError)
    async def _domain(request: Request, exc: CieloError) -> JSONResponse:
        return error_response(request, exc)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        location = [str(part) for part in first.get("loc", ()) if part not in ("body", "query", "path")]
        param = ".".join(location) or None
        if param:
            return error_response(request, InvalidInput(INVALID_FIELD, param=param, field=param))
        return error_response(request, InvalidInput(code="invalid_value"))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _HTTP_CODES.get(exc.status_code)
        spec = CATALOGUE.get(code or "")
        gettext = translations(request_language(request)).gettext
        message = (gettext(spec.message) if spec and "%(" not in spec.message
                   else exc.detail if isinstance(exc.detail, str) else "Request failed.")
        headers = {k: v for k, v in (getattr(exc, "headers", None) or {}).items() if k.lower() != "allow"}
        if exc.status_code == 405:
            headers["allow"] = ", ".join(allowed_methods(request))
        return JSONResponse(error_body(message, spec.type if spec else "invalid_request_error", None, code),
                            exc.status_code, headers=headers or None)
