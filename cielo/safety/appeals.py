"""Appeals of moderation refusals ("This was wrong"), the instance's allow examples, and their export.

A person appeals a refusal with the prompt; the server checks it again, exactly as it would create a video,
and files the decision it makes now (a prompt that passes now is not an appeal). A moderator allows it,
which adds the refused text to the instance's allow examples (the classifier treats it and near copies as
harmless from then on, and the exact text passes), or upholds it. Both are audited. Resolved appeals
export as labelled rows for the evaluation set (tests/safety/data/README.md says what labels mean).

Every process keeps its own copy of the allow examples in its SafetyGuard; `sync_allow_examples` reloads it
when the table changed, before any check that must agree with the others (API and workers alike).
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from cielo.db.models import ModerationAllowExample, ModerationAppeal, User
from cielo.errors import Conflict, InvalidInput, NotFound, RateLimited
from cielo.generation.plan import detect_language
from cielo.ids import is_valid_id, new_id
from cielo.safety.guard import ModerationBlocked, SafetyGuard, spoken_lines
from cielo.safety.moderation_queue import audit, require_admin
from cielo.safety.text import canonical

ACTIONS = ("allow", "uphold")
STATUSES = ("open", "allowed", "upheld")
MAX_OPEN_APPEALS = 20  # a person's appeals waiting for a moderator
MAX_NOTE_CHARS = 1000
# No appeal can unlock these here: child safety, and names whose owners must consent (a cameo) or be delisted.
NOT_ALLOWABLE = ("minors", "public_figures", "copyrighted_characters")


async def sync_allow_examples(session: AsyncSession, guard: SafetyGuard) -> None:
    """Give `guard` the instance's allow examples if they changed since it last got them."""
    count, newest = (
        await session.execute(select(func.count(), func.max(ModerationAllowExample.created_at)))
    ).one()
    stamp = (int(count or 0), float(newest or 0.0))
    if stamp == guard.allow_examples_stamp:
        return
    texts = list(
        await session.scalars(select(ModerationAllowExample.text).order_by(ModerationAllowExample.created_at))
    )
    guard.set_allow_examples(texts)
    guard.allow_examples_stamp = stamp


def refusal(guard: SafetyGuard, prompt: str, *, teen: bool) -> ModerationBlocked | None:
    """What the server refuses about `prompt` now: the prompt itself, else one of its spoken lines."""
    try:
        guard.check_prompt(prompt, teen=teen)
    except ModerationBlocked as blocked:
        return blocked
    return guard.blocked_line(spoken_lines(prompt), teen=teen)


async def file_appeal(
    session: AsyncSession,
    guard: SafetyGuard,
    settings_max_chars: int,
    user: User,
    *,
    prompt: str,
    note: str = "",
) -> ModerationAppeal:
    prompt = (prompt or "").strip()
    if not prompt:
        raise InvalidInput("prompt must not be empty.", param="prompt", code="empty_prompt")
    if len(prompt) > settings_max_chars:
        raise InvalidInput(
            f"prompt is longer than {settings_max_chars} characters.", param="prompt", code="prompt_too_long"
        )
    if len(note or "") > MAX_NOTE_CHARS:
        raise InvalidInput(f"note is at most {MAX_NOTE_CHARS} characters.", param="note")
    await sync_allow_examples(session, guard)
    blocked = refusal(guard, prompt, teen=user.is_teen)
    if blocked is None:
        raise Conflict(
            "This prompt is not refused now; try creating the video again.",
            param="prompt",
            code="not_blocked",
        )
    existing = await session.scalar(
        select(ModerationAppeal).where(
            ModerationAppeal.user_id == user.id,
            ModerationAppeal.status == "open",
            ModerationAppeal.prompt == prompt,
        )
    )
    if existing is not None:
        return existing
    waiting = await session.scalar(
        select(func.count())
        .select_from(ModerationAppeal)
        .where(ModerationAppeal.user_id == user.id, ModerationAppeal.status == "open")
    )
    if waiting >= MAX_OPEN_APPEALS:
        raise RateLimited(
            f"You have {waiting} appeals waiting for a moderator; wait for them to be answered.",
            retry_after=3600,
            code="too_many_appeals",
        )
    appeal = ModerationAppeal(
        id=new_id("appeal"),
        user_id=user.id,
        prompt=prompt,
        line=blocked.line,
        profile=blocked.result.profile,
        policy=blocked.result.policy or "",
        decision=blocked.details(),
        note=note or "",
        lang=detect_language(blocked.line or prompt),
        status="open",
    )
    session.add(appeal)
    await audit(session, user, "appeal", "appeal", appeal.id, policy=appeal.policy, profile=appeal.profile)
    await session.flush()
    return appeal


