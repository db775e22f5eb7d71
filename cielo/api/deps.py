"""Request-scoped dependencies: the app's services, a database session, and the signed-in user."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request, Response
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cielo.accounts import service as accounts
from cielo.accounts.region import check_region, country_of
from cielo.config import Settings
from cielo.generation.catalog import ModelCatalog
from cielo.db.models import User
from cielo.errors import AuthenticationFailed, Forbidden
from cielo.safety.guard import SafetyGuard
from cielo.storage import MediaStore

SESSION_COOKIE = "cielo_session"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


@dataclass
class Services:
    settings: Settings
    sessions: async_sessionmaker[AsyncSession]
    store: MediaStore
    guard: SafetyGuard
    models: ModelCatalog  # the models these settings serve


def services(request: Request) -> Services:
    return request.app.state.services


def settings_dep(svc: Services = Depends(services)) -> Settings:
    return svc.settings


async def db_session(svc: Services = Depends(services)) -> AsyncIterator[AsyncSession]:
    """Endpoints commit explicitly; anything not committed is rolled back here."""
    async with svc.sessions() as session:
        yield session


def no_store(response: Response) -> None:
    """For responses carrying a secret (a new key, a signing secret, a session): no cache may keep them."""
    response.headers["cache-control"] = "no-store"


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def request_country(request: Request, settings: Settings) -> str | None:
    return country_of(settings, {k.lower(): v for k, v in request.headers.items()}, client_address(request))


def require_region(request: Request, settings: Settings = Depends(settings_dep)) -> str | None:
    country = request_country(request, settings)
    check_region(settings, country)
    return country


async def optional_user(request: Request, session: AsyncSession = Depends(db_session)) -> User | None:
    """A Bearer API key, or a web session cookie. Cookie-authenticated writes must carry the CSRF token."""
    authorization = request.headers.get("authorization", "")
    if authorization.lower().startswith("bearer "):
        user = await accounts.api_key_user(session, authorization[7:].strip())
        if user is None:
            raise AuthenticationFailed(code="invalid_api_key")
        await session.commit()
        return user
    found = await accounts.web_session_user(session, request.cookies.get(SESSION_COOKIE))
    # End the read now: on SQLite every transaction holds the write lock, and the request may go on to read
    # a large upload from a slow client before it touches the database again.
    await session.commit()
    if found is None:
        return None
    user, web_session = found
    request.state.language = user.language  # errors to a signed-in page come in the language it shows
    if request.method not in SAFE_METHODS and request.headers.get("x-csrf-token") != web_session.csrf_token:
        raise Forbidden(code="csrf_failed")
    request.state.csrf_token = web_session.csrf_token
    return user


async def current_user(user: User | None = Depends(optional_user)) -> User:
    if user is None:
        raise AuthenticationFailed(code="missing_credentials")
    if user.banned_at is not None:
        raise Forbidden(code="account_banned")
    return user


# The dependencies every endpoint and page takes, named once (`session: SessionDep`, not the same
# `Depends(...)` spelled out at every parameter).
ServicesDep = Annotated[Services, Depends(services)]
SessionDep = Annotated[AsyncSession, Depends(db_session)]
CurrentUser = Annotated[User, Depends(current_user)]
OptionalUser = Annotated[User | None, Depends(optional_user)]

