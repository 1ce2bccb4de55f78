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


# names that moved to a module beside their old one when it was split, and the module they are still imported from
MOVED = {
    "briefing.config": [
        "COLLECTION_MOST",
        "COLLECTION_NAME",
        "COLLECTION_RULE",
        "DAY",
        "WEEK",
        "OFFLINE_ENV",
        "collection_problem",
        "folder_name",
        "login_pairs",
        "set_offline_env",
    ],
    "briefing.sources.articles": [
        "SUFFIXES",
        "ALIASES",
        "MAX_CHARS",
        "MAX_TITLE",
        "repair",
        "inert",
        "derive_title",
        "dated",
        "make_article",
        "record_key",
        "parse_records",
        "without_headline",
        "parse_html",
        "parse_markdown",
        "parse_json",
        "parse_csv",
        "Article",
        "SkipFile",
        "article_id",
        "decode",
        "find_files",
    ],
    "briefing.cli.app": ["ask", "chat", "brief"],
    "briefing.api.library": ["Stats", "StoredArticle", "article", "collections", "list_articles", "stats"],
}


def test_names_moved_out_of_a_split_module_stay_importable_from_it() -> None:
    for module, names in MOVED.items():
        namespace: dict[str, object] = {}
        exec(f"from {module} import {', '.join(names)}", namespace)
        assert all(callable(namespace[name]) or namespace[name] is not None for name in names)
