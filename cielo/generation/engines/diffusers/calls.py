"""One pipeline call per registry kind: the keyword arguments each diffusers pipeline takes, and
what comes back out of it.

Conditioning maps onto what each family understands:
  - a first frame (the request's input_reference, or the last frame of the video being extended):
    Wan I2V takes it as `image`; LTX-2 and LTX-Video switch to their image-to-video pipelines, built
    with `from_pipe` so they share the loaded weights; Wan VACE gets it as the kept first frame of a
    conditioning video (mask black on frame one, white after).
  - cameo reference images: Wan VACE's `reference_images` (one or two people in the video). Without
    them, VACE takes the input_reference as its reference.
  - a video to edit: the source's latents are noised part of the way (the registry's `edit_strength`)
    and denoised under the new prompt, so motion and layout stay. Wan does it in its video-to-video
    sibling; LTX-2's own call does it when handed the latents, a noise scale and the schedule's tail.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch
from PIL import Image, ImageOps

from cielo.generation.engines.diffusers.geometry import Geometry
from cielo.generation.engines.diffusers.steps import StepMonitor
from cielo.generation.errors import GenerationError
from cielo.generation.registry import ModelSpec

IMAGE_TO_VIDEO = {"ltx2": "LTX2ImageToVideoPipeline", "ltx": "LTXImageToVideoPipeline"}
VIDEO_TO_VIDEO = {"wan": "WanVideoToVideoPipeline"}  # LTX-2, the other edit kind, edits in its own call


@dataclass
class Conditioning:
    first_frame: Image.Image | None = None
    references: list[Image.Image] = field(default_factory=list)
    video: list[Image.Image] | None = None  # the source of an edit, one picture per native frame

    def describe(self) -> dict[str, Any]:
        return {
            "first_frame": self.first_frame is not None,
            "reference_images": len(self.references),
            "source_frames": len(self.video or ()),
        }


def fitted(image: Image.Image, width: int, height: int) -> Image.Image:
    """RGB, scaled to cover width x height and centre-cropped (the model's own resize would squash)."""
    return ImageOps.fit(image.convert("RGB"), (width, height), Image.BICUBIC)


def pipeline_for_call(spec: ModelSpec, pipe: Any, conditioning: Conditioning) -> Any:
    """The pipeline to call: the loaded one, or its image- or video-to-video sibling sharing the same
    weights."""
    sibling_class = None
    if conditioning.video is not None:  # registry.cannot_edit let only the EDIT_KINDS through
        sibling_class = VIDEO_TO_VIDEO.get(spec.kind)
    elif conditioning.first_frame is not None and spec.kind in IMAGE_TO_VIDEO:
        sibling_class = IMAGE_TO_VIDEO[spec.kind]
    if sibling_class is None:
        return pipe
    import diffusers

    sibling = getattr(diffusers, sibling_class).from_pipe(pipe)
    sibling.set_progress_bar_config(disable=True)
    return sibling


def denoising_steps(spec: ModelSpec, conditioning: Conditioning) -> int:
    """Steps the pipeline call will run: an edit runs the last int(steps * edit_strength) of the schedule
    (as diffusers' video-to-video does; the registry makes that at least one)."""
    if conditioning.video is None:
        return spec.steps
    return int(spec.steps * spec.edit_strength)


def latent_grid(spec: ModelSpec, pipe: Any, geometry: Geometry) -> tuple[int, int, int] | None:
    """(frames, height, width) of the token grid of packed latents (LTX families), else None."""
    if spec.kind not in ("ltx2", "ltx"):
        return None
    t = pipe.vae_temporal_compression_ratio * pipe.transformer_temporal_patch_size
    s = pipe.vae_spatial_compression_ratio * pipe.transformer_spatial_patch_size
    return ((geometry.num_frames - 1) // t + 1, geometry.height // s, geometry.width // s)


def call_arguments(
    spec: ModelSpec,
    pipe: Any,
    geometry: Geometry,
    prompt: str,
    seed: int,
    conditioning: Conditioning,
    monitor: StepMonitor,
) -> dict[str, Any]:
    args: dict[str, Any] = {
        "prompt": prompt,
        "height": geometry.height,
        "width": geometry.width,
        "num_frames": geometry.num_frames,
        "num_inference_steps": spec.steps,
        "guidance_scale": spec.guidance,
        # A CPU generator gives the same noise on any device, so a seed means the same video everywhere.
        "generator": torch.Generator("cpu").manual_seed(seed & 0xFFFF_FFFF_FFFF_FFFF),
        "output_type": "np",
        "callback_on_step_end": monitor,
        "callback_on_step_end_tensor_inputs": ["latents"],
    }
    if spec.negative_prompt:
        args["negative_prompt"] = spec.negative_prompt
    if spec.kind in ("ltx2", "ltx"):
        args["frame_rate"] = geometry.model_fps
        if conditioning.first_frame is not None:
            args["image"] = fitted(conditioning.first_frame, geometry.width, geometry.height)
    elif spec.kind in ("wan", "wan-i2v", "wan-vace"):
        if getattr(pipe, "transformer_2", None) is not None:
            args["guidance_scale_2"] = spec.guidance_2 if spec.guidance_2 is not None else spec.guidance
        if spec.kind == "wan-i2v":
            if conditioning.first_frame is None:
                raise GenerationError(
                    "invalid_request",
                    f"model {spec.name!r} turns an image into a video: send an input_reference image",
                )
            args["image"] = fitted(conditioning.first_frame, geometry.width, geometry.height)
        if spec.kind == "wan-vace":
            args.update(_vace_inputs(conditioning, geometry))
    if conditioning.video is not None and spec.kind == "ltx2":
        args.update(_ltx2_edit_inputs(spec, pipe, conditioning, geometry))
    elif conditioning.video is not None:
        # Video-to-video takes its frame count from the source clip, already at the native geometry.
        del args["num_frames"]
        args["video"] = conditioning.video
        args["strength"] = spec.edit_strength
    args.update(spec.call_options)
    return args


def _ltx2_edit_inputs(
    spec: ModelSpec, pipe: Any, conditioning: Conditioning, geometry: Geometry
) -> dict[str, Any]:
    """What makes LTX2Pipeline edit (it has no video-to-video sibling): the source clip's latents, noised to
    the sigma where the schedule's last int(steps * edit_strength) steps begin, and that tail of the schedule.

    The call shifts whatever sigmas it gets with the same resolution-dependent `mu` it would use for the
    whole schedule, and the shift is per sigma (the terminal stretch depends only on the last one, which the
    tail keeps), so the tail of the unshifted steps becomes exactly the tail of the full shifted schedule.
    The noise scale is that schedule's sigma where the tail starts, read from a copy of the loaded
    scheduler."""
    import copy

    from diffusers.pipelines.ltx2.pipeline_ltx2 import calculate_shift

    steps = spec.steps
    skipped = steps - denoising_steps(spec, conditioning)
    video = pipe.video_processor.preprocess_video(conditioning.video, geometry.height, geometry.width)
    with torch.no_grad():  # the distribution's mode, as LTX2ConditionPipeline encodes its conditions
        latents = pipe.vae.encode(video.to(pipe._execution_device, pipe.vae.dtype)).latent_dist.mode()
    tokens = int(np.prod(latent_grid(spec, pipe, geometry)))  # what the call's `mu` is computed from
    config = pipe.scheduler.config
    mu = calculate_shift(
        tokens,
        config.get("base_image_seq_len", 1024),
        config.get("max_image_seq_len", 4096),
        config.get("base_shift", 0.95),
        config.get("max_shift", 2.05),
    )
    unshifted = np.linspace(1.0, 1 / steps, steps)  # the call's own default schedule
    full = copy.deepcopy(pipe.scheduler)
    full.set_timesteps(sigmas=unshifted, mu=mu)
    return {
        "latents": latents.float(),
        "noise_scale": float(full.sigmas[skipped]),
        "sigmas": unshifted[skipped:].tolist(),
        "num_inference_steps": steps - skipped,
    }


def _vace_inputs(conditioning: Conditioning, geometry: Geometry) -> dict[str, Any]:
    w, h, n = geometry.width, geometry.height, geometry.num_frames
    inputs: dict[str, Any] = {}
    references = list(conditioning.references)
    if conditioning.first_frame is not None:
        # Keep frame one (mask black), generate the rest (grey picture, mask white).
        grey = Image.new("RGB", (w, h), (127, 127, 127))
        inputs["video"] = [fitted(conditioning.first_frame, w, h)] + [grey] * (n - 1)
        inputs["mask"] = [Image.new("L", (w, h), 0)] + [Image.new("L", (w, h), 255)] * (n - 1)
    if references:
        # VACE places each reference (white-padded to the frame's shape) as a subject of the video.
        inputs["reference_images"] = [
            ImageOps.pad(r.convert("RGB"), (w, h), color=(255, 255, 255)) for r in references
        ]
    return inputs


@dataclass
class CallOutput:
    frames: np.ndarray  # (F, H, W, 3) float in [0, 1]
    audio: np.ndarray | None  # waveform from the model itself (LTX-2), any layout to_stereo_48k reads
    audio_rate: int | None


def read_output(spec: ModelSpec, pipe: Any, output: Any) -> CallOutput:
    frames = np.asarray(output.frames)
    if frames.ndim == 5:
        frames = frames[0]
    audio = getattr(output, "audio", None)
    if audio is None:
        return CallOutput(frames, None, None)
    if isinstance(audio, torch.Tensor):
        audio = audio.detach().float().cpu().numpy()
    rate = int(pipe.vocoder.config.output_sampling_rate)
    return CallOutput(frames, np.asarray(audio), rate)
