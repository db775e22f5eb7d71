"""Output moderation: NudeNet (its ONNX detector ships inside the package) over sampled video frames.

NudeNet 3.4 detects 18 body-part classes and returns, per image, a list of
`{"class": "FEMALE_BREAST_EXPOSED", "score": 0.81, "box": [x, y, w, h]}`. Only exposed intimate parts
flag a video; covered parts, faces, feet, bellies and armpits are normal in beach, sport and dance scenes,
and a bare male chest is allowed. The strict (teen) label set adds covered intimate parts.

NudeDetector.detect accepts a numpy array, but its preprocessing was written for cv2.imread's BGR output:
it converts the input with COLOR_RGBA2BGR (a channel swap on 3-channel arrays) and then swaps again in
blobFromImage. So frames (RGB, as PyAV and PIL give them) are handed over in BGR order, exactly as a file
read from disk would reach the model.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

EXPLICIT_LABELS: frozenset[str] = frozenset({
    "FEMALE_GENITALIA_EXPOSED",
    "MALE_GENITALIA_EXPOSED",
    "FEMALE_BREAST_EXPOSED",
    "ANUS_EXPOSED",
    "BUTTOCKS_EXPOSED",
})
STRICT_LABELS: frozenset[str] = EXPLICIT_LABELS | {
    "FEMALE_GENITALIA_COVERED",
    "FEMALE_BREAST_COVERED",
    "BUTTOCKS_COVERED",
    "ANUS_COVERED",
}
# Everything else NudeNet knows (faces, feet, bellies, armpits, male chest) never flags.

POLICY = "sexual"


@dataclass(frozen=True)
class Detection:
    frame_index: int
    label: str
    score: float
    box: tuple[int, int, int, int]  # x, y, width, height in frame pixels


@dataclass
class FrameVerdict:
    flagged: bool
    policy: str | None
    details: list[Detection] = field(default_factory=list)  # every detection at or above the threshold
    reason: str = ""


class _Detector:
    """One NudeDetector per process, created on first use (ONNX session start ~0.1 s)."""

    def __init__(self) -> None:
        self._detector: Any = None
        self._lock = threading.Lock()

    def get(self) -> Any:
        with self._lock:
            if self._detector is None:
                from nudenet import NudeDetector

                self._detector = NudeDetector()
        return self._detector


_DETECTOR = _Detector()


def detect_frames(frames: Sequence[np.ndarray], batch_size: int = 4) -> list[list[dict[str, Any]]]:
    """NudeNet's raw output for each RGB uint8 frame (H, W, 3), in NudeNet's own dict format."""
    bgr = []
    for frame in frames:
        if frame.ndim != 3 or frame.shape[2] not in (3, 4) or frame.dtype != np.uint8:
            raise ValueError(f"expected RGB uint8 frames (H, W, 3), got {frame.dtype} {frame.shape}")
        bgr.append(np.ascontiguousarray(frame[:, :, 2::-1]))
    if not bgr:
        return []
    return _DETECTOR.get().detect_batch(bgr, batch_size=batch_size)


def verdict_from_detections(
    detections: Iterable[Iterable[dict[str, Any]]],
    threshold: float = 0.5,
    labels: frozenset[str] = EXPLICIT_LABELS,
    sure: float = 0.7,
) -> FrameVerdict:
    """The decision rule alone. A listed label flags the video when it is scored at or above `sure` in any
    frame, or at or above `threshold` in at least two sampled frames (in the only frame, if one was sampled).

    Why two frames: NudeNet flickers. On preview renders it has scored snowy peaks and skin-toned shapes
    as FEMALE_BREAST_EXPOSED at 0.3-0.6 in a single sampled frame, while real nudity in a video stays on
    screen for longer than the half second between two samples."""
    kept: list[Detection] = []
    frame_count = 0
    for index, frame_detections in enumerate(detections):
        frame_count += 1
        for d in frame_detections:
            if float(d["score"]) >= threshold:
                x, y, w, h = (int(v) for v in d["box"])
                kept.append(Detection(index, str(d["class"]), float(d["score"]), (x, y, w, h)))
    frames_needed = min(2, frame_count)
    offending = [
        d for d in kept
        if d.label in labels
        and (d.score >= sure or len({o.frame_index for o in kept if o.label == d.label}) >= frames_needed)
    ]
    if not offending:
        return FrameVerdict(False, None, kept, "No explicit content detected.")
    worst = max(offending, key=lambda d: d.score)
    frames = sorted({d.frame_index for d in offending})
    return FrameVerdict(
        True, POLICY, kept,
        f"Explicit nudity ({worst.label.lower().replace('_', ' ')}, score {worst.score:.2f}) in "
        f"{len(frames)} sampled frame(s), first at index {frames[0]}: violates the sexual content policy.",
    )


def check_frames(
    frames: Sequence[np.ndarray], threshold: float = 0.5, labels: frozenset[str] = EXPLICIT_LABELS
) -> FrameVerdict:
    """Run NudeNet on RGB frames (the caller samples them, e.g. `sample_indices`) and decide."""
    return verdict_from_detections(detect_frames(frames), threshold, labels)


def sample_indices(frame_count: int, fps: float, per_second: float = 2.0) -> list[int]:
    """Evenly spaced frame indices, `per_second` of them per second of video, always including frame 0."""
    if frame_count <= 0:
        return []
    step = max(1, round(fps / per_second)) if fps > 0 and per_second > 0 else 1
    return list(range(0, frame_count, step))
