"""Face analysis for cameos: detection, 68 landmarks, 128-d identity embeddings, quality and head pose.

Everything runs offline on the CPU with dlib (the ``dlib-bin`` wheel) and the model files shipped by the
``face_recognition_models`` package, found by path (that package is never imported: its ``__init__``
needs the removed ``pkg_resources``). The three models are loaded lazily, once per process and models
folder, the first time an analyzer needs them.

Conventions used throughout the cameo code:

* images are ``numpy`` arrays, RGB, ``uint8``, shape ``(height, width, 3)``, as the camera sees the
  person (not a mirrored selfie preview);
* landmark indices follow the iBUG 300-W 68-point scheme (jaw 0-16, brows 17-26, nose 27-35, eyes
  36-47, mouth 48-67); "image-left" means smaller x;
* ``yaw`` is positive when the person turns their head to **their own left** (the nose moves toward the
  image's right side in an unmirrored frame), negative when they turn to their right; ``pitch`` is
  positive when they look up; ``roll`` is the angle of the eye line, positive when the image-right eye
  sits lower (head tilted toward the image's right, clockwise on screen);
* embeddings are dlib's 128-d ResNet descriptors; two faces with a euclidean distance under 0.6 are
  usually the same person (dlib's published operating point, ~99.4% on LFW).

Pose is estimated from landmarks alone with a scaled-orthographic fit of a generic six-point 3D face
(nose tip, chin, outer eye corners, mouth corners). Yaw and pitch come almost entirely from where the nose
tip sits relative to the eyes and mouth (its parallax), so a flat photo of a frontal face reads as yaw ~0
however it is tilted in front of the camera. The angles are approximate (a generic face, no camera
intrinsics): good to tell "frontal" from "turned 20 degrees", not for measurement.
"""

from __future__ import annotations

import importlib.util
import io
import math
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

__all__ = [
    "DEFAULT_MATCH_THRESHOLD",
    "FaceAnalyzer",
    "FaceModels",
    "FaceModelsMissing",
    "FaceObservation",
    "QualityCheck",
    "QualityReport",
    "aligned_face",
    "closest_match",
    "estimate_pose",
    "face_distance",
    "find_models_dir",
    "normalize_embedding",
    "reference_crop",
    "same_person",
    "to_png",
]

DEFAULT_MATCH_THRESHOLD = 0.6
"""Euclidean distance between dlib embeddings under which two faces are taken as the same person."""

# The HOG face detector is built into dlib; the other two models are files.
SHAPE_PREDICTOR_FILE = "shape_predictor_68_face_landmarks.dat"
RECOGNITION_MODEL_FILE = "dlib_face_recognition_resnet_model_v1.dat"

# Landmark index groups (iBUG 68).
JAW = slice(0, 17)
BROWS = slice(17, 27)
NOSE_TIP = 30
CHIN = 8
EYE_IMAGE_LEFT = slice(36, 42)
EYE_IMAGE_RIGHT = slice(42, 48)
MOUTH_OUTER = slice(48, 60)

# A generic 3D face (model units ~ 0.1 mm; widely used "6-point" head-pose model) in coordinates
# x -> image right, y -> image down, z -> out of the face toward the camera.
_POSE_LANDMARKS = (30, 8, 36, 45, 48, 54)
_POSE_MODEL = np.array(
    [
        [0.0, 0.0, 0.0],  # nose tip
        [0.0, 330.0, -65.0],  # chin
        [-225.0, -170.0, -135.0],  # outer corner of the image-left eye
        [225.0, -170.0, -135.0],  # outer corner of the image-right eye
        [-150.0, 150.0, -125.0],  # image-left mouth corner
        [150.0, 150.0, -125.0],  # image-right mouth corner
    ]
)


class FaceModelsMissing(RuntimeError):
    """The dlib model files could not be found (install ``face_recognition_models`` or pass a folder)."""


# --------------------------------------------------------------------------------------------------
# Model loading: lazily, once per process and folder.


