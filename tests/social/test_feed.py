"""The feeds: what "For you" may and may not show, how it ranks, steering, what counts as seen (only what was
watched), a feed that never runs dry however often it is reloaded, keeping the place, cursors that hold still
while videos arrive, and teens' daily cap."""

from __future__ import annotations

import time

from sqlalchemy import update

from cielo.db.models import FeedSeen, Post, User
from cielo.safety.moderation_queue import take_down_video
from cielo.social import posts as social_posts
from tests.conftest import auth, make_user
from tests.social.helpers import finished_video

HOUR = 3600.0


async def _post(svc, user, caption: str, *, age_hours: float = 0.0, likes: int = 0, prompt: str | None = None) -> str:
    """A published post, optionally back-dated and with a like count, without going through HTTP."""
    # The prompt passes real moderation; captions are free text.
    video_id = await finished_video(svc, user, prompt or "A lighthouse on a cliff at dawn, waves below")
    async with svc.sessions() as session, session.begin():
        await social_posts.publish(session, svc.settings, user, video_id, caption=caption, show_prompt=True)
        post = await session.get(Post, video_id)
        post.published_at = post.first_published_at = time.time() - age_hours * HOUR
        post.like_count = likes
        social_posts.rescore(post)
    return video_id


async def _page(client, key, tab="for_you", cursor=None, limit=None) -> dict:
    params = {"tab": tab}
    if cursor:
        params["cursor"] = cursor
    if limit:
        params["limit"] = limit
    response = await client.get("/api/feed", headers=auth(key), params=params)
    assert response.status_code == 200, response.text
    return response.json()


async def _drain(client, key, tab="for_you", limit=3) -> list[str]:
    seen, cursor = [], None
    while True:
        page = await _page(client, key, tab, cursor, limit)
        seen += [p["id"] for p in page["data"]]
        cursor = page["next_cursor"]
        if not cursor:
            return seen


async def _watch(client, key, video_ids) -> None:
    response = await client.post("/api/feed/impressions", headers=auth(key),
                                 json={"video_ids": list(video_ids)})
    assert response.status_code == 200, response.text


async def test_for_you_never_repeats_and_never_shows_what_it_must_not(client):
    svc = client.app.state.services
    ana, ana_key = await make_user(svc, "ana")
    bea, _ = await make_user(svc, "bea")
    cara, cara_key = await make_user(svc, "cara")
    dan, _ = await make_user(svc, "dan")
    visible = [await _post(svc, ana, f"ana {i}") for i in range(4)] + [await _post(svc, bea, "bea 1")]
    mine = await _post(svc, cara, "cara's own")
    unpublished = await _post(svc, ana, "gone back to drafts")
    await client.post(f"/api/videos/{unpublished}/unpublish", headers=auth(ana_key))
    taken_down = await _post(svc, bea, "against the rules")
    async with svc.sessions() as session, session.begin():
        admin = await session.get(User, ana.id)
        admin.is_admin = True
        await take_down_video(session, admin, taken_down, reason="test")  # the moderators' own path
    blocked_creator = await _post(svc, dan, "dan blocked cara")
    async with svc.sessions() as session, session.begin():
        from cielo.people.blocks import block

        await block(session, dan, "cara")
    await finished_video(svc, ana, "a draft")  # never published

    served = await _drain(client, cara_key, limit=2)
    assert sorted(served) == sorted(visible)
    assert len(served) == len(set(served))  # one session never repeats a video
    assert mine not in served and unpublished not in served and taken_down not in served
    assert blocked_creator not in served
    # Served is not seen: nothing was watched, so a new session (a reload) offers all of them again.
    again = await _page(client, cara_key, limit=10)
    assert sorted(p["id"] for p in again["data"]) == sorted(visible) and again["caught_up_at"] is None
    assert (await client.get(f"/api/posts/{taken_down}", headers=auth(cara_key))).status_code == 404


async def test_for_you_ranks_by_recency_engagement_follows_and_mutuals(client):
    svc = client.app.state.services
    viewer, viewer_key = await make_user(svc, "viewer")
    users = {h: (await make_user(svc, h))[0] for h in ("fresh", "stale", "popular", "friend", "mutual")}
    fresh = await _post(svc, users["fresh"], "fresh", age_hours=1)
    stale = await _post(svc, users["stale"], "stale", age_hours=24 * 10)
    popular = await _post(svc, users["popular"], "popular", age_hours=30, likes=500)
    friend = await _post(svc, users["friend"], "friend", age_hours=30)
    mutual = await _post(svc, users["mutual"], "mutual", age_hours=30)
    await client.post("/api/users/friend/follow", headers=auth(viewer_key))
    await client.post("/api/users/mutual/follow", headers=auth(viewer_key))
    async with svc.sessions() as session, session.begin():
        from cielo.db.models import Follow
        from cielo.db.queries import insert_ignore

        await insert_ignore(session, Follow, [{"follower_id": users["mutual"].id, "followee_id": viewer.id}])
    order = [p["id"] for p in (await _page(client, viewer_key, limit=5))["data"]]
    assert order.index(mutual) < order.index(friend)  # a mutual follow counts more than a one-way one
    assert order.index(friend) < order.index(stale)
    assert order.index(popular) < order.index(stale)  # engagement lifts an older video
    assert order.index(fresh) < order.index(stale)  # recency
    assert order[-1] == stale


