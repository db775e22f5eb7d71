"""How fast the preview engine renders, against encoding alone, in the same process.

For a 12 s 720x1280 video at 24 fps it measures:
  render+encode   the engine's render stage (draw every frame, scale, caption, H.264-encode)
  encode alone    the same pictures, drawn beforehand and kept in memory, pushed through the same
                  scaling + H.264 path: the floor the render stage cannot beat
  pipeline        the whole run_pipeline (plan, render, soundtrack, mux, previews, metadata)
and prints each as a multiple of real time, plus render+encode as a ratio to encode alone.

    .venv/bin/python bench/preview_render.py [--seconds 12] [--width 720] [--height 1280] [--repeat 2] [--busy]

`--busy` renders a prompt with more on screen (a fight with fire breath, then a cook at a stove
with steam, then two people talking in a cafe) instead of the default.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from cielo.generation import GenerationRequest, run_pipeline
from cielo.generation.catalog import ModelCatalog
from cielo.generation.engines.preview import _encode
from cielo.generation.engines.preview.director import internal_size, new_content
from cielo.generation.media import VideoWriter
from cielo.generation.pipeline import build_plan

PROMPT = (
    'A fox walks along the beach at sunset, waves rolling in. Ana: "Hola, ¿ves el zorro?" '
    'Then cut to a city street at night in the rain, Bob says "Let\'s get home before the storm."'
)


BUSY_PROMPT = (
    "A knight fights a dragon in a castle. Then a chef cooks paella on a sunny terrace. "
    'Then two friends sit in a cafe. Ana: "Did you see that dragon?" Bob: "I did, and the paella!"'
)


def _best(samples: list[float]) -> float:
    # The best of a few runs: other processes on a shared machine only ever make a run slower.
    return min(samples)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=int, default=12)
    parser.add_argument("--width", type=int, default=720)
    parser.add_argument("--height", type=int, default=1280)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--busy", action="store_true", help="a prompt with more figures and effects")
    args = parser.parse_args()

    request = GenerationRequest(
        prompt=BUSY_PROMPT if args.busy else PROMPT, seconds=args.seconds, width=args.width, height=args.height, seed=7
    )
    plan = build_plan(request)
    engine = ModelCatalog.preview_only().engine(request.model)
    w, h = internal_size(request.width, request.height)
    real_time = plan.frame_count / plan.fps

    render_times: list[float] = []
    encode_times: list[float] = []
    pipeline_times: list[float] = []
    cpu: dict[str, float] = {}
    stage_report: dict = {}
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            started, cpu_started = time.perf_counter(), time.process_time()
            engine.render(plan, request, Path(tmp), lambda f: None, lambda: False)
            render_times.append(time.perf_counter() - started)
            cpu["render"] = min(cpu.get("render", 1e9), time.process_time() - cpu_started)

        # Baseline: the same pictures drawn beforehand, then only scaled and encoded.
        pictures = list(new_content(plan, w, h))
        with tempfile.TemporaryDirectory() as tmp:
            started, cpu_started = time.perf_counter(), time.process_time()
            with VideoWriter(
                Path(tmp) / "encode_only.mp4", request.width, request.height, request.fps
            ) as writer:
                _encode(iter(pictures), len(pictures), writer, lambda f: None, lambda: False)
            encode_times.append(time.perf_counter() - started)
            cpu["encode"] = min(cpu.get("encode", 1e9), time.process_time() - cpu_started)
        del pictures

        with tempfile.TemporaryDirectory() as tmp:
            started, cpu_started = time.perf_counter(), time.process_time()
            result = run_pipeline(request, Path(tmp))
            pipeline_times.append(time.perf_counter() - started)
            cpu["pipeline"] = min(cpu.get("pipeline", 1e9), time.process_time() - cpu_started)
            stage_report = result.metadata["stages"]

    render, encode, pipeline = _best(render_times), _best(encode_times), _best(pipeline_times)
    print(
        f"video: {args.seconds} s, {args.width}x{args.height} @ {request.fps} fps ({plan.frame_count} frames), "
        f"internal render size {w}x{h}, best of {args.repeat}"
    )
    print(
        f"render+encode: {render:.2f} s = {real_time / render:.2f}x faster than real time "
        f"(cpu {cpu['render']:.2f} s)"
    )
    print(
        f"encode alone:  {encode:.2f} s = {real_time / encode:.2f}x faster than real time "
        f"(cpu {cpu['encode']:.2f} s)"
    )
    print(f"render+encode / encode alone: {render / encode:.2f}x (cpu {cpu['render'] / cpu['encode']:.2f}x)")
    print(
        f"whole pipeline: {pipeline:.2f} s = {real_time / pipeline:.2f}x faster than real time "
        f"(cpu {cpu['pipeline']:.2f} s)"
    )
    print(
        "pipeline stages (last run): "
        + ", ".join(f"{k} {v['seconds']:.2f} s" for k, v in stage_report.items())
    )
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"machine: {os.cpu_count()} cpus, 1-minute load average {load:.2f} at the end "
        "(other processes slow every figure down alike; the ratios are the stable part)"
    )
    if len(render_times) > 1:
        print(
            f"spread: render+encode {statistics.pstdev(render_times):.2f} s, encode {statistics.pstdev(encode_times):.2f} s"
        )


if __name__ == "__main__":
    main()
