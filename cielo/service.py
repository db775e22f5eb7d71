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

import asyncio
import logging
import signal
import time
from collections.abc import Callable

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from cielo.config import Settings
from cielo.workers.supervisor import STOP_SIGNALS, WorkerPool

log = logging.getLogger("cielo.server")


# Request line and headers together: more is refused at once (the connection is closed) instead of
# buffered; a client that has not sent them whole within CIELO_HEADER_TIMEOUT_SECONDS is disconnected.
MAX_HEADER_BYTES = 64 * 1024


class SlowClientGuard(H11Protocol):
    """uvicorn's h11 protocol with a deadline for each request's headers: its keep-alive timer restarts on
    every byte, so a client trickling a header a byte at a time could otherwise hold a connection forever."""

    header_seconds = 10.0
    _deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport) -> None:  # noqa: ANN001
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self._deadline is not None and self.conn.their_state is not h11.IDLE:
            self._deadline.cancel()  # the headers are in
            self._deadline = None

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm()  # the next request on this connection gets its own deadline

    def connection_lost(self, exc: Exception | None) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None
        super().connection_lost(exc)

    def _arm(self) -> None:
        if self._deadline is None and not self.transport.is_closing():
            self._deadline = self.loop.call_later(self.header_seconds, self._too_slow)

    def _too_slow(self) -> None:
        self._deadline = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()


def uvicorn_config(settings: Settings, app) -> uvicorn.Config:  # noqa: ANN001
    """The server's limits (see the README's Security section) and its proxy trust."""
    trusted = ",".join(settings.trusted_proxies)
    protocol = type("SlowClientGuard", (SlowClientGuard,), {"header_seconds": settings.header_timeout_seconds})
    return uvicorn.Config(app, host=settings.host, port=settings.port, log_config=None, http=protocol,
                          h11_max_incomplete_event_size=MAX_HEADER_BYTES,
                          # X-Forwarded-For is believed only from the proxies the operator names.
                          proxy_headers=bool(trusted), forwarded_allow_ips=trusted or None,
                          timeout_graceful_shutdown=max(1, int(settings.shutdown_seconds / 2)))


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
    server = _Server(uvicorn_config(settings, app), begin_stop, on_started)

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
