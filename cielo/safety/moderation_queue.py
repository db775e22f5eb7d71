"""Reports, the moderation queue, takedowns and bans; every action lands in the audit log."""

from __future__ import annotations

import time

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from cielo.db.models import AuditEntry, Comment, Post, Report, User, Video
from cielo.errors import Conflict, Forbidden, InvalidInput, NotFound
from cielo.ids import is_valid_id, new_id

TARGETS = {"video": ("video", Video), "comment": ("cmt", Comment), "user": ("usr", User)}
REASONS = ("sexual", "minors", "violence", "self_harm", "hate", "harassment", "impersonation", "copyright",
           "spam", "other")
ACTIONS = ("dismiss", "takedown", "ban")


def require_admin(user: User) -> None:
    if not user.is_admin:
        raise Forbidden("Only moderators can do this.", code="not_a_moderator")


async def audit(session: AsyncSession, actor: User | None, action: str, target_type: str, target_id: str,
                **details: object) -> None:
    session.add(AuditEntry(id=new_id("aud"), actor_id=actor.id if actor else None, action=action,
                           target_type=target_type, target_id=target_id, details=details))


async def file_report(session: AsyncSession, reporter: User, *, target_type: str, target_id: str, reason: str,
                      details: str = "") -> Report:
    if target_type not in TARGETS:
        raise InvalidInput(f"target_type must be one of {', '.join(TARGETS)}.", param="target_type")
    if reason not in REASONS:
        raise InvalidInput(f"reason must be one of {', '.join(REASONS)}.", param="reason")
    if len(details or "") > 2000:
        raise InvalidInput("details are at most 2000 characters.", param="details")
    prefix, model = TARGETS[target_type]
    target = await session.get(model, target_id) if is_valid_id(target_id or "", prefix) else None
    if target is None:
        raise NotFound(f"No {target_type} {target_id!r} to report.", param="target_id")
    report = Report(id=new_id("rep"), reporter_id=reporter.id, target_type=target_type, target_id=target_id,
                    reason=reason, details=details or "", status="open")
    session.add(report)
    await audit(session, reporter, "report", target_type, target_id, reason=reason, report_id=report.id)
    await session.flush()
    return report


async def list_reports(session: AsyncSession, admin: User, status: str = "open", limit: int = 100) -> list[Report]:
    require_admin(admin)
    return list(await session.scalars(
        select(Report).where(Report.status == status).order_by(Report.created_at).limit(limit)))


async def take_down_video(session: AsyncSession, admin: User, video_id: str, *, reason: str) -> Video:
    """Off every feed, page and download at once; the owner keeps the row (and sees why)."""
    require_admin(admin)
    video = await session.get(Video, video_id) if is_valid_id(video_id or "", "video") else None
    if video is None:
        raise NotFound("No such video.", param="video_id")
    now = time.time()
    video.taken_down_at = video.taken_down_at or now
    await session.execute(update(Post).where(Post.video_id == video.id).values(taken_down_at=now))
    await audit(session, admin, "takedown", "video", video.id, reason=reason)
    return video


async def ban_user(session: AsyncSession, admin: User, user_id: str, *, reason: str) -> User:
    """The account can no longer sign in or use its keys, and its published videos come down."""
    require_admin(admin)
    user = await session.get(User, user_id) if is_valid_id(user_id or "", "usr") else None
    if user is None:
        raise NotFound("No such user.", param="user_id")
    if user.is_admin:
        raise Conflict("Administrators cannot be banned here; remove their role first.")
    now = time.time()
    user.banned_at = user.banned_at or now
    await session.execute(update(Video).where(Video.user_id == user.id, Video.taken_down_at.is_(None))
                          .values(taken_down_at=now))
    await session.execute(update(Post).where(Post.user_id == user.id, Post.taken_down_at.is_(None))
                          .values(taken_down_at=now))
    await audit(session, admin, "ban", "user", user.id, reason=reason)
    return user


async def resolve_report(session: AsyncSession, admin: User, report_id: str, action: str) -> Report:
    require_admin(admin)
    if action not in ACTIONS:
        raise InvalidInput(f"action must be one of {', '.join(ACTIONS)}.", param="action")
    report = await session.get(Report, report_id) if is_valid_id(report_id or "", "rep") else None
    if report is None:
        raise NotFound("No such report.", param="report_id")
    if report.status != "open":
        raise Conflict(f"This report was already {report.status}.")
    reason = f"report {report.id}: {report.reason}"
    if action == "takedown":
        if report.target_type == "video":
            await take_down_video(session, admin, report.target_id, reason=reason)
        elif report.target_type == "comment":
            comment = await session.get(Comment, report.target_id)
            if comment is not None:
                await session.delete(comment)
            await audit(session, admin, "remove_comment", "comment", report.target_id, reason=reason)
        else:
            raise InvalidInput("A user is not taken down; ban them instead.", param="action")
    elif action == "ban":
        user_id = report.target_id
        if report.target_type == "video":
            user_id = (await session.get(Video, report.target_id)).user_id
        elif report.target_type == "comment":
            comment = await session.get(Comment, report.target_id)
            if comment is None:
                raise Conflict("The reported comment is gone; ban its author from their profile.")
            user_id = comment.user_id
        await ban_user(session, admin, user_id, reason=reason)
    else:
        await audit(session, admin, "dismiss", report.target_type, report.target_id, report_id=report.id)
    report.status = "dismissed" if action == "dismiss" else "actioned"
    report.resolution = action
    report.resolved_by_id = admin.id
    report.resolved_at = time.time()
    return report


async def audit_log(session: AsyncSession, admin: User, limit: int = 200) -> list[AuditEntry]:
    require_admin(admin)
    return list(await session.scalars(select(AuditEntry).order_by(AuditEntry.created_at.desc()).limit(limit)))
