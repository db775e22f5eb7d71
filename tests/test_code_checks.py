"""Mistakes a reader should never have to find: undefined names, unused imports and variables, syntax errors
(ruff's pyflakes rules) in the package, the benchmarks and the tests. An undefined name in a rarely taken
branch once left every likeness training waiting forever. And import-linter's layers contract: an import
against the layers is the first knot of the next import cycle."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_no_undefined_names_or_unused_imports():
    ruff = Path(sys.executable).parent / "ruff"
    found = subprocess.run([str(ruff), "check", "--select", "F,E9", "--output-format", "concise", "--no-cache",
                            "cielo", "bench", "tests"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert found.returncode == 0, found.stdout + found.stderr


def test_the_layers_hold():
    """Every subpackage imports only from the layers below it (pyproject.toml's [tool.importlinter]), function-
    level imports included, so there is no cycle between subpackages."""
    found = subprocess.run([str(Path(sys.executable).parent / "lint-imports"), "--no-cache"], cwd=ROOT,
                           capture_output=True, text=True, timeout=300)
    assert found.returncode == 0, found.stdout[-4000:] + found.stderr[-2000:]
    assert "1 kept, 0 broken" in found.stdout

