"""Moderation refusals in the platform (issue 17): the API's refusal (OpenAI's shape, the reader's language,
the words that triggered it), spoken lines checked before anything is queued, output-blocked videos free of
quota, and appeals: "This was wrong", the moderators' call, the allow examples it feeds, the export."""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from cielo.accounts.quotas import check_can_create
from cielo.db.models import AuditEntry, ModerationAllowExample, Video
from cielo.errors import RateLimited
from cielo.ids import new_id
from cielo.safety.appeals import sync_allow_examples
from cielo.safety.evaluation import load_labelled
from cielo.safety.guard import SafetyGuard
from tests.conftest import auth, make_user
from tests.social.helpers import cookie_client, posted

NUDE_MODEL = "a life drawing class with a nude model"  # refused by a rule; an art teacher would appeal it


async def _videos(svc) -> int:
    async with svc.sessions() as session:
        return await session.scalar(select(func.count()).select_from(Video))


async def test_a_refusal_is_openai_shaped_translated_and_names_the_words(client):
    svc = client.app.state.services
    _, key = await make_user(svc, "ana")
    prompt = "A street at dawn. Then a man is DECAPITATED in front of everyone."
    english = await client.post("/v1/videos", headers=auth(key), json={"prompt": prompt})
    assert english.status_code == 400
    body = english.json()
    assert set(body["error"]) == {"message", "type", "param", "code"}
    assert body["error"]["code"] == "moderation_blocked" and body["error"]["param"] == "prompt"
    assert body["error"]["message"] == (
        "This prompt was blocked by the graphic violence policy because of "
        "“DECAPITATED”; rephrasing it may help."
    )
    moderation = body["moderation"]
    assert moderation["policy"] == "violence" and moderation["input"] == "prompt"
    assert moderation["appeal_url"] == "/api/moderation/appeals"
    span = moderation["trigger"]["spans"][0]
    assert prompt[span["start"] : span["end"]] == span["text"] == "DECAPITATED"

    spanish = await client.post(
        "/v1/videos",
        headers=auth(key) | {"accept-language": "es-ES,es;q=0.9"},
        json={"prompt": "una clase de dibujo con una modelo desnuda"},
    )
    assert spanish.json()["error"]["message"] == (
        "Este prompt se ha bloqueado por la política de contenido sexual "
        "a causa de «desnuda»; reformularlo puede ayudar."
    )
    assert spanish.json()["moderation"]["policy_label"] == "contenido sexual"
    assert await _videos(svc) == 0


async def test_a_teen_remixing_a_line_they_may_not_say_is_refused_before_anything_is_queued(client):
    svc = client.app.state.services
    today = date.today()
    adult, adult_key = await make_user(svc, "adult", birthdate=today.replace(year=today.year - 30))
    _, teen_key = await make_user(svc, "teen", birthdate=today.replace(year=today.year - 15))
    source = await posted(
        client, svc, adult, adult_key, prompt='Two friends on a porch. Leo: "Pass me the joint, man."'
    )
    before = await _videos(svc)
    # The remix has no lines of its own, so it would speak the source's: checked now, with the teen's profile.
    refused = await client.post(
        f"/api/posts/{source}/remix", headers=auth(teen_key), json={"prompt": "the same, at night"}
    )
    assert refused.status_code == 400, refused.text
    moderation = refused.json()["moderation"]
    assert (
        moderation["input"] == "spoken_line"
        and moderation["policy"] == "drugs"
        and moderation["profile"] == "strict"
    )
    assert refused.json()["error"]["message"].startswith(
        "The spoken line “Pass me the joint, man.” was blocked by the drugs (teen accounts) policy"
    )
    assert await _videos(svc) == before  # nothing queued, nothing counted
    own_line = await client.post(
        f"/api/posts/{source}/remix",
        headers=auth(teen_key),
        json={"prompt": 'At night. Leo: "Look at the stars!"'},
    )
    assert own_line.status_code == 200, own_line.text


async def test_a_video_refused_by_output_moderation_does_not_count_against_the_quota(services):
    settings = services.settings.model_copy(update={"daily_quota": 2})
    user, _ = await make_user(services, "ana")
    async with services.sessions() as session, session.begin():
        for error_code in ("output_blocked", "output_blocked", "output_blocked"):
            session.add(
                Video(
                    id=new_id("video"),
                    user_id=user.id,
                    model="cielo-preview",
                    status="failed",
                    prompt="p",
                    seconds="4",
                    size="720x1280",
                    seed=1,
                    created_at=time.time(),
                    error_code=error_code,
                )
            )
    async with services.sessions() as session:
        await check_can_create(session, settings, user)  # three refused outputs, and still free to make two
    async with services.sessions() as session, session.begin():
        for error_code in (None, "render_error"):
            session.add(
                Video(
                    id=new_id("video"),
                    user_id=user.id,
                    model="cielo-preview",
                    status="failed" if error_code else "completed",
                    prompt="p",
                    seconds="4",
                    size="720x1280",
                    seed=1,
                    created_at=time.time(),
                    error_code=error_code,
                )
            )
    async with services.sessions() as session:
        try:
            await check_can_create(session, settings, user)
        except RateLimited as exc:
            assert exc.code == "daily_quota_exceeded"
        else:
            raise AssertionError("a finished video and a render error count")


