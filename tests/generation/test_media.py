"""Writing, probing and reading video with PyAV; previews; atomic files."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from cielo.generation.errors import GenerationError
from cielo.generation.media import (
    VideoWriter,
    atomic_output,
    decode_audio,
    first_frame,
    frames_at,
    iter_frames,
    last_frame,
    mux_audio,
    probe,
    read_frames,
    write_spritesheet,
    write_thumbnail,
)


def _solid(value: int, w: int = 64, h: int = 48) -> np.ndarray:
    frame = np.zeros((h, w, 3), np.uint8)
    frame[:] = (value, 255 - value, 128)
    return frame


@pytest.fixture(scope="module")
def counting_video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """48 frames at 24 fps (2 s), frame i has a grey level of 5 * i; plus a 440 Hz tone."""
    path = tmp_path_factory.mktemp("media") / "count.mp4"
    with VideoWriter(path, 64, 48, 24, audio=True) as writer:
        for i in range(48):
            writer.write(writer.to_yuv(_solid(5 * i)))
        t = np.arange(2 * 48_000) / 48_000
        tone = (0.3 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)
        writer.write_audio(np.stack([tone, tone]))
    return path


def test_probe(counting_video: Path) -> None:
    info = probe(counting_video)
    assert (info["width"], info["height"], info["fps"], info["frame_count"]) == (64, 48, 24.0, 48)
    assert info["duration"] == pytest.approx(2.0, abs=1 / 24)
    assert info["video_codec"] == "h264" and info["audio_codec"] == "aac"
    assert info["sample_rate"] == 48_000 and info["channels"] == 2 and info["has_audio"]


def test_frames_decode_in_order(counting_video: Path) -> None:
    frames = read_frames(counting_video)
    assert len(frames) == 48 and frames[0].shape == (48, 64, 3)
    reds = [float(f[..., 0].mean()) for f in frames]
    assert all(b > a for a, b in itertools.pairwise(reds))
    assert abs(reds[10] - 50) < 4
    assert np.asarray(first_frame(counting_video)).shape == (48, 64, 3)
    assert abs(float(np.asarray(last_frame(counting_video))[..., 0].mean()) - 235) < 4


def test_resampling_to_another_frame_rate(counting_video: Path) -> None:
    frames = list(iter_frames(counting_video, fps=12))
    assert len(frames) == 24
    assert abs(float(frames[5][..., 0].mean()) - 50) < 4  # 12 fps frame 5 = 24 fps frame 10


def test_fit_to_cover(counting_video: Path) -> None:
    frame = next(iter_frames(counting_video, width=20, height=40))
    assert frame.shape == (40, 20, 3)


def test_frames_at_seeks_to_times(counting_video: Path) -> None:
    images = frames_at(counting_video, [0.0, 1.0, 1.5], 32, 24)
    assert [im.size for im in images] == [(32, 24)] * 3
    levels = [np.asarray(im)[..., 0].mean() for im in images]
    assert abs(levels[1] - 120) < 6 and abs(levels[2] - 180) < 6


def test_audio_round_trip(counting_video: Path) -> None:
    audio = decode_audio(counting_video)
    assert audio.shape[0] == 2 and abs(audio.shape[1] - 96_000) <= 2048
    middle = audio[0, 20_000:70_000]
    assert 0.18 < float(np.sqrt(np.mean(middle**2))) < 0.25


def test_mux_adds_aac_to_a_video_without_copying_frames(tmp_path: Path, counting_video: Path) -> None:
    silent = tmp_path / "silent.mp4"
    with VideoWriter(silent, 64, 48, 24) as writer:
        for i in range(24):
            writer.write(writer.to_yuv(_solid(i * 10)))
    out = mux_audio(silent, np.zeros((2, 48_000), np.float32), tmp_path / "muxed.mp4")
    info = probe(out)
    assert info["has_audio"] and info["frame_count"] == 24
    data = out.read_bytes()
    assert 0 < data.find(b"moov") < data.find(b"mdat")  # faststart: the index comes before the media


def test_failed_writer_leaves_nothing(tmp_path: Path) -> None:
    path = tmp_path / "broken.mp4"
    with pytest.raises(RuntimeError), VideoWriter(path, 64, 48, 24) as writer:
        writer.write(writer.to_yuv(_solid(1)))
        raise RuntimeError("crash while rendering")
    assert list(tmp_path.iterdir()) == []


def test_atomic_output_renames_only_on_success(tmp_path: Path) -> None:
    final = tmp_path / "out.txt"
    with pytest.raises(ValueError), atomic_output(final) as tmp:
        tmp.write_text("half")
        raise ValueError
    assert list(tmp_path.iterdir()) == []
    with atomic_output(final) as tmp:
        tmp.write_text("whole")
    assert final.read_text() == "whole" and list(tmp_path.iterdir()) == [final]


def test_odd_sizes_are_refused(tmp_path: Path) -> None:
    with pytest.raises(GenerationError) as err:
        VideoWriter(tmp_path / "odd.mp4", 63, 48, 24)
    assert err.value.code == "invalid_request"


def test_unreadable_video_is_a_generation_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.mp4"
    bad.write_bytes(b"not a video at all")
    with pytest.raises(GenerationError) as err:
        probe(bad)
    assert err.value.code == "invalid_source_video"


def test_thumbnail_and_spritesheet(tmp_path: Path, counting_video: Path) -> None:
    thumb = write_thumbnail(counting_video, tmp_path / "t.webp")
    sheet = write_spritesheet(counting_video, tmp_path / "s.jpg", columns=5, tile_width=32)
    data = (tmp_path / "t.webp").read_bytes()
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    assert (tmp_path / "s.jpg").read_bytes()[:3] == b"\xff\xd8\xff"
    assert thumb == {"time": 1.0, "width": 64, "height": 48}  # a third of the way into 2 s, whole second
    with Image.open(tmp_path / "t.webp") as image:
        assert image.size == (64, 48)
        assert abs(float(np.asarray(image.convert("RGB"))[..., 0].mean()) - 120) < 8  # frame 24
    with Image.open(tmp_path / "s.jpg") as image:
        assert image.size == (5 * 32, sheet["rows"] * sheet["tile_height"])
    assert sheet["tiles"] == 10 and sheet["rows"] == 2 and sheet["interval"] == 0.2