async def test_one_creator_cannot_fill_a_page(client):
    svc = client.app.state.services
    _, viewer_key = await make_user(svc, "viewer")
    prolific, _ = await make_user(svc, "prolific")
    quiet, _ = await make_user(svc, "quiet")
    other, _ = await make_user(svc, "other")
    for i in range(5):
        await _post(svc, prolific, f"prolific {i}", likes=50)
    await _post(svc, quiet, "quiet one", age_hours=5)
    await _post(svc, other, "other one", age_hours=5)
    page = (await _page(client, viewer_key, limit=3))["data"]
    assert sorted(p["creator"]["handle"] for p in page) == ["other", "prolific", "quiet"]


async def test_steering_in_words_changes_the_ranking(client):
    svc = client.app.state.services
    _, key = await make_user(svc, "viewer")
    maker, _ = await make_user(svc, "maker")
    animals = [await _post(svc, maker, c, prompt=c) for c in ("A cat chasing a mouse in the kitchen",
                                                               "Puppies playing in the snow")]
    sports = [await _post(svc, maker, c, prompt=c) for c in ("Football match, last-minute goal",
                                                              "Basketball game, slam dunk")]
    neutral = await _post(svc, maker, "A quiet street with parked cars", prompt="A quiet street with parked cars")
    steer = await client.put("/api/feed/steering", headers=auth(key), json={"instruction": "more animals, less sports"})
    assert steer.status_code == 200 and steer.json() == {"instruction": "more animals, less sports",
                                                        "more": ["animals"], "less": ["sports"]}
    order = [p["id"] for p in (await _page(client, key, limit=5))["data"]]
    assert set(order[:2]) == set(animals) and set(order[-2:]) == set(sports) and order[2] == neutral

    _, other_key = await make_user(svc, "other")
    await client.put("/api/feed/steering", headers=auth(other_key), json={"instruction": "más fútbol y menos animales"})
    order = [p["id"] for p in (await _page(client, other_key, limit=5))["data"]]
    assert order[0] == sports[0] and set(order[-2:]) == set(animals)  # the words flip the same videos

    assert (await client.put("/api/feed/steering", headers=auth(key), json={"instruction": "  "})).status_code == 400
    assert (await client.get("/api/feed/steering", headers=auth(key))).json()["instruction"] == \
        "more animals, less sports"  # a refused instruction changes nothing
    await client.delete("/api/feed/steering", headers=auth(key))
    assert (await client.get("/api/feed/steering", headers=auth(key))).json()["instruction"] is None


async def test_cursors_hold_still_while_new_videos_arrive(client):
    svc = client.app.state.services
    _, key = await make_user(svc, "viewer")  # scrolls "Following"
    _, other_key = await make_user(svc, "other")  # scrolls "For you" (anything served in one feed is "seen")
    maker, _ = await make_user(svc, "maker")
    await client.post("/api/users/maker/follow", headers=auth(key))
    old = [await _post(svc, maker, f"old {i}", age_hours=10 - i) for i in range(5)]

    following = await _page(client, key, "following", limit=2)
    for_you = await _page(client, other_key, "for_you", limit=2)
    newer = [await _post(svc, maker, f"new {i}") for i in range(3)]  # arrive mid-scroll

    async def rest(page: dict, user_key: str, tab: str) -> list[str]:
        served, cursor = [p["id"] for p in page["data"]], page["next_cursor"]
        while cursor:
            page = await _page(client, user_key, tab, cursor, 2)
            served += [p["id"] for p in page["data"]]
            cursor = page["next_cursor"]
        return served

    assert await rest(following, key, "following") == list(reversed(old))  # chronological, no gap, no repeat
    served = await rest(for_you, other_key, "for_you")
    assert sorted(served) == sorted(old) and len(served) == 5  # the session's snapshot: no newcomers mid-way
    await _watch(client, other_key, served)
    refreshed = (await _page(client, other_key, limit=10))["data"]  # the new ones, then the watched ones
    assert sorted(p["id"] for p in refreshed[:3]) == sorted(newer) and len(refreshed) == 8
    assert [p["id"] for p in (await _page(client, key, "following", limit=3))["data"]] == list(reversed(newer))

    assert (await client.get("/api/feed", headers=auth(key), params={"cursor": "garbage!"})).status_code == 400
    assert (await client.get("/api/feed", headers=auth(key), params={"tab": "everything"})).status_code == 400


