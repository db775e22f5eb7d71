"""A plan turns a prompt into shots, subjects and timed dialogue, deterministically.

The plan is the contract between the prompt and every later stage: the picture engine reads the
shots and subjects, the soundtrack reads the dialogue, ambience and music cue. It is plain data,
serialised to plan.json so a retried job re-reads it instead of re-planning.

Parsing is rule-based (English and Spanish keyword tables in `lexicon.py`): quotes are lifted out
first so punctuation inside dialogue never splits a sentence, the rest is split into clauses at
sentence ends and shot markers ("then", "cut to", "luego"), and a clause starts a new shot when it
says so or when it names a different setting or time of day than the shot it would join.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from cielo.generation import lexicon
from cielo.generation.request import CameoRef

PLAN_VERSION = 1
SETTINGS = tuple(lexicon.SETTINGS)
TIMES_OF_DAY = ("dawn", "day", "sunset", "night")
WEATHERS = ("clear", "rain", "snow", "fog", "wind", "storm")
MOODS = ("calm", "happy", "sad", "tense", "epic", "romantic")
CAMERAS = tuple(lexicon.CAMERAS)

MIN_SHOT_SECONDS = 2.0
LINE_GAP = 0.25  # silence between two dialogue lines
LEAD_IN = 0.35  # a shot breathes before anyone speaks
MIN_SPEECH_SCALE = 0.7  # lines may be spoken up to 1/0.7 = 1.43x faster to fit their shot
BASE_RATE = {"en": 165, "es": 160}  # espeak words per minute
MAX_SUBJECTS = 5


@dataclass
class Voice:
    """An espeak-ng voice: language, variant (timbre), pitch and speed."""

    language: str
    variant: str
    pitch: int
    rate: int
    pitch_range: int = 50

    @property
    def id(self) -> str:
        return f"{self.language}+{self.variant}/p{self.pitch}"


@dataclass
class Subject:
    id: str
    name: str  # "Ana", "fox"
    kind: str  # person | animal | object
    species: str  # person, child, astronaut, robot, fox, dog, ..., car, boat, balloon
    gender: str  # female | male | unknown
    color: list[int]  # main colour of clothes / fur / paint, RGB
    placement: str  # ground | sky | water
    action: str  # idle | walk | run | dance | fly | swim | sit
    voice: Voice | None = None  # set when the subject speaks
    noun: str | None = None  # the noun that introduced it ("fox"), None for a person known by name
    # A cameo (@handle): {"handle", "kind" (person | character), "face" (reference PNG path), "voice"}.
    cameo: dict[str, Any] | None = None


@dataclass
class Shot:
    index: int
    start: float  # seconds from the start of the new content
    end: float
    description: str
    setting: str
    time_of_day: str
    weather: str
    mood: str
    camera: str
    subjects: list[str]  # subject ids on screen
    positions: dict[str, float]  # subject id -> horizontal position, 0 (left) .. 1 (right)
    ambience: list[str]  # sound beds: waves, rain, wind, city, crowd, birds, crickets, room, space
    lightning: list[float] = field(default_factory=list)  # flash times (storm), thunder follows
    stated: list[str] = field(default_factory=list)  # attributes the prompt named (the rest were defaults)

    @property
    def duration(self) -> float:
        return self.end - self.start


@dataclass
class DialogueLine:
    index: int
    speaker: str  # subject id, or "narrator" for a voice with no figure
    speaker_name: str
    text: str
    language: str  # "en" | "es"
    manner: str  # says | whispers | shouts | sings
    voice: Voice
    start: float
    end: float
    shot: int


@dataclass
class MusicCue:
    mood: str
    root: int  # MIDI note of the key's tonic
    scale: str  # major | minor
    progression: list[int]  # scale degrees, one chord per bar pair
    tempo: float  # beats per minute


@dataclass
class Plan:
    prompt: str
    seed: int
    mode: str
    width: int
    height: int
    fps: int
    seconds: float  # duration of the new content
    frame_count: int  # frames of new content
    offset: float  # where the new content starts in the output (extend: the source duration)
    language: str
    shots: list[Shot]
    subjects: list[Subject]
    dialogue: list[DialogueLine]
    music: MusicCue
    source_prompt: str | None = None
    notes: list[str] = field(default_factory=list)
    version: int = PLAN_VERSION

    def subject(self, subject_id: str) -> Subject | None:
        return next((s for s in self.subjects if s.id == subject_id), None)

    def shot_at(self, t: float) -> Shot:
        for shot in self.shots:
            if t < shot.end:
                return shot
        return self.shots[-1]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Plan:
        def voice(v: dict | None) -> Voice | None:
            return Voice(**v) if v else None

        subjects = [Subject(**{**s, "voice": voice(s.get("voice"))}) for s in data["subjects"]]
        shots = [Shot(**s) for s in data["shots"]]
        dialogue = [DialogueLine(**{**d, "voice": Voice(**d["voice"])}) for d in data["dialogue"]]
        rest = {k: v for k, v in data.items() if k not in ("subjects", "shots", "dialogue", "music")}
        return cls(**rest, subjects=subjects, shots=shots, dialogue=dialogue, music=MusicCue(**data["music"]))

    def summary(self) -> dict[str, Any]:
        """What metadata.json and job listings show about the plan."""
        return {
            "shots": [
                {
                    k: getattr(s, k)
                    for k in ("start", "end", "setting", "time_of_day", "weather", "mood", "camera")
                }
                | {"subjects": [self.subject(i).name for i in s.subjects if self.subject(i)]}
                for s in self.shots
            ],
            "subjects": [{"name": s.name, "species": s.species} for s in self.subjects],
            "dialogue": [
                {
                    "speaker": d.speaker_name,
                    "text": d.text,
                    "language": d.language,
                    "voice": d.voice.id,
                    "start": d.start,
                    "end": d.end,
                }
                for d in self.dialogue
            ],
            "music": {"mood": self.music.mood, "scale": self.music.scale, "tempo": self.music.tempo},
            "language": self.language,
        }


# ----------------------------------------------------------------------------------------- parsing

_QUOTE_RE = re.compile(r'"([^"]+)"|“([^”]+)”|«([^»]+)»|„([^“”]+)[“”]')
_PLACEHOLDER_RE = re.compile(r"⟦(\d+)⟧")
_WORD_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?|\d+")
_SPEECH_VERBS = "|".join(sorted(lexicon.SPEECH_VERBS, key=len, reverse=True))
_ATTRIBUTION_PATTERNS = (
    # he says "...", the fox whispers softly: "..."
    re.compile(
        rf"(?P<who>[^\W\d_][\w']*)\s+(?P<verb>{_SPEECH_VERBS})\b(?:\s+\w+ly)?\s*[,:]?\s*⟦(?P<q>\d+)⟧",
        re.IGNORECASE,
    ),
    # Ana: "hola"
    re.compile(r"(?P<who>[^\W\d_][\w']*)\s*:\s*⟦(?P<q>\d+)⟧"),
    # "..." says Bob / "..." dice la niña
    re.compile(
        rf"⟦(?P<q>\d+)⟧\s*[,.!?]?\s*(?P<verb>{_SPEECH_VERBS})\s+(?:(?:the|a|an|el|la|un|una)\s+)?(?P<who>[^\W\d_][\w']*)",
        re.IGNORECASE,
    ),
    # "...", she whispers / "..." the fox says
    re.compile(
        rf"⟦(?P<q>\d+)⟧\s*[,.!?]?\s*(?:(?:the|a|an|el|la|un|una)\s+)?(?P<who>[^\W\d_][\w']*)\s+(?P<verb>{_SPEECH_VERBS})\b",
        re.IGNORECASE,
    ),
)
_NARRATOR_WORDS = {"narrator", "voiceover", "voice", "narrador", "narradora"}
# @handle: a user's handle, or a character's "owner.name"; not inside an e-mail address.
MENTION_RE = re.compile(r"(?<![\w@.])@([A-Za-z0-9_]{3,30}(?:\.[A-Za-z0-9_]{1,30})?)")
_VOICE_ID_RE = re.compile(r"^(?:(?P<language>[a-z]{2,3})\+)?(?P<variant>[A-Za-z0-9_]+)(?:/p(?P<pitch>\d{1,3}))?$")
_COUNT_WORDS = {"two": 2, "three": 3, "dos": 2, "tres": 3, "pair": 2}
_SPANISH_CHARS = set("áéíóúñ¿¡ü")


def _rng(seed: int, salt: str) -> np.random.Generator:
    # A separate stream per purpose, so adding a dialogue line never changes the scenery.
    return np.random.default_rng(
        [seed & 0xFFFFFFFF, sum(ord(c) * 131**i for i, c in enumerate(salt)) % 2**32]
    )


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w])" + re.escape(phrase) + r"(?![\w])")


_TABLE_PATTERNS: dict[str, list[tuple[str, str, re.Pattern[str]]]] = {
    name: [(value, phrase, _phrase_pattern(phrase)) for value, phrases in table.items() for phrase in phrases]
    for name, table in {
        "setting": lexicon.SETTINGS,
        "time_of_day": lexicon.TIMES_OF_DAY,
        "weather": lexicon.WEATHER,
        "mood": lexicon.MOODS,
        "camera": lexicon.CAMERAS,
    }.items()
}


def _match_table(table: str, text: str) -> str | None:
    """The table entry a text selects: longer phrases beat the words inside them ("puesta de sol"
    beats "sol", "pan left" beats "pan"); otherwise the entry listed first wins."""
    lowered = text.lower()
    hits: list[tuple[int, int, str]] = []
    for value, _phrase, pattern in _TABLE_PATTERNS[table]:
        for m in pattern.finditer(lowered):
            hits.append((m.start(), m.end(), value))
    if not hits:
        return None
    kept = [
        h
        for h in hits
        if not any(o[0] <= h[0] and h[1] <= o[1] and (o[1] - o[0]) > (h[1] - h[0]) for o in hits)
    ]
    order = list(dict.fromkeys(v for v, _p, _r in _TABLE_PATTERNS[table]))
    return min(kept, key=lambda h: order.index(h[2]))[2]


def detect_language(text: str) -> str:
    """'es' or 'en' from function words and Spanish-only characters."""
    words = [w.lower() for w in _WORD_RE.findall(text)]
    spanish = sum(w in lexicon.SPANISH_WORDS for w in words) + 2 * sum(
        c in _SPANISH_CHARS for c in text.lower()
    )
    english = sum(w in lexicon.ENGLISH_WORDS for w in words)
    return "es" if spanish > english else "en"


def count_syllables(text: str) -> int:
    words = _WORD_RE.findall(text.lower())
    return sum(max(1, len(re.findall(r"[aeiouyáéíóúü]+", w))) for w in words)


def estimate_speech_seconds(text: str) -> float:
    """How long espeak takes at its base rate (~5 syllables a second plus pauses at punctuation)."""
    pauses = len(re.findall(r"[,;:.!?¿¡]+", text.strip().rstrip(".!?")))
    return max(0.6, count_syllables(text) / 5.0 + 0.18 * pauses + 0.1)


@dataclass
class _Quote:
    text: str
    speaker: str | None = None  # subject id
    manner: str = "says"


@dataclass
class _Clause:
    text: str  # with ⟦n⟧ placeholders for quotes
    explicit_cut: bool
    setting: str | None = None
    time_of_day: str | None = None
    weather: str | None = None
    mood: str | None = None
    camera: str | None = None
    subjects: list[str] = field(default_factory=list)
    quotes: list[int] = field(default_factory=list)


class _PromptReader:
    """Reads one prompt: its clauses, the subjects they mention and who says each quote."""

    def __init__(
        self, prompt: str, seed: int, subjects: list[Subject] | None = None, cameos: Sequence[CameoRef] = ()
    ) -> None:
        self.seed = seed
        self.subjects: list[Subject] = list(subjects or [])
        self.recent: list[str] = []  # subject ids, most recent last
        self.quotes: list[_Quote] = []
        # Each cameo is a subject from the start; "@handle" reads as a one-word token naming it.
        self.cameo_tokens: dict[str, Subject] = {}
        self.cameo_handles: dict[str, str] = {}  # handle (lower case) -> token
        for i, cameo in enumerate(cameos):
            token = "Zcameo" + "abcdefghijklmnopqrstuvwxyz"[i % 26] * (1 + i // 26)
            self.cameo_tokens[token] = self._cameo_subject(cameo)
            self.cameo_handles[cameo.handle.lower()] = token
        text = _QUOTE_RE.sub(self._lift_quote, prompt)
        self.clauses = [self._read_clause(c, cut) for c, cut in _split_clauses(text)]

    def _cameo_subject(self, cameo: CameoRef) -> Subject:
        person = cameo.kind == "person"
        match = _VOICE_ID_RE.match(cameo.voice or "")
        variant = match.group("variant") if match else ""
        gender = "female" if variant.startswith("f") else "male" if variant.startswith("m") else "unknown"
        subject = self._new_subject(
            cameo.name, "person" if person else "animal", "person" if person else "character", gender
        )
        subject.cameo = {"handle": cameo.handle, "kind": cameo.kind, "face": str(cameo.face_png),
                         "voice": cameo.voice}
        return subject

    def _mark_cameos(self, text: str) -> str:
        """"@ana" -> the token that names her cameo subject (unknown handles stay as they are)."""
        if not self.cameo_handles:
            return text
        return MENTION_RE.sub(lambda m: self.cameo_handles.get(m.group(1).lower(), m.group(0)), text)

    def _lift_quote(self, m: re.Match[str]) -> str:
        # '"It was the wind," he says': the comma belongs to the sentence around the quote.
        self.quotes.append(_Quote(next(g for g in m.groups() if g is not None).strip().rstrip(",;:").strip()))
        return f" ⟦{len(self.quotes) - 1}⟧ "

    # subjects -------------------------------------------------------------------------------

    def _new_subject(
        self, name: str, kind: str, species: str, gender: str, noun: str | None = None
    ) -> Subject:
        rng = _rng(self.seed, f"subject:{name.lower()}")
        placement = {
            "bird": "sky",
            "balloon": "sky",
            "kite": "sky",
            "rocket": "sky",
            "fish": "water",
            "whale": "water",
            "boat": "water",
        }.get(species, "ground")
        subject = Subject(
            id=f"s{len(self.subjects)}",
            name=name,
            kind=kind,
            species=species,
            gender=gender,
            color=_subject_color(species, rng),
            placement=placement,
            action="fly" if placement == "sky" and kind == "animal" else "idle",
            noun=noun,
        )
        self.subjects.append(subject)
        return subject

    def _mention(self, subject: Subject, clause: _Clause) -> None:
        if subject.id not in clause.subjects:
            clause.subjects.append(subject.id)
        if subject.id in self.recent:
            self.recent.remove(subject.id)
        self.recent.append(subject.id)

    def _full(self) -> bool:
        return len(self.subjects) >= MAX_SUBJECTS

    def _person(self, name: str) -> Subject | None:
        existing = next((s for s in self.subjects if s.name.lower() == name.lower()), None)
        if existing or self._full():
            return existing
        lowered = name.lower()
        if lowered in lexicon.FEMALE_NAMES:
            gender = "female"
        elif lowered in lexicon.MALE_NAMES:
            gender = "male"
        else:
            gender = "female" if lowered.endswith("a") else "male"
        return self._new_subject(name, "person", "person", gender)

    def _noun_subject(self, word: str, count: int = 1) -> Subject | None:
        """The subject a noun refers to: the one it introduced before, else a new one."""
        entry = _lookup_noun(word)
        if entry is None:
            return None
        noun, (kind, species, gender) = entry
        same = [s for s in self.subjects if s.noun == noun]
        while len(same) < count and not self._full():
            name = noun if not same else f"{noun} {len(same) + 1}"
            same.append(self._new_subject(name, kind, species, gender, noun=noun))
        return same[0] if same else None

    def _resolve_speaker(self, who: str) -> Subject | None:
        if who in self.cameo_tokens:
            return self.cameo_tokens[who]
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
            return self._noun_subject("woman" if gender == "female" else "man")
        noun = self._noun_subject(lowered)
        if noun:
            return noun
        if who[:1].isupper() and lowered not in lexicon.NOT_NAMES and not _is_keyword(lowered):
            return self._person(who)
        return None

    def _by_id(self, subject_id: str) -> Subject:
        return next(s for s in self.subjects if s.id == subject_id)

    # clauses --------------------------------------------------------------------------------

    def _read_clause(self, text: str, explicit_cut: bool) -> _Clause:
        visible = _PLACEHOLDER_RE.sub(" ", text)
        clause = _Clause(text=text.strip(), explicit_cut=explicit_cut)
        for attr in ("setting", "time_of_day", "weather", "mood", "camera"):
            setattr(clause, attr, _match_table(attr, visible))
        self._read_subjects(self._mark_cameos(visible), clause)
        self._read_dialogue(self._mark_cameos(text), clause)
        return clause

    def _read_subjects(self, visible: str, clause: _Clause) -> None:
        tokens = [m.group(0) for m in _WORD_RE.finditer(visible)]
        action = _match_action(visible)
        skip_next = False
        for i, token in enumerate(tokens):
            if skip_next:
                skip_next = False
                continue
            prev = tokens[i - 1].lower() if i else ""
            count = _COUNT_WORDS.get(prev, 1)
            subject = self.cameo_tokens.get(token) or self._noun_subject(token.lower(), count)
            if subject is None and self._looks_like_name(tokens, i):
                subject = self._person(token)
            if subject is None:
                continue
            for sibling in [s for s in self.subjects if subject.noun and s.noun == subject.noun][1:count]:
                self._mention(sibling, clause)  # "two dogs": both are on screen
            nxt = tokens[i + 1 : i + 3]
            if (
                len(nxt) == 2
                and nxt[0].lower() in ("named", "called", "llamado", "llamada")
                and nxt[1][:1].isupper()
            ):
                # "a fox named Rufus": the name belongs to the fox, it is not a second subject.
                if subject.name == subject.noun:
                    subject.name = nxt[1]
                skip_next = True
            self._mention(subject, clause)
            if action and subject.placement == "ground" and subject.kind != "object":
                subject.action = action

    def _looks_like_name(self, tokens: list[str], i: int) -> bool:
        token = tokens[i]
        if not token[:1].isupper() or len(token) < 2 or token.isupper() and len(token) > 3:
            return False
        lowered = token.lower()
        if lowered in lexicon.NOT_NAMES or _lookup_noun(lowered) or _is_keyword(lowered):
            return False
        if lowered in lexicon.ENGLISH_WORDS or lowered in lexicon.SPANISH_WORDS:
            return False
        prev = tokens[i - 1] if i else ""
        if (
            prev.lower() in lexicon.PLACE_PREPOSITIONS
            or prev.lower() in ("named", "called", "llamado", "llamada")
            or (
                prev[:1].isupper()
                and prev.lower() not in lexicon.NOT_NAMES
                and self._person_named(prev) is None
            )
        ):
            return False  # "in Lisbon", "in New York": places, not people
        if i == 0:
            # A capitalised first word is a name only when we know it or it acts like one.
            nxt = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
            known = lowered in lexicon.FEMALE_NAMES or lowered in lexicon.MALE_NAMES
            return (
                known
                or nxt in ("and", "y", "is", "está", "es")
                or nxt in lexicon.SPEECH_VERBS
                or (nxt.endswith("s") and len(nxt) > 3 and nxt not in lexicon.ENGLISH_WORDS)
            )
        return True

    def _person_named(self, name: str) -> Subject | None:
        return next((s for s in self.subjects if s.name == name), None)

    def _read_dialogue(self, text: str, clause: _Clause) -> None:
        attributed: dict[int, tuple[str, str]] = {}
        for pattern in _ATTRIBUTION_PATTERNS:
            for m in pattern.finditer(text):
                q = int(m.group("q"))
                if q in attributed:
                    continue
                verb = m.groupdict().get("verb")
                attributed[q] = (
                    m.group("who"),
                    lexicon.SPEECH_VERBS.get(verb.lower(), "says") if verb else "says",
                )
        for q in (int(x) for x in _PLACEHOLDER_RE.findall(text)):
            quote = self.quotes[q]
            speaker: Subject | None = None
            who = ""
            if q in attributed:
                who, quote.manner = attributed[q]
                speaker = self._resolve_speaker(who)
            if speaker is None and who.lower() not in _NARRATOR_WORDS:
                speaker = self._unattributed_speaker()
            if speaker is not None:
                quote.speaker = speaker.id
                self._mention(speaker, clause)
            clause.quotes.append(q)

    def _unattributed_speaker(self) -> Subject | None:
        talkers = [sid for sid in self.recent if self._by_id(sid).kind != "object"]
        if not talkers:
            return None
        previous = next(
            (self.quotes[i].speaker for i in range(len(self.quotes) - 1, -1, -1) if self.quotes[i].speaker),
            None,
        )
        if previous in talkers and len(talkers) >= 2:
            # Back-and-forth: an unattributed quote after someone spoke goes to the other person.
            others = [sid for sid in reversed(talkers) if sid != previous]
            return self._by_id(others[0])
        return self._by_id(talkers[-1])


def _split_clauses(text: str) -> list[tuple[str, bool]]:
    """Sentences, further cut before shot markers; each with whether a marker opened it."""
    markers = "|".join(re.escape(m) for m in sorted(lexicon.SHOT_MARKERS, key=len, reverse=True))
    marker_re = re.compile(rf"(?:^|(?<=[\s,;]))(?:and\s+|y\s+)?(?={markers}\b)", re.IGNORECASE)
    clauses: list[tuple[str, bool]] = []
    for sentence in re.split(r"(?<=[.!?;])\s+|\n+", text):
        if not sentence.strip():
            continue
        cuts = [m.start() for m in marker_re.finditer(sentence)]
        starts = sorted({0, *cuts})
        for a, b in zip(starts, [*starts[1:], len(sentence)]):
            part = sentence[a:b].strip(" ,;")
            if not part:
                continue
            opened = re.match(rf"(?:and\s+|y\s+)?(?:{markers})\b", part, re.IGNORECASE) is not None
            clauses.append((part, opened))
    return clauses or [("", False)]


def _lookup_noun(word: str) -> tuple[str, tuple[str, str, str]] | None:
    for candidate in (
        word,
        word[:-1] if word.endswith("s") else None,
        word[:-2] if word.endswith("es") else None,
    ):
        if candidate and candidate in lexicon.SUBJECT_NOUNS:
            return candidate, lexicon.SUBJECT_NOUNS[candidate]
    return None


def _is_keyword(word: str) -> bool:
    return any(p == word for table in _TABLE_PATTERNS.values() for _v, p, _r in table)


def _match_action(text: str) -> str | None:
    words = [w.lower() for w in _WORD_RE.findall(text)]
    for action, stems in lexicon.ACTIONS.items():
        if any(w.startswith(stem) for w in words for stem in stems):
            return action
    return None


def _subject_color(species: str, rng: np.random.Generator) -> list[int]:
    fixed = {
        "fox": (222, 110, 40),
        "dog": (170, 120, 70),
        "cat": (90, 90, 100),
        "bear": (100, 70, 45),
        "wolf": (130, 130, 140),
        "horse": (120, 80, 50),
        "rabbit": (225, 220, 215),
        "penguin": (30, 30, 40),
        "cow": (240, 240, 235),
        "sheep": (245, 245, 240),
        "deer": (170, 120, 75),
        "whale": (60, 90, 130),
        "fish": (250, 150, 50),
        "astronaut": (235, 235, 240),
        "robot": (170, 180, 195),
        "bird": (72, 70, 84),
    }
    if species in fixed:
        return list(fixed[species])
    palette = [
        (220, 60, 70),
        (60, 120, 220),
        (240, 190, 50),
        (70, 170, 110),
        (160, 90, 200),
        (240, 120, 60),
        (40, 160, 170),
        (230, 100, 160),
    ]
    return list(palette[int(rng.integers(len(palette)))])


# ------------------------------------------------------------------------------------ assembling


@dataclass
class _Scene:
    setting: str
    time_of_day: str
    weather: str
    mood: str | None


def _seed_scene(seed: int) -> _Scene:
    rng = _rng(seed, "scene")
    setting = str(rng.choice(["countryside", "beach", "city", "mountains", "forest", "lake"]))
    time_of_day = str(rng.choice(["day", "sunset", "dawn", "night"], p=[0.55, 0.25, 0.1, 0.1]))
    return _Scene(setting, time_of_day, "clear", None)


def _source_scene(source_prompt: str, seed: int) -> tuple[_Scene, _PromptReader]:
    """A remix or extension keeps what the source said about the scene unless the new prompt says otherwise."""
    reader = _PromptReader(source_prompt, seed)
    scene = _seed_scene(seed)
    for attr in ("setting", "time_of_day", "weather", "mood"):
        value = next((getattr(c, attr) for c in reader.clauses if getattr(c, attr) is not None), None)
        if value is not None:
            setattr(scene, attr, value)
    return scene, reader


def make_plan(
    prompt: str,
    *,
    seed: int,
    seconds: float,
    width: int,
    height: int,
    fps: int = 24,
    mode: str = "generate",
    source_prompt: str | None = None,
    offset: float = 0.0,
    cameos: Sequence[CameoRef] = (),
) -> Plan:
    """Plan `seconds` of new content for `prompt`; the same arguments always give the same plan.
    Every cameo in `cameos` appears: where the prompt names its @handle, else from the first shot."""
    frame_count = max(1, round(seconds * fps))
    seconds = frame_count / fps
    notes: list[str] = []

    source_reader: _PromptReader | None = None
    if source_prompt and mode in ("remix", "extend"):
        scene, source_reader = _source_scene(source_prompt, seed)
    else:
        scene = _seed_scene(seed)
    inherited_subjects = [s for s in (source_reader.subjects if source_reader else [])]
    reader = _PromptReader(prompt, seed, subjects=inherited_subjects, cameos=cameos)

    groups = _group_shots(reader.clauses, max_shots=max(1, int(seconds // MIN_SHOT_SECONDS)))
    named = {sid for g in groups for c in g for sid in c.subjects}
    groups[0][0].subjects.extend(s.id for s in reader.cameo_tokens.values() if s.id not in named)
    if source_reader and not any(c.subjects for g in groups for c in g):
        groups[0][0].subjects = [s.id for s in inherited_subjects]
    if (
        mode == "remix"
        and source_reader
        and not any(c.quotes for g in groups for c in g)
        and source_reader.quotes
    ):
        # A remix that has nothing new to say keeps the source's lines, and their speakers (an
        # extension does not: its source already said them).
        reader.quotes = source_reader.quotes
        groups[0][0].quotes = list(range(len(source_reader.quotes)))
        speakers = [q.speaker for q in reader.quotes if q.speaker]
        groups[0][0].subjects = list(dict.fromkeys([*groups[0][0].subjects, *speakers]))

    shots = _make_shots(groups, scene, seed)
    used = {sid for shot in shots for sid in shot.subjects}
    subjects = [s for s in reader.subjects if s.id in used]
    _assign_voices(reader, subjects, seed)

    lines = [(shot_i, reader.quotes[q]) for shot_i, g in enumerate(groups) for c in g for q in c.quotes]
    _time_shots(shots, lines, seconds, fps)
    dialogue = _time_dialogue(shots, lines, subjects, notes)
    for shot in shots:
        shot.positions = _layout(shot, subjects)
        shot.ambience = _ambience(shot, prompt)
        shot.lightning = _lightning_times(shot, seed) if shot.weather == "storm" else []

    language = detect_language(prompt)
    return Plan(
        prompt=prompt,
        seed=seed,
        mode=mode,
        width=width,
        height=height,
        fps=fps,
        seconds=seconds,
        frame_count=frame_count,
        offset=offset,
        language=language,
        shots=shots,
        subjects=subjects,
        dialogue=dialogue,
        music=_music_cue(shots[0].mood, seed),
        source_prompt=source_prompt,
        notes=notes,
    )


def _group_shots(clauses: list[_Clause], max_shots: int) -> list[list[_Clause]]:
    groups: list[list[_Clause]] = []
    for clause in clauses:
        if not groups:
            groups.append([clause])
            continue
        current = groups[-1]
        conflicts = any(
            getattr(clause, attr) is not None
            and any(getattr(c, attr) not in (None, getattr(clause, attr)) for c in current)
            for attr in ("setting", "time_of_day")
        )
        has_scene = clause.setting is not None or clause.time_of_day is not None or clause.subjects
        if (clause.explicit_cut and (has_scene or clause.quotes or clause.camera)) or conflicts:
            groups.append([clause])
        else:
            current.append(clause)
    while len(groups) > max_shots:
        # Too many scenes for the duration: fold the last one into the one before it.
        groups[-2].extend(groups.pop())
    return groups


def _make_shots(groups: list[list[_Clause]], scene: _Scene, seed: int) -> list[Shot]:
    rng = _rng(seed, "camera")
    moves = ["push_in", "pan_right", "pan_left", "pull_out", "orbit"]
    first_move = int(rng.integers(len(moves)))
    shots: list[Shot] = []
    for i, group in enumerate(groups):
        pick = functools.partial(_first_stated, group)
        scene = _Scene(
            pick("setting") or scene.setting,
            pick("time_of_day") or scene.time_of_day,
            pick("weather") or scene.weather,
            pick("mood") or scene.mood,
        )
        weather = scene.weather if scene.setting not in ("space", "indoor") else "clear"
        mood = scene.mood or _default_mood(scene, group)
        subjects = list(dict.fromkeys(sid for c in group for sid in c.subjects))
        shots.append(
            Shot(
                index=i,
                start=0.0,
                end=0.0,
                description=" ".join(_PLACEHOLDER_RE.sub('"…"', c.text) for c in group).strip(),
                setting=scene.setting,
                time_of_day=scene.time_of_day,
                weather=weather,
                mood=mood,
                camera=pick("camera") or moves[(first_move + i) % len(moves)],
                subjects=subjects,
                positions={},
                ambience=[],
                stated=[a for a in ("setting", "time_of_day", "weather", "mood", "camera") if pick(a)],
            )
        )
    return shots


def _first_stated(group: list[_Clause], attr: str) -> str | None:
    """The value the first clause of a shot that mentions `attr` gives it."""
    return next((getattr(c, attr) for c in group if getattr(c, attr) is not None), None)


def _default_mood(scene: _Scene, group: list[_Clause]) -> str:
    if scene.weather == "storm":
        return "tense"
    if scene.time_of_day == "night" and scene.setting in ("forest", "space"):
        return "tense" if scene.setting == "forest" else "epic"
    if scene.time_of_day == "sunset":
        return "romantic"
    return "happy" if scene.time_of_day == "day" and scene.weather == "clear" else "calm"


def _assign_voices(reader: _PromptReader, subjects: list[Subject], seed: int) -> None:
    """Every speaker gets a voice no other speaker has: a distinct espeak variant and pitch."""
    rng = _rng(seed, "voices")
    pools = {
        "female": list(rng.permutation(["f1", "f2", "f3", "f4", "f5"])),
        "male": list(rng.permutation(["m1", "m2", "m3", "m4", "m5", "m6", "m7"])),
    }
    speakers = list(dict.fromkeys(q.speaker for q in reader.quotes if q.speaker))
    by_id = {s.id: s for s in subjects}
    taken: set[tuple[str, int]] = set()
    for n, sid in enumerate(speakers):
        subject = by_id.get(sid)
        if subject is None:
            continue
        own = _VOICE_ID_RE.match((subject.cameo or {}).get("voice") or "")
        if own and own.group("pitch"):
            # A cameo speaks with the voice its owner chose when recording it.
            variant, pitch = own.group("variant"), int(own.group("pitch"))
            taken.add((variant, pitch))
            subject.voice = Voice(language="en", variant=variant, pitch=pitch, rate=BASE_RATE["en"])
            continue
        gender = subject.gender if subject.gender != "unknown" else ("female" if n % 2 else "male")
        if subject.species == "robot":
            variant, pitch = "robosoft", 40
        else:
            pool = pools[gender] or pools["male" if gender == "female" else "female"]
            variant = str(pool.pop(0)) if pool else "m1"
            low, high = {"female": (55, 75), "male": (28, 45)}[gender]
            if (
                subject.species == "child"
                or subject.kind == "animal"
                and subject.species in ("fox", "cat", "rabbit", "bird")
            ):
                low, high = 72, 90
            pitch = int(rng.integers(low, high + 1))
        while (variant, pitch) in taken:
            pitch = (pitch + 7) % 100
        taken.add((variant, pitch))
        subject.voice = Voice(language="en", variant=variant, pitch=pitch, rate=BASE_RATE["en"])


_NARRATOR = Voice(language="en", variant="m1", pitch=38, rate=BASE_RATE["en"])


def _line_voice(base: Voice, language: str, manner: str, gender: str) -> Voice:
    voice = Voice(
        language=language,
        variant=base.variant,
        pitch=base.pitch,
        rate=BASE_RATE[language],
        pitch_range=base.pitch_range,
    )
    if manner == "whispers":
        voice.variant = "whisperf" if gender == "female" else "whisper"
    elif manner == "shouts":
        voice.pitch = min(100, voice.pitch + 12)
        voice.rate += 10
        voice.pitch_range = 80
    elif manner == "sings":
        voice.pitch_range = 100
        voice.rate -= 25
    return voice


def _time_shots(shots: list[Shot], lines: list[tuple[int, _Quote]], seconds: float, fps: int) -> None:
    """Shot lengths: equal shares, stretched for shots that carry more dialogue, on frame boundaries."""
    base = seconds / len(shots)
    need = [0.0] * len(shots)
    for shot_i, quote in lines:
        need[shot_i] += estimate_speech_seconds(quote.text) + LINE_GAP
    weights = [max(1.0, (n + LEAD_IN + 0.3) / base) for n in need]
    total_weight = sum(weights)
    durations = [
        max(min(MIN_SHOT_SECONDS, seconds / len(shots)), seconds * w / total_weight) for w in weights
    ]
    scale = seconds / sum(durations)
    frame_count = round(seconds * fps)
    boundary = 0
    cumulative = 0.0
    for shot, duration in zip(shots, durations):
        cumulative += duration * scale
        end_frame = frame_count if shot is shots[-1] else min(frame_count, round(cumulative * fps))
        shot.start, shot.end = boundary / fps, end_frame / fps
        boundary = end_frame


def _time_dialogue(
    shots: list[Shot], lines: list[tuple[int, _Quote]], subjects: list[Subject], notes: list[str]
) -> list[DialogueLine]:
    by_id = {s.id: s for s in subjects}
    dialogue: list[DialogueLine] = []
    for shot in shots:
        quotes = [q for shot_i, q in lines if shot_i == shot.index]
        if not quotes:
            continue
        estimates = [estimate_speech_seconds(q.text) for q in quotes]
        available = shot.duration - LEAD_IN - 0.15 - LINE_GAP * (len(quotes) - 1)
        scale = min(1.0, available / sum(estimates)) if available > 0 else 0.0
        if scale < MIN_SPEECH_SCALE:
            # Too much to say: speak faster down to the limit, then drop the lines that still don't fit.
            scale = MIN_SPEECH_SCALE
            kept, used = [], 0.0
            for q, est in zip(quotes, estimates):
                if LEAD_IN + used + est * scale + 0.15 > shot.duration:
                    break
                kept.append(q)
                used += est * scale + LINE_GAP
            if len(kept) < len(quotes):
                notes.append(
                    f"shot {shot.index}: {len(quotes) - len(kept)} dialogue line(s) did not fit and were dropped"
                )
            quotes, estimates = kept, estimates[: len(kept)]
        cursor = shot.start + LEAD_IN
        for quote, est in zip(quotes, estimates):
            speaker = by_id.get(quote.speaker or "")
            language = detect_language(quote.text)
            base = speaker.voice if speaker and speaker.voice else _NARRATOR
            voice = _line_voice(base, language, quote.manner, speaker.gender if speaker else "male")
            voice.rate = round(voice.rate / scale) if scale < 1.0 else voice.rate
            end = min(shot.end - 0.05, cursor + est * scale)
            dialogue.append(
                DialogueLine(
                    index=len(dialogue),
                    speaker=speaker.id if speaker else "narrator",
                    speaker_name=speaker.name if speaker else "narrator",
                    text=quote.text,
                    language=language,
                    manner=quote.manner,
                    voice=voice,
                    start=round(cursor, 3),
                    end=round(end, 3),
                    shot=shot.index,
                )
            )
            if speaker and speaker.id not in shot.subjects:
                shot.subjects.append(speaker.id)
            cursor = end + LINE_GAP
    return dialogue


def _layout(shot: Shot, subjects: list[Subject]) -> dict[str, float]:
    """Spread the shot's subjects across the frame, each placement (ground, sky, water) on its own."""
    positions: dict[str, float] = {}
    by_id = {s.id: s for s in subjects}
    for placement in ("ground", "sky", "water"):
        ids = [sid for sid in shot.subjects if sid in by_id and by_id[sid].placement == placement]
        for i, sid in enumerate(ids):
            positions[sid] = round(0.5 if len(ids) == 1 else 0.22 + 0.56 * i / (len(ids) - 1), 3)
    return positions


