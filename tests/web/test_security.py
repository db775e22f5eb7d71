"""Pages render user text inert, cookie-authenticated writes need the CSRF token, and the login page
redirects only within the site."""

from __future__ import annotations

import io

from PIL import Image
from sqlalchemy import func, select

from cielo.db.models import Comment, Follow, Like, Post, User
from tests.conftest import auth, make_user
from tests.social.helpers import cookie_client, posted

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>"\'&'
ESCAPED = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&#34;&#39;&amp;"


async def test_captions_comments_and_bios_render_as_text(client):
    svc = client.app.state.services
    ana, ana_key = await make_user(svc, "ana")
    _, bea_key = await make_user(svc, "bea")
    video_id = await posted(client, svc, ana, ana_key, caption=PAYLOAD, prompt=PAYLOAD, show_prompt=True)
    assert (await client.patch("/api/me/profile", headers=auth(ana_key), json={"bio": PAYLOAD})).status_code == 200
    assert (await client.post(f"/api/posts/{video_id}/comments", headers=auth(bea_key),
                              json={"body": PAYLOAD})).status_code == 200
    await client.patch("/api/me/profile", headers=auth(bea_key), json={"display_name": PAYLOAD[:60]})

    bea, _ = await cookie_client(client, "bea")
    ana_browser, _ = await cookie_client(client, "ana")
    try:
        pages = {
            "feed": await bea.get("/feed"),
            "video": await bea.get(f"/v/{video_id}"),
            "profile": await bea.get("/@ana"),
            "comments fragment": await bea.get(f"/fragments/comments/{video_id}"),
            "notifications": await ana_browser.get("/notifications"),
            "followers": await ana_browser.get("/@bea/following"),
        }
        await bea.post("/api/users/ana/follow", headers={"x-csrf-token": (await bea.get("/api/me")).json()["csrf_token"]})
        pages["followers"] = await ana_browser.get("/@ana/followers")
    finally:
        await bea.aclose()
        await ana_browser.aclose()
    for name, response in pages.items():
        assert response.status_code == 200, name
        html = response.text
        assert "<script>alert" not in html and "<img src=x" not in html, name
        assert "onerror=alert(1)>" not in html.replace("&gt;", ""), name
        assert "script-src 'self'" in response.headers["content-security-policy"]
    for name in ("feed", "video", "profile", "comments fragment", "notifications"):
        assert ESCAPED in pages[name].text, name
    # a value inside an attribute cannot break out of it either
    assert 'onerror=alert(1)"' not in pages["video"].text


async def test_cookie_writes_without_the_csrf_token_are_refused_and_change_nothing(client):
    svc = client.app.state.services
    ana, ana_key = await make_user(svc, "ana")
    await make_user(svc, "bea")
    video_id = await posted(client, svc, ana, ana_key)
    browser, token = await cookie_client(client, "bea")
    try:
        attempts = [
            ("POST", f"/api/posts/{video_id}/like", None),
            ("POST", f"/api/posts/{video_id}/comments", {"body": "forged"}),
            ("POST", "/api/users/ana/follow", None),
            ("POST", "/api/users/ana/block", None),
            ("PATCH", "/api/me/profile", {"bio": "forged"}),
            ("POST", f"/api/posts/{video_id}/remix", {"prompt": "forged"}),
            ("PUT", "/api/feed/steering", {"instruction": "more forged"}),
            ("POST", "/api/me/password", {"current_password": "password123", "new_password": "forged-password"}),
        ]
        for wrong in (None, "not-the-token"):
            headers = {"x-csrf-token": wrong} if wrong else {}
            for method, path, body in attempts:
                response = await browser.request(method, path, json=body, headers=headers)
                assert response.status_code == 403, (method, path, response.text)
                assert response.json()["error"]["code"] == "csrf_failed"
        async with svc.sessions() as session:
            for model in (Like, Comment, Follow):
                assert await session.scalar(select(func.count()).select_from(model)) == 0, model
            bea = await session.scalar(select(User).where(User.handle == "bea"))
            assert bea.bio is None
        ok = await browser.post(f"/api/posts/{video_id}/like", headers={"x-csrf-token": token})
        assert ok.status_code == 200
        # reading needs no token
        assert (await browser.get(f"/api/posts/{video_id}")).status_code == 200
    finally:
        await browser.aclose()


async def test_login_redirects_only_inside_the_site(client):
    for target, expected in (("/v/abc", "/v/abc"), ("//evil.example/x", "/feed"), ("https://evil.example", "/feed"),
                             ("/\\evil.example", "/feed")):
        html = (await client.get("/login", params={"next": target})).text
        assert f'data-next="{expected}"' in html, target


async def test_avatars_are_re_encoded_and_non_images_refused(client):
    svc = client.app.state.services
    _, ana_key = await make_user(svc, "ana")
    _, bea_key = await make_user(svc, "bea")
    refused = await client.put("/api/me/avatar", headers=auth(ana_key),
                               files={"avatar": ("a.png", b"<svg onload=alert(1)>", "image/png")})
    assert refused.status_code == 400
    picture = io.BytesIO()
    Image.new("RGB", (640, 480), (10, 200, 90)).save(picture, format="JPEG")
    saved = await client.put("/api/me/avatar", headers=auth(ana_key),
                             files={"avatar": ("me.jpg", picture.getvalue(), "image/jpeg")})
    assert saved.status_code == 200, saved.text
    served = await client.get(saved.json()["avatar_url"], headers=auth(bea_key))
    assert served.status_code == 200 and served.headers["content-type"] == "image/webp"
    with Image.open(io.BytesIO(served.content)) as image:
        assert image.size == (256, 256)
    await client.post("/api/users/bea/block", headers=auth(ana_key))
    assert (await client.get(saved.json()["avatar_url"], headers=auth(bea_key))).status_code == 404


async def test_password_change_needs_the_current_password(client):
    svc = client.app.state.services
    await make_user(svc, "ana")
    browser, token = await cookie_client(client, "ana")
    other, _ = await cookie_client(client, "ana")  # a second session of the same user
    try:
        wrong = await browser.post("/api/me/password", headers={"x-csrf-token": token},
                                   json={"current_password": "nope-nope", "new_password": "a new password"})
        assert wrong.status_code == 400 and wrong.json()["error"]["code"] == "wrong_password"
        changed = await browser.post("/api/me/password", headers={"x-csrf-token": token},
                                     json={"current_password": "password123", "new_password": "a new password"})
        assert changed.status_code == 200
        assert (await browser.get("/api/me")).status_code == 200  # this session stays
        assert (await other.get("/api/me")).status_code == 401  # the others are signed out
        login = await client.post("/api/auth/login", json={"handle": "ana", "password": "a new password"})
        assert login.status_code == 200
    finally:
        await browser.aclose()
        await other.aclose()
    async with svc.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Post)) == 0
