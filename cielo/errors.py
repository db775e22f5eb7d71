"""Domain errors and their one catalogue. Each error carries what the HTTP layer needs; api/errors.py maps
them to OpenAI's shape once, in the language of the person asking.

A message is an English template with named parameters (`%(limit)s`) plus the values to fill in. The template
is the key of its translation in the gettext catalogs (cielo/locale), as every English string of the
pages is, so a message is translated when its template has an entry there and stays English otherwise.

CATALOGUE names the codes whose meaning is fixed: its HTTP status, type and message template. Raise one by
code alone (`InvalidInput(code="caption_too_long", limit=500)`). A code that is not in the catalogue still
works: the error keeps the English message it was raised with.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ErrorSpec:
    status: int
    type: str
    message: str  # English template with %(name)s parameters; the msgid of its translations


# A 401 is an invalid_request_error, as OpenAI's API answers it (its SDKs read the status, not the type).
_INVALID, _AUTH, _PERMISSION, _RATE = ("invalid_request_error", "invalid_request_error", "permission_error",
                                       "rate_limit_error")

# Grouped by area; tests/web/test_i18n.py renders every entry in Spanish, so each needs a translation.
CATALOGUE: dict[str, ErrorSpec] = {
    # requests
    "invalid_value": ErrorSpec(400, _INVALID, "This value is not valid."),
    "not_found": ErrorSpec(404, _INVALID, "Nothing was found here."),
    "method_not_allowed": ErrorSpec(405, _INVALID, "This address does not accept that method."),
    "payload_too_large": ErrorSpec(413, _INVALID, "The request is larger than %(megabytes)s MB."),
    "server_error": ErrorSpec(500, "server_error", "Something went wrong on the server. Try again."),
    "invalid_cursor": ErrorSpec(400, _INVALID, "This list position is no longer valid; start again."),
    "invalid_limit": ErrorSpec(400, _INVALID, "limit must be between 1 and %(maximum)s."),
    # accounts
    "invalid_credentials": ErrorSpec(401, _AUTH, "Wrong handle or password."),
    "missing_credentials": ErrorSpec(
        401, _AUTH, "Sign in, or send an API key as 'Authorization: Bearer sk-cielo-...'."),
    "invalid_api_key": ErrorSpec(401, _AUTH, "Invalid or revoked API key."),
    "csrf_failed": ErrorSpec(403, _PERMISSION, "This page has expired; reload it and try again."),
    "account_banned": ErrorSpec(403, _PERMISSION, "This account was banned by the moderators."),
    "too_many_sign_ins": ErrorSpec(429, _RATE, "Too many failed sign-ins. Try again later."),
    "signups_paused": ErrorSpec(
        503, _RATE, "Cielo is busy: new accounts open again when the queue is shorter. Try again later."),
    "invalid_language": ErrorSpec(400, _INVALID, "language must be one of: %(choices)s."),
    "wrong_password": ErrorSpec(400, _INVALID, "The current password is wrong."),
    "password_length": ErrorSpec(400, _INVALID, "Passwords are 8-256 characters."),
    "display_name_length": ErrorSpec(400, _INVALID, "Display name must be 1-60 characters."),
    "bio_too_long": ErrorSpec(400, _INVALID, "Bios are at most %(limit)s characters."),
    "confirmation_required": ErrorSpec(400, _INVALID, "Type your handle to confirm."),
    # social
    "rate_limit_exceeded": ErrorSpec(429, _RATE, "Too many requests; try again in %(seconds)s s."),
    "too_many_likes": ErrorSpec(429, _RATE, "Too many likes; try again in %(seconds)s s."),
    "too_many_comments": ErrorSpec(429, _RATE, "Too many comments; try again in %(seconds)s s."),
    "too_many_follows": ErrorSpec(429, _RATE, "Too many follows; try again in %(seconds)s s."),
    "too_many_password_attempts": ErrorSpec(
        429, _RATE, "Too many password attempts; try again in %(seconds)s s."),
    "user_not_found": ErrorSpec(404, _INVALID, "No user @%(handle)s."),
    "video_not_found": ErrorSpec(404, _INVALID, "No such video."),
    "comment_not_found": ErrorSpec(404, _INVALID, "No such comment."),
    "not_published": ErrorSpec(409, _INVALID, "This video is not published."),
    # 404, as OpenAI answers for content that is not ready: its SDKs retry a 409 and then raise ConflictError.
    "video_not_ready": ErrorSpec(404, _INVALID, "Video is not ready yet."),
    "video_failed": ErrorSpec(404, _INVALID, "This video failed to render; it has no content."),
    "video_not_finished": ErrorSpec(409, _INVALID, "This video is not finished yet."),  # to publish it
    "video_expired": ErrorSpec(404, _INVALID, "This video's content has expired and was deleted."),
    "unknown_parameter": ErrorSpec(400, _INVALID, "Unknown parameter: %(name)s."),
    "taken_down": ErrorSpec(451, _INVALID, "This video was taken down by the moderators."),
    "publish_taken_down": ErrorSpec(
        403, _PERMISSION, "This video was taken down by the moderators and cannot be published."),
    "caption_too_long": ErrorSpec(400, _INVALID, "Captions are at most %(limit)s characters."),
    "empty_comment": ErrorSpec(400, _INVALID, "A comment cannot be empty."),
    "comment_too_long": ErrorSpec(400, _INVALID, "Comments are at most %(limit)s characters."),
    "comment_delete_forbidden": ErrorSpec(
        403, _PERMISSION, "Only the comment's author or the video's creator can delete it."),
    "self_follow": ErrorSpec(400, _INVALID, "You cannot follow yourself."),
    "self_block": ErrorSpec(400, _INVALID, "You cannot block yourself."),
    "blocked": ErrorSpec(409, _INVALID, "You blocked @%(handle)s; unblock them first."),
    "too_many_ids": ErrorSpec(400, _INVALID, "Send at most %(limit)s ids."),
    "steering_empty": ErrorSpec(
        400, _INVALID, "Say what you want more or less of, e.g. \"more animals, less sports\"."),
    "steering_too_long": ErrorSpec(400, _INVALID, "Steering instructions are at most %(limit)s characters."),
    "steering_too_many_topics": ErrorSpec(400, _INVALID, "Steer with at most %(limit)s topics."),
    "steering_no_topics": ErrorSpec(400, _INVALID, "No topics found; try \"more animals, less sports\"."),
    "steering_disabled": ErrorSpec(400, _INVALID, "Feed steering is turned off on this server."),
    "search_too_long": ErrorSpec(400, _INVALID, "Search for at most %(limit)s characters."),
    "share_sign_in_required": ErrorSpec(401, _AUTH, "Sign in to watch this video."),
    # creating videos
    "empty_prompt": ErrorSpec(400, _INVALID, "Describe the video you want."),
    "prompt_too_long": ErrorSpec(400, _INVALID, "Prompts are at most %(limit)s characters."),
    "invalid_seconds": ErrorSpec(400, _INVALID, "seconds must be one of %(choices)s."),
    "invalid_size": ErrorSpec(400, _INVALID, "size must be one of %(choices)s."),
    "daily_quota_exceeded": ErrorSpec(
        429, _RATE, "Daily limit of %(limit)s videos reached; it resets at 00:00 UTC."),
    "too_many_pending_jobs": ErrorSpec(
        429, _RATE, "You already have %(pending)s videos waiting or rendering; wait for one to finish."),
}


def catalogue_markdown() -> str:
    """The catalogue as the README's table (tests/test_openapi_document.py keeps the README's copy current)."""
    rows = ["| code | HTTP | type | message |", "|---|---|---|---|"]
    for code, spec in CATALOGUE.items():
        rows.append(f"| `{code}` | {spec.status} | {spec.type} | {spec.message} |")
    return "\n".join(rows)


class CieloError(Exception):
    status = 400
    type = "invalid_request_error"
    code: str | None = None

    def __init__(self, message: str | None = None, *, param: str | None = None, code: str | None = None,
                 **values: object) -> None:
        if code is not None:
            self.code = code
        spec = CATALOGUE.get(self.code or "")
        if spec is not None:
            self.status, self.type = spec.status, spec.type
        if message is None:
            if spec is None:
                raise ValueError(f"error code {self.code!r} has no catalogue entry; give its message")
            message = spec.message
        self.template = message  # the English template: what the message is translated from
        self.values = values
        self.message = message % values if values else message
        super().__init__(self.message)
        self.param = param

    @property
    def headers(self) -> dict[str, str] | None:
        """Response headers the error needs (Retry-After, Content-Range...)."""
        return None

    def localized(self, gettext) -> str:  # noqa: ANN001 - a gettext function
        """The message in the language `gettext` translates to (English when the template has no entry)."""
        template = gettext(self.template)
        try:
            return template % self.values if self.values else template
        except (KeyError, ValueError, TypeError):  # a translation that lost a placeholder: English it is
            return self.message


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
    type = "invalid_request_error"
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

    def __init__(self, message: str | None = None, *, retry_after: int, code: str | None = None,
                 **values: object) -> None:
        super().__init__(message, code=code, **values)
        self.retry_after = max(1, int(retry_after))

    @property
    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after)}


class Unavailable(CieloError):
    """Removed by a moderator: the thing exists but may not be served."""

    status = 451
    code = "taken_down"
