"""What happens between two denoising steps: progress, cancellation and preview frames.

diffusers pipelines call `callback_on_step_end(pipe, step, timestep, {"latents": ...})` after every
step. `StepMonitor` is that callback: it reports the fraction of steps done, raises
GenerationCancelled when the job should stop (the pipeline call unwinds at once, before the next
step and before the VAE decode), and every few steps turns the latents into a rough picture.

The preview is the latent's first three principal components shown as false colour: it needs no
decoder and no per-model colour table, costs a few milliseconds, and shows the layout of the
picture forming. It is written to PREVIEW_FILE in the work folder (atomically); `run_pipeline`
hands it to its `preview` callback after the progress report of that step.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import torch
from PIL import Image

from cielo.generation.errors import GenerationCancelled
from cielo.generation.media import atomic_output

PREVIEW_MAX_SIDE = 256


class StepMonitor:
    """The `callback_on_step_end` of one pipeline call."""

    def __init__(
        self,
        total_steps: int,
        progress: Callable[[float], None],
        should_stop: Callable[[], bool],
        *,
        preview_every: int = 0,
        preview_path: Path | None = None,
        latent_shape: tuple[int, int, int] | None = None,  # (frames, height, width) of packed latents
        preview_size: tuple[int, int] = (PREVIEW_MAX_SIDE, PREVIEW_MAX_SIDE),
    ) -> None:
        self.total_steps = max(1, total_steps)
        self.progress = progress
        self.should_stop = should_stop
        self.preview_every = preview_every
        self.preview_path = preview_path
        self.latent_shape = latent_shape
        self.preview_size = preview_size
        self.steps_done = 0
        self.previews: list[int] = []  # steps after which a preview was written

    def __call__(self, pipe: Any, step: int, timestep: Any, tensors: dict[str, Any]) -> dict[str, Any]:
        self.steps_done = step + 1
        if self.should_stop():
            raise GenerationCancelled()
        last = self.steps_done >= self.total_steps
        if (
            self.preview_every
            and self.preview_path is not None
            and not last
            and self.steps_done % self.preview_every == 0
            and "latents" in tensors
        ):
            self._preview(tensors["latents"])
        self.progress(min(1.0, self.steps_done / self.total_steps))
        return {}

    def _preview(self, latents: torch.Tensor) -> None:
        image = latent_preview(latents, self.latent_shape)
        if image is None:
            return
        image = fit_preview(image, *self.preview_size)
        with atomic_output(self.preview_path) as tmp:
            image.save(tmp, format="JPEG", quality=80)
        self.previews.append(self.steps_done)


def middle_frame_channels(
    latents: torch.Tensor, latent_shape: tuple[int, int, int] | None
) -> np.ndarray | None:
    """(h, w, C) float32 of the latent's middle frame, from 5-D (B, C, F, H, W) latents or from
    packed (B, F*H*W, C) token latents given their (F, H, W)."""
    x = latents.detach()
    if x.ndim == 5:
        frame = x[0, :, x.shape[2] // 2]  # (C, H, W)
        return frame.permute(1, 2, 0).float().cpu().numpy()
    if x.ndim == 4:  # an image model's (B, C, H, W)
        return x[0].permute(1, 2, 0).float().cpu().numpy()
    if x.ndim == 3 and latent_shape is not None:
        _, h, w = latent_shape
        tokens = x.shape[1]
        if h * w == 0 or tokens % (h * w):
            return None
        frames = tokens // (h * w)
        grid = x[0].reshape(frames, h, w, x.shape[2])
        return grid[frames // 2].float().cpu().numpy()
    return None


def latent_preview(
    latents: torch.Tensor, latent_shape: tuple[int, int, int] | None = None
) -> Image.Image | None:
    channels = middle_frame_channels(latents, latent_shape)
    if channels is None:
        return None
    h, w, c = channels.shape
    flat = channels.reshape(-1, c).astype(np.float64)
    flat -= flat.mean(axis=0)
    if c >= 3:
        # Principal axes of the channel covariance; signs fixed so the same latent gives the same colours.
        _, vectors = np.linalg.eigh(np.cov(flat, rowvar=False) + 1e-9 * np.eye(c))
        axes = vectors[:, ::-1][:, :3]
        axes *= np.sign(axes[np.abs(axes).argmax(axis=0), range(3)])
        rgb = flat @ axes
    else:
        rgb = np.repeat(flat[:, :1], 3, axis=1)
    lo, hi = np.percentile(rgb, 2, axis=0), np.percentile(rgb, 98, axis=0)
    rgb = np.clip((rgb - lo) / np.maximum(hi - lo, 1e-6), 0, 1)
    return Image.fromarray((rgb.reshape(h, w, 3) * 255).round().astype(np.uint8))


def fit_preview(image: Image.Image, width: int, height: int) -> Image.Image:
    """Cover-scale and centre-crop to the output's shape, at most PREVIEW_MAX_SIDE on the long side."""
    scale = PREVIEW_MAX_SIDE / max(width, height)
    tw, th = max(2, round(width * scale)), max(2, round(height * scale))
    cover = max(tw / image.width, th / image.height)
    sw, sh = max(tw, round(image.width * cover)), max(th, round(image.height * cover))
    image = image.resize((sw, sh), Image.BILINEAR)
    left, top = (sw - tw) // 2, (sh - th) // 2
    return image.crop((left, top, left + tw, top + th))
