"""How the planner reads a prompt: who and what it names, how many, who speaks, and what it cannot draw."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from cielo.cli import app
from cielo.generation import lexicon
from cielo.generation.plan import Plan, make_plan


def plan(prompt: str, seconds: float = 8, **kw) -> Plan:
    return make_plan(prompt, seed=kw.pop("seed", 5), seconds=seconds, width=720, height=1280, **kw)


def species(p: Plan) -> list[str]:
    return sorted(s.species for s in p.subjects)


def places(p: Plan) -> list[str]:
    return list(dict.fromkeys(s.setting for s in p.shots))


# ----------------------------------------------------------------------------- the examples

def test_a_knight_fights_a_dragon_in_a_castle() -> None:
    p = plan("A knight fights a dragon in a castle")
    knight, dragon = (next(s for s in p.subjects if s.species == k) for k in ("knight", "dragon"))
    assert places(p) == ["castle"]
    for shot in p.shots:  # both on screen, fighting each other, all the way through
        assert {knight.id, dragon.id} <= set(shot.subjects)
        assert shot.actions[knight.id] == shot.actions[dragon.id] == "fight"
        assert shot.targets[knight.id] == dragon.id and shot.targets[dragon.id] == knight.id
    assert p.not_drawn == []


def test_a_spaceship_flies_past_a_purple_nebula() -> None:
    p = plan("A spaceship flies past a purple nebula")
    (ship,) = p.subjects
    assert (ship.species, ship.placement) == ("spaceship", "sky")
    assert places(p) == ["space"] and all(s.actions[ship.id] == "fly" for s in p.shots)
    assert all(s.tint == list(lexicon.COLORS["purple"]) for s in p.shots)


def test_a_golden_retriever_in_sunflowers() -> None:
    p = plan("a golden retriever in sunflowers")
    dog = next(s for s in p.subjects if s.kind == "animal")
    assert (dog.species, dog.variant) == ("dog", "golden_retriever")
    assert {(s.setting, s.variant) for s in p.shots} == {("field", "sunflowers")}  # the place sunflowers imply


def test_a_kitchen_with_rain_on_the_window() -> None:
    p = plan("A kitchen with rain on the window")
    assert {(s.setting, s.weather) for s in p.shots} == {("kitchen", "rain")}  # indoors, the rain is outside
    assert "rain" in p.shots[0].ambience and "room" in p.shots[0].ambience


def test_two_friends_with_two_named_speakers_are_two_people() -> None:
    p = plan('Two friends chat on a park bench. Ana: "¿Has visto la película?" Bob: "Sí, me encantó."')
    people = [s for s in p.subjects if s.kind == "person"]
    assert sorted(s.name for s in people) == ["Ana", "Bob"]
    assert [d.speaker_name for d in p.dialogue] == ["Ana", "Bob"]
    assert {s.gender for s in people} == {"female", "male"}
    assert places(p) == ["park"]


def test_una_chef_cocinando_paella_en_una_terraza_soleada() -> None:
    p = plan("una chef cocinando paella en una terraza soleada")
    chef = next(s for s in p.subjects if s.species == "chef")
    paella = next(s for s in p.subjects if s.species == "paella")
    assert chef.gender == "female" or chef.gender == "unknown"
    assert (paella.holder, paella.placement) == (chef.id, "table")  # on a stove in front of her
    assert {(s.setting, s.time_of_day) for s in p.shots} == {("terrace", "day")}
    assert all(s.actions[chef.id] == "cook" for s in p.shots)


# ------------------------------------------------------------------------------------ counting

@pytest.mark.parametrize(
    ("prompt", "kind", "count"),
    [
        ("two friends on a bench", "person", 2),
        ("three dogs in a park", "dog", 3),
        ("tres gatos en un tejado", "cat", 3),
        ("a couple dances", "person", 2),
        ("una familia en la playa", None, 4),
        ("dos caballos galopan por la playa", "horse", 2),
        ("dogs play in the snow", "dog", 2),
        ("a flock of birds over the sea", "bird", 5),
        ("a dog", "dog", 1),
    ],
)
def test_counts(prompt: str, kind: str | None, count: int) -> None:
    p = plan(prompt)
    figures = [s for s in p.subjects if s.kind in ("person", "animal") and (kind is None or s.species == kind)]
    assert len(figures) == count, [s.name for s in figures]


def test_too_many_to_draw_are_reported_not_dropped_silently() -> None:
    p = plan("ten dancers on a stage")
    assert len([s for s in p.subjects if s.species == "dancer"]) == 8
    assert {"word": "dancers", "category": "person", "reason": "only 8 of 10 drawn"} in p.not_drawn


def test_a_name_given_to_people_already_named_is_not_a_new_person() -> None:
    p = plan('A chef and a waitress in a restaurant. The chef says "Table two!" Maria replies "Coming!"')
    assert len([s for s in p.subjects if s.kind == "person"]) == 2
    assert [d.speaker_name for d in p.dialogue] == ["chef", "Maria"]
    waitress = next(s for s in p.subjects if s.species == "waiter")
    assert waitress.name == "Maria"  # the chef is speaking; Maria is the other one
    # A waiter is a man: Maria is then a third person, not the chef who just spoke.
    w = plan('A chef and a waiter in a restaurant. The chef says "Table two!" Maria replies "Coming!"')
    assert sorted(s.name for s in w.subjects if s.kind == "person") == ["Maria", "chef", "waiter"]
    # But two people named in the same breath stay two.
    q = plan("A man and Ana walk in the park")
    assert sorted(s.name for s in q.subjects if s.kind == "person") == ["Ana", "man"]


# ---------------------------------------------------------------------------------- roles, actions

@pytest.mark.parametrize(
    ("prompt", "role"),
    [
        ("an astronaut on the moon", "astronaut"),
        ("una doctora en el hospital", "doctor"),
        ("a pirate on a ship", "pirate"),
        ("un caballero medieval", "knight"),
        ("a wizard in a tower", "wizard"),
        ("una bruja vuela", "witch"),
        ("a firefighter", "firefighter"),
        ("a teacher and her students", "teacher"),
    ],
)
def test_roles(prompt: str, role: str) -> None:
    assert role in species(plan(prompt))


@pytest.mark.parametrize(
    ("prompt", "action"),
    [
        ("a man walks down the street", "walk"),
        ("un perro corre por la playa", "run"),
        ("a couple dances the tango", "dance"),
        ("a chef cooks pasta", "cook"),
        ("two knights fight", "fight"),
        ("a bird flies over the lake", "fly"),
        ("una niña nada en el mar", "swim"),
        ("a musician plays the guitar", "play_music"),
        ("a girl reads a book", "read"),
        ("a cat sleeps", "sleep"),
    ],
)
def test_actions_are_read_in_both_languages(prompt: str, action: str) -> None:
    p = plan(prompt)
    assert action in {a for s in p.shots for a in s.actions.values()}


def test_a_subject_is_on_screen_in_every_shot_where_it_speaks_or_acts() -> None:
    p = plan('A fox sleeps in the forest. Then a bear walks by. The fox says "Who is there?"', seconds=12)
    fox = next(s for s in p.subjects if s.species == "fox")
    bear = next(s for s in p.subjects if s.species == "bear")
    for line in p.dialogue:
        assert line.speaker in p.shots[line.shot].subjects
    for shot in p.shots:
        for sid in shot.actions:
            assert sid in shot.subjects
    assert any(bear.id in s.subjects and s.actions.get(bear.id) == "walk" for s in p.shots)
    assert any(s.actions.get(fox.id) == "sleep" for s in p.shots)


def test_things_held_ridden_and_served() -> None:
    p = plan("A knight with a sword rides a horse. A musician plays the violin. A girl eats pizza.")
    by = {s.species: s for s in p.subjects}
    assert (by["sword"].holder, by["sword"].placement) == (by["knight"].id, "held")
    assert by["knight"].rides == by["horse"].id
    assert (by["violin"].holder, by["violin"].placement) == (by["musician"].id, "held")
    assert (by["pizza"].holder, by["pizza"].placement) == (by["child"].id, "table")


def test_on_screen_text_is_written_on_a_sign_not_spoken() -> None:
    p = plan('A shop sign that says "OPEN" on a sunny street. A man says "Good morning".')
    sign = next(s for s in p.subjects if s.species == "sign")
    assert sign.text == "OPEN"
    assert [d.text for d in p.dialogue] == ["Good morning"]


# -------------------------------------------------------------------------------------- honesty

@pytest.mark.parametrize(
    ("prompt", "missing"),
    [
        ("A giraffe in a laundromat", {"word": "laundromat", "category": "place"}),
        ("A juggler rides a unicycle", {"word": "unicycle", "category": "thing"}),
        ("A robot plays chess", {"word": "chess", "category": "thing"}),
        ("A firefighter rescues a kitten", {"word": "rescues", "category": "action"}),
        ("Una tortuga en una lavandería", {"word": "lavandería", "category": "place"}),
    ],
)
def test_what_cannot_be_drawn_is_listed(prompt: str, missing: dict) -> None:
    p = plan(prompt)
    assert missing in p.not_drawn
    assert any(missing["word"] in note for note in p.notes)
    assert missing["word"] not in {d["word"] for d in p.drawn}


@pytest.mark.parametrize(
    "prompt",
    [
        "A big red dragon flies over a dark castle at night",
        "Una niña pequeña pasea a su perro por el parque en otoño",
        "A happy family has a picnic under a tree on a sunny afternoon",
        "The camera slowly pans across a quiet beach at dawn",
    ],
)
def test_adjectives_and_scene_words_are_not_reported(prompt: str) -> None:
    assert plan(prompt).not_drawn == []


def test_every_named_kind_is_listed_as_drawn_with_its_words() -> None:
    p = plan("Un astronauta y su perro caminan por Marte junto a un cohete")
    drawn = {(d["word"], d["category"], d["kind"]) for d in p.drawn}
    assert {("astronauta", "person", "astronaut"), ("perro", "animal", "dog"), ("cohete", "vehicle", "rocket"),
            ("marte", "place", "mars"), ("caminan", "action", "walk")} <= drawn


def test_the_plan_command_prints_drawn_and_not_drawn() -> None:
    result = CliRunner().invoke(app, ["plan", "A giraffe in a laundromat", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"word": "laundromat", "category": "place"} in data["not_drawn"]
    assert any(d["kind"] == "giraffe" for d in data["drawn"])
    assert data["shots"] and data["subjects"]
    text = CliRunner().invoke(app, ["plan", "A giraffe in a laundromat", "--seconds", "4"])
    assert text.exit_code == 0 and "not drawn: laundromat" in text.output
    bad = CliRunner().invoke(app, ["plan", "x", "--seconds", "5"])
    assert bad.exit_code != 0 and "seconds must be one of" in bad.output


@pytest.mark.parametrize(
    ("prompt", "place", "action"),
    [
        ("A fox walks along the beach at sunset, waves rolling in", "beach", "walk"),  # the sea's waves
        ("A snowman waves at the kids in the snow", "snow", "wave"),  # a verb after its subject
        ("Una abuela hace tortillas en la cocina", "kitchen", "cook"),  # "cocina" after an article is a place
        ("A DJ plays music at a party", "stage", "play_music"),
    ],
)
def test_a_word_that_is_a_place_a_thing_and_a_verb(prompt: str, place: str, action: str) -> None:
    p = plan(prompt)
    assert places(p) == [place]
    assert action in {a for s in p.shots for a in s.actions.values()}
    assert p.not_drawn == [] or all(d["category"] == "action" for d in p.not_drawn)


def test_a_plan_written_by_the_previous_version_still_loads() -> None:
    """A job retried after an upgrade re-reads its plan.json: fields added since version 1 default."""
    data = plan('A fox on the beach. Ana: "Hola"').to_dict()
    for shot in data["shots"]:
        for added in ("variant", "actions", "targets", "framing", "focus", "scene", "tint"):
            shot.pop(added)
    for subject in data["subjects"]:
        for added in ("variant", "category", "word", "holder", "rides", "garment", "text", "count"):
            subject.pop(added)
    for added in ("drawn", "not_drawn"):
        data.pop(added)
    data["version"] = 1
    old = Plan.from_dict(data)
    assert old.shots[0].framing == "wide" and old.subjects[0].holder is None and old.not_drawn == []
    assert [d.text for d in old.dialogue] == ["Hola"]
