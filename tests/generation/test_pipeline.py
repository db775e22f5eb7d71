"""End to end: run_pipeline with the preview engine, checked by decoding what it wrote."""

from __future__ import annotations

import filecmp
import json
from collections.abc import Callable
from itertools import islice
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from cielo.generation import (
    PREVIEW_MODEL,
    GenerationCancelled,
    GenerationError,
    GenerationRequest,
    GenerationResult,
    run_pipeline,
)
from cielo.generation.catalog import ModelCatalog
from cielo.generation.engines.preview.director import new_content
from cielo.generation.media import decode_audio, iter_frames, probe, read_frames
from cielo.generation.plan import Plan

RATE = 48_000
RequestFactory = Callable[..., GenerationRequest]


def rms(x: np.ndarray) -> float:
    return float(np.sqrt(np.mean(np.square(x, dtype=np.float64)))) if x.size else 0.0


def test_output_files_and_streams(generated: GenerationResult) -> None:
    video = generated.video
    assert video.name == "video.mp4" and video.exists()
    info = probe(video)
    assert (info["width"], info["height"], info["fps"]) == (180, 320, 24.0)
    assert info["video_codec"] == "h264" and info["audio_codec"] == "aac"
    assert info["sample_rate"] == RATE and info["channels"] == 2
    assert info["frame_count"] == 96
    assert info["duration"] == pytest.approx(4.0, abs=1 / 24)
    assert info["audio_duration"] == pytest.approx(4.0, abs=1 / 24)
    assert generated.seconds == pytest.approx(4.0, abs=1 / 24)
    import av

    with av.open(str(video)) as container:
        assert len(container.streams.video) == 1 and len(container.streams.audio) == 1
        assert container.streams.video[0].codec_context.pix_fmt == "yuv420p"
    frames = read_frames(video)
    assert len(frames) == 96 and frames[0].shape == (320, 180, 3)
    audio = decode_audio(video)
    assert abs(audio.shape[1] - 4 * RATE) <= RATE / 24


def test_workdir_holds_only_final_files(generated: GenerationResult) -> None:
    names = sorted(p.name for p in generated.video.parent.iterdir())
    assert names == ["metadata.json", "plan.json", "spritesheet.jpg", "thumbnail.webp", "video.mp4"]


def test_metadata_says_what_made_it(generated: GenerationResult) -> None:
    meta = json.loads((generated.video.parent / "metadata.json").read_text())
    assert meta["engine"] == "preview" and meta["neural"] is False and meta["model"] == PREVIEW_MODEL
    assert set(meta["stages"]) == {
        "plan",
        "render",
        "audio",
        "mux",
        "previews",
    }  # metadata.json cannot time itself
    assert meta["plan"]["shots"][0]["setting"] == "beach"
    assert [d["speaker"] for d in meta["plan"]["dialogue"]] == ["Ana", "Bob"]
    assert meta["spritesheet"]["tiles"] >= 10


def test_previews_are_webp_and_jpg(generated: GenerationResult) -> None:
    assert generated.thumbnail.read_bytes()[8:12] == b"WEBP"
    assert generated.spritesheet.read_bytes()[:2] == b"\xff\xd8"
    with Image.open(generated.thumbnail) as thumb:
        assert thumb.size == (180, 320)
    with Image.open(generated.spritesheet) as sheet:
        geometry = generated.metadata["spritesheet"]
        assert sheet.size == (
            geometry["columns"] * geometry["tile_width"],
            geometry["rows"] * geometry["tile_height"],
        )


def test_progress_is_monotonic_and_frequent(generated: GenerationResult) -> None:
    progress = generated.metadata["_progress"]
    values = [f for f, _ in progress]
    assert values == sorted(values) and values[-1] == 1.0 and values[0] >= 0.0
    render_updates = [f for f, stage in progress if stage == "render"]
    assert len(render_updates) >= 96 / 8  # at least every few frames
    assert [s for _, s in progress][-1] == "metadata"


