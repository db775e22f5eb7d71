"""Drafts, publish, unpublish, delete; who can see what; remixes and their chain."""

from __future__ import annotations

from sqlalchemy import func, select

from cielo.db.models import Comment, Like, Notification, Post
from tests.conftest import auth, make_user
from tests.social.helpers import complete_queued, cookie_client, finished_video, posted, video_row


async def test_a_finished_video_is_a_draft_until_published(client):
    svc = client.app.state.services
    ana, key = await make_user(svc, "ana")
    video_id = await finished_video(svc, ana, "A red kite over the dunes")

    drafts = (await client.get("/api/drafts", headers=auth(key))).json()["data"]
    assert [d["id"] for d in drafts] == [video_id] and drafts[0]["published"] is False
    assert (await client.get("/api/users/ana/posts", headers=auth(key))).json()["data"] == []

    published = await client.post(f"/api/videos/{video_id}/publish", headers=auth(key),
                                  json={"caption": "Kites!", "show_prompt": False})
    assert published.status_code == 200, published.text
    body = published.json()
    assert body["published"] is True and body["caption"] == "Kites!"
    assert (await client.get("/api/drafts", headers=auth(key))).json()["data"] == []
    grid = (await client.get("/api/users/ana/posts", headers=auth(key))).json()["data"]
    assert [p["id"] for p in grid] == [video_id]

    back = await client.post(f"/api/videos/{video_id}/unpublish", headers=auth(key))
    assert back.status_code == 200 and back.json()["published"] is False
    assert [d["id"] for d in (await client.get("/api/drafts", headers=auth(key))).json()["data"]] == [video_id]
    assert (await client.get("/api/users/ana/posts", headers=auth(key))).json()["data"] == []


async def test_prompt_is_shown_only_when_the_creator_chooses(client):
    svc = client.app.state.services
    ana, ana_key = await make_user(svc, "ana")
    _, bea_key = await make_user(svc, "bea")
    hidden = await posted(client, svc, ana, ana_key, caption="secret recipe", prompt="Grandma's paella", show_prompt=False)
    shown = await posted(client, svc, ana, ana_key, caption="open", prompt="A lighthouse in fog", show_prompt=True)
    assert (await client.get(f"/api/posts/{hidden}", headers=auth(bea_key))).json()["prompt"] is None
    assert (await client.get(f"/api/posts/{shown}", headers=auth(bea_key))).json()["prompt"] == "A lighthouse in fog"
    # the creator always sees their own prompt
    assert (await client.get(f"/api/posts/{hidden}", headers=auth(ana_key))).json()["prompt"] == "Grandma's paella"


async def test_other_users_drafts_are_invisible_everywhere(client):
    svc = client.app.state.services
    ana, ana_key = await make_user(svc, "ana")
    _, bea_key = await make_user(svc, "bea")
    draft = await finished_video(svc, ana)
    for method, path, body in [
        ("GET", f"/api/posts/{draft}", None),
        ("GET", f"/api/posts/{draft}/media", None),
        ("GET", f"/api/posts/{draft}/media?variant=thumbnail", None),
        ("GET", f"/api/posts/{draft}/download", None),
        ("GET", f"/api/posts/{draft}/comments", None),
        ("POST", f"/api/posts/{draft}/like", None),
        ("POST", f"/api/posts/{draft}/comments", {"body": "hi"}),
        ("POST", f"/api/posts/{draft}/remix", {"prompt": "mine now"}),
        ("POST", f"/api/videos/{draft}/publish", {"caption": "stolen"}),
        ("GET", f"/v1/videos/{draft}/content", None),
    ]:
        response = await client.request(method, path, headers=auth(bea_key), json=body)
        assert response.status_code == 404, (method, path, response.status_code, response.text)
    assert (await client.get(f"/api/posts/{draft}/media", headers=auth(ana_key))).status_code == 200
    browser, _ = await cookie_client(client, "bea")
    try:
        for path in (f"/v/{draft}", f"/fragments/drafts/{draft}", f"/fragments/comments/{draft}"):
            assert (await browser.get(path)).status_code == 404, path
    finally:
        await browser.aclose()
    async with svc.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Post)) == 0
    assert (await video_row(svc, draft)).status == "completed"


