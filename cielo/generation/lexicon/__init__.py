"""The words the planner understands, compiled once into lookup tables by language.

The tables themselves live in small modules by subject: `things` (people, animals, vehicles, food,
objects), `scene` (places, time of day, weather, mood, camera), `actions`, and `words` (function
words, adjectives, colours, names). Here every entry is expanded into the forms a prompt uses
(plurals, verb forms, Spanish written without accents) and indexed by its tokens, so the reader
can match the longest phrase at each word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cielo.generation.lexicon.actions import ACTION_NOUNS, ACTIONS, MAKE_VERBS, QUIET_ACTIONS
from cielo.generation.lexicon.forms import (
    english_verb_forms,
    phrase_plurals,
    spanish_verb_forms,
    strip_accents,
)
from cielo.generation.lexicon.scene import (
    CAMERAS,
    IMPLIED_PLACES,
    MOODS,
    PLACES,
    SHOT_MARKERS,
    TIMES_OF_DAY,
    WEATHER,
    place_of,
)
from cielo.generation.lexicon.things import GROUPS, TABLES, all_kinds, kind_of
from cielo.generation.lexicon.words import (
    ADJECTIVES,
    ATTIRE,
    COLORS,
    CONJUNCTIONS,
    COUNT_WORDS,
    DETERMINERS,
    ENGLISH_WORDS,
    FEMALE_NAMES,
    MALE_NAMES,
    PLACE_PREPOSITIONS,
    PREPOSITIONS,
    PRONOUNS,
    SCENE_NOUNS,
    SPANISH_WORDS,
    SPEECH_VERBS,
)

__all__ = [
    "ACTIONS",
    "ADJECTIVES",
    "ATTIRE",
    "CAMERAS",
    "COLORS",
    "CONJUNCTIONS",
    "COUNT_WORDS",
    "DETERMINERS",
    "ENGLISH_WORDS",
    "FEMALE_NAMES",
    "IMPLIED_PLACES",
    "LANGUAGES",
    "MALE_NAMES",
    "MOODS",
    "PLACES",
    "PLACE_PREPOSITIONS",
    "PREPOSITIONS",
    "PRONOUNS",
    "QUIET_ACTIONS",
    "SCENE_NOUNS",
    "SETTINGS",
    "SHOT_MARKERS",
    "SPANISH_WORDS",
    "SPEECH_VERBS",
    "TIMES_OF_DAY",
    "WEATHER",
    "ThingWord",
    "all_kinds",
    "index",
    "place_of",
    "tokens",
]

LANGUAGES = ("en", "es")
SETTINGS = tuple(dict.fromkeys(place_of(name)[0] for name in PLACES))

_TOKEN_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+")


def tokens(text: str) -> list[str]:
    """Lower-case words; a possessive "dragon's" is the dragon; hyphens split ("t-rex" = "t rex")."""
    out = []
    for m in _TOKEN_RE.finditer(text.lower()):
        word = m.group(0).replace("’", "'")
        out.append(word.removesuffix("'s"))
    return out


@dataclass(frozen=True)
class ThingWord:
    """What a thing's word means: the kind drawn, and how many."""

    kind: str
    category: str  # person | animal | vehicle | food | object
    variant: str = ""
    gender: str = "unknown"
    plural: bool = False
    members: tuple[str, ...] = ()  # a collective noun ("family"): its members' kinds, "person:m" etc.


def _split(words: str) -> list[tuple[str, str]]:
    """"cocinero:m, cocinera:f, chef" -> [("cocinero", "male"), ("cocinera", "female"), ("chef", "unknown")]."""
    out = []
    for item in words.split(","):
        item = item.strip().lower()
        if not item:
            continue
        word, _, mark = item.partition(":")
        out.append((" ".join(tokens(word)), {"m": "male", "f": "female"}.get(mark, "unknown")))
    return out


