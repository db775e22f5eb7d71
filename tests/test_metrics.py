"""GET /metrics in Prometheus' text format: off without CIELO_METRICS_TOKEN, the token required, the queue and
the renders read from the database (the same on every replica), HTTP latency labelled by route template."""

from __future__ import annotations

import asyncio

import pytest
from prometheus_client.parser import text_string_to_metric_families

from cielo.workers.worker import worker_loop
from tests.conftest import auth, make_settings, make_user

TOKEN = "scrape-me-" + "x" * 20


@pytest.fixture
def settings(tmp_path, database_url):
    return make_settings(tmp_path, database_url, metrics_token=TOKEN, lease_seconds=30.0)


async def _scrape(client) -> dict[tuple[str, tuple], float]:
    answer = await client.get("/metrics", headers={"authorization": f"Bearer {TOKEN}"})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/plain")
    return {(sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(answer.text) for sample in family.samples}


async def test_metrics_follow_the_queue_and_the_renders(client, services, settings):
    assert (await client.get("/metrics")).status_code == 401
    assert (await client.get("/metrics", headers={"authorization": "Bearer wrong"})).status_code == 401
    _, key = await make_user(services, "ana")
    made = (await client.post("/v1/videos", headers=auth(key), json={"prompt": "A kite.", "seconds": "4"})).json()
    await client.get(f"/v1/videos/{made['id']}", headers=auth(key))

    before = await _scrape(client)
    preview = (("model", "cielo-preview"),)
    assert before[("cielo_queue_depth", preview)] == 1
    assert before[("cielo_queue_oldest_wait_seconds", preview)] >= 0
    route = [labels for name, labels in before if name == "cielo_http_request_duration_seconds_count"
             and ("route", "/v1/videos/{video_id}") in labels]
    assert route and not any(made["id"] in str(labels) for _, labels in before)  # templates, never raw ids

    await asyncio.wait_for(worker_loop(settings, asyncio.Event(), max_jobs=1), timeout=300)
    after = await _scrape(client)
    assert ("cielo_queue_depth", preview) not in after
    assert after[("cielo_jobs_completed_total", preview)] == 1
    assert after[("cielo_render_seconds_total", preview)] > 0
    assert after[("cielo_queue_wait_seconds", (("model", "cielo-preview"), ("quantile", "0.5")))] >= 0


async def test_metrics_are_off_without_a_token(tmp_path):
    from httpx import ASGITransport, AsyncClient

    from cielo.app import create_app

    app = create_app(make_settings(tmp_path, f"sqlite+aiosqlite:///{tmp_path / 'c.db'}"))
    async with app.router.lifespan_context(app), AsyncClient(transport=ASGITransport(app=app),
                                                              base_url="http://t") as http:
        assert (await http.get("/metrics")).status_code == 404
