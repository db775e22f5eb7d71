"""The draft card tells its creator what the preview engine could not draw of the prompt."""

from __future__ import annotations

import asyncio

from cielo.db.models import Video
from cielo.jobs.queue import claim_next
from cielo.workers.worker import run_job
from tests.conftest import auth, make_user
from tests.social.helpers import cookie_client


async def _render(svc, video_id: str) -> None:
    """The real worker code path, in this process: claim, render, finish with the engine's metadata."""
    lease = await claim_next(svc.sessions, svc.settings, "test-worker")
    assert lease.job_id == video_id
    assert await run_job(svc.sessions, svc.settings, svc.store, svc.guard, lease, asyncio.Event(),
                         models=svc.models) == "completed"


async def test_the_draft_card_lists_what_was_not_drawn(client):
    svc = client.app.state.services
    await make_user(svc, "ana")
    _, bea_key = await make_user(svc, "bea")
    browser, csrf = await cookie_client(client, "ana")
    try:
        made = await browser.post("/v1/videos", headers={"x-csrf-token": csrf},
                                  json={"prompt": "A giraffe waits in a laundromat", "seconds": "4",
                                        "size": "720x1280", "seed": 2})
        assert made.status_code == 200, made.text
        video_id = made.json()["id"]
        await _render(svc, video_id)
        async with svc.sessions() as session:
            details = (await session.get(Video, video_id)).details
        plan = details["generation"]["plan"]
        assert {"word": "laundromat", "category": "place"} in plan["not_drawn"]
        assert any(d["kind"] == "giraffe" for d in plan["drawn"])
        assert "laundromat" in " ".join(details["generation"]["notes"])

        card = await browser.get(f"/fragments/drafts/{video_id}", headers={"accept-language": "en"})
        assert card.status_code == 200
        assert "The preview engine could not draw:" in card.text and "laundromat" in card.text
        spanish = await browser.get("/drafts", headers={"accept-language": "es"})
        assert "El motor de vista previa no pudo dibujar:" in spanish.text and "laundromat" in spanish.text
        # The API shows it to the creator only.
        own = (await browser.get(f"/api/posts/{video_id}")).json()
        assert own["not_drawn"] == ["laundromat"]
        await browser.post(f"/api/videos/{video_id}/publish", headers={"x-csrf-token": csrf},
                           json={"caption": "giraffe", "show_prompt": True})
        other = await client.get(f"/api/posts/{video_id}", headers=auth(bea_key))
        assert other.status_code == 200 and other.json()["not_drawn"] == []
    finally:
        await browser.aclose()


async def test_a_prompt_drawn_in_full_shows_no_such_line(client):
    svc = client.app.state.services
    await make_user(svc, "ana")
    browser, csrf = await cookie_client(client, "ana")
    try:
        made = await browser.post("/v1/videos", headers={"x-csrf-token": csrf},
                                  json={"prompt": "A knight fights a dragon in a castle", "seconds": "4",
                                        "size": "720x1280", "seed": 3})
        video_id = made.json()["id"]
        await _render(svc, video_id)
        card = await browser.get(f"/fragments/drafts/{video_id}")
        assert card.status_code == 200 and "could not draw" not in card.text
    finally:
        await browser.aclose()
