"""LoRA training of a cameo's likeness on its reference frames, for Wan (text to video, one or two
experts) and LTX-2.

The recipe is the flow-matching objective the models were trained with, on still frames treated as
one-frame videos: encode each frame with the model's VAE (once), encode the caption (once), then per
step pick a noise level sigma, mix x_t = (1 - sigma) x0 + sigma * noise, and fit the denoiser's
velocity to (noise - x0). Only the LoRA matrices on the attention projections train; the base
weights stay frozen, so the adapter is a few megabytes and loads into any pipeline of that model.

Progress is reported per step; `should_stop()` is checked between steps and cancels without
writing anything. The adapter is written in diffusers' LoRA format (`pytorch_lora_weights.safetensors`,
loadable with `pipe.load_lora_weights(folder)`) into a temporary folder renamed into place.
"""

from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch
from PIL import Image, ImageOps

from cielo.generation.engines.diffusers.geometry import native_size
from cielo.generation.engines.diffusers.loading import (
    PIPELINE_CLASSES,
    device,
    release_warm_pipelines,
    torch_dtype,
)
from cielo.generation.errors import GenerationCancelled, GenerationError
from cielo.generation.registry import TRAINABLE_KINDS, ModelSpec, check_ready
from cielo.generation.training.store import RECORD_NAME, WEIGHT_NAME

TARGET_MODULES = ["to_q", "to_k", "to_v", "to_out.0"]
EVAL_SIGMAS = (0.25, 0.5, 0.75)  # fixed noise levels (and noise) for the before/after loss


@dataclass(frozen=True)
class LoraTrainingConfig:
    steps: int = 400
    rank: int = 16
    alpha: float | None = None  # default: rank (a scale of 1)
    learning_rate: float = 1e-4
    batch_size: int = 1
    seed: int = 0
    max_sequence_length: int | None = None  # default: the registry entry's, else 128


@dataclass
class LoraTrainingResult:
    adapter_dir: Path
    losses: list[float]  # the training loss of every step
    initial_loss: float  # the fixed evaluation loss before training ...
    final_loss: float  # ... and after
    seconds: float
    record: dict[str, Any] = field(default_factory=dict)


def train_lora(
    spec: ModelSpec,
    images: Sequence[Path],
    out_dir: Path,
    *,
    caption: str,
    config: LoraTrainingConfig = LoraTrainingConfig(),
    progress: Callable[[float], None] = lambda f: None,
    should_stop: Callable[[], bool] = lambda: False,
) -> LoraTrainingResult:
    """Train an adapter of `spec` on `images` described by `caption`; write it to `out_dir`."""
    if spec.kind not in TRAINABLE_KINDS:
        raise GenerationError(
            "unsupported_mode",
            f"LoRA training works on {', '.join(TRAINABLE_KINDS)} models, not {spec.kind!r}",
        )
    if not images:
        raise GenerationError("invalid_request", "LoRA training needs at least one reference frame")
    check_ready(spec)
    started = time.perf_counter()
    generator = torch.Generator("cpu").manual_seed(config.seed)
    torch.manual_seed(config.seed)
    pipe = _load(spec)
    family = _FAMILIES[spec.kind](pipe, spec, config)
    with torch.no_grad():
        pictures = [_read(p) for p in images]
        width, height = native_size(spec, *pictures[0].size)
        x0 = family.encode_images([ImageOps.fit(p, (width, height), Image.BICUBIC) for p in pictures])
        text = family.encode_text(caption)
    family.release_encoders()

    from peft import LoraConfig
    from peft.utils import get_peft_model_state_dict

    transformer = pipe.transformer
    transformer.requires_grad_(False)
    lora = LoraConfig(
        r=config.rank,
        lora_alpha=config.alpha or config.rank,
        init_lora_weights=True,
        target_modules=TARGET_MODULES,
    )
    transformer.add_adapter(lora)
    trainable = [p for p in transformer.parameters() if p.requires_grad]
    for p in trainable:  # LoRA weights train in fp32 even when the base runs in bf16
        p.data = p.data.float()
    if pipe.device.type == "cuda" and hasattr(transformer, "enable_gradient_checkpointing"):
        transformer.enable_gradient_checkpointing()
    transformer.train()
    optimizer = torch.optim.AdamW(trainable, lr=config.learning_rate, weight_decay=1e-4)

    eval_noise = [torch.randn(x0.shape, generator=generator).to(x0) for _ in EVAL_SIGMAS]
    initial = _evaluate(family, x0, text, eval_noise)
    losses: list[float] = []
    count = x0.shape[0]
    for step in range(config.steps):
        if should_stop():
            raise GenerationCancelled("LoRA training was cancelled")
        index = torch.randint(0, count, (min(config.batch_size, count),), generator=generator)
        batch = x0[index]
        noise = torch.randn(batch.shape, generator=generator).to(batch)
        sigma = torch.rand(batch.shape[0], generator=generator).clamp(0.02, 0.98).to(batch)
        loss = family.loss(batch, noise, sigma, text)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(trainable, 1.0)
        optimizer.step()
        losses.append(float(loss.detach()))
        progress((step + 1) / config.steps)
    transformer.eval()
    final = _evaluate(family, x0, text, eval_noise)

    record = {
        "model": spec.name,
        "kind": spec.kind,
        "caption": caption,
        "images": len(pictures),
        "size": [width, height],
        "config": asdict(config),
        "initial_loss": initial,
        "final_loss": final,
        "seconds": round(time.perf_counter() - started, 2),
    }
    state = {
        k: v.detach().to(torch.float32).cpu().contiguous()
        for k, v in get_peft_model_state_dict(transformer).items()
    }
    _write_adapter(type(pipe), state, lora.to_dict(), record, Path(out_dir))
    return LoraTrainingResult(Path(out_dir), losses, initial, final, record["seconds"], record)


