"""The generation pipeline: plan -> render -> audio -> mux -> previews -> metadata.

Stages run one after another and each leaves its output in the work folder:

    plan.json        the plan (shots, subjects, timed dialogue)
    render.mp4       the engine's video (intermediate, removed once video.mp4 exists)
    preview.jpg      the picture forming during a neural render (intermediate, handed to `preview`)
    soundtrack.wav   speech + ambience + music (intermediate, unless the engine made its own audio)
    video.mp4        H.264 + AAC, faststart
    thumbnail.webp, spritesheet.jpg
    metadata.json    engine, plan summary, stage timings, preview geometry

A stage whose output already exists is skipped, so a job retried after a worker died resumes where
it stopped. Outputs are written under temporary names and renamed into place, so "exists" always
means "complete". `should_stop()` is checked between stages and, inside the render, between frames.
"""

from __future__ import annotations

import json
import threading
import time
import wave
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from cielo.generation.catalog import ModelCatalog
from cielo.generation.engines import RENDER_FILE
from cielo.generation.errors import GenerationCancelled, GenerationError
from cielo.generation.frames import FrameFilter
from cielo.generation.media import (
    AUDIO_RATE,
    PreviewSampler,
    atomic_output,
    decode_audio,
    mux_audio,
    probe,
    remux,
    spritesheet_layout,
    thumbnail_layout,
    write_bytes_atomic,
    write_spritesheet,
    write_thumbnail,
)
from cielo.generation.plan import Plan, make_plan
from cielo.generation.request import MODES, GenerationRequest, GenerationResult
from cielo.generation.speech import Voicebox, voicebox_for

PLAN_FILE = "plan.json"
SOUNDTRACK_FILE = "soundtrack.wav"
VIDEO_FILE = "video.mp4"
THUMBNAIL_FILE = "thumbnail.webp"
SPRITESHEET_FILE = "spritesheet.jpg"
METADATA_FILE = "metadata.json"
PREVIEW_FILE = "preview.jpg"  # the picture forming, written by engines that can show it (diffusers)

# Share of the progress bar each stage owns (they add up to 1).
STAGE_WEIGHTS = {"plan": 0.02, "render": 0.8, "audio": 0.07, "mux": 0.04, "previews": 0.06, "metadata": 0.01}

ProgressCallback = Callable[[float, str], None]


class _Progress:
    """Maps per-stage fractions onto one monotonic 0..1 bar."""

    def __init__(self, callback: ProgressCallback) -> None:
        self.callback = callback
        self.done = 0.0
        self.last = 0.0
        self.starts: dict[str, float] = {}
        acc = 0.0
        for name, weight in STAGE_WEIGHTS.items():
            self.starts[name] = acc
            acc += weight

    def update(self, stage: str, fraction: float) -> None:
        value = self.starts[stage] + STAGE_WEIGHTS[stage] * min(1.0, max(0.0, fraction))
        if value < self.last:
            return  # never report going backwards (an engine may restart its own count)
        self.last = value
        self.callback(min(1.0, value), stage)


class _Stages:
    """Runs stages, skips those whose outputs exist, and records how long each took."""

    def __init__(self, workdir: Path, progress: _Progress, should_stop: Callable[[], bool]) -> None:
        self.workdir = workdir
        self.progress = progress
        self.should_stop = should_stop
        self.timings: dict[str, dict[str, Any]] = {}

    def run(self, name: str, outputs: list[Path], work: Callable[[Callable[[float], None]], None]) -> bool:
        """Run `work` unless all `outputs` exist; returns True when the stage was reused."""
        if outputs and all(p.exists() for p in outputs):
            self.timings[name] = {"seconds": 0.0, "reused": True}
            self.progress.update(name, 1.0)
            return True
        if self.should_stop():
            raise GenerationCancelled()
        self.progress.update(name, 0.0)
        started = time.perf_counter()
        work(lambda f: self.progress.update(name, f))
        self.timings[name] = {"seconds": round(time.perf_counter() - started, 4), "reused": False}
        self.progress.update(name, 1.0)
        return False

    def skip(self, name: str, reason: str) -> None:
        """Record a stage that has nothing to do in this run."""
        self.timings[name] = {"seconds": 0.0, "reused": True, "skipped": reason}
        self.progress.update(name, 1.0)


