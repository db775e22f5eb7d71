"""`GET /v1/models` and `GET /v1/models/{id}`: what this server can render, in OpenAI's model shape, with
Cielo's own details under `cielo` (clients ignore keys they do not know). Aliases (`sora-2`, the dated
snapshots, the operator's own) are listed too, each saying which model answers to it."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from cielo.api.deps import Services, current_user, services
from cielo.api.schema import ERRORS
from cielo.config import VALID_SECONDS, VALID_SIZES, Settings
from cielo.db.models import User
from cielo.errors import NotFound
from cielo.generation.errors import GenerationError

router = APIRouter(prefix="/v1/models", tags=["models"], responses=ERRORS)

# A fixed creation time: the models here have no release date of their own (OpenAI's field is required).
CREATED = 1759708800  # 2025-10-06, the first sora-2 snapshot


def _ready(name: str) -> bool:
    from cielo.generation.registry import check_model_ready

    try:
        check_model_ready(name)
    except GenerationError:
        return False
    return True


def _details(name: str) -> dict:
    from cielo.generation.registry import active_specs
    from cielo.generation.request import PREVIEW_MODEL

    spec = active_specs().get(name)
    if name == PREVIEW_MODEL or spec is None:
        return {"kind": "preview", "neural": False, "makes_audio": False, "sizes": list(VALID_SIZES),
                "seconds": list(VALID_SECONDS)}
    return {"kind": spec.kind, "neural": True, "makes_audio": spec.kind == "ltx2", "steps": spec.steps,
            "native_sizes": list(spec.sizes), "sizes": list(VALID_SIZES), "seconds": list(VALID_SECONDS),
            "description": spec.description}


def served_models(settings: Settings) -> list[dict]:
    from cielo.generation.engines import available_models

    from cielo.generation.registry import active_specs

    audio_only = {name for name, spec in active_specs().items() if not spec.serves_requests}  # they make no video
    ready = [name for name in available_models() if name not in audio_only and _ready(name)]
    models = [{"id": name, "object": "model", "created": CREATED, "owned_by": "cielo",
               "cielo": _details(name) | {"default": name == settings.resolve_model(None)}} for name in ready]
    for alias, target in settings.alias_names().items():
        if target in ready and alias not in ready:
            models.append({"id": alias, "object": "model", "created": CREATED, "owned_by": "cielo",
                           "cielo": _details(target) | {"alias_of": target}})
    return models


@router.get("", summary="The models this server can render, and the names it accepts for them")
async def list_models(svc: Services = Depends(services), _user: User = Depends(current_user)) -> dict:
    return {"object": "list", "data": served_models(svc.settings)}


@router.get("/{model_id}", summary="One model this server can render")
async def retrieve_model(model_id: str, svc: Services = Depends(services), _user: User = Depends(current_user)) -> dict:
    for model in served_models(svc.settings):
        if model["id"] == model_id:
            return model
    raise NotFound(f"The model {model_id[:100]!r} does not exist or is not served here.", param="model",
                   code="model_not_found")
