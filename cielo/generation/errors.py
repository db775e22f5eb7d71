"""Errors the generation pipeline raises; each carries a stable machine-readable code."""

from __future__ import annotations


class GenerationError(Exception):
    """A generation failed for a reason the caller can report.

    `code` is stable and machine-readable ("invalid_input_reference", "model_not_found",
    "engine_unavailable", "invalid_source_video", "invalid_request", "cancelled"); `message` is
    for people and never contains a stack trace.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


class GenerationCancelled(GenerationError):
    """`should_stop()` asked the pipeline to stop; nothing final was written by the current stage."""

    def __init__(self, message: str = "generation was cancelled") -> None:
        super().__init__("cancelled", message)
