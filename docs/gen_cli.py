"""Write docs/cli.md: the `--help` of `briefing` and of every command under it, as click prints it.

Run `python docs/gen_cli.py` (or `make docs`) after changing a command or an option;
tests/unit/test_docs.py fails while docs/cli.md differs from what this prints.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import click
from click.testing import CliRunner

DOCS = Path(__file__).resolve().parent
CLI_MD = DOCS / "cli.md"
WIDTH = 100  # fixed, so the text does not depend on the terminal it was made in

HEADER = """# Command-line reference

Every command's `--help`, generated from the code by `python docs/gen_cli.py` (`make docs`);
`tests/unit/test_docs.py` fails when this file is out of date. [usage.md](usage.md) says what the commands
do, with examples.
"""


def commands(group: click.Group, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """The path of every command under `group` (subcommands of a subgroup included), in name order."""
    for name in sorted(group.commands):
        command = group.commands[name]
        yield (*path, name)
        if isinstance(command, click.Group):
            yield from commands(command, (*path, name))


def help_text(cli: click.Group, path: tuple[str, ...]) -> str:
    """What `briefing PATH... --help` prints."""
    result = CliRunner().invoke(cli, [*path, "--help"], prog_name="briefing", terminal_width=WIDTH)
    if result.exit_code != 0:
        msg = f"`briefing {' '.join(path)} --help` exited with {result.exit_code}: {result.output}"
        raise RuntimeError(msg)
    return result.output.rstrip() + "\n"


def sections(cli: click.Group) -> dict[str, str]:
    """Each command's heading (`briefing`, `briefing ask`, ...) and its help text."""
    paths = [(), *commands(cli)]
    return {" ".join(("briefing", *path)): help_text(cli, path) for path in paths}


def render(cli: click.Group) -> str:
    """The whole of docs/cli.md."""
    parts = [HEADER]
    for heading, text in sections(cli).items():
        parts.append(f"## `{heading}`\n\n```text\n{text}```\n")
    return "\n".join(parts)


def main() -> None:
    sys.path.insert(0, str(DOCS.parent))  # this checkout's briefing, also when another one is installed
    from briefing.cli import cli

    CLI_MD.write_text(render(cli), encoding="utf-8")
    print(f"wrote {CLI_MD.relative_to(Path.cwd()) if CLI_MD.is_relative_to(Path.cwd()) else CLI_MD}")


if __name__ == "__main__":
    main()