def test_speech_is_audible_at_its_caption_time(generated: GenerationResult) -> None:
    plan = Plan.from_dict(json.loads((generated.video.parent / "plan.json").read_text()))
    audio = decode_audio(generated.video)
    for line in plan.dialogue:
        during = audio[:, int(line.start * RATE) : int(line.end * RATE)]
        assert rms(during) > 0.05, line.text
    # Nobody speaks before the first line: the level there is the quiet bed.
    before = audio[:, : int(plan.dialogue[0].start * RATE) - 2000]
    assert (
        rms(before)
        < rms(audio[:, int(plan.dialogue[0].start * RATE) : int(plan.dialogue[0].end * RATE)]) / 1.5
    )


def test_no_clipping_after_aac(generated: GenerationResult) -> None:
    audio = decode_audio(generated.video)
    assert float(np.max(np.abs(audio))) <= 10 ** (-1 / 20)  # -1 dBFS


def test_dialogue_is_timed_text_in_the_metadata_not_burnt_into_the_picture(generated: GenerationResult) -> None:
    # The caption track is built from the metadata: every line with its speaker, language and times.
    lines = generated.metadata["plan"]["dialogue"]
    assert [(d["speaker"], d["text"], d["language"]) for d in lines] == [
        ("Ana", "Hola, ¿qué tal estás hoy?", "es"), ("Bob", "I am fine, thank you very much.", "en")]
    for d in lines:
        assert 0 <= d["start"] < d["end"] <= generated.seconds
        assert (d["video_start"], d["video_end"]) == (d["start"], d["end"])  # no offset outside an extension
    # The same plan drawn without its dialogue differs only where mouths move: no text anywhere.
    plan = Plan.from_dict(json.loads((generated.video.parent / "plan.json").read_text()))
    silent = Plan.from_dict({**plan.to_dict(), "dialogue": []})
    line = plan.dialogue[0]
    t = (line.start + line.end) / 2
    index = int(t * plan.fps)
    with_lines = next(islice(new_content(plan, 180, 320), index, None)).picture
    without = next(islice(new_content(silent, 180, 320), index, None)).picture
    changed = np.abs(with_lines.astype(int) - without.astype(int)).max(axis=2) > 24
    assert changed.sum() < 0.01 * changed.size


def test_same_request_same_video(
    generated: GenerationResult, tmp_path: Path, small_request: RequestFactory
) -> None:
    again = run_pipeline(small_request(), tmp_path)
    a, b = read_frames(generated.video), read_frames(again.video)
    assert len(a) == len(b) and all(np.array_equal(x, y) for x, y in zip(a, b))
    assert np.array_equal(decode_audio(generated.video), decode_audio(again.video))
    assert filecmp.cmp(generated.video, again.video, shallow=False)  # byte-identical mp4


def test_a_different_seed_changes_the_picture(tmp_path: Path, small_request: RequestFactory) -> None:
    a = next(iter_frames(run_pipeline(small_request("a quiet place", seed=1), tmp_path / "a").video))
    b = next(iter_frames(run_pipeline(small_request("a quiet place", seed=2), tmp_path / "b").video))
    assert not np.array_equal(a, b)


def test_input_reference_is_the_first_frame(
    tmp_path: Path, reference_image: Path, small_request: RequestFactory
) -> None:
    result = run_pipeline(small_request("a storm", input_reference=reference_image), tmp_path)
    first = next(iter_frames(result.video)).astype(np.float32)
    with Image.open(reference_image) as image:
        scale = max(180 / image.width, 320 / image.height)
        size = (round(image.width * scale), round(image.height * scale))
        fitted = np.asarray(image.convert("RGB").resize(size, Image.BICUBIC)).astype(np.float32)
    left, top = (size[0] - 180) // 2, (size[1] - 320) // 2
    expected = fitted[top : top + 320, left : left + 180]
    assert float(np.abs(first - expected).mean()) < 10


