"""Matching protected real people and copyrighted characters by name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cielo.safety.figures import (
    DEFAULT_CHARACTERS,
    DEFAULT_FIGURES,
    DEFAULT_OPT_OUTS,
    Figure,
    find_characters,
    find_public_figures,
    load_figures,
)


def keys(figures: list[Figure]) -> list[str]:
    return [f.key for f in figures]


@pytest.mark.parametrize("text, expected", [
    ("Barack Obama dancing", ["barack_obama"]),
    ("OBAMA dancing", ["barack_obama"]),  # case
    ("obama's dog in the garden", ["barack_obama"]),  # possessive
    ("Beyoncé on stage", ["beyonce"]),  # accents in the name
    ("beyonce on stage", ["beyonce"]),  # accents missing in the prompt
    ("Penelope Cruz cooking", ["penelope_cruz"]),
    ("#TaylorSwift at the Eras tour", ["taylor_swift"]),  # hashtag: words joined
    ("taylor-swift fan cam", ["taylor_swift"]),
    ("Leo Messi scores", ["lionel_messi"]),  # alias
    ("CR7 celebrating", ["cristiano_ronaldo"]),
    ("el papa Francisco haciendo surf", ["pope_francis"]),
    ("the pope blessing a crowd", ["pope_leo_xiv"]),
    ("Trump at a rally", ["donald_trump"]),
    ("Donald Trump and Joe Biden arm wrestling", ["donald_trump", "joe_biden"]),
])
def test_people_are_found(text: str, expected: list[str]):
    assert keys(find_public_figures(text)) == expected


@pytest.mark.parametrize("text", [
    "a debate about obamacare",  # one word naming a law, not the person: deliberately not a match
    "playing the trump card in a card game",  # exclusion phrase
    "a trumpet solo",  # word boundary
    "a renaissance painting of the Madonna and child",  # exclusion phrase
    "el papá de mi amigo cocinando",  # "papa" (dad) is not the pope without church context
    "a male drake swimming in a pond",  # ambiguous alias, no context
    "a christian choir singing",
    "a musk ox in the snow",
])
def test_innocent_words_are_not_people(text: str):
    assert find_public_figures(text) == []


@pytest.mark.parametrize("text, expected", [
    ("Spider-Man swinging", ["spider_man"]),
    ("spiderman swinging", ["spider_man"]),
    ("el Hombre Araña en Madrid", ["spider_man"]),
    ("Elsa from Frozen skating", ["elsa"]),
    ("Elsa singing let it go in Arendelle", ["elsa"]),  # ambiguous name with context
    ("Mario and Luigi racing karts, Nintendo style", ["mario", "luigi"]),
    ("Super Mario jumping", ["mario"]),
    ("Bob Esponja en la playa", ["spongebob"]),
    ("Pokémon battle with Charizard", ["pokemon"]),
])
def test_characters_are_found(text: str, expected: list[str]):
    assert keys(find_characters(text)) == expected


@pytest.mark.parametrize("text", [
    "mi amiga Elsa bailando salsa",
    "my grandpa Mario cooking pasta",
    "a sonic boom over the desert",
    "a spider and a man in a garden",
])
def test_common_first_names_are_not_characters(text: str):
    assert find_characters(text) == []


def test_default_lists_have_stable_unique_keys():
    figures = DEFAULT_FIGURES + DEFAULT_OPT_OUTS
    assert len(DEFAULT_FIGURES) >= 30
    assert len({f.key for f in figures}) == len(figures)
    assert len({f.key for f in DEFAULT_CHARACTERS}) == len(DEFAULT_CHARACTERS)
    assert {f.group for f in DEFAULT_FIGURES} >= {"politics", "music", "sport", "film"}
    assert all(f.opted_out for f in DEFAULT_OPT_OUTS) and not any(f.opted_out for f in DEFAULT_FIGURES)
    assert all(f.kind == "character" for f in DEFAULT_CHARACTERS)


def test_opt_outs_are_reported():
    found = find_public_figures("Martin Luther King giving a speech")
    assert keys(found) == ["martin_luther_king_jr"] and found[0].opted_out


def test_operator_list_from_json(tmp_path: Path):
    path = tmp_path / "figures.json"
    path.write_text(json.dumps([
        {"key": "ana_mayor", "name": "Ana Pérez", "aliases": ["alcaldesa perez"], "group": "local"},
        {"key": "estate_x", "name": "Old Star", "opted_out": True},
    ]), encoding="utf-8")
    figures = load_figures(path)
    assert keys(find_public_figures("la Alcaldesa Pérez inaugurando un puente", figures)) == ["ana_mayor"]
    assert keys(find_public_figures("ANA PEREZ waving", figures)) == ["ana_mayor"]
    assert find_public_figures("Taylor Swift", figures) == []  # the operator's list replaces the default
    assert figures[1].opted_out
    path.write_text(json.dumps([{"name": "no key"}]), encoding="utf-8")
    with pytest.raises(ValueError):
        load_figures(path)


def test_display_name_parenthetical_is_not_required_nor_enough():
    # "Elsa (Frozen)" is a display name: the bare "Elsa" stays ambiguous, "Elsa (Frozen)" itself names her.
    assert keys(find_characters("Elsa (Frozen) on ice")) == ["elsa"]
    assert find_characters("Elsa on ice with her dog") == []
