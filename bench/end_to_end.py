"""What a person waits for: request -> `completed` through the real server and worker, every safety part on.

It starts `cielo serve --workers 1` in a fresh home (SQLite, or `--db postgresql` on the local server), takes
the API key its first start prints, and with the official OpenAI SDK creates 12 s 720x1280 videos one after
another (after one untimed video that warms the worker up). For each it prints request -> completed as a
multiple of real time, and where the time went (queue wait, the pipeline's stages, the marks and samples
drawn inside the render, output moderation, C2PA), read from the job's row. In the same run it decodes the
finished video and encodes its frames once more with the project's own encoder settings (libx264, the same
preset and CRF): that encode is the floor no pipeline that encodes can beat, and the bench prints the end to
end time as a multiple of it.

    .venv/bin/python bench/end_to_end.py [--videos 3] [--seconds 12] [--size 720x1280] [--db sqlite|postgresql]

Goals on the 2-core development machine: end to end at least 2x faster than real time, and at most 4x the
encode-once floor.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import secrets
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from openai import OpenAI

from cielo.generation.media import VideoWriter, iter_video_frames, probe

PROMPT = (
    'A fox walks along the beach at sunset, waves rolling in. Ana: "Hola, ¿ves el zorro?" '
    'Then cut to a city street at night in the rain, Bob says "Let\'s get home before the storm."'
)
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def _pg_database(name: str, drop: bool = False) -> None:
    import asyncpg

    admin = await asyncpg.connect(PG_ADMIN)
    try:
        if drop:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        else:
            await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()


class Server:
    """`cielo serve --workers 1` in its own process group, and the API key its first start printed."""

    def __init__(self, home: Path, database_url: str | None) -> None:
        self.port = _free_port()
        self.log = home / "server.log"
        env = {k: v for k, v in os.environ.items() if not k.startswith("CIELO_")}
        env.update(CIELO_HOME=str(home), CIELO_LOG_FORMAT="json")
        if database_url:
            env["CIELO_DATABASE_URL"] = database_url
        self.process = subprocess.Popen(
            [sys.executable, "-m", "cielo.cli", "serve", "--port", str(self.port), "--workers", "1"],
            env=env, stdout=self.log.open("ab"), stderr=subprocess.STDOUT, start_new_session=True)
        self.base = f"http://127.0.0.1:{self.port}"
        self.api_key = self._wait_ready()

    def _wait_ready(self) -> str:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"the server exited:\n{self.log.read_text()[-3000:]}")
            found = re.search(r"API key \(shown once\): (\S+)", self.log.read_text(errors="replace"))
            try:
                if found and httpx.get(f"{self.base}/readyz", timeout=10).status_code == 200:
                    return found.group(1)
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise SystemExit(f"the server did not get ready:\n{self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(60)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)


def _row(database_url: str | None, home: Path, video_id: str) -> dict:
    """The job's row as the worker left it: times and the details (stage timings, safety report)."""
    query = "SELECT created_at, started_at, completed_at, details FROM videos WHERE id = "
    if database_url is None:
        with sqlite3.connect(home / "cielo.db") as db:
            created, started, completed, details = db.execute(query + "?", (video_id,)).fetchone()
    else:
        import asyncpg

        async def fetch():
            connection = await asyncpg.connect(database_url.replace("+asyncpg", ""))
            try:
                return await connection.fetchrow(query + "$1", video_id)
            finally:
                await connection.close()

        created, started, completed, details = asyncio.run(fetch())
    details = json.loads(details) if isinstance(details, str) else details
    return {"created": created, "started": started, "completed": completed, "details": details}


def _make_video(client: OpenAI, seconds: int, size: str) -> tuple[str, float]:
    """Creates one video and polls it every 50 ms; returns its id and request -> completed in seconds."""
    started = time.perf_counter()
    video = client.videos.create(model="sora-2", prompt=PROMPT, seconds=str(seconds), size=size)
    while video.status in ("queued", "in_progress"):
        time.sleep(0.05)
        video = client.videos.retrieve(video.id)
    waited = time.perf_counter() - started
    if video.status != "completed":
        raise SystemExit(f"{video.id} ended {video.status}: {video.error}")
    return video.id, waited


