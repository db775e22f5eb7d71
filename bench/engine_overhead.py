"""What the diffusers engine costs on top of calling the same diffusers pipeline directly.

One random-weight Wan pipeline (built in code, saved and registered like real weights) renders the
same request two ways, alternately, in this process:
  direct   pipe(...) with the same arguments and seed, then the frames written to the same mp4
           (scaled and cropped to the requested size, resampled to the requested duration) with
           the project's VideoWriter: the least a caller of the pipeline has to do anyway
  engine   DiffusersEngine.render: registry geometry, the warm-pipeline lookup, the per-step
           callback (progress, cancellation check, a latent preview every 2 steps), adapters
           bookkeeping, the same pipeline call and the same writing
It prints the best wall and CPU time of each and their ratios (the goal is at most 1.05), plus the
denoising call alone with and without the engine's step callback.

    .venv/bin/python bench/engine_overhead.py [--steps 8] [--repeat 7] [--size 96x96] [--frames 17]
"""

from __future__ import annotations

import argparse
import tempfile
import time
import warnings
from pathlib import Path

import torch

from cielo.config import Settings
from cielo.generation import GenerationRequest
from cielo.generation.catalog import ModelCatalog
from cielo.generation.engines import RENDER_FILE
from cielo.generation.engines.diffusers.calls import Conditioning, call_arguments
from cielo.generation.engines.diffusers.geometry import plan_geometry
from cielo.generation.engines.diffusers.output import write_render
from cielo.generation.engines.diffusers.steps import StepMonitor
from cielo.testing.tiny_pipelines import wan_pipeline
from cielo.generation.pipeline import build_plan

PROMPT = "A fox walks along the beach at sunset, waves rolling in"


def _best(samples: list[float]) -> float:
    # The best of a few runs: other processes on a shared machine only ever make a run slower.
    return min(samples)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--steps", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--size", default="96x96", help="the model's native size, WxH (multiple of 16)")
    parser.add_argument("--frames", type=int, default=17, help="frames the model renders (4k + 1)")
    parser.add_argument("--seconds", type=int, default=2)
    parser.add_argument(
        "--threads", type=int, default=1, help="torch threads (1: steadiest on a shared machine)"
    )
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    torch.set_num_threads(args.threads)

    root = Path(tempfile.mkdtemp(prefix="cielo-bench-"))
    fps = 8
    wan_pipeline("wan").save_pretrained(root / "models" / "bench-wan")
    (root / "models.toml").write_text(
        f'[models.bench-wan]\nkind = "wan"\npath = "models/bench-wan"\ndtype = "float32"\nsteps = {args.steps}\n'
        f'fps = {fps}\nframe_multiple = 4\nmax_frames = {args.frames}\nsizes = ["{args.size}"]\n'
        f"preview_every = 2\ncall_options = {{ max_sequence_length = 16 }}\n"
    )
    settings = Settings(home=root, models_file=root / "models.toml")
    models = ModelCatalog(settings)
    spec = models.spec("bench-wan")
    engine = models.engine("bench-wan")
    request = GenerationRequest(PROMPT, args.seconds, 180, 320, seed=3, model="bench-wan")
    plan = build_plan(request)
    geometry = plan_geometry(spec, request.width, request.height, plan.seconds, request.fps)
    loaded, _ = engine.warm.get(spec)  # both ways use the same warm pipeline; loading is not measured
    pipe = loaded.pipe

    def direct(work: Path) -> None:
        monitor = StepMonitor(spec.steps, lambda f: None, lambda: False)
        args_ = call_arguments(spec, pipe, geometry, request.prompt, request.seed, Conditioning(), monitor)
        del args_["callback_on_step_end"], args_["callback_on_step_end_tensor_inputs"]
        frames = pipe(**args_).frames[0]
        write_render(work / RENDER_FILE, frames, geometry)

    def via_engine(work: Path) -> None:
        engine.render(plan, request, work, lambda f: None, lambda: False)

    def denoise(with_callback: bool) -> None:
        monitor = StepMonitor(
            spec.steps,
            lambda f: None,
            lambda: False,
            preview_every=2,
            preview_path=root / "preview.jpg",
            preview_size=(request.width, request.height),
        )
        args_ = call_arguments(spec, pipe, geometry, request.prompt, request.seed, Conditioning(), monitor)
        if not with_callback:
            del args_["callback_on_step_end"], args_["callback_on_step_end_tensor_inputs"]
        args_["output_type"] = "latent"
        pipe(**args_)

    runs = {
        "direct": lambda i: direct(_fresh(root / f"d{i}")),
        "engine": lambda i: via_engine(_fresh(root / f"e{i}")),
        "denoise": lambda i: denoise(False),
        "denoise+callback": lambda i: denoise(True),
    }
    for run in runs.values():
        run(-1)  # warm-up: first calls pay one-off allocations
    wall: dict[str, list[float]] = {name: [] for name in runs}
    cpu: dict[str, list[float]] = {name: [] for name in runs}
    for i in range(args.repeat):  # interleaved, so a busy moment hits every variant alike
        for name, run in runs.items():
            w0, c0 = time.perf_counter(), time.process_time()
            run(i)
            wall[name].append(time.perf_counter() - w0)
            cpu[name].append(time.process_time() - c0)

    print(
        f"model: random Wan ({args.size}, {geometry.num_frames} frames, {spec.steps} steps), "
        f"request {request.width}x{request.height} {args.seconds}s; torch threads {torch.get_num_threads()}"
    )
    for name in runs:
        print(f"  {name:18s} wall best {_best(wall[name]):.3f}s  cpu best {_best(cpu[name]):.3f}s")
    # CPU time (all threads of this process) is what the engine adds; wall time also carries whatever
    # else the machine is doing, so both are shown.
    for label, table in (("wall", wall), ("cpu", cpu)):
        print(
            f"engine / direct ({label}): {_best(table['engine']) / _best(table['direct']):.3f}  (goal <= 1.05);  "
            f"denoise with / without callback: {_best(table['denoise+callback']) / _best(table['denoise']):.3f}"
        )


def _fresh(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder


if __name__ == "__main__":
    main()
