"""The diffusers engine: registry models (LTX-2, Wan 2.1 / 2.2, Wan I2V, Wan VACE, LTX-Video) rendered
through their diffusers pipelines.

One render, top to bottom:
    geometry      requested size and seconds -> a native size and frame count of the model
    pipeline      the warm pipeline of this model (loaded on first use, kept LRU within a budget)
    adapters      LoRA adapters for this render only (registry, request, @cameo mentions)
    denoise       one pipeline call; per step: progress, cancellation, preview frames
    sound         LTX-2's own audio; for video-only models Stable Audio effects + espeak dialogue
                  when the registry names an audio model with weights (else the pipeline's soundtrack)
    write         frames scaled and cropped to exactly the requested size, resampled to the
                  requested fps and duration; extend puts the source video first

An edit (Wan 2.1 T2V, LTX-2) redoes the end of the schedule from the source's frames at the native geometry
and keeps the source's sound under the new dialogue (the generation pipeline's edit soundtrack).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from PIL import Image

from cielo.generation.audio.mixer import limit
from cielo.generation.audio.soundtrack import fit_length
from cielo.generation.audio.synth import fade
from cielo.generation.engines import RENDER_FILE, ProgressFn, RenderedVideo, StopFn
from cielo.generation.frames import FrameFilter
from cielo.generation.engines.diffusers.adapters import adapters_applied
from cielo.generation.engines.diffusers.calls import (
    Conditioning,
    call_arguments,
    denoising_steps,
    latent_grid,
    pipeline_for_call,
    read_output,
)
from cielo.generation.engines.diffusers.geometry import Geometry, plan_geometry
from cielo.generation.engines.diffusers.loading import LoadedPipeline, warm_pipelines
from cielo.generation.engines.diffusers.output import to_stereo_48k, write_render
from cielo.generation.engines.diffusers.sound import effects, mix_with_speech, sound_prompt
from cielo.generation.engines.diffusers.steps import StepMonitor
from cielo.generation.errors import GenerationCancelled, GenerationError
from cielo.generation.media import AUDIO_RATE, decode_audio, iter_frames, last_frame
from cielo.generation.pipeline import PREVIEW_FILE
from cielo.generation.plan import Plan
from cielo.generation.registry import ModelSpec, cannot_edit, weights_problem
from cielo.generation.request import GenerationRequest
from cielo.generation.speech import voicebox_for

if TYPE_CHECKING:
    from cielo.generation.catalog import ModelCatalog

__all__ = ["PREVIEW_FILE", "DiffusersEngine"]

# Shares of the engine's own progress bar.
LOAD, DENOISE, SOUND, WRITE = 0.08, 0.77, 0.08, 0.07
JOIN_FADE = 0.04  # seconds of crossfade where an extension's new audio meets the source's


class DiffusersEngine:
    name = "diffusers"
    neural = True

    def __init__(self, spec: ModelSpec, models: ModelCatalog) -> None:
        self.spec = spec
        self.models = models  # the installation's catalog: its audio and speech models
        self.settings = settings = models.settings
        self.warm = warm_pipelines(settings.engine_memory_budget_gb)
        self.audio_spec = self._audio_spec()
        # LTX-2 speaks its own dialogue unless its entry names a speech model (then the pipeline's
        # soundtrack, speech model and sound design, replaces the model's audio).
        self.own_audio = spec.kind == "ltx2" and not spec.speech_model
        self.makes_audio = self.own_audio or self.audio_spec is not None
        self.dialogue_by_voicebox = not self.own_audio
        self._runs: dict[GenerationRequest, dict[str, Any]] = {}
        self._runs_lock = threading.Lock()

    def _audio_spec(self) -> ModelSpec | None:
        if self.spec.kind == "ltx2" or not self.spec.audio_model:
            return None
        audio = self.models.spec(self.spec.audio_model)
        if audio is None or weights_problem(audio) is not None:
            return None  # the pipeline's speech + procedural sound design takes over
        return audio

    # ------------------------------------------------------------------------------ describe

    def describe(self, request: GenerationRequest) -> dict[str, Any]:
        spec = self.spec
        seconds = request.seconds if request.mode != "edit" else 0
        geometry = plan_geometry(spec, request.width, request.height, max(seconds, 1), request.fps)
        if request.mode == "edit":
            audio = {"source": "the source's sound + speech"}
        elif self.own_audio:
            audio = {"source": "model", "model": spec.name}
        elif self.audio_spec is not None:
            audio = {"source": "text-to-audio + speech", "model": self.audio_spec.name}
        else:
            audio = {
                "source": "speech + procedural sound design",
                "note": f"audio model {spec.audio_model!r} has no weights" if spec.audio_model else None,
            }
        info: dict[str, Any] = {
            "engine": self.name,
            "neural": True,
            "pipeline": spec.kind,
            "weights": str(spec.path),
            "steps": spec.steps,
            "guidance": spec.guidance,
            "native_width": geometry.width,
            "native_height": geometry.height,
            "native_frames": geometry.num_frames,
            "native_fps": geometry.model_fps,
            "time_stretch": geometry.time_stretch,
            "sound": audio,
        }
        if request.mode == "edit":
            info["edit_strength"] = spec.edit_strength
        with self._runs_lock:
            info.update(self._runs.pop(request, {}))
        return info

    # -------------------------------------------------------------------------------- render

    def discard(self, workdir: Path) -> None:
        """Nothing is held outside the work folder."""

    def render(
        self, plan: Plan, request: GenerationRequest, workdir: Path, progress: ProgressFn, should_stop: StopFn,
        filters: Sequence[FrameFilter] = (),
    ) -> RenderedVideo:
        spec = self.spec
        if plan.mode == "edit" and (why := cannot_edit(spec)):
            raise GenerationError("unsupported_mode", why)
        workdir = Path(workdir)
        out = workdir / RENDER_FILE
        geometry = plan_geometry(spec, request.width, request.height, plan.seconds, request.fps)
        source = None
        if plan.mode in ("extend", "edit"):
            if not request.source_video or not Path(request.source_video).exists():
                raise GenerationError("invalid_source_video", f"{plan.mode} needs the source video file")
            source = Path(request.source_video)
        conditioning = self._conditioning(request, plan.mode, source, geometry)
        if should_stop():
            raise GenerationCancelled()

        loaded, warm = self.warm.get(spec)
        progress(LOAD)
        adapters = self._adapters(request)
        with loaded.lock, adapters_applied(loaded.pipe, adapters):
            pipe = pipeline_for_call(spec, loaded.pipe, conditioning)
            monitor = StepMonitor(
                denoising_steps(spec, conditioning),
                lambda f: progress(LOAD + DENOISE * f),
                should_stop,
                preview_every=spec.preview_every,
                preview_path=workdir / PREVIEW_FILE,
                latent_shape=latent_grid(spec, pipe, geometry),
                preview_size=(request.width, request.height),
            )
            args = call_arguments(spec, pipe, geometry, request.prompt, request.seed, conditioning, monitor)
            try:
                output = pipe(**args)
            except BaseException:
                # The pipeline ends with this itself; an interrupted call must not leave cache-hook
                # state or offload hooks half-way for the next job.
                loaded.pipe.maybe_free_model_hooks()
                raise
            result = read_output(spec, pipe, output)

        audio = self._sound(plan, request, result, progress, should_stop)
        extended = source if plan.mode == "extend" else None
        head_frames = round(plan.offset * request.fps) if extended is not None else 0
        if extended is not None and audio is not None:
            audio = _after_source(extended, head_frames / request.fps, audio)
        head = _source_pictures(extended, request, head_frames) if extended is not None else ()
        write_render(
            out,
            result.frames,
            geometry,
            audio=audio,
            head=head,
            head_frames=head_frames,
            progress=lambda f: progress(LOAD + DENOISE + SOUND + WRITE * f),
            should_stop=should_stop,
            filters=filters,
        )
        self._remember(request, loaded, warm, monitor, adapters, conditioning)
        return RenderedVideo(path=out, has_audio=audio is not None)

    def _conditioning(
        self, request: GenerationRequest, mode: str, source: Path | None, geometry: Geometry
    ) -> Conditioning:
        conditioning = Conditioning()
        if mode == "edit":
            conditioning.video = _source_clip(source, geometry)
            return conditioning
        if self.spec.kind == "wan-vace":
            # Who appears: the request's reference images and each cameo's reference crop.
            paths = [*request.reference_images, *(c.face_png for c in request.cameos)]
            conditioning.references = [_open_image(Path(p), "reference image") for p in dict.fromkeys(paths)]
        if request.input_reference is not None:
            image = _open_image(Path(request.input_reference), "input_reference")
            if self.spec.kind == "wan-vace" and not conditioning.references:
                conditioning.references = [image]  # VACE: the uploaded image is who or what appears
            else:
                conditioning.first_frame = image
        if mode == "extend":
            conditioning.first_frame = last_frame(source)  # the extension continues from here
        return conditioning

    def _adapters(self, request: GenerationRequest) -> list[Path]:
        """The registry's adapters, the request's, and those trained for the request's cameos."""
        from cielo.generation.training.store import cameo_adapters

        return [
            *self.spec.loras,
            *(Path(p) for p in request.lora_adapters),
            *cameo_adapters(self.settings, self.spec.name, (c.handle for c in request.cameos)),
        ]

    def _sound(
        self, plan: Plan, request: GenerationRequest, result, progress, should_stop
    ) -> np.ndarray | None:
        """(2, n) float32 at 48 kHz for the new content, or None when the pipeline should add it."""
        n = round(plan.frame_count * AUDIO_RATE / request.fps)
        base = LOAD + DENOISE
        if plan.mode == "edit":
            # An edit keeps the source's motion, so its sound still fits: the pipeline lays the new
            # dialogue over it (LTX-2's own audio started from noise late in the schedule; it is dropped).
            return None
        if result.audio is not None and self.own_audio:
            progress(base + SOUND)
            return limit(fit_length(to_stereo_48k(result.audio, result.audio_rate), n))
        if self.audio_spec is None:
            return None
        loaded, _ = self.warm.get(self.audio_spec)
        with loaded.lock:
            try:
                bed = effects(
                    loaded.pipe,
                    self.audio_spec,
                    sound_prompt(plan),
                    n / AUDIO_RATE,
                    request.seed,
                    lambda f: progress(base + SOUND * f),
                    should_stop,
                )
            except BaseException:
                loaded.pipe.maybe_free_model_hooks()
                raise
        return mix_with_speech(plan, fit_length(bed, n), voicebox_for(self.models, self.spec.name, plan))

    def _remember(
        self,
        request: GenerationRequest,
        loaded: LoadedPipeline,
        warm: bool,
        monitor: StepMonitor,
        adapters: list[Path],
        conditioning: Conditioning,
    ) -> None:
        from cielo.generation.training.store import adapter_dir

        likeness = {}  # how each cameo's look reached the model
        for cameo in request.cameos:
            ways = ["reference image"] if self.spec.kind == "wan-vace" else []
            if adapter_dir(self.settings, self.spec.name, cameo.handle) in adapters:
                ways.append("lora")
            likeness[cameo.handle] = " + ".join(ways) or "prompt only"
        run = {
            "runtime": {**loaded.options, "warm": warm, "load_seconds": 0.0 if warm else loaded.load_seconds},
            "steps_done": monitor.steps_done,
            "previews": len(monitor.previews),
            "loras": [str(p) for p in adapters],
            "conditioning": conditioning.describe(),
            "cameo_likeness": likeness,
        }
        with self._runs_lock:
            if len(self._runs) > 16:  # describe() was never asked for some of them
                self._runs.pop(next(iter(self._runs)))
            self._runs[request] = run


