"""Running one claimed job (a video render or a likeness training): the work runs in a thread so the event
loop stays free to heartbeat the lease; the work polls `state.stop_reason` between steps, which is how a
cancel, a lost lease or a shutdown reaches it."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TypeVar

from cielo.config import Settings
from cielo.generation import GenerationCancelled, GenerationError
from cielo.jobs.lease import Lease

log = logging.getLogger("cielo.worker")
T = TypeVar("T")


@dataclass
class JobState:
    """Shared between the work's thread (writes progress) and the heartbeat task (reads it, sets stop)."""

    progress: float = 0.0
    stage: str = "starting"
    stop_reason: str | None = None  # "cancel" | "lost" | "shutdown"
    last_ok: float = field(default_factory=time.monotonic)

    def report(self, fraction: float, stage: str) -> None:
        self.progress = max(self.progress, min(1.0, fraction))
        self.stage = stage

    def should_stop(self) -> bool:
        return self.stop_reason is not None


async def _heartbeat_loop(beat: Callable[[int, str], Awaitable[str]], settings: Settings, lease: Lease,
                          state: JobState, shutdown: asyncio.Event) -> None:
    """`beat(progress, stage)` extends the lease and answers "ok", "cancel" or "lost"."""
    interval = min(1.0, settings.lease_seconds / 4)
    while state.stop_reason is None:
        if shutdown.is_set():
            state.stop_reason = "shutdown"
            return
        try:
            verdict = await beat(int(state.progress * 99), state.stage)
            state.last_ok = time.monotonic()
        except Exception:  # a database hiccup: keep trying until the lease itself would lapse
            log.exception("heartbeat failed for %s", lease.job_id)
            verdict = "ok"
            if time.monotonic() - state.last_ok > settings.lease_seconds * 0.8:
                verdict = "lost"
        if verdict != "ok":
            state.stop_reason = verdict
            return
        await asyncio.sleep(interval)


async def run_leased(beat: Callable[[int, str], Awaitable[str]], settings: Settings, lease: Lease,
                     shutdown: asyncio.Event, work: Callable[[JobState], T], *,
                     crash: tuple[str, str]) -> tuple[str, T | None, tuple[str, str] | None]:
    """Runs `work(state)` in a thread while heartbeating. Returns (outcome, what the work returned, error):
    outcome "completed", "failed" (error = (code, message)), or why it stopped ("cancel", "lost",
    "shutdown"). A crash fails this job with `crash` = (code, message prefix), never the worker."""
    state = JobState()
    heartbeat = asyncio.create_task(_heartbeat_loop(beat, settings, lease, state, shutdown))
    done, error = None, None
    try:
        done = await asyncio.to_thread(work, state)
        outcome = "completed"
    except GenerationCancelled:
        outcome = state.stop_reason or "cancel"
    except GenerationError as exc:
        outcome, error = "failed", (exc.code, exc.message)
    except Exception as exc:  # noqa: BLE001
        log.exception("%s crashed", lease.job_id)
        code, prefix = crash
        outcome, error = "failed", (code, f"{prefix}: {type(exc).__name__}: {exc}"[:500])
    finally:
        if state.stop_reason is None:
            state.stop_reason = "done"
        await heartbeat
    return outcome, done, error
