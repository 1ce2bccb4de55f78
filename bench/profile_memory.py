"""Where ingest's memory goes: one in-process ingest of the first N articles of the corpus into a fresh
store, with the process's resident set (VmRSS) and its peak (VmHWM) printed as each step ends. The peak is
reset at the start of each step (`/proc/self/clear_refs`), so each line's peak is that step's own.

    python bench/profile_memory.py --articles 1000
    python bench/profile_memory.py --articles 0 --copies 3 --embedder random   # the store's part, fast

`--embedder random` gives each text a random unit vector of MiniLM's size instead of running the model:
the store, the keyword index and the copy index see the same amounts, the model's own memory (about 150 MB)
and its time are left out.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings

BENCH = Path(__file__).resolve().parent
PEAKS: list[float] = []  # each step's peak; a step's own steps reset it, so the run's peak is their largest


def status() -> tuple[float, float]:
    """(VmRSS, VmHWM) of this process in MB."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def reset_peak() -> None:
    Path("/proc/self/clear_refs").write_text("5")  # VmHWM := VmRSS


class RandomEmbeddings(Embeddings):
    """Random unit vectors of MiniLM's size (384), for measuring everything but the model."""

    def __init__(self) -> None:
        self.random = np.random.default_rng(0)

    def encode(self, texts: list[str]) -> np.ndarray:
        vectors = self.random.standard_normal((len(texts), 384)).astype(np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.encode(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]


def step(name: str, call: Callable[..., Any]) -> Callable[..., Any]:
    """`call`, printing the resident set and the step's peak when it returns."""

    @functools.wraps(call)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        before = status()[0]
        reset_peak()
        start = time.perf_counter()
        out = call(*args, **kwargs)
        rss, peak = status()
        PEAKS.append(peak)
        print(
            f"{name:28s} {time.perf_counter() - start:7.1f} s  RSS {before:6.0f} -> {rss:6.0f} MB  "
            f"step peak {peak:6.0f} MB",
            flush=True,
        )
        return out

    return wrapped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=BENCH / "data" / "news.csv")
    parser.add_argument("--articles", type=int, default=1000, help="0: all")
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--embedder", choices=["minilm", "random"], default="minilm")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(BENCH))
    from bench_memory import corpus

    with tempfile.TemporaryDirectory(prefix="profile-memory-") as tmp:
        data = Path(tmp) / "news.csv"
        corpus(args.csv, args.articles, args.copies, data)
        os.environ.update(BRIEFING_STORE_DIR=str(Path(tmp) / "store"), BRIEFING_PROGRESS="0")
        import briefing.api.library
        import briefing.store.search
        from briefing.store.store import Store

        print(f"{'start':28s} {'':9s}  RSS {status()[0]:6.0f} MB")
        briefing.api.library.read_files = step("read files", briefing.api.library.read_files)
        Store.repair = step("repair", Store.repair)  # type: ignore[method-assign]
        Store.copy_candidates = step("copy candidates read", Store.copy_candidates)  # type: ignore[method-assign]
        briefing.api.library.store_articles = step("embed and write", briefing.api.library.store_articles)
        briefing.api.library.in_step = step("keyword index", briefing.api.library.in_step)
        from briefing.runtime import Runtime

        rt = Runtime(embedder=RandomEmbeddings() if args.embedder == "random" else None)
        step("open store and model", lambda: (rt.store, rt.embedder.embed_query("warm up")))()
        report = step("ingest (all)", briefing.api.library.ingest)(data, runtime=rt, progress=False)
        print(report.summary())
        print(f"peak RSS of the run {max(PEAKS):.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
