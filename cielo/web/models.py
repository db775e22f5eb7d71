"""What the composer offers: the models this server can render now, each with how fast it has been here, and
the output sizes under friendly names."""

from __future__ import annotations

import statistics

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from cielo.config import Settings
from cielo.db.models import Video
from cielo.generation.errors import GenerationError
from cielo.generation.catalog import ModelCatalog
from cielo.web.i18n import N_

SPEED_SAMPLE = 50  # recent finished videos of a model its speed is measured on

# The sizes the API accepts, as a person picks them.
SIZE_NAMES = {
    "720x1280": N_("Vertical"),
    "1280x720": N_("Horizontal"),
    "1024x1792": N_("Vertical HD"),
    "1792x1024": N_("Horizontal HD"),
    "1080x1920": N_("Vertical Full HD"),
    "1920x1080": N_("Horizontal Full HD"),
}


def can_render(models: ModelCatalog, model: str, mode: str = "generate") -> bool:
    try:
        models.check_ready(model, mode)
    except GenerationError:
        return False
    return True


async def _render_speed(session: AsyncSession, model: str) -> float | None:
    """Median seconds of rendering per second of video over the model's recent finished videos here."""
    rows = (
        await session.execute(
            select(Video.started_at, Video.completed_at, Video.seconds)
            .where(Video.model == model, Video.status == "completed", Video.started_at.is_not(None))
            .order_by(Video.completed_at.desc())
            .limit(SPEED_SAMPLE)
        )
    ).all()
    ratios = [
        (done - started) / max(1.0, float(seconds)) for started, done, seconds in rows if done and started
    ]
    return statistics.median(ratios) if ratios else None


async def model_menu(session: AsyncSession, settings: Settings, models: ModelCatalog) -> list[dict]:
    """Every model that can make a new video here, the default first: its name, whether it is neural, the
    registry's description and the measured speed (None until it has rendered something)."""
    default = settings.resolve_model(None)
    names = [name for name in models.names() if can_render(models, name)]
    names.sort(key=lambda name: (name != default, name))
    menu = []
    for name in names:
        spec = models.spec(name)
        menu.append(
            {
                "name": name,
                "default": name == default,
                "neural": spec is not None,
                "description": spec.description if spec else "",
                "seconds_per_second": await _render_speed(session, name),
            }
        )
    return menu