async def test_only_completed_own_videos_can_be_published(client):
    svc = client.app.state.services
    _, key = await make_user(svc, "ana")
    queued = (await client.post("/v1/videos", headers=auth(key), json={"prompt": "rain"})).json()["id"]
    response = await client.post(f"/api/videos/{queued}/publish", headers=auth(key), json={"caption": "soon"})
    assert response.status_code == 409 and response.json()["error"]["code"] == "video_not_finished"
    too_long = await client.post(f"/api/videos/{queued}/publish", headers=auth(key), json={"caption": "x" * 501})
    assert too_long.status_code == 400 and too_long.json()["error"]["param"] == "caption"
    async with svc.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Post)) == 0


async def test_delete_removes_the_post_its_media_and_its_traces(client):
    svc = client.app.state.services
    ana, ana_key = await make_user(svc, "ana")
    _, bea_key = await make_user(svc, "bea")
    video_id = await posted(client, svc, ana, ana_key, caption="bye soon")
    assert (await client.post(f"/api/posts/{video_id}/like", headers=auth(bea_key))).status_code == 200
    assert (await client.post(f"/api/posts/{video_id}/comments", headers=auth(bea_key),
                              json={"body": "nice"})).status_code == 200
    row = await video_row(svc, video_id)
    media = [svc.store.local_path(row.video_key), svc.store.local_path(row.thumbnail_key)]

    deleted = await client.delete(f"/v1/videos/{video_id}", headers=auth(ana_key))
    assert deleted.status_code == 200
    assert not any(path.exists() for path in media)
    assert (await client.get(f"/api/posts/{video_id}", headers=auth(bea_key))).status_code == 404
    assert (await client.get(f"/api/posts/{video_id}/media", headers=auth(ana_key))).status_code == 404
    async with svc.sessions() as session:
        for model in (Post, Like, Comment):
            assert await session.scalar(select(func.count()).select_from(model)) == 0, model
        assert await session.scalar(select(func.count()).select_from(Notification)
                                    .where(Notification.video_id == video_id)) == 0


async def test_remix_links_to_its_source_and_the_chain_is_visible(client):
    svc = client.app.state.services
    ana, ana_key = await make_user(svc, "ana")
    _, bea_key = await make_user(svc, "bea")
    _, cara_key = await make_user(svc, "cara")
    source = await posted(client, svc, ana, ana_key, caption="original", prompt="A cat on a piano")

    made = await client.post(f"/api/posts/{source}/remix", headers=auth(bea_key), json={"prompt": "A dog on a piano"})
    assert made.status_code == 200, made.text
    remix = made.json()
    assert remix["remixed_from_video_id"] == source and remix["status"] == "queued"
    await complete_queued(svc)
    # a remix is a draft of its maker until published; the source's creator hears of it when it is
    assert (await client.get("/api/notifications", headers=auth(ana_key))).json()["data"] == []
    assert (await client.post(f"/api/videos/{remix['id']}/publish", headers=auth(bea_key),
                              json={"caption": "dog version"})).status_code == 200
    notes = (await client.get("/api/notifications", headers=auth(ana_key))).json()["data"]
    assert [(n["kind"], n["actor"]["handle"], n["video_id"]) for n in notes] == [("remix", "bea", remix["id"])]

    second = (await client.post(f"/api/posts/{remix['id']}/remix", headers=auth(cara_key),
                                json={"prompt": "A goat on a piano"})).json()
    await complete_queued(svc)
    await client.post(f"/api/videos/{second['id']}/publish", headers=auth(cara_key), json={"caption": "goat"})
    chain = (await client.get(f"/api/posts/{second['id']}", headers=auth(ana_key))).json()["remix_chain"]
    assert [(link["id"], link["creator"]["handle"]) for link in chain] == [(remix["id"], "bea"), (source, "ana")]
    remixes = (await client.get(f"/api/posts/{source}/remixes", headers=auth(cara_key))).json()["data"]
    assert [r["id"] for r in remixes] == [remix["id"]]
    assert (await client.get(f"/api/posts/{source}", headers=auth(cara_key))).json()["remix_count"] == 1

    # once the middle video is unpublished the chain shows a gap, not the hidden video's creator
    await client.post(f"/api/videos/{remix['id']}/unpublish", headers=auth(bea_key))
    chain = (await client.get(f"/api/posts/{second['id']}", headers=auth(ana_key))).json()["remix_chain"]
    assert [(link["id"], link["available"]) for link in chain] == [(remix["id"], False), (source, True)]
    assert (await client.get(f"/api/posts/{source}", headers=auth(cara_key))).json()["remix_count"] == 0
