"""Moderation and provenance endpoints: /v1/moderations (OpenAI-compatible), /v1/provenance/*, reports,
appeals of refusals, and the moderators' queue."""

from __future__ import annotations

import asyncio
import json
import tempfile
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, Response
from pydantic import BaseModel, Field

from cielo.api.schema import ERRORS, Upload, body
from cielo.api.deps import CurrentUser, Services, ServicesDep, SessionDep
from cielo.api.forms import read_body
from cielo.db.models import AuditEntry, Report, Video
from cielo.errors import InvalidInput, NotFound
from cielo.ids import is_valid_id, new_id
from cielo.safety import appeals
from cielo.safety import moderation_queue as queue
from cielo.safety.provenance import check_provenance
from cielo.text import Line, Paragraph

router = APIRouter(tags=["safety"], responses=ERRORS)
MAX_MODERATION_INPUTS = 32


class ModerationBody(BaseModel):
    input: Paragraph | list[Paragraph] = Field(max_length=100_000)
    model: Line | None = Field(None, max_length=100)


@router.post("/v1/moderations")
async def moderations(body: ModerationBody, svc: ServicesDep, session: SessionDep, _user: CurrentUser) -> dict:
    texts = [body.input] if isinstance(body.input, str) else body.input
    if not texts or len(texts) > MAX_MODERATION_INPUTS:
        raise InvalidInput(f"input must hold 1 to {MAX_MODERATION_INPUTS} strings.", param="input")
    if any(len(t) > svc.settings.max_prompt_chars * 4 for t in texts):
        raise InvalidInput("an input is too long.", param="input")
    await appeals.sync_allow_examples(session, svc.guard)
    results = await asyncio.to_thread(svc.guard.moderations, texts)
    return {"id": new_id("modr"), "model": body.model or "cielo-moderation", "results": results}


async def _upload(request: Request, svc: Services) -> bytes:
    body = await read_body(request, svc.settings.max_upload_bytes)
    data = body.get("file")
    if not isinstance(data, bytes):
        raise InvalidInput("Upload the clip or image as the multipart field `file`.", param="file")
    return data


@router.post("/v1/provenance/check", openapi_extra=body(Upload, files=("file",), json=False))
async def provenance_check(request: Request, svc: ServicesDep, session: SessionDep, _user: CurrentUser) -> dict:
    """Which Cielo video a clip or image comes from: invisible watermark, near duplicates, C2PA."""
    return await check_provenance(session, svc.guard, await _upload(request, svc), svc.settings.max_upload_bytes,
                                  svc.settings.max_total_seconds)


@router.post("/v1/provenance/verify", openapi_extra=body(Upload, files=("file",), json=False))
async def provenance_verify(request: Request, svc: ServicesDep, _user: CurrentUser) -> dict:
    """The C2PA manifest of an mp4 and whether its signature and content still hold."""
    data = await _upload(request, svc)
    if not svc.guard.signing:
        raise InvalidInput("C2PA verification is not available on this server (c2pa-python is missing).",
                           code="unsupported")

    def verify() -> dict:
        with tempfile.TemporaryDirectory(prefix="cielo-verify-") as tmp:
            path = Path(tmp) / "upload.mp4"
            path.write_bytes(data)
            report = svc.guard.credentials.verify(path)
        return {"object": "provenance.verification", "valid": report.valid, "trusted": report.trusted,
                "state": report.state, "video_id": report.video_id, "errors": report.errors,
                "manifest": report.manifest}

    return await asyncio.to_thread(verify)


class ResolveBody(BaseModel):
    action: str = Field(max_length=16)


class AppealBody(BaseModel):
    prompt: str = Field(max_length=20000)
    note: str = Field("", max_length=4000)


@router.post("/api/moderation/appeals")
async def file_appeal(body: AppealBody, svc: ServicesDep, session: SessionDep, user: CurrentUser) -> dict:
    """"This was wrong": the prompt is checked again and, if still refused, goes to the moderators' queue."""
    appeal = await appeals.file_appeal(session, svc.guard, svc.settings.max_prompt_chars, user,
                                       prompt=body.prompt, note=body.note)
    await session.commit()
    return appeals.appeal_json(appeal)


@router.get("/api/moderation/appeals")
async def my_appeals(session: SessionDep, user: CurrentUser) -> dict:
    return {"data": [appeals.appeal_json(a) for a in await appeals.user_appeals(session, user)]}


