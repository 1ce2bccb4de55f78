"""Prompt templates: files in `prompts/`, loaded once, checked against the variables they must take."""

from __future__ import annotations

import string
from functools import cache
from importlib import resources
from pathlib import Path

from briefing.errors import PromptError

# Each prompt and exactly the variables it takes: a file that drifts from this fails at load.
VARIABLES: dict[str, frozenset[str]] = {
    "answer_system": frozenset({"max_sentences"}),
    "answer_user": frozenset({"sources", "question", "focus", "spans"}),
    "answer_spans": frozenset({"spans"}),
    "condense_question": frozenset({"history", "question"}),
    "brief_map": frozenset({"topic_clause", "notes"}),
    "brief_reduce": frozenset({"topic_clause", "words", "notes"}),
}


def prompts_dir() -> Path:
    """`prompts/` inside the installed package (wheel) or at the top of the source tree."""
    packaged = Path(str(resources.files("briefing"))) / "prompts"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "prompts"


def fields(template: str) -> set[str]:
    """The `{variables}` a template uses."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@cache
def load(name: str, folder: Path | None = None) -> str:
    """The template `name`, checked to take exactly its declared variables."""
    if name not in VARIABLES:
        msg = f"unknown prompt {name!r}; known: {', '.join(sorted(VARIABLES))}"
        raise PromptError(msg)
    path = (folder or prompts_dir()) / f"{name}.md"
    try:
        template = path.read_text(encoding="utf-8")
    except OSError as exc:
        msg = f"prompt file {path} cannot be read: {exc}"
        raise PromptError(msg) from exc
    try:
        used = fields(template)
    except ValueError as exc:
        msg = f"prompt file {path} is malformed ({exc}); write literal braces as {{{{ and }}}}"
        raise PromptError(msg) from exc
    if used != VARIABLES[name]:
        msg = f"prompt file {path} uses {sorted(used)}, expected {sorted(VARIABLES[name])}"
        raise PromptError(msg)
    return template


def render(name: str, **values: object) -> str:
    """Fill in a prompt; every declared variable must be given, and nothing else."""
    expected = VARIABLES.get(name, frozenset())
    missing, extra = expected - values.keys(), values.keys() - expected
    if missing or extra:
        msg = f"prompt {name!r}: missing {sorted(missing)}, unexpected {sorted(extra)}"
        raise PromptError(msg)
    return load(name).format(**values)
