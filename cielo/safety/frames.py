"""Output moderation: NudeNet's ONNX detector (it ships inside the nudenet package) over sampled frames.

NudeNet 3.4 detects 18 body-part classes and returns, per image, a list of
`{"class": "FEMALE_BREAST_EXPOSED", "score": 0.81, "box": [x, y, w, h]}`. Only exposed intimate parts
flag a video; covered parts, faces, feet, bellies and armpits are normal in beach, sport and dance scenes,
and a bare male chest is allowed. The strict (teen) label set adds covered intimate parts.

The nudenet package's own Python code needs OpenCV, so the detector runs here on onnxruntime with the
package's pre- and post-processing redone in numpy (see _Detector).
"""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from cielo.safety.pixels import resize

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


# NudeNet 3.4's classes, in the order of its detector's outputs.
LABELS = (
    "FEMALE_GENITALIA_COVERED", "FACE_FEMALE", "BUTTOCKS_EXPOSED", "FEMALE_BREAST_EXPOSED",
    "FEMALE_GENITALIA_EXPOSED", "MALE_BREAST_EXPOSED", "ANUS_EXPOSED", "FEET_EXPOSED", "BELLY_COVERED",
    "FEET_COVERED", "ARMPITS_COVERED", "ARMPITS_EXPOSED", "FACE_MALE", "BELLY_EXPOSED", "MALE_GENITALIA_EXPOSED",
    "ANUS_COVERED", "FEMALE_BREAST_COVERED", "BUTTOCKS_COVERED",
)
MODEL_FILE = "320n.onnx"
_INPUT = 320
_CANDIDATE_SCORE, _KEEP_SCORE, _OVERLAP = 0.2, 0.25, 0.45


def find_model() -> Path:
    """NudeNet's ONNX detector inside the installed nudenet package (found by path: its Python code needs
    OpenCV, which Cielo does not install)."""
    spec = importlib.util.find_spec("nudenet")
    for location in (spec.submodule_search_locations or []) if spec else []:
        candidate = Path(location) / MODEL_FILE
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"NudeNet's {MODEL_FILE} is not installed: pip install --no-deps nudenet")


class _Detector:
    """NudeNet's detector run with onnxruntime, with its own pre- and post-processing redone in numpy
    (tests/safety/test_frame_moderation.py compares the detections with the nudenet package's): the
    frame is padded to a square at the bottom and right, resized to 320x320 (bilinear), fed in BGR order
    scaled to 0-1; boxes scoring >= 0.2 are kept, then non-maximum suppression (score > 0.25, overlap
    0.45). One session per process, created on first use (~0.1 s)."""

    def __init__(self) -> None:
        self._session: Any = None
        self._lock = threading.Lock()

    def session(self) -> Any:
        with self._lock:
            if self._session is None:
                import onnxruntime

                self._session = onnxruntime.InferenceSession(str(find_model()), providers=["CPUExecutionProvider"])
        return self._session

    def detect(self, frames: Sequence[np.ndarray], batch_size: int) -> list[list[dict[str, Any]]]:
        session = self.session()
        name = session.get_inputs()[0].name
        results: list[list[dict[str, Any]]] = []
        for start in range(0, len(frames), batch_size):
            batch = frames[start:start + batch_size]
            blob = np.stack([_blob(frame) for frame in batch])
            outputs = session.run(None, {name: blob})[0]
            results.extend(_detections(out, frame.shape[1], frame.shape[0]) for out, frame in zip(outputs, batch))
        return results


def _blob(frame: np.ndarray) -> np.ndarray:
    h, w = frame.shape[:2]
    side = max(h, w)
    square = np.zeros((side, side, 3), np.uint8)
    square[:h, :w] = frame[:, :, 2::-1]  # BGR, as the detector was trained on cv2.imread's pictures
    return (resize(square, (_INPUT, _INPUT), "linear").astype(np.float32) / 255.0).transpose(2, 0, 1)


def _detections(output: np.ndarray, width: int, height: int) -> list[dict[str, Any]]:
    rows = output.T  # (candidates, 4 box values + one score per class)
    scores = rows[:, 4:].max(axis=1)
    rows, scores = rows[scores >= _CANDIDATE_SCORE], scores[scores >= _CANDIDATE_SCORE]
    classes = rows[:, 4:].argmax(axis=1)
    side = max(width, height)
    cx, cy, bw, bh = (rows[:, i].astype(np.float64) * side / _INPUT for i in range(4))
    x = np.clip(cx - bw / 2, 0, width)
    y = np.clip(cy - bh / 2, 0, height)
    bw = np.minimum(bw, width - x)
    bh = np.minimum(bh, height - y)
    kept: list[int] = []
    order = [i for i in np.argsort(-scores, kind="stable") if scores[i] > _KEEP_SCORE]
    for i in order:
        if all(_overlap((x[i], y[i], bw[i], bh[i]), (x[j], y[j], bw[j], bh[j])) <= _OVERLAP for j in kept):
            kept.append(i)
    return [{"class": LABELS[classes[i]], "score": float(scores[i]),
             "box": [int(x[i]), int(y[i]), int(bw[i]), int(bh[i])]} for i in kept]


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    """Intersection over union of two (x, y, w, h) boxes."""
    iw = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    ih = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    inter = max(0.0, iw) * max(0.0, ih)
    union = a[2] * a[3] + b[2] * b[3] - inter
    return float(inter / union) if union > 0 else 0.0


_DETECTOR = _Detector()


def detect_frames(frames: Sequence[np.ndarray], batch_size: int = 4) -> list[list[dict[str, Any]]]:
    """NudeNet's detections for each RGB uint8 frame (H, W, 3), in NudeNet's own dict format:
    `{"class": "FEMALE_BREAST_EXPOSED", "score": 0.81, "box": [x, y, w, h]}`."""
    for frame in frames:
        if frame.ndim != 3 or frame.shape[2] not in (3, 4) or frame.dtype != np.uint8:
            raise ValueError(f"expected RGB uint8 frames (H, W, 3), got {frame.dtype} {frame.shape}")
    if not frames:
        return []
    return _DETECTOR.detect(frames, batch_size)


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
