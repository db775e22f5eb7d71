"""Seconds per video and peak GPU memory of real-size Wan 2.1 1.3B and LTX-2 (random weights), with
the diffusers default against each speed option the registry offers, in the same process.

Each model is built in code at its published size (transformer and VAE; a small text encoder of the
right width stands in for UMT5-XXL / Gemma-3, it runs once per video), placed on the GPU in bf16, and
run through the engine's own call arguments and step callback:

  default       bf16, everything on the GPU, the native SDPA attention: what diffusers does by default
  first_block   FirstBlockCache (threshold 0.1 here; the registry's `cache = "first_block"`); Wan only
  taylorseer    TaylorSeer cache (interval 4: the blocks run on 3 warm-up steps, then every 4th; the output
                projections are predicted in between)
  pyramid       Pyramid Attention Broadcast (spatial attention reused every 2nd step); Wan only
  cudnn         the cuDNN attention backend (`attention_backend = "_native_cudnn"`)
  compile       regional torch.compile of the repeated transformer blocks (timed after a warm-up)
  best          taylorseer + compile (cudnn attention was slower than SDPA's default on the H200)
  fp8           fp8 weight storage (layerwise casting), for memory rather than speed

It prints one row per (model, size, option): seconds per video, speed-up over `default`, peak memory.
The goal is `best` >= 2.5x `default`. Steps default to the registry's (Wan 50, LTX-2 40); fewer keep a run
inside a 10-minute device limit, at the price of fewer steps a cache can skip:

    .venv/bin/python bench/gpu_engines.py --model ltx2 --option default --option taylorseer --option best
    .venv/bin/python bench/gpu_engines.py --model wan --size 480p --steps 20
    .venv/bin/python bench/gpu_engines.py --tiny          # CPU dry run of every code path, tiny models

Speed does not depend on the weights, except for caches that decide from the model's outputs when to
skip: random weights never let FirstBlockCache skip (measured 1.00x), so its gain needs real weights.
TaylorSeer skips on a fixed schedule, so its speed carries over; its quality needs real weights to judge.
"""

from __future__ import annotations

import argparse
import gc
import time
import warnings
from dataclasses import replace
from pathlib import Path

import torch

from cielo.config import Settings
from cielo.generation.engines.diffusers.calls import Conditioning, call_arguments
from cielo.generation.engines.diffusers.geometry import Geometry
from cielo.generation.engines.diffusers.loading import apply_speed_options, denoisers
from cielo.generation.engines.diffusers.steps import StepMonitor
from cielo.testing.tiny_pipelines import pipeline_for
from cielo.generation.registry import CACHE_SUPPORT, CACHES, ModelSpec, load_registry

SIZES = {  # (width, height) per model family: multiples of 16 (Wan) and 32 (LTX-2)
    "wan": {"480p": (832, 480), "720p": (1280, 720)},
    "ltx2": {"480p": (832, 480), "720p": (1280, 704)},
}
FRAMES = {"wan": 81, "ltx2": 121}  # 5 s at 16 and 24 fps
REGISTRY_NAME = {"wan": "wan2.1-t2v-1.3b", "ltx2": "ltx-2"}
OPTIONS = ("default", "first_block", "taylorseer", "pyramid", "cudnn", "compile", "best", "fp8")
PROMPT = "A red fox trots along a beach at sunset, waves rolling in, warm light, cinematic"


def variant(spec: ModelSpec, option: str, on_gpu: bool) -> ModelSpec:
    """The registry entry with one speed option switched on (what an operator would write)."""
    caches = {
        "first_block": {"threshold": 0.1},
        "taylorseer": {"cache_interval": 4},
        "pyramid": {"spatial_attention_block_skip_range": 2},
    }
    attention = "_native_cudnn" if on_gpu else None
    if option in caches:
        return replace(spec, cache=option, cache_options=caches[option])
    if option == "cudnn":
        return replace(spec, attention_backend=attention)
    if option == "compile":
        return replace(spec, compile=True)
    if option == "best":
        return replace(spec, cache="taylorseer", cache_options=caches["taylorseer"], compile=True)
    return spec


def build(model: str, size: str, device: torch.device):
    """A random-weight pipeline, built directly on `device` in bf16 (no 76 GB float32 detour on the CPU)."""
    dtype = torch.bfloat16 if device.type == "cuda" else torch.float32
    previous = torch.get_default_dtype()
    torch.set_default_dtype(dtype)
    try:
        with torch.device(device):
            pipe = pipeline_for(model, size=size)
    finally:
        torch.set_default_dtype(previous)
    pipe.set_progress_bar_config(disable=True)
    return pipe.to(device, dtype)


