"""Likes, comments, follows, blocks and notifications through the JSON API, limits included."""

from __future__ import annotations

from sqlalchemy import func, select

from cielo.db.models import Comment, Follow, Like, Notification
from tests.conftest import auth, make_user
from tests.social.helpers import complete_queued, posted


async def _count(svc, model, *where) -> int:
    async with svc.sessions() as session:
        return await session.scalar(select(func.count()).select_from(model).where(*where))


async def test_likes_are_idempotent_counted_and_notify_once(client):
    svc = client.app.state.services
    ana, ana_key = await make_user(svc, "ana")
    _, bea_key = await make_user(svc, "bea")
    video_id = await posted(client, svc, ana, ana_key)
    for _ in range(2):
        liked = await client.post(f"/api/posts/{video_id}/like", headers=auth(bea_key))
        assert liked.status_code == 200 and liked.json() == {"id": video_id, "like_count": 1, "comment_count": 0,
                                                             "remix_count": 0, "liked": True}
    assert (await client.get(f"/api/posts/{video_id}", headers=auth(bea_key))).json()["liked"] is True
    unliked = await client.delete(f"/api/posts/{video_id}/like", headers=auth(bea_key))
    assert unliked.json()["like_count"] == 0 and unliked.json()["liked"] is False
    await client.post(f"/api/posts/{video_id}/like", headers=auth(bea_key))  # like, unlike, like again
    notes = (await client.get("/api/notifications", headers=auth(ana_key))).json()
    assert [n["kind"] for n in notes["data"]] == ["like"] and notes["unread_count"] == 1
    # liking your own video is fine and tells nobody
    await client.post(f"/api/posts/{video_id}/like", headers=auth(ana_key))
    assert (await client.get(f"/api/posts/{video_id}", headers=auth(ana_key))).json()["like_count"] == 2
    assert (await client.get("/api/notifications/unread_count", headers=auth(ana_key))).json()["unread_count"] == 1


async def test_comment_replies_are_one_level_deep_and_notify_the_right_people(client):
    svc = client.app.state.services
    ana, ana_key = await make_user(svc, "ana")
    _, bea_key = await make_user(svc, "bea")
    _, cara_key = await make_user(svc, "cara")
    video_id = await posted(client, svc, ana, ana_key)
    top = (await client.post(f"/api/posts/{video_id}/comments", headers=auth(bea_key), json={"body": "first!"})).json()
    reply = (await client.post(f"/api/posts/{video_id}/comments", headers=auth(cara_key),
                               json={"body": "hi bea", "parent_id": top["id"]})).json()
    deeper = await client.post(f"/api/posts/{video_id}/comments", headers=auth(ana_key),
                               json={"body": "hi both", "parent_id": reply["id"]})
    assert deeper.status_code == 200
    assert reply["parent_id"] == top["id"] and deeper.json()["parent_id"] == top["id"]  # never deeper than one

    threads = (await client.get(f"/api/posts/{video_id}/comments", headers=auth(bea_key))).json()["data"]
    assert len(threads) == 1 and threads[0]["reply_count"] == 2
    assert [r["body"] for r in threads[0]["replies"]] == ["hi bea", "hi both"]
    assert (await client.get(f"/api/posts/{video_id}", headers=auth(bea_key))).json()["comment_count"] == 3

    ana_notes = [(n["kind"], n["actor"]["handle"]) for n in
                 (await client.get("/api/notifications", headers=auth(ana_key))).json()["data"]]
    assert sorted(ana_notes) == [("comment", "bea"), ("comment", "cara")]
    bea_notes = [(n["kind"], n["actor"]["handle"]) for n in
                 (await client.get("/api/notifications", headers=auth(bea_key))).json()["data"]]
    assert bea_notes == [("reply", "cara")]
    cara_notes = [(n["kind"], n["actor"]["handle"]) for n in
                  (await client.get("/api/notifications", headers=auth(cara_key))).json()["data"]]
    assert cara_notes == [("reply", "ana")]  # the person replied to hears of it, even inside a thread

    wrong_parent = await client.post(f"/api/posts/{video_id}/comments", headers=auth(bea_key),
                                     json={"body": "x", "parent_id": "cmt_" + "0" * 32})
    assert wrong_parent.status_code == 404


