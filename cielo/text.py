"""Text hygiene, in one place, for every text a person sends: prompts, names, bios, comments, captions,
handles, keys' names, webhook URLs, lookups.

Refused (400 naming the field): NUL and other control characters (a line break is fine in paragraphs),
lone surrogates (JSON allows "\\ud800"; no database or encoder does), bidirectional overrides and isolates
(U+202A-202E, U+2066-2069: they make "@ana" display as someone else). Kept text is normalised to NFC, so
"é" typed two ways is one string. Text made only of invisible characters counts as empty wherever text is
required (`visible`, used by each field's own check). Passwords are only checked, never changed: a stored
hash was made from the characters as typed.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated

from pydantic import AfterValidator

from cielo.errors import InvalidInput

_SURROGATE = re.compile("[\ud800-\udfff]")
_BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")
_CONTROL_IN_LINE = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROL_IN_PARAGRAPH = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Characters that take no room: "\u200b\u200b" is not a display name.
_INVISIBLE = re.compile("[\\s\u00ad\u034f\u180e\u200b-\u200f\u2060-\u2064\ufeff]")


class InvalidText(InvalidInput):
    code = "invalid_text"


def clean_text(value: str, param: str, *, multiline: bool = False, normalize: bool = True) -> str:
    """`value` NFC-normalised, or InvalidText naming `param`. Whether text that shows nothing is allowed is the
    field's own rule (`visible`), with its own message."""
    if not isinstance(value, str):
        raise InvalidText(f"{param} must be text.", param=param)
    if _SURROGATE.search(value):
        raise InvalidText(f"{param} is not valid Unicode text (it holds a lone surrogate).", param=param)
    if (_CONTROL_IN_PARAGRAPH if multiline else _CONTROL_IN_LINE).search(value):
        raise InvalidText(f"{param} holds a control character.", param=param)
    if _BIDI_CONTROL.search(value):
        raise InvalidText(f"{param} holds a text-direction override character.", param=param)
    return unicodedata.normalize("NFC", value) if normalize else value


def visible(value: str) -> bool:
    """Whether `value` has a character that shows (not only spaces and zero-width characters)."""
    return bool(_INVISIBLE.sub("", value))


def _validator(**options: bool):  # noqa: ANN202
    def check(value: str, info) -> str:  # noqa: ANN001
        return clean_text(value, info.field_name or "text", **options)

    return AfterValidator(check)


# Field types for request bodies: each applies clean_text with the rules of its kind of text.
Line = Annotated[str, _validator()]
Paragraph = Annotated[str, _validator(multiline=True)]
Secret = Annotated[str, _validator(normalize=False)]


def url_is_clean(raw_path: bytes, query: bytes) -> bool:
    """Whether a request's path and query string are free of encoded NULs and control characters, which
    would otherwise reach lookups and the database (PostgreSQL refuses NUL in text: a 500)."""
    from urllib.parse import unquote_to_bytes

    for part in (raw_path, query.replace(b"+", b" ")):
        decoded = unquote_to_bytes(part)
        if any(byte < 0x20 or byte == 0x7f for byte in decoded):
            return False
        try:
            decoded.decode("utf-8")
        except UnicodeDecodeError:
            return False
    return True
