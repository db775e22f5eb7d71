"""The plan: a prompt read into shots, subjects, timed dialogue and music, deterministically.

`model` holds the data (what plan.json stores), `reader` reads a prompt, `casting` places what it
names, `timing` cuts and times the shots and lines, `voices` and `sound` give them voices and
ambience, and `build.make_plan` puts them together.
"""

from cielo.generation.plan.build import make_plan
from cielo.generation.plan.model import PLAN_VERSION, DialogueLine, MusicCue, Plan, Shot, Subject, Voice
from cielo.generation.plan.text import count_syllables, detect_language, estimate_speech_seconds
from cielo.generation.plan.timing import MIN_SHOT_SECONDS

__all__ = [
    "MIN_SHOT_SECONDS",
    "PLAN_VERSION",
    "DialogueLine",
    "MusicCue",
    "Plan",
    "Shot",
    "Subject",
    "Voice",
    "count_syllables",
    "detect_language",
    "estimate_speech_seconds",
    "make_plan",
]
