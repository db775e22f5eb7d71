"""Small pieces every social module uses: idempotent inserts on both databases, opaque cursors, and
fixed-window rate limits."""

from __future__ import annotations

import base64
import binascii
import json
import time

from sqlalchemy.ext.asyncio import AsyncSession

from cielo.db.models import ActionCounter, Base
from cielo.errors import InvalidInput, RateLimited
from cielo.ids import is_valid_id

DAY = 86400.0
MAX_CURSOR_CHARS = 400


def dialect(session: AsyncSession) -> str:
    return session.bind.dialect.name


async def insert_ignore(session: AsyncSession, model: type[Base], rows: list[dict]) -> int:
    """INSERT ... ON CONFLICT DO NOTHING; returns how many rows were new. Two requests racing to like
    or follow the same thing both succeed and exactly one of them counts."""
    if not rows:
        return 0
    if dialect(session) == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    statement = dialect_insert(model).values(rows).on_conflict_do_nothing()
    result = await session.execute(statement)
    return max(0, result.rowcount or 0)


async def upsert(session: AsyncSession, model: type[Base], rows: list[dict], keys: tuple[str, ...],
                 update: tuple[str, ...]) -> None:
    """INSERT ... ON CONFLICT (keys) DO UPDATE SET the `update` columns to the new row's values."""
    if not rows:
        return
    if dialect(session) == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    statement = dialect_insert(model).values(rows)
    await session.execute(statement.on_conflict_do_update(
        index_elements=list(keys), set_={column: statement.excluded[column] for column in update}))


def encode_cursor(state: dict) -> str:
    raw = json.dumps(state, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> dict | None:
    """The state a cursor carries, or None for the first page; anything forged or mangled is a 400."""
    if not cursor:
        return None
    if len(cursor) > MAX_CURSOR_CHARS:
        raise InvalidInput(code="invalid_cursor", param="cursor")
    try:
        state = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise InvalidInput(code="invalid_cursor", param="cursor") from exc
    if not isinstance(state, dict):
        raise InvalidInput(code="invalid_cursor", param="cursor")
    return state


def cursor_number(state: dict, key: str) -> float:
    value = state.get(key)
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 <= value < 1e11:
        raise InvalidInput(code="invalid_cursor", param="cursor")
    return float(value)


def cursor_id(state: dict, key: str, prefix: str) -> str:
    value = state.get(key)
    if not isinstance(value, str) or not is_valid_id(value, prefix):
        raise InvalidInput(code="invalid_cursor", param="cursor")
    return value


def check_limit(limit: int | None, default: int, maximum: int = 100) -> int:
    limit = default if limit is None else limit
    if not 1 <= limit <= maximum:
        raise InvalidInput(code="invalid_limit", param="limit", maximum=maximum)
    return limit


async def hit_rate_limit(session: AsyncSession, key: str, limit: int, window: float, code: str) -> None:
    """Counts one action against `limit` per `window` seconds. Over the limit: RateLimited with `code` (a
    catalogue entry naming the action), and nothing is counted (the caller rolls back), so a refused action
    costs the user nothing extra."""
    now = time.time()
    await insert_ignore(session, ActionCounter, [{"key": key, "window_start": now, "count": 0}])
    counter = await session.get(ActionCounter, key, with_for_update=True, populate_existing=True)
    if now - counter.window_start >= window:
        counter.window_start, counter.count = now, 0
    if counter.count >= limit:
        retry = counter.window_start + window - now
        raise RateLimited(code=code, retry_after=int(retry) + 1, seconds=max(1, int(retry) + 1))
    counter.count += 1


async def add_to_daily_counter(session: AsyncSession, key: str, amount: int) -> int:
    """A counter that resets at 00:00 UTC; returns the value before adding."""
    now = time.time()
    day_start = now - now % DAY
    await insert_ignore(session, ActionCounter, [{"key": key, "window_start": day_start, "count": 0}])
    counter = await session.get(ActionCounter, key, with_for_update=True, populate_existing=True)
    if counter.window_start < day_start:
        counter.window_start, counter.count = day_start, 0
    before = counter.count
    counter.count += amount
    return before


async def daily_counter(session: AsyncSession, key: str) -> int:
    now = time.time()
    counter = await session.get(ActionCounter, key)
    if counter is None or counter.window_start < now - now % DAY:
        return 0
    return counter.count
