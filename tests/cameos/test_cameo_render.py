"""Cameos in the generation pipeline (no database): @handles in the plan, the preview engine drawing each
cameo's own face with a talking mouth and its own voice, and the identity metric on the finished video."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from cielo.likeness.faces import FaceAnalyzer, reference_crop, to_png
from cielo.likeness.identity import measure_identity
from cielo.likeness.mentions import mentioned_handles, slug
from cielo.generation import GenerationRequest, run_pipeline
from cielo.generation.engines.preview.figures import Figure, Pose
from cielo.generation.plan import make_plan
from cielo.likeness.reference import CameoRef


@pytest.fixture(scope="module")
def refs(tmp_path_factory, astronaut, grace_portrait) -> dict[str, CameoRef]:
    folder = tmp_path_factory.mktemp("cameo-refs")
    analyzer = FaceAnalyzer()
    out = {}
    for handle, name, image, voice in (("astro", "Eileen", astronaut, "en+f3/p58"),
                                       ("grace", "Grace", grace_portrait, "en+f2/p68")):
        (face,) = analyzer.analyze(image)
        path = folder / f"{handle}.png"
        path.write_bytes(to_png(reference_crop(image, face, 256)))
        out[handle] = CameoRef(handle, name, path, voice, embedding=tuple(float(v) for v in face.embedding))
    return out


def test_mentions() -> None:
    assert mentioned_handles("@Ana and @bob.rex meet @ana. Mail a@b.com, @x is too short") == ["ana", "bob.rex"]
    assert slug("Señor Bigotes!") == "senor_bigotes" and slug("🐶") == "character"


def test_the_plan_casts_each_cameo_with_its_voice(refs) -> None:
    rex = CameoRef("ana.rex", "Rex", refs["astro"].face_png, "en+m3/p48", kind="character")
    plan = make_plan('@astro walks on the beach. She says "Hello there!" Then @ana.rex barks "Woof woof."',
                     seed=3, seconds=8, width=360, height=640, cameos=(refs["astro"], rex, refs["grace"]))
    by_handle = {s.cameo["handle"]: s for s in plan.subjects if s.cameo}
    astro, dog, grace = by_handle["astro"], by_handle["ana.rex"], by_handle["grace"]
    assert (astro.name, astro.kind, astro.gender, astro.action) == ("Eileen", "person", "female", "walk")
    assert (dog.kind, dog.species) == ("animal", "character")
    assert [(d.speaker, d.voice.variant, d.voice.pitch) for d in plan.dialogue] == [
        (astro.id, "f3", 58), (dog.id, "m3", 48)]
    assert astro.id in plan.shots[0].subjects and dog.id in plan.shots[-1].subjects
    assert grace.id in plan.shots[0].subjects  # added by the request, not named: on screen from the start
    assert "@astro" in plan.shots[0].description  # the prompt's text is kept for engines that read it


def test_a_cameo_figure_has_her_face_and_a_moving_mouth(refs) -> None:
    plan = make_plan('@astro says "Hello"', seed=1, seconds=4, width=360, height=640, cameos=(refs["astro"],))
    (subject,) = plan.subjects
    figure = Figure(subject, 400, seed=1)
    shut, open_ = (_on_grey(figure.sprite(Pose(mouth=m))) for m in (False, True))
    assert shut.shape == open_.shape
    changed = np.abs(shut.astype(int) - open_.astype(int)).sum(axis=2) > 30
    rows = np.flatnonzero(changed.any(axis=1))
    assert rows.size and rows[-1] < shut.shape[0] * 0.45  # only the face moves: the mouth, not the body
    (face,) = FaceAnalyzer(upsample=1).analyze(shut)
    assert np.linalg.norm(face.embedding - np.asarray(refs["astro"].embedding)) < 0.6


def _on_grey(sprite) -> np.ndarray:
    return ((sprite.premul[..., :3].astype(np.uint32) + ((128 * sprite.inv_alpha.astype(np.uint32)) >> 8))
            .clip(0, 255).astype(np.uint8))


@pytest.fixture(scope="module")
def two_cameo_video(tmp_path_factory, refs) -> Path:
    request = GenerationRequest('@astro and @grace on a beach at sunset. @astro says "Hello Grace, lovely day." '
                                '@grace says "It is, thank you."', 4, 360, 640, seed=5,
                                cameos=(refs["astro"], refs["grace"]))
    result = run_pipeline(request, tmp_path_factory.mktemp("two-cameos"))
    assert result.metadata["identity"]
    return result


def test_identity_metric_recorded_per_video(two_cameo_video, refs) -> None:
    identity = two_cameo_video.metadata["identity"]
    for handle in ("astro", "grace"):
        assert identity[handle]["frames_with_face"] >= identity[handle]["frames_sampled"] // 2, identity
        assert identity[handle]["mean_distance"] < 0.6, identity
    subjects = {s["name"] for s in two_cameo_video.metadata["plan"]["subjects"]}
    assert subjects == {"Eileen", "Grace"}
    voices = [d["voice"] for d in two_cameo_video.metadata["plan"]["dialogue"]]
    assert voices == ["en+f3/p58", "en+f2/p68"]


def test_identity_metric_tells_people_apart(two_cameo_video, refs, tmp_path) -> None:
    # Rendered with only the astronaut, measured against Grace: faces are found, and none is hers.
    alone = run_pipeline(GenerationRequest("@astro walks in a park", 2, 360, 640, seed=2, cameos=(refs["astro"],)),
                         tmp_path / "alone")
    measured = measure_identity(alone.video, [refs["grace"], refs["astro"]])
    assert measured["grace"]["frames_with_face"] > 0 and measured["grace"]["mean_distance"] > 0.6
    assert measured["grace"]["frames_matching"] == 0
    assert measured["astro"]["mean_distance"] < 0.6
    # A video without any face scores nothing rather than something.
    nobody = run_pipeline(GenerationRequest("An empty beach at dawn", 1, 180, 320, seed=2), tmp_path / "nobody")
    assert measure_identity(nobody.video, [refs["astro"]])["astro"]["mean_distance"] is None
