"""Tiny random pipelines saved as real model folders, and a registry file naming them.

Every model is built in code (tokenizer and text encoder included), saved with `save_pretrained`, and
loaded back by the engine with `from_pretrained`, so the tests exercise the same path real weights
take. The folders are built once per test session.

These tests run on SQLite only: they are about engines, and the queue's PostgreSQL behaviour is
covered by the job-system tests at the top level.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from cielo.config import Settings
from tests.conftest import make_settings

# name -> (kind, builder keyword arguments, extra registry lines)
TINY_MODELS: dict[str, tuple[str, dict, str]] = {
    "tiny-ltx2": ("ltx2", {}, ""),
    "tiny-wan": ("wan", {}, ""),
    "tiny-wan-sfx": ("wan", {}, 'audio_model = "tiny-audio"\n'),
    "tiny-wan22": ("wan", {"two_experts": True}, "guidance_2 = 3.0\n"),
    "tiny-i2v": ("wan-i2v", {}, ""),
    "tiny-vace": ("wan-vace", {}, ""),
    "tiny-ltx": ("ltx", {}, ""),
    "tiny-audio": ("stable-audio", {}, ""),
}
# Shared weights, different run settings: one model with speed hooks, one slow enough to cancel.
DERIVED = """
[models.tiny-wan-fast]
base = "tiny-wan"
cache = "first_block"
cache_options = { threshold = 0.2 }

[models.tiny-wan-slow]
base = "tiny-wan"
steps = 20000  # a cancel lands mid-denoise however fast or loaded the machine is
preview_every = 0

[models.tiny-wan-edit]
base = "tiny-wan"
steps = 10
edit_strength = 0.5

[models.tiny-ltx2-edit]
base = "tiny-ltx2"
steps = 10
edit_strength = 0.5

[models.tiny-wan-previews]
base = "tiny-wan"
steps = 400
preview_every = 10
"""

# A speech model, and a video model whose own entry names it (the others use Settings.speech_model).
SPEECH = """
[models.tiny-csm]
kind = "csm"
path = "models/tiny-csm"
dtype = "float32"

[models.tiny-wan-voiced]
base = "tiny-wan"
speech_model = "tiny-csm"
"""


def _entry(name: str, kind: str, extra: str) -> str:
    if kind == "stable-audio":
        return f'[models.{name}]\nkind = "{kind}"\npath = "models/{name}"\nsteps = 2\ndtype = "float32"\n{extra}\n'
    # 3 steps with a preview after each of the first two; 2 fps x 4 s = 9 frames, the most it renders.
    return (
        f'[models.{name}]\nkind = "{kind}"\npath = "models/{name}"\ndtype = "float32"\n'
        f"steps = 3\npreview_every = 1\nfps = 2\nframe_multiple = 4\nmax_frames = 9\nguidance = 4.0\n"
        f'sizes = ["32x32", "32x64", "64x32"]\ncall_options = {{ max_sequence_length = 16 }}\n{extra}\n'
    )


@pytest.fixture(scope="session", autouse=True)
def one_torch_thread():
    """Tiny models gain nothing from a second thread, and on a busy machine OpenMP threads waiting for
    each other cost several times the work itself (worker processes get OMP_NUM_THREADS=1 too)."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.fixture(scope="session")
def tiny_registry(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding models/<name>/ (diffusers layout) and models.toml; returns the toml's path."""
    from cielo.testing.tiny_pipelines import pipeline_for
    from cielo.testing.tiny_speech import csm_model

    root = tmp_path_factory.mktemp("registry")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name, (kind, kwargs, _) in TINY_MODELS.items():
            pipeline_for(kind, **kwargs).save_pretrained(root / "models" / name)
        csm_model(root / "models" / "tiny-csm")
    text = "".join(_entry(name, kind, extra) for name, (kind, _, extra) in TINY_MODELS.items()) + DERIVED + SPEECH
    (root / "models.toml").write_text(text)
    return root / "models.toml"


def neural_settings_for(tmp_path: Path, registry: Path, **overrides) -> Settings:
    values = {
        "models_file": registry,
        "loras_dir": tmp_path / "loras",
        "moderation_classifier": False,
        "frame_moderation": False,
    }
    values.update(overrides)
    return make_settings(tmp_path, f"sqlite+aiosqlite:///{tmp_path / 'cielo.db'}", **values)


def export_registry(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """Export the settings' registry for worker processes started from here (a worker builds its catalog
    from CIELO_* variables, like every Cielo process); in this process, catalogs are built from settings."""
    monkeypatch.setenv("CIELO_MODELS_FILE", str(settings.models_file))
    monkeypatch.setenv("CIELO_LORAS_DIR", str(settings.loras_dir))
    monkeypatch.setenv("CIELO_HOME", str(settings.home))
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    if settings.speech_model:
        monkeypatch.setenv("CIELO_SPEECH_MODEL", settings.speech_model)


@pytest.fixture
def neural_settings(tmp_path: Path, tiny_registry: Path, monkeypatch: pytest.MonkeyPatch):
    settings = neural_settings_for(tmp_path, tiny_registry)
    export_registry(settings, monkeypatch)
    return settings


@pytest.fixture
def models(neural_settings: Settings):
    """The catalog of the tiny registry: what a worker with these settings serves."""
    from cielo.generation.catalog import ModelCatalog

    return ModelCatalog(neural_settings)


def make_video(models, request, workdir: Path, **kwargs):
    """run_pipeline with the tiny registry's catalog."""
    from cielo.generation import run_pipeline

    return run_pipeline(request, workdir, models=models, **kwargs)


def write_image(
    path: Path, colours: tuple[tuple[int, int, int], tuple[int, int, int]], size=(48, 64)
) -> Path:
    """A two-colour picture with a disc in the middle: something a model can be conditioned on."""
    w, h = size
    image = np.zeros((h, w, 3), np.uint8)
    image[:, : w // 2] = colours[0]
    image[:, w // 2 :] = colours[1]
    yy, xx = np.mgrid[0:h, 0:w]
    image[(yy - h // 2) ** 2 + (xx - w // 2) ** 2 < (min(w, h) // 4) ** 2] = (240, 220, 40)
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(image).save(path)
    return path


def assert_video(path: Path, width: int, height: int, seconds: float, fps: int = 24) -> dict:
    """H.264 + AAC at exactly the requested size and duration."""
    from cielo.generation.media import probe

    info = probe(path)
    assert info["video_codec"] == "h264" and info["audio_codec"] == "aac", info
    assert (info["width"], info["height"]) == (width, height), info
    assert info["frame_count"] == round(seconds * fps), info
    assert abs(info["duration"] - seconds) < 1.0 / fps + 1e-6, info
    assert info["audio_duration"] is None or abs(info["audio_duration"] - seconds) < 0.05, info
    return info