def _open_image(path: Path, what: str) -> Image.Image:
    try:
        with Image.open(path) as image:
            return image.convert("RGB")
    except (OSError, ValueError) as exc:
        raise GenerationError(
            "invalid_input_reference", f"{what} {Path(path).name} is not a readable image"
        ) from exc


def _source_clip(source: Path, geometry: Geometry) -> list[Image.Image]:
    """The source of an edit as the model's frames at its native size: frame i is the source at
    i x time_stretch / model_fps seconds, when rendered frame i will show; the last picture repeats
    where the source ends sooner."""
    wanted = [round(i * geometry.time_stretch) for i in range(geometry.num_frames)]
    clip: list[Image.Image] = []
    frames = iter_frames(source, fps=geometry.model_fps, width=geometry.width, height=geometry.height)
    for index, picture in enumerate(frames):
        while len(clip) < len(wanted) and wanted[len(clip)] == index:
            clip.append(Image.fromarray(picture))
        if len(clip) == len(wanted):
            break
    if not clip:
        raise GenerationError("invalid_source_video", "the source video has no frames")
    return clip + [clip[-1]] * (len(wanted) - len(clip))


def _source_pictures(source: Path, request: GenerationRequest, count: int):
    """The first `count` frames of the source at the request's rate and size (extend)."""
    for i, picture in enumerate(
        iter_frames(source, fps=request.fps, width=request.width, height=request.height)
    ):
        if i >= count:
            return
        yield picture


def _after_source(source: Path, source_seconds: float, new: np.ndarray) -> np.ndarray:
    """The source's own audio for its length, then the new audio, joined with a short crossfade."""
    head = fit_length(decode_audio(source), round(source_seconds * AUDIO_RATE)).copy()
    tail = new.copy()
    joint = min(int(JOIN_FADE * AUDIO_RATE), head.shape[1], tail.shape[1])
    if joint:
        fade(head[:, -joint:], 0, joint)
        fade(tail[:, :joint], joint, 0)
    return limit(np.concatenate([head, tail], axis=1))
