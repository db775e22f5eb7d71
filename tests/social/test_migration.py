"""The social schema migration applies, reverts and re-applies on both databases, and leaves the database
exactly as the models describe it."""

from __future__ import annotations

import asyncio

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.ext.asyncio import create_async_engine

from cielo.db.migrate import alembic_config, upgrade
from cielo.db.models import Base

SOCIAL_TABLES = {"posts", "follows", "blocks", "likes", "comments", "notifications", "feed_seen",
                 "feed_served", "feed_preferences", "action_counters"}
# The full-text search indexes live outside the models: each database has its own (cielo.social.search).
SEARCH_OBJECTS = {"search_vector", "ix_posts_search", "ix_users_search"}


def _table_of(change) -> str | None:
    if isinstance(change, list):
        return _table_of(change[0])
    for part in change[1:]:
        name = getattr(part, "name", None) if hasattr(part, "columns") else None
        table = getattr(getattr(part, "table", None), "name", None) or name
        if isinstance(part, str):
            return part if part in SOCIAL_TABLES | {"users"} else None
        if table:
            return table
    return None


def _social(diff: list) -> list:
    """Only this migration's part of the diff: other packages' models are their migrations' business."""
    return [change for change in diff if _table_of(change) in SOCIAL_TABLES | {"users"}
            and not _names(change) & SEARCH_OBJECTS]


def _names(change) -> set[str]:
    if isinstance(change, list):
        return set().union(*(_names(c) for c in change))
    return {getattr(part, "name", None) for part in change[1:]} - {None}


async def _inspect(url: str):
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            def look(sync):
                inspector = inspect(sync)
                tables = set(inspector.get_table_names())
                user_columns = {c["name"] for c in inspector.get_columns("users")}
                diff = compare_metadata(MigrationContext.configure(sync, opts={"render_as_batch": True}),
                                        Base.metadata)
                return tables, user_columns, _social(diff)
            return await connection.run_sync(look)
    finally:
        await engine.dispose()


async def test_upgrade_downgrade_upgrade(database_url):
    await asyncio.to_thread(upgrade, database_url, "head")
    tables, columns, diff = await _inspect(database_url)
    assert SOCIAL_TABLES <= tables and {"bio", "avatar_key"} <= columns
    assert diff == [], diff

    await asyncio.to_thread(command.downgrade, alembic_config(database_url), "0001")
    tables, columns, _ = await _inspect(database_url)
    assert not SOCIAL_TABLES & tables and not {"bio", "avatar_key"} & columns and "videos" in tables

    await asyncio.to_thread(upgrade, database_url, "head")
    tables, _, diff = await _inspect(database_url)
    assert SOCIAL_TABLES <= tables and diff == []