async def test_who_may_delete_a_comment(client):
    svc = client.app.state.services
    ana, ana_key = await make_user(svc, "ana")
    _, bea_key = await make_user(svc, "bea")
    _, cara_key = await make_user(svc, "cara")
    video_id = await posted(client, svc, ana, ana_key)
    bea_says = (await client.post(f"/api/posts/{video_id}/comments", headers=auth(bea_key), json={"body": "b"})).json()
    cara_says = (await client.post(f"/api/posts/{video_id}/comments", headers=auth(cara_key),
                                   json={"body": "c", "parent_id": bea_says["id"]})).json()

    refused = await client.delete(f"/api/comments/{bea_says['id']}", headers=auth(cara_key))
    assert refused.status_code == 403
    assert await _count(svc, Comment) == 2
    own = await client.delete(f"/api/comments/{cara_says['id']}", headers=auth(cara_key))
    assert own.status_code == 200 and own.json()["removed"] == 1
    again = (await client.post(f"/api/posts/{video_id}/comments", headers=auth(cara_key),
                               json={"body": "c2", "parent_id": bea_says["id"]})).json()
    # the video's creator may delete any comment on it; a top-level comment takes its replies along
    by_creator = await client.delete(f"/api/comments/{bea_says['id']}", headers=auth(ana_key))
    assert by_creator.status_code == 200 and by_creator.json()["removed"] == 2
    assert await _count(svc, Comment) == 0
    assert (await client.get(f"/api/posts/{video_id}", headers=auth(ana_key))).json()["comment_count"] == 0
    assert await _count(svc, Notification, Notification.comment_id.in_([bea_says["id"], again["id"]])) == 0


async def test_oversized_and_empty_comments_are_refused_and_change_nothing(client):
    svc = client.app.state.services
    ana, ana_key = await make_user(svc, "ana")
    _, bea_key = await make_user(svc, "bea")
    video_id = await posted(client, svc, ana, ana_key)
    limit = svc.settings.max_comment_chars
    for body, code in [("x" * (limit + 1), "comment_too_long"), ("   ", "empty_comment"),
                       ("y" * 100_000, "invalid_value")]:
        response = await client.post(f"/api/posts/{video_id}/comments", headers=auth(bea_key), json={"body": body})
        assert response.status_code == 400, response.text
        assert response.json()["error"]["code"] == code
    assert await _count(svc, Comment) == 0
    assert await _count(svc, Notification) == 0
    ok = await client.post(f"/api/posts/{video_id}/comments", headers=auth(bea_key), json={"body": "z" * limit})
    assert ok.status_code == 200


async def test_comment_and_like_rate_limits_hold(client):
    svc = client.app.state.services
    svc.settings.comments_per_minute = 3
    svc.settings.likes_per_minute = 4
    ana, ana_key = await make_user(svc, "ana")
    _, bea_key = await make_user(svc, "bea")
    video_id = await posted(client, svc, ana, ana_key)
    for i in range(3):
        assert (await client.post(f"/api/posts/{video_id}/comments", headers=auth(bea_key),
                                  json={"body": f"c{i}"})).status_code == 200
    limited = await client.post(f"/api/posts/{video_id}/comments", headers=auth(bea_key), json={"body": "one more"})
    assert limited.status_code == 429 and int(limited.headers["retry-after"]) >= 1
    assert limited.json()["error"]["type"] == "rate_limit_error"
    assert await _count(svc, Comment) == 3
    # someone else is not limited by bea's spree
    assert (await client.post(f"/api/posts/{video_id}/comments", headers=auth(ana_key),
                              json={"body": "mine"})).status_code == 200

    statuses = []
    for i in range(6):  # like / unlike toggling counts too
        method = client.post if i % 2 == 0 else client.delete
        statuses.append((await method(f"/api/posts/{video_id}/like", headers=auth(bea_key))).status_code)
    assert statuses == [200, 200, 200, 200, 429, 429]
    assert await _count(svc, Like) == 0


async def test_follow_unfollow_counts_lists_and_notification(client):
    svc = client.app.state.services
    await make_user(svc, "ana")
    _, bea_key = await make_user(svc, "bea")
    _, cara_key = await make_user(svc, "cara")
    for key in (bea_key, cara_key):
        followed = await client.post("/api/users/ana/follow", headers=auth(key))
        assert followed.status_code == 200 and followed.json()["following"] is True
    profile = (await client.get("/api/users/ana", headers=auth(bea_key))).json()
    assert (profile["follower_count"], profile["following_count"], profile["following"]) == (2, 0, True)
    followers = (await client.get("/api/users/ana/followers", headers=auth(bea_key))).json()["data"]
    assert [u["handle"] for u in followers] == ["cara", "bea"]  # most recent first
    first = (await client.get("/api/users/ana/followers?limit=1", headers=auth(bea_key))).json()
    second = (await client.get(f"/api/users/ana/followers?limit=1&cursor={first['next_cursor']}",
                               headers=auth(bea_key))).json()
    assert [u["handle"] for u in first["data"] + second["data"]] == ["cara", "bea"] and second["next_cursor"] is None
    assert [u["handle"] for u in (await client.get("/api/users/bea/following", headers=auth(cara_key))).json()["data"]] \
        == ["ana"]
    assert (await client.post("/api/users/bea/follow", headers=auth(bea_key))).status_code == 400  # yourself
    unfollowed = await client.delete("/api/users/ana/follow", headers=auth(bea_key))
    assert unfollowed.json()["follower_count"] == 1 and unfollowed.json()["following"] is False
    await client.post("/api/users/ana/follow", headers=auth(bea_key))  # follow again: no second notice
    async with svc.sessions() as session:
        kinds = list(await session.scalars(select(Notification.kind)))
    assert sorted(kinds) == ["follow", "follow"]
    bad = await client.get("/api/users/ana/followers?cursor=not-a-cursor", headers=auth(bea_key))
    assert bad.status_code == 400 and bad.json()["error"]["param"] == "cursor"


