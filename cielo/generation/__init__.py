"""Video generation: the staged pipeline, the plan, engines and media helpers.

from cielo.generation import GenerationRequest, run_pipeline
result = run_pipeline(GenerationRequest("a fox on the beach at sunset", 4, 720, 1280, seed=1), workdir)
"""

from cielo.generation.errors import GenerationCancelled, GenerationError
from cielo.generation.pipeline import run_pipeline
from cielo.generation.request import PREVIEW_MODEL, GenerationRequest, GenerationResult

__all__ = [
    "PREVIEW_MODEL",
    "GenerationCancelled",
    "GenerationError",
    "GenerationRequest",
    "GenerationResult",
    "run_pipeline",
]