def _evaluate(family, x0: torch.Tensor, text, noises: list[torch.Tensor]) -> float:
    with torch.no_grad():
        total = 0.0
        for level, noise in zip(EVAL_SIGMAS, noises, strict=True):
            sigma = torch.full((x0.shape[0],), level).to(x0)
            total += float(family.loss(x0, noise, sigma, text))
    return total / len(EVAL_SIGMAS)


def _write_adapter(pipeline_class, state: dict, lora_config: dict, record: dict, out_dir: Path) -> None:
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_dir.with_name(f".{out_dir.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        metadata = json.loads(
            json.dumps(lora_config, default=lambda v: sorted(v) if isinstance(v, set) else str(v))
        )
        pipeline_class.save_lora_weights(
            str(tmp),
            transformer_lora_layers=state,
            transformer_lora_adapter_metadata=metadata,
            weight_name=WEIGHT_NAME,
        )
        (tmp / RECORD_NAME).write_text(json.dumps(record, indent=1))
        old = None
        if out_dir.exists():  # a retrained adapter replaces the old one in one rename
            old = out_dir.with_name(f".{out_dir.name}.{uuid.uuid4().hex[:8]}.old")
            os.replace(out_dir, old)
        os.replace(tmp, out_dir)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _read(path: Path) -> Image.Image:
    try:
        with Image.open(path) as image:
            return image.convert("RGB")
    except (OSError, ValueError) as exc:
        raise GenerationError(
            "invalid_request", f"reference frame {Path(path).name} is not a readable image"
        ) from exc


def _load(spec: ModelSpec) -> Any:
    """A private copy of the pipeline (never a warm one: training changes its transformer). On a GPU the
    worker's warm pipelines are unloaded first, so the two copies do not compete for its memory; the next
    video loads its model again."""
    import diffusers

    on = device()
    if on.type == "cuda":
        release_warm_pipelines()
    pipe = getattr(diffusers, PIPELINE_CLASSES[spec.kind]).from_pretrained(
        str(spec.path), dtype=torch_dtype(spec, on)
    )
    pipe.set_progress_bar_config(disable=True)
    return pipe.to(on)


def _to_video_tensor(images: list[Image.Image], on: torch.device, dtype: torch.dtype) -> torch.Tensor:
    """(N, 3, 1, H, W) in [-1, 1]: each frame a one-frame video."""
    array = np.stack([np.asarray(i, dtype=np.float32) / 127.5 - 1.0 for i in images])
    return torch.from_numpy(array).permute(0, 3, 1, 2).unsqueeze(2).to(on, dtype)


