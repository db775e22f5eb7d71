"""Voices: every speaker gets an espeak-ng voice no other speaker in the video has."""

from __future__ import annotations

import re

from cielo.generation.plan.model import Subject, Voice
from cielo.generation.plan.reader import Quote, _rng

BASE_RATE = {"en": 165, "es": 160}  # espeak words per minute
NARRATOR = Voice(language="en", variant="m1", pitch=38, rate=BASE_RATE["en"])
VOICE_ID_RE = re.compile(r"^(?:(?P<language>[a-z]{2,3})\+)?(?P<variant>[A-Za-z0-9_]+)(?:/p(?P<pitch>\d{1,3}))?$")
HIGH_VOICES = {"child", "baby", "fairy", "fox", "cat", "rabbit", "bird", "mouse", "squirrel", "parrot", "hummingbird"}
LOW_VOICES = {"monster", "bear", "dragon", "gorilla", "lion", "dinosaur", "elephant", "whale"}


def assign_voices(quotes: list[Quote], subjects: list[Subject], seed: int) -> None:
    """A distinct espeak variant and pitch for each speaker, in the order they first speak."""
    rng = _rng(seed, "voices")
    pools = {
        "female": list(rng.permutation(["f1", "f2", "f3", "f4", "f5"])),
        "male": list(rng.permutation(["m1", "m2", "m3", "m4", "m5", "m6", "m7"])),
    }
    speakers = list(dict.fromkeys(q.speaker for q in quotes if q.speaker))
    by_id = {s.id: s for s in subjects}
    taken: set[tuple[str, int]] = set()
    for n, sid in enumerate(speakers):
        subject = by_id.get(sid)
        if subject is None:
            continue
        own = VOICE_ID_RE.match((subject.cameo or {}).get("voice") or "")
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
            if subject.species in HIGH_VOICES:
                low, high = 72, 90
            elif subject.species in LOW_VOICES:
                low, high = 12, 26
            pitch = int(rng.integers(low, high + 1))
        while (variant, pitch) in taken:
            pitch = (pitch + 7) % 100
        taken.add((variant, pitch))
        subject.voice = Voice(language="en", variant=variant, pitch=pitch, rate=BASE_RATE["en"])


def line_voice(base: Voice, language: str, manner: str, gender: str) -> Voice:
    """A speaker's voice for one line: its language's rate, and whispering, shouting or singing."""
    voice = Voice(
        language=language, variant=base.variant, pitch=base.pitch, rate=BASE_RATE[language],
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
