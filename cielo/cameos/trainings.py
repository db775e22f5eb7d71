"""Likeness trainings, the owner's side: ask for a cameo's LoRA adapter for a model, follow its progress,
cancel it. The training itself runs in a worker (cielo.jobs.trainings) on the cameo's stored reference
frames; the adapter is then loaded whenever a video uses the cameo with that model.

Only a cameo's owner may train it, one training per cameo and model at a time. A model is offered when it
is of a kind that trains (Wan, LTX-2) and its weights are on this server.
"""

from __future__ import annotations

import time

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from cielo.cameos.service import own_cameo
from cielo.config import Settings
from cielo.db.models import LikenessTraining, User
from cielo.errors import Conflict, InvalidInput, NotFound
from cielo.generation.errors import GenerationError
from cielo.generation.catalog import ModelCatalog
from cielo.generation.registry import TRAINABLE_KINDS, check_ready
from cielo.ids import is_valid_id, new_id
from cielo.jobs.lease import end

ACTIVE = ("queued", "in_progress")


def trainable_models(models: ModelCatalog) -> list[str]:
    """The models a likeness can be trained for here now: a trainable kind, with its weights present."""
    names = []
    for name, spec in sorted(models.specs.items()):
        if spec.kind not in TRAINABLE_KINDS:
            continue
        try:
            check_ready(spec)
        except GenerationError:
            continue
        names.append(name)
    return names


def _check_model(models: ModelCatalog, model: str) -> None:
    spec = models.spec(model)
    if spec is None:
        raise InvalidInput(f"Unknown model {model!r}.", param="model", code="model_not_found")
    if spec.kind not in TRAINABLE_KINDS:
        raise InvalidInput(f"A likeness cannot be trained for {model!r}: only {', '.join(TRAINABLE_KINDS)} "
                           "models train.", param="model", code="unsupported_mode")
    try:
        check_ready(spec)
    except GenerationError as exc:
        raise InvalidInput(exc.message, param="model", code=exc.code) from exc


async def request_training(session: AsyncSession, settings: Settings, user: User, cameo_id: str,
                           model: str, *, models: ModelCatalog) -> LikenessTraining:
    """Queue a training of the user's cameo for `model` (which replaces any adapter trained before)."""
    cameo = await own_cameo(session, user, cameo_id, for_update=True)
    _check_model(models, model)
    if not cameo.reference_keys:
        raise InvalidInput("This cameo has no reference frames to train on; record it again.",
                           param="cameo_id", code="invalid_request")
    running = await session.scalar(
        select(LikenessTraining.id).where(LikenessTraining.cameo_id == cameo.id, LikenessTraining.model == model,
                                          LikenessTraining.status.in_(ACTIVE)))
    if running is not None:
        raise Conflict(f"@{cameo.handle} is already being trained for {model} ({running}).",
                       code="training_in_progress")
    training = LikenessTraining(id=new_id("ltr"), cameo_id=cameo.id, user_id=user.id, model=model,
                                steps=settings.lora_steps, status="queued", progress=0, stage="queued",
                                cancel_requested=False, attempts=0, created_at=time.time())
    session.add(training)
    await session.flush()
    return training


async def list_trainings(session: AsyncSession, user: User, cameo_id: str, limit: int = 20) -> list[LikenessTraining]:
    cameo = await own_cameo(session, user, cameo_id)
    return list(await session.scalars(
        select(LikenessTraining).where(LikenessTraining.cameo_id == cameo.id)
        .order_by(LikenessTraining.created_at.desc(), LikenessTraining.id.desc()).limit(limit)))


async def get_training(session: AsyncSession, user: User, cameo_id: str, training_id: str) -> LikenessTraining:
    cameo = await own_cameo(session, user, cameo_id)
    training = None
    if is_valid_id(training_id or "", "ltr"):
        training = await session.get(LikenessTraining, training_id)
    if training is None or training.cameo_id != cameo.id:
        raise NotFound("No such training.", param="training_id")
    return training


async def cancel_training(session: AsyncSession, user: User, cameo_id: str, training_id: str) -> LikenessTraining:
    training = await get_training(session, user, cameo_id, training_id)
    _stop(training, "Cancelled by its owner.")
    return training


async def stop_trainings(session: AsyncSession, cameo_id: str) -> None:
    """Re-recording a cameo makes its trainings on the old likeness pointless: stop them all."""
    active = await session.scalars(select(LikenessTraining).where(
        LikenessTraining.cameo_id == cameo_id, LikenessTraining.status.in_(ACTIVE)).with_for_update())
    for training in active:
        _stop(training, "The cameo was recorded again.")


def _stop(training: LikenessTraining, message: str) -> None:
    """A queued training is cancelled at once; a running one stops at its next step and writes nothing."""
    if training.status == "queued":
        end(training, "cancelled", ("cancelled", message))
    elif training.status == "in_progress":
        training.cancel_requested = True
        training.stage = "cancelling"


def training_json(training: LikenessTraining) -> dict:
    return {
        "id": training.id,
        "object": "cameo.training",
        "cameo_id": training.cameo_id,
        "model": training.model,
        "status": training.status,
        "progress": training.progress,
        "stage": training.stage,
        "steps": training.steps,
        "initial_loss": training.initial_loss,
        "final_loss": training.final_loss,
        "error": ({"code": training.error_code, "message": training.error_message}
                  if training.status in ("failed", "cancelled") else None),
        "created_at": int(training.created_at),
        "completed_at": int(training.completed_at) if training.completed_at else None,
    }
