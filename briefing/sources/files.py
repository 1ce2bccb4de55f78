"""Files as bytes and bytes as text: which paths a folder holds, whether a path can be read at all (pipes,
link loops, folders), and what encoding a file is in, with binary formats named rather than read as text."""

from __future__ import annotations

import errno
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from briefing.errors import SkipFile

# Binary formats people mistake for text, by their first bytes (a short list of the common ones: a magic
# library's full table also matches text that happens to start like some rare format).
SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive, e.g. .docx or .xlsx"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x7fELF", "an ELF executable"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)
DAMAGE_SHARE = 0.01  # up to 1% NUL bytes, control characters or undecodable bytes: damaged text, not binary


_PATTERN = re.compile(r"[*?[]")  # what makes a path a pattern (as `glob.has_magic` reads it)


def is_pattern(path: str | Path) -> bool:
    """Whether a path is a pattern (`today/*.html`) rather than a name."""
    return bool(_PATTERN.search(str(path)))


def not_found(path: str | Path, *, named: bool = False) -> str:
    """What to say of a path that is not there: `no such file or folder` (then the path, when `named`), and
    that no file matches it when it is a pattern."""
    unmatched = " (no file matches the pattern)" if is_pattern(path) else ""
    return f"no such file or folder{f': {path}' if named else ''}{unmatched}"


def find_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named, and what folders named hold (recursively, hidden ones left out), sorted.

    Inside folders, anything that is not a folder comes out (pipes and broken links too), so that it is
    reported rather than passed over in silence.
    """
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path).parts
                if not child.is_dir() and not any(p.startswith(".") for p in relative):
                    yield child
        else:
            yield path


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most `max_bytes`, or SkipFile saying why they cannot be had."""
    try:
        info = path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise SkipFile("symbolic link loop") from exc
        if exc.errno == errno.ENOENT and path.is_symlink():
            raise SkipFile("broken symbolic link") from exc
        raise SkipFile(f"cannot read: {exc.strerror or exc}") from exc
    kind = next((name for test, name in _KINDS if test(info.st_mode)), None)
    if kind:  # reading a pipe would wait for a writer forever
        raise SkipFile(f"not a regular file ({kind})")
    if info.st_size > max_bytes:
        size, limit = info.st_size / 1e6, max_bytes / 1e6
        raise SkipFile(f"too large ({size:,.2f} MB, limit {limit:,.2f} MB; raise BRIEFING_MAX_FILE_MB)")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise SkipFile(f"cannot read: {exc.strerror or exc}") from exc


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 LE or BE when every other byte is NUL, as in mostly Latin text in UTF-16 without a BOM."""
    even, odd = head[0::2], head[1::2]
    if len(head) < 4:
        return None
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) <= 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) <= 0.1 * len(odd):
        return "utf-16-be"
    return None


def _controls(text: str) -> int:
    return sum(1 for ch in text if (ord(ch) < 32 and ch not in "\n\r\t\f\x1b") or ch == "\x00")


def decode(data: bytes, name: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 (with or without BOM), Windows-1252, or UTF-8 with
    a few bad bytes marked U+FFFD. Binary data is refused, naming the format when it is a common one."""
    if not data.strip():
        raise SkipFile("empty file")
    head = data[:8192]
    kind = next((what for magic, what in SIGNATURES if head.startswith(magic)), None)
    if kind:
        raise SkipFile(f"binary file ({kind}), not text")
    bom16 = head.startswith((b"\xff\xfe", b"\xfe\xff"))
    wide = "utf-16" if bom16 else _utf16_without_bom(head)
    if not wide and 0 in head and _controls(head.decode("latin-1")) > DAMAGE_SHARE * len(head):
        raise SkipFile("binary file (contains NUL bytes)")  # a few NULs in text are damage, removed later
    tries = [wide] if wide else ["utf-8-sig", "cp1252"]
    for encoding in tries:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _controls(text[:8192]) > DAMAGE_SHARE * max(1, len(text[:8192])):
            raise SkipFile("binary file (control characters)")
        return text
    text = data.decode("utf-8-sig", errors="replace")  # UTF-8 with a few broken bytes is still text
    if _controls(text[:8192]) > DAMAGE_SHARE * len(text[:8192]):
        raise SkipFile("binary file (control characters)")
    if text.count("\ufffd") <= DAMAGE_SHARE * len(text):
        return text
    raise SkipFile("not text: neither UTF-8 nor Windows-1252")
