"""Worker processes: started and kept running by `cielo serve` and `cielo worker`, stopped together.

A worker stops taking jobs and hands its running job back when it gets SIGTERM, SIGINT or SIGHUP, and
also when the process that started it dies, even by kill -9: it watches its parent's sentinel (a pipe
that closes with the parent), so no orphan goes on claiming jobs with an old configuration.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import signal
import threading
import time

from cielo.config import Settings
from cielo.logs import configure_logging

log = logging.getLogger("cielo.supervisor")

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


def worker_process_main(settings_data: dict) -> None:
    """Entry point of one worker process: runs until a stop signal or its parent's death, then hands its
    job back and exits."""
    settings = Settings(**settings_data)
    configure_logging(settings.log_format)
    from cielo.workers.worker import worker_loop

    async def main() -> None:
        shutdown = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in STOP_SIGNALS:
            loop.add_signal_handler(sig, shutdown.set)
        parent = multiprocessing.parent_process()
        if parent is not None:  # readable once the parent is gone, however it died
            loop.add_reader(parent.sentinel, _parent_died, loop, parent.sentinel, shutdown)
        await worker_loop(settings, shutdown)

    asyncio.run(main())


def _parent_died(loop: asyncio.AbstractEventLoop, sentinel: int, shutdown: asyncio.Event) -> None:
    loop.remove_reader(sentinel)
    if not shutdown.is_set():
        log.warning("the process that started this worker is gone; handing the job back and exiting")
        shutdown.set()


class WorkerPool:
    """N worker processes; a process that dies (even kill -9) is replaced. Its job's lease expires and the
    job is picked up again by whichever worker claims next."""

    def __init__(self, settings: Settings, count: int) -> None:
        self.settings = settings
        self.count = count
        self.processes: list[multiprocessing.Process] = []
        self._started: dict[int, float] = {}  # pid -> when it started, to back off from a crash loop
        self._quick_deaths = 0
        self._stop = threading.Event()
        # Reentrant: begin_stop() may run in a signal handler on the main thread while it holds the lock.
        self._lock = threading.RLock()
        self._thread: threading.Thread | None = None
        self._context = multiprocessing.get_context("spawn")

    def _spawn(self) -> multiprocessing.Process:
        data = self.settings.model_dump(mode="json")
        process = self._context.Process(target=worker_process_main, args=(data,), daemon=False, name="cielo-worker")
        process.start()
        self._started[process.pid] = time.monotonic()
        return process

    def start(self) -> None:
        if not self.count:
            return
        with self._lock:
            self.processes = [self._spawn() for _ in range(self.count)]
        self._thread = threading.Thread(target=self._watch, daemon=True, name="cielo-worker-watch")
        self._thread.start()

    def _watch(self) -> None:
        delay = 1.0
        while not self._stop.wait(delay):
            with self._lock:
                for index, process in enumerate(self.processes):
                    if not process.is_alive() and not self._stop.is_set():
                        lived = time.monotonic() - self._started.pop(process.pid, 0.0)
                        # A worker that dies right after starting (a broken install) is restarted ever
                        # more slowly, up to once a minute, instead of once a second forever.
                        self._quick_deaths = self._quick_deaths + 1 if lived < 10 else 0
                        log.warning("worker pid %s exited (%s); starting another", process.pid, process.exitcode)
                        self.processes[index] = self._spawn()
            delay = min(60.0, 2.0 ** self._quick_deaths) if self._quick_deaths else 1.0

    def begin_stop(self) -> None:
        """Asks every worker to hand its job back and exit; returns at once (safe from a signal handler)."""
        with self._lock:  # after this, the watcher starts no replacement
            self._stop.set()
            for process in self.processes:
                if process.is_alive():
                    process.terminate()

    def join(self, deadline: float) -> None:
        """Waits for the workers until `deadline` (time.monotonic()), then kills whichever is left."""
        with self._lock:
            processes = list(self.processes)
        for process in processes:
            process.join(max(0.0, deadline - time.monotonic()))
        for process in processes:
            if process.is_alive():
                log.warning("worker pid %s did not stop in time; killing it", process.pid)
                process.kill()
                process.join()

    def stop(self, timeout: float = 10.0) -> None:
        self.begin_stop()
        self.join(time.monotonic() + timeout)