async def test_appeal_allow_learn_audit_and_export(client, tmp_path: Path):
    svc = client.app.state.services
    ana, key = await make_user(svc, "ana")
    await make_user(svc, "root", is_admin=True)
    today = date.today()
    _, teen_key = await make_user(svc, "teen", birthdate=today.replace(year=today.year - 15))
    admin, csrf = await cookie_client(client, "root")
    admin_headers = {"x-csrf-token": csrf}
    try:
        assert (
            await client.post("/v1/videos", headers=auth(key), json={"prompt": NUDE_MODEL})
        ).status_code == 400
        appealed = await client.post(
            "/api/moderation/appeals",
            headers=auth(key),
            json={"prompt": NUDE_MODEL, "note": "It is an art class."},
        )
        assert appealed.status_code == 200, appealed.text
        appeal = appealed.json()
        assert appeal["status"] == "open" and appeal["policy"] == "sexual" and appeal["line"] is None
        assert appeal["decision"]["trigger"]["spans"][0]["text"] == "nude"
        again = await client.post("/api/moderation/appeals", headers=auth(key), json={"prompt": NUDE_MODEL})
        assert again.json()["id"] == appeal["id"]  # one open appeal per prompt
        fine = await client.post(
            "/api/moderation/appeals", headers=auth(key), json={"prompt": "a cat on a sofa"}
        )
        assert fine.status_code == 409 and fine.json()["error"]["code"] == "not_blocked"
        assert [
            a["id"] for a in (await client.get("/api/moderation/appeals", headers=auth(key))).json()["data"]
        ] == [appeal["id"]]

        assert (await client.get("/api/admin/appeals", headers=auth(key))).status_code == 403
        queue = (await admin.get("/api/admin/appeals")).json()["data"]
        assert [a["id"] for a in queue] == [appeal["id"]]
        page = await admin.get("/admin/moderation", headers={"accept-language": "es"})
        assert (
            "Reclamaciones" in page.text
            and "<mark>nude</mark>" in page.text
            and "It is an art class." in page.text
        )

        allowed = await admin.post(
            f"/api/admin/appeals/{appeal['id']}/resolve", headers=admin_headers, json={"action": "allow"}
        )
        assert allowed.status_code == 200 and allowed.json()["status"] == "allowed"
        assert (
            await admin.post(
                f"/api/admin/appeals/{appeal['id']}/resolve", headers=admin_headers, json={"action": "uphold"}
            )
        ).status_code == 409
        # From now on the classifier and the rules let it through, here and in any other process.
        assert (
            await client.post("/v1/videos", headers=auth(key), json={"prompt": NUDE_MODEL})
        ).status_code == 200
        checked = await client.post("/v1/moderations", headers=auth(key), json={"input": NUDE_MODEL})
        assert checked.json()["results"][0]["flagged"] is False
        other = SafetyGuard(svc.settings)
        async with svc.sessions() as session:
            await sync_allow_examples(session, other)
        assert other.moderator.allow_examples == (NUDE_MODEL,)

        # A teen's refusal upheld: drugs are allowed for adults, so the exported row says so.
        teen_prompt = "two friends smoking a joint on a couch"
        teen_appeal = (
            await client.post("/api/moderation/appeals", headers=auth(teen_key), json={"prompt": teen_prompt})
        ).json()
        assert teen_appeal["profile"] == "strict" and teen_appeal["policy"] == "drugs"
        upheld = await admin.post(
            f"/api/admin/appeals/{teen_appeal['id']}/resolve",
            headers=admin_headers,
            json={"action": "uphold"},
        )
        assert upheld.json()["status"] == "upheld"
        # No appeal unlocks a child-safety refusal.
        minors = (
            await client.post(
                "/api/moderation/appeals",
                headers=auth(key),
                json={"prompt": "a sexy photoshoot of a 12 year old"},
            )
        ).json()
        refused = await admin.post(
            f"/api/admin/appeals/{minors['id']}/resolve", headers=admin_headers, json={"action": "allow"}
        )
        assert refused.status_code == 409 and refused.json()["error"]["code"] == "not_allowable"

        exported = await admin.get("/api/admin/appeals/export")
        assert exported.headers["content-type"].startswith("application/x-ndjson")
        rows = [json.loads(line) for line in exported.text.splitlines()]
        assert [(r["text"], r["label"], r.get("strict_label")) for r in rows] == [
            (NUDE_MODEL, "allowed", None),
            (teen_prompt, "allowed", "drugs"),
        ]
        path = tmp_path / "appeals.jsonl"
        path.write_text(exported.text, encoding="utf-8")
        assert [i.expected("strict") for i in load_labelled(path)] == [
            "allowed",
            "drugs",
        ]  # evaluation-set rows
        assert (await client.get("/api/admin/appeals/export", headers=auth(key))).status_code == 403
    finally:
        await admin.aclose()

    async with svc.sessions() as session:
        actions = [
            e.action for e in await session.scalars(select(AuditEntry).order_by(AuditEntry.created_at))
        ]
        example = await session.scalar(select(ModerationAllowExample))
    assert actions.count("appeal") == 3 and "appeal_allow" in actions and "appeal_uphold" in actions
    assert example.text == NUDE_MODEL and example.appeal_id == appeal["id"] and example.added_by_id != ana.id
