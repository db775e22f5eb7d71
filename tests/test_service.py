"""Cielo as a service: stopping `cielo serve` or `cielo worker` with SIGTERM, SIGINT, SIGHUP or kill -9 (the
signal goes to the main process alone, as systemd's KillMode=mixed and Docker send it) leaves no Cielo
process behind, running jobs go back to the queue, and a restart finishes them, marked and signed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import make_settings
from tests.live import cielo_env, free_port, wait_for

pytestmark = pytest.mark.slow

SHUTDOWN_SECONDS = 10


def _children(pid: int) -> list[int]:
    """Every process whose parent is `pid` (read from /proc, as `ps --ppid` would)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (exited, not yet reaped by a dead parent's reaper) is gone for every purpose here.
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


class Serve:
    """`cielo serve` in a process of its own, its output kept in a log file."""

    def __init__(self, settings, port: int, log: Path, workers: int = 2, **env: str) -> None:
        self.port, self.log = port, log
        with open(log, "ab") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "cielo.cli", "serve", "--port", str(port), "--workers", str(workers)],
                env=cielo_env(settings, CIELO_SHUTDOWN_SECONDS=str(SHUTDOWN_SECONDS), **env),
                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        wait_for(self._ready, timeout=240, interval=0.2, what="cielo serve to answer /readyz")

    def _ready(self) -> bool:
        if self.process.poll() is not None:
            raise AssertionError(f"cielo serve exited early:\n{self.log.read_text()[-3000:]}")
        try:
            return httpx.get(f"{self.url}/readyz", timeout=10).status_code == 200
        except httpx.HTTPError:
            return False

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def workers(self) -> list[int]:
        return _children(self.process.pid)

    def kill_all(self) -> None:
        """Test clean-up: whatever is left of the process group."""
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(30)


def _api_key(log: Path) -> str:
    return next(word for word in log.read_text().split() if word.startswith("sk-cielo-"))


def _videos(url: str, key: str) -> list[dict]:
    response = httpx.get(f"{url}/v1/videos", params={"limit": 50}, headers={"authorization": f"Bearer {key}"},
                         timeout=30)
    response.raise_for_status()
    return response.json()["data"]


def _create(url: str, key: str, prompt: str) -> str:
    response = httpx.post(f"{url}/v1/videos", headers={"authorization": f"Bearer {key}"}, timeout=30,
                          json={"prompt": prompt, "seconds": "12"})
    assert response.status_code == 200, response.text
    return response.json()["id"]


def _stop_and_check(serve: Serve, sig: int, workers: list[int]) -> None:
    started = time.monotonic()
    os.kill(serve.process.pid, sig)
    serve.process.wait(SHUTDOWN_SECONDS + 20)
    elapsed = time.monotonic() - started
    wait_for(lambda: not any(_alive(pid) for pid in workers), timeout=10, what="the workers to exit")
    assert elapsed < SHUTDOWN_SECONDS + 5, f"took {elapsed:.1f} s to stop"
    assert serve.process.returncode == 0, serve.log.read_text()[-2000:]


@pytest.fixture
def home_settings(tmp_path, database_url):
    return make_settings(tmp_path, database_url)


def test_sigterm_hands_jobs_back_and_a_restart_finishes_them(home_settings, tmp_path):
    log = tmp_path / "serve.log"
    port = free_port()
    serve = Serve(home_settings, port, log, CIELO_LOG_FORMAT="json")
    try:
        key = _api_key(log)
        ids = [_create(serve.url, key, f"A fox on a beach at sunset, take {i}") for i in range(3)]
        wait_for(lambda: sum(v["status"] == "in_progress" for v in _videos(serve.url, key)) == 2,
                 timeout=240, what="two videos rendering")
        workers = serve.workers()
        assert len(workers) >= 2
        _stop_and_check(serve, signal.SIGTERM, workers)
    finally:
        serve.kill_all()
    text = log.read_text()
    # JSON lines, the request's id on the access log lines; the first-start block came after the
    # server listened (nothing but the workers' hand-back lines after it).
    records = [json.loads(line) for line in text.splitlines() if line.startswith("{")]
    assert any(r.get("request_id", "").startswith("req_") and r["logger"] == "uvicorn.access" for r in records)
    assert text.index("API key (shown once)") > text.index("Uvicorn running on")
    assert sum("released" in r["message"] for r in records) == 2

    serve = Serve(home_settings, port, log)
    try:
        done = wait_for(lambda: (videos := _videos(serve.url, key)) and all(
            v["status"] == "completed" for v in videos) and videos, timeout=300, what="every video completed")
        assert {v["id"] for v in done} == set(ids)
        # The restarted server's videos are the whole product: C2PA-signed, with the invisible mark.
        verify = subprocess.run([sys.executable, "-m", "cielo.cli", "verify",
                                 str(home_settings.resolved_media_dir / "videos" / ids[0] / "video.mp4")],
                                env=cielo_env(home_settings), capture_output=True, text=True, timeout=120)
        assert verify.returncode == 0, verify.stdout + verify.stderr
        with open(home_settings.resolved_media_dir / "videos" / ids[0] / "video.mp4", "rb") as handle:
            check = httpx.post(f"{serve.url}/v1/provenance/check", headers={"authorization": f"Bearer {key}"},
                               files={"file": ("v.mp4", handle, "video/mp4")}, timeout=120)
        assert check.status_code == 200, check.text
        assert check.json()["watermark"]["video_id"] == ids[0]
    finally:
        _stop_and_check(serve, signal.SIGTERM, serve.workers())


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGHUP])
def test_sigint_and_sighup_stop_like_sigterm(tmp_path, sig):
    settings = make_settings(tmp_path, f"sqlite+aiosqlite:///{tmp_path / 'cielo.db'}")
    log = tmp_path / "serve.log"
    serve = Serve(settings, free_port(), log)
    try:
        key = _api_key(log)
        _create(serve.url, key, "Rain over a city at night")
        wait_for(lambda: _videos(serve.url, key)[0]["status"] == "in_progress", timeout=240, what="rendering")
        _stop_and_check(serve, sig, serve.workers())
    finally:
        serve.kill_all()
    assert "released" in log.read_text()


