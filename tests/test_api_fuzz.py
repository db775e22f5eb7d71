"""The whole API against its own OpenAPI document: schemathesis (its command line, as a person would run
it) sends generated requests to a live server for a bounded time. No response may be a 5xx, and every
response must have a documented status, content type and schema."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import make_settings
from tests.live import free_port, start_server, stop_group, wait_for

pytestmark = pytest.mark.slow

CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"


def test_generated_requests_get_documented_answers_and_no_server_error(tmp_path):
    settings = make_settings(tmp_path, f"sqlite+aiosqlite:///{tmp_path / 'cielo.db'}")
    port = free_port()
    log = tmp_path / "serve.log"
    process = start_server(settings, port, 0, log)
    try:
        key = wait_for(lambda: next((w for w in log.read_text().split() if w.startswith("sk-cielo-")), None),
                       timeout=60, what="the first-start API key")
        run = subprocess.run(
            [str(Path(sys.executable).parent / "schemathesis"), "run", f"http://127.0.0.1:{port}/openapi.json",
             "-H", f"Authorization: Bearer {key}", "--checks", CHECKS, "--max-time", "60",
             # One worker: hypothesis parses lambdas' sources with ast, which on Python 3.11 fails now and then
             # ("AST constructor recursion depth mismatch") when two threads parse at once.
             "--workers", "1",
             # Event streams stay open until their job ends, and this server runs no worker.
             "--exclude-path-regex", "/events$"],
            capture_output=True, text=True, timeout=600, cwd=tmp_path)  # its cache stays out of the checkout
    finally:
        stop_group(process)
    summary = run.stdout[-3000:]
    # On a failure, each failing operation's heading, check and reproduction come first (the summary's list
    # of operations without test data can run past any limit).
    failures = re.findall(r"_{5,} ([A-Z]+ \S+) _{5,}\n(.*?)(?=\n_{5,} |\n=+ )", run.stdout, re.S)
    assert run.returncode == 0, "\n".join(f"{op}: {text[:600]}" for op, text in failures) + "\n" + summary
    counts = re.search(r"(\d+) generated, (\d+) passed", summary)
    assert counts and counts.group(1) == counts.group(2) and int(counts.group(1)) > 1000, summary
    assert '" 500 ' not in log.read_text()
