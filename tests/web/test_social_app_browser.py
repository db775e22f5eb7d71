"""The social app as people use it, in Chromium against a real `cielo serve` with a real worker: the feed on a
phone (impressions, keeping the place on reload, double-tap like, Space, the sheets over the playing video,
captions, only the videos near the view fetched), the empty Following tab's suggestions, search, the language
picker, a share link opened without an account (Open Graph tags, oEmbed, the embed player; drafts and a video
whose cameo was withdrawn stay hidden), the composer on a desktop in Spanish (size names, the model menu,
the cameo picker and @-autocomplete, one live event stream that updates the draft and the inbox badge, the
"ready" notification), edit and extend buttons and the model on the video page, reduced motion, download my
data, and deleting an account. axe-core checks every page, phone and desktop, English and Spanish: no serious
or critical violation of WCAG 2.2 AA, one h1 per page. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import time
import zipfile
from importlib.resources import files

import pytest
from playwright.async_api import Page, async_playwright, expect
from sqlalchemy import select, update

from cielo.db.models import Cameo, FeedSeen, Follow, User, Video
from cielo.generation.plan import make_plan
from cielo.social import posts as social_posts
from cielo.db.queries import insert_ignore
from tests.conftest import make_user
from tests.live import free_port, start_server, stop_group
from tests.social.helpers import finished_video
from tests.web.test_browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, DESKTOP, PHONE, RENDER_TIMEOUT

pytestmark = pytest.mark.slow

AXE = (files("axe_playwright_python") / "axe.min.js").read_text()
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

@pytest.fixture
def database_url(tmp_path):
    """The default install's SQLite only: a browser sees the same pages on either database, and the page and
    API tests beneath these run on both (this keeps the suite within its time)."""
    return f"sqlite+aiosqlite:///{tmp_path / 'cielo.db'}"


async def _axe(page: Page, where: str) -> None:
    """No serious or critical axe-core violation of WCAG 2.2 AA, and exactly one h1."""
    if not await page.evaluate("() => !!window.axe"):
        await page.add_script_tag(content=AXE)
    result = await page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
                                 AXE_TAGS)
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
           if v["impact"] in ("serious", "critical")]
    assert bad == [], f"{where}: {bad}"
    assert await page.locator("h1").count() == 1, f"{where}: one h1 per page"


async def _shot(page: Page, name: str, database: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / f"{database}-app-{name}.png"))


async def _sign_in(page: Page, base: str, handle: str) -> None:
    await page.goto(f"{base}/login")
    await page.fill("input[name=handle]", handle)
    await page.fill("input[name=password]", "password123")
    await page.click("#login-form button[type=submit]")
    await page.wait_for_url(f"{base}/feed")


async def _publish(svc, user, prompt: str, caption: str) -> str:
    video_id = await finished_video(svc, user, prompt)
    async with svc.sessions() as session, session.begin():
        await social_posts.publish(session, svc.settings, user, video_id, caption=caption, show_prompt=True)
    return video_id


async def _seed(svc, ana) -> list[str]:
    """Five published videos of Ana; the first has dialogue in its plan (captions) and a Spanish caption."""
    ids = []
    for caption, prompt in [("Zorros corriendo en la playa", "Dos zorros corren por la playa"),
                                           ("Rain over the city", "Rain over a city at night"),
                                           ("Cat in the kitchen", "A cat chasing a mouse in the kitchen"),
                                           ("Snowy forest", "A quiet snowy forest at dawn"),
                            ("Street band", "A street band playing at sunset")]:
        ids.append(await _publish(svc, ana, prompt, caption))
    plan = make_plan('A fox on a beach. Ana: "What a view!" Bea: "It is beautiful."', seed=3, seconds=4,
                     width=720, height=1280)
    async with svc.sessions() as session, session.begin():
        video = await session.get(Video, ids[0])
        video.details = {"generation": {"mode": "generate", "seconds": 4.0, "plan": plan.summary()}}
    return ids


async def test_the_social_app_in_a_browser(services, tmp_path, database_url):
    database = "sqlite" if database_url.startswith("sqlite") else "postgresql"
    svc = services
    ana, _ = await make_user(svc, "ana")
    bea, _ = await make_user(svc, "bea")
    cara, _ = await make_user(svc, "cara")
    # Everything before the server starts, so its worker takes none of these jobs.
    videos = await _seed(svc, ana)
    async with svc.sessions() as session, session.begin():
        await insert_ignore(session, Follow, [{"follower_id": cara.id, "followee_id": ana.id}])
        rex = Cameo(id="cameo_" + "1" * 32, user_id=cara.id, kind="character", handle="cara.rex",
                    handle_key="cara.rex", name="Rex", permission="everyone", restrictions=[],
                    reference_keys=[])
        session.add(rex)
    # Bea's video with Cara's character Rex (the mention records the use), published.
    rex_video = await _publish(svc, bea, "@cara.rex runs on the beach", "Rex")
    draft = await finished_video(svc, ana, "A secret draft")
    port = free_port()
    server = start_server(svc.settings, port, workers=1, log=tmp_path / "server.log",
                          CIELO_MODERATION_CLASSIFIER="false", CIELO_FRAME_MODERATION="false")
    base = f"http://127.0.0.1:{port}"
    try:

        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            errors: list[str] = []

            # ---------------------------------------------------------------- Bea, on a phone, in English
            phone = await browser.new_context(locale="en-US", bypass_csp=True, **PHONE)
            page = await phone.new_page()
            page.on("pageerror", lambda error: errors.append(str(error)))
            await _sign_in(page, base, "bea")
            first = page.locator(".slide[data-id]").first
            await expect(first).to_be_visible()
            first_id = await first.get_attribute("data-id")
            # Only the videos near the view fetch their media; the others wait (preload="none").
            preloads = await page.eval_on_selector_all(".slide video.player", "vs => vs.map(v => v.preload)")
            assert preloads.count("none") >= len(preloads) - 2 and len(preloads) >= 4
            # Watching it for a second counts it as seen: the page reports an impression.
            await page.wait_for_function(
                "id => performance.getEntriesByType('resource')"
                ".some(e => e.name.endsWith('/api/feed/impressions'))",
                arg=first_id, timeout=20_000)
            async with svc.sessions() as session:
                deadline = time.time() + 20
                while not await session.scalar(select(FeedSeen.video_id).where(FeedSeen.user_id == bea.id)):
                    assert time.time() < deadline, "no impression recorded"
                    await session.rollback()
                    time.sleep(0.2)
            await _axe(page, "phone feed (en)")
            await _shot(page, "phone-feed", database)

            # Double tap likes; Space pauses and plays.
            await first.locator(".stage").dblclick()
            await expect(first.locator("button.like")).to_have_attribute("aria-pressed", "true")
            await page.wait_for_function("() => !document.querySelector('.slide video.player').paused")
            await page.keyboard.press("Space")
            await page.wait_for_function("() => document.querySelector('.slide video.player').paused")
            await expect(page.locator("#play-toggle")).to_have_attribute("aria-pressed", "true")
            await page.keyboard.press("Space")
            await page.wait_for_function("() => !document.querySelector('.slide video.player').paused")

            # Comments in a sheet over the playing video.
            await first.locator("button[data-sheet=comments]").click()
            sheet = page.locator("#sheet")
            await expect(sheet).to_be_visible()
            await sheet.locator("#sheet-comment-body").fill("Lovely!")
            await sheet.locator("#sheet-comment-form button[type=submit]").click()
            await expect(sheet.locator(".comment-body")).to_have_text(["Lovely!"])
            await expect(first.locator(".comment-count")).to_have_text("1")
            assert await page.evaluate("() => !document.querySelector('.slide video.player').paused")
            await _axe(page, "phone comments sheet")
            await _shot(page, "phone-comments-sheet", database)
            await sheet.locator(".close-dialog").click()
            # Share sheet: the link and an embed code.
            await first.locator("button[data-sheet=share]").click()
            await expect(page.locator("#sheet-share-link")).to_have_value(f"{base}/v/{first_id}")
            await sheet.locator(".close-dialog").click()

            # Arrow down moves on; the address keeps the place, and a reload starts there.
            await page.keyboard.press("ArrowDown")
            await page.wait_for_function("id => new URL(location.href).searchParams.get('at') && "
                                         "new URL(location.href).searchParams.get('at') !== id", arg=first_id)
            current = re.search(r"at=(video_\w+)", page.url).group(1)
            await page.reload()
            await expect(page.locator(".slide[data-id]").first).to_have_attribute("data-id", current)

            # Captions: the video with dialogue carries a track in its spoken language, toggled by a button.
            await page.goto(f"{base}/feed?at={videos[0]}")
            captioned = page.locator(f".slide[data-id='{videos[0]}']").first
            await expect(captioned.locator("track[kind=captions][srclang=en]")).to_have_count(1)
            await captioned.locator(".captions-toggle").click()
            await expect(captioned.locator(".captions-toggle")).to_have_attribute("aria-pressed", "true")
            assert await captioned.locator("video").evaluate("v => v.textTracks[0].mode") == "showing"
            vtt = await (await page.request.get(f"{base}/api/posts/{videos[0]}/captions.vtt")).text()
            assert vtt.startswith("WEBVTT") and "<v Ana>What a view!" in vtt

            # The empty Following tab suggests people; following one works from there.
            await page.goto(f"{base}/feed?tab=following")
            suggestion = page.locator(".suggestions .person", has_text="@ana")
            await expect(suggestion).to_be_visible()
            await _axe(page, "phone empty following")
            await _shot(page, "phone-following-suggestions", database)
            await suggestion.locator("button.follow").click()
            await expect(suggestion.locator("button.follow")).to_have_attribute("data-following", "true")

            # Search, with Spanish stemming: "zorro" finds "Zorros corriendo".
            await page.goto(f"{base}/search?q=zorro")
            await expect(page.locator(f".grid a[href='/v/{videos[0]}']")).to_have_count(1)
            await page.goto(f"{base}/search?q=an")
            await expect(page.locator(".people .person", has_text="@ana")).to_have_count(1)
            await _axe(page, "phone search")

            # The language picker: Spanish, saved in the profile, although the browser asks for English.
            await page.goto(f"{base}/settings")
            await page.select_option("#language-select", "es")
            async with page.expect_navigation():
                await page.click("#profile-form button[type=submit]")
            await expect(page.locator("html")).to_have_attribute("lang", "es")
            await expect(page.locator("h1")).to_have_text("Ajustes")
            await _axe(page, "phone settings (es)")
            await _shot(page, "phone-settings-es", database)
            async with page.expect_download() as download_info:
                await page.click("#your-data a[href='/api/me/export']")
            archive = zipfile.ZipFile(await (await download_info.value).path())
            assert {"profile.json", "videos.json", "comments.json", "cameos.json"} <= set(archive.namelist())
            assert json.loads(archive.read("comments.json"))[0]["body"] == "Lovely!"
            assert f"videos/{rex_video}.mp4" in archive.namelist()
            for path in ("/feed", f"/v/{first_id}", "/notifications", "/", "/@ana", "/cameos"):
                await page.goto(f"{base}{path}")
                await _axe(page, f"phone {path} (es)")
            await _shot(page, "phone-cameos-es", database)

            # ------------------------------------------------------------------- a share link, signed out
            guest = await browser.new_context(locale="en-US", bypass_csp=True, **PHONE)
            visitor = await guest.new_page()
            await visitor.goto(f"{base}/v/{videos[1]}")
            assert visitor.url == f"{base}/v/{videos[1]}"
            assert await visitor.locator("meta[property='og:video']").get_attribute("content") == \
                f"{base}/s/{videos[1]}/video"
            assert await visitor.locator("meta[name='twitter:card']").get_attribute("content") == "player"
            await visitor.wait_for_function("() => document.querySelector('video.player').readyState >= 1")
            await _axe(visitor, "share page")
            await _shot(visitor, "phone-share", database)
            oembed = await (await visitor.request.get(f"{base}/oembed?url={base}/v/{videos[1]}")).json()
            assert oembed["type"] == "video" and "<iframe" in oembed["html"]
            assert oembed["author_name"] == "@ana"
            await visitor.goto(f"{base}/v/{draft}")
            assert "/login" in visitor.url  # a draft never leaks
            await visitor.goto(f"{base}/v/{rex_video}")
            assert visitor.url == f"{base}/v/{rex_video}"
            async with svc.sessions() as session, session.begin():
                await session.execute(update(Cameo).where(Cameo.id == rex.id).values(permission="only_me"))
            await visitor.goto(f"{base}/v/{rex_video}")
            assert "/login" in visitor.url  # Cara withdrew her permission: the share link stops
            assert (await visitor.request.get(f"{base}/s/{rex_video}/video")).status == 404
            await guest.close()

            # ---------------------------------------------------- Ana, on a desktop in Spanish, creates
            desktop = await browser.new_context(locale="es-ES", bypass_csp=True, **DESKTOP)
            ana_page = await desktop.new_page()
            ana_page.on("pageerror", lambda error: errors.append(str(error)))
            await _sign_in(ana_page, base, "ana")
            streams: list[str] = []
            ana_page.on("request",
                        lambda request: streams.append(request.url) if "/events" in request.url else None)
            await ana_page.goto(f"{base}/")
            sizes = await ana_page.locator("#composer select[name=size] option").all_inner_texts()
            assert sizes[:2] == ["Vertical", "Horizontal"] and "Vertical HD" in sizes
            model = await ana_page.locator("#composer select[name=model] option").first.inner_text()
            assert model.startswith("cielo-preview") and "no es un modelo neuronal" in model
            await ana_page.locator("#prompt").fill("Un zorro en la playa con ")
            await ana_page.locator("#prompt").press_sequentially("@cara")
            await expect(ana_page.locator("#mention-list [role=option]")).to_have_count(0)  # not allowed now
            async with svc.sessions() as session, session.begin():
                await session.execute(update(Cameo).where(Cameo.id == rex.id).values(permission="everyone"))
            await ana_page.reload()
            await ana_page.locator("#prompt").fill('Un zorro en la playa. Ana: "¡Qué vista!" ')
            await ana_page.locator("#prompt").press_sequentially("@ca")
            option = ana_page.locator("#mention-list [role=option]").first
            await expect(option).to_have_text("@cara.rex · Rex")
            await ana_page.locator("#prompt").press("Enter")
            assert (await ana_page.locator("#prompt").input_value()).endswith("@cara.rex ")
            await _axe(ana_page, "desktop create (es)")
            await _shot(ana_page, "desktop-create-es", database)
            await ana_page.select_option("#composer select[name=seconds]", "4")
            async with ana_page.expect_response(lambda r: r.url == f"{base}/v1/videos" and r.ok) as created:
                await ana_page.click("#composer button[type=submit]")
            new_id = (await (await created.value).json())["id"]
            draft_card = ana_page.locator(f"#videos li.draft[data-id='{new_id}']")
            await expect(draft_card.locator("form.publish-form")).to_be_visible(timeout=RENDER_TIMEOUT)
            # One live stream updated the draft and the badge ("Tu vídeo está listo."), with no reload.
            await expect(ana_page.locator("#unread-badge")).to_be_visible(timeout=30_000)
            assert set(streams) == {f"{base}/api/events"}, streams  # one stream a page, none per video
            await draft_card.locator("textarea[name=caption]").fill("Mi zorro")
            await draft_card.locator("button[type=submit]").click()
            await expect(ana_page.locator(f"#videos a.published-link[href='/v/{new_id}']")).to_be_visible()
            await expect(ana_page.locator(f"#videos li.draft[data-id='{new_id}']")).to_have_count(0)
            await ana_page.goto(f"{base}/notifications")
            ready = ana_page.locator(".notification .note-text", has_text="Tu vídeo está listo.")
            await expect(ready).to_have_count(1)
            await _axe(ana_page, "desktop notifications (es)")
            # Her video's page names the model and offers edit and extend.
            await ana_page.goto(f"{base}/v/{new_id}")
            await expect(ana_page.locator(".video-meta .model-tag")).to_have_text("cielo-preview")
            await expect(ana_page.locator("form[data-endpoint='/v1/videos/edits']")).to_be_visible()
            await expect(ana_page.locator("form[data-endpoint='/v1/videos/extensions']")).to_be_visible()
            await _axe(ana_page, "desktop video page (es)")
            await _shot(ana_page, "desktop-video-es", database)
            extend = ana_page.locator("form[data-endpoint='/v1/videos/extensions']")
            await extend.locator("textarea").fill("El zorro salta")
            await extend.locator("button").click()
            await ana_page.wait_for_url(f"{base}/drafts")
            for path in ("/feed", "/feed?tab=following", "/search", "/settings", "/invites", "/@bea"):
                await ana_page.goto(f"{base}{path}")
                await _axe(ana_page, f"desktop {path} (es)")
            await _shot(ana_page, "desktop-feed-es", database)
            await desktop.close()

            # ------------------------------------------- reduced motion: nothing plays by itself (English)
            calm = await browser.new_context(locale="en-US", reduced_motion="reduce", bypass_csp=True,
                                             **DESKTOP)
            calm_page = await calm.new_page()
            await _sign_in(calm_page, base, "cara")
            await expect(calm_page.locator(".slide[data-id] .tap-play").first).to_be_visible()
            assert await calm_page.evaluate("() => document.querySelector('.slide video.player').paused")
            await _axe(calm_page, "desktop feed (en)")
            await _shot(calm_page, "desktop-feed-en", database)
            for path in (f"/v/{videos[2]}", "/@ana", "/settings", "/search?q=rain"):
                await calm_page.goto(f"{base}{path}")
                await _axe(calm_page, f"desktop {path} (en)")

            # ------------------------------------------------ Cara deletes her account, cameo and all
            await calm_page.goto(f"{base}/settings")
            calm_page.on("dialog", lambda dialog: dialog.accept())
            await calm_page.fill("#delete-account-form input[name=confirm]", "cara")
            await calm_page.click("#delete-account-form button[type=submit]")
            await calm_page.wait_for_url(re.compile(r".*/login.*"))
            async with svc.sessions() as session:
                assert await session.get(User, cara.id) is None
                assert await session.get(Cameo, rex.id) is None
                gone = await session.get(Video, rex_video)
                assert gone.deleted_at is not None and gone.video_key is None  # Bea's video with Rex
            await calm.close()
            await phone.close()
            await browser.close()
            assert errors == []
    finally:
        stop_group(server, signal.SIGTERM)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
