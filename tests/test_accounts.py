"""Invite-only signup, age and region gates, sign-in throttling, sessions, API keys."""

from __future__ import annotations

import time
from datetime import date

from sqlalchemy import func, select

from cielo.db.models import Invite, User
from tests.conftest import auth, make_user


def _birthdate(years_ago: int) -> str:
    today = date.today()
    return today.replace(year=today.year - years_ago).isoformat()


async def _invite_code(services, user) -> str:
    async with services.sessions() as session:
        return await session.scalar(select(Invite.code).where(Invite.owner_id == user.id, Invite.used_by_id.is_(None)))


async def _user_count(services) -> int:
    async with services.sessions() as session:
        return await session.scalar(select(func.count()).select_from(User))


def _signup(code: str, handle: str, years: int = 30, password: str = "correct horse") -> dict:
    return {"invite_code": code, "handle": handle, "display_name": handle.title(), "password": password,
            "birthdate": _birthdate(years)}


async def test_signup_with_invite_then_invite_is_spent(client):
    svc = client.app.state.services
    inviter, _ = await make_user(svc, "ana")
    code = await _invite_code(svc, inviter)

    response = await client.post("/api/auth/signup", json=_signup(code, "bea"))
    assert response.status_code == 200, response.text
    assert response.json()["user"]["handle"] == "bea"
    assert "cielo_session" in response.cookies
    me = await client.get("/api/me")
    assert me.json()["user"]["handle"] == "bea"

    async with svc.sessions() as session:
        bea = await session.scalar(select(User).where(User.handle_key == "bea"))
        assert bea.invited_by_id == inviter.id
        invites = await session.scalar(select(func.count()).where(Invite.owner_id == bea.id))
        assert invites == svc.settings.invites_per_user

    before = await _user_count(svc)
    again = await client.post("/api/auth/signup", json=_signup(code, "cara"))
    assert again.status_code == 400
    assert again.json()["error"]["code"] == "invite_used"
    assert await _user_count(svc) == before


async def test_expired_and_unknown_invites_are_refused(client):
    svc = client.app.state.services
    inviter, _ = await make_user(svc, "ana")
    code = await _invite_code(svc, inviter)
    async with svc.sessions() as session, session.begin():
        (await session.get(Invite, code)).expires_at = time.time() - 1
    before = await _user_count(svc)
    expired = await client.post("/api/auth/signup", json=_signup(code, "dan"))
    assert expired.status_code == 400 and expired.json()["error"]["code"] == "invite_expired"
    unknown = await client.post("/api/auth/signup", json=_signup("NOPE123", "dan"))
    assert unknown.status_code == 400 and unknown.json()["error"]["code"] == "invite_invalid"
    assert await _user_count(svc) == before


async def test_age_gate_refuses_under_13_and_marks_teens(client):
    svc = client.app.state.services
    inviter, _ = await make_user(svc, "ana")
    code = await _invite_code(svc, inviter)
    child = await client.post("/api/auth/signup", json=_signup(code, "kid", years=12))
    assert child.status_code == 403 and child.json()["error"]["code"] == "age_restricted"
    teen = await client.post("/api/auth/signup", json=_signup(code, "teen", years=15))
    assert teen.status_code == 200 and teen.json()["user"]["is_teen"] is True


async def test_handles_are_unique_ignoring_case(client):
    svc = client.app.state.services
    inviter, _ = await make_user(svc, "ana")
    code = await _invite_code(svc, inviter)
    response = await client.post("/api/auth/signup", json=_signup(code, "ANA"))
    assert response.status_code == 409 and response.json()["error"]["code"] == "handle_taken"
    # the invite was not spent by the refused signup
    assert await _invite_code(svc, inviter) is not None


async def test_wrong_password_is_throttled(client):
    svc = client.app.state.services
    await make_user(svc, "ana")
    for _ in range(svc.settings.login_max_failures):
        bad = await client.post("/api/auth/login", json={"handle": "ana", "password": "wrong-password"})
        assert bad.status_code == 401
        assert bad.json()["error"]["type"] == "invalid_request_error"  # as OpenAI answers a 401
    locked = await client.post("/api/auth/login", json={"handle": "ana", "password": "password123"})
    assert locked.status_code == 429
    assert int(locked.headers["retry-after"]) > 0


async def test_login_sets_session_and_csrf_guards_writes(client):
    svc = client.app.state.services
    await make_user(svc, "ana")
    login = await client.post("/api/auth/login", json={"handle": "ana", "password": "password123"})
    assert login.status_code == 200
    csrf = login.json()["csrf_token"]
    refused = await client.post("/api/keys", json={"name": "x"})
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "csrf_failed"
    made = await client.post("/api/keys", json={"name": "x"}, headers={"x-csrf-token": csrf})
    assert made.status_code == 200 and made.json()["key"].startswith("sk-cielo-")


async def test_api_keys_are_hashed_and_revocable(client):
    svc = client.app.state.services
    _, key = await make_user(svc, "ana")
    listed = await client.get("/api/keys", headers=auth(key))
    assert listed.status_code == 200
    [entry] = listed.json()["data"]
    assert "key" not in entry and key.startswith(entry["prefix"])
    revoke = await client.delete(f"/api/keys/{entry['id']}", headers=auth(key))
    assert revoke.status_code == 200
    after = await client.get("/v1/videos", headers=auth(key))
    assert after.status_code == 401 and after.json()["error"]["code"] == "invalid_api_key"


async def test_region_gate_uses_trusted_proxy_header(client):
    svc = client.app.state.services
    svc.settings.allowed_countries = ["ES", "MX"]
    svc.settings.trusted_proxy_header = "CF-IPCountry"
    inviter, _ = await make_user(svc, "ana")
    code = await _invite_code(svc, inviter)
    blocked = await client.post("/api/auth/signup", json=_signup(code, "dan"), headers={"cf-ipcountry": "US"})
    assert blocked.status_code == 403
    assert blocked.json()["error"]["code"] == "region_blocked" and "US" in blocked.json()["error"]["message"]
    allowed = await client.post("/api/auth/signup", json=_signup(code, "dan"), headers={"cf-ipcountry": "ES"})
    assert allowed.status_code == 200


def test_geoip_lookup_of_public_address():
    from cielo.accounts.region import check_region, country_of
    from cielo.config import Settings

    settings = Settings(allowed_countries=["DE"])
    country = country_of(settings, {}, "8.8.8.8")
    assert country == "US"
    assert country_of(settings, {}, "127.0.0.1") == "LOCAL"
    import pytest

    from cielo.errors import Forbidden

    with pytest.raises(Forbidden):
        check_region(settings, country)
