"""Logging for the server and the workers: readable lines, or one JSON object a line
(CIELO_LOG_FORMAT=json) for log collectors, carrying the id of the request being served."""

from __future__ import annotations

import contextvars
import json
import logging
import time

# Set by the API's request-id middleware for the request a log line belongs to.
request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("cielo_request_id", default=None)

TEXT_FORMAT = "%(asctime)s %(name)s %(levelname)s %(message)s"


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        rid = request_id.get()
        if rid:
            entry["request_id"] = rid
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class _RequestIdText(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        rid = request_id.get()
        return f"{line} [{rid}]" if rid else line


def configure_logging(log_format: str = "text", level: int = logging.INFO) -> None:
    """One handler on the root logger; uvicorn's loggers propagate to it (uvicorn runs with log_config=None)."""
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter() if log_format == "json" else _RequestIdText(TEXT_FORMAT))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    # Alembic says "Context impl SQLiteImpl" on every start; only its warnings matter to an operator.
    logging.getLogger("alembic").setLevel(max(level, logging.WARNING))
