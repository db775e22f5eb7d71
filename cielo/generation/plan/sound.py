"""What a shot sounds like (ambience beds, thunder times) and the video's music cue."""

from __future__ import annotations

from cielo.generation.plan.model import MusicCue, Shot
from cielo.generation.plan.reader import _rng

# The beds the soundtrack knows: waves, water, city, space, room, birds, crickets, rain, wind, thunder, crowd.
_SETTING_BEDS: dict[str, tuple[str, ...]] = {
    "beach": ("waves",), "island": ("waves",), "harbor": ("waves", "city"), "lake": ("water",),
    "underwater": ("water",), "city": ("city",), "street": ("city",), "road": ("city",), "rooftop": ("city", "wind"),
    "space": ("space",), "moon": ("space",), "mars": ("wind",), "stadium": ("crowd",), "stage": ("room", "crowd"),
    "restaurant": ("room", "crowd"), "shop": ("room", "crowd"), "cave": ("water",), "volcano": ("wind",),
    "castle": ("wind",), "village": ("birds",),
}
_INDOORS = {
    "indoor", "kitchen", "bedroom", "office", "classroom", "laboratory", "hospital", "library", "restaurant",
    "shop", "stage", "hall",
}
_NATURE = {"forest", "countryside", "lake", "mountains", "field", "farm", "park", "garden", "terrace", "jungle", "savanna", "village"}
_WINDY = {"mountains", "desert", "snow", "savanna", "volcano"}
_CROWD_WORDS = ("crowd", "people", "party", "market", "festival", "multitud", "gente", "fiesta", "mercado", "audience", "público")


def ambience(shot: Shot, prompt: str) -> list[str]:
    beds: list[str] = list(_SETTING_BEDS.get(shot.setting, ()))
    setting, tod, weather = shot.setting, shot.time_of_day, shot.weather
    if setting in _INDOORS and "room" not in beds:
        beds.append("room")
    if setting in _NATURE and weather in ("clear", "wind", "fog"):
        beds.append("crickets" if tod == "night" else "birds")
    if weather in ("rain", "storm"):
        beds.append("rain")
    if (weather in ("wind", "storm", "snow") or setting in _WINDY) and setting not in _INDOORS:
        beds.append("wind")
    if weather == "storm":
        beds.append("thunder")
    if any(w in prompt.lower() for w in _CROWD_WORDS) or (setting == "city" and tod != "night"):
        beds.append("crowd")
    return list(dict.fromkeys(beds))


def lightning_times(shot: Shot, seed: int) -> list[float]:
    rng = _rng(seed, f"lightning:{shot.index}")
    times, t = [], shot.start + 0.6 + float(rng.uniform(0, 1.0))
    while t < shot.end - 0.3:
        times.append(round(t, 3))
        t += float(rng.uniform(2.5, 4.5))
    return times


def music_cue(mood: str, seed: int) -> MusicCue:
    rng = _rng(seed, "music")
    scale, progression, tempo = {
        "happy": ("major", [0, 4, 5, 3], 104.0),
        "calm": ("major", [0, 3, 5, 4], 72.0),
        "romantic": ("major", [0, 5, 3, 4], 76.0),
        "sad": ("minor", [0, 5, 2, 6], 66.0),
        "tense": ("minor", [0, 5, 3, 4], 84.0),
        "epic": ("minor", [0, 5, 2, 6], 92.0),
    }[mood]
    return MusicCue(mood=mood, root=int(rng.integers(50, 58)), scale=scale, progression=progression, tempo=tempo)
