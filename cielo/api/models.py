"""`GET /v1/models` and `GET /v1/models/{id}`: what this server can render, in OpenAI's model shape, with
Cielo's own details under `cielo` (clients ignore keys they do not know). Aliases (`sora-2`, the dated
snapshots, the operator's own) are listed too, each saying which model answers to it."""

from __future__ import annotations

from fastapi import APIRouter

from cielo.api.deps import CurrentUser, ServicesDep
from cielo.api.schema import ERRORS
from cielo.config import VALID_SECONDS, VALID_SIZES, Settings
from cielo.errors import NotFound
from cielo.generation.catalog import ModelCatalog
from cielo.generation.errors import GenerationError
from cielo.generation.request import PREVIEW_MODEL

router = APIRouter(prefix="/v1/models", tags=["models"], responses=ERRORS)

# A fixed creation time: the models here have no release date of their own (OpenAI's field is required).
CREATED = 1759708800  # 2025-10-06, the first sora-2 snapshot


def _ready(models: ModelCatalog, name: str) -> bool:
    try:
        models.check_ready(name)
    except GenerationError:
        return False
    return True


def _details(models: ModelCatalog, name: str) -> dict:
    spec = models.spec(name)
    if name == PREVIEW_MODEL or spec is None:
        return {"kind": "preview", "neural": False, "makes_audio": False, "sizes": list(VALID_SIZES),
                "seconds": list(VALID_SECONDS)}
    return {"kind": spec.kind, "neural": True, "makes_audio": spec.kind == "ltx2" and not spec.speech_model,
            "steps": spec.steps, "native_sizes": list(spec.sizes), "sizes": list(VALID_SIZES),
            "seconds": list(VALID_SECONDS), "description": spec.description}


def served_models(settings: Settings, models: ModelCatalog) -> list[dict]:
    """The models that can render here now, then the aliases that answer to them."""
    ready = [name for name in models.names() if _ready(models, name)]
    served = [{"id": name, "object": "model", "created": CREATED, "owned_by": "cielo",
               "cielo": _details(models, name) | {"default": name == settings.resolve_model(None)}} for name in ready]
    for alias, target in settings.alias_names().items():
        if target in ready and alias not in ready:
            served.append({"id": alias, "object": "model", "created": CREATED, "owned_by": "cielo",
                           "cielo": _details(models, target) | {"alias_of": target}})
    return served


@router.get("", summary="The models this server can render, and the names it accepts for them")
async def list_models(svc: ServicesDep, _user: CurrentUser) -> dict:
    return {"object": "list", "data": served_models(svc.settings, svc.models)}


@router.get("/{model_id}", summary="One model this server can render")
async def retrieve_model(model_id: str, svc: ServicesDep, _user: CurrentUser) -> dict:
    for model in served_models(svc.settings, svc.models):
        if model["id"] == model_id:
            return model
    raise NotFound(f"The model {model_id[:100]!r} does not exist or is not served here.", param="model",
                   code="model_not_found")
