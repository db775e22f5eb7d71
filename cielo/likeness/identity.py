"""The identity metric: how much the people in a finished video look like the cameos it was asked to show.

For every person cameo, frames sampled evenly through the video are searched for faces (dlib, as at cameo
creation) and the distance from the cameo's embedding to the nearest face of each frame is taken; the metric
is the mean of those distances over the frames that show a face (lower is better; under 0.6 is "the same
person" at dlib's usual operating point). Frames without any face are counted, not scored, so an engine that
leaves the person out shows up as a low ``frames_with_face``, not as a good distance.

It needs nothing but the video file and the cameo references, so every engine (preview, diffusers, remote) is
measured the same way; the neural engines will be judged by it. Characters (pets, objects) have no face
embedding and are not measured.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from cielo.likeness.reference import CameoRef

log = logging.getLogger("cielo.likeness.identity")

SAMPLES = 6
MATCH_THRESHOLD = 0.6


def sample_frames(video: Path, samples: int = SAMPLES) -> list[np.ndarray]:
    """``samples`` RGB frames at evenly spaced times (the middle of each of ``samples`` equal spans)."""
    import av

    with av.open(str(video)) as container:
        total = container.streams.video[0].frames
    if not total:  # no count in the header: count the packets
        with av.open(str(video)) as container:
            total = sum(1 for p in container.demux(container.streams.video[0]) if p.size)
    picks = {min(total - 1, int((i + 0.5) * total / samples)) for i in range(samples)} if total else set()
    out: list[np.ndarray] = []
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        for index, frame in enumerate(container.decode(stream)):
            if index in picks:
                out.append(frame.to_ndarray(format="rgb24"))
            if len(out) == len(picks):
                break
    return out


@lru_cache(maxsize=32)
def _reference_from_png(path: str, mtime_ns: int) -> tuple[float, ...] | None:
    from PIL import Image

    from cielo.likeness.faces import FaceAnalyzer

    with Image.open(path) as image:
        faces = FaceAnalyzer(upsample=1).analyze(np.asarray(image.convert("RGB")))
    return tuple(float(v) for v in faces[0].embedding) if faces else None


def reference_embedding(cameo: CameoRef) -> np.ndarray | None:
    """The cameo's stored embedding, else the one of the face in its reference crop."""
    if cameo.embedding:
        return np.asarray(cameo.embedding, dtype=np.float64)
    path = Path(cameo.face_png)
    if not path.is_file():
        return None
    found = _reference_from_png(str(path), path.stat().st_mtime_ns)
    return None if found is None else np.asarray(found, dtype=np.float64)


def measure_identity(video: Path, cameos: Sequence[CameoRef], *, samples: int = SAMPLES) -> dict[str, Any]:
    """Per person cameo (by handle): ``mean_distance`` (None when no frame shows a face), the frames sampled,
    with a face, and matching (distance under the threshold). Never raises: a missing face library or an
    unreadable video is reported in the result, since the video itself is fine."""
    people = [c for c in cameos if c.kind == "person"]
    if not people:
        return {}
    try:
        from cielo.likeness.faces import FaceAnalyzer

        references = {c.handle: reference_embedding(c) for c in people}
        frames = sample_frames(Path(video), samples)
        if not frames:
            return {"error": "the video has no frames"}
        analyzer = FaceAnalyzer()
        # Faces from ~80 px are found as they are; a frame showing none is searched again at twice the size
        # (dlib's upsampling, ~4x the time), which finds them from ~40 px.
        found = [analyzer.analyze(frame) or analyzer.analyze(frame, upsample=1) for frame in frames]
    except Exception as exc:  # noqa: BLE001 - a metric must not fail the video it measures
        log.warning("identity metric unavailable: %s", exc)
        return {"error": f"identity metric unavailable: {type(exc).__name__}: {exc}"[:300]}
    out: dict[str, Any] = {}
    for handle, reference in references.items():
        if reference is None:
            out[handle] = {"mean_distance": None, "error": "the cameo's reference has no face"}
            continue
        distances = [min(float(np.linalg.norm(f.embedding - reference)) for f in faces) for faces in found if faces]
        out[handle] = {
            "mean_distance": round(float(np.mean(distances)), 4) if distances else None,
            "frames_sampled": len(frames),
            "frames_with_face": len(distances),
            "frames_matching": sum(d < MATCH_THRESHOLD for d in distances),
            "threshold": MATCH_THRESHOLD,
        }
    return out