class _Wan:
    def __init__(self, pipe: Any, spec: ModelSpec, config: LoraTrainingConfig) -> None:
        self.pipe = pipe
        self.max_len = config.max_sequence_length or spec.call_options.get("max_sequence_length", 128)

    def encode_text(self, caption: str) -> torch.Tensor:
        embeds, _ = self.pipe.encode_prompt(
            caption,
            do_classifier_free_guidance=False,
            max_sequence_length=self.max_len,
            device=self.pipe.device,
        )
        return embeds.to(self.pipe.transformer.dtype)

    def encode_images(self, images: list[Image.Image]) -> torch.Tensor:
        vae = self.pipe.vae
        x = _to_video_tensor(images, self.pipe.device, vae.dtype)
        z = vae.encode(x).latent_dist.mode()
        mean = torch.tensor(vae.config.latents_mean).view(1, -1, 1, 1, 1).to(z)
        std = torch.tensor(vae.config.latents_std).view(1, -1, 1, 1, 1).to(z)
        return ((z - mean) / std).float()  # the pipeline decodes with latents * std + mean

    def release_encoders(self) -> None:
        if self.pipe.device.type == "cuda":
            self.pipe.text_encoder.to("cpu")
            self.pipe.vae.to("cpu")

    def loss(
        self, x0: torch.Tensor, noise: torch.Tensor, sigma: torch.Tensor, text: torch.Tensor
    ) -> torch.Tensor:
        s = sigma.view(-1, 1, 1, 1, 1)
        noisy = (1 - s) * x0 + s * noise
        transformer = self.pipe.transformer
        prediction = transformer(
            hidden_states=noisy.to(transformer.dtype),
            timestep=sigma * 1000,
            encoder_hidden_states=text.expand(x0.shape[0], -1, -1),
            return_dict=False,
        )[0]
        return torch.nn.functional.mse_loss(prediction.float(), (noise - x0).float())


class _LTX2:
    FPS = 24.0

    def __init__(self, pipe: Any, spec: ModelSpec, config: LoraTrainingConfig) -> None:
        self.pipe = pipe
        self.max_len = config.max_sequence_length or spec.call_options.get("max_sequence_length", 128)
        self.grid: tuple[int, int, int] = (1, 1, 1)

    def encode_text(self, caption: str) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        pipe = self.pipe
        embeds, mask, _, _ = pipe.encode_prompt(
            caption, do_classifier_free_guidance=False, max_sequence_length=self.max_len, device=pipe.device
        )
        padding = getattr(pipe.tokenizer, "padding_side", "left")
        video, audio, mask = pipe.connectors(embeds, mask, padding_side=padding)
        return video.detach(), audio.detach(), mask.detach()

    def encode_images(self, images: list[Image.Image]) -> torch.Tensor:
        pipe, vae = self.pipe, self.pipe.vae
        x = _to_video_tensor(images, pipe.device, vae.dtype)
        z = vae.encode(x).latent_dist.mode()
        z = pipe._normalize_latents(z, vae.latents_mean, vae.latents_std, vae.config.scaling_factor)
        p, pt = pipe.transformer_spatial_patch_size, pipe.transformer_temporal_patch_size
        self.grid = (z.shape[2] // pt, z.shape[3] // p, z.shape[4] // p)
        return pipe._pack_latents(z, p, pt).float()

    def release_encoders(self) -> None:
        if self.pipe.device.type == "cuda":
            self.pipe.text_encoder.to("cpu")
            self.pipe.vae.to("cpu")

    def loss(self, x0: torch.Tensor, noise: torch.Tensor, sigma: torch.Tensor, text) -> torch.Tensor:
        pipe, transformer = self.pipe, self.pipe.transformer
        video_text, audio_text, mask = text
        n = x0.shape[0]
        s = sigma.view(-1, 1, 1)
        noisy = (1 - s) * x0 + s * noise
        frames, height, width = self.grid
        # A one-frame video still carries an audio stream; it is noise at the same level and unscored.
        audio_frames = 1
        audio = pipe.prepare_audio_latents(
            n,
            num_channels_latents=pipe.audio_vae.config.latent_channels,
            audio_latent_length=audio_frames,
            num_mel_bins=pipe.audio_vae.config.mel_bins,
            dtype=torch.float32,
            device=pipe.device,
        )
        video_coords = transformer.rope.prepare_video_coords(
            n, frames, height, width, pipe.device, fps=self.FPS
        )
        audio_coords = transformer.audio_rope.prepare_audio_coords(n, audio_frames, pipe.device)
        timestep = sigma * 1000
        prediction, _ = transformer(
            hidden_states=noisy.to(transformer.dtype),
            audio_hidden_states=audio.to(transformer.dtype),
            encoder_hidden_states=video_text.expand(n, -1, -1),
            audio_encoder_hidden_states=audio_text.expand(n, -1, -1),
            timestep=timestep,
            sigma=timestep,
            encoder_attention_mask=mask.expand(n, -1),
            audio_encoder_attention_mask=mask.expand(n, -1),
            num_frames=frames,
            height=height,
            width=width,
            fps=self.FPS,
            audio_num_frames=audio_frames,
            video_coords=video_coords,
            audio_coords=audio_coords,
            isolate_modalities=False,
            spatio_temporal_guidance_blocks=None,
            perturbation_mask=None,
            use_cross_timestep=True,
            return_dict=False,
        )
        return torch.nn.functional.mse_loss(prediction.float(), (noise - x0).float())


_FAMILIES = {"wan": _Wan, "ltx2": _LTX2}
