"""The diffusers engine through the real generation pipeline, in this process: each pipeline kind,
exact output geometry, per-step progress, preview frames, cancellation, warm pipelines, speed
options, sound for video-only models, and extending and editing a neural video."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import torch

from cielo.generation import GenerationCancelled, GenerationError, GenerationRequest, run_pipeline
from cielo.generation.engines import RENDER_FILE
from cielo.generation.engines.diffusers.loading import WarmPipelines, load_pipeline, warm_pipelines
from cielo.generation.media import decode_audio, read_frames
from cielo.generation.pipeline import PREVIEW_FILE
from tests.neural.conftest import assert_video, make_video, write_image

PROMPT = 'A fox on the beach at sunset. Ana: "We made it!"'


def _request(model: str, **fields) -> GenerationRequest:
    return GenerationRequest(
        **{"prompt": PROMPT, "seconds": 4, "width": 180, "height": 320, "seed": 7, "model": model, **fields}
    )


def test_ltx2_text_to_video_with_its_own_audio_progress_and_previews(neural_settings, models, tmp_path):
    events: list[tuple[float, str]] = []
    previews: list[bytes] = []
    result = make_video(models, 
        _request("tiny-ltx2"),
        tmp_path / "work",
        progress=lambda f, stage: events.append((f, stage)),
        preview=lambda path: previews.append(path.read_bytes()),
    )
    assert_video(result.video, 180, 320, 4.0)
    meta = result.metadata
    assert meta["engine"] == "diffusers" and meta["neural"] and meta["pipeline"] == "ltx2"
    assert meta["audio"]["source"] == "engine" and meta["sound"]["source"] == "model"
    assert (meta["native_width"], meta["native_height"], meta["native_frames"]) == (32, 64, 9)
    assert meta["steps_done"] == 3 and meta["previews"] == 2
    # Two preview frames reached the caller as JPEGs while rendering, and none is left behind.
    assert len(previews) == 2 and all(p[:3] == b"\xff\xd8\xff" for p in previews)
    assert not (tmp_path / "work" / PREVIEW_FILE).exists()
    render = [f for f, stage in events if stage == "render"]
    assert len(render) >= 5 and render == sorted(render)  # one report per denoising step, and more
    audio = decode_audio(result.video)
    assert np.abs(audio).max() > 0  # the model's waveform, not silence


def test_ltx_video_and_ltx2_image_to_video_render_the_exact_request(neural_settings, models, tmp_path):
    reference = write_image(tmp_path / "ref.png", ((200, 40, 40), (40, 60, 200)))
    # LTX-2 with an image switches to its image-to-video sibling, sharing the loaded weights.
    for model, extra in {"tiny-ltx": {}, "tiny-ltx2": {"input_reference": reference}}.items():
        result = make_video(models, _request(model, width=320, height=180, seconds=2, **extra), tmp_path / model)
        assert_video(result.video, 320, 180, 2.0)
        assert (result.metadata["native_width"], result.metadata["native_height"]) == (
            64,
            32,
        )  # landscape size
        assert result.metadata["conditioning"]["first_frame"] is ("input_reference" in extra)


def test_wan22_runs_both_experts(neural_settings, models, tmp_path):
    loaded, _ = warm_pipelines().get(models.spec("tiny-wan22"))
    calls = {"transformer": 0, "transformer_2": 0}
    hooks = [
        getattr(loaded.pipe, name).register_forward_hook(
            lambda *_, name=name: calls.__setitem__(name, calls[name] + 1)
        )
        for name in calls
    ]
    try:
        make_video(models, _request("tiny-wan22"), tmp_path / "w")
    finally:
        for hook in hooks:
            hook.remove()
    # 3 steps with guidance (2 passes each): the high-noise expert starts, the low-noise one finishes.
    assert calls["transformer"] > 0 and calls["transformer_2"] > 0
    assert calls["transformer"] + calls["transformer_2"] == 6


def test_vace_puts_two_cameo_references_in_the_video(neural_settings, models, tmp_path):
    ana = write_image(tmp_path / "ana.png", ((230, 180, 150), (30, 30, 30)))
    bob = write_image(tmp_path / "bob.png", ((90, 60, 40), (200, 200, 220)))
    prompt = "Two friends dance in the city"
    plain = make_video(models, _request("tiny-vace", prompt=prompt, seconds=2), tmp_path / "plain")
    cameo = make_video(models, 
        _request("tiny-vace", prompt=prompt, seconds=2, reference_images=(ana, bob)), tmp_path / "c"
    )
    assert cameo.metadata["conditioning"] == {"first_frame": False, "reference_images": 2, "source_frames": 0}
    assert_video(cameo.video, 180, 320, 2.0)
    # Same seed and prompt: only the references differ, and they change the picture.
    difference = np.abs(read_frames(cameo.video)[10].astype(int) - read_frames(plain.video)[10].astype(int))
    assert difference.mean() > 1.0


def test_cancel_between_denoising_steps_leaves_nothing_and_the_pipeline_reusable(neural_settings, models, tmp_path):
    render_reports: list[float] = []

    def report(fraction: float, stage: str) -> None:
        if stage == "render":
            render_reports.append(fraction)

    # Reports in the render stage: the start, the loaded pipeline, then one per denoising step.
    # Asking to stop after the first step is answered at the end of the second, before any decode.
    with pytest.raises(GenerationCancelled):
        make_video(models, 
            _request("tiny-wan-fast"),
            tmp_path / "cancelled",
            progress=report,
            should_stop=lambda: len(render_reports) >= 3,
        )
    assert len(render_reports) == 3  # steps 2 and 3, the decode and the writing never reported
    assert not (tmp_path / "cancelled" / RENDER_FILE).exists()
    # The warm pipeline (with its first-block cache hook) serves the next job as if nothing happened.
    again = make_video(models, _request("tiny-wan-fast", seconds=2), tmp_path / "again")
    assert (
        again.metadata["runtime"]["warm"] is True
        and again.metadata["runtime"]["cache"]["kind"] == "first_block"
    )
    assert again.metadata["steps_done"] == 3


def test_warm_pipelines_load_once_and_evict_least_recently_used(neural_settings, models, tmp_path):
    wan, ltx = models.spec("tiny-wan"), models.spec("tiny-ltx")
    small = WarmPipelines(budget_bytes=1)  # every new pipeline pushes the older ones out
    first, warm = small.get(wan)
    assert not warm and small.get(wan) == (first, True) and small.loads == 1
    small.get(ltx)
    assert small.names() == ["tiny-ltx"] and small.loads == 2
    roomy = WarmPipelines(budget_bytes=10**12)
    roomy.get(wan), roomy.get(ltx), roomy.get(wan)
    assert roomy.names() == ["tiny-ltx", "tiny-wan"] and roomy.loads == 2  # tiny-wan most recent


def test_video_only_model_gets_text_to_audio_effects_and_speech(neural_settings, models, tmp_path):
    result = make_video(models, _request("tiny-wan-sfx"), tmp_path / "sfx")  # 4 s: two clips of the 2 s audio model
    assert result.metadata["sound"] == {"source": "text-to-audio + speech", "model": "tiny-audio"}
    assert result.metadata["audio"]["source"] == "engine"
    assert_video(result.video, 180, 320, 4.0)
    assert np.abs(decode_audio(result.video)).max() > 0.05  # the dialogue line is spoken over the effects


def test_extend_a_neural_video_keeps_the_source_then_continues(neural_settings, models, tmp_path):
    first = make_video(models, _request("tiny-ltx2", seconds=2), tmp_path / "first")
    source = tmp_path / "source.mp4"
    shutil.copy(first.video, source)
    extended = make_video(models, 
        _request("tiny-ltx2", mode="extend", seconds=2, source_video=source, prompt="The fox runs away"),
        tmp_path / "extended",
    )
    assert_video(extended.video, 180, 320, 4.0)
    assert extended.metadata["conditioning"]["first_frame"]  # continued from the source's last frame
    head = read_frames(extended.video)[:40]
    original = read_frames(source)[:40]
    assert np.abs(np.stack(head).astype(int) - np.stack(original).astype(int)).mean() < 4  # re-encoded only


def _preview_video(tmp_path: Path, seconds: int) -> Path:
    """A preview-engine video with sound to edit, copied out of its work folder."""
    source = tmp_path / "source.mp4"
    shutil.copy(run_pipeline(_request("cielo-preview", seconds=seconds), tmp_path / "preview").video, source)
    return source


def _sound_correlation(source: Path, edited: Path) -> float:
    """How closely the edit's soundtrack follows its source's, over their common length."""
    before, after = decode_audio(source)[0], decode_audio(edited)[0]
    n = min(before.size, after.size)
    return float(np.corrcoef(before[:n], after[:n])[0, 1])


def test_edit_redoes_part_of_the_schedule_on_the_source_frames_and_keeps_its_sound(neural_settings, models, tmp_path):
    from PIL import Image, ImageOps

    source = _preview_video(tmp_path, seconds=3)
    # What the model starts from: the clip its VAE encodes (Wan encodes the first frame, then 4 at a time).
    loaded, _ = warm_pipelines().get(models.spec("tiny-wan-edit"))
    encoded = []
    hook = loaded.pipe.vae.encoder.register_forward_pre_hook(lambda _, args: encoded.append(args[0].clone()))
    try:
        edit = _request("tiny-wan-edit", mode="edit", source_video=source, prompt="Make it snow")
        edited = make_video(models, edit, tmp_path / "edit")
    finally:
        hook.remove()
    meta = edited.metadata
    assert_video(edited.video, 180, 320, 3.0)  # the source's length, not the request's 4 s
    assert meta["conditioning"]["source_frames"] == 9 and meta["edit_strength"] == 0.5
    assert meta["steps_done"] == 5  # the last half of the 10-step schedule
    clip = ((np.concatenate([x.numpy() for x in encoded], axis=2)[0] + 1) * 127.5).transpose(1, 2, 3, 0)
    assert clip.shape == (9, 64, 32, 3)  # 9 frames at the native 32x64 (2 fps over 4 s)
    originals = read_frames(source)  # 24 fps, 72 frames

    def error(i: int, source_index: int) -> float:
        picture = Image.fromarray(originals[min(max(source_index, 0), len(originals) - 1)])
        fitted = np.asarray(ImageOps.fit(picture, (32, 64), Image.BILINEAR), float)
        return float(np.abs(clip[i] - fitted).mean())

    for i in range(6):  # frame i shows second i / 2, closer to it than to half a second either side
        assert error(i, 12 * i) < min(5.0, error(i, 12 * i - 12) if i else 99, error(i, 12 * i + 12)), i
    assert np.abs(clip[8] - clip[6]).max() < 1  # past the source's end its last picture repeats
    # The source's own sound carries on under the new dialogue.
    assert _sound_correlation(source, edited.video) > 0.3


def test_ltx2_edit_starts_from_the_source_latents_on_the_tail_of_its_own_schedule(neural_settings, models, tmp_path):
    source = _preview_video(tmp_path, seconds=3)
    pipe = warm_pipelines().get(models.spec("tiny-ltx2-edit"))[0].pipe
    clips, calls = [], []  # what the VAE encodes; (sigma, video tokens) of each transformer call
    hooks = [
        pipe.vae.encoder.register_forward_pre_hook(lambda _, args: clips.append(args[0].clone())),
        pipe.transformer.register_forward_pre_hook(
            lambda _, __, kw: calls.append((float(kw["timestep"][0]) / 1000, kw["hidden_states"][0].clone())),
            with_kwargs=True,
        ),
    ]
    try:
        # The same geometry generated from noise: the model's whole 10-step schedule.
        make_video(models, _request("tiny-ltx2-edit", seconds=3), tmp_path / "full")
        schedule = _sigmas(calls)
        clips.clear()
        calls.clear()
        edit = _request("tiny-ltx2-edit", mode="edit", source_video=source, prompt="Make it snow")
        edited = make_video(models, edit, tmp_path / "edit")
    finally:
        for hook in hooks:
            hook.remove()
    meta = edited.metadata
    assert_video(edited.video, 180, 320, 3.0)  # the source's length, not the request's 4 s
    assert meta["conditioning"]["source_frames"] == 9 and meta["edit_strength"] == 0.5
    assert meta["steps_done"] == 5
    # The last 5 sigmas of the shifted, stretched schedule, not a fresh 5-step one.
    assert len(schedule) == 10 and _sigmas(calls) == pytest.approx(schedule[5:], abs=1e-6)
    # The first step sees the source's latents under exactly that much noise: what remains once they are
    # taken out is unit noise, unrelated to them.
    (clip,) = clips
    assert clip.shape == (1, 3, 9, 64, 32)
    with torch.no_grad():
        encoded = pipe.vae.encode(clip).latent_dist.mode()
    source_tokens = pipe._pack_latents(pipe._normalize_latents(
        encoded, pipe.vae.latents_mean, pipe.vae.latents_std, pipe.vae.config.scaling_factor)).flatten()
    sigma, tokens = calls[0]
    rest = ((tokens.flatten() - (1 - sigma) * source_tokens) / sigma).numpy()
    assert abs(rest.mean()) < 0.15 and 0.9 < rest.std() < 1.1
    assert abs(np.corrcoef(rest, source_tokens.numpy())[0, 1]) < 0.15
    # The source's own sound carries on under the new dialogue, not LTX-2's half-denoised audio.
    assert _sound_correlation(source, edited.video) > 0.3


def _sigmas(calls: list[tuple[float, torch.Tensor]]) -> list[float]:
    """One sigma per step: LTX-2 calls its transformer more than once a step (guidance)."""
    return [sigma for i, (sigma, _) in enumerate(calls) if i == 0 or sigma != calls[i - 1][0]]


def test_models_that_cannot_edit_and_wrong_folders_are_refused_with_clear_codes(neural_settings, models, tmp_path):
    source = _preview_video(tmp_path, seconds=1)
    for model, why in {"tiny-ltx": "kind 'ltx'", "tiny-wan22": "two experts"}.items():
        with pytest.raises(GenerationError) as edit:
            make_video(models, _request(model, mode="edit", source_video=source), tmp_path / "edit")
        assert edit.value.code == "unsupported_mode" and why in edit.value.message
    with pytest.raises(GenerationError) as i2v:
        make_video(models, _request("tiny-i2v"), tmp_path / "i2v")  # image to video without an image
    assert i2v.value.code == "invalid_request" and "input_reference" in i2v.value.message
    # A folder holding another kind of pipeline is refused when loaded, not mid-render.
    with pytest.raises(GenerationError) as mismatch:
        load_pipeline(replace(models.spec("tiny-wan"), kind="ltx2"))
    assert mismatch.value.code == "model_unavailable" and "WanPipeline" in mismatch.value.message


def _latents_with_speed_options(models, kind: str, **options):
    """A tiny random `kind` pipeline with the speed `options` of a registry entry, run 10 steps to latents:
    (how many times the first transformer block ran, the latents)."""
    from cielo.generation.engines.diffusers.calls import Conditioning, call_arguments
    from cielo.generation.engines.diffusers.geometry import Geometry
    from cielo.generation.engines.diffusers.loading import apply_speed_options
    from cielo.generation.engines.diffusers.steps import StepMonitor
    from cielo.testing.tiny_pipelines import pipeline_for

    spec = replace(models.spec(f"tiny-{kind}"), steps=10, **options)
    geometry = Geometry(32, 32, 9, spec.fps, 32, 32, spec.fps, 9, 1.0)
    pipe = pipeline_for(kind)
    pipe.set_progress_bar_config(disable=True)
    applied = apply_speed_options(pipe, spec)
    assert applied.get("cache", {}).get("kind") == spec.cache and applied.get("compile", False) == spec.compile
    first_block = next(m for n, m in pipe.transformer.named_children() if "block" in n)[0]
    calls = []
    # A child of the block runs only when the block itself does.
    next(first_block.children()).register_forward_pre_hook(lambda *_: calls.append(1))
    monitor = StepMonitor(10, lambda f: None, lambda: False)
    args = call_arguments(spec, pipe, geometry, "a fox", 7, Conditioning(), monitor)
    args["output_type"] = "latent"
    output = pipe(**args)
    frames = output.frames if hasattr(output, "frames") else output[0]
    return len(calls), torch.as_tensor(frames)


TAYLORSEER = {"cache": "taylorseer", "cache_options": {"cache_interval": 4}}


@pytest.mark.parametrize("kind", ["wan", "ltx2"])
def test_taylorseer_skips_the_blocks_on_cached_steps_and_predicts_every_output(kind, neural_settings, models):
    """The TaylorSeer option really skips work: the transformer blocks run on 5 of 10 steps (3 warm-up steps,
    then every 4th), while each output projection (LTX-2's audio one too) is predicted in between."""
    from cielo.generation.engines.diffusers.loading import taylorseer_targets
    from cielo.testing.tiny_pipelines import pipeline_for

    targets = taylorseer_targets(pipeline_for(kind).transformer)
    assert targets["cache_identifiers"] == (["proj_out", "audio_proj_out"] if kind == "ltx2" else ["proj_out"])
    full_calls, full = _latents_with_speed_options(models, kind)
    cached_calls, cached = _latents_with_speed_options(models, kind, **TAYLORSEER)
    assert cached_calls * 2 == full_calls  # 5 of 10 steps, in every guidance pass
    assert torch.isfinite(cached).all() and cached.shape == full.shape
    assert not torch.allclose(cached, full)  # the predicted steps really were predicted


def test_taylorseer_and_compile_compose_without_recompiling(neural_settings, models):
    """With torch.compile, TaylorSeer adds no compilation: its bookkeeping runs outside the compiled blocks
    (when dynamo traced it, it recompiled on every step and block and fell back to eager past its limit),
    and the result is the uncompiled TaylorSeer one's (which differs from a full run's: it skipped the same
    steps)."""
    import torch._dynamo
    from torch._dynamo.utils import counters

    def compiled_graphs(**options):
        torch._dynamo.reset()
        counters.clear()
        with torch._dynamo.config.patch(fail_on_recompile_limit_hit=True):
            result = _latents_with_speed_options(models, "ltx2", compile=True, **options)
        return counters["stats"]["unique_graphs"], result

    compile_graphs, (_, full) = compiled_graphs()
    best_graphs, (_, best) = compiled_graphs(**TAYLORSEER)
    _, eager = _latents_with_speed_options(models, "ltx2", **TAYLORSEER)
    assert best_graphs == compile_graphs  # LTX-2's own variants (guidance batch, audio), nothing per step
    # Compiled kernels round differently (the Taylor extrapolation magnifies it), far less than skipping does.
    torch.testing.assert_close(best, eager, rtol=1e-2, atol=1e-2)
    assert not torch.allclose(full, eager, rtol=1e-2, atol=1e-2)


def test_a_likeness_training_on_a_gpu_can_unload_the_warm_pipelines_first(neural_settings, models):
    """What lora._load calls on a GPU: the worker's warm pipelines go, and the next render loads again."""
    from cielo.generation.engines.diffusers.loading import release_warm_pipelines

    warm = warm_pipelines()
    warm.get(models.spec("tiny-wan"))
    assert "tiny-wan" in warm.names()
    release_warm_pipelines()
    assert warm.names() == [] and warm.held_bytes() == 0
    _, reused = warm.get(models.spec("tiny-wan"))
    assert not reused