def run_pipeline(
    request: GenerationRequest,
    workdir: Path,
    *,
    progress: ProgressCallback = lambda f, stage: None,
    should_stop: Callable[[], bool] = lambda: False,
    preview: Callable[[Path], None] | None = None,
    filters: Sequence[FrameFilter] = (),
    models: ModelCatalog | None = None,
) -> GenerationResult:
    """Generate (or remix, edit, extend) one video into `workdir`; see the module docstring.

    `preview(path)` is called whenever the engine has written a new PREVIEW_FILE (neural engines
    do every few denoising steps), right after the progress report it belongs to. `filters` see every
    frame on its way into the video's one encode (cielo.generation.frames); the thumbnail and spritesheet
    are taken from those frames too, so nothing is decoded again unless a retried job resumes past them.
    `models` is the installation's catalog (its engines and speech models); without one, the preview engine
    renders and espeak-ng speaks."""
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    check_inputs(request)
    models = models or ModelCatalog.preview_only()
    engine = models.engine(request.model)
    tracker = _Progress(progress)
    stages = _Stages(workdir, tracker, should_stop)
    paths = {
        name: workdir / name
        for name in (
            PLAN_FILE,
            RENDER_FILE,
            PREVIEW_FILE,
            SOUNDTRACK_FILE,
            VIDEO_FILE,
            THUMBNAIL_FILE,
            SPRITESHEET_FILE,
            METADATA_FILE,
        )
    }

    metadata_path = paths[METADATA_FILE]
    if metadata_path.exists() and all(
        paths[f].exists() for f in (VIDEO_FILE, THUMBNAIL_FILE, SPRITESHEET_FILE)
    ):
        # Everything is done already: a retry after the last rename.
        metadata = json.loads(metadata_path.read_text())
        tracker.update("metadata", 1.0)
        return GenerationResult(
            paths[VIDEO_FILE],
            paths[THUMBNAIL_FILE],
            paths[SPRITESHEET_FILE],
            float(metadata["seconds"]),
            metadata,
        )

    plan_holder: dict[str, Plan] = {}

    def do_plan(_: Callable[[float], None]) -> None:
        plan = plan_holder["plan"] = build_plan(request)
        write_bytes_atomic(
            paths[PLAN_FILE], json.dumps(plan.to_dict(), ensure_ascii=False, indent=1).encode()
        )

    stages.run("plan", [paths[PLAN_FILE]], do_plan)
    plan = plan_holder.get("plan") or Plan.from_dict(json.loads(paths[PLAN_FILE].read_text()))
    voicebox = voicebox_for(models, request.model, plan)

    video_done = paths[VIDEO_FILE].exists()
    rendered_audio = {"has_audio": False}
    # The soundtrack does not depend on the pictures: start it now, on another thread, so it is
    # ready (or nearly) when the render ends. Its stage below still owns writing soundtrack.wav.
    prefetch = None
    if not video_done and not engine.makes_audio and not paths[SOUNDTRACK_FILE].exists():
        prefetch = _Background(lambda: soundtrack_for(plan, request, voicebox))

    previews = PreviewSampler(request.width, request.height, request.fps, expected_frames(plan, request))

    def do_render(report: Callable[[float], None]) -> None:
        if preview is not None:
            report = _announcing_previews(report, paths[PREVIEW_FILE], preview)
        result = engine.render(plan, request, workdir, report, should_stop, filters=[*filters, previews])
        rendered_audio["has_audio"] = result.has_audio

    stages.run("render", [paths[VIDEO_FILE]] if video_done else [paths[RENDER_FILE]], do_render)
    if not video_done and paths[RENDER_FILE].exists() and not rendered_audio["has_audio"]:
        rendered_audio["has_audio"] = probe(paths[RENDER_FILE])["has_audio"]

    def do_audio(_: Callable[[float], None]) -> None:
        audio = prefetch.result() if prefetch is not None else soundtrack_for(plan, request, voicebox)
        write_wav(paths[SOUNDTRACK_FILE], audio)

    engine_audio = rendered_audio["has_audio"] or (video_done and engine.makes_audio)
    if video_done or engine_audio:
        stages.skip("audio", "the video already has its soundtrack")
    else:
        stages.run("audio", [paths[SOUNDTRACK_FILE]], do_audio)

    def do_mux(_: Callable[[float], None]) -> None:
        if engine_audio:
            remux(paths[RENDER_FILE], paths[VIDEO_FILE], faststart=True)
        else:
            mux_audio(paths[RENDER_FILE], read_wav(paths[SOUNDTRACK_FILE]), paths[VIDEO_FILE], faststart=True)

    stages.run("mux", [paths[VIDEO_FILE]], do_mux)
    for intermediate in (RENDER_FILE, SOUNDTRACK_FILE, PREVIEW_FILE):
        paths[intermediate].unlink(missing_ok=True)  # video.mp4 holds the render and soundtrack now

    info = probe(paths[VIDEO_FILE])
    duration = info["duration"]

    def do_previews(report: Callable[[float], None]) -> None:
        if previews.write(paths[THUMBNAIL_FILE], paths[SPRITESHEET_FILE]):
            return  # from the frames the render already had in memory
        # A retried job that resumed past its render: decode the previews from the file.
        if not paths[THUMBNAIL_FILE].exists():
            write_thumbnail(paths[VIDEO_FILE], paths[THUMBNAIL_FILE])
        report(0.3)
        if not paths[SPRITESHEET_FILE].exists():
            write_spritesheet(paths[VIDEO_FILE], paths[SPRITESHEET_FILE])

    stages.run("previews", [paths[THUMBNAIL_FILE], paths[SPRITESHEET_FILE]], do_previews)

    metadata = {
        **engine.describe(request),
        "model": request.model,
        "mode": request.mode,
        "prompt": request.prompt,
        "seed": request.seed,
        "width": info["width"],
        "height": info["height"],
        "fps": request.fps,
        "seconds": duration,
        "frame_count": info["frame_count"],
        "audio": {
            "codec": info["audio_codec"],
            "sample_rate": info["sample_rate"],
            "channels": info["channels"],
            "source": "engine" if engine_audio else "soundtrack",
        },
        # Which model spoke each line (a video model that makes its own audio speaks for itself).
        "speech": voicebox.describe() if not engine_audio or getattr(engine, "dialogue_by_voicebox", False)
        else {"model": request.model, "note": "the video model's own audio"},
        "plan": plan.summary(),
        "notes": plan.notes,
        "stages": stages.timings,
        "thumbnail": thumbnail_layout(info),
        "spritesheet": spritesheet_layout(info),
    }

    if request.cameos:  # how much the people in the video look like their cameos (any engine)
        from cielo.likeness.identity import measure_identity

        metadata["identity"] = measure_identity(paths[VIDEO_FILE], request.cameos)

    metadata = json.loads(json.dumps(metadata))  # exactly what a later retry will read back

    def do_metadata(_: Callable[[float], None]) -> None:
        write_bytes_atomic(metadata_path, json.dumps(metadata, ensure_ascii=False, indent=1).encode())

    stages.run("metadata", [], do_metadata)
    return GenerationResult(
        paths[VIDEO_FILE], paths[THUMBNAIL_FILE], paths[SPRITESHEET_FILE], duration, metadata
    )