class _Index:
    """Phrase (tuple of tokens) -> value, with the longest phrase length for scanning."""

    def __init__(self) -> None:
        self.entries: dict[tuple[str, ...], object] = {}
        self.longest = 1

    def add(self, phrase: str, value: object, *, replace: bool = False) -> None:
        key = tuple(phrase.split())
        if not key or (key in self.entries and not replace):
            return
        self.entries[key] = value
        self.longest = max(self.longest, len(key))

    def match(self, words: list[str], start: int) -> tuple[int, object] | None:
        """The longest phrase starting at words[start]: (its length, its value)."""
        for n in range(min(self.longest, len(words) - start), 0, -1):
            value = self.entries.get(tuple(words[start : start + n]))
            if value is not None:
                return n, value
        return None

    def words(self) -> set[str]:
        return {w for key in self.entries for w in key}


def _with_unaccented(phrase: str, language: str) -> list[str]:
    if language != "es":
        return [phrase]
    plain = strip_accents(phrase)
    return [phrase] if plain == phrase else [phrase, plain]


class Vocabulary:
    """Every table as per-language phrase indexes."""

    def __init__(self) -> None:
        self.things = {lang: _Index() for lang in LANGUAGES}
        self.actions = {lang: _Index() for lang in LANGUAGES}
        self.action_nouns = {lang: _Index() for lang in LANGUAGES}
        self.make_verbs = {lang: _Index() for lang in LANGUAGES}
        self.places = {lang: _Index() for lang in LANGUAGES}
        self._build_things()
        self._build_actions()
        self._build_places()
        # Words that are a thing and also a verb form or an adjective need a noun's position to count
        # as the thing ("a kangaroo boxes", "plays the trumpet", "an orange cat").
        self.verb_words = {lang: self.actions[lang].words() | self.make_verbs[lang].words() for lang in LANGUAGES}

    def _build_things(self) -> None:
        for category, table in TABLES.items():
            for name, pair in table.items():
                kind, _, variant = name.partition("/")
                for lang, words in zip(LANGUAGES, pair):
                    for word, gender in _split(words):
                        for form in _with_unaccented(word, lang):
                            # A variant's word must not be taken by its kind's generic entry.
                            self.things[lang].add(form, ThingWord(kind, category, variant, gender), replace=bool(variant))
                        for plural in phrase_plurals(word, lang):
                            if plural == word:
                                continue
                            for form in _with_unaccented(plural, lang):
                                self.things[lang].add(form, ThingWord(kind, category, variant, gender, plural=True))
        for name, (members, en, es) in GROUPS.items():
            category = "animal" if all(kind_of(m.split(":")[0]) in TABLES["animal"] for m in members) else "person"
            for lang, words in zip(LANGUAGES, (en, es)):
                for word, _gender in _split(words):
                    for form in _with_unaccented(word, lang):
                        self.things[lang].add(form, ThingWord(name, category, members=members), replace=True)

    def _build_actions(self) -> None:
        for action, pair in ACTIONS.items():
            for lang, words in zip(LANGUAGES, pair):
                make = english_verb_forms if lang == "en" else spanish_verb_forms
                for word, _ in _split(words):
                    for form in make(word):
                        for variant in _with_unaccented(form, lang):
                            self.actions[lang].add(variant, action)
        for action, pair in ACTION_NOUNS.items():
            for lang, words in zip(LANGUAGES, pair):
                for word, _ in _split(words):
                    for form in {word, *phrase_plurals(word, lang)}:
                        for variant in _with_unaccented(form, lang):
                            self.action_nouns[lang].add(variant, action)
        for lang, words in zip(LANGUAGES, MAKE_VERBS):
            make = english_verb_forms if lang == "en" else spanish_verb_forms
            for word, _ in _split(words):
                for form in make(word):
                    self.make_verbs[lang].add(form, "make")

    def _build_places(self) -> None:
        for name, pair in PLACES.items():
            for lang, words in zip(LANGUAGES, pair):
                for word, _ in _split(words):
                    for form in _with_unaccented(word, lang):
                        self.places[lang].add(form, name)


_VOCABULARY: Vocabulary | None = None


def index() -> Vocabulary:
    """The compiled vocabulary (built on first use, ~50 ms)."""
    global _VOCABULARY
    if _VOCABULARY is None:
        _VOCABULARY = Vocabulary()
    return _VOCABULARY
