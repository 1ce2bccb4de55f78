"""Files that cannot be articles: each is skipped with a message naming it and the reason, beside a good
file that still lands, and the store holds nothing more than the good file's article and chunks."""

from __future__ import annotations

import json
import os
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

import briefing
from briefing.sources.articles import SUFFIXES
from tests.reliability.conftest import GOOD_ID, ingest_beside_good

Maker = Callable[[Path], Path]
SUPPORTED = ", ".join(sorted(SUFFIXES))
BODY = "The harbour reopened on Monday after repairs. Officials said 40 ships were waiting to load grain."


def file(name: str, content: bytes | str) -> Maker:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        return path

    return make


def png() -> bytes:
    row = b"\x00" + b"\xff\x00\x00" * 4
    ihdr = struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0)
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))  # noqa: E731
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(row * 4)) + chunk(b"IEND", b"")


def zip_archive(folder: Path) -> bytes:
    import zipfile

    path = folder / "tmp.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", "<w:document>" + BODY * 20 + "</w:document>")
    data = path.read_bytes()
    path.unlink()
    return data


def pdf() -> bytes:
    """A small but well-formed PDF: mostly ASCII objects, one compressed content stream."""
    stream = zlib.compress(f"BT /F1 12 Tf 72 720 Td ({BODY}) Tj ET".encode())
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
    for n, body in enumerate(objects, start=1):
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    return out + b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"


def elf() -> bytes:
    header = (
        b"\x7fELF\x02\x01\x01"
        + bytes(9)
        + struct.pack("<HHIQQQIHHHHHH", 2, 62, 1, 0x401000, 64, 0, 0, 64, 56, 1, 0, 0, 0)
    )
    return header + b"hello world\n" * 50


def zipped(name: str) -> Maker:
    def make(folder: Path) -> Path:
        return file(name, zip_archive(folder))(folder)

    return make


def unreadable(folder: Path) -> Path:
    path = file("locked.txt", BODY)(folder)
    path.chmod(0)
    return path


def fifo(folder: Path) -> Path:
    path = folder / "pipe.txt"
    os.mkfifo(path)
    return path


def symlink_loop(folder: Path) -> Path:
    (folder / "loop-a.txt").symlink_to(folder / "loop-b.txt")
    (folder / "loop-b.txt").symlink_to(folder / "loop-a.txt")
    return folder / "loop-a.txt"


def broken_link(folder: Path) -> Path:
    (folder / "gone.txt").symlink_to(folder / "nowhere.txt")
    return folder / "gone.txt"


def empty_folder(folder: Path) -> Path:
    (folder / "x.txt").mkdir()
    return folder / "x.txt"


def deep_json(folder: Path) -> Path:
    return file("deep.json", "[" * 100_000 + "]" * 100_000)(folder)


def huge_line(folder: Path) -> Path:
    return file("one-line.txt", "word" * 2_500_000)(folder)  # 10 MB, one line, no space


def too_big(folder: Path) -> Path:
    return file("big.txt", (BODY + " ") * 16_000)(folder)  # 1.57 MB against a 1 MB limit


HTML_NAV_ONLY = """<!doctype html><html><head><title>Home | About</title>
<script>window.track = function () { fetch('/t'); };</script><script src="/app.js"></script></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/about">About</a></li></ul></nav>
<script>track();</script><noscript>Enable JavaScript.</noscript></body></html>"""

