"""Capacity planning: the Erlang C queue model against values worked by hand, the planner's answer at its own
boundary, `cielo capacity` on measured renders, and invite waves (signups pause while the queue waits long)."""

from __future__ import annotations

import asyncio
import math
import time

import pytest
from sqlalchemy import update
from typer.testing import CliRunner

from cielo.cli import app as cli
from cielo.db.models import Video
from cielo.jobs.capacity import erlang_c, plan_pool, wait_quantile
from cielo.videos import service as videos
from tests.conftest import make_user
from tests.test_accounts import _invite_code, _signup, _user_count


def test_erlang_c_and_the_wait_match_hand_worked_queues():
    assert erlang_c(1, 0.5) == pytest.approx(0.5)  # M/M/1: the chance to wait is the utilisation
    assert erlang_c(2, 1.0) == pytest.approx(1 / 3)
    assert erlang_c(3, 0.0) == 0.0 and erlang_c(3, 3.0) == 1.0
    # M/M/1 at half load, one job a second: P(wait > t) = 0.5 e^(-0.5 t), so 95% start within ln(10)/0.5 s.
    assert wait_quantile(1, 0.5, 1.0, 0.95) == pytest.approx(math.log(10) / 0.5)
    assert wait_quantile(1, 0.5, 1.0, 0.4) == 0.0  # 60% start at once
    assert wait_quantile(2, 2.0, 1.0, 0.95) == math.inf  # arrivals at capacity: the queue grows forever
    # Hundreds of workers stay finite (no factorial overflow).
    assert 0 < erlang_c(400, 380.0) < 1


def test_the_plan_is_the_most_people_within_the_target():
    plan = plan_pool("m", 2, 45.0, videos_per_person=3, peak_share=0.1, wait_target_s=60.0)

    def wait(people: int) -> float:
        return wait_quantile(2, people * 3 * 0.1 / 3600, 45.0, 0.95)

    assert wait(plan.max_daily_people) <= 60.0 < wait(plan.max_daily_people + 1)
    assert 0 < plan.utilisation < 1
    more = plan_pool("m", 4, 45.0, videos_per_person=3, peak_share=0.1, wait_target_s=60.0)
    assert more.max_daily_people > 2 * plan.max_daily_people  # pooling: twice the workers, more than twice


async def _finished(services, user, count: int, render_s: float, wait_s: float) -> None:
    now = time.time()
    for index in range(count):
        async with services.sessions() as session, session.begin():
            video = await videos.create_video(session, services.settings, services.store, user,
                                              guard=services.guard, models=services.models, prompt=f"a lake {index}")
            await session.execute(update(Video).where(Video.id == video.id).values(
                status="completed", created_at=now - render_s - wait_s - 60, started_at=now - render_s - 60,
                completed_at=now - 60))


async def test_capacity_command_plans_from_measured_renders(services, settings):
    ana, _ = await make_user(services, "ana")
    await _finished(services, ana, 5, render_s=4.0, wait_s=2.0)
    env = {"CIELO_HOME": str(settings.home), "CIELO_DATABASE_URL": settings.resolved_database_url,
           "COLUMNS": "160"}
    # In a thread: the command runs its own event loop.
    result = await asyncio.to_thread(CliRunner().invoke, cli, ["capacity", "--workers", "cielo-preview=3",
                                                               "--workers", "ltx-2=1"], env=env)
    assert result.exit_code == 0, result.output
    expected = plan_pool("cielo-preview", 3, 4.0, videos_per_person=3, peak_share=0.1, wait_target_s=60.0)
    assert f"{expected.max_daily_people:,}" in result.output and "4.0 (5 videos)" in result.output
    assert "ltx-2" in result.output and "not measured" in result.output and "--render-seconds" in result.output
    assert "1 people made videos" in result.output and "wait was 2.0 s" in result.output
    bad = await asyncio.to_thread(CliRunner().invoke, cli, ["capacity", "--workers", "cielo-preview"], env=env)
    assert bad.exit_code == 2 and "MODEL=NUMBER" in bad.output and "cielo-preview" in bad.output


async def test_signups_pause_while_the_queue_waits_too_long(client, services):
    services.settings.signup_wait_target_seconds = 30.0
    ana, _ = await make_user(services, "ana")
    code = await _invite_code(services, ana)
    await _finished(services, ana, 3, render_s=5.0, wait_s=10.0)
    assert (await client.post("/api/auth/signup", json=_signup(code, "bea"))).status_code == 200

    await _finished(services, ana, 3, render_s=5.0, wait_s=120.0)  # the last hour's p95 is now 120 s
    code = await _invite_code(services, ana)
    users = await _user_count(services)
    paused = await client.post("/api/auth/signup", json=_signup(code, "cara"),
                               headers={"accept-language": "es"})
    assert paused.status_code == 503 and paused.headers["retry-after"] == "900"
    assert paused.json()["error"]["code"] == "signups_paused"
    assert "cola" in paused.json()["error"]["message"]  # in the page's language
    assert await _user_count(services) == users and await _invite_code(services, ana) == code  # not spent

    services.settings.signup_wait_target_seconds = 0.0  # off: never paused
    assert (await client.post("/api/auth/signup", json=_signup(code, "cara"))).status_code == 200


async def test_the_capacity_page_shows_the_plan_in_the_admins_language(client, services):
    from tests.social.helpers import cookie_client
    from tests.web.test_i18n import _english_on, _english_only_strings

    admin, _ = await make_user(services, "root", is_admin=True)
    await make_user(services, "bea")
    await _finished(services, admin, 4, render_s=3.0, wait_s=1.0)
    browser, _ = await cookie_client(client, "root")
    try:
        spanish = {"accept-language": "es"}
        page = await browser.get("/admin/capacity?workers=cielo-preview%3D2+ltx-2%3D1&wait_target=30", headers=spanish)
        assert page.status_code == 200 and '<html lang="es">' in page.text
        assert _english_on(page.text, _english_only_strings()) == []
        expected = plan_pool("cielo-preview", 2, 3.0, videos_per_person=3, peak_share=0.1, wait_target_s=30.0)
        assert "Capacidad" in page.text and "4 vídeos" in page.text and "Sin medir esta semana" in page.text
        people = f"{expected.max_daily_people:,}".replace(",", ".")  # Spanish digit grouping
        assert f'<td class="people">{people}</td>' in page.text
        bad = await browser.get("/admin/capacity?workers=cielo-preview", headers=spanish)
        assert bad.status_code == 200 and "MODELO=NÚMERO" in bad.text
    finally:
        await browser.aclose()
    other, _ = await cookie_client(client, "bea")
    try:
        assert (await other.get("/admin/capacity")).status_code == 403
    finally:
        await other.aclose()
