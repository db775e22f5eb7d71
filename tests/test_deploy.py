"""The deployment recipes, checked offline: Kubernetes manifests against the Kubernetes API's own schemas
(kubernetes-validate, strict: no unknown fields), KEDA's ScaledObjects against what its PostgreSQL scaler
needs and the workers they scale, the compose file's references, and both images with hadolint."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

from cielo.db.models import Video
from cielo.generation.registry import load_registry
from cielo.generation.request import PREVIEW_MODEL
from tests.conftest import make_settings

ROOT = Path(__file__).resolve().parents[1]
K8S = ROOT / "deploy" / "kubernetes"


def _documents() -> list[dict]:
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    return [doc for name in kustomization["resources"] for doc in yaml.safe_load_all((K8S / name).read_text())
            if doc]


@pytest.mark.parametrize("document", _documents(), ids=lambda d: f"{d['kind']}/{d['metadata']['name']}")
def test_every_kubernetes_object_matches_the_api_schema(document):
    if document["apiVersion"].startswith("keda.sh/"):
        pytest.skip("a KEDA object: checked against its scaler below")
    kubernetes_validate.validate(document, kubernetes_validate.latest_version(), strict=True)


def test_keda_scales_each_worker_pool_on_its_own_models_queue(tmp_path):
    documents = _documents()
    deployments = {d["metadata"]["name"]: d for d in documents if d["kind"] == "Deployment"}
    secrets = {key for d in documents if d["kind"] == "Secret" for key in d["stringData"]}
    known = {PREVIEW_MODEL, *load_registry(make_settings(tmp_path, "sqlite+aiosqlite://"))}
    scaled = [d for d in documents if d["kind"] == "ScaledObject"]
    assert len(scaled) == 2
    for item in scaled:
        target = deployments[item["spec"]["scaleTargetRef"]["name"]]
        [trigger] = item["spec"]["triggers"]
        assert trigger["type"] == "postgresql" and trigger["metadata"]["connectionFromEnv"] in secrets
        query = trigger["metadata"]["query"]
        assert f"FROM {Video.__tablename__} " in query and "status IN ('queued', 'in_progress')" in query
        [model] = re.findall(r"model = '([^']+)'", query)
        assert model in known
        args = target["spec"]["template"]["spec"]["containers"][0]["args"]
        assert args[:2] == ["cielo", "worker"] and args[args.index("--models") + 1] == model
        assert int(trigger["metadata"]["targetQueryValue"]) >= 1
    api = deployments["cielo-api"]["spec"]["template"]["spec"]["containers"][0]
    assert api["args"] == ["cielo", "serve", "--workers", "0"]
    assert api["readinessProbe"]["httpGet"]["path"] == "/readyz"


def test_compose_file_references_what_it_defines():
    compose = yaml.safe_load((ROOT / "deploy" / "compose" / "compose.yaml").read_text())
    services = compose["services"]
    for name, service in services.items():
        assert set(service.get("depends_on", {})) <= set(services), name
        for volume in service.get("volumes", []):
            assert volume.split(":")[0] in compose["volumes"], volume
    env = services["cielo"]["environment"]
    assert "@postgres:5432/" in env["CIELO_DATABASE_URL"] and env["AWS_ENDPOINT_URL"] == "http://minio:9000"
    assert env["CIELO_MEDIA_URL"].startswith("s3://cielo-media/")
    assert "cielo-media" in " ".join(services["bucket"]["command"])


@pytest.mark.parametrize("dockerfile", ["Dockerfile", "Dockerfile.cuda"])
def test_images_pass_hadolint(dockerfile):
    lint = subprocess.run([str(Path(sys.executable).parent / "hadolint"), str(ROOT / dockerfile)],
                          capture_output=True, text=True, timeout=60)
    assert lint.returncode == 0, lint.stdout + lint.stderr


def test_cuda_image_runs_a_worker():
    text = (ROOT / "Dockerfile.cuda").read_text()
    assert '".[neural]"' in text and 'CMD ["cielo", "worker"' in text and "CIELO_HOME=/data" in text
