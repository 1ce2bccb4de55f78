"""The manual in docs/ holds true: the CLI reference is what click prints, the settings table is the
Settings class, and every relative link lands on a file (and a heading) that exists."""

from __future__ import annotations

import importlib.util
import re
from enum import Enum
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from pydantic_core import PydanticUndefined

from briefing.cli import cli
from briefing.config import Settings
from tests.conftest import ROOT

DOCS = ROOT / "docs"
MANUAL = [ROOT / "README.md", ROOT / "CHANGELOG.md", *sorted(DOCS.glob("*.md"))]


def _gen_cli() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_cli", DOCS / "gen_cli.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def no_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reference shows what a plain install prints: without the test profile's plugin."""
    from briefing.models import registry

    monkeypatch.setattr(registry, "plugin_engines", lambda: ({}, {}))
    monkeypatch.setattr(registry, "plugin_embedders", lambda: ({}, {}))


def test_cli_reference_is_what_click_prints(no_plugins: None) -> None:
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


# --- the settings table --------------------------------------------------------------------------------

_ROW = re.compile(r"^\| `(?P<name>[a-z_]+)` \| (?P<env>.+?) \| (?P<default>.+?) \| (?P<meaning>.+) \|$")


def _table() -> dict[str, dict[str, str]]:
    text = (DOCS / "configuration.md").read_text(encoding="utf-8")
    rows: dict[str, dict[str, str]] = {}
    for line in text.splitlines():
        match = _ROW.match(line)
        if match:
            assert match["name"] not in rows, f"docs/configuration.md has two rows for {match['name']}"
            rows[match["name"]] = match.groupdict()
    return rows


def _env(name: str) -> str:
    """The environment-variable cell a setting's row must have."""
    alias = Settings.model_fields[name].validation_alias
    if alias is None:
        return f"`BRIEFING_{name.upper()}`"
    first, *others = alias.choices  # type: ignore[union-attr]
    return f"`{first}`" + "".join(f" (or `{other}`)" for other in others)


def _shown(value: Any) -> str:
    """A default as the table writes it."""
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def test_configuration_documents_every_setting_and_no_other() -> None:
    rows = _table()
    missing = sorted(set(Settings.model_fields) - set(rows))
    extra = sorted(set(rows) - set(Settings.model_fields))
    assert not missing, f"docs/configuration.md's table lacks a row for {missing}"
    assert not extra, f"docs/configuration.md's table has rows for settings that do not exist: {extra}"


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_configuration_row_matches_the_setting(name: str) -> None:
    row = _table()[name]
    assert row["env"] == _env(name), f"{name}: the environment variable is {_env(name)}, the table says {row['env']}"
    default = Settings.model_fields[name].default
    assert default is not PydanticUndefined, f"{name} has no default; the table cannot give one"
    cell = row["default"]
    if cell == "unset":
        assert default is None, f"{name}: the table says unset, the default is {default!r}"
    elif cell.startswith("`") and cell.endswith("`"):
        assert cell.strip("`") == _shown(default), f"{name}: the table says {cell}, the default is {_shown(default)}"
    else:  # a default the code fills in when the setting is unset, named in words
        assert default is None, f"{name}: give the default {_shown(default)!r} in backticks, not {cell!r}"


# --- links --------------------------------------------------------------------------------------------

_FENCE = re.compile(r"^```.*?^```", re.S | re.M)
_CODE = re.compile(r"`[^`\n]*`")
_LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")


def _prose(path: Path) -> str:
    """A Markdown file without its code blocks and code spans (a link in code is no link)."""
    return _CODE.sub("", _FENCE.sub("", path.read_text(encoding="utf-8")))


def _anchors(path: Path) -> set[str]:
    """GitHub's anchors for the file's headings: lower case, punctuation dropped, spaces as hyphens."""
    seen: dict[str, int] = {}
    anchors = set()
    text = _FENCE.sub("", path.read_text(encoding="utf-8"))
    for line in text.splitlines():
        if not line.startswith("#"):
            continue
        slug = re.sub(r"[^\w\- ]", "", line.lstrip("#").strip().lower()).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        anchors.add(slug if count == 0 else f"{slug}-{count}")
    return anchors


def _links() -> list[tuple[Path, str]]:
    return [(path, target) for path in MANUAL for target in _LINK.findall(_prose(path))]


def test_the_manual_has_links_to_check() -> None:
    assert len(_links()) > 20


@pytest.mark.parametrize(("path", "target"), _links(), ids=lambda value: str(value).replace(str(ROOT), ""))
def test_relative_link_lands(path: Path, target: str) -> None:
    if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # https:, mailto: ...
        return
    file, _, anchor = target.partition("#")
    dest = (path.parent / file).resolve() if file else path
    name = path.relative_to(ROOT)
    assert dest.exists(), f"{name} links to {target}, which does not exist"
    if anchor and dest.suffix == ".md":
        assert anchor in _anchors(dest), f"{name} links to {target}: {dest.name} has no heading #{anchor}"


# --- the registry's names --------------------------------------------------------------------------------

_NAME_ROW = re.compile(r"^\| (?P<kind>engine|embedder) \| `(?P<name>[a-z0-9-]+)` \| (?P<what>.+) \|$")


def test_the_engines_table_is_the_registry() -> None:
    """docs/engines.md lists every built-in engine and embedder with the registry's own description."""
    from briefing.models import registry

    text = (DOCS / "engines.md").read_text(encoding="utf-8")
    rows = [m.groups() for line in text.splitlines() if (m := _NAME_ROW.match(line))]
    expected = [("engine", n, e.description) for n, e in registry.ENGINES.items()]
    expected += [("embedder", n, e.description) for n, e in registry.EMBEDDERS.items()]
    assert rows == expected
