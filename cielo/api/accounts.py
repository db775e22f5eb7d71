"""JSON API for accounts: signup with an invite, sign-in, API keys, invites, webhooks."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, Field
from sqlalchemy import select

from cielo.accounts import service as accounts
from cielo.api.deps import (CurrentUser, SESSION_COOKIE, Services, ServicesDep, SessionDep, client_address, no_store,
                            require_region)
from cielo.api.schema import ERRORS
from cielo.db.models import ApiKey, User, WebhookEndpoint
from cielo.errors import CieloError
from cielo.jobs import capacity, webhooks
from cielo.text import Line, Secret

router = APIRouter(prefix="/api", tags=["accounts"], responses=ERRORS)


class SignupBody(BaseModel):
    invite_code: Line = Field(max_length=64)
    handle: Line = Field(max_length=64)
    display_name: Line = Field(max_length=200)
    password: Secret = Field(max_length=1024)
    birthdate: date


class LoginBody(BaseModel):
    handle: Line = Field(max_length=64)
    password: Secret = Field(max_length=1024)


def user_json(user: User) -> dict:
    return {"id": user.id, "handle": user.handle, "display_name": user.display_name, "is_teen": user.is_teen,
            "is_admin": user.is_admin, "created_at": int(user.created_at)}


def set_session_cookie(response: Response, svc: Services, token: str) -> None:
    response.set_cookie(SESSION_COOKIE, token, max_age=svc.settings.session_days * 86400, httponly=True,
                        secure=svc.settings.cookies_secure, samesite="lax", path="/")


@router.post("/auth/signup", dependencies=[Depends(no_store)])
async def signup(body: SignupBody, response: Response, svc: ServicesDep, session: SessionDep,
                 country: str | None = Depends(require_region)) -> dict:
    await capacity.check_signups_open(session, svc.settings)
    user = await accounts.signup(session, svc.settings, invite_code=body.invite_code, handle=body.handle,
                                 display_name=body.display_name, password=body.password, birthdate=body.birthdate,
                                 country=None if country == "LOCAL" else country)
    token, web_session = await accounts.create_web_session(session, svc.settings, user)
    await session.commit()
    set_session_cookie(response, svc, token)
    return {"user": user_json(user), "csrf_token": web_session.csrf_token}


@router.post("/auth/login", dependencies=[Depends(require_region), Depends(no_store)])
async def login(body: LoginBody, request: Request, response: Response, svc: ServicesDep, session: SessionDep) -> dict:
    try:
        user = await accounts.authenticate_password(session, svc.settings, body.handle, body.password,
                                                    client_address(request))
    except CieloError:
        await session.commit()  # the failure must be counted for throttling
        raise
    token, web_session = await accounts.create_web_session(session, svc.settings, user)
    await session.commit()
    set_session_cookie(response, svc, token)
    return {"user": user_json(user), "csrf_token": web_session.csrf_token}


@router.post("/auth/logout")
async def logout(request: Request, response: Response, session: SessionDep, _user: CurrentUser) -> dict:
    await accounts.end_web_session(session, request.cookies.get(SESSION_COOKIE))
    await session.commit()
    response.delete_cookie(SESSION_COOKIE, path="/")
    return {"ok": True}


@router.get("/me")
async def me(request: Request, user: CurrentUser) -> dict:
    return {"user": user_json(user), "csrf_token": getattr(request.state, "csrf_token", None)}


class KeyBody(BaseModel):
    name: Line = Field("", max_length=80)


def key_json(key: ApiKey) -> dict:
    return {"id": key.id, "name": key.name, "prefix": key.prefix, "created_at": int(key.created_at),
            "last_used_at": int(key.last_used_at) if key.last_used_at else None,
            "revoked": key.revoked_at is not None}


@router.post("/keys", dependencies=[Depends(no_store)])
async def create_key(body: KeyBody, session: SessionDep, user: CurrentUser) -> dict:
    token, key = await accounts.create_api_key(session, user, body.name)
    await session.commit()
    return key_json(key) | {"key": token}


@router.get("/keys")
async def list_keys(session: SessionDep, user: CurrentUser) -> dict:
    keys = await session.scalars(select(ApiKey).where(ApiKey.user_id == user.id).order_by(ApiKey.created_at))
    return {"data": [key_json(k) for k in keys]}


@router.delete("/keys/{key_id}")
async def revoke_key(key_id: str, session: SessionDep, user: CurrentUser) -> dict:
    await accounts.revoke_api_key(session, user, key_id)
    await session.commit()
    return {"id": key_id, "revoked": True}


@router.get("/invites")
async def my_invites(session: SessionDep, user: CurrentUser) -> dict:
    return {"data": await accounts.invite_summary(session, user)}


class WebhookBody(BaseModel):
    url: Line = Field(max_length=2000)
    events: list[Line] | None = Field(None, max_length=len(webhooks.EVENT_TYPES))


@router.post("/webhooks", dependencies=[Depends(no_store)])
async def create_webhook(body: WebhookBody, svc: ServicesDep, session: SessionDep, user: CurrentUser) -> dict:
    endpoint = await webhooks.create_endpoint(session, svc.settings, user, body.url, body.events)
    await session.commit()
    return {"id": endpoint.id, "url": endpoint.url, "events": endpoint.events, "secret": endpoint.secret}


@router.get("/webhooks")
async def list_webhooks(session: SessionDep, user: CurrentUser) -> dict:
    rows = await session.scalars(select(WebhookEndpoint).where(WebhookEndpoint.user_id == user.id))
    return {"data": [{"id": e.id, "url": e.url, "events": e.events, "disabled": e.disabled} for e in rows]}


@router.delete("/webhooks/{endpoint_id}")
async def delete_webhook(endpoint_id: str, session: SessionDep, user: CurrentUser) -> dict:
    endpoint = await webhooks.owned_endpoint(session, user, endpoint_id)
    await session.delete(endpoint)
    await session.commit()
    return {"id": endpoint_id, "deleted": True}


@router.get("/webhooks/{endpoint_id}/deliveries")
async def webhook_deliveries(endpoint_id: str, session: SessionDep, user: CurrentUser) -> dict:
    endpoint = await webhooks.owned_endpoint(session, user, endpoint_id)
    rows = await webhooks.list_deliveries(session, endpoint)
    return {"data": [{"id": d.id, "event_type": d.event_type, "status": d.status, "attempts": d.attempts,
                      "last_status_code": d.last_status_code, "last_error": d.last_error,
                      "created_at": int(d.created_at),
                      "delivered_at": int(d.delivered_at) if d.delivered_at else None} for d in rows]}
