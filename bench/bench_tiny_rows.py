"""Benchmark many tiny articles: one CSV of N one-line rows ingested at once, beside the embedding model's
own rate on the same texts, measured in the same run.

More rows than Chroma takes in one call (5,461 for the folder store) once failed the whole ingest; here
every row must land. Printed (never asserted):

  a. the model alone: the texts ingest embeds (each row's sentence and its title), encoded in batches as
     ingest encodes them, on a sample of rows; texts a second;
  b. `briefing.ingest` of the whole file into a fresh temporary store, progress bar on: wall time, rows a
     second, the share of it spent embedding, and the time the model alone would take for the same texts;
  c. peak memory (resident set) before and after the ingest.

    python bench/bench_tiny_rows.py                 # 100,000 rows, the default model (MiniLM)
    python bench/bench_tiny_rows.py --rows 20000
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import tempfile
import time
from pathlib import Path

from bench_ingest import TimedEmbeddings, rate, table
from results import record

OFFLINE = {"HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False", "TOKENIZERS_PARALLELISM": "false"}
PLACES = ["Odesa", "Riga", "Gdansk", "Tallinn", "Constanta", "Varna", "Klaipeda", "Rostock", "Kiel", "Turku"]
THINGS = ["grain", "steel", "timber", "coal", "fertiliser", "containers", "fuel", "cars", "salt", "wool"]


def row_text(n: int) -> str:
    """One line of its own: a short note that differs from the others in its words and figures."""
    place, thing = PLACES[n % len(PLACES)], THINGS[n // len(PLACES) % len(THINGS)]
    return f"Quay {n % 97} at {place} loaded {n % 1000 + 10} tonnes of {thing} on shift {n}, the port office said."


def write_rows(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "date", "source", "text"])
        for n in range(rows):
            writer.writerow(
                [f"note-{n}", f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}", PLACES[n % 10] + " Port", row_text(n)]
            )


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000, help="rows of the CSV (default: 100,000)")
    parser.add_argument("--sample", type=int, default=5000, help="rows the model alone encodes (default: 5,000)")
    parser.add_argument("--embedder", default="minilm", help="embedding model (default: minilm; `fake` for the rest)")
    args = parser.parse_args(argv)
    for key, value in OFFLINE.items():
        os.environ.setdefault(key, value)

    import briefing
    from briefing.models import registry
    from briefing.pipeline.writer import Todo, encode_batch
    from briefing.sources.articles import read_files
    from briefing.sources.chunks import chunk_article
    from briefing.text.clean import sentences

    with tempfile.TemporaryDirectory(prefix="briefing-tiny-") as tmp:
        folder = Path(tmp)
        data = folder / "tiny.csv"
        write_rows(data, args.rows)
        settings = briefing.Settings(store_dir=folder / "store", embedder=args.embedder)
        model = TimedEmbeddings(registry.make_embedder(settings))

        # a. the model alone, on the texts ingest embeds for a sample of rows (sentences and titles)
        sample = folder / "sample.csv"
        write_rows(sample, min(args.sample, args.rows))
        articles = read_files([sample], 10**9)[0]
        todo = [
            Todo(a, chunk_article(a, settings.chunk_size, settings.chunk_overlap), sentences(a.text), [])
            for a in articles
        ]
        model.seconds, model.texts = 0.0, 0
        encode_batch(model, todo)
        model_rate = rate(model.texts, model.seconds)
        per_row = model.texts / max(1, len(todo))

        # b. ingest of every row
        model.seconds, model.texts = 0.0, 0
        rt = briefing.Runtime(settings, embedder=model)
        before = peak_mb()
        start = time.perf_counter()
        report = briefing.ingest([data], runtime=rt, progress=True)
        seconds = time.perf_counter() - start
        after = peak_mb()
        landed = rt.store.count()[0]

    model_alone = model.texts / model_rate if model_rate else float("nan")
    print(
        table(
            f"{args.rows:,} one-line rows, {settings.embedder} ({settings.minilm_runtime})",
            [
                ("model alone", f"{model_rate:,.0f} texts/s ({per_row:.1f} texts a row, {len(todo):,} rows)"),
                ("ingest", f"{seconds:,.1f} s, {rate(args.rows, seconds):,.0f} rows/s; {report.summary()}"),
                ("  stored", f"{landed:,} of {args.rows:,} rows"),
                ("  embedding", f"{model.seconds:,.1f} s of it ({model.texts:,} texts)"),
                ("  model alone would take", f"{model_alone:,.1f} s (ingest is {seconds / model_alone:.2f}x that)"),
                ("peak memory", f"{before:,.0f} MB before, {after:,.0f} MB after"),
            ],
        )
    )
    record("tiny_rows", f"ingest {args.rows:,} one-line rows", seconds, "s", f"model alone {model_alone:,.1f} s")
    record("tiny_rows", "peak memory after", after, "MB", f"{before:,.0f} MB before")
    return 0 if landed == args.rows else 1


if __name__ == "__main__":
    raise SystemExit(main())