# (case id, maker, the exact reason it is skipped with)
CASES: list[tuple[str, Maker, str]] = [
    ("empty", file("empty.txt", b""), "empty file"),
    ("whitespace only", file("blank.md", " \n\t \r\n  "), "empty file"),
    ("unsupported type", file("scan.png", png()), f"unsupported file type .png; supported: {SUPPORTED}"),
    ("no suffix", file("README", BODY), f"unsupported file type (none); supported: {SUPPORTED}"),
    ("png named .txt", file("photo.txt", png()), "binary file (a PNG image), not text"),
    ("zip named .json", zipped("report.json"), "binary file (a ZIP archive, e.g. .docx or .xlsx), not text"),
    ("pdf named .txt", file("paper.txt", pdf()), "binary file (a PDF document), not text"),
    ("ELF named .md", file("tool.md", elf()), "binary file (an ELF executable), not text"),
    (
        "jpeg named .html",
        file("pic.html", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 4),
        "binary file (a JPEG image), not text",
    ),
    (
        "gzip named .csv",
        file("data.csv", b"\x1f\x8b\x08\x00" + bytes(range(256)) * 4),
        "binary file (a gzip archive), not text",
    ),
    ("random bytes", file("noise.txt", bytes(range(256)) * 8), "binary file (contains NUL bytes)"),
    ("invalid bytes only", file("junk.txt", b"\x81\x8d\x8f\x90" * 64), "not text: neither UTF-8 nor Windows-1252"),
    ("10 MB single line", huge_line, "too long for one article (10,000,000 characters, at most 1,000,000): split it"),
    ("over BRIEFING_MAX_FILE_MB", too_big, "too large (1.57 MB, limit 1.00 MB; raise BRIEFING_MAX_FILE_MB)"),
    ("deeply nested JSON", deep_json, "invalid JSON: nested too deeply"),
    (
        "invalid JSON",
        file("broken.json", '{"text": "unterminated'),
        "invalid JSON at line 1, column 10: Unterminated string starting at",
    ),
    ("JSON without records", file("none.json", "[]"), "no records in the file"),
    (
        "CSV without a header",
        file("rows.csv", f"{BODY},Port news,2024-01-01\nSecond row,Other,2024-01-02\n"),
        "CSV has no text column (header: the harbour reopened on monday after re…, port news, 2024-01-01); "
        "name one `text`",
    ),
    ("CSV with only a header", file("head.csv", "text,title,date\r\n"), "CSV has a header but no rows"),
    (
        "HTML of scripts and a nav bar",
        file("home.html", HTML_NAV_ONLY),
        "no article text found in the HTML (only menus, links or scripts)",
    ),
    (
        "HTML with an empty body",
        file("empty.htm", "<html><head><title>T</title></head><body></body></html>"),
        "no article text found in the HTML",
    ),
    ("markdown with only a title", file("title.md", "# Just a title\n"), "no text"),
    ("text with only a date line", file("dated.txt", "date 2024-01-01\n"), "no text"),
    ("unreadable (no permission)", unreadable, "cannot read: Permission denied"),
    ("FIFO", fifo, "not a regular file (a named pipe)"),
    ("symlink loop", symlink_loop, "symbolic link loop"),
    ("broken symlink", broken_link, "broken symbolic link"),
    ("empty folder named x.txt", empty_folder, "empty folder (no files in it)"),
    ("missing path", lambda folder: folder / "missing.txt", "no such file or folder"),
]


