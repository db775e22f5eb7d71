"""Face analysis on real photos: identity, quality reasons, pose conventions, crops, impersonation lookup."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageFilter

from cielo.likeness.faces import (
    FaceAnalyzer,
    QualityCheck,
    closest_match,
    estimate_pose,
    face_distance,
    find_models_dir,
    normalize_embedding,
    reference_crop,
    same_person,
    to_png,
)

from .conftest import head_turn, resize


def test_models_are_found_by_path_and_loaded_once(analyzer: FaceAnalyzer) -> None:
    folder = find_models_dir()
    assert (folder / "shape_predictor_68_face_landmarks.dat").is_file()
    assert FaceAnalyzer().models is analyzer.models  # one load per process and folder


def test_observation_has_box_landmarks_embedding_quality_and_pose(astronaut, astronaut_face) -> None:
    face = astronaut_face
    left, top, right, bottom = face.box
    assert 0 <= left < right <= astronaut.shape[1] and 0 <= top < bottom <= astronaut.shape[0]
    assert face.landmarks.shape == (68, 2)
    assert face.embedding.shape == (128,)
    assert 80 <= face.size_px <= 100  # the astronaut's face is small in her 512 px portrait
    assert 0.02 < face.frame_fraction < 0.05
    assert face.sharpness > 200 and 100 < face.brightness < 220 and face.contrast > 20
    assert abs(face.yaw) < 10 and abs(face.roll) < 10
    assert face.interocular > 20
    assert set(face.to_dict()) >= {"box", "size_px", "sharpness", "yaw"}


def _variants(image: np.ndarray) -> dict[str, np.ndarray]:
    pil = Image.fromarray(image)
    return {
        "mirrored": image[:, ::-1].copy(),
        "resized": resize(image, 640, 640),
        "rotated": np.asarray(pil.rotate(8, resample=Image.Resampling.BICUBIC)),
        "brighter": np.clip(image.astype(float) * 1.25 + 15, 0, 255).astype(np.uint8),
    }


def test_same_person_matches_across_mirror_resize_rotation_and_brightness(
    analyzer, astronaut, astronaut_face
):
    for name, variant in _variants(astronaut).items():
        faces = analyzer.analyze(variant)
        assert len(faces) == 1, name
        distance = face_distance(astronaut_face, faces[0])
        assert distance < 0.6, (name, distance)
        assert same_person(astronaut_face.embedding, faces[0].embedding), name


def test_different_people_do_not_match(astronaut_face, grace_face) -> None:
    distance = face_distance(astronaut_face, grace_face)
    assert distance > 0.6
    assert not same_person(astronaut_face, grace_face)
    with pytest.raises(ValueError):
        face_distance(astronaut_face.embedding, astronaut_face.embedding[:64])


def test_good_photos_pass_the_quality_check(astronaut_face, grace_face) -> None:
    for face in (astronaut_face, grace_face):
        report = QualityCheck().check([face])
        assert report.ok, report.reasons
        assert report.face is face


def test_no_face_is_refused(analyzer) -> None:
    import skimage.data

    rng = np.random.default_rng(0)
    texture = (rng.random((256, 256, 3)) * 255).astype(np.uint8)
    for image in (skimage.data.coffee(), texture, np.full((300, 300, 3), 127, np.uint8)):
        faces = analyzer.analyze(image)
        assert faces == []
        report = QualityCheck().check(faces)
        assert not report.ok and report.codes == ["no_face"]
        assert report.reasons[0].startswith("no face")


def test_two_faces_are_refused(analyzer, astronaut, grace_hopper) -> None:
    both = np.concatenate([astronaut, resize(grace_hopper, 448, 512)], axis=1)
    faces = analyzer.analyze(both)
    assert len(faces) == 2
    report = QualityCheck().check(faces)
    assert report.codes == ["multiple_faces"]
    assert report.reasons[0].startswith("more than one face")


def test_blurry_face_is_refused(analyzer, astronaut) -> None:
    blurred = np.asarray(Image.fromarray(astronaut).filter(ImageFilter.GaussianBlur(3)))
    faces = analyzer.analyze(blurred)
    assert len(faces) == 1
    report = QualityCheck().check(faces)
    assert "too_blurry" in report.codes
    assert any(r.startswith("too blurry") for r in report.reasons)


def test_dark_face_is_refused(analyzer, astronaut) -> None:
    dark = (astronaut.astype(float) * 0.25).astype(np.uint8)
    faces = analyzer.analyze(dark)
    assert len(faces) == 1
    report = QualityCheck().check(faces)
    assert "too_dark" in report.codes
    assert any(r.startswith("too dark") for r in report.reasons)


def test_small_face_is_refused(analyzer, astronaut) -> None:
    canvas = np.full((1100, 1100, 3), 120, np.uint8)  # the same face, far from the camera
    canvas[300:812, 300:812] = astronaut
    faces = analyzer.analyze(canvas)
    assert len(faces) == 1
    report = QualityCheck().check(faces)
    assert report.codes == ["face_too_small"]
    assert report.reasons[0].startswith("face too small")
    # and a face under the pixel minimum, found only with upsampling
    tiny = resize(astronaut, 300, 300)
    assert FaceAnalyzer().analyze(tiny) == []
    faces = FaceAnalyzer(upsample=1).analyze(tiny)
    assert len(faces) == 1 and "face_too_small" in QualityCheck().check(faces).codes


def test_turned_face_is_not_frontal(analyzer, astronaut, astronaut_face) -> None:
    turned = head_turn(astronaut, astronaut_face.landmarks, 35)
    faces = analyzer.analyze(turned)
    assert len(faces) == 1
    assert "not_frontal" in QualityCheck().check(faces).codes


def test_yaw_sign_follows_the_persons_own_left(analyzer, portrait, portrait_face) -> None:
    # Turned to her own left, the nose moves toward the image's right: yaw > 0; the mirror image < 0.
    left = head_turn(portrait, portrait_face.landmarks, 20)
    (face,) = analyzer.analyze(left)
    assert face.yaw > portrait_face.yaw + 10
    (mirrored,) = analyzer.analyze(left[:, ::-1].copy())
    assert mirrored.yaw < -10
    # and a flat photo of a frontal face reads frontal whatever the landmarks' scale and position
    assert estimate_pose(portrait_face.landmarks * 2.0 + 40.0) == pytest.approx(
        (portrait_face.yaw, portrait_face.pitch, portrait_face.roll), abs=1e-6
    )


def test_roll_reads_the_eye_line(analyzer, astronaut, astronaut_face) -> None:
    rotated = np.asarray(Image.fromarray(astronaut).rotate(10, resample=Image.Resampling.BICUBIC))
    (face,) = analyzer.analyze(rotated)
    # PIL rotates counterclockwise: the image-right eye rises, so roll decreases by about 10 degrees
    assert face.roll - astronaut_face.roll == pytest.approx(-10, abs=3)


def test_reference_crop_is_upright_padded_and_the_same_person(analyzer, astronaut, astronaut_face) -> None:
    rotated = np.asarray(Image.fromarray(astronaut).rotate(12, resample=Image.Resampling.BICUBIC))
    (face,) = analyzer.analyze(rotated)
    crop = reference_crop(rotated, face, size=256)
    assert crop.shape == (256, 256, 3) and crop.dtype == np.uint8
    (again,) = analyzer.analyze(crop)
    assert abs(again.roll) < 3  # eyes level
    assert 0.25 < again.size_px / 256 < 0.65  # padded: hair and chin fit
    assert same_person(again, astronaut_face)
    png = to_png(crop)
    assert png.startswith(b"\x89PNG")
    assert Image.open(io.BytesIO(png)).size == (256, 256)


def test_reference_crop_pads_outside_the_image(analyzer, astronaut, astronaut_face) -> None:
    corner = astronaut[60:240, 150:300]  # face near the edges
    (face,) = analyzer.analyze(resize(corner, 300))
    crop = reference_crop(resize(corner, 300), face, size=128, fill=0)
    assert crop.shape == (128, 128, 3)
    assert (crop.reshape(-1, 3).sum(axis=1) == 0).any()  # filled where the photo ends


def test_closest_match_finds_the_impersonated_person(analyzer, astronaut, astronaut_face, grace_face) -> None:
    known = {"cameo_astronaut": astronaut_face.embedding, "cameo_grace": grace_face.embedding}
    (mirrored,) = analyzer.analyze(astronaut[:, ::-1].copy())
    match = closest_match(mirrored.embedding, known, threshold=0.6)
    assert match is not None
    assert match[0] == "cameo_astronaut" and match[1] < 0.6
    assert closest_match(mirrored, {"cameo_grace": grace_face.embedding}, 0.6) is None
    assert closest_match(mirrored.embedding, {}, 0.6) is None


def test_normalize_embedding(astronaut_face) -> None:
    unit = normalize_embedding(astronaut_face.embedding)
    assert np.linalg.norm(unit) == pytest.approx(1.0)
    assert np.linalg.norm(astronaut_face.embedding) > 1.1  # dlib's descriptors are not unit length
