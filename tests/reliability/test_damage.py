"""A full disk during ingest and damaged store files: a message naming the folder and what to do (no
traceback), and nothing lost once the cause is gone."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reliability.crashing import ROOT, contents, env, problems, run, runtime

SEEDS = str(ROOT / "seeds")
DATA = str(ROOT / "tests" / "data" / "port_strike.jsonl")

# Without a tmpfs to fill: the same ingest with a file-size limit, SIGXFSZ ignored so writes fail with EFBIG.
LIMITED = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
from briefing import cli
sys.argv = ["briefing", *sys.argv[2:]]
cli.main()
"""


@pytest.fixture
def small_disk(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Path | None]:
    """A 20 MB tmpfs (None where mounting is not permitted, or for the file-size-limit variant)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    command = ["mount", "-t", "tmpfs", "-o", "size=20m", "tmpfs", str(disk)]
    if request.param == "rlimit":
        command = ["false"]
    mounted = subprocess.run(command, capture_output=True)
    yield disk if mounted.returncode == 0 else None
    if mounted.returncode == 0:
        subprocess.run(["umount", "-l", str(disk)], check=False)


@pytest.mark.parametrize("small_disk", ["tmpfs", "rlimit"], indirect=True)
def test_a_full_disk_is_a_clear_error_and_the_next_run_completes(small_disk: Path | None, tmp_path: Path) -> None:
    """The disk fills while 10 articles are written after 1 already stored: a message naming the store and
    "no space left", exit 2, no traceback; with space freed the store opens with only complete articles
    listed, and the same ingest completes it to what a clean run holds (0 lost)."""
    store = (small_disk or tmp_path) / "store"
    run(store, "ingest", SEEDS)
    if small_disk is not None:
        ballast = small_disk / "ballast"
        free = shutil.disk_usage(small_disk).free
        ballast.write_bytes(b"\0" * (free - 300 * 1024))  # 300 kB left: the disk fills mid-ingest
        command = [sys.executable, "-m", "briefing.cli", "ingest", DATA]
    else:
        size = (store / "chroma.sqlite3").stat().st_size  # the file that grows
        command = [sys.executable, "-c", LIMITED, str(size + 100 * 1024), "ingest", DATA]
    done = subprocess.run(command, env=env(store), capture_output=True, text=True, timeout=300)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert f"the store at {store} cannot be used: no space left" in done.stderr
    assert "run the same `briefing ingest` again" in done.stderr

    if small_disk is not None:
        ballast.unlink()
    held = contents(runtime(store).store)
    ready = {i for i, m in held["catalog"].items() if m["status"] == "ready"}
    for article in ready:  # every listed article is complete
        assert sum(m["article_id"] == article for m in held["chunks"].values()) == held["catalog"][article]["chunks"]
    assert run(store, "stats").returncode == 0

    run(store, "ingest", SEEDS, DATA)
    held = contents(runtime(store).store)
    assert problems(held) == []
    clean = tmp_path / "clean"
    run(clean, "ingest", SEEDS, DATA)
    assert held == contents(runtime(clean).store)
    assert len(held["catalog"]) == 11


def _chroma_files(store: Path) -> list[Path]:
    return sorted(p for p in store.glob("*-*-*-*-*/header.bin"))


def _damage_sqlite_truncated(store: Path) -> None:
    sqlite = store / "chroma.sqlite3"
    sqlite.write_bytes(sqlite.read_bytes()[: sqlite.stat().st_size // 3])


def _damage_sqlite_overwritten(store: Path) -> None:
    with (store / "chroma.sqlite3").open("r+b") as f:
        f.write(b"not a database at all" * 8)


def _damage_hnsw_deleted(store: Path) -> None:
    files = sorted(store.glob("*-*-*-*-*/data_level0.bin"))
    assert files
    for f in files:
        f.unlink()


@pytest.fixture(scope="module")
def big_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of 1,200 one-chunk articles: past Chroma's threshold for writing its HNSW files."""
    store = tmp_path_factory.mktemp("big") / "store"
    records = tmp_path_factory.mktemp("records") / "many.jsonl"
    lines = [
        f'{{"title": "Ship {n}", "text": "Ship {n} reached berth {n} on Monday with {n * 3} containers of grain."}}'
        for n in range(1200)
    ]
    records.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run(store, "ingest", str(records))
    assert sorted(store.glob("*-*-*-*-*/data_level0.bin"))
    return store


DAMAGES = {
    "chroma.sqlite3 truncated to a third": _damage_sqlite_truncated,
    "chroma.sqlite3 header overwritten": _damage_sqlite_overwritten,
    "HNSW segment files deleted": _damage_hnsw_deleted,
}


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_a_damaged_store_names_the_folder_and_how_to_recover(damage: str, big_store: Path, tmp_path: Path) -> None:
    """3 damages x 3 commands (ask, stats, ingest): each exits 2 with the store's folder and the way out."""
    store = tmp_path / "store"
    shutil.copytree(big_store, store)
    DAMAGES[damage](store)
    for command in (["ask", "where did ship 7 berth?"], ["stats"], ["ingest", SEEDS]):
        done = run(store, *command, check=False)
        assert done.returncode == 2, (command, done.stdout, done.stderr)
        assert "Traceback" not in done.stderr
        assert f"the store at {store} is damaged or unreadable" in done.stderr, done.stderr
        assert f"Move the folder aside (`mv {store} {store}.damaged`)" in done.stderr


@pytest.mark.parametrize("name", ["manifest.json", "ids.json", "tokens.jsonl", "df.json", "bm25/params.index.json"])
def test_garbage_in_the_keyword_index_is_rebuilt(name: str, tmp_path: Path) -> None:
    """5 damaged index files: `ask` still answers from both rankings (the index is rebuilt from the store)."""
    store = tmp_path / "store"
    run(store, "ingest", SEEDS, DATA)
    folder = store / "keywords" / "briefing"
    before = sorted((folder / "ids.json").read_text(encoding="utf-8"))
    (folder / name).write_bytes(b"\x00garbage{[" * 10)
    rt = runtime(store)
    from briefing.store.search import keyword_hits

    hits = keyword_hits(rt.store, rt.keywords, "dockers strike Port Selwyn", 3, None)
    assert hits.passages and "Selwyn" in " ".join(p.text for p in hits.passages)
    assert sorted((folder / "ids.json").read_text(encoding="utf-8")) == before
    done = run(store, "ask", "Why did the dockers at Port Selwyn strike?", check=False)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
