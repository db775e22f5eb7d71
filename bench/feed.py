"""Feed latency at scale: "For you" and "Following" under concurrent clients, on SQLite and PostgreSQL.

Seeds a fresh database with 10,000 users, 100,000 published videos (with caption embeddings), ~300,000
follows, 1,000,000 likes and a week of watching for every user the clients sign in as (--history videos each,
popular ones more often, in feed_seen), using bulk inserts (COPY on PostgreSQL, executemany on SQLite). Then:

1. endpoint: a real `cielo serve` (one process, no workers) and N concurrent clients, each a signed-in
   user scrolling: the first page of a feed, then its next pages by cursor, then a new session as another
   user. After each page the client reports the page's videos as watched (POST /api/feed/impressions, as the
   page does once a video was in view for a second), so served and watched history keep growing during the
   run, and a --reuse run starts from the history the last one left. Latency is measured at the client, per
   feed request.
2. database baseline, same run: the SQL statements those requests sent (captured from the app in this
   process, with their parameters) are replayed straight through the driver (asyncpg / sqlite3) at the same
   concurrency, one transaction per request. That is the database's own time for the same queries; the
   ratio endpoint / database is what the application adds (HTTP, auth, ORM, Python ranking, JSON).
   With --think-ms the replay is paced the same way, so the database sees the load the server gave it.

Clients send their next request as soon as the previous one returns (--think-ms 0, a closed loop) unless
told to pause like a person watching a video (--think-ms 1500). A closed loop measures a saturated
server; paced clients measure what a user waits.

    .venv/bin/python bench/feed.py --db postgresql
    .venv/bin/python bench/feed.py --db both --think-ms 1500 --requests 3000
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import math
import os
import secrets
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg
import httpx
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cielo.config import Settings
from cielo.db import models
from cielo.db.migrate import upgrade
from cielo.social.posts import hot_score

PG_ADMIN = os.environ.get("CIELO_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
PG_DB = "cielo_bench_feed"
TABLES = ("users", "videos", "posts", "follows", "likes", "web_sessions", "feed_preferences", "feed_seen")
DAY = 86400.0
SUBJECTS = ["A cat", "Two puppies", "A fox", "A horse", "A parrot", "A football team", "A basketball player",
            "A tennis player", "A chef", "A street band", "A skateboarder", "A ballet dancer", "A robot",
            "An astronaut", "A surfer", "A grandmother", "A painter", "A lighthouse keeper", "A cyclist", "A DJ"]
PLACES = ["on a beach at sunset", "in a snowy forest", "in a busy kitchen", "on a city rooftop at night",
          "in a rainy street", "in a stadium", "in a tiny apartment", "on a mountain trail", "under neon lights",
          "in a sunflower field"]


@dataclass
class Seeded:
    tokens: list[str]  # session cookies of the users the clients sign in as
    seconds: float
    counts: dict[str, int] = field(default_factory=dict)


# ----------------------------------------------------------------------------------------- seeding
def csrf_of(token: str) -> str:
    """The seeded sessions' CSRF tokens follow from their cookies: a --reuse run's clients know them too."""
    return hashlib.sha256(f"csrf:{token}".encode()).hexdigest()[:32]


def _filler(column):  # noqa: ANN001, ANN202
    default = column.default
    if default is None:
        return None
    if default.is_scalar:
        return default.arg
    return default.arg(None) if default.is_callable else None


def _rows(table, data) -> tuple[list[str], list[tuple]]:
    """Rows with every column of the table: given values, else the column's own default, so columns other
    packages add later (with defaults) do not break the bench. `data` is a list of dicts, or (names, tuples)
    for the big tables, where building a million dicts would dominate the seeding time."""
    if isinstance(data, tuple):
        names, tuples = data
        extra = [c for c in table.columns if c.name not in names]
        tail = tuple(_filler(c) for c in extra)
        return list(names) + [c.name for c in extra], [row + tail for row in tuples] if tail else tuples
    columns = [c.name for c in table.columns]
    filler = {c.name: _filler(c) for c in table.columns}
    return columns, [tuple(d.get(c, filler[c]) for c in columns) for d in data]


def _generate(n_users: int, n_videos: int, n_likes: int, n_sessions: int, steered: float, history: int,
              seed: int = 7):
    """Everything to insert, as dicts per table. Popularity is heavy-tailed, as on any social network."""
    from cielo.safety import embeddings

    rng = np.random.default_rng(seed)
    now = time.time()
    users = [{"id": f"usr_{i:032x}", "handle": f"user{i}", "handle_key": f"user{i}", "display_name": f"User {i}",
              "password_hash": None, "is_teen": False, "is_admin": False, "created_at": now - 90 * DAY,
              "last_dispatched_at": 0.0} for i in range(n_users)]
    # Creators: a heavy tail (a few post a lot); every video has a creator among them.
    popularity = rng.pareto(1.2, n_users) + 0.05
    creator_of = rng.choice(n_users, size=n_videos, p=popularity / popularity.sum())
    captions = [f"{s} {p}" for s in SUBJECTS for p in PLACES]
    vectors = embeddings.encode([f"{c}\n{c}" for c in captions])
    caption_of = rng.integers(0, len(captions), n_videos)
    age = rng.exponential(5 * DAY, n_videos).clip(0, 60 * DAY)
    published = now - age
    video_appeal = rng.pareto(1.5, n_videos) + 0.05
    # Likes: video by appeal, user uniform; unique pairs, drawn until there are enough.
    p = video_appeal / video_appeal.sum()
    keys = np.zeros(0, dtype=np.int64)
    while len(keys) < n_likes:
        batch = n_likes - len(keys) + n_likes // 10
        drawn = rng.choice(n_videos, size=batch, p=p).astype(np.int64) * n_users + rng.integers(0, n_users, batch)
        keys = np.unique(np.concatenate([keys, drawn]))
    keys = rng.choice(keys, size=n_likes, replace=False)
    like_video, like_user = keys // n_users, keys % n_users
    like_counts = np.bincount(like_video, minlength=n_videos)
    videos, posts = [], []
    for i in range(n_videos):
        vid = f"video_{i:032x}"
        text = captions[caption_of[i]]
        videos.append({"id": vid, "user_id": users[creator_of[i]]["id"], "model": "cielo-preview",
                       "engine": "cielo-preview", "status": "completed", "progress": 100, "prompt": text,
                       "seconds": "4", "size": "720x1280", "seed": int(i), "mode": "generate",
                       "created_at": published[i] - 60, "started_at": published[i] - 55,
                       "completed_at": published[i] - 50, "attempts": 1, "cancel_requested": False,
                       "video_key": f"videos/{vid}/video.mp4", "thumbnail_key": f"videos/{vid}/thumbnail.webp"})
        likes = int(like_counts[i])
        posts.append({"video_id": vid, "user_id": users[creator_of[i]]["id"], "caption": text, "show_prompt": True,
                      "published_at": published[i], "first_published_at": published[i], "like_count": likes,
                      "comment_count": 0, "remix_count": 0, "hot": hot_score(published[i], likes, 0, 0),
                      "embedding": embeddings.to_bytes(vectors[caption_of[i]])})
    video_ids = [f"video_{i:032x}" for i in range(n_videos)]
    user_ids = [f"usr_{i:032x}" for i in range(n_users)]
    liked_at = (published[like_video] + rng.uniform(0, 1, len(like_video)) * np.maximum(1.0, age[like_video])).tolist()
    like_rows = (("video_id", "user_id", "created_at"),
                 [(video_ids[v], user_ids[u], t) for v, u, t in zip(like_video.tolist(), like_user.tolist(), liked_at)])
    # Follows: ~30 per user on average, towards popular creators.
    per_user = rng.lognormal(3.0, 0.8, n_users).astype(int).clip(1, 500)
    followers = np.repeat(np.arange(n_users, dtype=np.int64), per_user)
    followees = rng.choice(n_users, size=len(followers), p=popularity / popularity.sum()).astype(np.int64)
    pairs = np.unique(followers * n_users + followees)
    follows = [(int(a), int(b)) for a, b in zip(pairs // n_users, pairs % n_users) if a != b]
    follow_rows = (("follower_id", "followee_id", "created_at"),
                   [(user_ids[a], user_ids[b], now - 30 * DAY) for a, b in follows])
    tokens, sessions = [], []
    for i in range(n_sessions):
        token = secrets.token_urlsafe(24)
        tokens.append(token)
        sessions.append({"token_hash": hashlib.sha256(token.encode()).hexdigest(), "user_id": f"usr_{i:032x}",
                         "csrf_token": csrf_of(token), "created_at": now, "expires_at": now + 30 * DAY})
    more = embeddings.direction(["animals"])
    less = embeddings.direction(["sports"])
    preferences = [{"user_id": f"usr_{i:032x}", "instruction": "more animals, less sports",
                    "terms": {"more": ["animals"], "less": ["sports"]}, "more_vector": embeddings.to_bytes(more),
                    "less_vector": embeddings.to_bytes(less), "updated_at": now}
                   for i in range(n_sessions) if rng.random() < steered]
    # A week of watching: each session user saw `history` videos in the last 7 days, hot ones more often.
    hot = np.array([p["hot"] for p in posts])
    weight = np.exp(hot - hot.max())
    weight /= weight.sum()
    seen_rows = []
    for i in range(n_sessions):
        picked = rng.choice(n_videos, size=min(history, n_videos), replace=False, p=weight)
        at = now - rng.uniform(0, 7 * DAY, len(picked))
        seen_rows += [(f"usr_{i:032x}", video_ids[v], t) for v, t in zip(picked.tolist(), at.tolist())]
    return tokens, {"users": users, "videos": videos, "posts": posts, "likes": like_rows, "follows": follow_rows,
                    "web_sessions": sessions, "feed_preferences": preferences,
                    "feed_seen": (("user_id", "video_id", "seen_at"), seen_rows)}


async def _reset_pg() -> str:
    admin = await asyncpg.connect(PG_ADMIN)
    await admin.execute(f'DROP DATABASE IF EXISTS "{PG_DB}" WITH (FORCE)')
    await admin.execute(f'CREATE DATABASE "{PG_DB}"')
    await admin.close()
    return PG_ADMIN.rsplit("/", 1)[0] + f"/{PG_DB}"


async def _copy_pg(dsn: str, tables: dict[str, list[dict]]) -> None:
    import json

    connection = await asyncpg.connect(dsn)
    try:
        for name in TABLES:
            table = models.Base.metadata.tables[name]
            columns, rows = _rows(table, tables[name])
            if name == "feed_preferences":  # COPY takes json as text
                index = columns.index("terms")
                rows = [r[:index] + (json.dumps(r[index]),) + r[index + 1:] for r in rows]
            await connection.copy_records_to_table(name, records=rows, columns=columns)
        await connection.execute("ANALYZE")
    finally:
        await connection.close()


def _insert_sqlite(path: Path, tables: dict[str, list[dict]]) -> None:
    import json

    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=OFF")
    with connection:
        for name in TABLES:
            table = models.Base.metadata.tables[name]
            columns, rows = _rows(table, tables[name])
            if name == "feed_preferences":
                index = columns.index("terms")
                rows = [r[:index] + (json.dumps(r[index]),) + r[index + 1:] for r in rows]
            marks = ", ".join("?" * len(columns))
            connection.executemany(f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({marks})", rows)
    connection.execute("ANALYZE")
    connection.close()


async def seed(kind: str, workdir: Path, args) -> tuple[str, Seeded]:
    started = time.perf_counter()
    saved = workdir / f"tokens-{kind}.txt"
    if args.reuse and saved.exists():  # the database of a previous run with the same --workdir
        url = (PG_ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://") + f"/{PG_DB}"
               if kind == "postgresql" else f"sqlite+aiosqlite:///{workdir / 'bench.db'}")
        return url, Seeded(saved.read_text().split(), 0.0, {"reused": 1})
    if kind == "postgresql":
        dsn = await _reset_pg()
        url = dsn.replace("postgresql://", "postgresql+asyncpg://")
    else:
        path = workdir / "bench.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        url = f"sqlite+aiosqlite:///{path}"
    await asyncio.to_thread(upgrade, url)
    tokens, tables = await asyncio.to_thread(_generate, args.users, args.videos, args.likes, args.sessions,
                                             args.steered, args.history)
    if kind == "postgresql":
        await _copy_pg(dsn, tables)
    else:
        await asyncio.to_thread(_insert_sqlite, workdir / "bench.db", tables)
    saved.write_text("\n".join(tokens))
    counts = {k: len(v[1]) if isinstance(v, tuple) else len(v) for k, v in tables.items()}
    return url, Seeded(tokens, time.perf_counter() - started, counts)


# ------------------------------------------------------------------------------------------ clients
async def _scroll(base: str, tokens: list[str], tab: str, pages: int, total: int, clients: int,
                  think: float, latencies: list[float], errors: list[str], rng: np.random.Generator) -> float:
    """`clients` users scrolling concurrently until `total` requests are done; returns the elapsed time."""
    remaining = total
    lock = asyncio.Lock()

    async def one_client() -> None:
        nonlocal remaining
        if think:
            # Paced users are at random points of their sessions, as in a steady state: started together, all
            # 50 would ask for their (costlier) first page in the same second, a burst no real evening has.
            await asyncio.sleep(rng.uniform(0, pages * think))
        # Idle connections are dropped before uvicorn's 5 s keep-alive ends, or a paced client can send
        # on a connection the server is closing (httpx.ReadError).
        limits = httpx.Limits(keepalive_expiry=4.0)
        async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as http:
            while True:
                token = tokens[int(rng.integers(len(tokens)))]
                http.cookies.set("cielo_session", token)
                cursor = None
                for _ in range(pages):
                    async with lock:
                        if remaining <= 0:
                            return
                        remaining -= 1
                    params = {"tab": tab, **({"cursor": cursor} if cursor else {})}
                    start = time.perf_counter()
                    response = await http.get("/api/feed", params=params)
                    latencies.append(time.perf_counter() - start)  # failures count too: a user waited
                    if response.status_code != 200:
                        errors.append(f"{response.status_code} {response.text[:200]}")
                        break
                    page = response.json()
                    cursor = page["next_cursor"]
                    if think:
                        await asyncio.sleep(rng.exponential(think))
                    watched = [p["id"] for p in page["data"]]
                    if watched:
                        seen = await http.post("/api/feed/impressions", json={"video_ids": watched},
                                               headers={"x-csrf-token": csrf_of(token)})
                        if seen.status_code != 200:
                            errors.append(f"impressions {seen.status_code} {seen.text[:200]}")
                    if not cursor:
                        break

    started = time.perf_counter()
    await asyncio.gather(*(one_client() for _ in range(clients)))
    return time.perf_counter() - started


# --pool-size: an experiment, not a setting. cielo.db.session.make_engine gives PostgreSQL a pool of 10 (+20
# overflow); past that, connections are opened and closed per request. This starts the same server with a
# bigger pool, to measure what that costs.
_POOLED_SERVE = """
import sys
from sqlalchemy.ext import asyncio as sa_asyncio
from cielo.db import session
size = int(sys.argv.pop(1))
create = sa_asyncio.create_async_engine
def bigger_pool(url, **kwargs):
    if not url.startswith("sqlite"):
        kwargs.update(pool_size=size, max_overflow=0, pool_timeout=60)
    return create(url, **kwargs)
