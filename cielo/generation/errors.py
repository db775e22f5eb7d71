"""Errors the generation pipeline raises; each carries a stable machine-readable code.

They are CieloErrors (cielo.errors), so the platform has one error root: a generation error that reaches a
person is answered like any other, in OpenAI's shape and their language where the code is catalogued.
"""

from __future__ import annotations

from cielo.errors import CieloError


class GenerationError(CieloError):
    """A generation failed for a reason the caller can report.

    `code` is stable and machine-readable ("invalid_input_reference", "model_not_found",
    "model_unavailable", "invalid_source_video", "output_blocked", "cancelled", ...); `message` is for
    people and never contains a stack trace.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message, code=code)

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


class GenerationCancelled(GenerationError):
    """`should_stop()` asked the pipeline to stop; nothing final was written by the current stage."""

    def __init__(self, message: str = "generation was cancelled") -> None:
        super().__init__("cancelled", message)
