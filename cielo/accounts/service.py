"""Users, invites, sign-in with throttling, web sessions and API keys."""

from __future__ import annotations

import re
import secrets as _secrets
import time
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from cielo.text import visible
from cielo.accounts.credentials import hash_password, hash_token, new_token, verify_password
from cielo.config import Settings
from cielo.db.models import ApiKey, Invite, LoginThrottle, User, WebSession
from cielo.errors import AuthenticationFailed, Conflict, Forbidden, InvalidInput, NotFound, RateLimited
from cielo.ids import new_id

HANDLE_RE = re.compile(r"^[A-Za-z0-9_]{3,30}$")
API_KEY_PREFIX = "sk-cielo-"
DAY = 86400.0


def age_on(birthdate: date, today: date) -> int:
    return today.year - birthdate.year - ((today.month, today.day) < (birthdate.month, birthdate.day))


def validate_new_account(settings: Settings, handle: str, display_name: str, password: str, birthdate: date | None):
    if not HANDLE_RE.match(handle or ""):
        raise InvalidInput("Handles are 3-30 letters, digits or underscores.", param="handle")
    if not visible(display_name or "") or not 1 <= len((display_name or "").strip()) <= 60:
        raise InvalidInput("Display name must be 1-60 characters.", param="display_name")
    if not 8 <= len(password or "") <= 256:
        raise InvalidInput("Passwords are 8-256 characters.", param="password")
    if birthdate is None:
        return False
    today = date.today()
    if birthdate > today:
        raise InvalidInput("Birthdate is in the future.", param="birthdate")
    age = age_on(birthdate, today)
    if age < settings.minimum_age:
        raise Forbidden(f"You must be at least {settings.minimum_age} to use Cielo.", code="age_restricted")
    return age < settings.adult_age


async def create_user(
    session: AsyncSession,
    settings: Settings,
    *,
    handle: str,
    password: str | None,
    display_name: str | None = None,
    birthdate: date | None = None,
    is_admin: bool = False,
    invited_by_id: str | None = None,
    country: str | None = None,
) -> User:
    display_name = display_name or handle
    is_teen = validate_new_account(settings, handle, display_name, password or "x" * 8, birthdate)
    if await session.scalar(select(User.id).where(User.handle_key == handle.lower())):
        raise Conflict(f"The handle @{handle} is taken.", param="handle", code="handle_taken")
    user = User(
        id=new_id("usr"),
        handle=handle,
        handle_key=handle.lower(),
        display_name=display_name.strip(),
        password_hash=hash_password(password) if password else None,
        birthdate=birthdate,
        is_teen=is_teen,
        is_admin=is_admin,
        invited_by_id=invited_by_id,
        country=country,
    )
    session.add(user)
    await session.flush()
    await mint_invites(session, settings, user, settings.invites_per_user)
    return user


async def mint_invites(session: AsyncSession, settings: Settings, user: User, count: int) -> list[Invite]:
    if not 0 <= count <= 1000:
        raise InvalidInput("Invite count must be 0-1000.", param="count")
    expires = time.time() + settings.invite_ttl_days * DAY
    invites = [
        Invite(code=_secrets.token_hex(5).upper(), owner_id=user.id, expires_at=expires) for _ in range(count)
    ]
    session.add_all(invites)
    await session.flush()
    return invites


async def signup(
    session: AsyncSession,
    settings: Settings,
    *,
    invite_code: str,
    handle: str,
    display_name: str,
    password: str,
    birthdate: date | None,
    country: str | None,
) -> User:
    """Checks everything before writing anything, so a refused signup leaves no trace."""
    if birthdate is None:
        raise InvalidInput("Birthdate is required.", param="birthdate")
    validate_new_account(settings, handle, display_name, password, birthdate)
    code = (invite_code or "").strip().upper()
    invite = await session.get(Invite, code) if code else None
    if invite is None:
        raise InvalidInput("That invite code does not exist.", param="invite_code", code="invite_invalid")
    if invite.used_by_id is not None:
        raise InvalidInput("That invite code was already used.", param="invite_code", code="invite_used")
    if invite.expires_at < time.time():
        raise InvalidInput("That invite code has expired.", param="invite_code", code="invite_expired")
    user = await create_user(
        session,
        settings,
        handle=handle,
        password=password,
        display_name=display_name,
        birthdate=birthdate,
        invited_by_id=invite.owner_id,
        country=country,
    )
    invite.used_by_id = user.id
    invite.used_at = time.time()
    return user


async def user_by_handle(session: AsyncSession, handle: str) -> User:
    user = await session.scalar(select(User).where(User.handle_key == (handle or "").lower()))
    if user is None:
        raise NotFound(f"No user @{handle}.", param="handle")
    return user


