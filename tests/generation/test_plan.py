"""The planner: settings, shots, dialogue and voices from English and Spanish prompts."""

from __future__ import annotations

import json

import pytest

from cielo.generation.plan import Plan, detect_language, make_plan


def plan(prompt: str, seconds: float = 12, **kw) -> Plan:
    return make_plan(prompt, seed=kw.pop("seed", 5), seconds=seconds, width=720, height=1280, **kw)


def scenes(p: Plan) -> list:
    """The first shot of each of the prompt's scenes (a long scene is covered by several shots)."""
    return [next(s for s in p.shots if s.scene == n) for n in sorted({s.scene for s in p.shots})]


@pytest.mark.parametrize(
    ("prompt", "setting"),
    [
        ("a fox running on the beach", "beach"),
        ("un zorro en la playa", "beach"),
        ("neon city street", "street"),
        ("the city skyline at night", "city"),
        ("una ciudad de noche", "city"),
        ("deep in the forest", "forest"),
        ("en el bosque", "forest"),
        ("snowy mountains", "mountains"),
        ("dunes of the sahara desert", "desert"),
        ("an astronaut floating in space", "space"),
        ("a cozy kitchen", "kitchen"),
        ("a cozy living room", "indoor"),
        ("a penguin on an arctic glacier", "snow"),
        ("a boat on the lake", "lake"),
        ("cows in a green meadow", "field"),
        ("rolling green hills", "countryside"),
    ],
)
def test_settings_in_english_and_spanish(prompt: str, setting: str) -> None:
    assert plan(prompt).shots[0].setting == setting


@pytest.mark.parametrize(
    ("prompt", "attr", "value"),
    [
        ("a beach at sunset", "time_of_day", "sunset"),
        ("la playa al atardecer", "time_of_day", "sunset"),
        ("city at night", "time_of_day", "night"),
        ("la ciudad de noche", "time_of_day", "night"),
        ("forest at dawn", "time_of_day", "dawn"),
        ("a street in the rain", "weather", "rain"),
        ("una calle bajo la lluvia", "weather", "rain"),
        ("snow falling on the village", "weather", "snow"),
        ("a foggy harbour", "weather", "fog"),
        ("a thunderstorm over the fields", "weather", "storm"),
        ("a windy hill", "weather", "wind"),
        ("a scary dark forest", "mood", "tense"),
        ("a happy party", "mood", "happy"),
        ("slow pan left over the city", "camera", "pan_left"),
        ("push in on the fox", "camera", "push_in"),
        ("the camera orbits the statue", "camera", "orbit"),
        ("zoom out from the beach", "camera", "pull_out"),
    ],
)
def test_scene_attributes(prompt: str, attr: str, value: str) -> None:
    assert getattr(plan(prompt).shots[0], attr) == value


def test_longer_phrase_wins_over_word_inside_it() -> None:
    # "puesta de sol" (sunset) contains "sol" (sun, day); "pan left" contains "pan".
    assert plan("la playa en la puesta de sol").shots[0].time_of_day == "sunset"
    assert plan("pan left across the hills").shots[0].camera == "pan_left"


def test_shots_from_markers_and_scene_changes() -> None:
    p = plan("A fox sleeps in the forest. Then cut to a city at night. A beach at dawn.")
    assert [s.setting for s in scenes(p)] == ["forest", "city", "beach"]
    assert [s.time_of_day for s in scenes(p)][1:] == ["night", "dawn"]
    assert p.shots[0].start == 0 and p.shots[-1].end == pytest.approx(12)
    for a, b in zip(p.shots, p.shots[1:]):
        assert a.end == b.start  # no gaps, no overlaps


def test_spanish_shot_marker() -> None:
    p = plan("Una niña camina por el bosque. Luego, en la playa, mira el mar.")
    assert [s.setting for s in scenes(p)] == ["forest", "beach"]


def test_sentences_about_the_same_scene_stay_one_shot() -> None:
    p = plan("A fox on the beach. It is sunset. The waves are calm.")
    assert len(scenes(p)) == 1
    assert {s.time_of_day for s in p.shots} == {"sunset"}


def test_short_videos_get_fewer_shots() -> None:
    prompt = "A forest. Cut to a city. Cut to a beach. Cut to the desert. Cut to space."
    assert len(plan(prompt, seconds=4).shots) == 2
    assert len(plan(prompt, seconds=20).shots) == 5


def test_subjects_with_names_and_animals() -> None:
    p = plan("Ana walks her dog on the beach while a bird flies over. A fox named Rufus watches.")
    names = {s.name: s for s in p.subjects}
    assert {"Ana", "dog", "bird", "Rufus"} <= set(names)
    assert names["Ana"].kind == "person" and names["Ana"].gender == "female"
    assert names["Rufus"].species == "fox"
    assert names["bird"].placement == "sky"
    assert names["Ana"].action == "walk"


def test_places_are_not_people() -> None:
    p = plan("Bob dances in New York")
    assert [s.name for s in p.subjects] == ["Bob"]


