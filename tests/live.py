"""Helpers that run Cielo for real: the `cielo` command in subprocesses, worker processes, polling."""

from __future__ import annotations

import multiprocessing
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from cielo.config import Settings


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cielo_env(settings: Settings, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CIELO_")}
    env.update(CIELO_HOME=str(settings.home), CIELO_DATABASE_URL=settings.resolved_database_url,
               CIELO_LEASE_SECONDS=str(settings.lease_seconds), CIELO_WORKER_IDLE_SLEEP="0.2",
               CIELO_POLL_AFTER_MS="200")
    env.update(extra)
    return env


def cielo(settings: Settings, *args: str, input: str | None = None) -> str:
    result = subprocess.run([sys.executable, "-m", "cielo.cli", *args], env=cielo_env(settings), input=input,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def start_server(settings: Settings, port: int, workers: int, log: Path, **env: str) -> subprocess.Popen:
    """`cielo serve` in its own process group, so a test can kill the server and its workers at once.
    `env` adds or overrides environment variables (CIELO_* settings) for it."""
    out = open(log, "ab")  # noqa: SIM115 - kept open for the process's life
    process = subprocess.Popen(
        [sys.executable, "-m", "cielo.cli", "serve", "--port", str(port), "--workers", str(workers)],
        env=cielo_env(settings, **env), stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
    )
    deadline = time.time() + 180
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {log.read_text()[-3000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=10).status_code == 200:
                return process
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    stop_group(process, signal.SIGKILL)
    raise RuntimeError(f"server did not start: {log.read_text()[-3000:]}")


def stop_group(process: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    try:
        os.killpg(process.pid, sig)
    except ProcessLookupError:
        return
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)


def start_worker(settings: Settings) -> multiprocessing.Process:
    """One real worker process, as `cielo worker` runs them."""
    from cielo.workers.supervisor import worker_process_main

    process = multiprocessing.get_context("spawn").Process(
        target=worker_process_main, args=(settings.model_dump(mode="json"),), daemon=True
    )
    process.start()
    return process


def wait_for(predicate, timeout: float = 240.0, interval: float = 0.1, what: str = "condition"):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out waiting for {what}")
