"""The prompt reader: clauses, the things and people they name, what each does, and who says what.

Reading is rule-based over the vocabulary in `cielo.generation.lexicon`. Quotes are lifted out first
(punctuation inside dialogue never splits a sentence); the rest is split into clauses at sentence
ends and shot markers ("then", "luego"). In each clause, words are matched longest phrase first:
camera moves, times of day, weather, places, then things, actions and names. A word that is both a
thing and a verb ("boxes", "plants", "planta") is a thing in a noun's place (after "a", "the", a
number or a preposition) and a verb after its subject.

Everything the prompt names lands in `drawn` or `not_drawn`: a noun in a noun's place that the
vocabulary does not know ("a laundromat"), and a verb after a subject that it cannot animate
("juggles"), are reported rather than silently ignored.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from cielo.generation import lexicon
from cielo.generation.lexicon import ThingWord
from cielo.generation.lexicon.forms import strip_accents
from cielo.generation.plan.model import Subject
from cielo.generation.plan.text import PLACEHOLDER_RE, QUOTE_RE, detect_language, split_clauses
from cielo.likeness.mentions import MENTION_RE
from cielo.likeness.reference import CameoRef

MAX_FIGURES = 8  # people and animals in one video: more would be too small to read
MAX_THINGS = 8  # vehicles, food and objects
PLURAL_COUNT = {"person": 2, "animal": 2, "vehicle": 2, "food": 1, "object": 3}
SMALL_FLOCKS = {"bird", "fish", "butterfly", "bee", "bat", "seagull", "pigeon", "crow", "duck", "chicken", "ladybug"}
_TOKEN_RE = re.compile(r"⟦(\d+)⟧|[^\W\d_]+(?:['’][^\W\d_]+)?|\d+")
_SPEECH_VERBS = "|".join(sorted(lexicon.SPEECH_VERBS, key=len, reverse=True))
_WHO = r"(?:@?[^\W\d_][\w'.]*)"
_ATTRIBUTION_PATTERNS = (
    # he says "...", the fox whispers softly: "..."
    re.compile(
        rf"(?P<who>{_WHO})\s+(?P<verb>{_SPEECH_VERBS})\b(?:\s+\w+ly)?\s*[,:]?\s*⟦(?P<q>\d+)⟧",
        re.IGNORECASE,
    ),
    # Ana: "hola"
    re.compile(rf"(?P<who>{_WHO})\s*:\s*⟦(?P<q>\d+)⟧"),
    # "..." says Bob / "..." dice la niña
    re.compile(
        rf"⟦(?P<q>\d+)⟧\s*[,.!?]?\s*(?P<verb>{_SPEECH_VERBS})\s+(?:(?:the|a|an|el|la|un|una)\s+)?(?P<who>{_WHO})",
        re.IGNORECASE,
    ),
    # "...", she whispers / "..." the fox says
    re.compile(
        rf"⟦(?P<q>\d+)⟧\s*[,.!?]?\s*(?:(?:the|a|an|el|la|un|una)\s+)?(?P<who>{_WHO})\s+(?P<verb>{_SPEECH_VERBS})\b",
        re.IGNORECASE,
    ),
)
# A quote written on something rather than said: 'a sign that says "Open"', 'un cartel que dice "Hola"'.
_WRITTEN_RE = re.compile(
    r"(?:reads?|reading|saying|says|that says|with the words?|written|que dice|que pone|con el texto|"
    r"con las palabras|dice|pone|escrito)\s*[,:]?\s*⟦(?P<q>\d+)⟧",
    re.IGNORECASE,
)
TEXT_KINDS = {"sign", "blackboard", "flag", "book", "laptop", "phone"}
FURNITURE = {"sofa", "chair", "bench", "bed", "table", "rock", "wheelchair"}  # things one sits or lies on
RECIPROCAL = {"fight", "hug", "dance", "talk", "play_ball", "run"}  # done to someone, who does it back
_DEFINITE = {"the", "el", "la", "los", "las", "his", "her", "their", "its", "su", "sus"}
_ARTICLE_GENDER = {"una": "female", "la": "female", "unas": "female", "las": "female", "esta": "female",
                   "un": "male", "el": "male", "unos": "male", "los": "male", "este": "male"}
_CLAUSE_JOINS = {"while", "as", "when", "whereas", "whilst", "mientras", "cuando"}
_NARRATOR_WORDS = {"narrator", "voiceover", "voice", "narrador", "narradora"}
_NAMING_WORDS = {"named", "called", "llamado", "llamada", "de nombre"}
_AUXILIARIES = {
    "is", "are", "was", "were", "be", "been", "being", "will", "can", "could", "would", "should", "must",
    "starts", "start", "begins", "begin", "keeps", "keep", "tries", "try", "wants", "want", "likes", "loves",
    "learns", "learn", "goes", "go", "to", "who", "that", "which", "while", "then", "and", "está", "están",
    "estaba", "empieza", "empiezan", "comienza", "sigue", "siguen", "quiere", "quieren", "intenta", "va", "van",
    "que", "mientras", "y", "e", "luego", "a", "para", "se", "le", "lo", "la", "los", "las", "suele",
}
_VOICE_ID_RE = re.compile(r"^(?:(?P<language>[a-z]{2,3})\+)?(?P<variant>[A-Za-z0-9_]+)(?:/p(?P<pitch>\d{1,3}))?$")


def _rng(seed: int, salt: str) -> np.random.Generator:
    # A separate stream per purpose, so adding a dialogue line never changes the scenery.
    return np.random.default_rng([seed & 0xFFFFFFFF, sum(ord(c) * 131**i for i, c in enumerate(salt)) % 2**32])


@dataclass
class Quote:
    text: str
    speaker: str | None = None  # subject id
    manner: str = "says"
    written_on: str | None = None  # subject id of a sign: the text is shown, not spoken


@dataclass
class _Token:
    word: str  # lower case, possessive "'s" dropped
    raw: str  # as written
    start: int
    end: int
    quote: int | None = None
    used: str = ""  # what took it: place, time, weather, camera, thing, action, name, count, ...
    after_comma: bool = False  # a comma (or ; :) stands between it and the word before: a new phrase


@dataclass
class Clause:
    text: str  # with ⟦n⟧ placeholders for quotes
    explicit_cut: bool
    setting: str | None = None
    variant: str = ""
    tint: list[int] | None = None
    time_of_day: str | None = None
    weather: str | None = None
    mood: str | None = None
    camera: str | None = None
    subjects: list[str] = field(default_factory=list)
    quotes: list[int] = field(default_factory=list)
    actions: dict[str, list[str]] = field(default_factory=dict)  # subject id -> actions, in order
    targets: dict[str, str] = field(default_factory=dict)


@dataclass
class _Walk:
    """Where the reader is in one clause, and what it has seen since the last verb."""

    tokens: list[_Token]
    words: list[str]
    clause: Clause
    i: int = 0
    agents: list[str] = field(default_factory=list)  # subjects since the last verb: who does the next action
    last_action: tuple[str, list[str]] | None = None  # the last verb and its doers, for its objects
    pending_count: int | None = None  # "two", "tres", "a couple of": for the next thing
    appositive: bool = False  # a list of names for the people just named ("Two friends, Ana and Bob")


class _TableIndex:
    """A scene table (time of day, weather, mood, camera) over both languages, with its entry order."""

    def __init__(self, table: dict[str, tuple[str, ...]]) -> None:
        self.order = list(table)
        self.entries: dict[tuple[str, ...], str] = {}
        for value, phrases in table.items():
            for phrase in phrases:
                for form in {phrase, strip_accents(phrase)}:
                    self.entries.setdefault(tuple(lexicon.tokens(form)), value)
        self.longest = max(len(k) for k in self.entries)


_SCENE_TABLES = {
    "camera": _TableIndex(lexicon.CAMERAS),
    "time_of_day": _TableIndex(lexicon.TIMES_OF_DAY),
    "weather": _TableIndex(lexicon.WEATHER),
    "mood": _TableIndex(lexicon.MOODS),
}
_PLACE_ORDER = list(lexicon.PLACES)
_COUNT_INDEX = {tuple(phrase.split()): n for phrase, n in lexicon.COUNT_WORDS.items()}
_COUNT_LONGEST = max(len(k) for k in _COUNT_INDEX)


def _tokenize(text: str) -> list[_Token]:
    out: list[_Token] = []
    for m in _TOKEN_RE.finditer(text):
        gap = text[out[-1].end : m.start()] if out else ""
        if m.group(1) is not None:
            out.append(_Token(f"⟦{m.group(1)}⟧", m.group(0), m.start(), m.end(), quote=int(m.group(1))))
            continue
        raw = m.group(0)
        word = raw.lower().replace("’", "'")
        out.append(_Token(word.removesuffix("'s"), raw, m.start(), m.end(), after_comma=any(c in gap for c in ",;:")))
    return out


class PromptReader:
    """Reads one prompt: its clauses, the subjects they mention, what they do and who says each quote."""

    def __init__(
        self, prompt: str, seed: int, subjects: list[Subject] | None = None, cameos: Sequence[CameoRef] = ()
    ) -> None:
        self.seed = seed
        self.vocabulary = lexicon.index()
        self.subjects: list[Subject] = list(subjects or [])
        self.recent: list[str] = []  # subject ids, most recent last
        self.quotes: list[Quote] = []
        self.drawn: list[dict[str, Any]] = []
        self.not_drawn: list[dict[str, Any]] = []
        self.introduced: dict[str, int] = {}  # subject id -> clause index where it first appeared
        self.speaking_words: set[str] = set()
        self.clause_index = 0
        self.renamed: set[str] = set()  # generic people who got a name from the prompt
        # Each cameo is a subject from the start; "@handle" reads as a one-word token naming it.
        self.cameo_tokens: dict[str, Subject] = {}
        self.cameo_handles: dict[str, str] = {}  # handle (lower case) -> token
        for i, cameo in enumerate(cameos):
            token = "Zcameo" + "abcdefghijklmnopqrstuvwxyz"[i % 26] * (1 + i // 26)
            self.cameo_tokens[token.lower()] = self._cameo_subject(cameo)
            self.cameo_handles[cameo.handle.lower()] = token
        text = QUOTE_RE.sub(self._lift_quote, prompt)
        self.language = detect_language(PLACEHOLDER_RE.sub(" ", text))
        self.languages = (self.language, "es" if self.language == "en" else "en")
        self.clauses: list[Clause] = []
        for i, (part, cut) in enumerate(split_clauses(text)):
            self.clause_index = i
            self.clauses.append(self._read_clause(part, cut))

    # ------------------------------------------------------------------------------- subjects

    def _cameo_subject(self, cameo: CameoRef) -> Subject:
        person = cameo.kind == "person"
        match = _VOICE_ID_RE.match(cameo.voice or "")
        variant = match.group("variant") if match else ""
        gender = "female" if variant.startswith("f") else "male" if variant.startswith("m") else "unknown"
        subject = self._new_subject(
            cameo.name, "person" if person else "animal", "person" if person else "character", gender,
            category="person" if person else "animal",
        )
        subject.cameo = {"handle": cameo.handle, "kind": cameo.kind, "face": str(cameo.face_png), "voice": cameo.voice,
                         "recording": str(cameo.voice_recording) if cameo.voice_recording else None,
                         "transcript": cameo.voice_transcript}
        return subject

    def _new_subject(
        self, name: str, kind: str, species: str, gender: str, *, noun: str | None = None,
        category: str = "", variant: str = "", word: str = "",
    ) -> Subject:
        rng = _rng(self.seed, f"subject:{name.lower()}")
        subject = Subject(
            id=f"s{len(self.subjects)}", name=name, kind=kind, species=species, gender=gender,
            color=subject_color(species, variant, rng), placement="ground", action="idle", noun=noun,
            variant=variant, category=category or kind, word=word,
        )
        self.subjects.append(subject)
        self.introduced[subject.id] = self.clause_index
        return subject

    def _figures(self) -> list[Subject]:
        return [s for s in self.subjects if s.kind in ("person", "animal")]

    def _mention(self, subject: Subject, clause: Clause) -> None:
        if subject.id not in clause.subjects:
            clause.subjects.append(subject.id)
        if subject.id in self.recent:
            self.recent.remove(subject.id)
        self.recent.append(subject.id)

    def _by_id(self, subject_id: str) -> Subject:
        return next(s for s in self.subjects if s.id == subject_id)

    def _thing_subjects(self, thing: ThingWord, word: str, count: int, definite: bool) -> list[Subject]:
        """The subjects a thing's word stands for: the ones it named before, plus new ones up to `count`."""
        if thing.members:
            return self._group_subjects(thing, word)
        animate = thing.category in ("person", "animal")
        key = thing.kind + ("/" + thing.variant if thing.variant else "")
        same = [s for s in self.subjects if s.noun == key and s.cameo is None]
        if not animate:
            if same:
                same[0].count = max(same[0].count, count)
                return same[:1]
            if sum(1 for s in self.subjects if s.kind == "object") >= MAX_THINGS:
                self._report(word, thing.category, reason="too many things in one video")
                return []
            subject = self._new_subject(
                word, "object", thing.kind, "unknown", noun=key, category=thing.category, variant=thing.variant,
                word=word,
            )
            subject.count = count
            return [subject]
        wanted = max(count, 1 if definite or same else count)
        while len(same) < wanted:
            if len(self._figures()) >= MAX_FIGURES:
                self._report(word, thing.category, reason=f"only {len(same)} of {wanted} drawn")
                break
            name = word if not same else f"{word} {len(same) + 1}"
            gender = thing.gender
            if gender == "unknown" and thing.kind in ("person", "child", "elder") and len(same) % 2 == 1:
                gender = "female" if same[-1].gender == "male" else "male" if same[-1].gender == "female" else gender
            same.append(
                self._new_subject(
                    name, thing.category if thing.category == "animal" else "person", thing.kind, gender,
                    noun=key, category=thing.category, variant=thing.variant, word=word,
                )
            )
        return same[:wanted]

    def _group_subjects(self, thing: ThingWord, word: str) -> list[Subject]:
        existing = [s for s in self.subjects if s.noun and s.noun.startswith(thing.kind + "#")]
        if existing:
            return existing
        out = []
        for i, member in enumerate(thing.members):
            kind, _, mark = member.partition(":")
            gender = {"m": "male", "f": "female"}.get(mark, "unknown")
            if gender == "unknown" and kind in ("person", "child"):
                gender = "female" if i % 2 else "male"
            if len(self._figures()) >= MAX_FIGURES:
                self._report(word, thing.category, reason=f"only {len(out)} of {len(thing.members)} drawn")
                break
            category = "animal" if thing.category == "animal" else "person"
            out.append(
                self._new_subject(
                    f"{word} {i + 1}", category, kind, gender, noun=f"{thing.kind}#{i}", category=category, word=word,
                )
            )
        return out

    def _person(self, name: str, clause: Clause | None = None, appositive: bool = False) -> Subject | None:
        """The person a name stands for: one named before, a generic person it names ("two friends ...
        Ana: "), or a new person."""
        existing = next((s for s in self.subjects if s.name.lower() == name.lower()), None)
        if existing:
            return existing
        lowered = name.lower()
        if lowered in lexicon.FEMALE_NAMES:
            gender = "female"
        elif lowered in lexicon.MALE_NAMES:
            gender = "male"
        else:
            gender = "female" if lowered.endswith("a") else "male"
        spoken = {q.speaker for q in self.quotes if q.speaker}
        speaking_here = {c.id for c in self.subjects if c.noun and (c.word or c.name).lower() in self.speaking_words}
        # Someone who has not spoken yet is the likelier owner of a new name; someone speaking in this
        # very clause is not it at all ("The chef says ... Maria replies").
        for candidate in sorted(self.subjects, key=lambda c: c.id in spoken):
            if (
                candidate.id not in speaking_here
                and candidate.kind == "person"
                and candidate.noun is not None
                and candidate.cameo is None
                and candidate.id not in self.renamed
                and candidate.gender in (gender, "unknown")
                and (appositive or self.introduced.get(candidate.id, 0) < self.clause_index)
            ):
                # "Two friends on a bench. Ana: ..." - Ana is one of the friends, not a third person.
                candidate.name = name
                candidate.gender = gender
                self.renamed.add(candidate.id)
                return candidate
        if len(self._figures()) >= MAX_FIGURES:
            self._report(name, "person", reason="too many people in one video")
            return None
        return self._new_subject(name, "person", "person", gender, category="person", word=name)

    def _resolve_speaker(self, who: str) -> Subject | None:
        token = who.lstrip("@")
        if token.lower() in self.cameo_tokens:
            return self.cameo_tokens[token.lower()]
        lowered = who.lower()
        if lowered in lexicon.PRONOUNS:
            gender = lexicon.PRONOUNS[lowered]
            for sid in reversed(self.recent):
                s = self._by_id(sid)
                if s.kind != "object" and (gender == "unknown" or s.gender in (gender, "unknown")):
                    if s.gender == "unknown" and s.kind == "person":
                        s.gender = gender  # "two friends ... she whispers": that friend is a woman now
                    return s
            if gender == "unknown":
                return None
            thing = self._lookup_thing(["woman" if gender == "female" else "man"], 0)
            return self._thing_subjects(thing[1], "woman" if gender == "female" else "man", 1, False)[0] if thing else None
        match = self._lookup_thing([lowered], 0)
        if match:
            found = self._thing_subjects(match[1], lowered, 1, True)
            return found[0] if found else None
        if who[:1].isupper() and lowered not in lexicon.ENGLISH_WORDS | lexicon.SPANISH_WORDS and not self._known_word(lowered):
            return self._person(who)
        return None

    # -------------------------------------------------------------------------------- quotes

    def _lift_quote(self, m: re.Match[str]) -> str:
        # '"It was the wind," he says': the comma belongs to the sentence around the quote.
        self.quotes.append(Quote(next(g for g in m.groups() if g is not None).strip().rstrip(",;:").strip()))
        return f" ⟦{len(self.quotes) - 1}⟧ "

    def _mark_cameos(self, text: str) -> str:
        """"@ana" -> the token that names her cameo subject (unknown handles stay as they are)."""
        if not self.cameo_handles:
            return text
        return MENTION_RE.sub(lambda m: self.cameo_handles.get(m.group(1).lower(), m.group(0)), text)

    # ------------------------------------------------------------------------------- lookups

    def _lookup(self, index: str, words: list[str], i: int) -> tuple[int, Any] | None:
        """The longest phrase at words[i] in one of the vocabulary's indexes, the prompt's language first."""
        for lang in self.languages:
            found = getattr(self.vocabulary, index)[lang].match(words, i)
            if found:
                return found
        return None

    def _lookup_thing(self, words: list[str], i: int) -> tuple[int, ThingWord] | None:
        return self._lookup("things", words, i)

    def _known_word(self, word: str) -> bool:
        v = self.vocabulary
        return any(
            (word,) in getattr(v, index)[lang].entries
            for index in ("things", "actions", "action_nouns", "places", "make_verbs")
            for lang in lexicon.LANGUAGES
        ) or any((word,) in table.entries for table in _SCENE_TABLES.values())

    def _report(self, word: str, category: str, reason: str = "") -> None:
        entry = {"word": word, "category": category} | ({"reason": reason} if reason else {})
        if entry not in self.not_drawn:
            self.not_drawn.append(entry)

    def _record(self, word: str, category: str, kind: str, count: int = 1) -> None:
        entry = {"word": word, "category": category, "kind": kind, "count": count}
        same = next((d for d in self.drawn if d["word"] == word and d["kind"] == kind), None)
        if same is None:
            self.drawn.append(entry)
        else:
            same["count"] = max(same["count"], count)

    # ------------------------------------------------------------------------------- clauses

    def _read_clause(self, text: str, explicit_cut: bool) -> Clause:
        clause = Clause(text=text.strip(), explicit_cut=explicit_cut)
        marked = self._mark_cameos(text)
        # Who this clause makes speak ("The chef says"): a name met here is somebody else.
        self.speaking_words = {m.group("who").lower() for pattern in _ATTRIBUTION_PATTERNS for m in pattern.finditer(marked)}
        tokens = _tokenize(marked)
        words = [t.word for t in tokens]
        self._read_scene(tokens, words, clause)
        self._read_things_and_actions(tokens, words, clause)
        self._read_dialogue(marked, clause)
        return clause

    def _read_scene(self, tokens: list[_Token], words: list[str], clause: Clause) -> None:
        for table, consume in (("camera", True), ("time_of_day", True), ("weather", True), ("mood", False)):
            value = self._scan_table(tokens, words, _SCENE_TABLES[table], consume, table)
            setattr(clause, table, value)
        self._read_place(tokens, words, clause)

    def _scan_table(
        self, tokens: list[_Token], words: list[str], table: _TableIndex, consume: bool, tag: str
    ) -> str | None:
        """The entry a clause selects: longer phrases beat the words inside them ("puesta de sol"
        beats "sol", "pan left" beats "pan"); otherwise the entry listed first wins."""
        hits: list[tuple[int, int, str]] = []
        for i in range(len(words)):
            if tokens[i].used:
                continue
            for n in range(min(table.longest, len(words) - i), 0, -1):
                value = table.entries.get(tuple(words[i : i + n]))
                if value is not None and not any(t.used for t in tokens[i : i + n]):
                    hits.append((i, i + n, value))
                    break
        kept = [h for h in hits if not any(o[0] <= h[0] and h[1] <= o[1] and o[1] - o[0] > h[1] - h[0] for o in hits)]
        if not kept:
            return None
        if consume:
            for a, b, _ in kept:
                for t in tokens[a:b]:
                    t.used = tag
        return min(kept, key=lambda h: table.order.index(h[2]))[2]

    def _read_place(self, tokens: list[_Token], words: list[str], clause: Clause) -> None:
        hits: list[tuple[int, int, str]] = []
        i = 0
        while i < len(words):
            found = None if tokens[i].used else self._lookup("places", words, i)
            if found is None:
                i += 1
                continue
            n, name = found
            phrase = " ".join(words[i : i + n])
            if n == 1 and self._lookup("actions", words, i) and self._after_a_subject(tokens, words, i):
                i += 1  # "a snowman waves": a verb here, not the sea's waves
                continue
            also_thing = self._lookup_thing(words, i)
            counted = i > 0 and words[i - 1] in lexicon.COUNT_WORDS
            if (
                also_thing
                and also_thing[0] >= n
                and not self._after_place_preposition(tokens, i)
                and (not also_thing[1].plural or counted)
            ):
                # "a lighthouse", "a house on a hill": a thing in this place, not the place itself (but
                # "waves rolling in", "among the trees" are the place's own).
                i += 1
                continue
            hits.append((i, i + n, name))
            self._record(phrase, "place", name.partition("/")[0])
            if "/" in name:
                # "a field of lavender", "campo de girasoles": the place shows the thing it is named after.
                for k in range(i, i + n):
                    inner = self._lookup_thing(words, k)
                    if inner and inner[1].kind == name.partition("/")[2]:
                        self._record(words[k], inner[1].category, inner[1].kind)
            i += n
        if not hits:
            return
        best = min(hits, key=lambda h: _PLACE_ORDER.index(h[2]))
        for a, b, _ in hits:
            for t in tokens[a:b]:
                t.used = "place"
        clause.setting, clause.variant = lexicon.place_of(best[2])
        # A colour next to the place tints it: "a purple nebula", "una habitación roja".
        a, b, _ = best
        for j in (a - 1, b):
            if 0 <= j < len(tokens) and tokens[j].word in lexicon.COLORS:
                clause.tint = list(lexicon.COLORS[tokens[j].word])
                tokens[j].used = "color"

    def _after_a_subject(self, tokens: list[_Token], words: list[str], i: int) -> bool:
        """Whether word i follows a subject (a thing, a name, a pronoun) or an auxiliary: a verb's place."""
        _, prev = self._previous_word(tokens, i)
        if prev is None or tokens[i].after_comma or prev.word in lexicon.DETERMINERS or prev.word in lexicon.PREPOSITIONS:
            return False  # "en la cocina", "at a party": a noun's place
        j = tokens.index(prev)
        return (
            self._lookup_thing(words, j) is not None
            or prev.word in lexicon.PRONOUNS
            or prev.word in _AUXILIARIES
            or prev.raw[:1].isupper() and j > 0
        )

    def _after_place_preposition(self, tokens: list[_Token], i: int) -> bool:
        j = i - 1
        while j >= 0 and (tokens[j].word in lexicon.ADJECTIVES or tokens[j].word in lexicon.DETERMINERS):
            j -= 1
        return j >= 0 and tokens[j].word in lexicon.PLACE_PREPOSITIONS

    def _previous_word(self, tokens: list[_Token], i: int) -> tuple[int, _Token | None]:
        """The nearest earlier token that is not an adjective or an adverb (with its index)."""
        j = i - 1
        while j >= 0 and (
            tokens[j].word in lexicon.ADJECTIVES
            or tokens[j].word in lexicon.COLORS
            or tokens[j].word.endswith("ly") and tokens[j].word not in lexicon.ENGLISH_WORDS
            or tokens[j].word.endswith("mente")
            or tokens[j].used == "count"
        ):
            j -= 1
        return j, tokens[j] if j >= 0 else None

    def _noun_position(self, tokens: list[_Token], i: int) -> bool:
        """True where a noun belongs: after a determiner, number or preposition, after a verb (its
        object), or opening the clause; False right after a subject or an auxiliary (a verb's place)."""
        _, prev = self._previous_word(tokens, i)
        if prev is None or tokens[i].after_comma:
            return True  # opening the clause, or a phrase after a comma ("at sunset, waves rolling in")
        if prev.word == "to" or prev.word in ("se", "le", "lo", "les"):
            return False
        if prev.word in lexicon.DETERMINERS or prev.word in lexicon.PREPOSITIONS or prev.used == "count":
            return True
        if prev.used in ("thing", "name", "cameo") or prev.word in lexicon.PRONOUNS or prev.word in _AUXILIARIES:
            return False
        if prev.used == "action":
            return True
        return prev.quote is not None

    def _read_things_and_actions(self, tokens: list[_Token], words: list[str], clause: Clause) -> None:
        """Walk the clause's words: counts, cameos, names, clothes, actions and things, longest match
        first at each word; whatever is left that names something is reported (see _report_unknown)."""
        state = _Walk(tokens, words, clause)
        while state.i < len(tokens):
            token = tokens[state.i]
            if token.used or token.quote is not None:
                state.appositive = state.appositive and token.quote is None
                state.i += 1
            elif token.word in _CLAUSE_JOINS:
                state.last_action = None  # "... while a dragon watches": the dragon is a new subject
                state.i += 1
            elif not self._take_count(state) and not self._take_cameo(state):
                self._take_word(state)
        self._report_unknown(tokens, words, clause)

    def _take_count(self, state: _Walk) -> bool:
        count = self._match_count(state.words, state.i)
        if not count:
            return False
        n, state.pending_count = count
        for t in state.tokens[state.i : state.i + n]:
            t.used = "count"
        state.i += n
        return True

    def _take_cameo(self, state: _Walk) -> bool:
        cameo = self.cameo_tokens.get(state.tokens[state.i].word)
        if cameo is None:
            return False
        state.tokens[state.i].used = "cameo"
        self._mention(cameo, state.clause)
        state.agents.append(cameo.id)
        state.i += 1
        return True

    def _take_word(self, state: _Walk) -> None:
        """One word (or phrase) that is a name, clothes, an action, a thing or a naming ("named Rufus")."""
        tokens, words, i, clause = state.tokens, state.words, state.i, state.clause
        token = tokens[i]
        if token.raw[:1].isupper() and self._known_name(tokens, i, clause):
            state.appositive = self._take_name(tokens, i, clause, state.agents, state.appositive)
            state.i += 1
            return
        if self._read_attire(tokens, words, i, state.agents or self.recent[-1:]):
            state.i += 1
            return
        thing = self._lookup_thing(words, i)
        action = self._lookup("actions", words, i)
        noun_here = self._noun_position(tokens, i)
        if self._lookup("make_verbs", words, i) and not thing and not noun_here:
            action = (1, "cook" if self._clause_has_food(words) else "work")
        if action is not None and (thing is None or action[0] > thing[0] or (action[0] == thing[0] and not noun_here)):
            self._take_action(state, *action)
            return
        if thing is not None and self._take_thing(state, *thing):
            return
        action_noun = self._lookup("action_nouns", words, i)
        if action_noun is not None and (noun_here or action_noun[0] > 1):
            n, name = action_noun
            for t in tokens[i : i + n]:
                t.used = "action"
            doers = self._doers(state.agents or (state.last_action[1] if state.last_action else []), clause)
            for sid in doers:
                clause.actions.setdefault(sid, []).append(name)
            self._record(" ".join(words[i : i + n]), "action", name)
            state.i += n
            return
        if self._looks_like_name(tokens, i):
            state.appositive = self._take_name(tokens, i, clause, state.agents, state.appositive)
        elif token.word in _NAMING_WORDS and i + 1 < len(tokens) and tokens[i + 1].raw[:1].isupper():
            # "a fox named Rufus": the name belongs to the fox.
            named = self._by_id(self.recent[-1]) if self.recent else None
            token.used = tokens[i + 1].used = "name"
            if named is not None and named.kind != "object":
                named.name = tokens[i + 1].raw
                self.renamed.add(named.id)
            state.i += 1
        state.i += 1

    def _take_action(self, state: _Walk, n: int, name: str) -> None:
        """A verb: whoever was named before it does it; things inside its phrase are what it uses."""
        tokens, words, i, clause = state.tokens, state.words, state.i, state.clause
        phrase = " ".join(tokens[k].raw for k in range(i, i + n))
        for t in tokens[i : i + n]:
            t.used = "action"
        doers = self._doers(state.agents, clause)
        name = self._refine_action(name, words, doers)
        for sid in doers:
            clause.actions.setdefault(sid, []).append(name)
        self._record(phrase.lower(), "action", name)
        # Things inside a verb phrase ("plays the guitar") are used by whoever acts.
        for k in range(i + 1, i + n):
            inner = self._lookup_thing(words, k)
            if inner and inner[0] == 1:
                found = self._thing_subjects(inner[1], words[k], 1, True)
                for s in found:
                    self._mention(s, clause)
                    self._use(s, doers, name)
                if found:
                    self._record(words[k], inner[1].category, inner[1].kind)
        state.last_action = (name, doers)
        state.agents = []
        state.pending_count = None
        state.i += n

    def _take_thing(self, state: _Walk, n: int, meaning: ThingWord) -> bool:
        """A thing's word: its subjects (as many as counted), what colours it, and whose it is or what
        it does to whom. False when the word is an adjective here ("an orange cat")."""
        tokens, words, i, clause = state.tokens, state.words, state.i, state.clause
        phrase = " ".join(words[i : i + n])
        if (
            n == 1
            and (words[i] in lexicon.ADJECTIVES or words[i] in lexicon.COLORS)
            and i + 1 < len(tokens)
            and not tokens[i + 1].used
            and self._lookup_thing(words, i + 1) is not None
        ):
            return False
        _, prev = self._previous_word(tokens, i)
        definite = prev is not None and prev.word in _DEFINITE
        count = state.pending_count or (self._plural_count(meaning) if meaning.plural else 1)
        if meaning.gender == "unknown" and prev is not None and prev.word in _ARTICLE_GENDER:
            # "una chef", "la turista": the article says who it is.
            meaning = dataclasses.replace(meaning, gender=_ARTICLE_GENDER[prev.word])
        found = self._thing_subjects(meaning, phrase, count, definite)
        for t in tokens[i : i + n]:
            t.used = "thing"
        if found:
            animate = meaning.category in ("person", "animal")
            self._record(phrase, meaning.category, meaning.kind, len(found) if animate else count)
        self._color_from_neighbours(tokens, i, n, found)
        for s in found:
            self._mention(s, clause)
        self._attach(found, tokens, prev, state.agents, state.last_action, clause)
        if meaning.category in ("person", "animal") and found:
            if state.last_action and state.last_action[1] and not state.agents:
                # The object of a verb: "fights a dragon" - the dragon is its target, and in a fight
                # (a dance, a chase) it does the same back; a walked dog walks too.
                action_name, doers = state.last_action
                for doer in doers:
                    clause.targets.setdefault(doer, found[0].id)
                if action_name in RECIPROCAL or action_name == "walk" and meaning.category == "animal":
                    for s in found:
                        clause.actions.setdefault(s.id, []).append(action_name)
                        clause.targets.setdefault(s.id, doers[0])
            else:
                state.agents.extend(s.id for s in found)
        state.appositive = meaning.category == "person" and len(found) > 1 and self._comma_after(tokens, i + n - 1, clause)
        state.pending_count = None
        state.i += n
        return True

    def _take_name(self, tokens: list[_Token], i: int, clause: Clause, agents: list[str], appositive: bool) -> bool:
        """A person's name: they are in the clause and do its next action. Returns whether a list of
        names for the people just named goes on ("Two friends, Ana and Bob, ...")."""
        token = tokens[i]
        person = self._person(token.raw, clause, appositive=appositive)
        token.used = "name"
        if person is None:
            return appositive
        self._mention(person, clause)
        agents.append(person.id)
        self._record(token.raw, "person", person.species)
        return appositive and i + 2 < len(tokens) and tokens[i + 1].word in ("and", "y", "e")

    def _match_count(self, words: list[str], i: int) -> tuple[int, int] | None:
        for n in range(min(_COUNT_LONGEST, len(words) - i), 0, -1):
            value = _COUNT_INDEX.get(tuple(words[i : i + n]))
            if value is not None:
                # "a couple of", but not "a couple" (a thing): only with its "of"; "one" needs a thing next.
                if n == 1 and words[i] in ("some", "unos", "unas", "many", "muchos", "muchas", "few", "both"):
                    return (1, value) if i + 1 < len(words) and self._lookup_thing(words, i + 1) else None
                return n, value
        return None

    def _plural_count(self, meaning: ThingWord) -> int:
        if meaning.kind in SMALL_FLOCKS:
            return 3
        return PLURAL_COUNT.get(meaning.category, 2)

    def _doers(self, agents: list[str], clause: Clause) -> list[str]:
        """Who does an action: the subjects named before the verb in this clause, else the last one
        named (the subject of "Then fights the dragon" / "y luego baila")."""
        if agents:
            return list(dict.fromkeys(agents))
        animate = [sid for sid in clause.subjects if self._by_id(sid).kind != "object"]
        if animate:
            return [animate[-1]]
        recent = [sid for sid in reversed(self.recent) if self._by_id(sid).kind != "object"]
        if recent:
            subject = self._by_id(recent[0])
            self._mention(subject, clause)
            return [subject.id]
        things = [sid for sid in clause.subjects]
        return things[-1:]

    def _refine_action(self, name: str, words: list[str], doers: list[str]) -> str:
        """Generic verbs made specific by what the clause names: "play" a guitar is music, "play" a
        ball is a game; "ride" a car is driving."""
        kinds = {s.species for s in self.subjects if s.noun and any(w in (s.word or "").split() for w in words)}
        kinds |= {m[1].kind for k in range(len(words)) if (m := self._lookup_thing(words, k))}
        if name in ("jump", "play_music") and kinds & {"soccer_ball", "basketball", "tennis", "goal"}:
            return "play_ball"
        if name == "jump" and kinds & {"guitar", "piano", "violin", "drum", "trumpet", "turntable"}:
            return "play_music"
        if name == "ride" and kinds & {"car", "van", "bus", "truck", "tractor"}:
            return "drive"
        return name

    def _clause_has_food(self, words: list[str]) -> bool:
        return any((m := self._lookup_thing(words, k)) and m[1].category == "food" for k in range(len(words)))

    def _use(self, thing: Subject, users: list[str], action: str) -> None:
        """A thing an action uses: held by (or set in front of) its doer; an animal or vehicle ridden."""
        if not users:
            return
        user = self._by_id(users[0])
        if action in ("ride", "drive", "sail") and (thing.category == "vehicle" or thing.kind == "animal"):
            if user.kind != "object":
                user.rides = thing.id  # "monta en bicicleta", "rides a horse": on it
        elif thing.kind == "object" and thing.holder is None and user.kind != "object":
            thing.holder = user.id

    def _attach(
        self, found: list[Subject], tokens: list[_Token], prev: _Token | None, agents: list[str],
        last_action: tuple[str, list[str]] | None, clause: Clause,
    ) -> None:
        """A thing named after "with", "on", a possessive or a verb belongs to someone in the clause."""
        if not found or prev is None:
            return
        thing = found[0]
        owner_ids = agents or (last_action[1] if last_action else []) or [
            sid for sid in clause.subjects if self._by_id(sid).kind != "object" and sid not in {s.id for s in found}
        ][-1:]
        if not owner_ids:
            return
        owner = self._by_id(owner_ids[0])
        if owner.kind == "object" or owner in found:
            return
        word = prev.word
        if word in lexicon.DETERMINERS and word not in ("his", "her", "their", "su", "sus", "its", "my", "mi", "your"):
            # "with a sword", "plants a flag": what the noun phrase hangs on is the word before its article.
            j = tokens.index(prev) - 1
            if j >= 0:
                prev = tokens[j]
                word = prev.word
        riding_word = word in ("on", "onto", "riding", "sobre", "en") or (word == "a" and self.language == "es")
        if thing.species == "tree" and word in ("in", "on", "from", "up", "en", "sobre", "desde") and owner.kind == "animal":
            owner.rides = thing.id  # an owl in a tree, a cat up a tree: perched in it
            return
        if riding_word and thing.species in FURNITURE:
            # "sleeps on a sofa", "two friends sit on a bench": on it, not beside it.
            for sid in owner_ids:
                if self._by_id(sid).kind != "object":
                    self._by_id(sid).rides = thing.id
            return
        if riding_word and (
            thing.category == "vehicle" or thing.species in ("horse", "donkey", "camel", "unicorn", "dragon", "elephant")
        ):
            if thing.species not in ("train", "ship", "plane", "spaceship", "ufo", "submarine", "rocket"):
                owner.rides = thing.id  # "on a horse", "en su bicicleta", "a caballo"
            return
        if last_action and last_action[0] in ("ride", "drive", "sail") and not agents:
            if thing.category == "vehicle" or thing.kind == "animal":
                owner.rides = thing.id
            return
        if thing.kind == "object" and thing.holder is None and (
            word in ("with", "con", "holding", "his", "her", "their", "su", "sus", "sosteniendo")
            or prev.used == "action"
        ):
            thing.holder = owner.id

    def _color_from_neighbours(self, tokens: list[_Token], i: int, n: int, found: list[Subject]) -> None:
        """"a red dragon" (before, English) or "un dragón rojo" (after, Spanish) colours the thing."""
        for j in (i - 1, i + n):
            if 0 <= j < len(tokens) and tokens[j].word in lexicon.COLORS and tokens[j].used in ("", "color"):
                tokens[j].used = "color"
                for s in found:
                    s.color = list(lexicon.COLORS[tokens[j].word])
                return

    def _read_attire(self, tokens: list[_Token], words: list[str], i: int, wearers: list[str]) -> bool:
        """"in a red dress", "wearing a hat", "con un vestido azul": the wearer's clothes, not a thing."""
        garment = lexicon.ATTIRE.get(words[i])
        if garment is None or not wearers:
            return False
        _, prev = self._previous_word(tokens, i)
        if prev is None or prev.word not in ("in", "wearing", "wears", "with", "con", "de", "lleva", "viste", "en", "dressed"):
            return False
        wearer = self._by_id(wearers[-1])
        if wearer.kind != "person":
            return False
        wearer.garment = garment
        tokens[i].used = "attire"
        for k in (i - 1, i - 2, i + 1):
            if 0 <= k < len(tokens) and tokens[k].word in lexicon.COLORS and not tokens[k].used:
                wearer.color = list(lexicon.COLORS[tokens[k].word])
                tokens[k].used = "color"
                break
        return True

    def _comma_after(self, tokens: list[_Token], i: int, clause: Clause) -> bool:
        following = clause.text[tokens[i].end : tokens[i].end + 3] if i < len(tokens) else ""
        return following.lstrip().startswith((",", ":", "(", "—", "-"))

    def _known_name(self, tokens: list[_Token], i: int, clause: Clause) -> bool:
        """A capitalised word that is a first name we know ("Bob", "Rosa"), or any capitalised word
        that speaks ("Dan: ..."), is a person even where it could be another word ("bob", "dan")."""
        word = tokens[i].word
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        speaks = nxt is not None and (nxt.quote is not None or nxt.word in lexicon.SPEECH_VERBS)
        if speaks and clause.text[tokens[i].end : tokens[i].end + 2].lstrip().startswith(":"):
            return not self._lookup_thing([word], 0) and word not in lexicon.PRONOUNS
        if word in lexicon.FEMALE_NAMES or word in lexicon.MALE_NAMES:
            return i > 0 or speaks or nxt is None or nxt.word in ("and", "y", "e") or self._lookup("actions", [nxt.word], 0) is not None
        return False

    def _looks_like_name(self, tokens: list[_Token], i: int) -> bool:
        token = tokens[i]
        raw = token.raw
        if not raw[:1].isupper() or len(raw) < 2 or raw.isupper() and len(raw) > 3:
            return False
        lowered = token.word
        if lowered in lexicon.ENGLISH_WORDS or lowered in lexicon.SPANISH_WORDS or lowered in _NAMING_WORDS:
            return False
        if self._known_word(lowered) or lowered in lexicon.ADJECTIVES or lowered in lexicon.SCENE_NOUNS:
            return False
        known = lowered in lexicon.FEMALE_NAMES or lowered in lexicon.MALE_NAMES
        j, prev = self._previous_word(tokens, i)
        if prev is not None and (
            prev.word in lexicon.PLACE_PREPOSITIONS
            or prev.word in _NAMING_WORDS
            or (prev.raw[:1].isupper() and prev.used != "name" and j == i - 1 and not known)
        ):
            return False  # "in Lisbon", "in New York": places, not people
        if i == 0:
            # A capitalised first word is a name only when we know it or it acts like one.
            nxt = tokens[i + 1].word if i + 1 < len(tokens) else ""
            return (
                known
                or nxt in ("and", "y", "is", "está", "es")
                or nxt in lexicon.SPEECH_VERBS
                or self._lookup("actions", [nxt], 0) is not None
                or (nxt.endswith("s") and len(nxt) > 3 and nxt not in lexicon.ENGLISH_WORDS)
            )
        return True

    def _report_unknown(self, tokens: list[_Token], words: list[str], clause: Clause) -> None:
        """Nouns in a noun's place and verbs after a subject that nothing above understood."""
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if token.used or token.quote is not None or not self._unknown(token.word):
                i += 1
                continue
            _, prev = self._previous_word(tokens, i)
            if prev is not None and (
                prev.word in lexicon.DETERMINERS | lexicon.PREPOSITIONS or prev.used in ("count", "action")
            ):
                # A noun phrase: its unknown words up to the next known word, but a known thing right
                # after ("a laundry basket") is the head, and the rest is how it looks.
                end = i
                while end + 1 < len(tokens) and not tokens[end + 1].used and self._unknown(tokens[end + 1].word) and end - i < 2:
                    end += 1
                if end + 1 < len(tokens) and tokens[end + 1].used == "thing":
                    i = end + 1
                    continue
                phrase = " ".join(t.word for t in tokens[i : end + 1])
                category = "place" if self._after_place_preposition(tokens, i) and clause.setting is None else "thing"
                self._report(phrase, category)
                i = end + 1
                continue
            if prev is not None and prev.used in ("thing", "name", "cameo") and self._verb_like(token.word):
                self._report(token.word, "action")
            i += 1

    def _unknown(self, word: str) -> bool:
        return not (
            len(word) < 3
            or word in lexicon.ENGLISH_WORDS
            or word in lexicon.SPANISH_WORDS
            or word in lexicon.ADJECTIVES
            or word in lexicon.COLORS
            or word in lexicon.SCENE_NOUNS
            or word in lexicon.ATTIRE
            or word in lexicon.SPEECH_VERBS
            or word in lexicon.DETERMINERS
            or word in lexicon.PREPOSITIONS
            or word in lexicon.CONJUNCTIONS
            or word in _AUXILIARIES
            or word in _NAMING_WORDS
            or word.isdigit()
            or word.endswith(("ly", "mente"))
            or self._known_word(word)
        )

    def _verb_like(self, word: str) -> bool:
        if self.language == "en":
            return word.endswith(("s", "ing", "ed")) and not word.endswith("ss")
        return word.endswith(("a", "an", "e", "en", "ando", "iendo", "ó", "aron", "ieron"))

    # ------------------------------------------------------------------------------ dialogue

    def _read_dialogue(self, text: str, clause: Clause) -> None:
        attributed: dict[int, tuple[str, str]] = {}
        for pattern in _ATTRIBUTION_PATTERNS:
            for m in pattern.finditer(text):
                q = int(m.group("q"))
                if q in attributed:
                    continue
                verb = m.groupdict().get("verb")
                attributed[q] = (m.group("who"), lexicon.SPEECH_VERBS.get(verb.lower(), "says") if verb else "says")
        written = {int(m.group("q")) for m in _WRITTEN_RE.finditer(text)}
        for q in (int(x) for x in PLACEHOLDER_RE.findall(text)):
            quote = self.quotes[q]
            sign = self._sign_for(q, clause, written)
            if sign is not None:
                quote.written_on = sign.id
                sign.text = quote.text
                continue
            speaker: Subject | None = None
            who = ""
            if q in attributed:
                who, quote.manner = attributed[q]
                speaker = self._resolve_speaker(who)
                if speaker is not None and speaker.kind == "object" and speaker.species in TEXT_KINDS:
                    quote.written_on = speaker.id
                    speaker.text = quote.text
                    continue
            if speaker is None and who.lower() not in _NARRATOR_WORDS:
                speaker = self._unattributed_speaker()
            if speaker is not None:
                quote.speaker = speaker.id
                self._mention(speaker, clause)
            clause.quotes.append(q)

    def _sign_for(self, q: int, clause: Clause, written: set[int]) -> Subject | None:
        """The sign (or board, flag) a quote is written on, when the clause says so."""
        if q not in written:
            return None
        for sid in reversed(clause.subjects):
            s = self._by_id(sid)
            if s.kind == "object" and s.species in TEXT_KINDS:
                return s
        return None

    def _unattributed_speaker(self) -> Subject | None:
        talkers = [sid for sid in self.recent if self._by_id(sid).kind != "object"]
        if not talkers:
            return None
        previous = next(
            (self.quotes[i].speaker for i in range(len(self.quotes) - 1, -1, -1) if self.quotes[i].speaker), None
        )
        if previous in talkers and len(talkers) >= 2:
            # Back-and-forth: an unattributed quote after someone spoke goes to the other person.
            others = [sid for sid in reversed(talkers) if sid != previous]
            return self._by_id(others[0])
        return self._by_id(talkers[-1])


