"""Sound for video-only models: a diffusers text-to-audio model (Stable Audio Open)
makes the effects and ambience the prompt describes; the configured speech model (or espeak-ng) speaks the plan's dialogue on top;
the mix is as long as the video.

The text-to-audio prompt is the picture prompt with its quoted dialogue removed (the model would
otherwise try to sing it) and the plan's ambience beds named first, which is what those models
respond to best. (AudioLDM 2 would fit the same place; Stable Audio Open is the one wired in.)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy as np
import torch

from cielo.generation.audio.mixer import activity_envelope
from cielo.generation.audio.soundtrack import DUCK, fit_length, master, speech_track
from cielo.generation.audio.synth import fade
from cielo.generation.engines.diffusers.output import to_stereo_48k
from cielo.generation.engines.diffusers.steps import StepMonitor
from cielo.generation.media import AUDIO_RATE
from cielo.generation.plan import Plan
from cielo.generation.registry import ModelSpec
from cielo.generation.speech import Voicebox

EFFECTS_RMS = 0.05  # the effects bed sits under speech, like the procedural ambience does
NEGATIVE = "music, singing, speech, low quality, distorted"
CROSSFADE = 0.5  # seconds between two chunks when the video is longer than the model's maximum
_QUOTES = re.compile(r"[\"“”«»].*?[\"“”«»]|'[^']*'")


def sound_prompt(plan: Plan) -> str:
    beds = list(dict.fromkeys(name for shot in plan.shots for name in shot.ambience))
    picture = re.sub(r"\s+", " ", _QUOTES.sub("", plan.prompt)).strip(" .,:;")
    lead = f"sound of {', '.join(beds)}. " if beds else ""
    return f"{lead}{picture}".strip() or "ambient room tone"


def effects(
    pipe: Any,
    spec: ModelSpec,
    prompt: str,
    seconds: float,
    seed: int,
    progress: Callable[[float], None],
    should_stop: Callable[[], bool],
) -> np.ndarray:
    """(2, n) float32 at 48 kHz, `seconds` long, from the text-to-audio pipeline (chunked when the
    video is longer than the model can make at once)."""
    n = max(1, round(seconds * AUDIO_RATE))
    # For audio models max_frames is the longest clip in seconds; the checkpoint may allow less.
    longest = pipe.transformer.config.sample_size * pipe.vae.hop_length / pipe.vae.config.sampling_rate
    limit = min(float(spec.max_frames), float(longest))
    chunks: list[np.ndarray] = []
    made = 0
    index = 0
    chunk_count = max(1, int(np.ceil(seconds / limit)))
    while made < n:
        length = min(limit, (n - made) / AUDIO_RATE + (CROSSFADE if made else 0.0))
        monitor = StepMonitor(spec.steps, lambda f, i=index: progress((i + f) / chunk_count), should_stop)
        generator = torch.Generator("cpu").manual_seed((seed + index) & 0xFFFF_FFFF_FFFF_FFFF)
        result = pipe(
            prompt,
            negative_prompt=NEGATIVE,
            num_inference_steps=spec.steps,
            guidance_scale=spec.guidance,
            audio_end_in_s=min(limit, max(1.0, length)),
            generator=generator,
            output_type="np",
            # Stable Audio still takes the older per-step callback: (step, timestep, latents).
            callback=lambda step, t, latents, m=monitor: m(pipe, step, t, {}),
            callback_steps=1,
            **spec.call_options,
        )
        rate = int(pipe.vae.sampling_rate)
        chunk = to_stereo_48k(np.asarray(result.audios), rate)
        chunk = fit_length(chunk, round(min(limit, length) * AUDIO_RATE)).copy()
        if made:
            overlap = min(round(CROSSFADE * AUDIO_RATE), chunk.shape[1], chunks[-1].shape[1])
            fade(chunks[-1][:, -overlap:], 0, overlap)
            fade(chunk[:, :overlap], overlap, 0)
            chunks[-1][:, -overlap:] += chunk[:, :overlap]
            chunk = chunk[:, overlap:]
        chunks.append(chunk)
        made += chunk.shape[1]
        index += 1
    bed = fit_length(np.concatenate(chunks, axis=1), n)
    rms = float(np.sqrt(np.mean(bed * bed))) if bed.size else 0.0
    return bed * (EFFECTS_RMS / rms) if rms > 1e-6 else bed


def mix_with_speech(plan: Plan, bed: np.ndarray, voicebox: Voicebox) -> np.ndarray:
    """The plan's dialogue spoken (by `voicebox`) over the effects bed, which ducks while anyone talks."""
    n = bed.shape[1]
    speech, active = speech_track(plan, n, AUDIO_RATE, voicebox)
    duck = 1.0 - DUCK * activity_envelope(active, AUDIO_RATE)
    return master(bed * duck + speech)
