"""The README's examples run as written, on a fresh folder with the seeds, with the real MiniLM model: each `$`
command of the command-line transcript prints what the README shows, and the Python example runs."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.M | re.S)
BRIEFING = Path(sys.executable).parent / "briefing"


def blocks(kind: str) -> list[str]:
    return [body for lang, body in BLOCK.findall(README) if lang == kind]


def transcript() -> list[tuple[str, str]]:
    """The `$ command` lines of the README's untyped blocks, each with the output the README shows under it."""
    steps: list[tuple[str, str]] = []
    for body in blocks(""):
        for part in re.split(r"^\$ ", body, flags=re.M)[1:]:
            command, _, shown = part.partition("\n")
            steps.append((command, shown))
    return steps


def folder(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A fresh working folder holding the seeds, and the environment of a user there (no settings of ours)."""
    work = tmp_path / "work"
    shutil.copytree(ROOT / "seeds", work / "seeds")
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFING_")}
    env |= {"COLUMNS": "200", "BRIEFING_PROGRESS": "false"}
    return work, env


def test_the_readme_has_a_transcript_and_a_python_example() -> None:
    assert len(transcript()) >= 2 and blocks("python")


def test_the_command_line_transcript_prints_what_the_readme_shows(tmp_path: Path) -> None:
    work, env = folder(tmp_path)
    for command, shown in transcript():
        args = shlex.split(command)
        assert args[0] == "briefing", command
        run = subprocess.run([str(BRIEFING), *args[1:]], cwd=work, env=env, capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, run.stderr
        assert run.stdout.strip() == shown.strip(), f"$ {command}\n{run.stdout}"


def test_the_python_example_runs(tmp_path: Path) -> None:
    work, env = folder(tmp_path)
    for code in blocks("python"):
        run = subprocess.run(
            [sys.executable, "-c", code], cwd=work, env=env, capture_output=True, text=True, timeout=600
        )
        assert run.returncode == 0, run.stderr[-3000:]
    assert (work / "brief.pdf").read_bytes().startswith(b"%PDF")