@pytest.mark.parametrize(("maker", "reason"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_file_is_skipped_by_name_and_the_rest_lands(
    maker: Maker, reason: str, rt: briefing.Runtime, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    if maker is too_big:
        rt.settings.max_file_mb = 1.0
    bad = maker(folder)
    if reason.startswith("cannot read: Permission") and os.geteuid() == 0:
        # root reads a chmod 000 file anyway: make the read fail as it does for any other user
        real = Path.read_bytes

        def refuse(self: Path) -> bytes:
            if self == bad:
                raise PermissionError(13, "Permission denied", str(self))
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", refuse)
    batch = ingest_beside_good(rt, folder, bad)
    [(name, why)] = batch.report.skipped
    assert name == str(bad)
    if reason.startswith("invalid JSON at"):
        assert why.startswith(reason)
    else:
        assert why == reason
    assert batch.new == {GOOD_ID}, "only the good file's article is new"
    assert (batch.report.added, batch.report.notes) == (1, [])


def test_a_bad_file_inside_a_folder_is_named_too(rt: briefing.Runtime, tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    for make in (fifo, symlink_loop, broken_link, file("photo.txt", png())):
        make(folder)
    batch = ingest_beside_good(rt, folder, folder)
    reasons = sorted((Path(n).name, why) for n, why in batch.report.skipped)
    assert reasons == [
        ("gone.txt", "broken symbolic link"),
        ("loop-a.txt", "symbolic link loop"),
        ("loop-b.txt", "symbolic link loop"),
        ("photo.txt", "binary file (a PNG image), not text"),
        ("pipe.txt", "not a regular file (a named pipe)"),
    ]
    assert batch.new == {GOOD_ID}


def test_a_folder_named_like_a_file_is_read_as_a_folder(rt: briefing.Runtime, tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    (folder / "x.txt").mkdir(parents=True)
    (folder / "x.txt" / "inner.txt").write_text(BODY)
    batch = ingest_beside_good(rt, folder, folder / "x.txt")
    assert batch.report.skipped == [] and batch.report.added == 2


RECORDS = [json.dumps({"text": BODY, "id": "good-1"}), json.dumps({"text": BODY.replace("40", "41"), "id": "good-2"})]
# (case id, file name, content holding the two good records and one bad one, the exact reason for the bad one)
RECORD_CASES = [
    (
        "text is a number",
        "a.json",
        f'[{RECORDS[0]}, {{"text": 42, "title": "N"}}, {RECORDS[1]}]',
        "record 2: `text` is a number, not text",
    ),
    (
        "text is a list",
        "a.json",
        f'[{RECORDS[0]}, {{"text": ["a", "b"]}}, {RECORDS[1]}]',
        "record 2: `text` is a list, not text",
    ),
    (
        "text is an object",
        "a.json",
        f'[{RECORDS[0]}, {{"text": {{"en": "x"}}}}, {RECORDS[1]}]',
        "record 2: `text` is an object, not text",
    ),
    (
        "text is true",
        "a.json",
        f'[{RECORDS[0]}, {{"text": true}}, {RECORDS[1]}]',
        "record 2: `text` is true/false, not text",
    ),
    ("text is null", "a.json", f'[{RECORDS[0]}, {{"text": null}}, {RECORDS[1]}]', "record 2: no text"),
    ("record not an object", "a.json", f'[{RECORDS[0]}, "just a string", {RECORDS[1]}]', "record 2: not an object"),
    (
        "bad JSONL line",
        "a.jsonl",
        f"{RECORDS[0]}\n{{bad json\n{RECORDS[1]}\n",
        "line 2: invalid JSON (Expecting property name enclosed in double quotes)",
    ),
    (
        "deep JSONL line",
        "a.jsonl",
        f"{RECORDS[0]}\n{'[' * 50_000}{']' * 50_000}\n{RECORDS[1]}\n",
        "line 2: invalid JSON (nested too deeply)",
    ),
    (
        "10 MB JSONL line",
        "a.jsonl",
        f"{RECORDS[0]}\n{json.dumps({'text': 'word ' * 2_000_000})}\n{RECORDS[1]}\n",
        "line 2: too long for one article (10,000,000 characters, at most 1,000,000): split it",
    ),
    (
        "CSV row without text",
        "a.csv",
        f'text,id\n"{BODY}",good-1\n,bad\n"{BODY.replace("40", "41")}",good-2\n',
        "row 3: no text",
    ),
]


@pytest.mark.parametrize(("name", "content", "reason"), [c[1:] for c in RECORD_CASES], ids=[c[0] for c in RECORD_CASES])
def test_bad_record_is_skipped_by_its_label_and_the_rest_lands(
    name: str, content: str, reason: str, rt: briefing.Runtime, tmp_path: Path
) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    path = folder / name
    path.write_text(content, encoding="utf-8")
    batch = ingest_beside_good(rt, folder, path)
    assert batch.report.skipped == [(str(path), reason)]
    assert batch.report.added == 3 and len(batch.new) == 3  # two good records and the good file