def find_models_dir() -> Path:
    """The ``models`` folder inside the installed ``face_recognition_models`` package (not imported)."""
    spec = importlib.util.find_spec("face_recognition_models")
    if spec is None or not spec.submodule_search_locations:
        raise FaceModelsMissing(
            "face_recognition_models is not installed; `pip install face_recognition_models` "
            "or pass models_dir= to FaceAnalyzer"
        )
    for location in spec.submodule_search_locations:
        candidate = Path(location) / "models"
        if (candidate / SHAPE_PREDICTOR_FILE).is_file():
            return candidate
    raise FaceModelsMissing(f"no {SHAPE_PREDICTOR_FILE} inside {list(spec.submodule_search_locations)}")


@dataclass(frozen=True)
class FaceModels:
    """dlib's HOG detector, 68-point shape predictor and ResNet embedding model, loaded together."""

    detector: Any
    shape_predictor: Any
    recognizer: Any
    folder: Path


_MODELS: dict[Path, FaceModels] = {}
_MODELS_LOCK = threading.Lock()


def _load_models(folder: Path) -> FaceModels:
    folder = folder.resolve()
    models = _MODELS.get(folder)
    if models is not None:
        return models
    with _MODELS_LOCK:
        models = _MODELS.get(folder)
        if models is None:
            import dlib  # heavy import, deferred until a face is actually analysed

            for name in (SHAPE_PREDICTOR_FILE, RECOGNITION_MODEL_FILE):
                if not (folder / name).is_file():
                    raise FaceModelsMissing(f"missing model file {folder / name}")
            models = FaceModels(
                detector=dlib.get_frontal_face_detector(),
                shape_predictor=dlib.shape_predictor(str(folder / SHAPE_PREDICTOR_FILE)),
                recognizer=dlib.face_recognition_model_v1(str(folder / RECOGNITION_MODEL_FILE)),
                folder=folder,
            )
            _MODELS[folder] = models
    return models


# --------------------------------------------------------------------------------------------------
# Observations


