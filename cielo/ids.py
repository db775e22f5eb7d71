"""Opaque identifiers: a readable prefix and 32 random hex digits, validated before any lookup."""

from __future__ import annotations

import re
import secrets

_ID_PATTERN = re.compile(r"^[a-z]+_[0-9a-f]{32}$")


def new_id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(16)}"


def is_valid_id(value: str, prefix: str) -> bool:
    """True only for ids this instance could have made; rejects path tricks and junk before the database."""
    return bool(_ID_PATTERN.match(value)) and value.startswith(prefix + "_")