def undo_speed_options(pipe) -> None:
    for module in denoisers(pipe):
        if getattr(module, "_cache_config", None) is not None:
            module.disable_cache()
        module.set_attention_backend("native")


def run_once(pipe, spec: ModelSpec, geometry: Geometry) -> float:
    monitor = StepMonitor(spec.steps, lambda f: None, lambda: False)
    args = call_arguments(spec, pipe, geometry, PROMPT, 7, Conditioning(), monitor)
    if pipe.device.type == "cuda":
        torch.cuda.synchronize()
    started = time.perf_counter()
    pipe(**args)
    if pipe.device.type == "cuda":
        torch.cuda.synchronize()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--model", choices=("wan", "ltx2"), action="append")
    parser.add_argument("--size", choices=("480p", "720p"), action="append")
    parser.add_argument("--option", choices=OPTIONS, action="append", help="default: all")
    parser.add_argument(
        "--steps", type=int, help="denoising steps per video (default: the registry's, 50 for Wan, 40 for LTX-2)"
    )
    parser.add_argument("--tiny", action="store_true", help="tiny models on the CPU: checks the code paths")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")

    on_gpu = torch.cuda.is_available() and not args.tiny
    device = torch.device("cuda" if on_gpu else "cpu")
    if not on_gpu and not args.tiny:
        raise SystemExit("no GPU here: run with --tiny for a CPU dry run")
    models = args.model or ["wan", "ltx2"]
    sizes = args.size or ["480p", "720p"]
    options = args.option or [o for o in OPTIONS if on_gpu or o not in ("compile", "best")]
    registry = load_registry(Settings(home=Path("/nonexistent")))
    print(f"device: {torch.cuda.get_device_name(0) if on_gpu else 'cpu (tiny dry run)'}")
    print(f"{'model':6s} {'size':5s} {'option':12s} {'s/video':>9s} {'speed-up':>9s} {'peak GB':>8s}")
    fresh = "tiny" if args.tiny else "real"
    for model in models:
        pipe = build(model, fresh, device)
        base = registry[REGISTRY_NAME[model]]
        base = replace(base, steps=args.steps or base.steps, dtype="bfloat16")
        if args.tiny:
            base = replace(base, sizes=("32x32",), call_options={"max_sequence_length": 16})
        for size in sizes:
            width, height = (32, 32) if args.tiny else SIZES[model][size]
            frames = 9 if args.tiny else FRAMES[model]
            geometry = Geometry(width, height, frames, base.fps, width, height, base.fps, frames, 1.0)
            print(f"{model} {width}x{height}x{frames}, {base.steps} steps", flush=True)
            run_once(pipe, replace(base, steps=2), geometry)  # warm-up: CUDA context, kernels; not timed
            baseline = None
            for number, option in enumerate(options, 1):
                if option in CACHES and option not in CACHE_SUPPORT[base.kind]:
                    print(f"{model:6s} {size:5s} {option:12s} {'(no diffusers hook for this model)':>28s}")
                    continue
                spec = variant(base, option, on_gpu)
                if option == "fp8":
                    compute = torch.bfloat16 if on_gpu else torch.float32
                    for module in denoisers(pipe):
                        module.enable_layerwise_casting(
                            storage_dtype=torch.float8_e4m3fn, compute_dtype=compute
                        )
                else:
                    apply_speed_options(pipe, spec)
                if on_gpu:
                    torch.cuda.reset_peak_memory_stats()
                if spec.compile:
                    # Compile outside the timed run; 4 steps meet every call variant (guidance passes, cached
                    # and computed steps).
                    run_once(pipe, replace(spec, steps=4), geometry)
                seconds = run_once(pipe, spec, geometry)
                peak = torch.cuda.max_memory_allocated() / 1e9 if on_gpu else float("nan")
                baseline = baseline or (seconds if option == "default" else None)
                ratio = f"{baseline / seconds:8.2f}x" if baseline else "        -"
                print(f"{model:6s} {size:5s} {option:12s} {seconds:9.2f} {ratio} {peak:8.2f}", flush=True)
                undo_speed_options(pipe)
                if option in ("compile", "best", "fp8") and (number < len(options) or size != sizes[-1]):
                    # Compilation and fp8 storage cannot be undone: what follows gets a fresh model, and
                    # dynamo forgets the compiled blocks (their guards would count against its recompile limit).
                    del pipe
                    torch._dynamo.reset()
                    gc.collect()
                    if on_gpu:
                        torch.cuda.empty_cache()
                    pipe = build(model, fresh, device)
        del pipe
        gc.collect()
        if on_gpu:
            torch.cuda.empty_cache()


if __name__ == "__main__":
    main()
