"""Search (the databases' own full-text search, English and Spanish stems), people to follow, share pages and
oEmbed, captions built from a real plan's dialogue, "your video is ready" news, and a person's data: the
export zip and deleting the account."""

from __future__ import annotations

import io
import json
import zipfile

from sqlalchemy import func, select

from cielo.db.models import Cameo, Comment, Notification, Post, User, Video
from cielo.generation.plan import make_plan
from cielo.jobs.queue import claim_next, finish
from cielo.social import captions
from tests.conftest import auth, make_user
from tests.social.helpers import complete_queued, cookie_client, finished_video, posted


async def test_search_finds_people_and_videos_in_english_and_spanish(client):
    svc = client.app.state.services
    ana, ana_key = await make_user(svc, "ana", display_name="Ana García")
    bea, bea_key = await make_user(svc, "bea")
    dogs = await posted(client, svc, ana, ana_key, caption="Perros corriendo en la nieve",
                        prompt="Dogs in snow")
    cats = await posted(client, svc, ana, ana_key, caption="My cats are dancing", prompt="Two cats dance")
    secret = await posted(client, svc, ana, ana_key, caption="A quiet street", prompt="A lighthouse at dawn",
                          show_prompt=False)

    async def search(q: str, key: str = bea_key) -> dict:
        response = await client.get("/api/search", headers=auth(key), params={"q": q})
        assert response.status_code == 200, response.text
        return response.json()

    assert [v["id"] for v in (await search("perro"))["videos"]] == [dogs]  # Spanish stem: perros -> perr
    assert [v["id"] for v in (await search("corre nieve"))["videos"]] == [dogs]
    assert [v["id"] for v in (await search("dance cat"))["videos"]] == [cats]  # English: dancing -> danc
    assert (await search("lighthouse"))["videos"] == []  # a hidden prompt is not searchable
    assert [v["id"] for v in (await search("cats"))["videos"]] == [cats]
    people = (await search("gar"))["people"]
    assert [p["handle"] for p in people] == ["ana"] and people[0]["following"] is False
    assert [p["handle"] for p in (await search("@bea"))["people"]] == ["bea"]
    assert (await search('"); DROP TABLE posts; --'))["videos"] == []  # nothing typed is query syntax
    too_long = await client.get("/api/search", headers=auth(bea_key), params={"q": "x" * 101})
    assert too_long.status_code == 400 and too_long.json()["error"]["code"] == "search_too_long"
    # A caption edited away is no longer found; a block hides a person and their videos both ways.
    await client.post(f"/api/videos/{secret}/publish", headers=auth(ana_key),
                      json={"caption": "A quiet lane", "show_prompt": False})
    assert (await search("street"))["videos"] == []
    await client.post("/api/users/ana/block", headers=auth(bea_key))
    assert (await search("perro"))["videos"] == [] and (await search("ana"))["people"] == []
    await client.delete("/api/users/ana/block", headers=auth(bea_key))
    await client.delete(f"/v1/videos/{dogs}", headers=auth(ana_key))
    assert (await search("perro"))["videos"] == []


async def test_people_to_follow_come_from_follows_and_their_likes(client):
    svc = client.app.state.services
    _, key = await make_user(svc, "myself")
    keys = {h: (await make_user(svc, h))[1] for h in ("friend", "fof", "liked", "star", "blocked")}
    await client.post("/api/users/friend/follow", headers=auth(key))
    await client.post("/api/users/fof/follow", headers=auth(keys["friend"]))
    liked_user = (await client.get("/api/users/liked", headers=auth(key))).json()
    async with svc.sessions() as session:
        liked_row = await session.get(User, liked_user["id"])
    video = await posted(client, svc, liked_row, keys["liked"], caption="liked one")
    await client.post(f"/api/posts/{video}/like", headers=auth(keys["friend"]))
    await client.post("/api/users/star/follow", headers=auth(keys["blocked"]))
    await client.post("/api/users/blocked/block", headers=auth(key))
    found = (await client.get("/api/suggestions/people", headers=auth(key))).json()["data"]
    handles = [s["handle"] for s in found]
    assert handles[:2] == ["fof", "liked"]  # a follow by a follow counts more than a like by one
    assert [s["reason"] for s in found[:2]] == ["followed_by_follows", "liked_by_follows"]
    assert "friend" not in handles and "myself" not in handles and "blocked" not in handles
    _, newcomer_key = await make_user(svc, "newcomer")
    popular = (await client.get("/api/suggestions/people", headers=auth(newcomer_key))).json()["data"]
    assert popular and {s["reason"] for s in popular} == {"popular"}  # nobody followed yet


def test_captions_come_from_the_plans_dialogue():
    plan = make_plan('A fox on a beach. Ana: "What a <view> & more!" Bea: "¡Qué bonito!"', seed=5, seconds=8,
                     width=720, height=1280)
    video = Video(id="video_" + "a" * 32, details={"generation": {"mode": "generate", "seconds": 8.0,
                                                                   "plan": plan.summary()}})
    vtt = captions.webvtt(video)
    lines = plan.summary()["dialogue"]
    assert vtt.startswith("WEBVTT\n") and vtt.count(" --> ") == len(lines) == 2
    assert "<v Ana>What a &lt;view&gt; &amp; more!" in vtt and "<v Bea>¡Qué bonito!" in vtt
    assert captions.spoken_language(video) == "en"
    # An extension's lines are timed from the end of the video it continues.
    extended = Video(id=video.id, details={"generation": {"mode": "extend", "seconds": 16.0,
                                                          "plan": plan.summary()}})
    assert captions.dialogue(extended)[0]["start"] == lines[0]["start"] + 8.0
    assert captions.webvtt(Video(id=video.id, details={})) == "WEBVTT\n"


