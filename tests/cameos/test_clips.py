"""Decoding cameo clips: real mp4/webm files encoded here with PyAV."""

from __future__ import annotations

import io
from fractions import Fraction

import numpy as np
import pytest
from PIL import Image

from cielo.uploads import ClipError, read_clip
from cielo.errors import InvalidInput

from .conftest import encode_clip, speech_like


@pytest.fixture(scope="module")
def frames(portrait: np.ndarray) -> list[np.ndarray]:
    # 4 s at 8 fps, each frame a little brighter: frame i is identifiable by its brightness
    return [np.clip(portrait.astype(int) - 40 + 2 * i, 0, 255).astype(np.uint8) for i in range(32)]


@pytest.fixture(scope="module")
def mp4(frames) -> bytes:
    return encode_clip(frames, fps=8, audio=speech_like(4.0))


def test_mp4_sampled_evenly_with_audio(mp4: bytes) -> None:
    clip = read_clip(mp4, n_frames=16)
    assert clip.duration == pytest.approx(4.0, abs=0.01)
    assert len(clip.frames) == len(clip.timestamps) == 16
    assert clip.frames[0].shape == (512, 512, 3) and clip.frames[0].dtype == np.uint8
    assert clip.timestamps == sorted(clip.timestamps)
    assert clip.timestamps[0] < 0.3 and clip.timestamps[-1] > 3.6
    gaps = np.diff(clip.timestamps)
    assert gaps.min() >= 0.124 and gaps.max() <= 0.376  # evenly, to the nearest 1/8 s frame
    brightness = [f.mean() for f in clip.frames]
    assert brightness == sorted(brightness)  # in time order
    assert clip.fps == pytest.approx(8.0)
    assert clip.video_codec == "h264" and "mp4" in clip.container
    assert clip.has_audio and clip.audio_rate == 16000
    assert clip.audio.dtype == np.float32 and clip.audio.ndim == 1
    assert abs(clip.audio.size - 4 * 16000) < 0.2 * 16000
    assert 0.05 < np.abs(clip.audio).max() <= 1.0


def test_webm_from_a_browser_reads_the_same(frames) -> None:
    small = [np.ascontiguousarray(f[::2, ::2]) for f in frames]
    webm = encode_clip(small, fps=8, audio=speech_like(4.0), container="webm")
    clip = read_clip(webm, n_frames=12)
    assert clip.video_codec == "vp8" and "webm" in clip.container
    assert len(clip.frames) == 12
    assert clip.duration == pytest.approx(4.0, abs=0.01)
    assert clip.has_audio and abs(clip.audio.size - 4 * 16000) < 0.2 * 16000


def test_path_file_and_shrinking(tmp_path, mp4: bytes) -> None:
    path = tmp_path / "cameo.mp4"
    path.write_bytes(mp4)
    from_path = read_clip(path, n_frames=4, max_side=256)
    assert from_path.frames[0].shape == (256, 256, 3)
    assert (from_path.width, from_path.height) == (512, 512)
    from_file = read_clip(io.BytesIO(mp4), n_frames=4, max_side=256)
    assert from_file.timestamps == from_path.timestamps


def test_clip_without_audio(frames) -> None:
    clip = read_clip(encode_clip(frames, fps=8), n_frames=4)
    assert clip.audio is None and not clip.has_audio


@pytest.mark.parametrize(("seconds", "code"), [(2.0, "clip_too_short"), (11.0, "clip_too_long")])
def test_duration_is_checked(portrait, seconds: float, code: str) -> None:
    small = np.ascontiguousarray(portrait[::4, ::4])
    data = encode_clip(lambda i: small, n=int(seconds * 8), fps=8)
    with pytest.raises(ClipError) as info:
        read_clip(data)
    assert info.value.code == code
    assert "s" in info.value.message


def test_non_video_and_corrupt_input_are_refused(portrait, mp4: bytes) -> None:
    png = io.BytesIO()
    Image.fromarray(portrait).save(png, format="PNG")
    for data in (b"definitely not a video" * 50, png.getvalue(), b""):
        with pytest.raises(ClipError) as info:
            read_clip(data)
        assert info.value.code == "not_a_video"
    with pytest.raises(ClipError) as info:
        read_clip(mp4[: len(mp4) // 2])  # upload cut short
    assert info.value.code in {"not_a_video", "corrupt_clip"}


def test_clip_error_is_an_invalid_input_with_code(tmp_path) -> None:
    with pytest.raises(ClipError) as info:
        read_clip(tmp_path / "missing.webm")
    error = info.value
    assert isinstance(error, InvalidInput) and error.status == 400
    assert error.code == "not_a_video" and error.param == "clip"
    assert "ClipError('not_a_video'" in repr(error)


def test_phone_rotation_is_applied() -> None:
    import av

    landscape = np.zeros((64, 128, 3), np.uint8)
    landscape[:, :64] = 255  # left half white
    buffer = io.BytesIO()
    with av.open(buffer, "w", format="mp4") as out:
        stream = out.add_stream("libx264", rate=8)
        stream.width, stream.height, stream.pix_fmt = 128, 64, "yuv420p"
        stream.set_display_rotation(90)  # shown turned a quarter counterclockwise, as phones record
        for i in range(32):
            frame = av.VideoFrame.from_ndarray(landscape, "rgb24")
            frame.pts, frame.time_base = i, Fraction(1, 8)
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    clip = read_clip(buffer.getvalue(), n_frames=2)
    assert clip.rotation == 90
    assert clip.frames[0].shape == (128, 64, 3) and (clip.width, clip.height) == (64, 128)
    assert (
        clip.frames[0][:40].mean() < 10 and clip.frames[0][-40:].mean() > 245
    )  # left side now at the bottom