session.create_async_engine = bigger_pool
from cielo.cli import app
app()
"""


def _serve(url: str, home: Path, port: int, log: Path, pool_size: int | None) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CIELO_")}
    env.update(CIELO_HOME=str(home), CIELO_DATABASE_URL=url, CIELO_WORKERS="0")
    command = ([sys.executable, "-c", _POOLED_SERVE, str(pool_size)] if pool_size
               else [sys.executable, "-m", "cielo.cli"])
    process = subprocess.Popen([*command, "serve", "--port", str(port), "--workers", "0"],
                               env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT, start_new_session=True,
                               cwd=ROOT)
    deadline = time.time() + 300
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {log.read_text()[-2000:]}")
        try:
            # Measured once the server has loaded its models: loading them holds the CPU for seconds.
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).json().get("ready"):
                return process
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    os.killpg(process.pid, signal.SIGKILL)
    raise RuntimeError("server did not start")


# --------------------------------------------------------------------------------- database baseline
async def _capture(url: str, home: Path, tokens: list[str], tab: str, count: int, pages: int,
                   rng: np.random.Generator) -> list[list[tuple[str, tuple]]]:
    """Runs `count` feed requests through the app in this process and records, per request, every SQL
    statement it sent with its parameters."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    from cielo.app import create_app

    captured: list[list[tuple[str, tuple]]] = []
    current: list[tuple[str, tuple]] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:
        current.append((statement, tuple(parameters) if parameters is not None else ()))

    app = create_app(Settings(home=home, database_url=url, workers=0))
    async with app.router.lifespan_context(app):
        event.listen(Engine, "before_cursor_execute", record)
        try:
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:
                while len(captured) < count:
                    http.cookies.set("cielo_session", tokens[int(rng.integers(len(tokens)))])
                    cursor = None
                    for _ in range(pages):
                        current.clear()
                        response = await http.get("/api/feed", params={"tab": tab, **({"cursor": cursor}
                                                                                        if cursor else {})})
                        assert response.status_code == 200, response.text
                        # BEGIN is the driver's business on replay; the server's background loops (webhook
                        # delivery, lease reaper) share the engine and are not part of the request.
                        captured.append([(s, p) for s, p in current if not s.startswith("BEGIN")
                                         and "webhook_deliveries" not in s and "lease_expires_at <" not in s])
                        cursor = response.json()["next_cursor"]
                        if not cursor or len(captured) >= count:
                            break
        finally:
            event.remove(Engine, "before_cursor_execute", record)
    return captured