async def test_teens_get_a_daily_cap_and_no_autoplay_after_it(client):
    svc = client.app.state.services
    svc.settings.teen_daily_feed_videos = 3
    teen, teen_key = await make_user(svc, "teen")
    async with svc.sessions() as session, session.begin():
        await session.execute(update(User).where(User.id == teen.id).values(is_teen=True))
    _, adult_key = await make_user(svc, "adult")
    maker, _ = await make_user(svc, "maker")
    for i in range(6):
        await _post(svc, maker, f"video {i}")

    first = await _page(client, teen_key, limit=2)
    assert len(first["data"]) == 2 and first["remaining_today"] == 1 and first["autoplay"] is True
    second = await _page(client, teen_key, cursor=first["next_cursor"], limit=2)
    assert len(second["data"]) == 1 and second["limit_reached"] is True and second["next_cursor"] is None
    after = await _page(client, teen_key, "following")
    assert after["data"] == [] and after["limit_reached"] is True and after["autoplay"] is False

    adult = await _page(client, adult_key, limit=6)
    assert len(adult["data"]) == 6 and adult["remaining_today"] is None and adult["autoplay"] is True


async def test_only_watched_videos_count_as_seen_and_for_you_never_runs_dry(client):
    """A person reloads "For you" again and again, watching the first video each time: the feed is never
    empty, unwatched videos always come before watched ones, "caught up" shows once everything was watched,
    and after it the watched videos keep coming, the one watched last not first."""
    svc = client.app.state.services
    _, key = await make_user(svc, "viewer")
    makers = [(await make_user(svc, f"maker{i}"))[0] for i in range(3)]
    videos = [await _post(svc, makers[i % 3], f"video {i}", age_hours=i) for i in range(6)]
    watched: list[str] = []
    for reload in range(12):
        page = await _page(client, key, limit=3)
        shown = [p["id"] for p in page["data"]]
        assert shown, f"reload {reload}: an empty feed while videos exist"
        assert len(shown) == len(set(shown))
        unwatched_left = [v for v in videos if v not in watched]
        if unwatched_left:
            # the unwatched ones lead; a watched one appears only after every unwatched one
            first_watched = next((i for i, v in enumerate(shown) if v in watched), len(shown))
            assert all(v not in watched for v in shown[:first_watched])
            assert set(shown[:first_watched]) <= set(unwatched_left)
            if first_watched < len(shown):
                assert page["caught_up_at"] == first_watched and len(unwatched_left) == first_watched
            else:
                assert page["caught_up_at"] is None
        else:
            assert page["caught_up_at"] == 0  # all watched: "caught up" first, then the watched ones
            assert shown[0] != watched[-1]  # the one watched last is not shown first again
        await _watch(client, key, shown[:1])
        async with svc.sessions() as session, session.begin():  # each reload half a day after the last
            await session.execute(update(FeedSeen).where(FeedSeen.video_id == shown[0])
                                  .values(seen_at=time.time() - (12 - reload) * 12 * HOUR))
        watched = [v for v in watched if v != shown[0]] + [shown[0]]
    assert set(watched) == set(videos)

    # Within one session the rewatch pages go on without repeating, to the last video.
    served, cursor = [], None
    while True:
        page = await _page(client, key, cursor=cursor, limit=4)
        served += [p["id"] for p in page["data"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert sorted(served) == sorted(videos)

    # Impressions of nothing, of someone else's junk, or of too many are handled.
    assert (await client.post("/api/feed/impressions", headers=auth(key), json={"video_ids": []})).json() == \
        {"recorded": 0}
    bad = await client.post("/api/feed/impressions", headers=auth(key),
                            json={"video_ids": ["video_" + "0" * 32, "not an id"]})
    assert bad.status_code == 200 and bad.json() == {"recorded": 0}
    assert (await client.post("/api/feed/impressions", headers=auth(key),
                              json={"video_ids": [videos[0]] * 51})).status_code == 400


async def test_a_page_can_start_at_the_video_being_watched(client):
    """Reload, Back or a change of steering keep the place: the first page starts with that video."""
    svc = client.app.state.services
    _, key = await make_user(svc, "viewer")
    maker, _ = await make_user(svc, "maker")
    await client.post("/api/users/maker/follow", headers=auth(key))
    videos = [await _post(svc, maker, f"video {i}", age_hours=i) for i in range(5)]
    first = await _page(client, key, limit=2)
    middle = first["data"][1]["id"]
    await _watch(client, key, [middle])
    again = (await client.get("/api/feed", headers=auth(key), params={"start_at": middle, "limit": 3})).json()
    assert again["data"][0]["id"] == middle and len({p["id"] for p in again["data"]}) == 3
    # Following starts there too, then goes on chronologically.
    following = (await client.get("/api/feed", headers=auth(key),
                                  params={"tab": "following", "start_at": videos[2], "limit": 5})).json()
    assert [p["id"] for p in following["data"]] == videos[2:]
    # A video the viewer may not see is ignored, not shown.
    hidden = await _post(svc, (await make_user(svc, "blocker"))[0], "hidden")
    async with svc.sessions() as session, session.begin():
        from cielo.people.blocks import block

        await block(session, await session.get(User, (await client.get(
            "/api/users/blocker", headers=auth(key))).json()["id"]), "viewer")
    start = (await client.get("/api/feed", headers=auth(key), params={"start_at": hidden})).json()
    assert hidden not in [p["id"] for p in start["data"]]
