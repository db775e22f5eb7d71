"""The safety side of a video's one encode. On its way into the encoder (cielo.generation.frames) each frame
gets the moving visible mark with the creator's @handle, every Nth frame the invisible mark carrying the
video id; the same frames are sampled for output moderation (two a second, checked by NudeNet on a thread
of its own while the render goes on) and for the reverse-search fingerprints (one a second). Nothing is
decoded again afterwards: SafetyGuard.finish() only reads the verdict and signs the finished file (C2PA).
"""

from __future__ import annotations

import time
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import av
import numpy as np

from cielo.generation.frames import planes, to_rgb
from cielo.safety.frames import EXPLICIT_LABELS, STRICT_LABELS, FrameVerdict, detect_frames, verdict_from_detections
from cielo.safety.hashes import hash_image
from cielo.safety.invisible import InvisibleWatermark
from cielo.safety.watermark import VisibleWatermark

SAMPLE_SIDE = 640  # moderation samples are kept this large at most: NudeNet looks at 320 pixels anyway
BATCH = 4  # samples per NudeNet call


class VideoFinishing:
    """One video's frame filter (call it with each frame and its index) and what it saw."""

    def __init__(self, *, video_id: str, handle: str, width: int, height: int, fps: int,
                 invisible: InvisibleWatermark | None, invisible_every: int, moderate: bool, teen: bool,
                 source_marked: bool = False) -> None:
        self.video_id, self.fps = video_id, fps
        # The source (an edit's, an extension's) is a Cielo video: the frames showing it have a visible mark
        # already, its creator's, and get no second one. The invisible mark is this video's on every frame.
        self.source_marked = source_marked
        self.visible = VisibleWatermark(handle, width, height)
        self.invisible, self.invisible_every = invisible, max(1, invisible_every)
        self.labels = STRICT_LABELS if teen else EXPLICIT_LABELS
        scale = min(1.0, SAMPLE_SIDE / max(width, height))
        self._sample_size = (max(2, round(width * scale)), max(2, round(height * scale)))
        self._moderate_every = max(1, round(fps / 2)) if moderate else 0
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="frame-moderation") if moderate else None
        self._pending: list[np.ndarray] = []
        self._batches: list[Future] = []
        self.hashes: list[str] = []
        self.frames_seen = 0
        self.seconds = 0.0  # spent on the render's thread (marks, samples, fingerprints), for the stage report

    def __call__(self, frame: av.VideoFrame, index: int, from_source: bool = False) -> av.VideoFrame:
        started = time.perf_counter()
        frame = self._finish(frame, index, from_source)
        self.seconds += time.perf_counter() - started
        return frame

    def _finish(self, frame: av.VideoFrame, index: int, from_source: bool) -> av.VideoFrame:
        if not (from_source and self.source_marked):
            self.visible.apply_to_frame(frame, index, self.fps)
        if self.invisible is not None and index % self.invisible_every == 0:
            # Stamped last, over the visible mark: that only costs the votes of the blocks it covers.
            self.invisible.embed_yuv420(planes(frame), self.video_id)
        if index % self.fps == 0:
            self.hashes.append(hash_image(to_rgb(frame)))
        if self._moderate_every and index % self._moderate_every == 0:
            self._pending.append(to_rgb(frame, *self._sample_size))
            if len(self._pending) == BATCH:
                self._submit()
        self.frames_seen = index + 1
        return frame

    def _submit(self) -> None:
        batch, self._pending = self._pending, []
        self._batches.append(self._pool.submit(detect_frames, batch, BATCH))

    def verdict(self) -> FrameVerdict | None:
        """The output moderation verdict over the sampled frames (None when frame moderation is off)."""
        if self._pool is None:
            return None
        if self._pending:
            self._submit()
        detections: list[Any] = [found for batch in self._batches for found in batch.result()]
        return verdict_from_detections(detections, labels=self.labels)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
