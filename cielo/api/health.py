"""What /readyz checks: the models are loaded, the database answers, the media store takes a write."""

from __future__ import annotations

import asyncio
import logging
import secrets

from sqlalchemy import text

from cielo.api.deps import Services

log = logging.getLogger("cielo.server")


async def readiness(services: Services, *, models_loaded: bool) -> dict[str, bool]:
    return {"models": models_loaded, "database": await _database(services),
            "media_store": await asyncio.to_thread(_media_store, services)}


async def _database(services: Services) -> bool:
    try:
        async with services.sessions() as session:
            await asyncio.wait_for(session.execute(text("SELECT 1")), 5)
        return True
    except Exception:
        log.exception("readiness: the database did not answer")
        return False


def _media_store(services: Services) -> bool:
    key = f"readiness/{secrets.token_hex(8)}"
    try:
        services.store.put_bytes(key, b"ok")
        services.store.delete(key)
        return True
    except Exception:
        log.exception("readiness: the media store refused a write")
        return False
