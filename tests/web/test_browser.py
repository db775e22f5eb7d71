"""The whole app in a real browser (Chromium through Playwright) against a real `cielo serve` with real
workers and the preview engine. Ana signs up with an invite on a phone, generates a video and watches its
progress, then publishes it; Bea, invited by Ana, on a desktop in Spanish, finds it in her feed, likes it,
follows Ana, comments and remixes it; Ana gets the notifications. Screenshots at phone and desktop size go
to test-artifacts/ (git-ignored).

Moderation rules and provenance stay on; the two heavy safety models (the prompt classifier and NudeNet on
frames) are switched off here because they triple this test's time on a small machine and have their own
tests in tests/safety.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
from datetime import date
from pathlib import Path

import pytest
from playwright.async_api import Page, async_playwright, expect
from sqlalchemy import select

from cielo.db.models import Report
from tests.conftest import make_user
from tests.live import free_port, start_server, stop_group
from tests.social.helpers import invite_code

pytestmark = pytest.mark.slow

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--autoplay-policy=no-user-gesture-required"]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
DESKTOP = {"viewport": {"width": 1440, "height": 900}}
XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'
RENDER_TIMEOUT = 90_000

@pytest.fixture
def database_url(tmp_path):
    """The default install's SQLite only: a browser sees the same pages on either database, and the page and
    API tests beneath these run on both (this keeps the suite within its time)."""
    return f"sqlite+aiosqlite:///{tmp_path / 'cielo.db'}"


def _serve(settings, port: int, log: Path) -> subprocess.Popen:
    """`cielo serve` with two workers, with the heavy safety models off."""
    return start_server(settings, port, workers=2, log=log,
                        CIELO_MODERATION_CLASSIFIER="false", CIELO_FRAME_MODERATION="false")


async def _shot(page: Page, name: str, database: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / f"{database}-{name}.png"))


async def _sign_up(page: Page, base: str, code: str, handle: str, name: str) -> None:
    await page.goto(f"{base}/signup?invite={code}")
    await page.fill("input[name=handle]", handle)
    await page.fill("input[name=display_name]", name)
    await page.fill("input[name=password]", "a good password")
    await page.fill("input[name=birthdate]", date(1995, 5, 17).isoformat())
    await page.click("#signup-form button[type=submit]")
    await page.wait_for_url(f"{base}/feed")


async def _publish_first_draft(page: Page, caption: str, show_prompt: bool) -> str:
    draft = page.locator("#videos li.draft").first
    form = draft.locator("form.publish-form")
    await expect(form).to_be_visible(timeout=RENDER_TIMEOUT)  # the card re-renders when the job is done
    draft = page.locator(f"#videos li.draft[data-id='{await draft.get_attribute('data-id')}']")
    form = draft.locator("form.publish-form")
    await form.locator("textarea[name=caption]").fill(caption)
    if show_prompt:
        await form.locator("input[name=show_prompt]").check()
    video_id = await draft.get_attribute("data-id")
    await form.locator("button[type=submit]").click()
    # A published video leaves the drafts; a note links to it.
    await expect(draft.page.locator(f"#videos a.published-link[href='/v/{video_id}']")).to_be_visible()
    await expect(draft.page.locator(f"#videos li.draft[data-id='{video_id}']")).to_have_count(0)
    return video_id


async def test_invite_generate_publish_like_comment_remix_notify(services, tmp_path, database_url):
    database = "sqlite" if database_url.startswith("sqlite") else "postgresql"
    root, _ = await make_user(services, "root")
    code = await invite_code(services, root)
    port = free_port()
    server = _serve(services.settings, port, tmp_path / "server.log")
    base = f"http://127.0.0.1:{port}"
    try:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            phone = await browser.new_context(locale="en-US", **PHONE)
            ana = await phone.new_page()
            ana_errors: list[str] = []
            ana.on("pageerror", lambda error: ana_errors.append(str(error)))

            # Ana joins with an invite and makes a video, watching it render.
            await _sign_up(ana, base, code, "ana", "Ana")
            await ana.click("nav a[href='/']")
            await ana.fill("#composer textarea[name=prompt]", 'A red fox on a beach at sunset. Ana: "What a view!"')
            await ana.select_option("#composer select[name=seconds]", "4")
            await ana.select_option("#composer select[name=size]", "720x1280")
            await ana.click("#composer button[type=submit]")
            status = ana.locator("#videos li.draft").first.locator(".status")
            await expect(status).to_have_text(re.compile(r"\d+%"), timeout=RENDER_TIMEOUT)  # live progress (SSE)
            await _shot(ana, "phone-create-progress", database)
            fox = await _publish_first_draft(ana, XSS, show_prompt=True)
            await _shot(ana, "phone-drafts-published", database)

            await ana.goto(f"{base}/invites")
            bea_code = (await ana.locator(".invite:not(.used) .code").first.inner_text()).strip()

            # Bea, invited by Ana, on a desktop browser in Spanish.
            desktop = await browser.new_context(locale="es-ES", **DESKTOP)
            bea = await desktop.new_page()
            bea_errors: list[str] = []
            bea.on("pageerror", lambda error: bea_errors.append(str(error)))
            await _sign_up(bea, base, bea_code, "bea", "Bea")
            assert await bea.locator("html").get_attribute("lang") == "es"
            await expect(bea.locator(".feed-tabs a").first).to_have_text("Para ti")
            slide = bea.locator(f".slide[data-id='{fox}']")
            await expect(slide).to_be_visible()
            await expect(slide.locator(".caption")).to_have_text(XSS)  # shown as text, never as markup
            assert await bea.evaluate("window.__xss") is None
            assert await bea.locator(".slide img[src='x']").count() == 0
            # the visible video plays by itself, muted until the sound toggle
            await bea.wait_for_function(
                "() => { const v = document.querySelector('.slide video.player'); return v && !v.paused && v.currentTime > 0 }",
                timeout=20_000)
            assert await slide.locator("video.player").evaluate("v => v.muted")
            await bea.click("#sound-toggle")
            assert not await slide.locator("video.player").evaluate("v => v.muted")
            await slide.locator("button.like").click()
            await expect(slide.locator("button.like")).to_have_attribute("aria-pressed", "true")
            await expect(slide.locator(".like-count")).to_have_text("1")
            await _shot(bea, "desktop-feed", database)

            # Bea follows Ana from her profile, then comments on and remixes the video.
            await slide.locator("a.creator").click()
            await bea.wait_for_url(f"{base}/@ana")
            await bea.click(".profile-actions button.follow")
            await expect(bea.locator(".follower-count")).to_have_text("1")
            await bea.goto(f"{base}/v/{fox}")
            await bea.fill("#comment-body", "¡Qué bonito! <b>hola</b>")
            await bea.click("#comment-form button[type=submit]")
            await expect(bea.locator("#threads .comment-body").first).to_have_text("¡Qué bonito! <b>hola</b>")
            # She reports it too: the dialog, a reason, a thank-you, a report for the moderators.
            await bea.click(".video-side button.report[data-report-type=video]")
            dialog = bea.locator("#report-dialog")
            await expect(dialog).to_be_visible()
            await dialog.locator("select[name=reason]").select_option("spam")
            await dialog.locator("textarea[name=details]").fill("Lo mismo una y otra vez")
            await dialog.locator("button[type=submit]").click()
            await expect(dialog).to_be_hidden()
            await expect(bea.locator(".toast")).to_have_text("Gracias. Un moderador lo revisará.")
            async with services.sessions() as session:
                report = (await session.scalars(select(Report))).one()
            assert (report.target_type, report.target_id, report.reason) == ("video", fox, "spam")
            await bea.fill("#remix-prompt", "The same fox, but at night in the snow")
            await _shot(bea, "desktop-video", database)
            await bea.click(".remix-form button[type=submit]")
            await bea.wait_for_url(f"{base}/drafts")
            remix = await _publish_first_draft(bea, "Snowy remix", show_prompt=False)
            await bea.goto(f"{base}/v/{remix}")
            await expect(bea.locator(f".chain a[href='/v/{fox}']")).to_have_text("@ana")
            await _shot(bea, "desktop-remix", database)

            # Ana hears about all of it (and that her video was ready).
            await ana.goto(f"{base}/feed")
            await expect(ana.locator("#unread-badge")).to_have_text("5")
            await expect(ana.locator(f".slide[data-id='{remix}']")).to_be_visible()
            await _shot(ana, "phone-feed", database)
            await ana.click("nav a[href='/notifications']")
            notes = ana.locator(".notification .note-text")
            await expect(notes).to_have_count(5)
            texts = " | ".join(await notes.all_inner_texts())
            for phrase in ("remixed your video", "commented on your video", "started following you",
                           "liked your video", "Your video is ready."):
                assert phrase in texts, texts
            await _shot(ana, "phone-notifications", database)
            await ana.goto(f"{base}/feed")
            await expect(ana.locator("#unread-badge")).to_have_count(0)
            await ana.goto(f"{base}/@ana")
            await _shot(ana, "phone-profile", database)
            await bea.goto(f"{base}/@ana")
            await _shot(bea, "desktop-profile", database)

            assert ana_errors == [] and bea_errors == []
            await browser.close()
    finally:
        stop_group(server, signal.SIGTERM)
        # Workers that outlive the server (e.g. mid-job while the test database is dropped) go too.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
