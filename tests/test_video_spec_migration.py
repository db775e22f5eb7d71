"""Migrations 0009 (cameo voices) and 0010 (a video's spec in one column), on both databases: a job queued before
the upgrade gets its spec from the old columns and keys and still renders; the tables then match the models, and
both migrations revert and re-apply."""

from __future__ import annotations

import asyncio
import json
import time

import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.ext.asyncio import create_async_engine

from cielo.db.migrate import alembic_config, upgrade
from cielo.db.models import Base
from cielo.videos.spec import VideoSpec


async def _run(url: str, work):
    engine = create_async_engine(url)
    try:
        async with engine.begin() as connection:
            return await connection.run_sync(work)
    finally:
        await engine.dispose()


def _diff(sync) -> list:
    changes = compare_metadata(MigrationContext.configure(sync, opts={"render_as_batch": True}), Base.metadata)
    return [c for c in changes if "videos" in repr(c) or "cameos" in repr(c)]


async def test_a_job_queued_before_the_upgrade_gets_its_spec(database_url):
    await asyncio.to_thread(upgrade, database_url, "0009")

    def queue_old_style(sync) -> None:
        sync.execute(sa.text("INSERT INTO users (id, handle, handle_key, display_name, password_hash, is_teen, "
                             "is_admin, created_at, last_dispatched_at) "
                             "VALUES ('user_1', 'ana', 'ana', 'Ana', 'x', false, false, 0, 0)"))
        details = json.dumps({"new_seconds": 4, "source_key": "inputs/video_9/source.mp4"})
        sync.execute(sa.text(
            "INSERT INTO videos (id, user_id, model, engine, status, progress, prompt, seconds, size, seed, mode, "
            "created_at, attempts, cancel_requested, details) VALUES ('video_9', 'user_1', 'cielo-preview', "
            "'cielo-preview', 'queued', 0, 'a fox', '12', '720x1280', 7, 'extend', :now, 0, false, :details)"),
            {"now": time.time(), "details": details})

    await _run(database_url, queue_old_style)
    await asyncio.to_thread(upgrade, database_url, "head")

    def read(sync):
        row = sync.execute(sa.text("SELECT spec FROM videos WHERE id = 'video_9'")).one()
        columns = {c["name"] for c in sa.inspect(sync).get_columns("videos")}
        return row.spec, columns, _diff(sync)

    spec, columns, diff = await _run(database_url, read)
    spec = VideoSpec.from_json(spec if isinstance(spec, dict) else json.loads(spec))
    assert spec == VideoSpec(model="cielo-preview", requested_model="cielo-preview", prompt="a fox", new_seconds=4,
                             width=720, height=1280, seed=7, mode="extend",
                             source_key="inputs/video_9/source.mp4")
    assert "engine" not in columns and "spec" in columns and diff == [], diff

    await asyncio.to_thread(command.downgrade, alembic_config(database_url), "0008")
    await asyncio.to_thread(upgrade, database_url, "head")
    assert (await _run(database_url, lambda sync: _diff(sync))) == []
