"""The README is the front door; its manual's settings table is held to the code in tests/unit/test_docs.py."""

from tests.conftest import ROOT


def test_readme_gives_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()
