"""Video engines: what every engine is (the `Engine` protocol) and what it writes.

An engine turns a plan into an mp4 in the job's work folder. It knows nothing about users, jobs or
databases: it gets the plan, the request, a folder, a progress callback and a stop flag. Engines
that make their own soundtrack (LTX-2 generates audio with the video) say so with `has_audio`;
for the others the pipeline adds speech and sound design.

Adding an engine: implement `Engine`, give it a `kind` in the model registry (cielo.generation.registry), and
make it in `ModelCatalog._make` (cielo.generation.catalog), which keeps one engine per model and process.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol


if TYPE_CHECKING:
    from cielo.generation.frames import FrameFilter
    from cielo.generation.plan import Plan
    from cielo.generation.request import GenerationRequest

ProgressFn = Callable[[float], None]  # fraction 0..1 of the engine's own work
StopFn = Callable[[], bool]

RENDER_FILE = "render.mp4"  # what an engine writes in the work folder (atomically)


@dataclass(frozen=True)
class RenderedVideo:
    path: Path  # mp4 with one H.264 stream, the request's size and fps, and the full duration
    has_audio: bool  # True when the engine made the soundtrack itself


class Engine(Protocol):
    name: str  # "preview", "diffusers", "remote"
    neural: bool  # False for the preview engine: it draws, it does not generate
    makes_audio: bool  # True when render() returns video with its own soundtrack (LTX-2 style)

    def describe(self, request: GenerationRequest) -> dict[str, Any]:
        """What metadata.json records about how this request is rendered (no side effects)."""
        ...

    def render(
        self, plan: Plan, request: GenerationRequest, workdir: Path, progress: ProgressFn, should_stop: StopFn,
        filters: Sequence[FrameFilter] = (),
    ) -> RenderedVideo:
        """Write workdir / RENDER_FILE and return it, its frames passed through `filters` on their way into
        its one encode (media.VideoWriter does that). Poll should_stop() between frames (or steps)
        and raise GenerationCancelled promptly; never leave a partial RENDER_FILE behind."""
        ...

    def discard(self, workdir: Path) -> None:
        """The job of `workdir` will not resume (cancelled, failed): release what the engine holds for it
        outside the folder, such as a remote job. Engines that hold nothing do nothing."""
        ...
