"""The README is the front door: short, with the two commands and a picture of a brief; the manual is in
docs/ (tests/unit/test_docs.py holds it true)."""

from tests.conftest import ROOT


def test_readme_gives_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_readme_stays_a_front_door() -> None:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 250, f"README.md has {len(lines)} lines; move detail into docs/ (at most 250)"


def test_readme_shows_a_brief() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    picture = ROOT / "docs" / "images" / "brief.png"
    assert "](docs/images/brief.png)" in readme
    assert picture.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert picture.stat().st_size < 200_000, "docs/images/brief.png should stay under 200 KB"