async def _throttle_rows(session: AsyncSession, keys: list[str]) -> list[LoginThrottle]:
    rows = []
    for key in keys:
        row = await session.get(LoginThrottle, key)
        if row is None:
            row = LoginThrottle(key=key, failures=0, window_start=time.time(), locked_until=0.0)
            session.add(row)
        rows.append(row)
    return rows


async def authenticate_password(
    session: AsyncSession, settings: Settings, handle: str, password: str, client: str
) -> User:
    """Checks a password. Failures are counted for the (handle, client address) pair, which locks after
    CIELO_LOGIN_MAX_FAILURES, and for the client address alone, which locks every sign-in from it after the
    higher CIELO_LOGIN_MAX_FAILURES_PER_CLIENT. A guesser cannot lock the person out from elsewhere, nor
    the other people behind the same address. The caller must commit even when this raises, so the
    failure is counted."""
    pair, per_client = f"pair:{(handle or '').lower()}|{client}", f"client:{client}"
    rows = dict(zip((pair, per_client), await _throttle_rows(session, [pair, per_client]), strict=True))
    limits = {pair: settings.login_max_failures, per_client: settings.login_max_failures_per_client}
    now = time.time()
    locked = max(row.locked_until for row in rows.values())
    if locked > now:
        raise RateLimited(code="too_many_sign_ins", retry_after=int(locked - now) + 1)
    user = await session.scalar(select(User).where(User.handle_key == (handle or "").lower()))
    if user is not None and verify_password(user.password_hash, password or ""):
        rows[pair].failures, rows[pair].window_start = 0, now
        return user
    for key, row in rows.items():
        if now - row.window_start > settings.login_lockout_seconds:
            row.failures, row.window_start = 0, now
        row.failures += 1
        if row.failures >= limits[key]:
            row.locked_until = now + settings.login_lockout_seconds
    raise AuthenticationFailed(code="invalid_credentials")


async def create_web_session(session: AsyncSession, settings: Settings, user: User) -> tuple[str, WebSession]:
    token = new_token("", 32)
    row = WebSession(
        token_hash=hash_token(token),
        user_id=user.id,
        csrf_token=_secrets.token_urlsafe(24),
        expires_at=time.time() + settings.session_days * DAY,
    )
    session.add(row)
    await session.flush()
    return token, row


async def web_session_user(session: AsyncSession, token: str | None) -> tuple[User, WebSession] | None:
    if not token:
        return None
    row = await session.get(WebSession, hash_token(token))
    if row is None or row.expires_at < time.time():
        return None
    user = await session.get(User, row.user_id)
    return (user, row) if user else None


async def end_web_session(session: AsyncSession, token: str | None) -> None:
    if token and (row := await session.get(WebSession, hash_token(token))):
        await session.delete(row)


async def create_api_key(session: AsyncSession, user: User, name: str = "") -> tuple[str, ApiKey]:
    """Returns the key in clear text once; only its hash is stored."""
    if len(name) > 80:
        raise InvalidInput("Key names are at most 80 characters.", param="name")
    token = new_token(API_KEY_PREFIX, 32)
    key = ApiKey(id=new_id("key"), user_id=user.id, name=name, prefix=token[:14], key_hash=hash_token(token))
    session.add(key)
    await session.flush()
    return token, key


async def api_key_user(session: AsyncSession, token: str) -> User | None:
    key = await session.scalar(select(ApiKey).where(ApiKey.key_hash == hash_token(token)))
    if key is None or key.revoked_at is not None:
        return None
    key.last_used_at = time.time()
    return await session.get(User, key.user_id)


async def revoke_api_key(session: AsyncSession, user: User, key_id: str) -> None:
    key = await session.get(ApiKey, key_id)
    if key is None or key.user_id != user.id:
        raise NotFound("No such API key.", param="key_id")
    key.revoked_at = key.revoked_at or time.time()


async def invite_summary(session: AsyncSession, user: User) -> list[dict]:
    rows = await session.scalars(select(Invite).where(Invite.owner_id == user.id).order_by(Invite.created_at))
    out = []
    for invite in rows:
        joined = await session.get(User, invite.used_by_id) if invite.used_by_id else None
        out.append(
            {
                "code": invite.code,
                "expires_at": int(invite.expires_at),
                "used_by": joined.handle if joined else None,
                "used_at": int(invite.used_at) if invite.used_at else None,
            }
        )
    return out


async def count_users(session: AsyncSession) -> int:
    return await session.scalar(select(func.count()).select_from(User)) or 0
