"""Liveness for cameo clips, and the cameo profile built from a clip that passed.

The person records a short clip while following a random :class:`Challenge`: turn the head to the asked
sides in the asked order, and say some digits aloud. :func:`check_liveness` looks at the faces found in
the clip's sampled frames (``FaceAnalyzer.analyze`` on each frame of ``clips.read_clip``) and decides:

1. **One person in view**: exactly one face in every sampled frame; a few frames without a detection
   (motion blur, a turn past ~40 degrees where dlib's frontal detector gives up) are tolerated, a second
   face never is.
2. **One identity**: the frames where the person faces the camera agree pairwise (< 0.5), every frame
   is within the same-person threshold (0.6) of their mean, and no frame is far from the clip's mean.
   Someone swapping in, or a clip spliced from two people, fails.
3. **The head turns, in the asked order**: yaw is measured per frame from the landmarks (see
   ``faces.estimate_pose``) relative to the start of the clip (the median of its first sixth of
   detected frames, at most 10 degrees off frontal; the clip should start facing the camera, as the
   instructions say); a turn registers when the yaw passes ``turn_threshold`` degrees to one side,
   and the registered sequence must equal the challenge exactly (``["left", "right"]`` is not satisfied by left, right, left). "left" is **the person's own
   left**: yaw > 0, the nose moving toward the right side of an unmirrored camera frame. Clients that
   mirror the selfie preview must still upload the unmirrored recording (MediaRecorder does).
4. **Not a picture** (a printed photo or a still on a screen held to the camera):

   * *no head movement*: a photo of a frontal face has no nose parallax, so its measured yaw stays near
     zero however the photo is tilted (and a photo of a turned face stays turned);
   * *planar landmark motion*: a flat picture moves its landmarks by one homography. One is fitted from
     the most frontal frame's face outline, brows and eyes to each other frame's, and the nose tip is
     compared with where it maps: on a (simulated) head turned 15-30 degrees it misses by 15-35% of
     the eye-to-mouth distance, on a picture (held, drifted, zoomed, tilted up to 45 degrees) by under
     5%, 8% in the worst case seen (a photo tilted 45 degrees a hand's width from the lens). The turned
     frames must show at least 10%, in the direction of the turn;
   * *near-identical frames*: the face, cropped and aligned the same way in every frame, hardly changes
     for a picture moved and zoomed by hand (a weak signal: a finely textured photo can pass it; the two
     checks above carry the decision); the whole frame never changes for a still image encoded as a
     video.
5. **Voice present**: when the challenge has digits, the clip must have an audio track with enough
   loud (voiced) time for them. **The spoken digits are not recognised**: there is no offline speech
   recogniser here, so ``LivenessResult.digits_verified`` is always False; the audio is kept with the
   cameo and can be checked later (an ASR model, or a person on review).

Limits (what this does not stop): a replayed video of the person on a screen or a deepfake that follows
the challenge in real time; a mask; a photo bent around a cylinder may yield a small parallax. The
checks raise the cost of impersonation with a photo; they do not prove presence. Thresholds were set on
the real detector's output for real photos, with head turns simulated by a 2.5D re-rendering of the
photo (see ``tests/cameos``), not on recordings of real people; expect to tune them on real clips.
"""

from __future__ import annotations

import itertools
import math
import secrets
import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
from PIL import Image

from cielo.likeness.faces import (
    DEFAULT_MATCH_THRESHOLD,
    EYE_IMAGE_LEFT,
    EYE_IMAGE_RIGHT,
    MOUTH_OUTER,
    NOSE_TIP,
    FaceAnalyzer,
    FaceObservation,
    QualityCheck,
    aligned_face,
    normalize_embedding,
    reference_crop,
    to_png,
)
from cielo.errors import InvalidInput

__all__ = [
    "TURN_DIRECTIONS",
    "CameoProfile",
    "Challenge",
    "LivenessConfig",
    "LivenessResult",
    "ProfileError",
    "analyze_frames",
    "audio_activity",
    "build_cameo_profile",
    "check_liveness",
]

TURN_DIRECTIONS = ("left", "right")


