"""Profiles: display name, bio and avatar; the numbers and relationships a profile page shows; password
changes from the settings page."""

from __future__ import annotations

import io
import secrets
import time
from dataclasses import dataclass

from PIL import Image, ImageOps
from sqlalchemy import delete, update
from sqlalchemy.ext.asyncio import AsyncSession

from cielo.text import visible
from cielo.accounts.credentials import hash_password, verify_password
from cielo.config import Settings
from cielo.db.models import ApiKey, User, WebSession
from cielo.errors import InvalidInput
from cielo.people.blocks import has_blocked, visible_user
from cielo.db.queries import hit_rate_limit
from cielo.social.follows import Counts, counts, is_following
from cielo.storage import MediaStore
from cielo.uploads import decode_off_loop, read_image

AVATAR_PIXELS = 256
PASSWORD_ATTEMPTS = 10
PASSWORD_WINDOW = 900.0


@dataclass
class Profile:
    user: User
    counts: Counts
    is_self: bool
    following: bool  # the viewer follows them
    follows_you: bool
    blocked: bool  # the viewer blocked them


async def profile(session: AsyncSession, viewer: User, handle: str) -> Profile:
    user = await visible_user(session, viewer, handle)
    is_self = user.id == viewer.id
    return Profile(
        user=user,
        counts=await counts(session, user.id),
        is_self=is_self,
        following=not is_self and await is_following(session, viewer.id, user.id),
        follows_you=not is_self and await is_following(session, user.id, viewer.id),
        blocked=not is_self and await has_blocked(session, viewer.id, user.id),
    )


AUTOMATIC = "auto"  # the language a person's browser asks for


async def update_profile(session: AsyncSession, settings: Settings, user: User, *,
                         display_name: str | None = None, bio: str | None = None, language: str | None = None,
                         languages: tuple[str, ...] = ()) -> User:
    """Validates every field before changing any. `language` is one of `languages` (those the pages are
    translated to) or "auto"."""
    if display_name is not None:
        display_name = display_name.strip()
        if not visible(display_name) or not 1 <= len(display_name) <= 60:
            raise InvalidInput(code="display_name_length", param="display_name")
    if bio is not None:
        bio = bio.strip()
        if len(bio) > settings.max_bio_chars:
            raise InvalidInput(code="bio_too_long", param="bio", limit=settings.max_bio_chars)
    if language is not None and language != AUTOMATIC and language not in languages:
        raise InvalidInput(code="invalid_language", param="language",
                           choices=", ".join((AUTOMATIC, *languages)))
    if display_name is not None:
        user.display_name = display_name
    if language is not None:
        user.language = None if language == AUTOMATIC else language
    if bio is not None:
        user.bio = bio or None
    return user


def _avatar_webp(data: bytes, max_bytes: int) -> bytes:
    """A square, centre-cropped 256 px WebP: whatever was uploaded (metadata included) is not kept."""
    image = read_image(data, max_bytes, "avatar")
    square = ImageOps.fit(image, (AVATAR_PIXELS, AVATAR_PIXELS), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    square.save(out, format="WEBP", quality=85)
    return out.getvalue()


async def set_avatar(session: AsyncSession, settings: Settings, store: MediaStore, user: User,
                     data: bytes) -> User:
    webp = await decode_off_loop(_avatar_webp, data, settings.max_upload_bytes)
    old = user.avatar_key
    # A new name each time, so browsers never show a cached old face.
    key = f"avatars/{user.id}/{secrets.token_hex(6)}.webp"
    store.put_bytes(key, webp)
    user.avatar_key = key
    if old:
        store.delete(old)
    return user


async def remove_avatar(session: AsyncSession, store: MediaStore, user: User) -> User:
    if user.avatar_key:
        store.delete(user.avatar_key)
    user.avatar_key = None
    return user


async def change_password(session: AsyncSession, user: User, *, current: str, new: str,
                          keep_session_hash: str | None, revoke_api_keys: bool = False) -> int:
    """Needs the current password; signs out every other session of the user and, with
    `revoke_api_keys`, revokes their API keys too (returns how many). Attempts are counted before the
    check, and the caller commits even when this raises, so guessing the password here is throttled."""
    await hit_rate_limit(session, f"password:{user.id}", PASSWORD_ATTEMPTS, PASSWORD_WINDOW,
                         "too_many_password_attempts")
    if not verify_password(user.password_hash, current or ""):
        raise InvalidInput(code="wrong_password", param="current_password")
    if not 8 <= len(new or "") <= 256:
        raise InvalidInput(code="password_length", param="new_password")
    user.password_hash = hash_password(new)
    query = delete(WebSession).where(WebSession.user_id == user.id)
    if keep_session_hash:
        query = query.where(WebSession.token_hash != keep_session_hash)
    await session.execute(query)
    if not revoke_api_keys:
        return 0
    revoked = await session.execute(update(ApiKey).where(ApiKey.user_id == user.id, ApiKey.revoked_at.is_(None))
                                    .values(revoked_at=time.time()))
    return revoked.rowcount or 0