async def _replay_pg(dsn: str, requests: list[list[tuple[str, tuple]]], clients: int, think: float,
                     rng: np.random.Generator) -> tuple[list[float], float]:
    """Paced like the clients when `think` > 0, so the database sees the same load the server put on it."""
    pool = await asyncpg.create_pool(dsn, min_size=clients, max_size=clients)
    latencies: list[float] = []
    queue = list(requests)

    async def worker() -> None:
        if think:
            await asyncio.sleep(rng.uniform(0, 4 * think))
        while queue:
            statements = queue.pop()
            async with pool.acquire() as connection:
                start = time.perf_counter()
                async with connection.transaction():
                    for statement, parameters in statements:
                        await connection.fetch(statement, *parameters)
                latencies.append(time.perf_counter() - start)
            if think:
                await asyncio.sleep(rng.exponential(think))

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(clients)))
    elapsed = time.perf_counter() - started
    await pool.close()
    return latencies, elapsed


def _replay_sqlite(path: Path, requests: list[list[tuple[str, tuple]]], clients: int, think: float,
                   rng: np.random.Generator) -> tuple[list[float], float]:
    """Threads, like aiosqlite's: one connection each, one BEGIN IMMEDIATE transaction per request (what the
    app's engine does); paced like the clients when `think` > 0."""
    import threading

    latencies: list[float] = []
    queue = list(requests)
    lock = threading.Lock()
    pauses = rng.exponential(think, len(requests) + clients) if think else np.zeros(len(requests) + clients)
    starts = rng.uniform(0, 4 * think, clients) if think else np.zeros(clients)

    def worker(index: int) -> None:
        connection = sqlite3.connect(path, timeout=60, isolation_level=None, check_same_thread=False)
        connection.execute("PRAGMA busy_timeout=60000")
        time.sleep(starts[index])
        while True:
            with lock:
                if not queue:
                    break
                statements = queue.pop()
            start = time.perf_counter()
            connection.execute("BEGIN IMMEDIATE")
            for statement, parameters in statements:
                connection.execute(statement, parameters).fetchall()
            connection.execute("COMMIT")
            latencies.append(time.perf_counter() - start)
            time.sleep(pauses[len(latencies)])
        connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, time.perf_counter() - started


