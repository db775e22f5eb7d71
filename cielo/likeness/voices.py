"""Speaking voices for cameos: a small menu of espeak-ng voices, and a pick from the recorded clip.

The clip's own voice is kept (a WAV in the media store, for voiced cameos later); until a model can speak
with it, a cameo speaks with one of these. ``auto`` picks by the fundamental frequency measured in the clip:
lower voices get a lower espeak voice. The ids are what ``cielo.generation.plan`` reads ("en+f3/p60").
"""

from __future__ import annotations

import io
import wave

import numpy as np

from cielo.errors import InvalidInput

VOICES: dict[str, tuple[str, str]] = {
    # name: (espeak voice id, what a person is shown)
    "deep_male": ("en+m7/p28", "Deep, low"),
    "warm_male": ("en+m1/p38", "Warm, medium-low"),
    "bright_male": ("en+m3/p48", "Bright, medium"),
    "warm_female": ("en+f3/p58", "Warm, medium-high"),
    "bright_female": ("en+f2/p68", "Bright, high"),
    "light": ("en+f5/p82", "Light, very high"),
    "gravelly": ("en+grandpa/p35", "Gravelly, older"),
    "robot": ("en+robosoft/p40", "Robotic"),
}
# Upper bounds (Hz) of the fundamental for the automatic pick.
_AUTO = ((115.0, "deep_male"), (150.0, "warm_male"), (185.0, "bright_male"), (230.0, "warm_female"),
         (290.0, "bright_female"), (float("inf"), "light"))
DEFAULT_CHARACTER_VOICE = "bright_male"


def voice_id(name: str) -> str:
    if name not in VOICES:
        raise InvalidInput(f"voice must be auto or one of {', '.join(VOICES)}.", param="voice", code="invalid_voice")
    return VOICES[name][0]


def voice_name(voice: str | None) -> str | None:
    return next((name for name, (vid, _) in VOICES.items() if vid == voice), None)


def menu() -> list[dict[str, str]]:
    return [{"name": name, "voice": vid, "description": text} for name, (vid, text) in VOICES.items()]


def fundamental_hz(audio: np.ndarray | None, rate: int) -> float | None:
    """Median pitch (Hz, 70-400) of the voiced 40 ms windows, by autocorrelation; None when nothing is voiced."""
    if audio is None or audio.size < rate // 4:
        return None
    x = np.asarray(audio, dtype=np.float64).reshape(-1)
    win = int(0.04 * rate)
    lo, hi = int(rate / 400), int(rate / 70)
    pitches = []
    for start in range(0, x.size - win, win):
        frame = x[start : start + win]
        frame = frame - frame.mean()
        energy = float(np.dot(frame, frame))
        if energy / win < 1e-4:  # about -40 dBFS: silence
            continue
        corr = np.correlate(frame, frame, mode="full")[win - 1 :]
        lag = lo + int(np.argmax(corr[lo:hi]))
        if corr[lag] > 0.4 * corr[0]:
            pitches.append(rate / lag)
    return float(np.median(pitches)) if len(pitches) >= 3 else None


def auto_voice(audio: np.ndarray | None, rate: int) -> str:
    """The menu voice nearest the clip's own pitch (the middle of the menu when it cannot be heard)."""
    f0 = fundamental_hz(audio, rate)
    if f0 is None:
        return VOICES["bright_male"][0]
    name = next(name for bound, name in _AUTO if f0 < bound)
    return VOICES[name][0]


def to_wav(audio: np.ndarray, rate: int) -> bytes:
    pcm = (np.clip(np.asarray(audio, dtype=np.float32), -1.0, 1.0) * 32767.0).round().astype("<i2")
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm.tobytes())
    return out.getvalue()
