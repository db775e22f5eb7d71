"""Which voice speaks each line of a video, and the speaking itself.

With a speech model configured (`Settings.speech_model`, or `speech_model` on a video model's registry
entry), every line goes to it:

- a cameo whose owner lets its voice be used speaks from its recording (the voice prompt), so the line
  sounds like the owner;
- everyone else gets a speaker number of their own (in the order they first speak) and a seed of their
  own; from their second line on, their previous line is part of the prompt too, so a character keeps
  one voice through the video and no two speakers share one;
- a line in a language the model does not speak (CSM is English only) falls back to espeak-ng, with the
  voice the plan chose for that speaker.

Without one, espeak-ng speaks every line, as a default install always has. Either way a line is fitted to
the slot the plan gave it: said faster (up to MAX_SPEEDUP) rather than cut, so lines never overlap.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from cielo.generation.audio.speech import VoiceSettings, resample, speak, trim_silence
from cielo.generation.plan import DialogueLine, Plan
from cielo.generation.speech.recording import PROMPT_RATE, VoicePrompt, load_prompt

if TYPE_CHECKING:
    from cielo.generation.catalog import ModelCatalog

log = logging.getLogger("cielo.speech")

MAX_SPEEDUP = 1.6
ESPEAK = "espeak-ng"


class Voicebox(Protocol):
    name: str

    def say(self, line: DialogueLine, allowed: float, rate: int) -> np.ndarray:
        """Mono float32 at `rate` for `line`, at most about `allowed` seconds long."""

    def describe(self) -> dict[str, Any]:
        """What spoke: the model, and each line's voice (for the video's metadata and C2PA manifest)."""


def _espeak_settings(line: DialogueLine, speed: float = 1.0) -> VoiceSettings:
    v = line.voice
    return VoiceSettings(language=v.language, variant=v.variant, pitch=v.pitch, rate=int(v.rate * speed),
                         pitch_range=v.pitch_range)


def espeak_line(line: DialogueLine, allowed: float, rate: int) -> np.ndarray:
    """espeak-ng's reading of the line; too long for its slot, it is said faster rather than cut."""
    pcm = speak(line.text, _espeak_settings(line), rate)
    seconds = pcm.size / rate
    if seconds > allowed * 1.05:
        pcm = speak(line.text, _espeak_settings(line, min(MAX_SPEEDUP, seconds / allowed)), rate)
    return pcm


@dataclass
class EspeakVoicebox:
    """Every line in the espeak-ng voice the plan chose for its speaker."""

    plan: Plan
    note: str | None = None  # why a configured speech model is not speaking (shown in the metadata)
    name: str = ESPEAK

    def say(self, line: DialogueLine, allowed: float, rate: int) -> np.ndarray:
        return espeak_line(line, allowed, rate)

    def describe(self) -> dict[str, Any]:
        lines = [{"line": d.index, "speaker": d.speaker_name, "voice": f"{ESPEAK} {d.voice.id}"}
                 for d in self.plan.dialogue]
        return {"model": ESPEAK, "lines": lines, **({"note": self.note} if self.note else {})}


class ModelVoicebox:
    """Lines spoken by a registry speech model, in cameo voices where they are allowed."""

    def __init__(self, spec, plan: Plan, budget_gb: float = 0.0) -> None:
        self.spec = spec
        self.name = spec.name
        self.plan = plan
        self.budget_gb = budget_gb
        first_lines = list(dict.fromkeys(d.speaker for d in plan.dialogue))
        self.numbers = {speaker: n for n, speaker in enumerate(first_lines)}
        self.last_turn: dict[str, Any] = {}  # speaker -> their latest Turn

    @cached_property
    def prompts(self) -> dict[str, VoicePrompt]:
        """The cameos' voice prompts, read when a line or the description first needs them (a video model that
        speaks for itself needs neither)."""
        return _cameo_prompts(self.plan)

    def voice_of(self, line: DialogueLine) -> str:
        if line.language not in self.spec.languages:
            return f"{ESPEAK} {line.voice.id}"
        prompt = self.prompts.get(line.speaker)
        if prompt is not None:
            return f"cameo @{prompt.owner}"
        return f"{self.name} speaker {self.numbers.get(line.speaker, 0)}"

    def describe(self) -> dict[str, Any]:
        lines = [{"line": d.index, "speaker": d.speaker_name, "voice": self.voice_of(d)} for d in self.plan.dialogue]
        return {"model": self.name, "lines": lines}

    def say(self, line: DialogueLine, allowed: float, rate: int) -> np.ndarray:
        if line.language not in self.spec.languages:
            return espeak_line(line, allowed, rate)
        from cielo.generation.speech.model import Turn, say, warm_speech

        number = self.numbers.get(line.speaker, 0)
        context = []
        prompt = self.prompts.get(line.speaker)
        if prompt is not None:
            context.append(Turn(number, prompt.transcript, prompt.audio))
        if line.speaker in self.last_turn:
            context.append(self.last_turn[line.speaker])
        pcm = say(warm_speech(self.spec, self.budget_gb), line.text, speaker=number, context=context,
                  seed=_seed(self.plan.seed, line.speaker, line.index), max_seconds=allowed * MAX_SPEEDUP)
        # The model's level is its own: silence is what is quiet next to the line's loudest sample.
        pcm = trim_silence(pcm, 0.01 * float(np.abs(pcm).max(initial=0.0)))
        if pcm.size:
            self.last_turn[line.speaker] = Turn(number, line.text, pcm)
        return resample(fit_duration(pcm, PROMPT_RATE, allowed), PROMPT_RATE, rate)


