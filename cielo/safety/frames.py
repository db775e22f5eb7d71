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


def _near(box: tuple[int, int, int, int], other: tuple[int, int, int, int]) -> bool:
    """Whether `other` touches `box` grown by 1.5 times its size on every side: about where a face, the
    other breast or a belly sit around a breast on the same body."""
    x, y, w, h = box
    ox, oy, ow, oh = other
    left, top, right, bottom = x - 1.5 * w, y - 1.5 * h, x + 2.5 * w, y + 2.5 * h
    return ox < right and ox + ow > left and oy < bottom and oy + oh > top


def verdict_from_detections(
    detections: Iterable[Iterable[dict[str, Any]]],
    threshold: float = 0.5,
    labels: frozenset[str] = EXPLICIT_LABELS,
    sure: float = 0.7,
    context: float = 0.3,
) -> FrameVerdict:
    """The decision rule alone. A listed label at or above `threshold` flags the video when it is
    - scored at or above `sure`, or
    - seen on a body: close to it in the same frame NudeNet finds something else of a person (another
      part, a face, the other breast) at or above `context`, and that in at least two sampled frames (in
      the only frame, if one was sampled).

    Why: NudeNet flickers, and not only on people. On preview renders it scored soft pink dusk clouds as
    FEMALE_BREAST_EXPOSED at 0.3-0.61, with nothing else of a body in the frame, sometimes for three
    samples running; real nudity comes with the rest of a body and stays on screen longer than the half
    second between two samples."""
    frames = [list(frame_detections) for frame_detections in detections]
    kept = [
        Detection(index, str(d["class"]), float(d["score"]), tuple(int(v) for v in d["box"]))
        for index, frame in enumerate(frames) for d in frame if float(d["score"]) >= threshold
    ]

    def on_a_body(found: Detection) -> bool:
        near = [d for d in frames[found.frame_index]
                if float(d["score"]) >= context and _near(found.box, tuple(int(v) for v in d["box"]))]
        return len(near) >= 2  # the detection itself and at least one more part of the same body

    candidates = [d for d in kept if d.label in labels]
    body_frames = {d.frame_index for d in candidates if on_a_body(d)}
    frames_needed = min(2, len(frames))
    offending = [
        d for d in candidates
        if d.score >= sure or (d.frame_index in body_frames and len(body_frames) >= frames_needed)
    ]
    if not offending:
        return FrameVerdict(False, None, kept, "No explicit content detected.")
    worst = max(offending, key=lambda d: d.score)
    flagged_frames = sorted({d.frame_index for d in offending})
    return FrameVerdict(
        True, POLICY, kept,
        f"Explicit nudity ({worst.label.lower().replace('_', ' ')}, score {worst.score:.2f}) in "
        f"{len(flagged_frames)} sampled frame(s), first at index {flagged_frames[0]}: violates the sexual "
        "content policy.",
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
