"""Fixtures for the cameo tests: real face photos that ship inside packages, and helpers that encode them
into real mp4/webm clips with PyAV.

Faces: scikit-image's ``astronaut()`` (Eileen Collins, NASA portrait) and matplotlib's
``grace_hopper.jpg`` sample. Both packages are test dependencies; the tests fail (not skip) without them.

Nobody can be filmed here, so a live head turn is *simulated*: :func:`head_turn` re-renders the photo as
if the head (a crude 3D shape: a paraboloid skull plus a nose ridge, fitted to the detected landmarks)
had turned about a vertical axis. It is a 2.5D warp (no occlusion, no ears appearing) but it is not
planar: the nose moves more than the cheeks, as on a real head. :func:`photo_tilt` is the attack it must
be told apart from: the whole picture as a flat card rotated in front of a pinhole camera.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from cielo.uploads import Clip, read_clip
from cielo.likeness.faces import FaceAnalyzer, FaceObservation
from cielo.likeness.liveness import analyze_frames

try:
    import matplotlib
    import skimage.data
except ImportError as exc:  # pragma: no cover - a setup problem, reported loudly
    raise RuntimeError(
        "the cameo tests need scikit-image and matplotlib (sample face photos): "
        "pip install scikit-image matplotlib"
    ) from exc


# --------------------------------------------------------------------------------------------------
# Images


@pytest.fixture(scope="session")
def analyzer() -> FaceAnalyzer:
    return FaceAnalyzer()


@pytest.fixture(scope="session")
def astronaut() -> np.ndarray:
    return np.ascontiguousarray(skimage.data.astronaut())


@pytest.fixture(scope="session")
def grace_hopper() -> np.ndarray:
    path = Path(matplotlib.get_data_path()) / "sample_data" / "grace_hopper.jpg"
    return np.asarray(Image.open(path).convert("RGB"))


@pytest.fixture(scope="session")
def astronaut_face(analyzer: FaceAnalyzer, astronaut: np.ndarray) -> FaceObservation:
    faces = analyzer.analyze(astronaut)
    assert len(faces) == 1
    return faces[0]


@pytest.fixture(scope="session")
def grace_face(analyzer: FaceAnalyzer, grace_hopper: np.ndarray) -> FaceObservation:
    faces = analyzer.analyze(grace_hopper)
    assert len(faces) == 1
    return faces[0]


def resize(image: np.ndarray, width: int, height: int | None = None) -> np.ndarray:
    height = height or round(image.shape[0] * width / image.shape[1])
    return np.asarray(Image.fromarray(image).resize((width, height), Image.Resampling.LANCZOS))


def fit_square(image: np.ndarray, side: int = 512) -> np.ndarray:
    """Centre-crop to a square, then resize to ``side``."""
    h, w = image.shape[:2]
    s = min(h, w)
    y, x = (h - s) // 2, (w - s) // 2
    return resize(image[y : y + s, x : x + s], side, side)


def shift_zoom(image: np.ndarray, dx: float, dy: float, zoom: float) -> np.ndarray:
    """The picture moved by (dx, dy) px and scaled by ``zoom`` about its centre (a hand-held photo)."""
    h, w = image.shape[:2]
    k = 1.0 / zoom
    cx, cy = w / 2.0, h / 2.0
    data = (k, 0.0, cx - k * (cx + dx), 0.0, k, cy - k * (cy + dy))
    out = Image.fromarray(image).transform(
        (w, h), Image.Transform.AFFINE, data, Image.Resampling.BICUBIC, fillcolor=(128, 128, 128)
    )
    return np.asarray(out)


# --------------------------------------------------------------------------------------------------
# Warps


def _bilinear(image: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    h, w = image.shape[:2]
    xs = np.clip(xs, 0, w - 1.001)
    ys = np.clip(ys, 0, h - 1.001)
    x0 = np.floor(xs).astype(int)
    y0 = np.floor(ys).astype(int)
    fx = (xs - x0)[..., None]
    fy = (ys - y0)[..., None]
    im = image.astype(np.float32)
    top = im[y0, x0] * (1 - fx) + im[y0, x0 + 1] * fx
    bottom = im[y0 + 1, x0] * (1 - fx) + im[y0 + 1, x0 + 1] * fx
    return np.clip(top * (1 - fy) + bottom * fy + 0.5, 0, 255).astype(np.uint8)


def head_turn(image: np.ndarray, landmarks: np.ndarray, degrees: float) -> np.ndarray:
    """Re-render ``image`` with the head turned ``degrees`` about a vertical axis (+ = the person's own
    left: the nose moves toward the image's right), from a crude depth model of the head."""
    if abs(degrees) < 1e-6:
        return image.copy()
    pts = np.asarray(landmarks, dtype=np.float64)
    theta = math.radians(degrees)
    half_width = (pts[16, 0] - pts[0, 0]) / 2.0
    cx = pts[27:31, 0].mean()
    eyes_y, chin_y = pts[36:48, 1].mean(), pts[8, 1]
    cy = eyes_y + 0.2 * (chin_y - eyes_y)
    a, b = 1.25 * half_width, 1.25 * (chin_y - cy)
    depth = 0.75 * a  # the skull: a paraboloid as deep as 3/4 of its half-width
    nx, ny = pts[27:34, 0].mean(), (pts[27, 1] + pts[33, 1]) / 2.0
    sx, sy = 0.18 * half_width, 0.55 * (pts[33, 1] - pts[27, 1])
    nose = 0.30 * a  # the nose ridge on top of it
    h, w = image.shape[:2]
    x0, x1 = int(max(0, cx - 2.0 * a)), int(min(w, cx + 2.0 * a))
    y0, y1 = int(max(0, cy - 1.8 * b)), int(min(h, cy + 1.8 * b))
    ys, xs = np.mgrid[y0:y1, x0:x1].astype(np.float64)
    cos, sin = math.cos(theta), math.sin(theta)

    def displacement(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        r2 = ((x - cx) / a) ** 2 + ((y - cy) / b) ** 2
        z = depth * np.clip(1.0 - r2, 0.0, None)
        z = z + nose * np.exp(-((x - nx) ** 2 / (2 * sx**2) + (y - ny) ** 2 / (2 * sy**2)))
        weight = np.clip((1.6 - np.sqrt(r2)) / 0.6, 0.0, 1.0)  # blend into the untouched background
        weight = weight * weight * (3.0 - 2.0 * weight)
        return weight * (cx + (x - cx) * cos + z * sin - x)

    src = xs.copy()  # invert x' = x + d(x) by damped fixed-point iteration
    for _ in range(25):
        src = 0.5 * src + 0.5 * (xs - displacement(src, ys))
    out = image.copy()
    out[y0:y1, x0:x1] = _bilinear(image, src, ys)
    return out


def photo_tilt(
    image: np.ndarray, degrees: float, center: tuple[float, float] | None = None, focal: float | None = None
) -> np.ndarray:
    """The whole picture as a flat card turned ``degrees`` about a vertical axis through ``center`` and
    seen by a pinhole camera of focal length ``focal`` px: a photo tilted in front of the camera."""
    if abs(degrees) < 1e-6:
        return image.copy()
    h, w = image.shape[:2]
    cx, cy = center if center is not None else (w / 2.0, h / 2.0)
    f = focal or 1.2 * max(w, h)
    phi = math.radians(degrees)
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float64)
    x, y = xs - cx, ys - cy
    big_x = x * f / (f * math.cos(phi) - x * math.sin(phi))
    big_y = y * (f + big_x * math.sin(phi)) / f
    return _bilinear(image, big_x + cx, big_y + cy)


def yaw_schedule(keyframes: Sequence[tuple[float, float]]) -> Callable[[float], float]:
    """Piecewise-linear yaw (degrees) over time from ``(seconds, degrees)`` keyframes."""
    times = [t for t, _ in keyframes]
    values = [v for _, v in keyframes]
    return lambda t: float(np.interp(t, times, values))


# --------------------------------------------------------------------------------------------------
# Audio and encoding


def speech_like(seconds: float, rate: int = 48000, *, bursts: int = 4, level: float = 0.3) -> np.ndarray:
    """Voiced-sounding bursts (a 140 Hz harmonic series, syllable-shaped), one per spoken digit."""
    n = int(seconds * rate)
    t = np.arange(n) / rate
    voice = sum(np.sin(2 * np.pi * 140 * k * t) / k for k in range(1, 8))
    envelope = np.zeros(n)
    for i in range(bursts):
        centre = (i + 1) * seconds / (bursts + 1)
        envelope += np.exp(-(((t - centre) / 0.15) ** 2))
    return (level * voice * np.clip(envelope, 0, 1) / 2.6).astype(np.float32)


def encode_clip(
    frames: Sequence[np.ndarray] | Callable[[int], np.ndarray],
    *,
    fps: int = 10,
    n: int | None = None,
    audio: np.ndarray | None = None,
    audio_rate: int = 48000,
    container: str = "mp4",
) -> bytes:
    """Encode frames (a list, or a function of the frame index with ``n`` frames) into an mp4
    (H.264 + AAC) or webm (VP8 + Opus) and return its bytes."""
    import av

    count = len(frames) if n is None else n  # type: ignore[arg-type]
    get = frames if callable(frames) else (lambda i: frames[i])  # type: ignore[index]
    first = get(0)
    h, w = first.shape[:2]
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format=container) as out:
        vcodec, acodec = ("libx264", "aac") if container == "mp4" else ("libvpx", "libopus")
        vs = out.add_stream(vcodec, rate=fps)
        vs.width, vs.height, vs.pix_fmt = w - w % 2, h - h % 2, "yuv420p"
        if vcodec == "libx264":
            vs.options = {"preset": "ultrafast", "crf": "18"}
        else:
            vs.bit_rate = 2_000_000
            vs.options = {"deadline": "realtime", "cpu-used": "8"}
        as_ = None
        if audio is not None:
            as_ = out.add_stream(acodec, rate=audio_rate, layout="mono")
        for i in range(count):
            image = get(i) if i else first
            frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(image[: h - h % 2, : w - w % 2]), "rgb24")
            frame.pts = i
            frame.time_base = Fraction(1, fps)
            for packet in vs.encode(frame):
                out.mux(packet)
        for packet in vs.encode():
            out.mux(packet)
        if as_ is not None and audio is not None:
            chunk = 1024 if acodec == "aac" else 960
            for start in range(0, len(audio), chunk):
                block = np.zeros(chunk, np.float32)
                piece = audio[start : start + chunk]
                block[: len(piece)] = piece
                af = av.AudioFrame.from_ndarray(block[None, :], format="fltp", layout="mono")
                af.sample_rate = audio_rate
                af.pts = start
                af.time_base = Fraction(1, audio_rate)
                for packet in as_.encode(af):
                    out.mux(packet)
            for packet in as_.encode():
                out.mux(packet)
    return buffer.getvalue()


