"""Passwords (argon2) and bearer tokens (random, stored only as SHA-256)."""

from __future__ import annotations

import hashlib
import secrets as _secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    if not password_hash:
        # Spend the same time as a real check so a missing account is not revealed by timing.
        _hasher.hash(password)
        return False
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def new_token(prefix: str, nbytes: int = 24) -> str:
    return f"{prefix}{_secrets.token_urlsafe(nbytes)}"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
