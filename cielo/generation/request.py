"""What a caller asks the pipeline for, and what it gets back."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cielo.likeness.reference import CameoRef

PREVIEW_MODEL = "cielo-preview"
MODES = ("generate", "remix", "edit", "extend")


@dataclass(frozen=True)
class GenerationRequest:
    prompt: str
    seconds: int  # duration of NEW content in seconds (4, 8, 12, 16, 20); ignored by edit
    width: int
    height: int
    seed: int
    mode: str = "generate"  # "generate" | "remix" | "edit" | "extend"
    input_reference: Path | None = None  # image guiding the first frame / backdrop
    source_video: Path | None = None  # mp4 of the source video for edit / extend (and remix if given)
    source_prompt: str | None = None  # the source video's prompt, for remix
    fps: int = 24
    model: str = PREVIEW_MODEL
    reference_images: tuple[Path, ...] = ()  # cameo reference images (Wan VACE puts them in the video)
    lora_adapters: tuple[Path, ...] = ()  # LoRA folders (a cameo's trained likeness) loaded for this request
    cameos: tuple[CameoRef, ...] = ()  # cameos the prompt names (@handle) or the request adds


@dataclass
class GenerationResult:
    video: Path  # H.264 + AAC mp4 inside workdir
    thumbnail: Path  # webp
    spritesheet: Path  # jpg grid
    seconds: float  # actual duration of the output
    metadata: dict[str, Any]  # JSON-serialisable: engine, neural, model, plan summary, stage timings
