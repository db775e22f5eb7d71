"""What every `cielo` command shares: its settings, its console, and running one database action."""

from __future__ import annotations

import asyncio

import typer
from rich.console import Console

from cielo.config import Settings

console = Console()


def load_settings(**overrides) -> Settings:
    settings = Settings(**{k: v for k, v in overrides.items() if v is not None})
    # Absolute, so worker processes started elsewhere resolve the same files.
    settings.home = settings.home.resolve()
    settings.home.mkdir(parents=True, exist_ok=True)
    return settings


def open_sessions(settings: Settings):
    from cielo.db.session import make_engine, make_sessionmaker

    engine = make_engine(settings.resolved_database_url)
    return engine, make_sessionmaker(engine)


def run_db_action(action):
    """Runs one command's database work in a transaction; domain errors print cleanly and exit 1."""
    from cielo.db.migrate import upgrade
    from cielo.errors import CieloError

    settings = load_settings()
    upgrade(settings.resolved_database_url)

    async def main():
        engine, sessions = open_sessions(settings)
        try:
            async with sessions() as session, session.begin():
                return await action(session, settings)
        finally:
            await engine.dispose()

    try:
        return asyncio.run(main())
    except CieloError as exc:
        console.print(f"[red]{exc.message}[/]")
        raise typer.Exit(1) from exc
