"""What deleting a Library selection costs: N ticked rows from a store of ~1,500 articles, deleted one write
per row (`briefing.forget` each, as the Library did) against one write for the selection
(`briefing.forget_many`, as it does now). Each way starts from a copy of the same store; the time counts the
writes and the keyword index brought up to date (the next question pays it when the delete did not).

Articles are synthetic (sentences of the seed article recombined, ~2,000 characters, each its own text) and
embedded by a hashing embedder of the default model's size (384), so the store takes seconds to build; a
delete does not embed anything, so the embedder does not change what is measured.

    .venv/bin/python bench/bench_delete.py                     # 1,500 articles, 40 ticked
    .venv/bin/python bench/bench_delete.py --articles 3000 --ticked 100
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings
from results import record

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_8d5bc0601753441a.txt"


class Hashed(Embeddings):
    """Each word hashed into one of `size` dimensions, normalised: cheap and deterministic."""

    def __init__(self, size: int = 384) -> None:
        self.size = size

    def _one(self, text: str) -> list[float]:
        vector = np.zeros(self.size, dtype=np.float32)
        for word in text.lower().split():
            vector[int(hashlib.md5(word.encode()).hexdigest()[:8], 16) % self.size] += 1.0
        norm = float(np.linalg.norm(vector)) or 1.0
        return (vector / norm).tolist()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._one(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._one(text)


def articles(n: int) -> list[str]:
    """`n` distinct articles of about 2,000 characters from the seed's sentences."""
    from briefing.text.sentences import split_sentences

    sentences = [s for s in split_sentences(SEED.read_text(encoding="utf-8")) if len(s.split()) > 5]
    rng = random.Random(7)
    made = []
    for k in range(n):
        body = " ".join(rng.sample(sentences, min(len(sentences), 12)))
        made.append(f"Report {k} from the town of Varn{k}. {body}"[:2000])
    return made


def runtime(store_dir: Path):  # type: ignore[no-untyped-def]
    import briefing

    settings = briefing.Settings(store_dir=store_dir, progress=False, embedder="minilm")
    return briefing.Runtime(settings, embedder=Hashed())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1500)
    parser.add_argument("--ticked", type=int, default=40)
    args = parser.parse_args(argv)
    import briefing

    with tempfile.TemporaryDirectory(prefix="briefing-delete-") as tmp:
        built = Path(tmp) / "built"
        start = time.perf_counter()
        rt = runtime(built)
        report = briefing.ingest(articles(args.articles), runtime=rt, progress=False)
        ids = [a.id for a in briefing.list_articles(runtime=rt)]
        print(
            f"store: {report.ingested} articles, {rt.store.chunk_count()} chunks ({time.perf_counter() - start:.1f} s)"
        )
        del rt
        ticked = random.Random(11).sample(ids, args.ticked)
        times = {}
        for way in ("one write per row", "one write"):
            store_dir = Path(tmp) / way.replace(" ", "-")
            shutil.copytree(built, store_dir)
            rt = runtime(store_dir)
            rt.store  # noqa: B018  (opened before the clock starts, as the page has it open)
            start = time.perf_counter()
            if way == "one write":
                removed = briefing.forget_many(ticked, runtime=rt)[0]
            else:
                removed = [briefing.forget(i, runtime=rt)[0] for i in ticked]
                from briefing.store.search import in_step

                in_step(rt.store, rt.keywords)
            times[way] = time.perf_counter() - start
            left = len(briefing.list_articles(runtime=rt))
            print(f"{way:18s} {len(removed)} deleted in {times[way]:6.2f} s; {left} left")
            record("delete", f"{args.ticked} of {args.articles} articles, {way}", times[way], "s")
        print(f"speed-up: {times['one write per row'] / times['one write']:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
