"""The cameo migration (0004) applies, reverts and re-applies on both databases, and leaves the cameo tables
exactly as the models describe them."""

from __future__ import annotations

import asyncio

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.ext.asyncio import create_async_engine

from cielo.db.migrate import alembic_config, upgrade
from cielo.db.models import Base

CAMEO_TABLES = {"cameos", "cameo_challenges", "cameo_access", "cameo_uses"}


def _mine(change) -> bool:
    if isinstance(change, list):
        return any(_mine(c) for c in change)
    for part in change[1:]:
        table = getattr(part, "table", None)
        name = getattr(table, "name", None) or getattr(part, "name", None) or (part if isinstance(part, str) else None)
        if name in CAMEO_TABLES:
            return True
    return False


async def _inspect(url: str) -> tuple[set[str], list]:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            def look(sync):
                diff = compare_metadata(MigrationContext.configure(sync, opts={"render_as_batch": True}),
                                        Base.metadata)
                return set(inspect(sync).get_table_names()), [c for c in diff if _mine(c)]
            return await connection.run_sync(look)
    finally:
        await engine.dispose()


async def test_upgrade_downgrade_upgrade(database_url):
    await asyncio.to_thread(upgrade, database_url, "head")
    tables, diff = await _inspect(database_url)
    assert CAMEO_TABLES <= tables and diff == [], diff

    await asyncio.to_thread(command.downgrade, alembic_config(database_url), "0003")
    tables, _ = await _inspect(database_url)
    assert not CAMEO_TABLES & tables and "videos" in tables

    await asyncio.to_thread(upgrade, database_url, "head")
    tables, diff = await _inspect(database_url)
    assert CAMEO_TABLES <= tables and diff == []
