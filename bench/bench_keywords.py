"""What keeping the keyword index in step costs as the store grows: an article added, against a rebuild.

On a store made by bench/bench_scale.py (`--keep DIR`: DIR/chunks-<size>), with the index in a temporary
folder (the store is only read):

  build     the whole BM25 index from the store's chunk texts (a new store's first catch-up)
  added     one article's 7 chunks added: kept beside the index as recent chunks (what an ingest pays now)
  search    a fresh process's first keyword search, recent chunks included (what `ask` pays)
  rebuild   the whole index built again from its saved tokens (what every ingest paid before; the limit)

    .venv/bin/python bench/bench_keywords.py /tmp/scale/chunks-100000 /tmp/scale/chunks-300000
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from results import record

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


def measure(store_dir: Path) -> tuple[int, float, float, float, float]:
    import briefing
    from briefing.store.keywords import KeywordIndex

    store = briefing.Runtime(briefing.Settings(store_dir=store_dir, progress=False)).store
    ids = store.chunk_ids()
    extra = {f"added-{n}": f"The harbour of Varnholt reopened on Monday, part {n} of the report." for n in range(7)}
    with tempfile.TemporaryDirectory(prefix="briefing-keywords-") as tmp:
        index = KeywordIndex(Path(tmp) / "index")
        start = time.perf_counter()
        index.catch_up("built", ids, store.chunk_texts)
        build_s = time.perf_counter() - start
        start = time.perf_counter()
        index.catch_up("added", [*ids, *extra], lambda wanted: [extra[i] for i in wanted])
        added_s = time.perf_counter() - start
        fresh = KeywordIndex(index.folder)
        start = time.perf_counter()
        hits = fresh.search("harbour Varnholt reopened", 5)
        search_s = time.perf_counter() - start
        assert hits and hits[0][0].startswith("added-"), hits
        start = time.perf_counter()
        fresh._rebuild("rebuilt", [*ids, *extra], lambda wanted: [extra[i] for i in wanted])
        rebuild_s = time.perf_counter() - start
    return len(ids), build_s, added_s, search_s, rebuild_s


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    rows = [measure(Path(folder)) for folder in argv]
    print(f"{'chunks':>8} {'build':>8} {'added':>8} {'search':>8} {'rebuild (limit)':>16}")
    for chunks, build_s, added_s, search_s, rebuild_s in rows:
        print(f"{chunks:>8} {build_s:>7.1f}s {added_s:>7.2f}s {search_s:>7.2f}s {rebuild_s:>15.1f}s")
        name = f"{chunks} chunks: an article added to the keyword index"
        record("keywords", name, added_s, "s", f"rebuild {rebuild_s:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
