"""What a video job renders: written once, when the service accepts the request, and read by the worker.

The columns of `videos` serve lists, feeds and the API's answers; the spec is the job itself, typed, in one
JSON column (`videos.spec`), so the worker never rebuilds a request from columns plus a loose JSON of extras.
Outputs (the generation metadata, the safety report) go to `videos.details` when the job ends.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any


@dataclass(frozen=True)
class VideoSpec:
    model: str  # the model that renders it (an alias already resolved)
    requested_model: str  # what the request named ("sora-2", an alias, the model itself)
    prompt: str
    new_seconds: int  # seconds of new content: the whole video, or what an extension adds
    width: int
    height: int
    seed: int
    mode: str  # generate | remix | edit | extend
    source_video_id: str | None = None  # the Cielo video a remix, edit or extension starts from
    source_key: str | None = None  # an uploaded source clip in the media store (edit, extend)
    source_prompt: str | None = None  # a remix's source prompt
    input_reference_key: str | None = None  # the first-frame image in the media store

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> VideoSpec:
        names = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in names})