def _announcing_previews(
    report: Callable[[float], None], path: Path, preview: Callable[[Path], None]
) -> Callable[[float], None]:
    """Wrap an engine's progress callback: after each report, hand on PREVIEW_FILE if it changed."""
    seen: dict[str, int | None] = {"mtime": None}

    def wrapped(fraction: float) -> None:
        report(fraction)
        try:
            mtime = path.stat().st_mtime_ns
        except FileNotFoundError:
            return
        if mtime != seen["mtime"]:
            seen["mtime"] = mtime
            preview(path)

    return wrapped


class _Background:
    """Run a function on a daemon thread; `result()` waits and re-raises its exception."""

    def __init__(self, fn: Callable[[], Any]) -> None:
        self._value: Any = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(fn,), name="pipeline-prefetch", daemon=True)
        self._thread.start()

    def _run(self, fn: Callable[[], Any]) -> None:
        try:
            self._value = fn()
        except Exception as exc:  # handed to whoever asks for the result
            self._error = exc

    def result(self) -> Any:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value


def expected_frames(plan: Plan, request: GenerationRequest) -> int:
    """How many frames the render writes: an extension's source part, then the plan's new part."""
    head = round(plan.offset * request.fps) if plan.mode == "extend" else 0
    return head + plan.frame_count


