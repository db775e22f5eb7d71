"""Starts worker processes and keeps them running; used by `cielo serve` and `cielo worker`."""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import signal
import threading

from cielo.config import Settings

log = logging.getLogger("cielo.supervisor")


def worker_process_main(settings_data: dict) -> None:
    """Entry point of one worker process: runs until SIGTERM/SIGINT, then hands its job back."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    from cielo.jobs.worker import worker_loop

    settings = Settings(**settings_data)

    async def main() -> None:
        shutdown = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, shutdown.set)
        await worker_loop(settings, shutdown)

    asyncio.run(main())


class WorkerPool:
    """N worker processes; a process that dies (even kill -9) is replaced. Its job's lease expires and the
    job is picked up again by whichever worker claims next."""

    def __init__(self, settings: Settings, count: int) -> None:
        self.settings = settings
        self.count = count
        self.processes: list[multiprocessing.Process] = []
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._context = multiprocessing.get_context("spawn")

    def _spawn(self) -> multiprocessing.Process:
        data = self.settings.model_dump(mode="json")
        process = self._context.Process(target=worker_process_main, args=(data,), daemon=False, name="cielo-worker")
        process.start()
        return process

    def start(self) -> None:
        self.processes = [self._spawn() for _ in range(self.count)]
        self._thread = threading.Thread(target=self._watch, daemon=True, name="cielo-worker-watch")
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.wait(1.0):
            for index, process in enumerate(self.processes):
                if not process.is_alive() and not self._stop.is_set():
                    log.warning("worker pid %s exited (%s); starting another", process.pid, process.exitcode)
                    self.processes[index] = self._spawn()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        for process in self.processes:
            if process.is_alive():
                process.terminate()
        for process in self.processes:
            process.join(timeout)
            if process.is_alive():
                process.kill()
                process.join()