# --------------------------------------------------------------------------------------------------
# Clips: encoded for real, decoded with read_clip, analysed once per test session.

CLIP_FPS = 6
CLIP_SECONDS = 4.0
CLIP_SAMPLES = 12
TURN_DEGREES = 28.0

# look at the camera, turn to the left (own), back, turn to the right, back
TURN_LEFT_RIGHT = yaw_schedule(
    [
        (0.0, 0.0),
        (0.4, 0.0),
        (1.1, TURN_DEGREES),
        (1.6, TURN_DEGREES),
        (2.2, 0.0),
        (2.9, -TURN_DEGREES),
        (3.4, -TURN_DEGREES),
        (4.0, 0.0),
    ]
)


def hand_jitter(i: int) -> tuple[float, float, float]:
    """A hand-held camera (or photo): a few pixels of drift and 2% of zoom, deterministic."""
    return 3.0 * math.sin(i / 5.0), 2.0 * math.cos(i / 7.0), 1.0 + 0.02 * math.sin(i / 9.0)


@dataclass
class AnalysedClip:
    data: bytes
    clip: Clip
    observations: list[list[FaceObservation]]


def analyse_clip(data: bytes, analyzer: FaceAnalyzer) -> AnalysedClip:
    clip = read_clip(data, n_frames=CLIP_SAMPLES)
    return AnalysedClip(data, clip, analyze_frames(clip.frames, analyzer))