def subject_color(species: str, variant: str, rng: np.random.Generator) -> list[int]:
    """A subject's main colour: its species' own (a fox is orange), else one from a cheerful palette."""
    fixed = {
        "fox": (222, 110, 40), "dog": (170, 120, 70), "cat": (110, 108, 118), "bear": (100, 70, 45),
        "wolf": (130, 130, 140), "horse": (120, 80, 50), "rabbit": (225, 220, 215), "penguin": (30, 30, 40),
        "cow": (240, 240, 235), "sheep": (245, 245, 240), "deer": (170, 120, 75), "whale": (60, 90, 130),
        "fish": (250, 150, 50), "astronaut": (235, 235, 240), "robot": (170, 180, 195), "bird": (72, 70, 84),
        "dragon": (70, 150, 80), "lion": (214, 160, 80), "tiger": (236, 130, 40), "elephant": (150, 150, 158),
        "giraffe": (230, 180, 90), "zebra": (240, 240, 240), "monkey": (130, 90, 60), "gorilla": (60, 58, 62),
        "panda": (245, 245, 245), "pig": (244, 170, 170), "goat": (220, 214, 200), "camel": (200, 160, 100),
        "donkey": (140, 130, 120), "unicorn": (250, 250, 252), "leopard": (226, 180, 90), "kangaroo": (190, 130, 80),
        "koala": (150, 150, 156), "hippo": (140, 120, 140), "rhino": (150, 150, 150), "crocodile": (80, 120, 60),
        "lizard": (100, 170, 80), "snake": (90, 160, 70), "turtle": (90, 140, 80), "frog": (90, 180, 70),
        "dinosaur": (100, 150, 90), "owl": (150, 110, 70), "eagle": (110, 80, 50), "parrot": (230, 50, 50),
        "duck": (240, 240, 235), "swan": (250, 250, 250), "chicken": (250, 246, 236), "pigeon": (150, 150, 165),
        "seagull": (240, 240, 240), "flamingo": (245, 130, 160), "peacock": (40, 110, 170), "crow": (30, 30, 36),
        "hummingbird": (60, 170, 120), "phoenix": (240, 110, 40), "bat": (50, 44, 56), "butterfly": (240, 140, 40),
        "bee": (240, 200, 40), "ladybug": (220, 40, 40), "spider": (40, 36, 40), "snail": (180, 140, 100),
        "shark": (120, 136, 150), "dolphin": (120, 150, 180), "octopus": (220, 100, 120), "jellyfish": (220, 170, 240),
        "crab": (220, 80, 50), "seal": (120, 116, 112), "starfish": (240, 130, 70), "squirrel": (180, 100, 50),
        "mouse": (160, 156, 160), "hedgehog": (140, 110, 80), "raccoon": (130, 126, 126), "ghost": (244, 244, 250),
        "alien": (120, 200, 110), "zombie": (130, 160, 110), "chef": (250, 250, 250), "doctor": (250, 250, 252),
        "nurse": (120, 180, 200), "knight": (190, 196, 206), "police": (40, 60, 120), "firefighter": (200, 60, 40),
        "soldier": (90, 110, 70), "ninja": (30, 30, 36), "witch": (60, 40, 80), "wizard": (70, 70, 170),
        "santa": (210, 40, 40), "baker": (250, 250, 250), "waiter": (30, 30, 36), "pirate": (140, 40, 40),
    }
    by_variant = {
        "golden_retriever": (226, 170, 90), "labrador": (60, 46, 36), "dalmatian": (245, 245, 245),
        "husky": (170, 170, 178), "poodle": (246, 240, 232), "dachshund": (130, 70, 40), "corgi": (226, 140, 70),
        "german_shepherd": (150, 100, 50), "chihuahua": (226, 190, 140), "bulldog": (210, 180, 140),
        "beagle": (200, 140, 80), "black": (34, 32, 38), "polar": (246, 246, 244), "panda": (245, 245, 245),
        "taxi": (245, 200, 40), "police": (245, 245, 250), "race": (220, 40, 40), "fire": (210, 40, 40),
        "ambulance": (245, 245, 245), "pirate": (90, 60, 40),
    }
    if variant in by_variant:
        return list(by_variant[variant])
    if species in fixed:
        return list(fixed[species])
    palette = [(220, 60, 70), (60, 120, 220), (240, 190, 50), (70, 170, 110), (160, 90, 200), (240, 120, 60),
               (40, 160, 170), (230, 100, 160)]
    return list(palette[int(rng.integers(len(palette)))])