def check_inputs(request: GenerationRequest) -> None:
    """Reject a request that cannot work before any stage runs (clear messages, nothing written)."""
    if request.mode not in MODES:
        raise GenerationError("invalid_request", f"mode must be one of {', '.join(MODES)}")
    w, h = request.width, request.height
    if (
        not (isinstance(w, int) and isinstance(h, int))
        or w % 2
        or h % 2
        or not (16 <= w <= 4096 and 16 <= h <= 4096)
    ):
        raise GenerationError("invalid_request", f"size must be even and between 16 and 4096, got {w}x{h}")
    if not (1 <= request.fps <= 60):
        raise GenerationError("invalid_request", f"fps must be between 1 and 60, got {request.fps}")
    if request.mode != "edit" and not (1 <= request.seconds <= 60):
        raise GenerationError("invalid_request", f"seconds must be between 1 and 60, got {request.seconds}")
    if request.mode in ("edit", "extend") and (
        request.source_video is None or not Path(request.source_video).is_file()
    ):
        raise GenerationError("invalid_source_video", f"{request.mode} needs the source video file")
    if request.input_reference is not None:
        try:
            with Image.open(request.input_reference) as image:
                image.verify()
        except (OSError, ValueError, Image.DecompressionBombError) as exc:
            raise GenerationError(
                "invalid_input_reference", f"input_reference is not a readable image: {exc}"
            ) from exc


def build_plan(request: GenerationRequest) -> Plan:
    common = {
        "seed": request.seed,
        "width": request.width,
        "height": request.height,
        "fps": request.fps,
        "mode": request.mode,
        "cameos": request.cameos,
    }
    if request.mode == "edit":
        source = probe(Path(request.source_video))
        return make_plan(request.prompt, seconds=_source_seconds(source, request.fps), **common)
    if request.mode == "extend":
        source = probe(Path(request.source_video))
        return make_plan(
            request.prompt,
            seconds=request.seconds,
            offset=_source_seconds(source, request.fps),
            source_prompt=request.source_prompt,
            **common,
        )
    return make_plan(request.prompt, seconds=request.seconds, source_prompt=request.source_prompt, **common)


def _source_seconds(info: dict[str, Any], fps: int) -> float:
    """The source's duration on our frame grid (at least one frame)."""
    if info["duration"] <= 0:
        raise GenerationError("invalid_source_video", "the source video has no duration")
    return max(1, round(info["duration"] * fps)) / fps


def soundtrack_for(plan: Plan, request: GenerationRequest, voicebox: Voicebox | None = None) -> np.ndarray:
    from cielo.generation.audio.soundtrack import build_soundtrack, edit_soundtrack, extend_soundtrack

    if plan.mode == "extend":
        source = decode_audio(Path(request.source_video))
        return extend_soundtrack(source, round(plan.offset * AUDIO_RATE), plan, voicebox=voicebox)
    if plan.mode == "edit":
        return edit_soundtrack(decode_audio(Path(request.source_video)), plan, voicebox=voicebox)
    return build_soundtrack(plan, voicebox=voicebox)


def write_wav(path: Path, audio: np.ndarray, rate: int = AUDIO_RATE) -> None:
    """16-bit stereo WAV, written atomically; the mix is already limited below full scale."""
    pcm = (np.clip(audio, -1.0, 1.0).T * 32767.0).round().astype("<i2")
    with atomic_output(path) as tmp, wave.open(str(tmp), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm.tobytes())


def read_wav(path: Path) -> np.ndarray:
    with wave.open(str(path), "rb") as w:
        data = np.frombuffer(w.readframes(w.getnframes()), "<i2").reshape(-1, w.getnchannels())
    return (data.T.astype(np.float32) / 32767.0).copy()