def test_cancel_stops_promptly_and_leaves_no_video(tmp_path: Path, small_request: RequestFactory) -> None:
    seen: list[float] = []
    stop_at = 0.3

    def should_stop() -> bool:
        return bool(seen) and seen[-1] >= stop_at

    with pytest.raises(GenerationCancelled) as err:
        run_pipeline(
            small_request(seconds=8),
            tmp_path,
            progress=lambda f, stage: seen.append(f),
            should_stop=should_stop,
        )
    assert err.value.code == "cancelled"
    frame_share = 0.8 / 192  # the render stage's share of the bar, per frame
    assert seen[-1] - stop_at < 12 * frame_share  # within a few frames
    names = {p.name for p in tmp_path.iterdir()}
    assert "video.mp4" not in names and "render.mp4" not in names
    assert not [n for n in names if n.endswith(".part")]


def test_stages_are_reused_on_retry(tmp_path: Path, small_request: RequestFactory) -> None:
    first = run_pipeline(small_request("a forest at dawn"), tmp_path)
    files = ["plan.json", "video.mp4", "thumbnail.webp", "spritesheet.jpg", "metadata.json"]
    stamps = {name: (tmp_path / name).stat().st_mtime_ns for name in files}
    second = run_pipeline(small_request("a forest at dawn"), tmp_path)
    assert {name: (tmp_path / name).stat().st_mtime_ns for name in files} == stamps
    assert second.metadata == first.metadata

    # A worker that died after the mux: the previews and metadata are redone, the video is not.
    (tmp_path / "thumbnail.webp").unlink()
    (tmp_path / "metadata.json").unlink()
    third = run_pipeline(small_request("a forest at dawn"), tmp_path)
    assert (tmp_path / "video.mp4").stat().st_mtime_ns == stamps["video.mp4"]
    assert (tmp_path / "thumbnail.webp").exists()
    assert third.metadata["stages"]["render"]["reused"] and third.metadata["stages"]["mux"]["reused"]
    assert not third.metadata["stages"]["previews"]["reused"]


def test_render_is_resumed_from_its_own_output(tmp_path: Path, small_request: RequestFactory) -> None:
    # A worker that died between render and mux left render.mp4 (and the plan) behind.
    run_pipeline(small_request("a city at night"), tmp_path)
    plan_json = (tmp_path / "plan.json").read_text()
    for name in ("video.mp4", "thumbnail.webp", "spritesheet.jpg", "metadata.json"):
        (tmp_path / name).unlink()
    models = ModelCatalog.preview_only()
    engine = models.engine(PREVIEW_MODEL)
    request = small_request("a city at night")
    engine.render(Plan.from_dict(json.loads(plan_json)), request, tmp_path, lambda f: None, lambda: False)
    stamp = (tmp_path / "render.mp4").stat().st_mtime_ns
    rendered = []
    original = engine.render
    try:
        engine.render = lambda *a, **k: rendered.append(1) or original(*a, **k)  # type: ignore[method-assign]
        result = run_pipeline(request, tmp_path, models=models)
    finally:
        del engine.render
    assert rendered == [] and result.metadata["stages"]["render"]["reused"]
    assert not (tmp_path / "render.mp4").exists() or (tmp_path / "render.mp4").stat().st_mtime_ns == stamp