def render(fn: Callable[[int], np.ndarray], *, audio: bool = True) -> bytes:
    n = int(CLIP_SECONDS * CLIP_FPS)
    return encode_clip(fn, n=n, fps=CLIP_FPS, audio=speech_like(CLIP_SECONDS) if audio else None)


@pytest.fixture(scope="session")
def portrait(astronaut: np.ndarray) -> np.ndarray:
    """The astronaut framed like a selfie (head and shoulders, 512x512); the crop also leaves out the
    helmet, which dlib's HOG detector sometimes takes for a second, weak face."""
    return resize(astronaut[0:320, 96:416], 512, 512)


@pytest.fixture(scope="session")
def portrait_face(analyzer: FaceAnalyzer, portrait: np.ndarray) -> FaceObservation:
    faces = analyzer.analyze(portrait)
    assert len(faces) == 1
    return faces[0]


@pytest.fixture(scope="session")
def grace_portrait(grace_hopper: np.ndarray) -> np.ndarray:
    return fit_square(grace_hopper, 512)


@pytest.fixture(scope="session")
def photo_clip(analyzer: FaceAnalyzer, portrait: np.ndarray) -> AnalysedClip:
    """(a) A still photo held up to the camera: it drifts and zooms a little, nothing else."""
    return analyse_clip(render(lambda i: shift_zoom(portrait, *hand_jitter(i))), analyzer)


@pytest.fixture(scope="session")
def switch_clip(analyzer: FaceAnalyzer, portrait: np.ndarray, grace_portrait: np.ndarray) -> AnalysedClip:
    """(b) The astronaut for two seconds, then Grace Hopper."""
    half = int(CLIP_SECONDS * CLIP_FPS) // 2
    return analyse_clip(
        render(lambda i: shift_zoom(portrait if i < half else grace_portrait, *hand_jitter(i))), analyzer
    )


@pytest.fixture(scope="session")
def turn_clip(analyzer: FaceAnalyzer, portrait: np.ndarray, portrait_face: FaceObservation) -> AnalysedClip:
    """(c) A simulated live head: turns to her own left, back, to her right, back (2.5D re-rendering)."""
    return analyse_clip(
        render(
            lambda i: shift_zoom(
                head_turn(portrait, portrait_face.landmarks, TURN_LEFT_RIGHT(i / CLIP_FPS)), *hand_jitter(i)
            )
        ),
        analyzer,
    )


@pytest.fixture(scope="session")
def tilt_clip(analyzer: FaceAnalyzer, portrait: np.ndarray, portrait_face: FaceObservation) -> AnalysedClip:
    """The attack on (c): the same photo tilted left and right (up to 45 degrees) as a flat card."""
    return analyse_clip(
        render(
            lambda i: shift_zoom(
                photo_tilt(portrait, 1.6 * TURN_LEFT_RIGHT(i / CLIP_FPS), center=portrait_face.center),
                *hand_jitter(i),
            )
        ),
        analyzer,
    )
