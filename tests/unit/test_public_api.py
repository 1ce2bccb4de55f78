"""The public API is what `briefing` exports: the names scripts import stay importable from `briefing` itself,
whichever sub-package holds them."""

from __future__ import annotations

import subprocess
import sys

import briefing
from tests.conftest import ROOT

# the names as released, kept apart from `__all__` so that dropping one from it is caught
PUBLIC = [
    line.strip()
    for line in (ROOT / "tests" / "data" / "public_api.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]


def test_every_public_name_is_exported_and_importable() -> None:
    assert sorted(briefing.__all__) == sorted(PUBLIC)
    namespace: dict[str, object] = {}
    exec(f"from briefing import {', '.join(PUBLIC)}", namespace)  # the import a script writes
    assert all(namespace[name] is getattr(briefing, name) for name in PUBLIC)


def test_the_functions_are_the_api_not_modules() -> None:
    """`briefing.ingest` and `briefing.summarize` are the calls, though sub-packages hold their modules."""
    assert callable(briefing.ingest) and briefing.ingest.__module__ == "briefing.api.library"
    assert callable(briefing.summarize) and briefing.summarize.__module__ == "briefing.api.summarize"
    assert callable(briefing.ask) and briefing.ask.__module__ == "briefing.api.ask"


def test_python_dash_m_briefing_is_the_cli() -> None:
    done = subprocess.run([sys.executable, "-m", "briefing", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0 and "Usage: python -m briefing [OPTIONS] COMMAND" in done.stdout