def test_extend_continues_the_source(
    generated: GenerationResult, tmp_path: Path, small_request: RequestFactory
) -> None:
    request = small_request(
        "the fox keeps walking as night falls",
        mode="extend",
        source_video=generated.video,
        source_prompt=generated.metadata["prompt"],
    )
    result = run_pipeline(request, tmp_path)
    info = probe(result.video)
    assert info["duration"] == pytest.approx(8.0, abs=1 / 24) and info["frame_count"] == 192
    assert info["audio_duration"] == pytest.approx(8.0, abs=1 / 24)
    source_frames = read_frames(generated.video)
    frames = read_frames(result.video)
    # The original part is the source, and the new part starts on the source's last frame.
    assert float(np.abs(frames[50].astype(np.float32) - source_frames[50]).mean()) < 6
    assert float(np.abs(frames[96].astype(np.float32) - source_frames[-1]).mean()) < 10
    # The audio continues: the source's speech is still there in the first part.
    source_audio, audio = decode_audio(generated.video), decode_audio(result.video)
    n = min(source_audio.shape[1], 4 * RATE) - 4800
    assert np.corrcoef(source_audio[0, 4800:n], audio[0, 4800:n])[0, 1] > 0.9


def test_edit_keeps_the_source_duration(
    generated: GenerationResult, tmp_path: Path, small_request: RequestFactory
) -> None:
    request = small_request(
        'make it night with heavy rain. A dog says "woof"',
        mode="edit",
        seconds=12,
        source_video=generated.video,
    )
    result = run_pipeline(request, tmp_path)
    info = probe(result.video)
    assert info["duration"] == pytest.approx(4.0, abs=1 / 24) and info["frame_count"] == 96
    source, edited = read_frames(generated.video), read_frames(result.video)
    assert float(edited[48].mean()) < float(source[48].mean())  # night grade: darker
    assert result.metadata["plan"]["dialogue"][0]["text"] == "woof"


def test_remix_keeps_the_look_of_its_source(tmp_path: Path, small_request: RequestFactory) -> None:
    source = small_request("a red barn in the countryside at sunset", seed=5)
    remix = small_request("now with snow", seed=5, mode="remix", source_prompt=source.prompt)
    result = run_pipeline(remix, tmp_path)
    shot = result.metadata["plan"]["shots"][0]
    assert (shot["setting"], shot["time_of_day"], shot["weather"]) == ("countryside", "sunset", "snow")


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"model": "sora-2"}, "model_not_found"),
        ({"width": 181}, "invalid_request"),
        ({"seconds": 0}, "invalid_request"),
        ({"mode": "dance"}, "invalid_request"),
        ({"mode": "edit"}, "invalid_source_video"),
        ({"mode": "extend", "source_video": Path("/nonexistent.mp4")}, "invalid_source_video"),
    ],
)
def test_bad_requests_fail_before_any_work(
    tmp_path: Path, overrides: dict, code: str, small_request: RequestFactory
) -> None:
    with pytest.raises(GenerationError) as err:
        run_pipeline(small_request(**overrides), tmp_path)
    assert err.value.code == code and err.value.message
    assert not (tmp_path / "video.mp4").exists() and not (tmp_path / "plan.json").exists()


def test_unreadable_input_reference(tmp_path: Path, small_request: RequestFactory) -> None:
    bad = tmp_path / "not-an-image.png"
    bad.write_bytes(b"\x89PNG but not really")
    with pytest.raises(GenerationError) as err:
        run_pipeline(small_request(input_reference=bad), tmp_path / "work")
    assert err.value.code == "invalid_input_reference"


def test_engine_registry() -> None:
    models = ModelCatalog.preview_only()
    assert models.names() == [PREVIEW_MODEL]
    engine = models.engine(PREVIEW_MODEL)
    assert engine is models.engine(PREVIEW_MODEL)  # kept warm
    assert engine.neural is False and engine.name == "preview"


def test_full_size_vertical_video(tmp_path: Path) -> None:
    request = GenerationRequest(
        prompt='City street at night in the rain. Bob says "Taxi!"', seconds=4, width=720, height=1280, seed=3
    )
    result = run_pipeline(request, tmp_path)
    info = probe(result.video)
    assert (info["width"], info["height"], info["frame_count"]) == (720, 1280, 96)
    assert result.metadata["internal_width"] == 360
    frame = next(iter_frames(result.video))
    assert frame.shape == (1280, 720, 3) and frame.std() > 10