# ------------------------------------------------------------------------------------------- report
def _ms(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


async def run(kind: str, args, workdir: Path) -> list[str]:
    rng = np.random.default_rng(11)
    print(f"\n== {kind}: seeding {args.users:,} users, {args.videos:,} videos, {args.likes:,} likes ...", flush=True)
    url, seeded = await seed(kind, workdir, args)
    print(f"   seeded in {seeded.seconds:.1f} s: " + ", ".join(f"{k} {v:,}" for k, v in seeded.counts.items()),
          flush=True)
    home = workdir / f"home-{kind}"
    home.mkdir(exist_ok=True)
    port = 18000 + secrets.randbelow(2000)
    server = _serve(url, home, port, workdir / f"server-{kind}.log", args.pool_size)
    measured = {}
    try:
        base = f"http://127.0.0.1:{port}"
        for tab in ("for_you", "following"):
            await _scroll(base, seeded.tokens, tab, args.pages, min(300, args.requests), args.clients, 0, [], [],
                          rng)  # warm-up
            latencies: list[float] = []
            errors: list[str] = []
            elapsed = await _scroll(base, seeded.tokens, tab, args.pages, args.requests, args.clients,
                                    args.think_ms / 1000, latencies, errors, rng)
            if errors:
                print(f"   {len(errors)} of {len(latencies)} {tab} requests failed, e.g. {errors[0][:160]}", flush=True)
            measured[tab] = (latencies, elapsed, errors)
    finally:
        # Stopped before the baseline, so its connections do not count against max_connections.
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)
    lines = []
    for tab, (latencies, elapsed, errors) in measured.items():
        captured = await _capture(url, home, seeded.tokens, tab, args.baseline_requests, args.pages, rng)
        statements = statistics.mean(len(c) for c in captured)
        if kind == "postgresql":
            dsn = url.replace("postgresql+asyncpg://", "postgresql://")
            db, db_elapsed = await _replay_pg(dsn, captured, args.clients, args.think_ms / 1000, rng)
        else:
            db, db_elapsed = await asyncio.to_thread(_replay_sqlite, workdir / "bench.db", captured, args.clients,
                                                     args.think_ms / 1000, rng)
        p50, p99, d50, d99 = _ms(latencies, .5), _ms(latencies, .99), _ms(db, .5), _ms(db, .99)
        lines.append(f"{kind:<11} {tab:<10} {p50:>8.1f} {p99:>8.1f} {len(latencies) / elapsed:>7.0f} "
                     f"{d50:>8.2f} {d99:>8.2f} {len(db) / db_elapsed:>7.0f} {statements:>5.1f} "
                     f"{p50 / d50:>7.1f}x {p99 / d99:>7.1f}x {len(errors):>6}")
        print("   " + lines[-1], flush=True)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=("postgresql", "sqlite", "both"), default="postgresql")
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--videos", type=int, default=100_000)
    parser.add_argument("--likes", type=int, default=1_000_000)
    parser.add_argument("--sessions", type=int, default=2_000, help="Users the clients sign in as.")
    parser.add_argument("--steered", type=float, default=0.1, help="Share of those who steer their feed.")
    parser.add_argument("--history", type=int, default=350,
                        help="Videos each of those users watched in the week before (50 a day).")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=2_000, help="Measured requests per feed.")
    parser.add_argument("--pages", type=int, default=4, help="Pages a client scrolls before a new session.")
    parser.add_argument("--think-ms", type=float, default=0.0, help="Mean pause between a client's requests.")
    parser.add_argument("--baseline-requests", type=int, default=400, help="Requests captured for the DB replay.")
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--pool-size", type=int, default=None,
                        help="Experiment: run the server with this PostgreSQL pool size instead of the default.")
    parser.add_argument("--reuse", action="store_true", help="Reuse the database seeded by a run with this --workdir.")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="cielo-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    kinds = ("sqlite", "postgresql") if args.db == "both" else (args.db,)
    lines = []
    for kind in kinds:
        lines += asyncio.run(run(kind, args, workdir))
    pool = f"server pool {args.pool_size}" if args.pool_size else "server pool: default"
    print(f"\n{args.clients} concurrent clients, think time {args.think_ms:.0f} ms, {args.requests} requests per feed, {pool}; "
          f"database = the same statements replayed through the driver by as many clients, paced alike")
    print(f"{'database':<11} {'feed':<10} {'p50 ms':>8} {'p99 ms':>8} {'req/s':>7} {'DB p50':>8} {'DB p99':>8} "
          f"{'DB r/s':>7} {'stmts':>5} {'p50/DB':>8} {'p99/DB':>8} {'errors':>6}")
    for line in lines:
        print(line)


if __name__ == "__main__":
    main()
