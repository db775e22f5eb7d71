"""The typed cameo reference: everything a renderer needs to know about a cameo in a video, and nothing else."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class CameoRef:
    """A cameo this video uses, as an engine needs it: who (the @handle the prompt names), what it looks
    like (a reference crop: a padded, upright face for a person, the subject for a character) and how it
    speaks (an espeak-ng voice id such as "en+f3/p60", or None for the plan's own choice)."""

    handle: str
    name: str
    face_png: Path
    voice: str | None = None
    kind: str = "person"  # person | character
    embedding: tuple[float, ...] = ()  # the cameo's 128-d face embedding (persons): the identity metric's reference
    voice_recording: Path | None = None  # the owner's recorded voice (WAV), when they let it speak their lines
    voice_transcript: str = ""  # the words said in that recording
