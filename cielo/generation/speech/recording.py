"""A cameo's recorded voice, made into a voice prompt a speech model can continue.

A speech model such as CSM speaks a new line "in the same voice" when the conversation it is given starts
with a turn of that voice: the recording and the words said in it. The recording comes from a phone or
laptop microphone, so it is cleaned first: hum and DC removed, silence trimmed, loudness brought to one
level (a quiet recording would otherwise make quiet speech), and kept short (a long prompt costs time on
every line and adds nothing after a few seconds).
"""

from __future__ import annotations

import io
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from cielo.generation.audio.speech import resample

PROMPT_RATE = 24_000  # what CSM's codec (Mimi) reads
MAX_PROMPT_SECONDS = 10.0
MIN_PROMPT_SECONDS = 0.5
TARGET_RMS = 0.1  # about -20 dBFS over the voiced part
HIGH_PASS_HZ = 70.0
SILENCE = 0.02  # below this (about -34 dBFS) a 20 ms window is silence
WINDOW = PROMPT_RATE // 50  # 20 ms
DIGIT_WORDS = {
    "en": "zero one two three four five six seven eight nine".split(),
    "es": "cero uno dos tres cuatro cinco seis siete ocho nueve".split(),
}


@dataclass(frozen=True)
class VoicePrompt:
    """A cleaned recording at PROMPT_RATE and what is said in it."""

    audio: np.ndarray
    transcript: str
    owner: str  # the cameo's @handle, for logs and metadata


def digits_transcript(digits: str, language: str = "en") -> str:
    """What a person says when reading the liveness digits aloud: "4 2 1 9" -> "four two one nine"."""
    words = DIGIT_WORDS.get(language, DIGIT_WORDS["en"])
    return " ".join(words[int(d)] for d in digits if d.isdigit())


def clean_recording(audio: np.ndarray, rate: int) -> np.ndarray:
    """Mono float32 at PROMPT_RATE: high-passed, trimmed to the voiced part, loudness-normalised, at most
    MAX_PROMPT_SECONDS. Empty when nothing in it is louder than silence."""
    x = np.asarray(audio, dtype=np.float64)
    if x.ndim == 2:  # (channels, n) or (n, channels): average to mono
        x = x.mean(axis=0 if x.shape[0] <= 2 else 1)
    x = x.reshape(-1)
    if x.size == 0:
        return np.zeros(0, np.float32)
    x = resample(_band_limit(x - x.mean(), rate), rate, PROMPT_RATE)
    x = _trim(x)
    if x.size < MIN_PROMPT_SECONDS * PROMPT_RATE:
        return np.zeros(0, np.float32)
    x = x[: int(MAX_PROMPT_SECONDS * PROMPT_RATE)]
    frames = _windows(x)
    loud = frames[np.sqrt((frames**2).mean(axis=1)) > SILENCE]
    rms = float(np.sqrt((loud**2).mean())) if loud.size else 0.0
    if rms > 0:
        x = x * (TARGET_RMS / rms)
    peak = float(np.abs(x).max())
    if peak > 0.95:  # a few loud plosives: soft-limit rather than scale everything down
        x = np.tanh(x / 0.95) * 0.95
    return x.astype(np.float32)


def _band_limit(x: np.ndarray, rate: int) -> np.ndarray:
    """Remove rumble and hum below HIGH_PASS_HZ and anything above what PROMPT_RATE can hold (so the linear
    resampling after it does not alias), in one FFT; a short ramp at each edge avoids ringing."""
    spectrum = np.fft.rfft(x)
    freqs = np.fft.rfftfreq(x.size, 1.0 / rate)
    top = 0.46 * PROMPT_RATE
    gain = np.clip((freqs - HIGH_PASS_HZ / 2) / (HIGH_PASS_HZ / 2), 0, 1) * np.clip((top - freqs) / 500.0 + 1, 0, 1)
    return np.fft.irfft(spectrum * gain, n=x.size)


def _windows(x: np.ndarray) -> np.ndarray:
    """`x` (at PROMPT_RATE) cut into whole WINDOW-sample rows."""
    return x[: x.size // WINDOW * WINDOW].reshape(-1, WINDOW)


def _trim(x: np.ndarray, margin: float = 0.1) -> np.ndarray:
    """`x` from its first loud window to its last, with `margin` seconds of room either side."""
    frames = _windows(x)
    loud = np.flatnonzero(np.sqrt((frames**2).mean(axis=1)) > SILENCE)
    if loud.size == 0:
        return x[:0]
    pad = int(margin * PROMPT_RATE)
    return x[max(0, loud[0] * WINDOW - pad) : min(x.size, (loud[-1] + 1) * WINDOW + pad)]


def read_wav(data: bytes) -> tuple[np.ndarray, int]:
    """Mono float32 and its rate from a 16-bit PCM WAV (what the cameo store keeps)."""
    with wave.open(io.BytesIO(data), "rb") as w:
        rate, channels = w.getframerate(), w.getnchannels()
        pcm = np.frombuffer(w.readframes(w.getnframes()), "<i2").astype(np.float32) / 32768.0
    return pcm.reshape(-1, channels).mean(axis=1), rate


def load_prompt(path: Path, transcript: str, owner: str) -> VoicePrompt | None:
    """The voice prompt from the recording kept at `path` (a WAV: the clip's own audio, or a re-recording
    cleaned when it was stored; cleaning again changes nothing that matters), or None if unusable."""
    try:
        audio, rate = read_wav(Path(path).read_bytes())
    except (OSError, wave.Error, EOFError):
        return None
    audio = clean_recording(audio, rate)
    if audio.size == 0:
        return None
    return VoicePrompt(audio=audio, transcript=transcript, owner=owner)
