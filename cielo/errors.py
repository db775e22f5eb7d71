"""Domain errors. Each carries what the HTTP layer needs; api/errors.py maps them to OpenAI's shape once."""

from __future__ import annotations


class CieloError(Exception):
    status = 400
    type = "invalid_request_error"
    code: str | None = None

    def __init__(self, message: str, *, param: str | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.param = param
        if code is not None:
            self.code = code


class InvalidInput(CieloError):
    status = 400
    code = "invalid_value"


class PayloadTooLarge(InvalidInput):
    status = 413
    code = "payload_too_large"


class NotFound(CieloError):
    status = 404
    code = "not_found"


class AuthenticationFailed(CieloError):
    status = 401
    type = "authentication_error"
    code = "invalid_credentials"


class Forbidden(CieloError):
    status = 403
    type = "permission_error"
    code = "forbidden"


class Conflict(CieloError):
    status = 409
    code = "conflict"


class RateLimited(CieloError):
    status = 429
    type = "rate_limit_error"
    code = "rate_limit_exceeded"

    def __init__(self, message: str, *, retry_after: int, code: str | None = None) -> None:
        super().__init__(message, code=code)
        self.retry_after = max(1, int(retry_after))


class Unavailable(CieloError):
    """Removed by a moderator: the thing exists but may not be served."""

    status = 451
    code = "taken_down"
