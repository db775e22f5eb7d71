"""The preview engine can draw everything its vocabulary names, and draws bigger videos in more detail."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from cielo.generation import GenerationRequest, lexicon
from cielo.generation.engines.preview import PreviewEngine
from cielo.generation.engines.preview.director import ShotRenderer, _crop, internal_size
from cielo.generation.engines.preview.figures import Figure, Pose, drawable_kinds
from cielo.generation.engines.preview.scenery import build_scenery, drawable_settings
from cielo.generation.lexicon.forms import (
    english_plural,
    english_verb_forms,
    spanish_plural,
    spanish_verb_forms,
)
from cielo.generation.plan import Subject, make_plan
from cielo.generation.plan.casting import HELD_THINGS, TABLE_THINGS


def test_the_vocabulary_is_large_and_bilingual() -> None:
    kinds = lexicon.all_kinds()
    assert len(kinds) >= 150
    assert {"person", "animal", "vehicle", "food", "object"} == set(kinds.values())
    assert len([k for k, c in kinds.items() if c == "person"]) >= 40  # roles: chef, knight, astronaut, ...
    assert len(lexicon.SETTINGS) >= 30 and len(lexicon.ACTIONS) >= 20
    for table in lexicon.things.TABLES.values():
        for name, (english, spanish) in table.items():
            assert english.strip() and spanish.strip(), name  # every kind has words in both languages


@pytest.mark.parametrize(
    ("word", "plural", "language"),
    [("dragon", "dragons", "en"), ("knife", "knives", "en"), ("man", "men", "en"), ("puppy", "puppies", "en"),
     ("box", "boxes", "en"), ("león", "leones", "es"), ("pez", "peces", "es"), ("camión", "camiones", "es"),
     ("mesa", "mesas", "es"), ("paraguas", "paraguas", "es"), ("joven", "jóvenes", "es")],
)
def test_plurals(word: str, plural: str, language: str) -> None:
    assert (english_plural if language == "en" else spanish_plural)(word) == plural


def test_verb_forms() -> None:
    assert {"runs", "running", "ran"} <= english_verb_forms("run")
    assert {"flies", "flying", "flew"} <= english_verb_forms("fly")
    assert {"dances", "dancing"} <= english_verb_forms("dance")
    assert {"cocina", "cocinan", "cocinando"} <= spanish_verb_forms("cocinar")
    assert {"corre", "corren", "corriendo"} <= spanish_verb_forms("correr")
    assert {"vuela", "juega"} <= spanish_verb_forms("volar") | spanish_verb_forms("jugar")


def test_every_kind_named_has_a_drawing() -> None:
    kinds = lexicon.all_kinds()
    assert set(kinds) <= drawable_kinds()
    for kind, category in kinds.items():
        figure_kind = category if category in ("person", "animal") else "object"
        placements = ["ground"]
        if kind in HELD_THINGS:
            placements.append("held")
        if kind in TABLE_THINGS or category == "food":
            placements.append("table")
        for placement in placements:
            subject = Subject(id="s1", name=kind, kind=figure_kind, species=kind, gender="female", color=[200, 80, 60],
                              placement=placement, action="idle", category=category)
            sprite = Figure(subject, 400, seed=1).sprite(Pose(item="table" if placement == "table" else ""))
            assert int(sprite.alpha.sum()) > 255 * 40, (kind, placement)  # something visible was drawn


def test_a_person_can_hold_every_thing_small_enough_to_hold() -> None:
    """Each held thing drawn in a person's hand (a kite crashed the render of "two friends with a red kite")."""
    person = Subject(id="p1", name="friend", kind="person", species="person", gender="female", color=[60, 90, 200],
                     placement="ground", action="idle", category="person")
    empty = Figure(person, 400, seed=1).sprite(Pose(item=""))
    for item in sorted(HELD_THINGS):
        holding = Figure(person, 400, seed=1).sprite(Pose(item=item))
        assert holding.premul.shape != empty.premul.shape or (holding.premul != empty.premul).any(), item


def test_every_place_named_has_a_composition() -> None:
    assert set(lexicon.SETTINGS) <= drawable_settings()
    distinct = set()
    for setting in lexicon.SETTINGS:
        plan = make_plan(f"a view, {setting}", seed=1, seconds=2, width=90, height=160)
        shot = plan.shots[0]
        shot.setting = setting
        scenery = build_scenery(shot, 90, 160, seed=1)
        assert scenery.layers, setting
        picture, _ = ShotRenderer(plan, shot, 90, 160).render(0.5)
        distinct.add(picture[::8, ::8].tobytes())
    assert len(distinct) == len(lexicon.SETTINGS)  # no two places look the same


def _sharpness(picture: np.ndarray) -> float:
    """How steep the picture's edges are: the 99.5th percentile of the horizontal and vertical steps
    (an edge enlarged 3x is spread over 3 pixels; drawn at a larger size, over 2)."""
    grey = picture.astype(np.float32).mean(axis=2)
    steps = np.concatenate([np.abs(np.diff(grey, axis=0)).ravel(), np.abs(np.diff(grey, axis=1)).ravel()])
    return float(np.percentile(steps, 99.5))


def test_a_bigger_video_is_drawn_in_more_detail() -> None:
    assert internal_size(720, 1280) == (360, 640)
    assert internal_size(1080, 1920) == (540, 960)
    assert internal_size(360, 640) == (360, 640)
    outputs = {}
    for size in ((720, 1280), (1080, 1920)):
        plan = make_plan("A knight fights a dragon in a castle", seed=2, seconds=4, width=size[0], height=size[1])
        w, h = internal_size(*size)
        picture, box = ShotRenderer(plan, plan.shots[0], w, h).render(1.0)
        # As a viewer sees both: brought to the same 1080x1920 screen.
        outputs[size] = np.asarray(Image.fromarray(_crop(picture, box)[..., :3]).resize((1080, 1920), Image.BILINEAR))
    assert _sharpness(outputs[(1080, 1920)]) > 1.1 * _sharpness(outputs[(720, 1280)])  # 1.0 when both are 360x640
    # And the engine says what size it draws at.
    described = PreviewEngine().describe(GenerationRequest("x", 4, 1080, 1920, seed=1))
    assert described["drawing_size"] == "540x960"
