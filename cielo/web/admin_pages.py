"""Administrators' pages: the moderators' queue (open reports with the reported item, one-click actions)
and the capacity plan."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.ext.asyncio import AsyncSession

from cielo.api.deps import SessionDep
from cielo.db.models import User, WebSession
from cielo.jobs import capacity
from cielo.safety import appeals
from cielo.safety import moderation_queue as queue
from cielo.safety.guard import POLICY_LABELS
from cielo.web.i18n import REPORT_TARGETS, translations
from cielo.web.pages import SignedInPage, language, page_frame, render

router = APIRouter(include_in_schema=False)


async def _admin(request: Request, session: AsyncSession,
                 found: tuple[User, WebSession]) -> tuple[User, dict, Response | None]:
    """The signed-in person and their page frame, and the 403 page for anyone who is not an administrator."""
    user, web_session = found
    frame = await page_frame(session, user, web_session, "admin")
    if not user.is_admin:
        return user, frame, render(request, "error.html", frame | {"page": "error"}, status=403)
    return user, frame, None


@router.get("/admin/moderation", response_class=HTMLResponse)
async def moderation_page(request: Request, session: SessionDep, found: SignedInPage):
    user, frame, refused = await _admin(request, session, found)
    if refused is not None:
        return refused
    reports = await queue.list_reports(session, user, "open")
    reporters = {r.reporter_id: await session.get(User, r.reporter_id) for r in reports}
    waiting = await appeals.list_appeals(session, user, "open")
    appellants = {a.user_id: await session.get(User, a.user_id) for a in waiting}
    return render(request, "admin/moderation.html", frame | {
        "target_types": {kind: translations(language(request, user)).gettext(label)
                         for kind, label in REPORT_TARGETS.items()},
        "reports": [{"report": r, "reporter": reporters[r.reporter_id].handle if reporters[r.reporter_id] else "?"}
                    for r in reports],
        "appeals": [{"appeal": a, "handle": appellants[a.user_id].handle if appellants[a.user_id] else "?",
                     "pieces": _marked(a)} for a in waiting],
        "not_allowable": appeals.NOT_ALLOWABLE,
        "policy_labels": POLICY_LABELS,
        "audit": (await queue.audit_log(session, user, limit=30)),
    })


def _marked(appeal) -> list[tuple[str, bool]]:
    """The refused text cut into (piece, triggered) runs, so the page can mark the words that triggered it."""
    decision = appeal.decision or {}
    text = decision.get("text") or appeal.line or appeal.prompt
    trigger = decision.get("trigger") or {}
    spans = sorted((s["start"], s["end"]) for s in trigger.get("spans", [])
                   if 0 <= s["start"] < s["end"] <= len(text))
    if not spans and trigger.get("sentence"):
        spans = [(trigger["sentence"]["start"], trigger["sentence"]["end"])]
    pieces, cursor = [], 0
    for start, end in spans:
        if start < cursor:
            continue
        pieces += [(text[cursor:start], False), (text[start:end], True)]
        cursor = end
    pieces.append((text[cursor:], False))
    return [(piece, marked) for piece, marked in pieces if piece]


@router.get("/admin/capacity", response_class=HTMLResponse)
async def capacity_page(request: Request, session: SessionDep, found: SignedInPage,
                        workers: str = Query("", max_length=400),
                        render_seconds: str = Query("", max_length=400),
                        videos_per_person: float = Query(3.0, gt=0, le=1000),
                        peak_share: float = Query(0.1, ge=0.0417, le=1.0),
                        wait_target: float = Query(60.0, ge=0, le=86400)):
    """The capacity plan of `cielo capacity`, with a form for the pools' sizes and the targets."""
    user, frame, refused = await _admin(request, session, found)
    if refused is not None:
        return refused
    settings = request.app.state.services.settings
    problem = None
    try:
        pools = capacity.parse_pairs(workers.split(), int)
        given = capacity.parse_pairs(render_seconds.split(), float)
    except ValueError:
        problem, pools, given = "workers", {}, {}
    report = await capacity.capacity_report(session, settings, workers=pools, render_seconds=given,
                                            videos_per_person=videos_per_person, peak_share=peak_share,
                                            wait_target_s=wait_target)
    return render(request, "admin/capacity.html", frame | {
        "report": report, "problem": problem, "form": {
            "workers": workers or " ".join(f"{row.model}={row.workers}" for row in report.rows),
            "render_seconds": render_seconds, "videos_per_person": videos_per_person, "peak_share": peak_share,
            "wait_target": wait_target}})
