"""A registry entry of kind "openai-compatible" renders on another server that speaks OpenAI's Videos API. The
other server here is a second Cielo, started by the test: the remote render is real, and so is its failure
(through a proxy that answers 503 and 429 before passing requests on)."""

from __future__ import annotations

import http.server
import json
import re
import socketserver
import threading
from pathlib import Path

import httpx
import pytest
from openai import BadRequestError, OpenAI

from cielo.config import Settings
from cielo.generation import GenerationCancelled, GenerationRequest, media, pipeline
from cielo.generation.engines.remote import JOB_FILE, RemoteEngine
from cielo.generation.catalog import ModelCatalog
from cielo.generation.registry import ModelSpec, RegistryError, load_registry
from cielo.jobs.running import JobState
from cielo.workers.worker import Creator, render_and_finish
from cielo.safety.guard import SafetyGuard
from cielo.safety.invisible import InvisibleWatermark
from tests.live import free_port, start_server, stop_group, wait_for

pytestmark = pytest.mark.slow

KEY_ENV = "CIELO_TEST_REMOTE_KEY"


class RemoteCielo:
    """A second Cielo (`cielo serve --workers 1`, preview engine) and the API key its first start printed."""

    def __init__(self, home: Path) -> None:
        self.settings = Settings(home=home)
        self.settings.home.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.log = home / "server.log"
        self.process = start_server(self.settings, self.port, 1, self.log)
        self.base = f"http://127.0.0.1:{self.port}/v1"
        self.key = wait_for(lambda: (m := re.search(r"API key \(shown once\): (\S+)", self.log.read_text()))
                            and m.group(1), what="the first start's API key")
        self.client = OpenAI(base_url=self.base, api_key=self.key, max_retries=0)

    def videos(self) -> list:
        return list(self.client.videos.list())


@pytest.fixture(scope="module")
def remote(tmp_path_factory):
    server = RemoteCielo(tmp_path_factory.mktemp("remote"))
    yield server
    stop_group(server.process)


def _spec(base_url: str, **changes) -> ModelSpec:
    values = dict(name="remote-cielo", kind="openai-compatible", path=Path("/nonexistent"), base_url=base_url,
                  remote_model="sora-2", api_key_env=KEY_ENV, sizes=("720x1280", "1280x720"),
                  seconds=("4", "8", "12"))
    return ModelSpec(**(values | changes))


def _request(**changes) -> GenerationRequest:
    values = dict(prompt='A lighthouse at dusk. Ana: "The light is on."', seconds=4, width=720, height=1280,
                  seed=5, model="remote-cielo")
    return GenerationRequest(**(values | changes))