@dataclass(frozen=True, eq=False)
class FaceObservation:
    """One face found in one image.

    ``box`` is dlib's detection rectangle ``(left, top, right, bottom)`` in pixels (it may extend past the
    image edge). Quality measures are taken on the landmarks' bounding box, resized to 128x128 grey:
    ``sharpness`` is the variance of its 4-neighbour Laplacian (scale-independent that way; sharp faces
    score in the hundreds, blurred ones in single digits), ``brightness`` its mean (0-255) and
    ``contrast`` its standard deviation.
    """

    box: tuple[int, int, int, int]
    score: float
    landmarks: np.ndarray  # (68, 2) float64, x then y
    embedding: np.ndarray  # (128,) float64
    size_px: int  # the box's side (mean of width and height)
    frame_fraction: float  # box area / image area (clipped to the image)
    sharpness: float
    brightness: float
    contrast: float
    yaw: float  # degrees, + = the person's own left
    pitch: float  # degrees, + = looking up
    roll: float  # degrees, + = image-right eye lower
    interocular: float  # pixels between the eye centres
    image_size: tuple[int, int] = (0, 0)  # (width, height) of the analysed image

    @property
    def center(self) -> tuple[float, float]:
        l, t, r, b = self.box
        return ((l + r) / 2.0, (t + b) / 2.0)

    @property
    def eye_centers(self) -> tuple[np.ndarray, np.ndarray]:
        """(image-left eye, image-right eye) centres."""
        return self.landmarks[EYE_IMAGE_LEFT].mean(axis=0), self.landmarks[EYE_IMAGE_RIGHT].mean(axis=0)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly summary (no embedding, no landmarks)."""
        return {
            "box": list(self.box),
            "score": round(self.score, 4),
            "size_px": self.size_px,
            "frame_fraction": round(self.frame_fraction, 4),
            "sharpness": round(self.sharpness, 2),
            "brightness": round(self.brightness, 2),
            "contrast": round(self.contrast, 2),
            "yaw": round(self.yaw, 2),
            "pitch": round(self.pitch, 2),
            "roll": round(self.roll, 2),
        }


def _as_rgb_uint8(image: np.ndarray) -> np.ndarray:
    image = np.asarray(image)
    if image.ndim == 2:
        image = np.stack([image] * 3, axis=-1)
    if image.ndim != 3 or image.shape[2] not in (3, 4):
        raise ValueError(f"expected an RGB image of shape (h, w, 3), got {image.shape}")
    if image.shape[2] == 4:
        image = image[:, :, :3]
    if image.dtype != np.uint8:
        if np.issubdtype(image.dtype, np.floating) and image.max(initial=0) <= 1.0:
            image = image * 255.0
        image = np.clip(image, 0, 255).astype(np.uint8)
    return np.ascontiguousarray(image)


class FaceAnalyzer:
    """Finds faces and describes each one; models are shared by every analyzer of the same folder.

    ``upsample`` is how many times dlib doubles the image before detecting: 0 finds faces from ~80 px
    wide, 1 from ~40 px at ~4x the detection time. Detections scoring under ``min_score`` are dropped:
    real faces score ~0.3 (turned 35 degrees) to ~1.6 (frontal, sharp), while the false positives met
    on face-like things (the helmet in scikit-image's astronaut photo) score up to ~0.2. ``max_side`` (optional) shrinks larger images before
    analysis; boxes and landmarks are then reported in the original image's pixels.
    """

    def __init__(
        self,
        models_dir: str | Path | None = None,
        *,
        upsample: int = 0,
        min_score: float = 0.2,
        max_side: int | None = None,
    ) -> None:
        self._models_dir = Path(models_dir) if models_dir is not None else None
        self.min_score = min_score
        self.upsample = upsample
        self.max_side = max_side
        self._models: FaceModels | None = None

    @property
    def models(self) -> FaceModels:
        if self._models is None:
            self._models = _load_models(self._models_dir or find_models_dir())
        return self._models

    def detect(self, image: np.ndarray, *, upsample: int | None = None) -> list[tuple[Any, float]]:
        """dlib rectangles and detection scores, nothing else (the cheap part; used as a bench baseline)."""
        image = _as_rgb_uint8(image)
        rects, scores, _ = self.models.detector.run(image, self.upsample if upsample is None else upsample)
        return [(r, float(s)) for r, s in zip(rects, scores, strict=True) if s >= self.min_score]

    def analyze(self, image: np.ndarray, *, upsample: int | None = None) -> list[FaceObservation]:
        """Every face in ``image`` (RGB), largest first, each with landmarks, embedding, quality and pose."""
        original = _as_rgb_uint8(image)
        work, scale = original, 1.0
        if self.max_side and max(original.shape[:2]) > self.max_side:
            scale = self.max_side / max(original.shape[:2])
            size = (round(original.shape[1] * scale), round(original.shape[0] * scale))
            work = np.asarray(Image.fromarray(original).resize(size, Image.Resampling.LANCZOS))
        models = self.models
        found = []
        for rect, score in self.detect(work, upsample=upsample):
            shape = models.shape_predictor(work, rect)
            embedding = np.asarray(models.recognizer.compute_face_descriptor(work, shape), dtype=np.float64)
            points = np.array([(p.x, p.y) for p in shape.parts()], dtype=np.float64) / scale
            box = tuple(round(v / scale) for v in (rect.left(), rect.top(), rect.right(), rect.bottom()))
            found.append(self._observe(original, box, float(score), points, embedding))
        found.sort(key=lambda f: (f.size_px, f.score), reverse=True)
        return found

    @staticmethod
    def _observe(
        image: np.ndarray,
        box: tuple[int, ...],
        score: float,
        landmarks: np.ndarray,
        embedding: np.ndarray,
    ) -> FaceObservation:
        h, w = image.shape[:2]
        left, top, right, bottom = box
        clipped_area = max(0, min(right, w) - max(left, 0)) * max(0, min(bottom, h) - max(top, 0))
        grey = _face_patch(image, landmarks)
        yaw, pitch, roll = estimate_pose(landmarks)
        eye_l, eye_r = landmarks[EYE_IMAGE_LEFT].mean(axis=0), landmarks[EYE_IMAGE_RIGHT].mean(axis=0)
        return FaceObservation(
            box=(int(left), int(top), int(right), int(bottom)),
            score=score,
            landmarks=landmarks,
            embedding=embedding,
            size_px=round(((right - left) + (bottom - top)) / 2.0),
            frame_fraction=float(clipped_area / float(w * h)),
            sharpness=_laplacian_variance(grey),
            brightness=float(grey.mean()),
            contrast=float(grey.std()),
            yaw=yaw,
            pitch=pitch,
            roll=roll,
            interocular=float(np.linalg.norm(eye_r - eye_l)),
            image_size=(w, h),
        )


def _face_patch(image: np.ndarray, landmarks: np.ndarray, size: int = 128) -> np.ndarray:
    """The landmarks' bounding box as a ``size`` x ``size`` grey float array (antialiased resize)."""
    h, w = image.shape[:2]
    x0, y0 = np.floor(landmarks.min(axis=0)).astype(int)
    x1, y1 = np.ceil(landmarks.max(axis=0)).astype(int)
    x0, y0, x1, y1 = max(x0, 0), max(y0, 0), min(x1, w), min(y1, h)
    if x1 - x0 < 2 or y1 - y0 < 2:
        return np.zeros((size, size))
    patch = Image.fromarray(image[y0:y1, x0:x1]).convert("L").resize((size, size), Image.Resampling.BOX)
    return np.asarray(patch, dtype=np.float64)


def _laplacian_variance(grey: np.ndarray) -> float:
    lap = grey[:-2, 1:-1] + grey[2:, 1:-1] + grey[1:-1, :-2] + grey[1:-1, 2:] - 4.0 * grey[1:-1, 1:-1]
    return float(lap.var())


# --------------------------------------------------------------------------------------------------
# Pose


def estimate_pose(landmarks: np.ndarray) -> tuple[float, float, float]:
    """(yaw, pitch, roll) in degrees from 68 landmarks; see the module docstring for the conventions.

    A scaled-orthographic projection of the generic 3D face is fitted to six landmarks by least squares;
    its two rows are made orthonormal and yaw/pitch are read from how much depth (the nose's height above
    the eye/mouth plane) shows up in image x and y.
    """
    pts = np.asarray(landmarks, dtype=np.float64)[list(_POSE_LANDMARKS)]
    model = _POSE_MODEL - _POSE_MODEL.mean(axis=0)
    image = pts - pts.mean(axis=0)
    m, *_ = np.linalg.lstsq(model, image, rcond=None)  # image ~= model @ m, m is (3, 2)
    rows = m.T  # (2, 3): the scaled rotation rows
    if not np.all(np.isfinite(rows)) or np.linalg.norm(rows[0]) == 0 or np.linalg.norm(rows[1]) == 0:
        return 0.0, 0.0, 0.0
    u, _, vt = np.linalg.svd(rows / np.linalg.norm(rows, axis=1, keepdims=True), full_matrices=False)
    r = u @ vt  # closest pair of orthonormal rows
    yaw = math.degrees(math.asin(float(np.clip(r[0, 2], -1.0, 1.0))))
    pitch = math.degrees(math.asin(float(np.clip(-r[1, 2], -1.0, 1.0))))
    eye_l = pts[2]
    eye_r = pts[3]
    roll = math.degrees(math.atan2(eye_r[1] - eye_l[1], eye_r[0] - eye_l[0]))
    return yaw, pitch, roll


# --------------------------------------------------------------------------------------------------
# Identity


def face_distance(a: np.ndarray | FaceObservation, b: np.ndarray | FaceObservation) -> float:
    """Euclidean distance between two embeddings (or observations); < 0.6 usually means the same person."""
    ea = a.embedding if isinstance(a, FaceObservation) else np.asarray(a, dtype=np.float64)
    eb = b.embedding if isinstance(b, FaceObservation) else np.asarray(b, dtype=np.float64)
    if ea.shape != eb.shape:
        raise ValueError(f"embedding shapes differ: {ea.shape} vs {eb.shape}")
    return float(np.linalg.norm(ea - eb))


def same_person(
    a: np.ndarray | FaceObservation,
    b: np.ndarray | FaceObservation,
    threshold: float = DEFAULT_MATCH_THRESHOLD,
) -> bool:
    """True when the two faces are within ``threshold`` of each other."""
    return face_distance(a, b) < threshold


def normalize_embedding(embedding: np.ndarray) -> np.ndarray:
    """The embedding scaled to unit length (dlib's raw descriptors are about 1.3-1.5 long)."""
    e = np.asarray(embedding, dtype=np.float64)
    norm = float(np.linalg.norm(e))
    return e / norm if norm > 0 else e


def closest_match(
    embedding: np.ndarray | FaceObservation,
    known: Mapping[str, np.ndarray],
    threshold: float = DEFAULT_MATCH_THRESHOLD,
) -> tuple[str, float] | None:
    """The id in ``known`` whose embedding is nearest to ``embedding``, with its distance, if that
    distance is under ``threshold``; else None. Used to catch someone uploading another person's face."""
    if not known:
        return None
    e = embedding.embedding if isinstance(embedding, FaceObservation) else np.asarray(embedding, float)
    ids = list(known)
    matrix = np.stack([np.asarray(known[i], dtype=np.float64) for i in ids])
    distances = np.linalg.norm(matrix - e[None, :], axis=1)
    best = int(np.argmin(distances))
    if distances[best] < threshold:
        return ids[best], float(distances[best])
    return None


# --------------------------------------------------------------------------------------------------
# Crops


def _similarity_crop(
    image: np.ndarray,
    face: FaceObservation | np.ndarray,
    size: int,
    side_factor: float,
    fill: int,
    lift: float = 0.0,
) -> Image.Image:
    landmarks = face.landmarks if isinstance(face, FaceObservation) else np.asarray(face, dtype=np.float64)
    eye_l, eye_r = landmarks[EYE_IMAGE_LEFT].mean(axis=0), landmarks[EYE_IMAGE_RIGHT].mean(axis=0)
    eyes = (eye_l + eye_r) / 2.0
    mouth = landmarks[MOUTH_OUTER].mean(axis=0)
    angle = math.atan2(eye_r[1] - eye_l[1], eye_r[0] - eye_l[0])
    # Eye-to-mouth distance barely changes when the head turns, unlike the distance between the eyes.
    face_scale = max(float(np.linalg.norm(mouth - eyes)), 0.8 * float(np.linalg.norm(eye_r - eye_l)), 1.0)
    up = np.array([math.sin(angle), -math.cos(angle)])  # toward the top of the head
    center = (eyes + mouth) / 2.0 + up * lift * face_scale
    k = side_factor * face_scale / size
    cos, sin = math.cos(angle), math.sin(angle)
    a, b, d, e = k * cos, -k * sin, k * sin, k * cos
    half = size / 2.0
    c = center[0] - a * half - b * half
    f = center[1] - d * half - e * half
    return Image.fromarray(_as_rgb_uint8(image)).transform(
        (size, size),
        Image.Transform.AFFINE,
        (a, b, c, d, e, f),
        Image.Resampling.BICUBIC,
        fillcolor=(fill,) * 3,
    )


def reference_crop(
    image: np.ndarray, face: FaceObservation, size: int = 256, *, padding: float = 4.0, fill: int = 0
) -> np.ndarray:
    """A square, upright (eyes level), padded crop centred on the face: head, hair and a little neck.

    The crop's side is ``padding`` times the eye-to-mouth distance (~2.3x the face box). Parts outside
    the image are filled with ``fill`` grey. Returns an RGB uint8 array of ``size`` x ``size``; use
    :func:`to_png` for bytes.
    """
    return np.asarray(_similarity_crop(image, face, size, padding, fill, lift=0.3))


def aligned_face(image: np.ndarray, face: FaceObservation, size: int = 64) -> np.ndarray:
    """A tight, upright grey crop of the face (eyes to chin), float64 in 0-255; for comparing frames."""
    crop = _similarity_crop(image, face, size, 2.2, 0).convert("L")
    return np.asarray(crop, dtype=np.float64)


def to_png(image: np.ndarray | Image.Image) -> bytes:
    """PNG bytes of an RGB image."""
    pil = image if isinstance(image, Image.Image) else Image.fromarray(_as_rgb_uint8(image))
    out = io.BytesIO()
    pil.save(out, format="PNG", optimize=True)
    return out.getvalue()


# --------------------------------------------------------------------------------------------------
# Quality


@dataclass(frozen=True)
class QualityReport:
    """Outcome of a :class:`QualityCheck`: ``ok`` when ``reasons`` is empty.

    ``codes`` are stable machine-readable names (``no_face``, ``multiple_faces``, ``face_too_small``,
    ``too_blurry``, ``too_dark``, ``too_bright``, ``low_contrast``, ``not_frontal``); ``reasons`` are the
    matching human sentences, each starting with the short phrase (e.g. ``"face too small: ..."``).
    """

    ok: bool
    codes: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    face: FaceObservation | None = None


@dataclass(frozen=True)
class QualityCheck:
    """Thresholds a face must meet to serve as a cameo reference (defaults suit 480-1080p selfies).

    ``min_face_px`` is about the smallest face dlib's detector finds without upsampling; with upsampling,
    or in a large frame (``min_frame_fraction`` of its area), smaller faces are refused. ``min_sharpness``
    is on the 128x128 normalised face patch (see :class:`FaceObservation`): in-focus faces score in the
    hundreds (600 for the astronaut sample, 1900 for Grace Hopper's), a 2 px Gaussian blur of the 512 px
    astronaut photo brings her to ~50, a 3 px blur to ~30. Pitch is the least reliable angle (a generic
    3D face; the astronaut reads -18 degrees facing the camera), hence its wider limit.
    """

    min_face_px: int = 80
    min_frame_fraction: float = 0.02
    min_sharpness: float = 50.0
    min_brightness: float = 60.0
    max_brightness: float = 215.0
    min_contrast: float = 18.0
    max_abs_yaw: float | None = 30.0
    max_abs_pitch: float | None = 35.0

    def check(self, faces: Sequence[FaceObservation]) -> QualityReport:
        """Judge the faces found in one image (as returned by :meth:`FaceAnalyzer.analyze`)."""
        if not faces:
            return QualityReport(False, ["no_face"], ["no face: no face was found in the image"])
        if len(faces) > 1:
            return QualityReport(
                False,
                ["multiple_faces"],
                [f"more than one face: {len(faces)} faces found; a cameo needs exactly one person"],
            )
        face = faces[0]
        codes: list[str] = []
        reasons: list[str] = []

        def fail(code: str, text: str) -> None:
            codes.append(code)
            reasons.append(text)

        if face.size_px < self.min_face_px or face.frame_fraction < self.min_frame_fraction:
            fail(
                "face_too_small",
                f"face too small: {face.size_px} px ({face.frame_fraction:.1%} of the frame); "
                f"need {self.min_face_px} px and {self.min_frame_fraction:.0%}; move closer",
            )
        if face.sharpness < self.min_sharpness:
            fail("too_blurry", f"too blurry: sharpness {face.sharpness:.0f}, need {self.min_sharpness:.0f}")
        if face.brightness < self.min_brightness:
            fail(
                "too_dark",
                f"too dark: face brightness {face.brightness:.0f}/255, need {self.min_brightness:.0f}",
            )
        elif face.brightness > self.max_brightness:
            fail(
                "too_bright",
                f"too bright: face brightness {face.brightness:.0f}/255, at most {self.max_brightness:.0f}",
            )
        if face.contrast < self.min_contrast:
            fail("low_contrast", f"low contrast: {face.contrast:.0f}, need {self.min_contrast:.0f}")
        if (self.max_abs_yaw is not None and abs(face.yaw) > self.max_abs_yaw) or (
            self.max_abs_pitch is not None and abs(face.pitch) > self.max_abs_pitch
        ):
            fail(
                "not_frontal",
                f"not frontal: head turned (yaw {face.yaw:.0f}, pitch {face.pitch:.0f} degrees); look at the camera",
            )
        return QualityReport(not codes, codes, reasons, face)
