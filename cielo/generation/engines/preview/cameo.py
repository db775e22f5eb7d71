"""Cameos in the preview engine: a person's own face on their figure, a character's own picture as its figure.

A person cameo's reference crop (upright, padded: see ``cielo.likeness.faces.reference_crop``) is cut out
along an oval fitted to its landmarks (found again here with dlib; without the face library, or without a
detection, the crop's known geometry stands in) and put where the drawn head would be, a little larger, so
the face reads at preview sizes. Talking opens the mouth: the lower face drops along a smooth ramp and a dark
opening appears between the lips, once per pose, like every other sprite. The figure turns with its walk
direction but the face is never mirrored (the likeness stays the person's).

A character (pet, object) is its reference picture in a soft-edged card that bobs and stretches as it talks.

Prepared looks are cached per file (a figure is rebuilt for every shot).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PIL import Image

from cielo.generation.plan import Subject

if TYPE_CHECKING:  # figures.py imports this module
    from cielo.generation.engines.preview.figures import Pose, _Pen

log = logging.getLogger("cielo.preview.cameo")

PERSON_SCALE = 1.2  # cameo people stand a little taller than drawn extras: they are the stars
HEAD = 0.34  # height of the face oval, in figure heights (a drawn head is 0.22)
NECK_OVERLAP = 0.03  # how far the oval comes down over the shoulders
CHARACTER = 0.95  # height of a character's card, in figure heights
MOUTH_COLOR = (72, 22, 32)


@dataclass(frozen=True)
class _Face:
    closed: Image.Image  # RGBA, cut out along the oval
    open: Image.Image  # the same with the mouth open


class CameoLook:
    """How one cameo subject is drawn; `kind` is person or character."""

    def __init__(self, kind: str, face: _Face) -> None:
        self.kind = kind
        self.face = face
        self.scale = PERSON_SCALE if kind == "person" else 1.0

    def draw_head(self, pen: _Pen, shoulder: float, pose: Pose) -> None:
        """The face oval standing on the shoulders (`shoulder` in figure units, y up negative)."""
        head = self.face.open if pose.mouth else self.face.closed
        if pose.facing < 0:
            head = head.transpose(Image.FLIP_LEFT_RIGHT)  # the figure is flipped afterwards: unflip the face
        bottom = shoulder + NECK_OVERLAP
        _paste(pen, head, center=(0.0, bottom - HEAD / 2), height=HEAD)

    def draw_character(self, pen: _Pen, pose: Pose) -> None:
        pen.ellipse(0, -0.015, 0.3, 0.035, (0, 0, 0, 70))  # shadow on the ground
        card = self.face.open if pose.mouth else self.face.closed
        height = CHARACTER * (1.05 if pose.mouth else 1.0)  # a talking character stretches a little
        lift = 0.03 if pose.step % 2 else 0.0  # and hops as it walks
        if pose.facing < 0:
            card = card.transpose(Image.FLIP_LEFT_RIGHT)
        _paste(pen, card, center=(0.0, -0.02 - lift - height / 2), height=height)


def _paste(pen: _Pen, picture: Image.Image, *, center: tuple[float, float], height: float) -> None:
    image = pen.image
    if image is None:
        return
    h = max(2, round(height * pen.u))
    w = max(2, round(picture.width * h / picture.height))
    scaled = picture.resize((w, h), Image.LANCZOS)
    cx, cy = pen.pt(*center)
    layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
    layer.paste(scaled, (round(cx - w / 2), round(cy - h / 2)))
    image.alpha_composite(layer)


def cameo_look(subject: Subject) -> CameoLook | None:
    """The look of a cameo subject, or None for any other subject (or a cameo whose picture is missing:
    the figure is then drawn like any other, and the job's log says why)."""
    cameo = subject.cameo
    if not cameo or not cameo.get("face"):
        return None
    path = Path(cameo["face"])
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        log.warning("cameo @%s: reference picture %s is missing", cameo.get("handle"), path)
        return None
    kind = cameo.get("kind") or "person"
    face = _prepare(str(path), stamp, kind)
    return None if face is None else CameoLook(kind, face)


@lru_cache(maxsize=16)
def _prepare(path: str, _stamp: int, kind: str) -> _Face | None:
    try:
        with Image.open(path) as source:
            rgb = np.asarray(source.convert("RGB"))
    except (OSError, ValueError) as exc:
        log.warning("cameo picture %s is unreadable: %s", path, exc)
        return None
    if kind == "person":
        return _person_face(rgb)
    return _character_card(rgb)


# ------------------------------------------------------------------------------------------- people


@dataclass(frozen=True)
class _Geometry:
    cx: float
    cy: float
    a: float  # oval half-width
    b: float  # oval half-height
    mouth: tuple[float, float]
    mouth_width: float


def _landmarks(rgb: np.ndarray) -> np.ndarray | None:
    try:
        from cielo.likeness.faces import FaceAnalyzer

        faces = FaceAnalyzer(upsample=1).analyze(rgb)
    except Exception as exc:  # noqa: BLE001 - no face library: fall back to the crop's geometry
        log.info("no landmarks for a cameo face (%s); using the crop's geometry", exc)
        return None
    return faces[0].landmarks if faces else None


def _geometry(rgb: np.ndarray) -> _Geometry:
    size = float(min(rgb.shape[:2]))
    points = _landmarks(rgb)
    if points is None:
        # reference_crop puts the eyes at 0.45 and the mouth at 0.70 of the side, the face 0.5 wide.
        return _Geometry(0.5 * size, 0.49 * size, 0.27 * size, 0.37 * size, (0.5 * size, 0.70 * size), 0.2 * size)
    jaw, brows, mouth = points[0:17], points[17:27], points[48:60]
    chin = float(points[8, 1])
    brow = float(brows[:, 1].min())
    face_h = max(chin - brow, 1.0)
    top, bottom = brow - 0.62 * face_h, chin + 0.05 * face_h
    left, right = float(jaw[:, 0].min()), float(jaw[:, 0].max())
    a = 0.5 * (right - left) * 1.14
    cx = 0.5 * (left + right)
    return _Geometry(
        cx=cx, cy=0.5 * (top + bottom), a=a, b=0.5 * (bottom - top),
        mouth=(float(mouth[:, 0].mean()), float(mouth[:, 1].mean())),
        mouth_width=float(np.linalg.norm(points[54] - points[48])),
    )


def _oval_alpha(shape: tuple[int, int], cx: float, cy: float, a: float, b: float, feather: float = 0.06) -> np.ndarray:
    yy, xx = np.mgrid[0 : shape[0], 0 : shape[1]].astype(np.float32)
    d = np.sqrt(((xx - cx) / a) ** 2 + ((yy - cy) / b) ** 2)
    return (np.clip((1.0 - d) / feather, 0.0, 1.0) * 255).astype(np.uint8)


def _open_mouth(rgb: np.ndarray, g: _Geometry) -> np.ndarray:
    """The lower face dropped by a fraction of the mouth's width (most at the lips, none at the chin's
    edge) and a dark opening between the lips."""
    h, w = rgb.shape[:2]
    mx, my = g.mouth
    drop = 0.22 * g.mouth_width
    bottom = g.cy + g.b
    ys = np.arange(h, dtype=np.float32)
    shift = np.where(ys > my, drop * np.clip((bottom - ys) / max(bottom - my, 1.0), 0.0, 1.0), 0.0)
    shift = np.where((ys > my - drop) & (ys <= my), drop * (ys - (my - drop)) / max(drop, 1.0), shift)
    src = np.clip(np.round(ys - shift).astype(np.int32), 0, h - 1)
    # Only the columns of the jaw move; the background beside the face stays.
    xs = np.arange(w, dtype=np.float32)
    weight = np.clip(1.0 - np.abs(xs - g.cx) / (g.a * 1.05), 0.0, 1.0)[None, :, None]
    weight = np.minimum(1.0, weight * 3.0)
    moved = rgb[src]
    out = rgb.astype(np.float32) * (1 - weight) + moved.astype(np.float32) * weight
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    rx, ry = 0.33 * g.mouth_width, 0.5 * drop + 0.05 * g.mouth_width
    inside = np.clip((1.0 - np.sqrt(((xx - mx) / rx) ** 2 + ((yy - my - 0.15 * drop) / ry) ** 2)) / 0.25, 0, 1)
    out = out * (1 - inside[..., None]) + np.asarray(MOUTH_COLOR, np.float32) * inside[..., None]
    return np.clip(out, 0, 255).astype(np.uint8)


def _person_face(rgb: np.ndarray) -> _Face:
    g = _geometry(rgb)
    alpha = _oval_alpha(rgb.shape[:2], g.cx, g.cy, g.a, g.b)
    box = (
        max(0, int(g.cx - g.a) - 1), max(0, int(g.cy - g.b) - 1),
        min(rgb.shape[1], int(g.cx + g.a) + 2), min(rgb.shape[0], int(g.cy + g.b) + 2),
    )

    def cut(pixels: np.ndarray) -> Image.Image:
        return Image.fromarray(np.dstack([pixels, alpha]), "RGBA").crop(box)

    return _Face(closed=cut(rgb), open=cut(_open_mouth(rgb, g)))


# ------------------------------------------------------------------------------------------- characters


def _character_card(rgb: np.ndarray) -> _Face:
    h, w = rgb.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    # A rounded square: superellipse |x|^4 + |y|^4 < 1, feathered.
    d = (np.abs((xx - w / 2) / (w / 2)) ** 4 + np.abs((yy - h / 2) / (h / 2)) ** 4) ** 0.25
    alpha = (np.clip((1.0 - d) / 0.05, 0, 1) * 255).astype(np.uint8)
    card = Image.fromarray(np.dstack([rgb, alpha]), "RGBA")
    return _Face(closed=card, open=card)
