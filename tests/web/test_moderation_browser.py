"""A refusal in a real browser, in Spanish: Ana's prompt is refused with one sentence naming the policy and the
word, she presses "Esto es un error", a moderator allows it from the queue, and the same prompt then goes
through. Screenshots go to test-artifacts/ (git-ignored).

The appeal's database side runs on both engines in tests/test_moderation_appeals.py; this test is about the
pages, so it runs once, on SQLite. The prompt classifier and NudeNet are off, as in test_browser.py: the
prompt is refused by a rule.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pytest
from playwright.async_api import Page, async_playwright, expect

from tests.conftest import make_user
from tests.live import free_port, start_server, stop_group
from tests.web.test_browser import CHROMIUM, CHROMIUM_ARGS, DESKTOP, PHONE

pytestmark = pytest.mark.slow

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PROMPT = "una clase de dibujo con un modelo desnudo"


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'cielo.db'}"


async def _sign_in(page: Page, base: str, handle: str) -> None:
    await page.goto(f"{base}/login")
    await page.fill("input[name=handle]", handle)
    await page.fill("input[name=password]", "password123")
    await page.click("#login-form button[type=submit]")
    await page.wait_for_url(re.compile(rf"{re.escape(base)}/(feed)?$"))


async def test_refusal_appeal_and_allow_in_spanish(services, tmp_path):
    await make_user(services, "ana")
    await make_user(services, "root", is_admin=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(services.settings, port, workers=0, log=tmp_path / "serve.log",
                          CIELO_MODERATION_CLASSIFIER="false", CIELO_FRAME_MODERATION="false")
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            phone = await browser.new_context(locale="es-ES", **PHONE)
            page = await phone.new_page()
            await _sign_in(page, base, "ana")
            await page.goto(f"{base}/")
            composer = page.locator("#composer")
            await composer.locator("textarea[name=prompt]").fill(PROMPT)
            await composer.locator("button[type=submit]").click()
            error = composer.locator("p.error")
            await expect(error).to_have_text("Este prompt se ha bloqueado por la política de contenido sexual a "
                                             "causa de «desnudo»; reformularlo puede ayudar.")
            appeal = composer.locator("button.appeal")
            await expect(appeal).to_have_text("Esto es un error")
            await page.screenshot(path=str(ARTIFACTS / "moderation-refused-es.png"))
            await appeal.click()
            await expect(composer.locator("p.appeal")).to_have_text("Enviado a los moderadores. Gracias por avisarnos.")
            await expect(page.locator("#videos li.draft")).to_have_count(0)

            desktop = await browser.new_context(locale="es-ES", **DESKTOP)
            admin = await desktop.new_page()
            await _sign_in(admin, base, "root")
            await admin.goto(f"{base}/admin/moderation")
            item = admin.locator("li.appeal-item")
            await expect(item).to_have_count(1)
            await expect(item.locator("mark")).to_have_text("desnudo")
            await expect(item).to_contain_text("contenido sexual")
            await admin.screenshot(path=str(ARTIFACTS / "moderation-appeal-queue-es.png"), full_page=True)
            await item.locator("button[data-action=allow]").click()
            await expect(item).to_have_count(0)
            await admin.reload()
            await expect(admin.locator("#appeals-empty")).to_be_visible()

            # Allowed: the same prompt now becomes a draft, and the old refusal is gone from the form.
            await page.reload()
            await composer.locator("textarea[name=prompt]").fill(PROMPT)
            await composer.locator("button[type=submit]").click()
            await expect(page.locator("#videos li.draft")).to_have_count(1)
            await expect(composer.locator(".appeal")).to_have_count(0)
            await browser.close()
    finally:
        stop_group(server)
        with contextlib.suppress(FileNotFoundError):
            print((tmp_path / "serve.log").read_text()[-2000:])