@pytest.mark.parametrize(
    ("prompt", "speaker", "text"),
    [
        ('Ana: "hola amigo"', "Ana", "hola amigo"),
        ('Bob says "good morning"', "Bob", "good morning"),
        ('"see you later" says Bob', "Bob", "see you later"),
        ('A woman on the beach. She whispers "listen"', "woman", "listen"),
        ('A man in the city. "Taxi!" he shouts', "man", "Taxi!"),
        ('the fox says "I am hungry"', "fox", "I am hungry"),
        ('La niña grita "¡Mira!"', "niña", "¡Mira!"),
    ],
)
def test_dialogue_attribution(prompt: str, speaker: str, text: str) -> None:
    p = plan(prompt)
    assert [(d.speaker_name, d.text) for d in p.dialogue] == [(speaker, text)]


def test_manner_of_speech() -> None:
    p = plan('A woman on the beach. She whispers "listen". Then she shouts "run!"')
    assert [d.manner for d in p.dialogue] == ["whispers", "shouts"]
    assert "whisper" in p.dialogue[0].voice.variant


def test_unattributed_quotes_alternate_between_people() -> None:
    p = plan('Ana and Bob talk in a kitchen. "Hi" "Hello" "How are you?"')
    speakers = [d.speaker_name for d in p.dialogue]
    assert speakers[0] != speakers[1] and speakers[1] != speakers[2]


def test_language_per_line() -> None:
    p = plan('Ana: "Hola, ¿cómo estás? Vamos a la playa." Bob: "I am fine, let us go."')
    assert [d.language for d in p.dialogue] == ["es", "en"]
    assert [d.voice.language for d in p.dialogue] == ["es", "en"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Hola, ¿qué tal?", "es"),
        ("¿Dónde está la biblioteca?", "es"),
        ("vamos a la playa con los amigos", "es"),
        ("Hello there, how are you?", "en"),
        ("The fox is on the beach", "en"),
        ("Mañana", "es"),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_speakers_get_distinct_voices() -> None:
    p = plan('Ana: "one". Bob: "two". Carla: "three". Dan: "four".')
    voices = {d.speaker_name: (d.voice.variant, d.voice.pitch) for d in p.dialogue}
    assert len(set(voices.values())) == 4
    # The same speaker keeps the same voice across lines.
    q = plan('Ana: "one". Bob: "two". Ana: "three".')
    assert q.dialogue[0].voice == q.dialogue[2].voice


def test_dialogue_times_fit_inside_their_shots() -> None:
    p = plan(
        'Ana: "Hello, this is a long sentence about the sea." Bob: "And this is my answer to you." '
        'Then cut to a city. Ana: "Look at the lights."',
        seconds=8,
    )
    for line in p.dialogue:
        shot = p.shots[line.shot]
        assert shot.start <= line.start < line.end <= shot.end
    for a, b in zip(p.dialogue, p.dialogue[1:]):
        assert a.end <= b.start


def test_too_much_dialogue_is_dropped_with_a_note() -> None:
    lines = " ".join(f'Ana: "This is sentence number {i} and it is rather long indeed."' for i in range(12))
    p = plan(lines, seconds=4)
    assert 1 <= len(p.dialogue) < 12
    assert p.notes and "dropped" in p.notes[0]


def test_plan_is_deterministic_and_round_trips_json() -> None:
    prompt = 'A fox on the beach at sunset, then a city at night. Ana: "hola"'
    a, b = plan(prompt, seed=3), plan(prompt, seed=3)
    assert a.to_dict() == b.to_dict()
    restored = Plan.from_dict(json.loads(json.dumps(a.to_dict())))
    assert restored == a


def test_seed_changes_the_unstated_parts_only() -> None:
    looks = {
        (plan("a quiet place", seed=s).shots[0].setting, plan("a quiet place", seed=s).shots[0].camera)
        for s in range(12)
    }
    assert len(looks) > 2
    assert {plan("a beach", seed=s).shots[0].setting for s in range(6)} == {"beach"}


def test_remix_keeps_the_source_scene_unless_told_otherwise() -> None:
    source = 'A fox on a snowy mountain at dawn. The fox says "brr"'
    p = plan("now it is night", mode="remix", source_prompt=source)
    shot = p.shots[0]
    assert (shot.setting, shot.time_of_day) == ("mountains", "night")
    assert [s.name for s in p.subjects] == ["fox"]
    assert [d.text for d in p.dialogue] == ["brr"]  # a remix with nothing new to say keeps its lines
    other = plan("a city street", mode="remix", source_prompt=source)
    assert other.shots[0].setting == "street"


def test_extend_does_not_repeat_the_source_lines() -> None:
    p = plan(
        "the fox keeps walking", mode="extend", source_prompt='A fox on a beach says "hello"', offset=4.0
    )
    assert p.dialogue == [] and p.offset == 4.0 and p.shots[0].setting == "beach"


def test_storm_has_lightning_and_thunder() -> None:
    shot = plan("a storm over the countryside").shots[0]
    assert shot.lightning and "thunder" in shot.ambience and "rain" in shot.ambience


@pytest.mark.parametrize(
    ("prompt", "bed"),
    [
        ("a beach", "waves"),
        ("a city street", "city"),
        ("a forest in the morning", "birds"),
        ("a forest at night", "crickets"),
        ("rain in the park", "rain"),
        ("a windy desert", "wind"),
        ("a crowded market", "crowd"),
        ("a living room", "room"),
        ("outer space", "space"),
    ],
)
def test_ambience_follows_the_scene(prompt: str, bed: str) -> None:
    assert bed in plan(prompt).shots[0].ambience