class ProfileError(InvalidInput):
    """No usable face to build a cameo profile from."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message, param="clip", code=code)


# --------------------------------------------------------------------------------------------------
# Challenge


@dataclass(frozen=True)
class Challenge:
    """What the person is asked to do while recording: head turns in order, then digits to say aloud.

    ``turns`` are "left"/"right", the person's own left and right. Two equal turns in a row (left, left)
    need a return to facing the camera in between to count twice; :meth:`random` never asks for them.
    """

    turns: tuple[str, ...]
    digits: str = ""

    def __post_init__(self) -> None:
        turns = tuple(str(t).lower() for t in self.turns)
        if not turns:
            raise ValueError("a challenge needs at least one head turn")
        if any(t not in TURN_DIRECTIONS for t in turns):
            raise ValueError(f"turns must be among {TURN_DIRECTIONS}, got {self.turns!r}")
        if self.digits and not self.digits.isdigit():
            raise ValueError("digits must be decimal digits")
        object.__setattr__(self, "turns", turns)

    @classmethod
    def random(cls, *, n_turns: int = 2, n_digits: int = 4, rng: Any = None) -> Challenge:
        """A fresh challenge from a cryptographic random source (or ``rng``, a ``random.Random``)."""
        rng = rng or secrets.SystemRandom()
        first = rng.choice(TURN_DIRECTIONS)
        other = {"left": "right", "right": "left"}
        turns = [first]
        while len(turns) < n_turns:
            turns.append(other[turns[-1]])
        digits = "".join(str(rng.randrange(10)) for _ in range(n_digits))
        return cls(tuple(turns), digits)

    def instructions(self) -> str:
        """The sentence shown to the person before recording."""
        steps = ", then ".join(f"turn your head to your {t}" for t in self.turns)
        text = f"Look at the camera, {steps}, then look back at the camera"
        if self.digits:
            text += ", and say these digits out loud: " + " ".join(self.digits)
        return text + "."

    def to_dict(self) -> dict[str, Any]:
        return {"turns": list(self.turns), "digits": self.digits}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Challenge:
        return cls(tuple(data["turns"]), str(data.get("digits", "")))


# --------------------------------------------------------------------------------------------------
# Decision


@dataclass(frozen=True)
class LivenessConfig:
    """Thresholds of :func:`check_liveness` (angles in degrees, distances in embedding units)."""

    max_missed_fraction: float = 0.25  # frames with no face detected
    min_face_frames: int = 4
    match_threshold: float = DEFAULT_MATCH_THRESHOLD  # every frame vs the frontal frames' mean
    frontal_pair_threshold: float = 0.5  # any two frontal frames
    spread_threshold: float = 0.5  # any frame vs the mean of all frames
    frontal_yaw: float = 12.0  # |yaw - baseline| under this counts as facing the camera
    turn_threshold: float = 15.0  # |yaw - baseline| a turn must reach
    baseline_clip: float = 10.0  # the start-of-clip yaw taken as "facing the camera", at most this
    min_parallax: float = 0.1  # nose-tip miss of the planar prediction / eye-to-mouth distance
    min_face_change: float = 0.15  # mean |difference| of normalised 16x16 aligned face crops (std units)
    min_frame_change: float = 1.0  # mean |difference| of consecutive whole frames (grey levels)
    require_audio: bool | None = None  # None: required when the challenge has digits
    voiced_dbfs: float = -40.0  # a 30 ms window louder than this counts as voiced
    voiced_seconds_per_digit: float = 0.2
    min_voiced_seconds: float = 0.5


@dataclass(frozen=True)
class LivenessResult:
    """The decision and everything it was based on (JSON-friendly through :meth:`to_dict`).

    ``yaw_track`` holds the measured yaw (degrees, + = the person's left) of each sampled frame, None
    where there was not exactly one face; ``relative_yaw`` subtracts ``baseline_yaw``.
    ``identity_spread`` is the largest distance of a frame's embedding from the mean of all frames.
    """

    passed: bool
    reasons: list[str]
    codes: list[str]
    checks: dict[str, bool]
    challenge: Challenge
    faces_per_frame: list[int]
    yaw_track: list[float | None]
    baseline_yaw: float
    relative_yaw: list[float | None]
    observed_turns: list[str]
    identity_spread: float
    frontal_pair_max: float
    max_from_frontal: float
    parallax_track: list[float | None]
    max_parallax: float
    face_change: float | None
    frame_change: float | None
    audio_present: bool
    audio_dbfs: float | None
    voiced_seconds: float
    digits_verified: bool = False  # never: no offline speech recognition (see the module docstring)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["challenge"] = self.challenge.to_dict()
        return data


def analyze_frames(frames: Sequence[np.ndarray], analyzer: FaceAnalyzer) -> list[list[FaceObservation]]:
    """The faces in each frame (largest first), as :func:`check_liveness` wants them."""
    return [analyzer.analyze(frame) for frame in frames]


def check_liveness(
    observations: Sequence[Sequence[FaceObservation]],
    challenge: Challenge,
    *,
    frames: Sequence[np.ndarray] | None = None,
    audio: np.ndarray | None = None,
    audio_rate: int = 16000,
    config: LivenessConfig | None = None,
) -> LivenessResult:
    """Decide whether the sampled frames show one live person following ``challenge``.

    ``observations[i]`` are the faces found in sampled frame ``i`` (in time order). ``frames`` (the same
    frames, RGB) enable the near-identical-frames checks; ``audio`` (mono float, ``audio_rate`` Hz)
    enables the voice check. See the module docstring for what is checked and what is not.
    """
    cfg = config or LivenessConfig()
    codes: list[str] = []
    reasons: list[str] = []
    checks: dict[str, bool] = {}

    def fail(check: str, code: str, text: str) -> None:
        checks[check] = False
        if code not in codes:
            codes.append(code)
            reasons.append(text)

    n = len(observations)
    counts = [len(faces) for faces in observations]
    single = [faces[0] if len(faces) == 1 else None for faces in observations]
    valid = [i for i, face in enumerate(single) if face is not None]

    # 1. one person in view
    checks["one_face"] = True
    multi = [i for i, c in enumerate(counts) if c > 1]
    missed = [i for i, c in enumerate(counts) if c == 0]
    if multi:
        fail(
            "one_face", "multiple_faces", f"more than one face: {len(multi)} of {n} frames show several faces"
        )
    if n == 0 or len(missed) > cfg.max_missed_fraction * n:
        fail(
            "one_face",
            "face_missing",
            f"face not found in {len(missed)} of {n} frames: keep your whole face in view and turn your "
            "head only about 30 degrees",
        )
    if len(valid) < cfg.min_face_frames:
        fail("one_face", "too_few_frames", f"too few usable frames: {len(valid)}, need {cfg.min_face_frames}")

    # 3 (first: identity needs the frontal frames). Yaw relative to how the clip starts.
    yaw_track: list[float | None] = [face.yaw if face is not None else None for face in single]
    measured = [y for y in yaw_track if y is not None]
    head = measured[: max(1, math.ceil(len(measured) / 6))]
    baseline = float(np.clip(statistics.median(head), -cfg.baseline_clip, cfg.baseline_clip)) if head else 0.0
    relative = [None if y is None else y - baseline for y in yaw_track]
    observed = _turn_sequence(relative, cfg.turn_threshold)

    # 2. one identity
    identity_spread = frontal_pair_max = max_from_frontal = 0.0
    checks["same_identity"] = True
    if valid:
        embeddings = np.stack([single[i].embedding for i in valid])  # type: ignore[union-attr]
        identity_spread = float(np.linalg.norm(embeddings - embeddings.mean(axis=0), axis=1).max())
        frontal = [k for k, i in enumerate(valid) if abs(relative[i]) < cfg.frontal_yaw]  # type: ignore[arg-type]
        if not frontal:
            frontal = [int(np.argmin([abs(relative[i]) for i in valid]))]  # type: ignore[arg-type]
        fe = embeddings[frontal]
        frontal_pair_max = float(np.linalg.norm(fe[:, None, :] - fe[None, :, :], axis=2).max())
        max_from_frontal = float(np.linalg.norm(embeddings - fe.mean(axis=0), axis=1).max())
        if (
            frontal_pair_max >= cfg.frontal_pair_threshold
            or max_from_frontal >= cfg.match_threshold
            or identity_spread >= cfg.spread_threshold
        ):
            fail(
                "same_identity",
                "identity_changed",
                "the face changes identity during the clip (distance "
                f"{max(frontal_pair_max, max_from_frontal):.2f}, spread {identity_spread:.2f}): "
                "one person must record their own cameo",
            )

    # 3. head turns, in order
    checks["head_turns"] = True
    span = [r for r in relative if r is not None]
    yaw_range = (max(span) - min(span)) if span else 0.0
    if yaw_range < cfg.turn_threshold:
        fail(
            "head_turns",
            "no_head_movement",
            f"no head movement: the head turned through {yaw_range:.0f} degrees at most "
            f"(a still picture shows none); turn your head about 30 degrees each way",
        )
    if observed != list(challenge.turns):
        fail(
            "head_turns",
            "turns_not_followed",
            "head turns not as asked: expected "
            + ", ".join(challenge.turns)
            + "; saw "
            + (", ".join(observed) if observed else "none"),
        )

    # 4. not a picture: nose parallax against the planar prediction
    parallax_track = _parallax_track(single, relative)
    parallaxes = [abs(p) for p in parallax_track if p is not None]
    max_parallax = max(parallaxes) if parallaxes else 0.0
    turned = [
        p * math.copysign(1.0, r)  # type: ignore[operator]
        for p, r in zip(parallax_track, relative, strict=True)
        if p is not None and r is not None and abs(r) >= cfg.turn_threshold
    ]
    checks["not_planar"] = True
    if max_parallax < cfg.min_parallax or (turned and statistics.median(turned) < cfg.min_parallax):
        fail(
            "not_planar",
            "planar_motion",
            f"the face moves like a flat picture (nose parallax {max_parallax:.3f}, "
            f"need {cfg.min_parallax:.3f}): record your own face, not a photo or a screen",
        )

    # 4. not a picture: near-identical frames
    face_change = frame_change = None
    if frames is not None:
        if len(frames) != n:
            raise ValueError("frames and observations differ in length")
        face_change = _face_change(frames, single, relative)
        frame_change = _frame_change(frames)
        checks["face_changes"] = face_change is None or face_change >= cfg.min_face_change
        checks["frames_change"] = frame_change >= cfg.min_frame_change
        if not checks["frames_change"]:
            fail(
                "frames_change",
                "static_frames",
                f"the frames are near-identical (change {frame_change:.2f}): a still image, not a recording",
            )
        if not checks["face_changes"]:
            fail(
                "face_changes",
                "static_face",
                f"the face looks the same in every frame (change {face_change:.2f}), as a photo does",
            )

    # 5. voice present (not recognised)
    need_audio = cfg.require_audio if cfg.require_audio is not None else bool(challenge.digits)
    audio_present = audio is not None and np.asarray(audio).size > 0
    audio_dbfs, voiced = audio_activity(audio, audio_rate, cfg.voiced_dbfs) if audio_present else (None, 0.0)
    checks["audio"] = True
    if need_audio:
        needed = max(cfg.min_voiced_seconds, cfg.voiced_seconds_per_digit * len(challenge.digits))
        if not audio_present:
            fail("audio", "no_audio", "no audio: the clip has no sound track; say the digits out loud")
        elif voiced < needed:
            fail(
                "audio",
                "audio_too_quiet",
                f"too quiet: {voiced:.1f} s of voice heard, need {needed:.1f} s; say the digits out loud",
            )

    return LivenessResult(
        passed=not codes,
        reasons=reasons,
        codes=codes,
        checks=checks,
        challenge=challenge,
        faces_per_frame=counts,
        yaw_track=[_round(y) for y in yaw_track],
        baseline_yaw=round(baseline, 2),
        relative_yaw=[_round(r) for r in relative],
        observed_turns=observed,
        identity_spread=round(identity_spread, 4),
        frontal_pair_max=round(frontal_pair_max, 4),
        max_from_frontal=round(max_from_frontal, 4),
        parallax_track=[_round(p, 4) for p in parallax_track],
        max_parallax=round(max_parallax, 4),
        face_change=None if face_change is None else round(face_change, 4),
        frame_change=None if frame_change is None else round(frame_change, 4),
        audio_present=audio_present,
        audio_dbfs=None if audio_dbfs is None else round(audio_dbfs, 2),
        voiced_seconds=round(voiced, 3),
    )


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(float(value), digits)


def _turn_sequence(relative: Sequence[float | None], threshold: float) -> list[str]:
    """Turns registered along the track: a side is entered past ``threshold`` and left (back to the
    centre) under half of it; the same side counts again only after the centre."""
    state = "center"
    events: list[str] = []
    for r in relative:
        if r is None:
            continue
        side = "left" if r >= threshold else "right" if r <= -threshold else None
        if side is not None and side != state:
            events.append(side)
            state = side
        elif side is None and abs(r) < threshold / 2:
            state = "center"
    return events


# The face's outline, brows and eyes: the points a homography is fitted on (the nose is then predicted).
_PLANE_POINTS = list(range(28)) + list(range(EYE_IMAGE_LEFT.start, EYE_IMAGE_RIGHT.stop))


def _homography(src: np.ndarray, dst: np.ndarray) -> np.ndarray | None:
    """3x3 homography mapping ``src`` points onto ``dst`` (normalised DLT, least squares)."""

    def conditioner(p: np.ndarray) -> np.ndarray:
        c = p.mean(axis=0)
        spread = float(np.mean(np.linalg.norm(p - c, axis=1)))
        k = math.sqrt(2.0) / max(spread, 1e-9)
        return np.array([[k, 0.0, -k * c[0]], [0.0, k, -k * c[1]], [0.0, 0.0, 1.0]])

    ts, td = conditioner(src), conditioner(dst)
    ps = np.c_[src, np.ones(len(src))] @ ts.T
    pd = np.c_[dst, np.ones(len(dst))] @ td.T
    rows = np.zeros((2 * len(src), 9))
    rows[0::2, 0:3] = -ps
    rows[0::2, 6:9] = ps * pd[:, :1]
    rows[1::2, 3:6] = -ps
    rows[1::2, 6:9] = ps * pd[:, 1:2]
    _, _, vt = np.linalg.svd(rows)
    h = np.linalg.inv(td) @ vt[-1].reshape(3, 3) @ ts
    return h / h[2, 2] if abs(h[2, 2]) > 1e-12 else None


def _apply(h: np.ndarray, point: np.ndarray) -> np.ndarray:
    p = h @ np.r_[point, 1.0]
    return p[:2] / p[2]


def _parallax_track(
    single: Sequence[FaceObservation | None], relative: Sequence[float | None]
) -> list[float | None]:
    """Per frame: how far (horizontally) the nose tip lands from where a flat picture would put it.

    A homography is fitted from the most frontal frame's outline, brows and eyes to this frame's; the
    nose tip's miss of the mapped prediction is divided by the map's local horizontal scale and by the
    reference face's eye-to-mouth distance. + = toward the image's right (a turn to the person's left).
    """
    candidates = [i for i, face in enumerate(single) if face is not None]
    if not candidates:
        return [None] * len(single)
    ref_i = min(candidates, key=lambda i: abs(relative[i]))  # type: ignore[arg-type]
    ref = single[ref_i].landmarks  # type: ignore[union-attr]
    eyes = ref[EYE_IMAGE_LEFT.start : EYE_IMAGE_RIGHT.stop].mean(axis=0)
    scale = max(float(np.linalg.norm(ref[MOUTH_OUTER].mean(axis=0) - eyes)), 1e-6)
    track: list[float | None] = []
    for face in single:
        if face is None:
            track.append(None)
            continue
        h = _homography(ref[_PLANE_POINTS], face.landmarks[_PLANE_POINTS])
        if h is None:
            track.append(None)
            continue
        predicted = _apply(h, ref[NOSE_TIP])
        sx = max(float(np.linalg.norm(_apply(h, ref[NOSE_TIP] + (1.0, 0.0)) - predicted)), 1e-6)
        track.append(float(face.landmarks[NOSE_TIP][0] - predicted[0]) / sx / scale)
    return track


def _face_change(
    frames: Sequence[np.ndarray], single: Sequence[FaceObservation | None], relative: Sequence[float | None]
) -> float | None:
    """Largest mean |difference| between each frame's aligned, normalised face crop and the most
    frontal frame's."""
    idx = [i for i, face in enumerate(single) if face is not None]
    if len(idx) < 2:
        return None
    crops = {}
    for i in idx:
        c = aligned_face(frames[i], single[i], size=64)  # type: ignore[arg-type]
        # 16x16: blind to the pixel jitter of landmark-based alignment, not to a change of view
        c = np.asarray(Image.fromarray(c.astype(np.uint8)).resize((16, 16), Image.Resampling.BOX), float)
        crops[i] = (c - c.mean()) / max(float(c.std()), 1e-6)
    ref_i = min(idx, key=lambda i: abs(relative[i]))  # type: ignore[arg-type]
    return max(float(np.abs(crops[i] - crops[ref_i]).mean()) for i in idx if i != ref_i)


def _frame_change(frames: Sequence[np.ndarray]) -> float:
    """Largest mean |difference| (grey levels) between consecutive frames shrunk to 64x64."""
    if len(frames) < 2:
        return 0.0
    thumbs = [
        np.asarray(
            Image.fromarray(np.asarray(f, dtype=np.uint8))
            .convert("L")
            .resize((64, 64), Image.Resampling.BOX),
            dtype=np.float64,
        )
        for f in frames
    ]
    return max(float(np.abs(a - b).mean()) for a, b in itertools.pairwise(thumbs))


def audio_activity(
    audio: np.ndarray | None, rate: int, voiced_dbfs: float = -40.0
) -> tuple[float | None, float]:
    """(overall level in dBFS, seconds of 30 ms windows louder than ``voiced_dbfs``) of mono audio."""
    if audio is None:
        return None, 0.0
    x = np.asarray(audio, dtype=np.float64).reshape(-1)
    if x.size == 0:
        return None, 0.0
    level = 20.0 * math.log10(max(float(np.sqrt(np.mean(x * x))), 1e-10))
    win = max(1, int(0.03 * rate))
    usable = (x.size // win) * win
    if usable == 0:
        return level, 0.0
    rms = np.sqrt(np.mean(x[:usable].reshape(-1, win) ** 2, axis=1))
    loud = 20.0 * np.log10(np.maximum(rms, 1e-10)) > voiced_dbfs
    return level, float(loud.sum() * win / rate)


# --------------------------------------------------------------------------------------------------
# Profile


@dataclass(frozen=True, eq=False)
class CameoProfile:
    """What is kept of a cameo clip for generation and likeness checks.

    ``embedding`` is the mean of the frames' dlib embeddings, rescaled to their mean length: it lives in
    the same space as a single face's embedding, so ``face_distance`` and the 0.6 threshold apply to it.
    ``unit_embedding`` is the same direction at length 1 (for cosine-similarity indexes). dlib's raw
    descriptors are not unit length (about 1.3-1.5), hence the two.
    """

    embedding: np.ndarray
    unit_embedding: np.ndarray
    reference_pngs: list[bytes]
    reference_frames: list[int]
    quality: dict[str, Any] = field(default_factory=dict)
    quality_ok: bool = True
    quality_reasons: list[str] = field(default_factory=list)


def build_cameo_profile(
    frames: Sequence[np.ndarray],
    observations: Sequence[Sequence[FaceObservation]],
    *,
    n_references: int = 4,
    crop_size: int = 256,
    frontal_yaw: float = 15.0,
    quality: QualityCheck | None = None,
) -> CameoProfile:
    """The cameo's identity and reference pictures from a clip's sampled frames and their faces.

    Uses the frames with exactly one face. References are the sharpest near-frontal frames (|yaw| under
    ``frontal_yaw``; then the least turned ones if there are too few), ``n_references`` of them (3-5
    suits video models that take reference images), as upright padded PNG crops. ``quality`` judges the
    best reference; its reasons are reported, not raised. Raises :class:`ProfileError` without a face.
    """
    if len(frames) != len(observations):
        raise ValueError("frames and observations differ in length")
    check = quality or QualityCheck()
    usable = [(i, faces[0]) for i, faces in enumerate(observations) if len(faces) == 1]
    if not usable:
        raise ProfileError("no_face", "no frame shows exactly one face")
    embeddings = np.stack([face.embedding for _, face in usable])
    mean = embeddings.mean(axis=0)
    unit = normalize_embedding(mean)
    embedding = unit * float(np.linalg.norm(embeddings, axis=1).mean())

    frontal = sorted((p for p in usable if abs(p[1].yaw) < frontal_yaw), key=lambda p: -p[1].sharpness)
    others = sorted((p for p in usable if abs(p[1].yaw) >= frontal_yaw), key=lambda p: abs(p[1].yaw))
    picked = (frontal + others)[: max(1, n_references)]
    pngs = [to_png(reference_crop(frames[i], face, crop_size)) for i, face in picked]
    report = check.check([picked[0][1]])

    faces = [face for _, face in usable]
    summary = {
        "frames": len(frames),
        "frames_with_one_face": len(usable),
        "face_px_median": float(np.median([f.size_px for f in faces])),
        "frame_fraction_median": round(float(np.median([f.frame_fraction for f in faces])), 4),
        "sharpness_median": round(float(np.median([f.sharpness for f in faces])), 2),
        "brightness_median": round(float(np.median([f.brightness for f in faces])), 2),
        "contrast_median": round(float(np.median([f.contrast for f in faces])), 2),
        "yaw_min": round(min(f.yaw for f in faces), 2),
        "yaw_max": round(max(f.yaw for f in faces), 2),
        "embedding_spread": round(float(np.linalg.norm(embeddings - mean, axis=1).max()), 4),
        "best_reference": picked[0][1].to_dict(),
        "codes": report.codes,
    }
    return CameoProfile(
        embedding=embedding,
        unit_embedding=unit,
        reference_pngs=pngs,
        reference_frames=[i for i, _ in picked],
        quality=summary,
        quality_ok=report.ok,
        quality_reasons=report.reasons,
    )
