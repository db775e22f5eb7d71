"""A finished video is encoded once: its frames get both marks and are sampled for moderation, fingerprints
and previews on their way into that one encode; C2PA then signs the file. A job resumed after a crash
still resumes, and its video is still marked, checked and signed."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from cielo.config import Settings
from cielo.generation import GenerationCancelled, GenerationRequest, media, pipeline
from cielo.jobs.running import JobState
from cielo.generation.catalog import ModelCatalog
from cielo.workers.worker import Creator, render_and_finish
from cielo.safety.guard import SafetyGuard
from cielo.safety.invisible import InvisibleWatermark
from cielo.safety.watermark import VisibleWatermark

PREVIEW = ModelCatalog.preview_only()  # these tests render with the preview engine

VIDEO_ID = "video_" + "5e" * 16


@pytest.fixture
def guard(tmp_path) -> SafetyGuard:
    return SafetyGuard(Settings(home=tmp_path / "home"))


@pytest.fixture
def counted(monkeypatch):
    """Counts the real encoder's and decoder's uses (they still run)."""
    counts = {"encodes": 0, "decodes": []}
    real_init, real_decode = media.VideoWriter.__init__, media.iter_video_frames

    def init(self, path, *args, **kwargs):
        counts["encodes"] += 1
        real_init(self, path, *args, **kwargs)

    def decode(path, *args, **kwargs):
        counts["decodes"].append(Path(path).name)
        return real_decode(path, *args, **kwargs)

    monkeypatch.setattr(media.VideoWriter, "__init__", init)
    monkeypatch.setattr(media, "iter_video_frames", decode)
    monkeypatch.setattr(media, "frames_at", lambda path, *a, **k: counts["decodes"].append(Path(path).name)
                        or real_frames_at(path, *a, **k))
    return counts


real_frames_at = media.frames_at


def _request(**changes) -> GenerationRequest:
    values = dict(prompt='Rain over a city at night. Ana: "What a night!"', seconds=4, width=720, height=1280,
                  seed=3)
    return GenerationRequest(**(values | changes))


def _check_provenance(guard: SafetyGuard, finished) -> None:
    assert guard.credentials.verify(finished.video).valid
    frames = list(media.iter_frames(finished.video))[:13]
    found = InvisibleWatermark(scale=guard.settings.invisible_watermark_strength).detect_frames(frames)
    assert found is not None and found.key == bytes.fromhex(VIDEO_ID[6:22])
    assert {"frames", "speech", "c2pa"} <= set(finished.report["checks"])
    assert finished.report["watermarks"] == ["visible", "invisible"]


def test_a_video_is_encoded_once_with_everything_done_on_the_way(tmp_path, guard, counted):
    result, finished = render_and_finish(_request(), tmp_path / "work", guard, VIDEO_ID, Creator("ana", False),
                                         JobState(), models=PREVIEW)
    assert counted["encodes"] == 1  # the engine's own VideoWriter, and no other
    assert counted["decodes"] == []  # previews, moderation and fingerprints came from frames in memory
    _check_provenance(guard, finished)
    assert len(finished.hashes) == 4  # one a second
    assert finished.thumbnail.exists() and finished.spritesheet.exists()
    stages = result.metadata["stages"]
    assert not stages["render"]["reused"] and stages["previews"]["seconds"] < stages["render"]["seconds"]
    # The visible mark is in the frames: the same render without the filters differs where it is drawn.
    plain = pipeline.run_pipeline(_request(), tmp_path / "plain")
    marked, unmarked = media.read_frames(finished.video)[5], media.read_frames(plain.video)[5]
    x, y, w, h = VisibleWatermark("ana", 720, 1280).rectangle(5, 24)
    changed = np.abs(marked.astype(int) - unmarked).sum(axis=2) > 60
    inside = changed[y:y + h, x:x + w].sum()
    assert inside > 0.05 * w * h and inside > 0.9 * changed.sum()


def test_a_resumed_job_still_resumes_and_is_still_marked_checked_and_signed(tmp_path, guard, counted):
    work = tmp_path / "work"
    state = JobState()
    # The worker dies (here: is stopped) once the render is written, before the soundtrack is muxed.
    state.should_stop = lambda: (work / "render.mp4").exists()
    with pytest.raises(GenerationCancelled):
        render_and_finish(_request(), work, guard, VIDEO_ID, Creator("ana", False), state, models=PREVIEW)
    assert (work / "render.mp4").exists() and not (work / "final.mp4").exists()
    counted["encodes"] = 0
    result, finished = render_and_finish(_request(), work, guard, VIDEO_ID, Creator("ana", False), JobState(),
                                         models=PREVIEW)
    assert result.metadata["stages"]["render"]["reused"] is True and counted["encodes"] == 0
    # Nothing was seen on the way this time: the frames are decoded to check and fingerprint them.
    assert counted["decodes"]
    _check_provenance(guard, finished)
    assert len(finished.hashes) == 4


def test_filters_never_draw_on_a_frame_the_engine_may_write_again(tmp_path):
    """An engine may hold a frame and write it twice (a still, a source video's frame): the filters get a copy
    unless the engine says the frame is its writer's to change (`owned`)."""
    from cielo.generation.frames import from_rgb, planes

    def darken(frame, index, from_source):
        planes(frame)[0][:] = 16
        return frame

    held = from_rgb(np.full((64, 64, 3), 200, np.uint8))
    before = planes(held)[0].copy()
    with media.VideoWriter(tmp_path / "held.mp4", 64, 64, 24, filters=[darken]) as writer:
        writer.write(held)
        writer.write(held)
        assert np.array_equal(planes(held)[0], before)
        fresh = from_rgb(np.full((64, 64, 3), 200, np.uint8))
        writer.write(fresh, owned=True)
        assert (planes(fresh)[0] == 16).all()  # drawn on directly: no copy made
    assert all((planes(f)[0] <= 17).all() for f in media.iter_video_frames(tmp_path / "held.mp4"))


def _mark_pixels(marked: np.ndarray, unmarked: np.ndarray, mark: VisibleWatermark, index: int) -> int:
    """How many pixels of the mark's rectangle in frame `index` differ clearly between two renders."""
    x, y, w, h = mark.rectangle(index, 24)
    return int((np.abs(marked.astype(int) - unmarked)[y:y + h, x:x + w].sum(axis=2) > 60).sum())


def test_an_edit_or_extension_of_a_cielo_video_carries_one_visible_mark(tmp_path, guard):
    """The source's frames keep the mark they have (its creator's); only new pictures get the new one."""
    _, source = render_and_finish(_request(), tmp_path / "source", guard, VIDEO_ID, Creator("ana", False),
                                  JobState(), models=PREVIEW)
    bob = VisibleWatermark("bob", 720, 1280)
    new_id = "video_" + "6f" * 16

    extend = _request(mode="extend", source_video=source.video, prompt="Then the rain stops.", seconds=4)
    _, extended = render_and_finish(extend, tmp_path / "extend", guard, new_id, Creator("bob", False), JobState(),
                                    models=PREVIEW, source_marked=True)
    plain = media.read_frames(pipeline.run_pipeline(extend, tmp_path / "extend-plain").video)
    frames = media.read_frames(extended.video)
    head = 4 * 24
    assert len(frames) == head + 4 * 24
    # Frame 10 shows the source as it was (ana's mark only); frame head + 40 is new and has bob's mark.
    assert _mark_pixels(frames[10], plain[10], bob, 10) == 0
    assert _mark_pixels(frames[head + 40], plain[head + 40], bob, head + 40) > 0.05 * bob.sprite_w * bob.sprite_h

    edit = _request(mode="edit", source_video=source.video, prompt="Make it snow.")
    plain = media.read_frames(pipeline.run_pipeline(edit, tmp_path / "edit-plain").video)
    _, edited = render_and_finish(edit, tmp_path / "edit", guard, new_id, Creator("bob", False), JobState(),
                                  models=PREVIEW, source_marked=True)
    assert _mark_pixels(media.read_frames(edited.video)[30], plain[30], bob, 30) == 0
    # An uploaded clip (not a Cielo video) gets the mark on every frame.
    _, uploaded = render_and_finish(edit, tmp_path / "upload", guard, new_id, Creator("bob", False), JobState(),
                                    models=PREVIEW)
    assert _mark_pixels(media.read_frames(uploaded.video)[30], plain[30], bob, 30) > 0.05 * bob.sprite_w * bob.sprite_h
    # Either way the new video's own id is the invisible mark that reads.
    found = InvisibleWatermark(scale=guard.settings.invisible_watermark_strength).detect_frames(
        list(media.iter_frames(edited.video))[:13])
    assert found is not None and found.key == bytes.fromhex(new_id[6:22])
