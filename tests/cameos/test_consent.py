"""Who may use a cameo, on SQLite and PostgreSQL: the whole permission matrix (levels x relationships, blocks
included), requests and approvals, owner-written restrictions, the cameo limit per video, faces in an
input_reference, and the owner's view of every video that uses their cameo (notified, can watch, can delete)."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from cielo.cameos import consent
from cielo.cameos import service as cameos
from cielo.db.models import Block, Follow, Notification, User
from cielo.errors import CieloError
from tests.conftest import auth, make_user
from tests.social.helpers import complete_queued, cookie_client

from . import kit
from .kit import photo_analysis, stored_cameo

settings = kit.settings  # fixture

RELATIONSHIPS = ("owner", "stranger", "approved", "pending", "mutual", "follows_owner", "followed_by_owner",
                 "approved_but_blocked")
ALLOWED = {  # permission -> relationships that may use the cameo
    "only_me": {"owner"},
    "approved": {"owner", "approved"},
    "mutuals": {"owner", "approved", "mutual"},
    "everyone": {"owner", "stranger", "approved", "pending", "mutual", "follows_owner", "followed_by_owner"},
}


async def _people(services) -> dict[str, User]:
    people = {"owner": (await make_user(services, "alice"))[0]}
    for i, relation in enumerate(RELATIONSHIPS[1:]):
        people[relation] = (await make_user(services, f"user{i}_{relation[:12]}"))[0]
    return people


async def _relate(services, cameo, people: dict[str, User]) -> None:
    owner = people["owner"]
    async with services.sessions() as session, session.begin():
        await cameos.request_access(session, people["pending"], cameo)
        for who in ("approved", "approved_but_blocked"):
            await cameos.request_access(session, people[who], cameo)
            await cameos.approve(session, owner, cameo.id, people[who].handle)
        session.add_all([
            Follow(follower_id=owner.id, followee_id=people["mutual"].id),
            Follow(follower_id=people["mutual"].id, followee_id=owner.id),
            Follow(follower_id=people["follows_owner"].id, followee_id=owner.id),
            Follow(follower_id=owner.id, followee_id=people["followed_by_owner"].id),
            Follow(follower_id=owner.id, followee_id=people["approved_but_blocked"].id),
            Follow(follower_id=people["approved_but_blocked"].id, followee_id=owner.id),
            Block(blocker_id=owner.id, blocked_id=people["approved_but_blocked"].id),
        ])


async def test_the_permission_matrix(services, client, astronaut):
    people = await _people(services)
    cameo = await stored_cameo(services, people["owner"], photo_analysis(astronaut))
    await _relate(services, cameo, people)
    for permission in consent.PERMISSIONS:
        async with services.sessions() as session, session.begin():
            owner = await session.get(User, people["owner"].id)
            await cameos.update_cameo(session, services.settings, owner, cameo.id, permission=permission)
        seen = set()
        for relation, user in people.items():
            async with services.sessions() as session:
                try:
                    used = await cameos.resolve_for_video(session, services.settings, user, prompt="@alice waves hello")
                except CieloError as exc:
                    expected = "cameo_not_found" if relation == "approved_but_blocked" else "cameo_permission_denied"
                    assert exc.code == expected, (permission, relation, exc.code)
                    continue
            assert [u.cameo.id for u in used] == [cameo.id]
            seen.add(relation)
        assert seen == ALLOWED[permission], permission

    # The same through the API: a 403 that says what to do.
    async with services.sessions() as session, session.begin():
        owner = await session.get(User, people["owner"].id)
        await cameos.update_cameo(session, services.settings, owner, cameo.id, permission="approved")
    _, stranger_key = await make_user(services, "stranger")
    refused = await client.post("/v1/videos", headers=auth(stranger_key), json={"prompt": "@alice waves"})
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "cameo_permission_denied"
    assert "ask for access" in refused.json()["error"]["message"]


async def test_requests_approvals_and_revocation(client, services, astronaut):
    alice, alice_key = await make_user(services, "alice")
    cameo = await stored_cameo(services, alice, photo_analysis(astronaut), permission="approved")
    _, bob_key = await make_user(services, "bob")

    view = (await client.get("/api/cameos/lookup/@alice", headers=auth(bob_key))).json()
    assert view["id"] == cameo.id and not view["can_use"] and view["access"] is None
    assert "permission" not in view and "restrictions" not in view  # settings are the owner's business
    asked = await client.post(f"/api/cameos/{cameo.id}/requests", headers=auth(bob_key))
    assert asked.json()["status"] == "pending" and not asked.json()["can_use"]
    access = (await client.get(f"/api/cameos/{cameo.id}/access", headers=auth(alice_key))).json()["data"]
    assert [(a["handle"], a["status"]) for a in access] == [("bob", "pending")]
    assert (await client.get(f"/api/cameos/{cameo.id}/access", headers=auth(bob_key))).status_code == 404
    async with services.sessions() as session:
        kinds = list(await session.scalars(Notification.__table__.select().with_only_columns(Notification.kind)
                                           .where(Notification.user_id == alice.id)))
    assert kinds == ["cameo_request"]

    assert (await client.post("/v1/videos", headers=auth(bob_key), json={"prompt": "@alice waves"})).status_code == 403
    approved = await client.post(f"/api/cameos/{cameo.id}/access", headers=auth(alice_key), json={"handle": "@bob"})
    assert approved.json() == {"handle": "bob", "status": "approved"}
    news = (await client.get("/api/notifications", headers=auth(bob_key))).json()["data"]
    assert [(n["kind"], n["actor"]["handle"], n["url"]) for n in news] == [("cameo_approved", "alice", "/cameos")]
    browser, _ = await cookie_client(client, "alice")
    inbox = (await browser.get("/notifications")).text
    await browser.aclose()
    assert "asked to use your cameo" in inbox and 'href="/cameos"' in inbox
    made = await client.post("/v1/videos", headers=auth(bob_key), json={"prompt": "@alice waves at the camera"})
    assert made.status_code == 200, made.text
    assert (await client.get("/api/cameos/usable", headers=auth(bob_key))).json()["data"][0]["handle"] == "alice"

    revoked = await client.delete(f"/api/cameos/{cameo.id}/access/bob", headers=auth(alice_key))
    assert revoked.status_code == 200
    assert (await client.post("/v1/videos", headers=auth(bob_key), json={"prompt": "@alice waves"})).status_code == 403
    # Only mutuals now, and they are not: still no. Following each other makes them mutuals.
    await client.patch(f"/api/cameos/{cameo.id}", headers=auth(alice_key), json={"permission": "mutuals"})
    assert (await client.post("/v1/videos", headers=auth(bob_key), json={"prompt": "@alice waves"})).status_code == 403
    await client.post("/api/users/bob/follow", headers=auth(alice_key))
    await client.post("/api/users/alice/follow", headers=auth(bob_key))
    assert (await client.post("/v1/videos", headers=auth(bob_key), json={"prompt": "@alice waves"})).status_code == 200


@pytest.mark.parametrize(("restriction", "prompt"), [
    ("no political content", "@alice campaigns for president"),
    ("no political content", "@alice votes in the senate"),
    ("no politics", "@alice is a politician giving a speech"),
    ("nothing with alcohol", "@alice drinks beer at a pub"),
    ("no violence", "@alice shoots a gun at people"),
    ("no romance or kissing", "@alice kisses bob on a date"),
    ("don't make me sing", "@alice performs karaoke"),
])
def test_restriction_broken(restriction, prompt):
    assert consent.broken_restriction(prompt, [restriction], similarity=0.32) == restriction


@pytest.mark.parametrize(("restriction", "prompt"), [
    ("no political content", "@alice walks on the beach at sunset"),
    ("no political content", "@alice eats pizza with friends"),
    ("nothing with alcohol", "@alice drinks coffee"),
    ("no violence", "@alice plays soccer"),
    ("no romance or kissing", "@alice reads a book"),
    ("don't make me sing", "@alice talks to a fox"),
])
def test_restriction_kept(restriction, prompt):
    assert consent.broken_restriction(prompt, [restriction], similarity=0.32) is None


async def test_restrictions_are_checked_against_every_prompt(client, services, astronaut):
    alice, alice_key = await make_user(services, "alice")
    await stored_cameo(services, alice, photo_analysis(astronaut), permission="everyone",
                       restrictions=("no political content", "nothing with alcohol"))
    _, bob_key = await make_user(services, "bob")
    political = await client.post("/v1/videos", headers=auth(bob_key),
                                  json={"prompt": "@alice campaigns for president in a big city"})
    assert political.status_code == 400
    assert political.json()["error"]["code"] == "cameo_restricted"
    assert "no political content" in political.json()["error"]["message"]
    beer = await client.post("/v1/videos", headers=auth(bob_key), json={"prompt": "@alice drinks beer at a pub"})
    assert beer.json()["error"]["code"] == "cameo_restricted" and "alcohol" in beer.json()["error"]["message"]
    fine = await client.post("/v1/videos", headers=auth(bob_key), json={"prompt": "@alice walks her dog on a beach"})
    assert fine.status_code == 200, fine.text
    own = await client.post("/v1/videos", headers=auth(alice_key), json={"prompt": "@alice campaigns for president"})
    assert own.status_code == 200  # the owner's restrictions bind others, not the owner


async def test_cameo_limit_and_unknown_handles(client, services, astronaut, grace_portrait):
    alice, alice_key = await make_user(services, "alice")
    grace, _ = await make_user(services, "grace")
    await stored_cameo(services, alice, photo_analysis(astronaut))
    await stored_cameo(services, grace, photo_analysis(grace_portrait), permission="everyone")
    cat = cameos.ClipAnalysis([photo_analysis(grace_portrait).references[0]], None, None, 16000, {})
    async with services.sessions() as session, session.begin():
        me = await session.get(User, alice.id)
        rex = await cameos.create_character(session, services.settings, services.store, me, cat, name="Rex")
    assert rex.handle == "alice.rex"
    three = await client.post("/v1/videos", headers=auth(alice_key),
                              json={"prompt": "@alice, @grace and @alice.rex at the beach"})
    assert three.status_code == 400 and three.json()["error"]["code"] == "too_many_cameos"
    two = await client.post("/v1/videos", headers=auth(alice_key), json={"prompt": "@alice and @alice.rex. Write to a@b.com"})
    assert two.status_code == 200, two.text
    unknown = await client.post("/v1/videos", headers=auth(alice_key), json={"prompt": "@nobody dances"})
    assert unknown.status_code == 400 and unknown.json()["error"]["code"] == "cameo_not_found"


def _png(image: np.ndarray) -> bytes:
    out = io.BytesIO()
    Image.fromarray(image).save(out, format="PNG")
    return out.getvalue()


async def test_input_reference_with_someone_elses_face(client, services, astronaut, grace_portrait):
    alice, alice_key = await make_user(services, "alice")
    cameo = await stored_cameo(services, alice, photo_analysis(astronaut))
    _, bob_key = await make_user(services, "bob")
    files = {"input_reference": ("ref.png", _png(astronaut), "image/png")}
    refused = await client.post("/v1/videos", headers=auth(bob_key), data={"prompt": "A walk in the park"},
                                files=files)
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "cameo_likeness_not_permitted"
    someone_else = await client.post("/v1/videos", headers=auth(bob_key), data={"prompt": "A walk in the park"},
                                     files={"input_reference": ("ref.png", _png(grace_portrait), "image/png")})
    assert someone_else.status_code == 200, someone_else.text  # not a registered cameo
    await client.patch(f"/api/cameos/{cameo.id}", headers=auth(alice_key), json={"permission": "everyone"})
    allowed = await client.post("/v1/videos", headers=auth(bob_key), data={"prompt": "A walk in the park"},
                                files=files)
    assert allowed.status_code == 200, allowed.text
    uses = (await client.get(f"/api/cameos/{cameo.id}/uses", headers=auth(alice_key))).json()["data"]
    assert [(u["video_id"], u["via"]) for u in uses] == [(allowed.json()["id"], "reference")]


async def test_the_owner_sees_watches_and_deletes_every_use(client, services, astronaut):
    alice, alice_key = await make_user(services, "alice")
    cameo = await stored_cameo(services, alice, photo_analysis(astronaut), permission="everyone")
    _, bob_key = await make_user(services, "bob")
    draft = (await client.post("/v1/videos", headers=auth(bob_key), json={"prompt": "@alice surfs a big wave"})).json()
    mine = (await client.post("/v1/videos", headers=auth(alice_key), json={"prompt": "@alice reads"})).json()

    uses = (await client.get(f"/api/cameos/{cameo.id}/uses", headers=auth(alice_key))).json()["data"]
    assert [(u["video_id"], u["creator"], u["status"]) for u in uses] == [
        (mine["id"], "alice", "queued"), (draft["id"], "bob", "queued")]
    async with services.sessions() as session:
        notes = list(await session.scalars(Notification.__table__.select().with_only_columns(Notification.video_id)
                                           .where(Notification.user_id == alice.id, Notification.kind == "cameo_use")))
    assert notes == [draft["id"]]  # told about bob's use, not about her own
    assert (await client.get(f"/api/cameos/{cameo.id}/uses", headers=auth(bob_key))).status_code == 404

    await complete_queued(services)  # bob's video is done, still in his drafts (never published)
    thumb = await client.get(f"/api/cameos/{cameo.id}/uses/{draft['id']}/media?variant=thumbnail",
                             headers=auth(alice_key))
    assert thumb.status_code == 200 and thumb.headers["content-type"] == "image/webp"
    # Bob may remix his video while he may use her; once she withdraws, the remix is refused too.
    remix = await client.post(f"/v1/videos/{draft['id']}/remix", headers=auth(bob_key), json={"prompt": "At night"})
    assert remix.status_code == 200, remix.text
    await client.patch(f"/api/cameos/{cameo.id}", headers=auth(alice_key), json={"permission": "only_me"})
    again = await client.post(f"/v1/videos/{draft['id']}/remix", headers=auth(bob_key), json={"prompt": "By day"})
    assert again.status_code == 403 and again.json()["error"]["code"] == "cameo_permission_denied"

    deleted = await client.delete(f"/api/cameos/{cameo.id}/uses/{draft['id']}", headers=auth(alice_key))
    assert deleted.json()["deleted"] is True
    assert (await client.get(f"/v1/videos/{draft['id']}", headers=auth(bob_key))).status_code == 404
    left = (await client.get(f"/api/cameos/{cameo.id}/uses", headers=auth(alice_key))).json()["data"]
    assert draft["id"] not in [u["video_id"] for u in left]
