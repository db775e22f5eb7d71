"""Shared fixtures: one small generated video reused by many tests (rendering is the slow part)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from cielo.generation import GenerationRequest, GenerationResult, run_pipeline

DIALOGUE_PROMPT = 'A fox on the beach at sunset. Ana: "Hola, ¿qué tal estás hoy?" Bob says "I am fine, thank you very much."'


def _small_request(prompt: str = DIALOGUE_PROMPT, **overrides) -> GenerationRequest:
    fields = {"prompt": prompt, "seconds": 4, "width": 180, "height": 320, "seed": 11, **overrides}
    return GenerationRequest(**fields)


@pytest.fixture(scope="session")
def small_request() -> Callable[..., GenerationRequest]:
    """Factory for small, quick requests: 4 s at 180x320 unless overridden."""
    return _small_request


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> GenerationResult:
    """A 4 s 180x320 video with two speakers (Spanish and English lines)."""
    progress: list[tuple[float, str]] = []
    result = run_pipeline(
        _small_request(),
        tmp_path_factory.mktemp("generated"),
        progress=lambda f, stage: progress.append((f, stage)),
    )
    result.metadata["_progress"] = progress  # for the progress test; not part of the real metadata
    return result


@pytest.fixture(scope="session")
def reference_image(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A bold, easy-to-recognise image: red left half, blue right half, a yellow disc."""
    path = tmp_path_factory.mktemp("reference") / "reference.png"
    image = np.zeros((400, 300, 3), np.uint8)
    image[:, :150] = (200, 40, 40)
    image[:, 150:] = (40, 60, 200)
    yy, xx = np.mgrid[0:400, 0:300]
    image[(yy - 200) ** 2 + (xx - 150) ** 2 < 60**2] = (240, 220, 40)
    Image.fromarray(image).save(path)
    return path