def test_registry_entries_for_remote_servers_are_checked(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    (home / "models.toml").write_text(
        '[models.remote-cielo]\nkind = "openai-compatible"\nbase_url = "https://gpu.example/v1"\n'
        'remote_model = "wan-2.2"\napi_key_env = "GPU_KEY"\nseconds = ["5"]\nextra_fields = { steps = 8 }\n')
    spec = load_registry(Settings(home=home))["remote-cielo"]
    assert spec.is_remote and spec.extra_fields == {"steps": 8} and spec.seconds == ("5",)
    from cielo.generation.registry import weights_problem

    monkeypatch.delenv("GPU_KEY", raising=False)
    assert "GPU_KEY" in weights_problem(spec)
    monkeypatch.setenv("GPU_KEY", "k")
    assert weights_problem(spec) is None
    for wrong in ('base_url = "gpu.example"', 'remote_model = ""', 'api_key_env = "sk-live-123 456"'):
        (home / "models.toml").write_text(
            '[models.r]\nkind = "openai-compatible"\nbase_url = "https://gpu.example/v1"\nremote_model = "m"\n'
            + wrong + "\n")
        with pytest.raises(RegistryError):
            load_registry(Settings(home=home))
    (home / "models.toml").write_text('[models.w]\nbase = "wan2.1-t2v-1.3b"\nremote_model = "m"\n')
    with pytest.raises(RegistryError, match="belong to remote models"):
        load_registry(Settings(home=home))


def test_sizes_and_seconds_map_to_what_the_server_accepts():
    engine = RemoteEngine(_spec("http://x/v1", sizes=("1280x720", "720x1280", "480x832"), seconds=("4", "8", "12")))
    assert engine.remote_size(720, 1280) == (720, 1280)
    assert engine.remote_size(1080, 1920) == (720, 1280)  # the same shape
    assert engine.remote_size(1920, 1080) == (1280, 720)
    assert [engine.remote_seconds(s) for s in (4, 5, 12, 16, 20)] == [4, 8, 12, 12, 12]
    assert RemoteEngine(_spec("http://x/v1", sizes=(), seconds=())).remote_size(1080, 1920) == (1080, 1920)


def test_a_remote_render_is_finished_here_and_its_remote_copy_removed(remote, tmp_path, monkeypatch):
    monkeypatch.setenv(KEY_ENV, remote.key)
    guard = SafetyGuard(Settings(home=tmp_path / "home"))
    video_id = "video_" + "7a" * 16
    seen: list[float] = []
    state = JobState()
    state.report = lambda fraction, stage: seen.append(fraction)  # noqa: ARG005
    models = ModelCatalog(guard.settings, specs={"remote-cielo": _spec(remote.base)})  # as a worker's would be
    result, finished = render_and_finish(_request(), tmp_path / "work", guard, video_id, Creator("ana", False),
                                         state, models=models)
    info = media.probe(finished.video)
    assert (info["width"], info["height"], info["frame_count"]) == (720, 1280, 96) and info["has_audio"]
    assert result.metadata["audio"]["source"] == "engine"  # the other server's soundtrack, kept
    # Marked and signed here, as a local render: this server's id in the invisible mark, its C2PA manifest.
    found = InvisibleWatermark(scale=guard.settings.invisible_watermark_strength).detect_frames(
        list(media.iter_frames(finished.video))[:13])
    assert found is not None and found.key == bytes.fromhex(video_id[6:22])
    assert guard.credentials.verify(finished.video).valid
    assert len(set(seen)) > 3 and seen == sorted(seen)  # the remote progress came through
    assert remote.videos() == []  # downloaded, then deleted there


def test_a_worker_that_takes_over_waits_for_the_same_remote_job(remote, tmp_path, monkeypatch):
    monkeypatch.setenv(KEY_ENV, remote.key)
    engine = RemoteEngine(_spec(remote.base), poll_seconds=0.1)
    work = tmp_path / "work"
    plan = pipeline.build_plan(_request(seconds=8))
    with pytest.raises(GenerationCancelled):  # the first worker stops once the job is submitted
        engine.render(plan, _request(seconds=8), work, lambda f: None, lambda: (work / JOB_FILE).exists())
    submitted = json.loads((work / JOB_FILE).read_text())["id"]
    assert [v.id for v in remote.videos()] == [submitted]
    rendered = engine.render(plan, _request(seconds=8), work, lambda f: None, lambda: False)
    assert media.probe(rendered.path)["frame_count"] == 8 * 24
    assert remote.videos() == []  # one remote job in all, deleted once fetched


def test_a_cancelled_job_deletes_its_remote_job(remote, tmp_path, monkeypatch):
    monkeypatch.setenv(KEY_ENV, remote.key)
    engine = RemoteEngine(_spec(remote.base, seconds=()), poll_seconds=0.1)
    work = tmp_path / "work"
    request = _request(seconds=20)
    with pytest.raises(GenerationCancelled):
        engine.render(pipeline.build_plan(request), request, work, lambda f: None,
                      lambda: (work / JOB_FILE).exists())
    assert len(remote.videos()) == 1
    engine.discard(work)
    wait_for(lambda: remote.videos() == [], what="the remote job's deletion")


class _FlakyProxy(http.server.BaseHTTPRequestHandler):
    """Answers 503 (Retry-After: 0), then 429, to the first `failing` tries of every request, then passes it on."""

    target = ""
    failing = 2
    tries: dict[tuple[str, str], int] = {}
    failures: list[int] = []

    def _relay(self) -> None:
        key = (self.command, self.path)
        attempt = self.tries[key] = self.tries.get(key, 0) + 1
        body = self.rfile.read(int(self.headers.get("content-length") or 0))
        if attempt <= self.failing:
            status = 503 if attempt % 2 else 429
            self.failures.append(status)
            self.send_response(status)
            self.send_header("retry-after", "0")
            self.send_header("content-length", "0")
            self.end_headers()
            return
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length")}
        answer = httpx.request(self.command, self.target + self.path, headers=headers, content=body, timeout=60)
        self.send_response(answer.status_code)
        for name in ("content-type", "openai-poll-after-ms"):
            if name in answer.headers:
                self.send_header(name, answer.headers[name])
        self.send_header("content-length", str(len(answer.content)))
        self.end_headers()
        self.wfile.write(answer.content)

    do_GET = do_POST = do_DELETE = _relay

    def log_message(self, *args) -> None:  # noqa: ANN002
        pass


def test_busy_answers_are_retried_until_the_time_limit(remote, tmp_path, monkeypatch):
    from cielo.generation import GenerationError

    monkeypatch.setenv(KEY_ENV, remote.key)
    _FlakyProxy.target = f"http://127.0.0.1:{remote.port}"
    proxy = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _FlakyProxy)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{proxy.server_address[1]}/v1"
    try:
        engine = RemoteEngine(_spec(base), poll_seconds=0.1)
        rendered = engine.render(pipeline.build_plan(_request()), _request(), tmp_path / "work", lambda f: None,
                                 lambda: False)
        assert media.probe(rendered.path)["frame_count"] == 96
        assert {503, 429} <= set(_FlakyProxy.failures)
        assert remote.videos() == []  # the deletion was retried too
        # A server that never stops being busy runs into the entry's time limit, with a clear error.
        _FlakyProxy.failing, _FlakyProxy.tries = 10**9, {}
        engine = RemoteEngine(_spec(base, timeout_seconds=3.0), poll_seconds=0.1)
        with pytest.raises(GenerationError) as refused:
            engine.render(pipeline.build_plan(_request()), _request(), tmp_path / "again", lambda f: None,
                          lambda: False)
        assert refused.value.code == "remote_timeout" and "did not answer in time" in refused.value.message
    finally:
        proxy.shutdown()


