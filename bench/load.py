"""Load and faults on several processes: two API processes and two workers, each with its own data folder,
sharing only PostgreSQL and an S3 server (moto's, started here), with simulated people creating preview
videos, publishing them, scrolling their feed and liking, while a worker and then an API process are killed
with SIGKILL mid-run (each started again a little later, as a supervisor would).

People reach the API processes round-robin, like a load balancer; a request to a dead process is sent again
to the other one, as a load balancer's retry would (each such retry is counted). At the end it waits for every
video to finish and prints:

- jobs lost: videos created that never completed (must be 0);
- duplicated outputs: videos with more than one finished file in the bucket (must be 0), and how many jobs
  were rendered twice because their worker died (their lease lapsed and another worker took them over);
- queue wait p50/p99 (created -> a worker started it), from the database;
- API latency p50/p99 per kind of request, as the people saw it.

    .venv/bin/python bench/load.py [--people 8] [--minutes 3] [--lease-seconds 15]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from pathlib import Path

import boto3
import httpx

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PROMPTS = ["A red kite over a windy beach.", "A cat naps on a sunny windowsill.", "Two friends cook pasta.",
           'A lighthouse at dusk. Ana: "The light is on."', "Un perro juega en el parque.",
           "A knight rides a horse to a castle."]


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _pg(statement: str) -> None:
    import asyncpg

    async def run() -> None:
        admin = await asyncpg.connect(PG_ADMIN)
        try:
            await admin.execute(statement)
        finally:
            await admin.close()

    asyncio.run(run())


class Host:
    """One Cielo process (`cielo serve --workers 0` or `cielo worker`) with its own data folder."""

    def __init__(self, name: str, args: list[str], home: Path, env: dict[str, str]) -> None:
        self.name, self.args, self.home, self.env = name, args, home, env
        self.home.mkdir(parents=True, exist_ok=True)
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("CIELO_")} | self.env
        env["CIELO_HOME"] = str(self.home)
        self.process = subprocess.Popen([sys.executable, "-m", "cielo.cli", *self.args], env=env,
                                        stdout=(self.home / "log").open("ab"), stderr=subprocess.STDOUT,
                                        start_new_session=True)

    def kill(self) -> None:
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                self.kill()


class Balancer:
    """Round-robin over the API processes; a request that cannot connect goes to the next one."""

    def __init__(self, ports: list[int]) -> None:
        self.bases = [f"http://127.0.0.1:{port}" for port in ports]
        self.turn = 0
        self.retried = 0
        self.lock = threading.Lock()

    def request(self, http: httpx.Client, method: str, path: str, **kwargs) -> httpx.Response:
        with self.lock:
            self.turn += 1
            first = self.turn
        for attempt in range(len(self.bases) * 3):
            base = self.bases[(first + attempt) % len(self.bases)]
            try:
                return http.request(method, base + path, **kwargs)
            except httpx.TransportError:
                with self.lock:
                    self.retried += 1
                time.sleep(0.2)
        raise RuntimeError(f"no API process answered {method} {path}")


def person(balancer: Balancer, key: str, until: float, seed: int, created: list[str],
           latencies: dict[str, list[float]], errors: list[str], statuses: dict[str, Counter]) -> None:
    rng = random.Random(seed)
    headers = {"authorization": f"Bearer {key}"}
    mine: list[str] = []
    with httpx.Client(headers=headers, timeout=60) as http:

        def call(kind: str, method: str, path: str, **kwargs) -> httpx.Response | None:
            started = time.perf_counter()
            try:
                answer = balancer.request(http, method, path, **kwargs)
            except RuntimeError as exc:
                errors.append(str(exc))
                return None
            latencies[kind].append(time.perf_counter() - started)
            statuses[kind][answer.status_code] += 1
            if answer.status_code >= 500:
                errors.append(f"{method} {path}: {answer.status_code}")
            return answer

        while time.monotonic() < until:
            roll = rng.random()
            if roll < 0.25:
                made = call("create", "POST", "/v1/videos", json={"prompt": rng.choice(PROMPTS), "seconds": "4"})
                if made is not None and made.status_code == 200:
                    mine.append(made.json()["id"])
                    created.append(made.json()["id"])
            elif roll < 0.35 and mine:
                video = rng.choice(mine)
                call("publish", "POST", f"/api/videos/{video}/publish", json={"caption": "from the load bench"})
            else:
                page = call("feed", "GET", "/api/feed")
                if page is not None and page.status_code == 200 and page.json()["data"] and rng.random() < 0.5:
                    post = rng.choice(page.json()["data"])["id"]
                    call("like", "POST", f"/api/posts/{post}/like")
            time.sleep(rng.uniform(0.3, 1.5))


def _quantile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=8)
    parser.add_argument("--minutes", type=float, default=3.0)
    parser.add_argument("--lease-seconds", type=float, default=15.0)
    args = parser.parse_args()

    import logging

    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # moto's server logs every request otherwise
    s3_port = _free_port()
    s3 = ThreadedMotoServer(ip_address="127.0.0.1", port=s3_port, verbose=False)
    s3.start()
    os.environ.update(AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench", AWS_DEFAULT_REGION="us-east-1",
                      AWS_ENDPOINT_URL=f"http://127.0.0.1:{s3_port}")
    bucket = "cielo-load"
    boto3.client("s3").create_bucket(Bucket=bucket)
    database = f"cielo_load_{uuid.uuid4().hex[:8]}"
    _pg(f'CREATE DATABASE "{database}"')
    url = f"postgresql+asyncpg://postgres@127.0.0.1:5432/{database}"
    shared = {"CIELO_DATABASE_URL": url, "CIELO_MEDIA_URL": f"s3://{bucket}/cielo",
              "CIELO_LEASE_SECONDS": str(args.lease_seconds), "CIELO_DAILY_QUOTA": "1000",
              "CIELO_LOG_FORMAT": "json"}
    root = Path(tempfile.mkdtemp(prefix="cielo-load-"))
    ports = [_free_port(), _free_port()]
    apis = [Host(f"api-{i}", ["serve", "--workers", "0", "--port", str(port)], root / f"api-{i}", shared)
            for i, port in enumerate(ports)]
    workers = [Host(f"worker-{i}", ["worker", "--models", "cielo-preview"], root / f"worker-{i}", shared)
               for i in range(2)]
    hosts = [*apis, *workers]
    try:
        apis[0].start()
        key = None
        deadline = time.monotonic() + 300
        while key is None and time.monotonic() < deadline:
            found = re.search(r"API key \(shown once\): (\S+)", (apis[0].home / "log").read_text(errors="replace"))
            key = found and found.group(1)
            time.sleep(0.2)
        for host in (apis[1], *workers):
            host.start()
        for port in ports:
            while time.monotonic() < deadline:
                try:
                    if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=10).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                time.sleep(0.2)
        keys = [key]
        for index in range(1, args.people):
            cli = {k: v for k, v in os.environ.items() if not k.startswith("CIELO_")} | shared
            cli["CIELO_HOME"] = str(root / "cli")
            subprocess.run([sys.executable, "-m", "cielo.cli", "admin", "create-user", f"person{index}",
                            "--password-stdin"], input="load-bench-pass\n", env=cli, check=True,
                           capture_output=True, text=True)
            out = subprocess.run([sys.executable, "-m", "cielo.cli", "admin", "api-key", f"person{index}"], env=cli,
                                 check=True, capture_output=True, text=True).stdout
            keys.append(re.search(r"sk-cielo-\S+", out).group(0))

        balancer = Balancer(ports)
        created: list[str] = []
        latencies: dict[str, list[float]] = defaultdict(list)
        errors: list[str] = []
        statuses: dict[str, Counter] = defaultdict(Counter)
        started = time.monotonic()
        until = started + args.minutes * 60
        people = [threading.Thread(target=person, args=(balancer, k, until, i, created, latencies, errors,
                                                        statuses))
                  for i, k in enumerate(keys)]
        for thread in people:
            thread.start()
        faults = []
        time.sleep(args.minutes * 60 / 3)
        workers[0].kill()
        faults.append(f"{time.monotonic() - started:.0f} s: SIGKILL worker-0 (started again 20 s later)")
        time.sleep(20)
        workers[0].start()
        time.sleep(max(0.0, until - time.monotonic() - args.minutes * 60 / 3))
        apis[1].kill()
        faults.append(f"{time.monotonic() - started:.0f} s: SIGKILL api-1 (started again 20 s later)")
        time.sleep(20)
        apis[1].start()
        for thread in people:
            thread.join()

        # Every video reaches an end state: completed, or failed with a reason.
        finished: dict[str, dict] = {}
        wait_until = time.monotonic() + 600
        pending = list(created)
        while pending and time.monotonic() < wait_until:
            still = []
            for video_id in pending:
                row = _row(url, video_id)
                if row["status"] in ("completed", "failed", "cancelled"):
                    finished[video_id] = row
                else:
                    still.append(video_id)
            pending = still
            time.sleep(1)
        lost = [v for v in created if finished.get(v, {}).get("status") != "completed"]
        names = [item["Key"] for page in boto3.client("s3").get_paginator("list_objects_v2").paginate(Bucket=bucket)
                 for item in page.get("Contents", [])]
        outputs = defaultdict(int)
        for name in names:
            for video_id in created:
                if video_id in name and name.endswith(".mp4"):
                    outputs[video_id] += 1
        duplicated = [v for v, n in outputs.items() if n > 1]
        rerendered = [v for v in created if finished.get(v, {}).get("attempts", 1) > 1]
        waits = [row["wait"] for row in finished.values() if row["wait"] is not None]

        print(f"{args.people} people for {args.minutes:g} min against 2 API processes and 2 workers "
              f"(PostgreSQL, S3), lease {args.lease_seconds:g} s")
        for fault in faults:
            print(f"  fault at {fault}")
        print(f"videos created: {len(created)}; completed: {len(created) - len(lost)}; "
              f"jobs lost: {len(lost)} {lost[:5] if lost else ''}")
        print(f"duplicated outputs: {len(duplicated)}; jobs rendered twice after their worker died: "
              f"{len(rerendered)}")
        print(f"queue wait: p50 {_quantile(waits, 0.5):.2f} s, p99 {_quantile(waits, 0.99):.2f} s, "
              f"max {max(waits, default=0):.2f} s")
        print("| request | count | answers | p50 ms | p99 ms |\n|---|---|---|---|---|")
        everything = [value for values in latencies.values() for value in values]
        for kind, values in sorted(latencies.items()) + [("all", everything)]:
            answers = statuses[kind] if kind != "all" else sum(statuses.values(), Counter())
            shown = ", ".join(f"{count} x {status}" for status, count in sorted(answers.items()))
            print(f"| {kind} | {len(values)} | {shown} | {_quantile(values, 0.5) * 1000:.0f} | "
                  f"{_quantile(values, 0.99) * 1000:.0f} |")
        print(f"requests sent again to the other API process: {balancer.retried}; 5xx or unanswered: "
              f"{len(errors)} {errors[:3] if errors else ''}")
        if statistics.fmean([len(values) for values in latencies.values()] or [0]) == 0:
            print("no request was measured")
    finally:
        for host in hosts:
            host.stop()
        s3.stop()
        _pg(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def _row(url: str, video_id: str) -> dict:
    import asyncpg

    async def fetch() -> dict:
        connection = await asyncpg.connect(url.replace("postgresql+asyncpg://", "postgresql://"))
        try:
            row = await connection.fetchrow(
                "SELECT status, attempts, started_at - created_at AS wait FROM videos WHERE id = $1", video_id)
        finally:
            await connection.close()
        return dict(row) if row else {"status": "missing", "attempts": 0, "wait": None}

    return asyncio.run(fetch())


if __name__ == "__main__":
    main()
