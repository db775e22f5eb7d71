"""The moderators' queue page: open reports with the reported item, and one-click actions."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.ext.asyncio import AsyncSession

from cielo.api.deps import db_session
from cielo.db.models import User
from cielo.safety import moderation_queue as queue
from cielo.web.i18n import REPORT_TARGETS, translations
from cielo.web.pages import language, login_redirect, page_frame, render, signed_in

router = APIRouter(include_in_schema=False)


@router.get("/admin/moderation", response_class=HTMLResponse)
async def moderation_page(request: Request, session: AsyncSession = Depends(db_session)):
    found = await signed_in(request, session)
    if found is None:
        return login_redirect(request)
    user, web_session = found
    frame = await page_frame(session, user, web_session, "admin")
    if not user.is_admin:
        return render(request, "error.html", frame | {"page": "error"}, status=403)
    reports = await queue.list_reports(session, user, "open")
    reporters = {r.reporter_id: await session.get(User, r.reporter_id) for r in reports}
    return render(request, "admin/moderation.html", frame | {
        "target_types": {kind: translations(language(request, user)).gettext(label)
                         for kind, label in REPORT_TARGETS.items()},
        "reports": [{"report": r, "reporter": reporters[r.reporter_id].handle if reporters[r.reporter_id] else "?"}
                    for r in reports],
        "audit": (await queue.audit_log(session, user, limit=30)),
    })