def test_a_video_made_through_the_api_renders_on_the_other_server(remote, tmp_path):
    """This server's API, queue and worker; the render on the other server; the marks and C2PA here."""
    home = tmp_path / "here"
    home.mkdir()
    (home / "models.toml").write_text(
        f'[models.remote-cielo]\nkind = "openai-compatible"\nbase_url = "{remote.base}"\n'
        f'remote_model = "sora-2"\napi_key_env = "{KEY_ENV}"\nseconds = ["4", "8", "12"]\n')
    here = Settings(home=home)
    port = free_port()
    server = start_server(here, port, 1, home / "server.log", **{KEY_ENV: remote.key})
    try:
        key = wait_for(lambda: (m := re.search(r"API key \(shown once\): (\S+)", (home / "server.log").read_text()))
                       and m.group(1), what="the first start's API key")
        client = OpenAI(base_url=f"http://127.0.0.1:{port}/v1", api_key=key, max_retries=0)
        assert "remote-cielo" in [m.id for m in client.models.list()]
        video = client.videos.create_and_poll(model="remote-cielo", prompt="Waves on a quiet beach at noon.",
                                              seconds="4", poll_interval_ms=200)
        assert video.status == "completed", video.error
        client.videos.download_content(video.id).write_to_file(tmp_path / "out.mp4")
        assert media.probe(tmp_path / "out.mp4")["frame_count"] == 96
        assert remote.videos() == []
        # Remixing keeps the model; editing cannot (the other server has no copy of the source).
        with pytest.raises(BadRequestError) as refused:
            client.post("/videos/edits", body={"prompt": "Make it snow.", "video": {"id": video.id}}, cast_to=dict)
        assert refused.value.code == "unsupported_mode"
        remixed = client.videos.remix(video.id, prompt="Now at sunset.")
        remixed = client.videos.poll(remixed.id, poll_interval_ms=200)
        assert remixed.status == "completed" and remixed.model == video.model
    finally:
        stop_group(server)
