"""Frame moderation: the real NudeNet detector on benign frames, and the decision rules on detections in
NudeNet's own output format (explicit images cannot ship with the repository)."""

from __future__ import annotations

import nudenet.nudenet
import numpy as np
import pytest

from cielo.safety.frames import (
    EXPLICIT_LABELS,
    STRICT_LABELS,
    check_frames,
    detect_frames,
    sample_indices,
    verdict_from_detections,
)

from .conftest import photo, vertical_frame

NUDENET_LABELS = set(nudenet.nudenet.__dict__["__labels"])


def det(label: str, score: float, box=(10, 20, 30, 40)) -> dict:
    return {"class": label, "score": score, "box": list(box)}


def test_benign_frames_pass_with_real_detector():
    frames = [photo("china.jpg"), photo("flower.jpg"), vertical_frame("china.jpg")]
    raw = detect_frames(frames)
    assert len(raw) == len(frames)
    for detections in raw:
        assert isinstance(detections, list)
        for d in detections:  # whatever it finds in a temple or a flower, it is in NudeNet's format
            assert set(d) == {"class", "score", "box"} and d["class"] in NUDENET_LABELS
    verdict = check_frames(frames)
    assert not verdict.flagged and verdict.policy is None


def test_our_labels_are_nudenets_labels():
    assert EXPLICIT_LABELS <= NUDENET_LABELS and STRICT_LABELS <= NUDENET_LABELS
    assert not {"FACE_FEMALE", "FACE_MALE", "MALE_BREAST_EXPOSED", "FEET_EXPOSED"} & STRICT_LABELS


@pytest.mark.parametrize("label", sorted(EXPLICIT_LABELS))
def test_exposed_intimate_parts_flag(label: str):
    verdict = verdict_from_detections([[], [det("FACE_FEMALE", 0.9), det(label, 0.7)]], threshold=0.5)
    assert verdict.flagged and verdict.policy == "sexual"
    offending = [d for d in verdict.details if d.label == label]
    assert offending[0].frame_index == 1 and offending[0].box == (10, 20, 30, 40)
    assert label.lower().replace("_", " ") in verdict.reason


@pytest.mark.parametrize("label", [
    "FACE_FEMALE", "FACE_MALE", "MALE_BREAST_EXPOSED", "FEET_EXPOSED", "BELLY_EXPOSED", "ARMPITS_EXPOSED",
    "FEMALE_BREAST_COVERED", "BUTTOCKS_COVERED", "FEMALE_GENITALIA_COVERED",
])
def test_covered_parts_faces_and_skin_do_not_flag(label: str):
    verdict = verdict_from_detections([[det(label, 0.95)]])
    assert not verdict.flagged and verdict.policy is None
    assert [d.label for d in verdict.details] == [label]  # still reported for review


def test_threshold_and_strict_labels():
    frames = [[det("FEMALE_BREAST_EXPOSED", 0.45), det("BELLY_EXPOSED", 0.6)]]
    assert not verdict_from_detections(frames, threshold=0.5).flagged
    assert verdict_from_detections(frames, threshold=0.4).flagged
    covered = [[det("BUTTOCKS_COVERED", 0.8)]]
    assert not verdict_from_detections(covered).flagged
    assert verdict_from_detections(covered, labels=STRICT_LABELS).flagged


def test_frames_must_be_rgb_uint8():
    with pytest.raises(ValueError):
        detect_frames([np.zeros((64, 64), dtype=np.uint8)])
    with pytest.raises(ValueError):
        detect_frames([np.zeros((64, 64, 3), dtype=np.float32)])
    assert detect_frames([]) == []


def test_sample_indices():
    assert sample_indices(48, fps=24, per_second=2) == [0, 12, 24, 36]
    assert sample_indices(5, fps=24, per_second=2) == [0]
    assert sample_indices(0, fps=24) == []


def test_a_lone_or_passing_detection_does_not_flag_but_a_sure_or_lasting_one_on_a_body_does():
    quiet = [[] for _ in range(8)]

    def frames(**at: list[dict]) -> list[list[dict]]:
        out = [list(f) for f in quiet]
        for index, found in at.items():
            out[int(index[1:])] = found
        return out

    cloud = det("FEMALE_BREAST_EXPOSED", 0.61)  # what dusk clouds on a preview render scored, alone in frame
    assert not verdict_from_detections(frames(f4=[cloud], f5=[cloud], f6=[cloud])).flagged
    body = [det("FEMALE_BREAST_EXPOSED", 0.55), det("FACE_FEMALE", 0.8)]
    assert not verdict_from_detections(frames(f4=body)).flagged  # one sample: a passing flicker
    lasting = verdict_from_detections(frames(f4=body, f6=body))
    assert lasting.flagged and "2 sampled frame(s), first at index 4" in lasting.reason
    pair = [det("FEMALE_BREAST_EXPOSED", 0.55), det("FEMALE_BREAST_EXPOSED", 0.52, box=(60, 20, 30, 40))]
    assert verdict_from_detections(frames(f1=pair, f2=pair)).flagged  # both breasts are a body too
    assert verdict_from_detections(frames(f2=[det("MALE_GENITALIA_EXPOSED", 0.71)])).flagged  # sure alone
    assert verdict_from_detections([body]).flagged  # a single sampled frame decides alone
    far = [det("FEMALE_BREAST_EXPOSED", 0.6, box=(300, 200, 100, 100)), det("FACE_FEMALE", 0.9, box=(0, 900, 40, 40))]
    assert not verdict_from_detections(frames(f3=far, f4=far)).flagged  # a cloud, and a figure's face elsewhere
