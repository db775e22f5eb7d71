"""A registry speech model loaded through transformers, kept warm beside the video pipelines.

CSM (kind "csm") is a conversational speech model: given a conversation of earlier turns (text and audio,
each tagged with a speaker number) and the text of the next turn, it speaks that turn in the voice of its
speaker's earlier audio. Cielo uses that twice: a cameo's recording is an earlier turn (so the line comes
out in its owner's voice), and each speaker's previous line is too (so one character keeps one voice
through the video).

Loaded models live in the same `WarmPipelines` as the video pipelines, so one memory budget covers both.
"""

from __future__ import annotations

import json
import logging
import math
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch

from cielo.generation.audio.speech import resample
from cielo.generation.engines.diffusers.loading import LoadedPipeline, device, torch_dtype, warm_pipelines
from cielo.generation.errors import GenerationError
from cielo.generation.registry import ModelSpec
from cielo.generation.speech.recording import PROMPT_RATE

log = logging.getLogger("cielo.speech")
# CSM's generate warns on every call that it ignores the text end-of-sequence criterion (it stops on an all-zero
# audio frame instead): true, and not worth a line in a worker's log per spoken line.
logging.getLogger("transformers.models.csm.generation_csm").setLevel(logging.ERROR)

MODEL_CLASSES = {"csm": "CsmForConditionalGeneration"}


@dataclass(frozen=True)
class Turn:
    """An earlier turn of the conversation: who spoke, what they said and how it sounded (PROMPT_RATE)."""

    speaker: int
    text: str
    audio: np.ndarray


@dataclass
class SpeechPipeline:
    model: Any
    processor: Any
    sample_rate: int  # of the audio the codec writes
    frame_rate: float  # audio frames (one token per codebook) per second


def load_speech(spec: ModelSpec) -> LoadedPipeline:
    """`from_pretrained(spec.path)` for the model and its processor (tokenizer, codec features, chat template)."""
    import transformers

    expected = MODEL_CLASSES[spec.kind]
    try:
        config = json.loads((spec.path / "config.json").read_text())
    except (OSError, ValueError) as exc:
        raise GenerationError("model_unavailable", f"cannot read {spec.path / 'config.json'}: {exc}") from exc
    if expected not in (config.get("architectures") or []):
        raise GenerationError("model_unavailable", f"model {spec.name!r} is registered as kind {spec.kind!r} "
                              f"({expected}) but {spec.path} holds {config.get('architectures')}")
    on = device()
    dtype = torch_dtype(spec, on)
    started = time.perf_counter()
    try:
        processor = transformers.AutoProcessor.from_pretrained(str(spec.path))
        model = getattr(transformers, expected).from_pretrained(str(spec.path), dtype=dtype).to(on).eval()
    except (OSError, ValueError, KeyError, RuntimeError) as exc:
        raise GenerationError("model_unavailable", f"cannot load {spec.name!r} from {spec.path}: {exc}") from exc
    codec = model.config.codec_config
    frame_rate = codec.sampling_rate / (math.prod(codec.upsampling_ratios) * codec.compress)
    held = sum(t.numel() * t.element_size() for t in (*model.parameters(), *model.buffers()))
    loaded = LoadedPipeline(
        spec=spec, pipe=SpeechPipeline(model, processor, int(codec.sampling_rate), float(frame_rate)),
        device=on, dtype=dtype, bytes=held, load_seconds=round(time.perf_counter() - started, 3),
        options={"device": on.type, "dtype": str(dtype).removeprefix("torch.")},
    )
    log.info("loaded speech model %s (%.2f GB) in %.1fs", spec.name, held / 1e9, loaded.load_seconds)
    return loaded


def warm_speech(spec: ModelSpec, budget_gb: float = 0.0) -> LoadedPipeline:
    loaded, _ = warm_pipelines(budget_gb).get(spec, loader=load_speech)
    return loaded


def say(loaded: LoadedPipeline, text: str, *, speaker: int, context: list[Turn], seed: int,
        max_seconds: float) -> np.ndarray:
    """Mono float32 at PROMPT_RATE: `text` spoken as `speaker`, continuing `context`, at most `max_seconds`.

    The same inputs and seed give the same samples (the model samples its codes; the seed is set for this
    call only, so other work in the process keeps its own random state)."""
    pipe: SpeechPipeline = loaded.pipe
    conversation = [
        {"role": str(turn.speaker), "content": [{"type": "text", "text": turn.text},
                                                {"type": "audio", "audio": turn.audio}]}
        for turn in context
    ]
    conversation.append({"role": str(speaker), "content": [{"type": "text", "text": text}]})
    frames = max(1, math.ceil(max_seconds * pipe.frame_rate))
    with loaded.lock:
        inputs = pipe.processor.apply_chat_template(conversation, tokenize=True, return_dict=True).to(loaded.device)
        if "input_values" in inputs:
            inputs["input_values"] = inputs["input_values"].to(loaded.dtype)
        devices = [loaded.device] if loaded.device.type == "cuda" else []
        with torch.random.fork_rng(devices=devices), torch.inference_mode():
            torch.manual_seed(seed & 0x7FFF_FFFF_FFFF_FFFF)
            if loaded.device.type == "cuda":
                torch.cuda.manual_seed(seed & 0x7FFF_FFFF_FFFF_FFFF)
            audio = pipe.model.generate(**inputs, output_audio=True, max_new_tokens=frames)
    return resample(audio[0].float().cpu().numpy().reshape(-1), pipe.sample_rate, PROMPT_RATE)
