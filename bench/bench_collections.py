"""What the page holds while visitors go from collection to collection: open files of the store folder and
the process's resident memory after every 8 collections asked, going round N collections twice through the
page's handlers (`Handlers.on`, as `/ask` with a collection does). Before `Runtime.release`, Chroma kept
the vector index files and memory of every collection read for good; the page now closes its instance once
it has let go of 8 collections' runtimes, so both stay flat.

Articles are short synthetic ones embedded by the tests' word-hashing embedder, so building the store takes
about a minute; what Chroma holds per collection does not depend on the embedder.

    .venv/bin/python bench/bench_collections.py                 # 40 collections, twice round
    .venv/bin/python bench/bench_collections.py --collections 80 --store /tmp/many
    .venv/bin/python bench/bench_collections.py --store /tmp/many --never-close   # as before: for comparison
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import briefing
from briefing.config import Settings
from briefing.ui import Handlers
from tests.fakes import WordEmbeddings

TEXT = "Ministers met in Riga on Tuesday to discuss grain corridors. They agreed to meet again in May. "
QUESTION = "Where did ministers discuss grain corridors?"


def store_files(folder: Path) -> int:
    held = 0
    for fd in Path("/proc/self/fd").iterdir():
        try:
            held += os.readlink(fd).startswith(str(folder))
        except OSError:
            continue
    return held


def rss_mb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS"):
            return int(line.split()[1]) // 1024
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--collections", type=int, default=40)
    parser.add_argument("--store", type=Path, help="a folder to build the store in (kept; default a temp folder)")
    parser.add_argument("--never-close", action="store_true", help="never close Chroma's instance (as before)")
    args = parser.parse_args()
    if args.never_close:
        briefing.Runtime.release = lambda self: False  # type: ignore[method-assign]
    folder = args.store or Path(tempfile.mkdtemp(prefix="bench-collections-"))
    settings = Settings(store_dir=folder, max_collections=args.collections + 10, progress=False)
    page = Handlers(briefing.Runtime(settings, embedder=WordEmbeddings()))
    names = [f"desk-{n}" for n in range(args.collections)]
    if not (folder / "chroma.sqlite3").exists() or not briefing.collections(runtime=page.rt)[1:]:
        for n, name in enumerate(["", *names]):
            for k in range(30):
                page.ingest_text(TEXT * 5 + f" Item {n} {k}. " + "grain " * k, collection=name)
        page = Handlers(briefing.Runtime(settings, embedder=WordEmbeddings()))  # start reading from nothing
    how = "never closed (as before)" if args.never_close else "closed once 8 runtimes were let go"
    start = f"start: {store_files(folder)} files, {rss_mb()} MB"
    print(f"Chroma's instance {how}; store {folder}: {args.collections} collections; {start}")
    for lap in (1, 2):
        for n, name in enumerate(names, 1):
            briefing.ask(QUESTION, runtime=page.on(name))
            if n % 8 == 0 or n == len(names):
                held = f"{store_files(folder):4d} store files open, {rss_mb():5d} MB"
                print(f"round {lap}, {n:3d} collections asked: {held}")


if __name__ == "__main__":
    main()
