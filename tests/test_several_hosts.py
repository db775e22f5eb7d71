"""Cielo on several machines, played on one: two API processes (`cielo serve --workers 0`) and one
`cielo worker`, each with its own data folder, sharing only PostgreSQL and an S3 server (moto's). A video
created on one API process streams its progress from the other, renders on the worker, downloads from either
with byte ranges, and once published shows in another person's feed; no media file lands in any data folder."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from openai import OpenAI

from cielo.config import Settings
from tests.live import cielo, cielo_env, free_port, start_server, stop_group, wait_for
from tests.test_s3_media import bucket_objects

pytestmark = pytest.mark.slow


@pytest.fixture
def hosts(tmp_path, bucket):
    """Settings for three hosts over one PostgreSQL database (made for the test) and one bucket."""
    import asyncio

    import asyncpg

    from tests.conftest import PG_ADMIN_DSN

    name = f"cielo_hosts_{tmp_path.name[-8:].lower().replace('-', '_')}"

    async def admin(statement: str) -> None:
        connection = await asyncpg.connect(PG_ADMIN_DSN)
        await connection.execute(statement)
        await connection.close()

    asyncio.run(admin(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN_DSN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://") + f"/{name}"
    homes = {}
    for host in ("api-a", "api-b", "worker"):
        (tmp_path / host).mkdir()
        homes[host] = Settings(home=tmp_path / host, database_url=url, lease_seconds=30.0)
    try:
        yield homes, {"CIELO_MEDIA_URL": f"s3://{bucket}/cielo"}
    finally:
        asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def _events(url: str, key: str) -> list[tuple[str, dict]]:
    events, kind = [], None
    with httpx.stream("GET", url, headers={"authorization": f"Bearer {key}"}, timeout=300) as stream:
        for line in stream.iter_lines():
            if line.startswith("event: "):
                kind = line[7:]
            elif line.startswith("data: "):
                events.append((kind, json.loads(line[6:])))
                if kind == "done":
                    break
    return events


def test_two_api_processes_and_a_worker_share_only_the_database_and_the_bucket(hosts, bucket, tmp_path):
    homes, env = hosts
    port_a, port_b = free_port(), free_port()
    api_a = start_server(homes["api-a"], port_a, 0, tmp_path / "a.log", **env)
    api_b = worker = None
    try:
        key = wait_for(lambda: (m := re.search(r"API key \(shown once\): (\S+)", (tmp_path / "a.log").read_text()))
                       and m.group(1), what="the first start's API key")
        api_b = start_server(homes["api-b"], port_b, 0, tmp_path / "b.log", **env)
        log = open(tmp_path / "worker.log", "ab")  # noqa: SIM115 - kept open for the worker's life
        worker = subprocess.Popen([sys.executable, "-m", "cielo.cli", "worker", "--models", "cielo-preview"],
                                  env=cielo_env(homes["worker"], **env), stdout=log, stderr=subprocess.STDOUT,
                                  start_new_session=True)
        cielo(homes["worker"], "admin", "create-user", "bob", "--password-stdin", input="password1234\n")
        bob = re.search(r"sk-cielo-\S+", cielo(homes["worker"], "admin", "api-key", "bob")).group(0)

        a = OpenAI(base_url=f"http://127.0.0.1:{port_a}/v1", api_key=key, max_retries=0)
        video = a.videos.create(prompt="A red kite over a windy beach.", seconds="4")
        events = _events(f"http://127.0.0.1:{port_b}/v1/videos/{video.id}/events", key)  # from the other one
        assert events[-1][0] == "done" and events[-1][1]["status"] == "completed", events[-1]
        progress = [data["progress"] for kind, data in events if kind == "progress"]
        assert progress == sorted(progress) and progress[-1] == 100

        stored = bucket_objects(bucket)
        [video_key] = [name for name in stored if video.id in name and name.endswith(".mp4")]
        b = f"http://127.0.0.1:{port_b}"
        part = httpx.get(f"{b}/v1/videos/{video.id}/content", headers={"authorization": f"Bearer {key}",
                                                                       "range": "bytes=0-999"})
        assert part.status_code == 206 and part.content == stored[video_key][:1000]
        whole = httpx.get(f"http://127.0.0.1:{port_a}/v1/videos/{video.id}/content",
                          headers={"authorization": f"Bearer {key}"})
        assert whole.content == stored[video_key]

        published = httpx.post(f"http://127.0.0.1:{port_a}/api/videos/{video.id}/publish",
                               headers={"authorization": f"Bearer {key}"}, json={"caption": "Windy"})
        assert published.status_code == 200, published.text
        feed = httpx.get(f"{b}/api/feed", headers={"authorization": f"Bearer {bob}"}).json()
        assert video.id in [item["id"] for item in feed["data"]], feed

        for home in homes.values():
            assert [p for p in Path(home.home, "media").rglob("*") if p.is_file()] == []
    finally:
        for process in (worker, api_b, api_a):
            if process is not None:
                stop_group(process)