def _ambience(shot: Shot, prompt: str) -> list[str]:
    beds: list[str] = []
    setting, tod, weather = shot.setting, shot.time_of_day, shot.weather
    if setting in ("beach",):
        beds.append("waves")
    if setting == "lake":
        beds.append("water")
    if setting == "city":
        beds.append("city")
    if setting == "space":
        beds.append("space")
    if setting == "indoor":
        beds.append("room")
    if setting in ("forest", "countryside", "lake", "mountains") and weather in ("clear", "wind", "fog"):
        beds.append("crickets" if tod == "night" else "birds")
    if weather in ("rain", "storm"):
        beds.append("rain")
    if weather in ("wind", "storm", "snow") or setting in ("mountains", "desert", "snow"):
        beds.append("wind")
    if weather == "storm":
        beds.append("thunder")
    crowd_words = ("crowd", "people", "party", "market", "festival", "multitud", "gente", "fiesta", "mercado")
    if any(w in prompt.lower() for w in crowd_words) or (setting == "city" and tod != "night"):
        beds.append("crowd")
    return beds


def _lightning_times(shot: Shot, seed: int) -> list[float]:
    rng = _rng(seed, f"lightning:{shot.index}")
    times, t = [], shot.start + 0.6 + float(rng.uniform(0, 1.0))
    while t < shot.end - 0.3:
        times.append(round(t, 3))
        t += float(rng.uniform(2.5, 4.5))
    return times


def _music_cue(mood: str, seed: int) -> MusicCue:
    rng = _rng(seed, "music")
    scale, progression, tempo = {
        "happy": ("major", [0, 4, 5, 3], 104.0),
        "calm": ("major", [0, 3, 5, 4], 72.0),
        "romantic": ("major", [0, 5, 3, 4], 76.0),
        "sad": ("minor", [0, 5, 2, 6], 66.0),
        "tense": ("minor", [0, 5, 3, 4], 84.0),
        "epic": ("minor", [0, 5, 2, 6], 92.0),
    }[mood]
    return MusicCue(
        mood=mood, root=int(rng.integers(50, 58)), scale=scale, progression=progression, tempo=tempo
    )