async def test_share_links_play_signed_out_and_never_leak(client):
    svc = client.app.state.services
    ana, ana_key = await make_user(svc, "ana")
    public = await posted(client, svc, ana, ana_key, caption="Sunset <b>run</b>")
    draft = await finished_video(svc, ana, "a draft")
    page = await client.get(f"/v/{public}")
    assert page.status_code == 200 and 'property="og:video" content="http://testserver/s/' in page.text
    assert '<meta name="twitter:card" content="player">' in page.text
    assert "Sunset &lt;b&gt;run&lt;/b&gt;" in page.text
    assert (await client.get(f"/s/{public}/video")).headers["content-type"] == "video/mp4"
    embed = await client.get(f"/v/{public}?embed=1")
    assert "frame-ancestors *" in embed.headers["content-security-policy"]
    assert "x-frame-options" not in embed.headers
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    url = f"http://testserver/v/{public}"
    oembed = (await client.get("/oembed", params={"url": url, "maxwidth": 180})).json()
    assert oembed["type"] == "video" and oembed["width"] <= 180 and f"/v/{public}?embed=1" in oembed["html"]
    for hidden in (draft, "video_" + "0" * 32, "nonsense"):
        assert (await client.get(f"/v/{hidden}", follow_redirects=False)).status_code == 303
        assert (await client.get(f"/s/{hidden}/video")).status_code == 404
        hidden_url = f"http://testserver/v/{hidden}"
        assert (await client.get("/oembed", params={"url": hidden_url})).status_code == 404
    assert (await client.get("/oembed", params={"url": url, "format": "xml"})).status_code == 501
    svc.settings.share_requires_sign_in = True
    assert (await client.get(f"/v/{public}", follow_redirects=False)).status_code == 303
    assert (await client.get(f"/s/{public}/video")).status_code == 404


async def test_a_finished_render_tells_its_maker(client):
    svc = client.app.state.services
    _, ana_key = await make_user(svc, "ana")
    await client.post("/v1/videos", headers=auth(ana_key), json={"prompt": "A red fox on a beach"})
    await complete_queued(svc, news=True)
    await client.post("/v1/videos", headers=auth(ana_key), json={"prompt": "A blue fox on a beach"})
    lease = await claim_next(svc.sessions, svc.settings, "test-worker")
    assert await finish(svc.sessions, svc.settings, lease, status="failed",
                        error=("render_failed", "It broke."))
    notes = (await client.get("/api/notifications", headers=auth(ana_key))).json()["data"]
    assert [(n["kind"], n["reason"]) for n in notes] == [("video_failed", "It broke."), ("video_ready", None)]
    assert notes[0]["url"] == "/drafts" and notes[1]["url"].startswith("/v/")


async def test_download_my_data_and_delete_my_account(client):
    svc = client.app.state.services
    ana, ana_key = await make_user(svc, "ana")
    bea, bea_key = await make_user(svc, "bea")
    mine = await posted(client, svc, ana, ana_key, caption="mine")
    theirs = await posted(client, svc, bea, bea_key, caption="theirs")
    await client.post(f"/api/posts/{theirs}/like", headers=auth(ana_key))
    await client.post(f"/api/posts/{theirs}/comments", headers=auth(ana_key), json={"body": "¡hola!"})
    await client.post("/api/users/bea/follow", headers=auth(ana_key))
    async with svc.sessions() as session, session.begin():
        session.add(Cameo(id="cameo_" + "2" * 32, user_id=ana.id, kind="character", handle="ana.rex",
                          handle_key="ana.rex", name="Rex", permission="everyone", restrictions=[],
                          reference_keys=[]))
    with_rex = await posted(client, svc, bea, bea_key, caption="with rex", prompt="@ana.rex on a beach")

    browser, token = await cookie_client(client, "ana")
    try:
        export = await browser.get("/api/me/export")
        assert export.status_code == 200 and export.headers["content-type"] == "application/zip"
        archive = zipfile.ZipFile(io.BytesIO(export.content))
        assert archive.read(f"videos/{mine}.mp4")[4:8] == b"ftyp"
        assert [c["body"] for c in json.loads(archive.read("comments.json"))] == ["¡hola!"]
        assert json.loads(archive.read("cameos.json"))[0]["handle"] == "ana.rex"
        wrong = await browser.post("/api/me/delete", headers={"x-csrf-token": token}, json={"confirm": "bea"})
        assert wrong.status_code == 400 and wrong.json()["error"]["code"] == "confirmation_required"
        deleted = await browser.post("/api/me/delete", headers={"x-csrf-token": token},
                                     json={"confirm": "@Ana"})
        assert deleted.status_code == 200
        assert (await browser.get("/api/me")).status_code == 401  # signed out: the session went with her
    finally:
        await browser.aclose()
    async with svc.sessions() as session:
        assert await session.get(User, ana.id) is None
        assert await session.get(Video, mine) is None
        assert await session.get(Cameo, "cameo_" + "2" * 32) is None
        assert (await session.get(Video, with_rex)).deleted_at is not None  # made with her likeness: gone too
        post = await session.get(Post, theirs)
        assert (post.like_count, post.comment_count) == (0, 0)
        assert await session.scalar(select(func.count()).select_from(Comment)) == 0
        assert await session.scalar(select(func.count()).select_from(Notification)
                                    .where(Notification.actor_id == ana.id)) == 0
    assert not svc.store.exists(f"videos/{mine}/video.mp4")
    assert (await client.get(f"/api/posts/{theirs}", headers=auth(bea_key))).json()["like_count"] == 0
    gone = await client.post("/api/auth/login", json={"handle": "ana", "password": "password123"})
    assert gone.status_code == 401