def _cameo_prompts(plan: Plan) -> dict[str, VoicePrompt]:
    """Voice prompts of the plan's cameos whose owners let their voice be used (their recording is in the
    cameo reference only then)."""
    prompts = {}
    for subject in plan.subjects:
        cameo = subject.cameo or {}
        if cameo.get("recording"):
            prompt = load_prompt(Path(cameo["recording"]), cameo.get("transcript") or "", cameo.get("handle", ""))
            if prompt is not None:
                prompts[subject.id] = prompt
    return prompts


def _seed(plan_seed: int, speaker: str, index: int) -> int:
    digest = hashlib.sha256(f"{plan_seed}:{speaker}:{index}".encode()).digest()
    return int.from_bytes(digest[:8], "little") & 0x7FFF_FFFF_FFFF_FFFF


def fit_duration(pcm: np.ndarray, rate: int, seconds: float) -> np.ndarray:
    """`pcm` made at most `seconds` long: time-compressed without changing pitch (WSOLA: overlapping
    windows taken further apart than they are laid down, each nudged to where it lines up best with the
    last) up to MAX_SPEEDUP, then cut with a short fade if it is still too long."""
    target = int(seconds * rate)
    if pcm.size <= target * 1.05 or target <= 0:
        return pcm[: max(target, 0)] if pcm.size > target else pcm
    speed = min(MAX_SPEEDUP, pcm.size / target)
    out = _wsola(pcm, rate, speed)
    if out.size > target:
        out = out[:target].copy()
        fade = min(out.size, int(0.03 * rate))
        out[-fade:] *= np.linspace(1.0, 0.0, fade, dtype=np.float32)
    return out


def _wsola(x: np.ndarray, rate: int, speed: float) -> np.ndarray:
    win = int(0.03 * rate)  # 30 ms windows, half-overlapped on output
    hop_out = win // 2
    hop_in = hop_out * speed
    tolerance = int(0.01 * rate)
    window = np.hanning(win).astype(np.float32)
    n_out = int(x.size / speed)
    out = np.zeros(n_out + win, np.float32)
    norm = np.zeros(n_out + win, np.float32)
    padded = np.concatenate([np.zeros(tolerance, np.float32), x.astype(np.float32), np.zeros(win + tolerance, np.float32)])
    previous = None  # the natural continuation of the last window taken
    for k in range(n_out // hop_out + 1):
        centre = int(k * hop_in) + tolerance
        if previous is None:
            start = centre
        else:  # the offset within +-tolerance whose window best matches what naturally follows the last one
            span = padded[centre - tolerance : centre + tolerance + win]
            scores = np.correlate(span, previous, mode="valid")
            start = centre - tolerance + int(np.argmax(scores))
        frame = padded[start : start + win]
        if frame.size < win:
            break
        at = k * hop_out
        out[at : at + win] += frame * window
        norm[at : at + win] += window
        previous = padded[start + hop_out : start + hop_out + win]
    return (out / np.maximum(norm, 1e-3))[:n_out]


def voicebox_for(models: ModelCatalog, video_model: str | None, plan: Plan) -> Voicebox:
    """The voicebox for a video made by `video_model`: its registry entry's speech model, else the
    installation's (`Settings.speech_model`), else espeak-ng. A configured model that cannot load here
    falls back to espeak-ng, with the reason in the metadata: a render never fails for its voices."""
    name = models.speech_model_for(video_model)
    if name is None:
        return EspeakVoicebox(plan)
    spec, problem = models.speech_problem(name)
    if problem is not None:
        log.warning("speech model %s not used: %s", name, problem)
        return EspeakVoicebox(plan, note=f"speech model {name!r} not used: {problem}")
    return ModelVoicebox(spec, plan, models.settings.engine_memory_budget_gb)
