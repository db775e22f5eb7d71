"""LoRA adapters on a warm pipeline, for one render only.

A warm pipeline serves many users, so adapters are loaded for the render that asks for them and
deleted afterwards (even when the render fails or is cancelled); the next job finds the pipeline as
it was. Adapters come from the registry entry (`loras`: always on, e.g. a step-distillation LoRA), the
request (`lora_adapters`) and the request's cameos that have an adapter trained for this model
(a cameo's likeness, stored by `cielo.generation.training`).
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cielo.generation.errors import GenerationError

WEIGHT_NAME = "pytorch_lora_weights.safetensors"


def _adapter_name(path: Path) -> str:
    return "cielo_" + hashlib.sha1(str(path).encode()).hexdigest()[:12]


@contextlib.contextmanager
def adapters_applied(pipe: Any, paths: list[Path]) -> Iterator[list[str]]:
    """Load every adapter in `paths` into `pipe` (both experts of a two-expert Wan), remove them after."""
    names: list[str] = []
    if paths and not hasattr(pipe, "load_lora_weights"):
        raise GenerationError("invalid_request", f"{type(pipe).__name__} cannot load LoRA adapters")
    try:
        for path in dict.fromkeys(Path(p) for p in paths):
            if not (path / WEIGHT_NAME).is_file() and not path.is_file():
                raise GenerationError("invalid_request", f"LoRA adapter {path} does not exist")
            name = _adapter_name(path)
            source = str(path if path.is_file() else path / WEIGHT_NAME)
            try:
                pipe.load_lora_weights(source, adapter_name=name)
                names.append(name)
                if getattr(pipe, "transformer_2", None) is not None:
                    pipe.load_lora_weights(source, adapter_name=name, load_into_transformer_2=True)
            except (ValueError, KeyError, RuntimeError) as exc:
                raise GenerationError(
                    "invalid_request", f"LoRA adapter {path} does not fit this model: {exc}"
                ) from exc
        if names:
            pipe.set_adapters(names, [1.0] * len(names))
        yield names
    finally:
        if names:
            pipe.delete_adapters(names)
