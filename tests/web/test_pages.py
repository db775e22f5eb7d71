"""Every page renders for a signed-in user; signed-out visitors are sent to sign in."""

from __future__ import annotations

from tests.conftest import auth, make_user
from tests.social.helpers import cookie_client, finished_video, posted


async def test_signed_out_pages_redirect_to_login_and_keep_the_target(client):
    for path in ("/", "/feed", "/drafts", "/notifications", "/settings", "/invites", "/@someone"):
        response = await client.get(path, follow_redirects=False)
        assert response.status_code == 303, path
        assert response.headers["location"].startswith("/login?next=")
    assert (await client.get("/login")).status_code == 200
    assert (await client.get("/signup?invite=ABC")).status_code == 200


async def test_every_page_renders_for_a_signed_in_user(client):
    svc = client.app.state.services
    ana, ana_key = await make_user(svc, "ana")
    bea, bea_key = await make_user(svc, "bea")
    video_id = await posted(client, svc, ana, ana_key, caption="Sunset run", prompt="A fox runs at sunset")
    await finished_video(svc, bea, "a draft of bea")
    await client.post("/api/users/ana/follow", headers=auth(bea_key))
    await client.post(f"/api/posts/{video_id}/comments", headers=auth(bea_key), json={"body": "love it"})
    browser, _ = await cookie_client(client, "bea")
    try:
        for path in ("/", "/drafts", "/feed", "/feed?tab=following", f"/v/{video_id}", "/@ana", "/@bea",
                     "/@ana/followers", "/@bea/following", "/notifications", "/invites", "/settings"):
            response = await browser.get(path)
            assert response.status_code == 200, (path, response.text[:2000])
            assert "text/html" in response.headers["content-type"]
            assert "script-src 'self'" in response.headers["content-security-policy"]
        missing = await browser.get("/v/video_00000000000000000000000000000000")
        assert missing.status_code == 404 and "text/html" in missing.headers["content-type"]
        assert (await browser.get("/@nobody_here")).status_code == 404
    finally:
        await browser.aclose()


async def test_the_social_api_is_in_the_openapi_document(client):
    paths = (await client.get("/openapi.json")).json()["paths"]
    for path, method in [("/api/feed", "get"), ("/api/feed/steering", "put"), ("/api/drafts", "get"),
                         ("/api/videos/{video_id}/publish", "post"), ("/api/videos/{video_id}/unpublish", "post"),
                         ("/api/posts/{video_id}", "get"), ("/api/posts/{video_id}/like", "post"),
                         ("/api/posts/{video_id}/like", "delete"), ("/api/posts/{video_id}/comments", "post"),
                         ("/api/comments/{comment_id}", "delete"), ("/api/posts/{video_id}/remix", "post"),
                         ("/api/posts/{video_id}/download", "get"), ("/api/users/{handle}", "get"),
                         ("/api/users/{handle}/follow", "post"), ("/api/users/{handle}/block", "post"),
                         ("/api/users/{handle}/followers", "get"), ("/api/notifications", "get"),
                         ("/api/notifications/read", "post"), ("/api/me/profile", "patch"),
                         ("/api/me/avatar", "put"), ("/api/me/password", "post")]:
        assert method in paths.get(path, {}), (method, path)
    assert not any(p.startswith(("/feed", "/fragments", "/@")) for p in paths)  # pages stay out of it


async def test_report_buttons_name_what_they_report_and_the_dialog_offers_every_reason(client):
    from cielo.safety.moderation_queue import REASONS
    from cielo.web.i18n import REPORT_REASONS

    assert tuple(REPORT_REASONS) == REASONS
    svc = client.app.state.services
    ana, ana_key = await make_user(svc, "ana")
    bea, bea_key = await make_user(svc, "bea")
    video_id = await posted(client, svc, ana, ana_key, caption="Sunset run", prompt="A fox runs at sunset")
    mine = (await client.post(f"/api/posts/{video_id}/comments", headers=auth(ana_key), json={"body": "mine"})).json()
    theirs = (await client.post(f"/api/posts/{video_id}/comments", headers=auth(bea_key), json={"body": "hi"})).json()
    browser, _ = await cookie_client(client, "bea")
    try:
        page = (await browser.get(f"/v/{video_id}")).text
        assert f'data-report-type="video" data-report-id="{video_id}"' in page
        assert f'data-report-type="comment" data-report-id="{mine["id"]}"' in page
        assert f'data-report-id="{theirs["id"]}"' not in page  # not her own comment
        assert all(f'<option value="{reason}">' in page for reason in REASONS)
        profile = (await browser.get("/@ana")).text
        assert f'data-report-type="user" data-report-id="{ana.id}"' in profile
        assert 'data-report-type="user"' not in (await browser.get("/@bea")).text  # not herself
    finally:
        await browser.aclose()
    owner, _ = await cookie_client(client, "ana")
    try:
        assert 'data-report-type="video"' not in (await owner.get(f"/v/{video_id}")).text
    finally:
        await owner.aclose()