def _encode_once(video: Path, out: Path) -> float:
    """The floor: the finished video's frames, decoded into memory first, encoded once as the pipeline does."""
    info = probe(video)
    frames = list(iter_video_frames(video))
    started = time.perf_counter()
    with VideoWriter(out, info["width"], info["height"], round(info["fps"])) as writer:
        for frame in frames:
            writer.write(frame)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--videos", type=int, default=3, help="timed videos (after one untimed warm-up)")
    parser.add_argument("--seconds", type=int, default=12)
    parser.add_argument("--size", default="720x1280")
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    args = parser.parse_args()

    pg_name = f"cielo_bench_{secrets.token_hex(4)}" if args.db == "postgresql" else None
    database_url = f"postgresql+asyncpg://postgres@127.0.0.1:5432/{pg_name}" if pg_name else None
    if pg_name:
        asyncio.run(_pg_database(pg_name))
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        server = Server(home, database_url)
        try:
            client = OpenAI(base_url=f"{server.base}/v1", api_key=server.api_key, max_retries=0)
            _make_video(client, 4, args.size)  # untimed: the worker's first job
            runs = []
            for _ in range(args.videos):
                video_id, waited = _make_video(client, args.seconds, args.size)
                row = _row(database_url, home, video_id)
                path = home / "downloaded.mp4"
                client.videos.download_content(video_id).write_to_file(path)
                floor = _encode_once(path, home / "floor.mp4")
                runs.append({"id": video_id, "waited": waited, "floor": floor, "row": row})
        finally:
            server.stop()
            if pg_name:
                asyncio.run(_pg_database(pg_name, drop=True))
    _report(args, runs)


def _report(args, runs: list[dict]) -> None:
    real = args.seconds
    print(f"{args.videos} videos of {real} s at {args.size} (24 fps) through `cielo serve --workers 1` on "
          f"{args.db}, created with the OpenAI SDK and polled every 50 ms; every safety part on")
    print("| video | request -> completed | x real time | encode-once floor | x floor | queue wait |")
    print("|---|---|---|---|---|---|")
    for index, run in enumerate(runs, 1):
        row = run["row"]
        print(f"| {index} | {run['waited']:.2f} s | {real / run['waited']:.2f}x faster | {run['floor']:.2f} s | "
              f"{run['waited'] / run['floor']:.2f}x | {1000 * (row['started'] - row['created']):.0f} ms |")
    best = min(runs, key=lambda run: run["waited"])
    median = statistics.median(run["waited"] for run in runs)
    median_floor = statistics.median(run["floor"] for run in runs)
    print(f"median: {median:.2f} s = {real / median:.2f}x faster than real time; "
          f"{median / median_floor:.2f}x the encode-once floor ({median_floor:.2f} s)")
    details = best["row"]["details"]
    stages = {name: timing["seconds"] for name, timing in details["generation"]["stages"].items()}
    safety = details["safety"]["stages"]
    row = best["row"]
    print(f"where the fastest one's {best['waited']:.2f} s went:")
    print(f"  queued -> claimed      {row['started'] - row['created']:.3f} s")
    for name, seconds in stages.items():
        print(f"  {name:<22} {seconds:.3f} s")
    if "marks_and_samples" in safety:
        print(f"    of which marks, fingerprints and moderation samples: {safety['marks_and_samples']:.3f} s")
    for name in ("moderation", "c2pa"):
        if name in safety:
            print(f"  {name:<22} {safety[name]:.3f} s")
    accounted = (row["started"] - row["created"]) + sum(stages.values()) + safety.get("moderation", 0) \
        + safety.get("c2pa", 0)
    print(f"  the rest (API, storing the files, polling) {best['waited'] - accounted:.3f} s")
    print(f"machine: {os.cpu_count()} cpus, 1-minute load average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
