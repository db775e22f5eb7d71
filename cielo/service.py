"""`cielo serve` as a service: the web server and its worker processes start together and stop together.

SIGTERM (systemd, Docker, Kubernetes), SIGINT (Ctrl-C) and SIGHUP (a closed terminal) all stop it the same
way: the workers are told at once to hand their jobs back and exit, while the server stops accepting and
lets requests in flight finish; everything is gone within CIELO_SHUTDOWN_SECONDS (stragglers are killed).

uvicorn installs its own SIGTERM/SIGINT handlers while it serves and re-raises the signal after its own
shutdown, which would kill this process before the workers are stopped. So this module installs its own
handlers first (uvicorn restores them and re-raises into them) and hooks uvicorn's exit handler to start
stopping the workers at the first signal.
"""

from __future__ import annotations

import logging
import signal
import time
from collections.abc import Callable

import uvicorn

from cielo.config import Settings
from cielo.jobs.supervisor import STOP_SIGNALS, WorkerPool

log = logging.getLogger("cielo.server")


class _Server(uvicorn.Server):
    def __init__(self, config: uvicorn.Config, on_exit: Callable[[], None], on_started: Callable[[], None]) -> None:
        super().__init__(config)
        self._on_exit = on_exit
        self._on_started = on_started

    def handle_exit(self, sig: int, frame) -> None:
        self._on_exit()
        super().handle_exit(sig, frame)

    async def startup(self, sockets=None) -> None:
        await super().startup(sockets)
        if self.started:
            self._on_started()


def serve(settings: Settings, app, pool: WorkerPool, *, on_started: Callable[[], None] = lambda: None) -> None:
    """Runs the server and `pool` until a stop signal; returns once both are down."""
    stopping: dict[str, float] = {}

    def begin_stop() -> None:
        if "at" not in stopping:
            stopping["at"] = time.monotonic()
            pool.begin_stop()

    # Requests get about half the budget to finish; the workers were told to stop at the first signal.
    config = uvicorn.Config(app, host=settings.host, port=settings.port, log_config=None,
                            timeout_graceful_shutdown=max(1, int(settings.shutdown_seconds / 2)))
    server = _Server(config, begin_stop, on_started)

    def on_signal(sig: int, frame) -> None:
        # SIGHUP always arrives here (uvicorn does not handle it); SIGTERM and SIGINT arrive here again
        # when uvicorn re-raises them after its own shutdown.
        server.handle_exit(sig, frame)

    previous = {sig: signal.signal(sig, on_signal) for sig in STOP_SIGNALS}
    pool.start()
    try:
        server.run()
    finally:
        begin_stop()
        pool.join(stopping["at"] + settings.shutdown_seconds - 0.5)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        log.info("stopped")