def test_kill_9_of_serve_leaves_no_worker_behind_and_a_restart_finishes_the_job(tmp_path):
    settings = make_settings(tmp_path, f"sqlite+aiosqlite:///{tmp_path / 'cielo.db'}")
    log = tmp_path / "serve.log"
    port = free_port()
    serve = Serve(settings, port, log)
    try:
        key = _api_key(log)
        _create(serve.url, key, "Snow falling on a quiet forest")
        wait_for(lambda: _videos(serve.url, key)[0]["status"] == "in_progress", timeout=240, what="rendering")
        workers = serve.workers()
        os.kill(serve.process.pid, signal.SIGKILL)
        serve.process.wait(10)
        # Orphans notice their parent is gone, hand the job back and exit by themselves.
        wait_for(lambda: not any(_alive(pid) for pid in workers), timeout=SHUTDOWN_SECONDS + 10,
                 what="orphaned workers to exit")
    finally:
        serve.kill_all()
    assert "the process that started this worker is gone" in log.read_text()
    assert "released" in log.read_text()
    serve = Serve(settings, port, log)
    try:
        wait_for(lambda: _videos(serve.url, key)[0]["status"] == "completed", timeout=300, what="the job done")
    finally:
        _stop_and_check(serve, signal.SIGTERM, serve.workers())


def test_cielo_worker_stops_on_sigterm_and_its_workers_die_with_it(tmp_path):
    """`cielo worker` on its own: SIGTERM hands the job back; kill -9 of it takes its processes too."""
    settings = make_settings(tmp_path, f"sqlite+aiosqlite:///{tmp_path / 'cielo.db'}")
    log = tmp_path / "serve.log"
    api = Serve(settings, free_port(), log, workers=0)
    key = _api_key(log)
    worker_log = tmp_path / "worker.log"

    def start_worker() -> subprocess.Popen:
        with open(worker_log, "ab") as out:
            return subprocess.Popen([sys.executable, "-m", "cielo.cli", "worker", "--processes", "1"],
                                    env=cielo_env(settings, CIELO_SHUTDOWN_SECONDS=str(SHUTDOWN_SECONDS)),
                                    stdout=out, stderr=subprocess.STDOUT, start_new_session=True)

    try:
        _create(api.url, key, "A lighthouse in a storm")
        worker = start_worker()
        wait_for(lambda: _videos(api.url, key)[0]["status"] == "in_progress", timeout=240, what="rendering")
        children = _children(worker.pid)
        os.kill(worker.pid, signal.SIGTERM)
        worker.wait(SHUTDOWN_SECONDS + 20)
        assert worker.returncode == 0
        wait_for(lambda: not any(_alive(pid) for pid in children), timeout=10, what="worker processes to exit")
        assert _videos(api.url, key)[0]["status"] == "queued"

        worker = start_worker()
        wait_for(lambda: _videos(api.url, key)[0]["status"] == "in_progress", timeout=240, what="rendering")
        children = _children(worker.pid)
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(10)
        wait_for(lambda: not any(_alive(pid) for pid in children), timeout=SHUTDOWN_SECONDS + 10,
                 what="orphaned worker processes to exit")
        wait_for(lambda: _videos(api.url, key)[0]["status"] == "queued", timeout=30, what="the job handed back")
    finally:
        for process in (api.process,):
            process.send_signal(signal.SIGTERM)
            process.wait(30)
        api.kill_all()
