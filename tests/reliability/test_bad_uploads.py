"""Page uploads through the Library tab's handlers (as Gradio calls them): each file gets a row naming it
and its result, a bad file never stops the good one uploaded with it, and the store gains only the good."""

from __future__ import annotations

from pathlib import Path

import pytest

import briefing
from briefing.sources.articles import SUFFIXES
from briefing.ui import Handlers
from briefing.ui.library import Library
from tests.reliability.conftest import GOOD_ID, GOOD_TEXT, stored

SUPPORTED = ", ".join(sorted(SUFFIXES))
BODY = "The harbour reopened on Monday after repairs. Officials said 40 ships were waiting to load grain."
ADDED = "1 added, 0 unchanged, 0 replaced; 1 chunks written; 0 skipped"
NOTE = "note: date '2017-02-30' is not a day between 1800 and 2200; stored without a date"


def uploaded(tmp_path: Path, name: str, content: bytes | str) -> str:
    """A file where Gradio keeps uploads: a folder of its own per file, under its original name."""
    folder = tmp_path / "gradio" / str(abs(hash(name)))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return str(path)


def dotted(tmp_path: Path) -> str:
    uploaded(tmp_path, "escape.txt", BODY)
    return str(
        tmp_path
        / "gradio"
        / str(abs(hash("escape.txt")))
        / ".."
        / ".."
        / "gradio"
        / str(abs(hash("escape.txt")))
        / "escape.txt"
    )


# (case id, what Gradio hands the handler, the row shown for it, whether an article lands from it)
CASES = [
    (
        "wrong type",
        lambda t: uploaded(t, "tool.exe", b"MZ\x90\x00"),
        ["tool.exe", f"skipped: unsupported file type .exe; supported: {SUPPORTED}"],
        False,
    ),
    ("zero bytes", lambda t: uploaded(t, "empty.txt", b""), ["empty.txt", "skipped: empty file"], False),
    (
        "over the upload limit",
        lambda t: uploaded(t, "big.txt", (BODY + " ") * 16_000),
        ["big.txt", "skipped: too large (1.57 MB, limit 1.00 MB; raise BRIEFING_UPLOAD_MB)"],
        False,
    ),
    (
        "binary under a text name",
        lambda t: uploaded(t, "photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(64)),
        ["photo.txt", "skipped: binary file (a PNG image), not text"],
        False,
    ),
    (
        "gone before it was read",
        lambda t: str(t / "gradio" / "gone" / "late.txt"),
        ["late.txt", "skipped: no such file or folder"],
        False,
    ),
    ("../ in the path", dotted, ["escape.txt", ADDED], True),
    (
        "HTML in the name",
        lambda t: uploaded(t, "<img src=x onerror=alert(1)>.txt", BODY),
        ["<img src=x onerror=alert(1)>.txt", ADDED],
        True,
    ),
    (
        "a date that is no day",
        lambda t: uploaded(t, "feb.txt", f"date 2017-02-30\n{BODY}"),
        ["feb.txt", f"{ADDED}; {NOTE}"],
        True,
    ),
]


@pytest.mark.parametrize(("make", "row", "lands"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_upload_row_names_the_file_and_the_good_one_still_lands(
    make, row: list[str], lands: bool, rt: briefing.Runtime, tmp_path: Path
) -> None:
    rt.settings.upload_mb = 1
    bad = make(tmp_path)
    good = uploaded(tmp_path, "good.txt", GOOD_TEXT)
    before, _ = stored(rt)
    rows = Handlers(rt).upload([bad, good])
    assert rows == [row, ["good.txt", ADDED]]
    table, counts, _ = Library(Handlers(rt)).show()
    after, _ = stored(rt)
    assert GOOD_ID in after and before < after and len(after - before) == (2 if lands else 1)
    assert counts.startswith(f"**{len(after)} articles")
    sources = {r[2] for r in table}  # tick, title, outlet, date, chunks, copy of, id
    assert sources <= {"no outlet", "text 1"}  # a file names no outlet: never its (hostile) name


def test_no_files_chosen(rt: briefing.Runtime) -> None:
    before = stored(rt)
    rows = Handlers(rt).upload(None)
    assert rows == [["", "⚠️ Choose one or more files first."]]
    assert stored(rt) == before


@pytest.mark.parametrize(
    ("title", "date", "text", "row"),
    [
        ("Port", "2017-02-30", BODY, ["Port", f"{ADDED}; {NOTE}"]),
        ("x" * 10_000, "", BODY, ["x" * 10_000, f"{ADDED}; note: title cut to 300 characters (it had 10,000)"]),
        ("Zero", "", "\u200b\u200b", ["Zero", "⚠️ no text"]),
    ],
    ids=["impossible date", "10k-character title", "only zero-width text"],
)
def test_paste_says_what_it_changed(title: str, date: str, text: str, row: list[str], rt: briefing.Runtime) -> None:
    before = stored(rt)
    rows = Handlers(rt).paste(title, date, "wire", text)
    assert rows == [row]
    assert (stored(rt)[0] - before[0] != set()) == row[1].startswith("1 added")


def test_delete_of_an_article_gone_meanwhile_says_so_and_keeps_everything(rt: briefing.Runtime) -> None:
    """A row ticked in a table shown before another visitor deleted its article (its id unknown now)."""
    before = stored(rt)
    library = Library(Handlers(rt))
    table, _, _ = library.show()
    stale = [[True, "Gone", "wire", "2024-01-01", 1, "", "ffffff"], *([False, *row[1:]] for row in table)]
    _, question, ids = library.ask(stale)  # the page asks first, then deletes what was confirmed
    assert question.startswith("**Delete 1 article(s)?**") and ids == ["ffffff"]
    message, undo, table, _, _ = library.delete(ids)
    assert message == "Removed 0 article(s) (0 chunks). 1 were no longer in the store."
    assert undo is None  # nothing to undo
    assert stored(rt) == before and len(table) == 1