async def list_appeals(
    session: AsyncSession, admin: User, status: str = "open", limit: int = 100
) -> list[ModerationAppeal]:
    require_admin(admin)
    if status not in STATUSES:
        raise InvalidInput(f"status must be one of {', '.join(STATUSES)}.", param="status")
    return list(
        await session.scalars(
            select(ModerationAppeal)
            .where(ModerationAppeal.status == status)
            .order_by(ModerationAppeal.created_at)
            .limit(limit)
        )
    )


async def user_appeals(session: AsyncSession, user: User, limit: int = 50) -> list[ModerationAppeal]:
    return list(
        await session.scalars(
            select(ModerationAppeal)
            .where(ModerationAppeal.user_id == user.id)
            .order_by(ModerationAppeal.created_at.desc())
            .limit(limit)
        )
    )


async def resolve_appeal(
    session: AsyncSession, guard: SafetyGuard, admin: User, appeal_id: str, action: str
) -> ModerationAppeal:
    require_admin(admin)
    if action not in ACTIONS:
        raise InvalidInput(f"action must be one of {', '.join(ACTIONS)}.", param="action")
    appeal = (
        await session.get(ModerationAppeal, appeal_id) if is_valid_id(appeal_id or "", "appeal") else None
    )
    if appeal is None:
        raise NotFound("No such appeal.", param="appeal_id")
    if appeal.status != "open":
        raise Conflict(f"This appeal was already {appeal.status}.", code="appeal_resolved")
    text = appeal.line or appeal.prompt
    if action == "allow":
        if appeal.policy in NOT_ALLOWABLE:
            raise Conflict(
                "A child-safety refusal or a name on the protected lists cannot be allowed on appeal.",
                param="action",
                code="not_allowable",
            )
        known = {canonical(t) for t in await session.scalars(select(ModerationAllowExample.text))}
        if canonical(text) not in known:
            session.add(
                ModerationAllowExample(
                    id=new_id("allow"), text=text, appeal_id=appeal.id, added_by_id=admin.id
                )
            )
        appeal.status, appeal.label, appeal.strict_label = "allowed", "allowed", None
        await audit(
            session,
            admin,
            "appeal_allow",
            "appeal",
            appeal.id,
            policy=appeal.policy,
            text=text,
            added_allow_example=True,
        )
    else:
        appeal.status = "upheld"
        appeal.label, appeal.strict_label = _upheld_labels(guard, appeal, text)
        await audit(session, admin, "appeal_uphold", "appeal", appeal.id, policy=appeal.policy)
    appeal.resolved_by_id = admin.id
    appeal.resolved_at = time.time()
    await session.flush()
    if action == "allow":
        await sync_allow_examples(session, guard)
    return appeal


def _upheld_labels(guard: SafetyGuard, appeal: ModerationAppeal, text: str) -> tuple[str, str | None]:
    """The evaluation set's labels for a refusal a moderator confirmed. A teen's refusal is the adults' label
    only when the standard profile refuses it too (a drug scene is refused for teens alone)."""
    if appeal.profile == "standard":
        return appeal.policy, None
    adults = guard.moderator.check(text, "standard")
    return (adults.policy, appeal.policy) if adults.flagged else ("allowed", appeal.policy)


async def export_rows(session: AsyncSession, admin: User) -> list[dict[str, Any]]:
    """Resolved appeals as labelled rows (JSON lines of the evaluation set), oldest first."""
    require_admin(admin)
    rows = []
    for appeal in await session.scalars(
        select(ModerationAppeal)
        .where(ModerationAppeal.status != "open")
        .order_by(ModerationAppeal.resolved_at)
    ):
        row: dict[str, Any] = {
            "text": appeal.line or appeal.prompt,
            "lang": appeal.lang,
            "label": appeal.label,
        }
        if appeal.strict_label:
            row["strict_label"] = appeal.strict_label
        row |= {
            "source": "appeal",
            "appeal_id": appeal.id,
            "refused_as": appeal.policy,
            "profile": appeal.profile,
        }
        rows.append(row)
    return rows


def appeal_json(appeal: ModerationAppeal) -> dict[str, Any]:
    return {
        "id": appeal.id,
        "object": "moderation.appeal",
        "prompt": appeal.prompt,
        "line": appeal.line,
        "profile": appeal.profile,
        "policy": appeal.policy,
        "decision": appeal.decision,
        "note": appeal.note,
        "status": appeal.status,
        "created_at": int(appeal.created_at),
        "resolved_at": int(appeal.resolved_at) if appeal.resolved_at else None,
    }
