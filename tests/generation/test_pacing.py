"""Pacing: a long video has as many shots as its prompt allows, its lines spread over it, and something
always moving on screen."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pytest
from PIL import Image

from cielo.generation.engines.preview.director import new_content
from cielo.generation.plan import Plan, make_plan
from cielo.generation.plan.timing import MAX_GAP

CONVERSATION = (
    'Two friends sit in a cafe. Ana: "Did you see the game last night?" Bob: "Yes, it was amazing!" '
    'Ana: "We should go together next time." Bob: "Deal. I will buy the tickets."'
)


def plan(prompt: str, seconds: float, **kw) -> Plan:
    return make_plan(prompt, seed=kw.pop("seed", 4), seconds=seconds, width=180, height=320, **kw)


def test_a_long_scene_is_covered_by_several_shots() -> None:
    assert len(plan("A fox on the beach at sunset", 4).shots) == 1
    long = plan("A fox on the beach at sunset", 20)
    assert len(long.shots) >= 4 and len({s.scene for s in long.shots}) == 1
    assert {s.framing for s in long.shots} >= {"wide", "medium"}
    assert len({s.camera for s in long.shots}) >= 3  # a different move each shot
    two = plan("A fox sleeps in a forest. Then cut to a city at night.", 20)
    assert [len([s for s in two.shots if s.scene == n]) for n in (0, 1)] >= [2, 2]


def test_dialogue_is_spread_over_a_long_video() -> None:
    p = plan(CONVERSATION, 20)
    lines = p.dialogue
    assert len(lines) == 4
    assert lines[0].start < 4.0 and lines[-1].end > 13.0  # not all said in the first seconds
    gaps = [b.start - a.end for a, b in pairwise(lines)]
    assert all(0.2 <= g <= MAX_GAP + 0.01 for g in gaps)
    for line in lines:  # no cut falls inside a line, and the speaker is in the picture
        shot = p.shots[line.shot]
        assert shot.start <= line.start and line.end <= shot.end
        assert line.speaker in shot.subjects
    # Close shots are on whoever speaks.
    for line in lines:
        shot = p.shots[line.shot]
        if shot.framing == "close":
            assert shot.focus == line.speaker


def test_a_scene_shows_each_action_it_names() -> None:
    p = plan("A man walks into the kitchen, sits down and reads a book.", 12)
    man = next(s for s in p.subjects if s.species == "person")
    assert [s.actions[man.id] for s in p.shots][:3] == ["walk", "sit", "read"]


def _still_stretches(p: Plan, width: int = 180, height: int = 320) -> list[tuple[float, float]]:
    """Stretches longer than 3 s in which no frame differs visibly from the one before it."""
    previous = None
    still_since = 0.0
    stretches = []
    for i, job in enumerate(new_content(p, width, height)):
        # As the encoder sees it: the camera's crop brought back to the frame's size.
        picture = np.asarray(Image.fromarray(job.picture[..., :3]).resize((width, height), Image.BILINEAR), np.int16)
        t = i / p.fps
        if previous is not None:
            moved = (np.abs(picture - previous).max(axis=2) > 8).mean()
            if moved > 0.002:
                if t - still_since > 3.0:
                    stretches.append((still_since, t))
                still_since = t
        previous = picture
    if p.seconds - still_since > 3.0:
        stretches.append((still_since, p.seconds))
    return stretches


@pytest.mark.parametrize(
    "prompt",
    [
        CONVERSATION,
        "A lonely lighthouse on a cliff at night, static camera",
        "An empty kitchen, static camera",
        "A woman stands in a desert at night, static camera",
    ],
)
def test_nothing_stands_still_for_three_seconds(prompt: str) -> None:
    p = plan(prompt, 20)
    assert _still_stretches(p) == []


def test_a_scene_too_short_for_any_line_drops_them_all_with_a_note():
    from cielo.generation.plan.timing import place_lines

    notes: list[str] = []
    assert place_lines((0.0, 0.4), [(0, "Hello there, how are you today?")], notes, scene=1) == []
    assert notes == ["scene 1: 1 dialogue line(s) did not fit and were dropped"]
