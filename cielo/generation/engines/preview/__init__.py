"""The preview engine: draws the plan on the CPU with no model weights.

It is not a neural model and says so in its metadata. It exists so the whole platform (queue,
pipeline, feed, remix, extend) works on a laptop, and so every stage has something real to chew on.

Rendering and encoding overlap: a producer thread draws pictures (numpy releases the GIL in its
array work) while the calling thread scales them and feeds x264 (which runs its own threads). A
short queue between them bounds memory. Dialogue is not burnt into the picture: the plan's timed
lines (in the video's metadata) are the caption track.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from cielo.generation.engines import RENDER_FILE, ProgressFn, RenderedVideo, StopFn
from cielo.generation.engines.preview.canvas import cover_fit
from cielo.generation.engines.preview.director import (
    FrameJob,
    edited_content,
    internal_size,
    load_reference,
    new_content,
    source_frames,
)
from cielo.generation.errors import GenerationCancelled, GenerationError
from cielo.generation.frames import FrameFilter
from cielo.generation.media import X264_CRF, X264_PRESET, VideoWriter, last_frame
from cielo.generation.plan import Plan
from cielo.generation.request import GenerationRequest

QUEUE_DEPTH = 8
PROGRESS_EVERY = 4  # frames


class PreviewEngine:
    name = "preview"
    neural = False
    makes_audio = False  # the pipeline adds speech, ambience and music

    def describe(self, request: GenerationRequest) -> dict[str, Any]:
        w, h = internal_size(request.width, request.height)
        return {
            "engine": self.name,
            "neural": self.neural,
            "note": "procedural preview: scenery and figures drawn from the plan; no model weights",
            "internal_width": w,
            "internal_height": h,
            "drawing_size": f"{w}x{h}",
            "encoder": {"codec": "libx264", "preset": X264_PRESET, "crf": X264_CRF, "pix_fmt": "yuv420p"},
        }

    def discard(self, workdir: Path) -> None:
        """Nothing is held outside the work folder."""

    def render(
        self, plan: Plan, request: GenerationRequest, workdir: Path, progress: ProgressFn, should_stop: StopFn,
        filters: Sequence[FrameFilter] = (),
    ) -> RenderedVideo:
        out = Path(workdir) / RENDER_FILE
        w, h = internal_size(request.width, request.height)
        jobs, total = self._jobs(plan, request, w, h)
        with VideoWriter(out, request.width, request.height, request.fps, filters=filters) as writer:
            _encode(jobs, total, writer, progress, should_stop)
        return RenderedVideo(path=out, has_audio=False)

    def _jobs(self, plan: Plan, request: GenerationRequest, w: int, h: int) -> tuple[Iterator[FrameJob], int]:
        if plan.mode == "edit":
            return edited_content(plan, _source(request), w, h), plan.frame_count
        if plan.mode == "extend":
            source = _source(request)
            source_count = round(plan.offset * plan.fps)
            last = _last_picture(source, w, h)

            def chained() -> Iterator[FrameJob]:
                yield from source_frames(source, source_count, plan.fps, request.width, request.height)
                yield from new_content(plan, w, h, dissolve_from=last)

            return chained(), source_count + plan.frame_count
        still = load_reference(request.input_reference, w, h) if request.input_reference else None
        return new_content(plan, w, h, still=still), plan.frame_count


def _source(request: GenerationRequest) -> Path:
    if request.source_video is None or not Path(request.source_video).exists():
        raise GenerationError("invalid_source_video", f"{request.mode} needs the source video file")
    return Path(request.source_video)


def _last_picture(source: Path, w: int, h: int) -> np.ndarray:
    """The source's final frame at the internal size, as RGBA: where an extension starts."""
    picture = cover_fit(last_frame(source), w, h)
    return np.dstack([picture, np.full(picture.shape[:2], 255, np.uint8)])


_DONE = object()


class _Failed:
    def __init__(self, error: BaseException) -> None:
        self.error = error


def _encode(
    jobs: Iterator[FrameJob],
    total: int,
    writer: VideoWriter,
    progress: ProgressFn,
    should_stop: StopFn,
) -> None:
    """Draw on a producer thread, scale + encode here; stop within a frame or two."""
    q: queue.Queue[Any] = queue.Queue(maxsize=QUEUE_DEPTH)
    halt = threading.Event()

    def produce() -> None:
        try:
            for job in jobs:
                while not halt.is_set():
                    try:
                        q.put(job, timeout=0.05)
                        break
                    except queue.Full:
                        continue
                if halt.is_set():
                    return
            q.put(_DONE)
        except Exception as exc:  # handed to the consumer, which re-raises it
            q.put(_Failed(exc))

    producer = threading.Thread(target=produce, name="preview-render", daemon=True)
    producer.start()
    done = 0
    try:
        while True:
            if should_stop():
                raise GenerationCancelled()
            item = q.get()
            if item is _DONE:
                break
            if isinstance(item, _Failed):
                raise item.error
            if item.video_frame is not None:  # a source video's frame, maybe held to be written again
                writer.write(item.video_frame, from_source=item.from_source)
            else:
                writer.write(writer.to_yuv(item.picture), owned=True, from_source=item.from_source)
            done += 1
            if done % PROGRESS_EVERY == 0 or done == total:
                progress(done / total)
    finally:
        halt.set()
        while producer.is_alive():
            try:
                q.get(timeout=0.05)
            except queue.Empty:
                pass
        producer.join()
