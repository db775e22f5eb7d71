"""Where trained adapters live: one folder per model and cameo, `$CIELO_HOME/loras/<model>/<cameo>/`,
holding `pytorch_lora_weights.safetensors` (diffusers' LoRA format) and `training.json`."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterable
from pathlib import Path

from cielo.config import Settings
from cielo.generation.registry import loras_dir

WEIGHT_NAME = "pytorch_lora_weights.safetensors"
RECORD_NAME = "training.json"
_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


def _is_safe(part: str) -> bool:
    """Whether `part` can name a folder under the adapters folder without leaving it."""
    return bool(_KEY.match(part)) and ".." not in part


def adapter_dir(settings: Settings, model: str, cameo: str) -> Path:
    """The folder of `cameo`'s adapter for `model` (which may not exist yet). Handles are
    case-insensitive, like the cameos they name."""
    cameo = cameo.lstrip("@").lower()
    for part in (model, cameo):
        if not _is_safe(part):
            raise ValueError(f"{part!r} is not a safe folder name")
    return loras_dir(settings) / model / cameo


def has_adapter(settings: Settings, model: str, cameo: str) -> bool:
    return (adapter_dir(settings, model, cameo) / WEIGHT_NAME).is_file()


def cameo_adapters(settings: Settings, model: str, handles: Iterable[str]) -> list[Path]:
    """The adapters trained for `model` of the cameos `handles` (a request's cameos, consent already checked)."""
    return [
        adapter_dir(settings, model, handle)
        for handle in dict.fromkeys(handles)
        if _is_safe(handle.lstrip("@")) and has_adapter(settings, model, handle)
    ]


def erase_adapters(settings: Settings, cameo: str) -> int:
    """Delete `cameo`'s adapters for every model (they hold a likeness too); returns how many went."""
    cameo = cameo.lstrip("@").lower()
    root = loras_dir(settings)
    if not _is_safe(cameo) or not root.is_dir():
        return 0
    erased = 0
    for folder in root.glob(f"*/{cameo}"):
        if folder.is_dir():
            shutil.rmtree(folder)
            erased += 1
    return erased
