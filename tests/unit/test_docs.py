"""The manual in docs/ holds true: the CLI reference is what click prints."""

from __future__ import annotations

import importlib.util
from types import ModuleType

import pytest

from briefing.cli import cli
from tests.conftest import ROOT

DOCS = ROOT / "docs"


def _gen_cli() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_cli", DOCS / "gen_cli.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_reference_is_what_click_prints() -> None:
    gen = _gen_cli()
    committed = (DOCS / "cli.md").read_text(encoding="utf-8")
    if committed == gen.render(cli):
        return
    sections = gen.sections(cli).items()
    stale = [heading for heading, text in sections if f"## `{heading}`\n\n```text\n{text}```" not in committed]
    where = ", ".join(f"`{heading}`" for heading in stale) or "its header or the order of commands"
    pytest.fail(f"docs/cli.md is out of date for {where}: run `python docs/gen_cli.py` (or `make docs`) and commit it")


def test_cli_reference_covers_every_command() -> None:
    gen = _gen_cli()
    headings = set(gen.sections(cli))
    assert {f"briefing {name}" for name in cli.commands} <= headings
    assert "briefing" in headings