@router.get("/api/admin/appeals")
async def open_appeals(session: SessionDep, user: CurrentUser, status: str = "open") -> dict:
    return {"data": [appeals.appeal_json(a) for a in await appeals.list_appeals(session, user, status)]}


@router.post("/api/admin/appeals/{appeal_id}/resolve")
async def resolve_appeal(appeal_id: str, body: ResolveBody, svc: ServicesDep, session: SessionDep,
                         user: CurrentUser) -> dict:
    appeal = await appeals.resolve_appeal(session, svc.guard, user, appeal_id, body.action)
    await session.commit()
    return appeals.appeal_json(appeal)


@router.get("/api/admin/appeals/export", response_class=Response, responses={200: {
    "description": "One JSON object a line", "content": {"application/x-ndjson": {"schema": {"type": "string"}}}}})
async def export_appeals(session: SessionDep, user: CurrentUser) -> Response:
    """Resolved appeals as JSON lines, the format of the evaluation set (tests/safety/data)."""
    rows = await appeals.export_rows(session, user)
    body = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    return Response(body, media_type="application/x-ndjson",
                    headers={"content-disposition": 'attachment; filename="appeals.jsonl"'})


class ReportBody(BaseModel):
    target_type: Line = Field(max_length=16)
    target_id: Line = Field(max_length=80)
    reason: Line = Field(max_length=40)
    details: Paragraph = Field("", max_length=4000)


def report_json(report: Report) -> dict:
    return {"id": report.id, "target_type": report.target_type, "target_id": report.target_id,
            "reason": report.reason, "details": report.details, "status": report.status,
            "resolution": report.resolution, "created_at": int(report.created_at)}


@router.post("/api/reports")
async def file_report(body: ReportBody, session: SessionDep, user: CurrentUser) -> dict:
    report = await queue.file_report(session, user, target_type=body.target_type, target_id=body.target_id,
                                     reason=body.reason, details=body.details)
    await session.commit()
    return report_json(report)


@router.get("/api/admin/reports")
async def open_reports(session: SessionDep, user: CurrentUser, status: str = "open") -> dict:
    return {"data": [report_json(r) for r in await queue.list_reports(session, user, status)]}


@router.post("/api/admin/reports/{report_id}/resolve")
async def resolve_report(report_id: str, body: ResolveBody, session: SessionDep, user: CurrentUser) -> dict:
    report = await queue.resolve_report(session, user, report_id, body.action)
    await session.commit()
    return report_json(report)


class ActionBody(BaseModel):
    reason: Paragraph = Field("", max_length=500)


@router.post("/api/admin/videos/{video_id}/takedown")
async def take_down(video_id: str, body: ActionBody, session: SessionDep, user: CurrentUser) -> dict:
    video = await queue.take_down_video(session, user, video_id, reason=body.reason)
    await session.commit()
    return {"id": video.id, "taken_down": True}


@router.post("/api/admin/users/{user_id}/ban")
async def ban(user_id: str, body: ActionBody, session: SessionDep, user: CurrentUser) -> dict:
    banned = await queue.ban_user(session, user, user_id, reason=body.reason)
    await session.commit()
    return {"id": banned.id, "banned": True}


@router.get("/api/admin/videos/{video_id}/content")
async def reported_video(video_id: str, svc: ServicesDep, session: SessionDep, user: CurrentUser):
    """Moderators watch what was reported, taken down or not."""
    queue.require_admin(user)
    video = await session.get(Video, video_id) if is_valid_id(video_id, "video") else None
    if video is None or not video.video_key:
        raise NotFound("No such video.", param="video_id")
    try:
        path = await asyncio.to_thread(svc.store.local_path, video.video_key)  # a remote store downloads it
    except FileNotFoundError as exc:
        raise NotFound("The video file is gone.", param="video_id") from exc
    return FileResponse(path, media_type="video/mp4")


def audit_json(entry: AuditEntry) -> dict:
    return {"id": entry.id, "actor_id": entry.actor_id, "action": entry.action, "target_type": entry.target_type,
            "target_id": entry.target_id, "details": entry.details, "created_at": int(entry.created_at)}


@router.get("/api/admin/audit")
async def audit(session: SessionDep, user: CurrentUser) -> dict:
    return {"data": [audit_json(e) for e in await queue.audit_log(session, user)]}
