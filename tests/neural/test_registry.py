"""The model registry: built-in entries, the operator's file, clear refusals, and `cielo models`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cielo.config import Settings
from cielo.generation import GenerationError
from cielo.generation.catalog import ModelCatalog
from cielo.generation.engines.diffusers.geometry import frame_count, native_size, plan_geometry
from cielo.generation.registry import (
    BUILTIN_MODELS,
    RegistryError,
    load_registry,
    weights_problem,
)


def _settings(tmp_path: Path, toml: str | None = None, **extra) -> Settings:
    if toml is not None:
        (tmp_path / "models.toml").write_text(toml)
    return Settings(home=tmp_path, **extra)


def test_builtin_models_are_listed_and_look_for_weights_under_home(tmp_path):
    specs = load_registry(_settings(tmp_path))
    assert set(BUILTIN_MODELS) <= set(specs)
    ltx2 = specs["ltx-2"]
    assert ltx2.kind == "ltx2" and ltx2.path == (tmp_path / "models" / "ltx-2").resolve()
    assert specs["wan2.2-t2v-a14b"].guidance_2 == 3.0
    assert specs["wan2.1-t2v-1.3b"].audio_model == "stable-audio-open-1.0"
    assert weights_problem(ltx2).startswith("no weights folder")


def test_file_entries_override_builtins_and_derive_from_a_base(tmp_path):
    toml = """
[models.ltx-2]
path = "/srv/weights/LTX-2"
memory = "model_offload"

[models.wan-fast]
base = "wan2.1-t2v-1.3b"
steps = 20
cache = "first_block"
cache_options = { threshold = 0.08 }
compile = true

