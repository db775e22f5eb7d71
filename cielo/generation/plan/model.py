"""The plan as data: shots, subjects, timed dialogue, music, and what the prompt asked that was drawn.

The plan is the contract between the prompt and every later stage: the picture engine reads the
shots and subjects, the soundtrack reads the dialogue, ambience and music cue. It is plain data,
serialised to plan.json so a retried job re-reads it instead of re-planning; fields added since
version 1 have defaults, so an older plan.json still loads.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

PLAN_VERSION = 2


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
    name: str  # "Ana", "dragon", "friend 2"
    kind: str  # person | animal | object (vehicles, food and other things are objects)
    species: str  # what is drawn: person, chef, knight, dog, dragon, spaceship, paella, ...
    gender: str  # female | male | unknown
    color: list[int]  # main colour of clothes / fur / paint, RGB
    placement: str  # ground | sky | water | held (in someone's hands) | table (on a table in front)
    action: str  # the first thing it does: idle | walk | run | dance | fight | cook | fly | swim | ...
    voice: Voice | None = None  # set when the subject speaks
    noun: str | None = None  # the noun that introduced it ("fox"), None for a person known by name
    # A cameo (@handle): {"handle", "kind" (person | character), "face" (reference PNG path), "voice"}.
    cameo: dict[str, Any] | None = None
    variant: str = ""  # a look within the species: golden_retriever, polar, taxi, sunflowers, ...
    category: str = ""  # person | animal | vehicle | food | object: which table the word came from
    word: str = ""  # the words of the prompt that named it ("golden retriever", "caballero")
    holder: str | None = None  # the subject holding or using this thing (a sword, a guitar, paella)
    rides: str | None = None  # the animal or vehicle this subject rides or drives
    garment: str = ""  # dress | coat | suit | cape | shirt | hat | glasses: what the prompt said it wears
    text: str = ""  # words written on it (a sign): drawn on screen because the prompt asked
    count: int = 1  # a thing drawn several times over (balloons, candles, flowers)


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
    variant: str = ""  # a look within the setting: field of sunflowers, a cafe, a race track
    actions: dict[str, str] = field(default_factory=dict)  # subject id -> what it does in this shot
    targets: dict[str, str] = field(default_factory=dict)  # subject id -> whom it acts on (a fight)
    framing: str = "wide"  # wide | medium | close: how big the figures are
    focus: str | None = None  # the subject a medium or close shot is about (the speaker)
    scene: int = 0  # the prompt's scene this shot covers (several shots can cover one scene)
    tint: list[int] | None = None  # a colour the prompt gave the place ("a purple nebula", "a red room")

    @property
    def duration(self) -> float:
        return self.end - self.start

    def action_of(self, subject: Subject) -> str:
        return self.actions.get(subject.id, subject.action)


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
    # What the prompt named, as the preview engine reads it: each item is
    # {"word", "category" (person | animal | vehicle | food | object | place | action), "kind", "count"}.
    drawn: list[dict[str, Any]] = field(default_factory=list)
    not_drawn: list[dict[str, Any]] = field(default_factory=list)

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

        subjects = [Subject(**_known(Subject, s) | {"voice": voice(s.get("voice"))}) for s in data["subjects"]]
        shots = [Shot(**_known(Shot, s)) for s in data["shots"]]
        dialogue = [DialogueLine(**{**d, "voice": Voice(**d["voice"])}) for d in data["dialogue"]]
        rest = {k: v for k, v in _known(cls, data).items() if k not in ("subjects", "shots", "dialogue", "music")}
        return cls(**rest, subjects=subjects, shots=shots, dialogue=dialogue, music=MusicCue(**data["music"]))

    def summary(self) -> dict[str, Any]:
        """What metadata.json and job listings show about the plan.

        Every dialogue line is here with its speaker, text, language and times (seconds from the
        start of the video, the extension's offset included), so a caption track can be built from
        the metadata alone."""
        return {
            "shots": [
                {
                    k: getattr(s, k)
                    for k in ("start", "end", "setting", "time_of_day", "weather", "mood", "camera", "framing")
                }
                | {"subjects": [self.subject(i).name for i in s.subjects if self.subject(i)]}
                | {"actions": {self.subject(i).name: a for i, a in s.actions.items() if self.subject(i)}}
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
                    "video_start": round(self.offset + d.start, 3),
                    "video_end": round(self.offset + d.end, 3),
                }
                for d in self.dialogue
            ],
            "music": {"mood": self.music.mood, "scale": self.music.scale, "tempo": self.music.tempo},
            "language": self.language,
            "offset": self.offset,
            "drawn": self.drawn,
            "not_drawn": self.not_drawn,
        }


def _known(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    """The keys of `data` that `cls` has fields for (a newer plan.json read by older code, or the reverse)."""
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}