async def test_a_block_hides_both_ways_and_stops_comments_remixes_follows(client):
    svc = client.app.state.services
    ana, ana_key = await make_user(svc, "ana")
    bea, bea_key = await make_user(svc, "bea")
    _, cara_key = await make_user(svc, "cara")
    video_id = await posted(client, svc, ana, ana_key, caption="ana's")
    bea_video = await posted(client, svc, bea, bea_key, caption="bea's")
    await client.post("/api/users/ana/follow", headers=auth(bea_key))
    await client.post(f"/api/posts/{video_id}/comments", headers=auth(bea_key), json={"body": "before the block"})

    assert (await client.post("/api/users/bea/block", headers=auth(ana_key))).json() == {"handle": "bea",
                                                                                         "blocked": True}
    # Bea can no longer see Ana, her videos or her media, nor reach them
    for method, path, body in [("GET", "/api/users/ana", None), ("GET", "/api/users/ana/posts", None),
                               ("GET", f"/api/posts/{video_id}", None), ("GET", f"/api/posts/{video_id}/media", None),
                               ("POST", f"/api/posts/{video_id}/comments", {"body": "hey"}),
                               ("POST", f"/api/posts/{video_id}/like", None),
                               ("POST", f"/api/posts/{video_id}/remix", {"prompt": "mine"}),
                               ("POST", "/api/users/ana/follow", None)]:
        response = await client.request(method, path, headers=auth(bea_key), json=body)
        assert response.status_code == 404, (method, path, response.text)
    # ...and Ana does not see Bea's video or comments either; the follow between them is gone
    assert (await client.get(f"/api/posts/{bea_video}", headers=auth(ana_key))).status_code == 404
    assert await _count(svc, Follow) == 0
    threads = (await client.get(f"/api/posts/{video_id}/comments", headers=auth(cara_key))).json()["data"]
    assert threads == []  # the creator blocked her: her old comments are hidden from everyone
    assert (await client.post("/api/users/bea/follow", headers=auth(ana_key))).status_code == 409
    blocked = (await client.get("/api/blocks", headers=auth(ana_key))).json()["data"]
    assert [u["handle"] for u in blocked] == ["bea"]
    assert (await client.get("/api/notifications", headers=auth(ana_key))).json()["data"] == []

    await client.delete("/api/users/bea/block", headers=auth(ana_key))
    assert (await client.get(f"/api/posts/{video_id}", headers=auth(bea_key))).status_code == 200


async def test_blocked_user_cannot_remix_even_an_old_link(client):
    """The cameo check in cielo.cameos uses the same rule: blocked_between()."""
    from cielo.people.blocks import blocked_between

    svc = client.app.state.services
    ana, ana_key = await make_user(svc, "ana")
    bea, bea_key = await make_user(svc, "bea")
    video_id = await posted(client, svc, ana, ana_key)
    ok = await client.post(f"/api/posts/{video_id}/remix", headers=auth(bea_key), json={"prompt": "before"})
    assert ok.status_code == 200
    await complete_queued(svc)
    await client.post("/api/users/bea/block", headers=auth(ana_key))
    refused = await client.post(f"/api/posts/{video_id}/remix", headers=auth(bea_key), json={"prompt": "after"})
    assert refused.status_code == 404
    async with svc.sessions() as session:
        assert await blocked_between(session, ana.id, bea.id) and await blocked_between(session, bea.id, ana.id)


async def test_notifications_paginate_and_mark_read(client):
    svc = client.app.state.services
    ana, ana_key = await make_user(svc, "ana")
    video_id = await posted(client, svc, ana, ana_key)
    keys = []
    for handle in ("bea", "cara", "dan"):
        _, key = await make_user(svc, handle)
        keys.append(key)
        await client.post(f"/api/posts/{video_id}/like", headers=auth(key))
    first = (await client.get("/api/notifications?limit=2", headers=auth(ana_key))).json()
    assert [n["actor"]["handle"] for n in first["data"]] == ["dan", "cara"] and first["unread_count"] == 3
    rest = (await client.get(f"/api/notifications?limit=2&cursor={first['next_cursor']}", headers=auth(ana_key))).json()
    assert [n["actor"]["handle"] for n in rest["data"]] == ["bea"] and rest["next_cursor"] is None
    one = await client.post("/api/notifications/read", headers=auth(ana_key), json={"ids": [first["data"][0]["id"]]})
    assert one.json() == {"marked": 1, "unread_count": 2}
    bad = await client.post("/api/notifications/read", headers=auth(ana_key), json={"ids": ["../etc"]})
    assert bad.status_code == 400
    assert (await client.post("/api/notifications/read", headers=auth(ana_key), json={})).json()["unread_count"] == 0