[models.my-wan]
kind = "wan"
path = "weights/wan"
sizes = ["480x832"]
"""
    specs = load_registry(_settings(tmp_path, toml))
    assert specs["ltx-2"].path == Path("/srv/weights/LTX-2") and specs["ltx-2"].memory == "model_offload"
    assert specs["ltx-2"].steps == 40  # untouched fields keep the built-in's values
    fast = specs["wan-fast"]
    assert fast.path == specs["wan2.1-t2v-1.3b"].path  # a derived entry shares its base's weights
    assert (fast.steps, fast.cache, fast.cache_options, fast.compile) == (
        20,
        "first_block",
        {"threshold": 0.08},
        True,
    )
    assert specs["my-wan"].path == (tmp_path / "weights" / "wan").resolve()  # relative to the file
    assert specs["my-wan"].fps == 16 and specs["my-wan"].frame_multiple == 4  # the kind's defaults


def test_json_registry_is_read_too(tmp_path):
    path = tmp_path / "registry.json"
    path.write_text(json.dumps({"models": {"w": {"kind": "wan", "sizes": ["832x480"], "steps": 7}}}))
    specs = load_registry(Settings(home=tmp_path, models_file=path))
    assert specs["w"].steps == 7


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[models.x]\nkind = "wan"\nsteps = 4\ncolour = "red"\n', "unknown keys ['colour']"),
        ('[models.x]\nkind = "sora"\n', "needs kind = one of"),
        ('[models.x]\nkind = "ltx2"\nsizes = ["720x1280"]\n', "multiple of 32"),
        ('[models.x]\nbase = "nothing"\n', "base 'nothing'"),
        ('[models.x]\nkind = "wan"\naudio_model = "nope"\n', "audio_model 'nope'"),
        ('[models.x]\nkind = "wan"\nmemory = "floppy"\n', "memory must be one of"),
        ('[models.x]\nkind = "wan"\nsizes = ["big"]\n', "not WIDTHxHEIGHT"),
        ('[models.x]\nkind = "wan"\nedit_strength = 1.5\n', "edit_strength must be at most 1"),
        ('[models.x]\nkind = "wan"\nsteps = 4\nedit_strength = 0.2\n', "leave at least one of the steps"),
        ("[models.x\n", "not valid TOML"),
    ],
)
def test_a_wrong_registry_file_says_what_is_wrong(tmp_path, toml, message):
    with pytest.raises(RegistryError, match=message.replace("[", r"\[").replace("(", r"\(")):
        load_registry(_settings(tmp_path, toml))


def test_a_broken_file_leaves_the_builtins_registered(tmp_path):
    models = ModelCatalog(_settings(tmp_path, '[models.x]\nkind = "sora"\n'))
    assert "ltx-2" in models.specs and "x" not in models.specs and "ltx-2" in models.names()
    assert "kind" in models.error  # kept for `cielo models list` to show


def test_weights_problem_names_what_is_missing(tmp_path):
    folder = tmp_path / "models" / "w"
    settings = _settings(tmp_path, f'[models.w]\nkind = "wan"\npath = "{folder}"\n')
    spec = load_registry(settings)["w"]
    folder.mkdir(parents=True)
    assert "model_index.json" in weights_problem(spec)
    (folder / "model_index.json").write_text(
        json.dumps(
            {
                "_class_name": "WanPipeline",
                "transformer": ["diffusers", "WanTransformer3DModel"],
                "vae": ["diffusers", "AutoencoderKLWan"],
                "transformer_2": [None, None],
            }
        )
    )
    (folder / "vae").mkdir()
    assert weights_problem(spec).endswith("lacks the component folders transformer")
    (folder / "transformer").mkdir()
    assert weights_problem(spec) is None  # transformer_2 is null: a one-expert Wan needs no folder


def test_registry_models_are_engine_names_and_missing_weights_are_refused_clearly(tmp_path):
    models = ModelCatalog(_settings(tmp_path, '[models.tiny]\nkind = "wan"\npath = "nowhere"\n'))
    assert {"cielo-preview", "ltx-2", "tiny"} <= set(models.names())
    assert "stable-audio-open-1.0" not in models.names()  # it scores video models; it answers no request
    with pytest.raises(GenerationError) as missing:
        models.check_ready("tiny")
    assert missing.value.code == "model_unavailable" and "cielo models list" in missing.value.message
    with pytest.raises(GenerationError) as unknown:
        models.check_ready("no-such-model")
    assert unknown.value.code == "model_not_found"
    models.check_ready("cielo-preview")  # always ready
    with pytest.raises(GenerationError) as not_loaded:
        models.engine("tiny")  # and the worker refuses it again before loading anything
    assert not_loaded.value.code == "model_unavailable"


def test_two_installations_in_one_process_serve_their_own_models(tmp_path):
    """No registry hides in a module: each app serves exactly what its own settings name."""
    from fastapi.testclient import TestClient

    from cielo.app import create_app

    for name in ("a", "b"):
        (tmp_path / name).mkdir()
    light = {"moderation_classifier": False, "frame_moderation": False}
    ours = _settings(tmp_path / "a", '[models.ours]\nbase = "wan2.1-t2v-1.3b"\n', **light)
    theirs = _settings(tmp_path / "b", '[models.theirs]\nbase = "ltx-2"\n', **light)
    assert "ours" in ModelCatalog(ours).names() and "ours" not in ModelCatalog(theirs).names()
    for settings, mine, other in ((ours, "ours", "theirs"), (theirs, "theirs", "ours")):
        with TestClient(create_app(settings)) as client:
            models = client.app.state.services.models
            assert mine in models.names() and other not in models.names()
            assert models.settings is settings


def test_models_list_shows_each_model_and_whether_its_weights_are_present(tiny_registry, tmp_path):
    env = {"CIELO_HOME": str(tmp_path), "CIELO_MODELS_FILE": str(tiny_registry), "PATH": "/usr/bin:/bin"}
    run = subprocess.run(
        [sys.executable, "-m", "cielo.cli", "models", "list", "--json"],
        env=env,
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    rows = {r["name"]: r for r in map(json.loads, run.stdout.splitlines())}
    assert rows["tiny-ltx2"]["weights_present"] and rows["tiny-wan22"]["weights_present"]
    assert not rows["ltx-2"]["weights_present"] and "no weights folder" in rows["ltx-2"]["problem"]
    check = subprocess.run(
        [sys.executable, "-m", "cielo.cli", "models", "check", "ltx-2"],
        env=env,
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 1 and "model_unavailable" in check.stdout


# ---------------------------------------------------------------------------------------- geometry


def test_sizes_and_seconds_map_to_what_the_model_accepts(tmp_path):
    specs = load_registry(_settings(tmp_path))
    wan, ltx2 = specs["wan2.1-t2v-1.3b"], specs["ltx-2"]
    assert native_size(wan, 720, 1280) == (480, 832) and native_size(wan, 1280, 720) == (832, 480)
    assert native_size(ltx2, 720, 1280) == (704, 1280)  # nothing covers 720 wide: the largest of that shape
    assert native_size(ltx2, 480, 832) == (544, 960)  # the smallest of that shape that covers it
    assert frame_count(wan, 4) == 65 and frame_count(wan, 5) == 81  # 4k + 1 at 16 fps
    assert frame_count(ltx2, 4) == 97  # 8k + 1 at 24 fps
    long = plan_geometry(wan, 720, 1280, 8, 24)
    assert long.num_frames == 81 and long.time_stretch == 1.6  # capped: 81 frames spread over 8 s
    assert (long.out_width, long.out_height, long.out_frames) == (720, 1280, 192)
