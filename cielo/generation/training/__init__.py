"""Trained likeness: LoRA adapters of a cameo for a model, trained on the cameo's reference frames,
stored per model and cameo, and loaded by the diffusers engine when a request uses that cameo
(`GenerationRequest.cameos`, filled by the worker after checking consent).

    from cielo.generation.training import train_cameo_lora
    result = train_cameo_lora(settings, "wan2.1-t2v-1.3b", "ana", frames, progress=..., should_stop=...)

Importing this package is cheap; torch, diffusers and peft load when training starts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from cielo.config import Settings
from cielo.generation.training.store import adapter_dir, cameo_adapters, erase_adapters, has_adapter

if TYPE_CHECKING:
    from cielo.generation.training.lora import LoraTrainingConfig, LoraTrainingResult

__all__ = ["adapter_dir", "cameo_adapters", "caption_for", "erase_adapters", "has_adapter", "train_cameo_lora"]


def caption_for(cameo: str) -> str:
    """The caption the adapter is trained with: the same @handle a prompt uses to call the cameo."""
    return f"a photo of @{cameo}"


def train_cameo_lora(
    settings: Settings,
    model: str,
    cameo: str,
    images: Sequence[Path],
    *,
    config: LoraTrainingConfig | None = None,
    progress: Callable[[float], None] = lambda f: None,
    should_stop: Callable[[], bool] = lambda: False,
) -> LoraTrainingResult:
    """Train (or retrain) `cameo`'s adapter for the registry model `model`. `cameo` is a handle, with or
    without its @; the caption keeps its case, the adapter's folder does not (handles are case-insensitive)."""
    from cielo.generation.errors import GenerationError
    from cielo.generation.registry import load_registry
    from cielo.generation.training.lora import LoraTrainingConfig, train_lora

    cameo = cameo.lstrip("@")
    spec = load_registry(settings).get(model)
    if spec is None:
        raise GenerationError("model_not_found", f"unknown model {model!r}")
    return train_lora(
        spec,
        images,
        adapter_dir(settings, model, cameo),
        caption=caption_for(cameo),
        config=config or LoraTrainingConfig(),
        progress=progress,
        should_stop=should_stop,
    )
