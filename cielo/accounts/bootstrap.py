"""First start: an empty instance gets an admin, an API key and an invite, printed once."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cielo.accounts import service as accounts
from cielo.config import Settings


@dataclass(frozen=True)
class FirstStart:
    handle: str
    password: str
    api_key: str
    invite_code: str


async def first_start(sessions: async_sessionmaker[AsyncSession], settings: Settings) -> FirstStart | None:
    async with sessions() as session, session.begin():
        if await accounts.count_users(session):
            return None
        password = secrets.token_urlsafe(12)
        admin = await accounts.create_user(session, settings, handle="admin", password=password,
                                           display_name="Admin", is_admin=True)
        api_key, _ = await accounts.create_api_key(session, admin, "first start")
        invites = await accounts.invite_summary(session, admin)
    return FirstStart("admin", password, api_key, invites[0]["code"] if invites else "")
