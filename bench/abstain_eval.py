"""Calibrate the extractive engine's abstention threshold on the seed, and report it on held-out questions.

Prints each question's best sentence relevance, the band between the lowest answerable and the highest
unanswerable score on the `calibration` split (BRIEFING_MIN_RELEVANCE should sit inside it), and how the
configured threshold decides the `held_out` split (first) and the calibration split.
Data: tests/data/abstain_questions.json. Run: .venv/bin/python bench/abstain_eval.py
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

import numpy as np

import briefing
from briefing.analysis.scoring import candidates, relevance
from briefing.config import Settings
from briefing.store.search import search

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "abstain_questions.json"


def best_score(rt: briefing.Runtime, question: str) -> tuple[float, str]:
    vector = np.asarray(rt.embedder.embed_query(question))
    passages = search(rt.store, question, vector, rt.settings.top_k).passages
    cands = candidates(passages, rt.embedder)
    scores = relevance(question, vector, cands)
    i = int(scores.argmax())
    return float(scores[i]), cands[i].text


def report(name: str, rows: list[tuple[str, bool, float, str]], threshold: float) -> None:
    print(f"\n{name}:")
    for question, answerable, score, text in rows:
        tag = "answerable  " if answerable else "unanswerable"
        verdict = "ok " if (score >= threshold) == answerable else "BAD"
        print(f"  {tag} {score:.3f} {verdict} {question[:55]:55s} | {text[:60]}")
    right = sum((s >= threshold) == a for _, a, s, _ in rows)
    abstained = [a for _, a, s, _ in rows if s < threshold]
    unanswerable = sum(not a for _, a, _, _ in rows)
    print(f"  threshold {threshold:.2f}: {right}/{len(rows)} decided right; abstained on {len(abstained)}: ", end="")
    print(f"{sum(not a for a in abstained)} of the {unanswerable} unanswerable and {sum(abstained)} answerable")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "seeds")], help="articles to ingest (default seeds/)")
    args = parser.parse_args()
    data = json.loads(DATA.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        rt = briefing.Runtime(Settings(store_dir=Path(tmp), progress=False))
        briefing.ingest(args.paths, runtime=rt)
        splits = {
            name: [(q, True, *best_score(rt, q)) for q in split["answerable"]]
            + [(q, False, *best_score(rt, q)) for q in split["unanswerable"]]
            for name, split in data.items()
            if name != "about"
        }
    threshold = rt.settings.min_relevance
    report("held-out", splits["held_out"], threshold)
    report("calibration (tuned on: not a result)", splits["calibration"], threshold)
    rows = splits["calibration"]
    low = min(s for _, a, s, _ in rows if a)
    high = max(s for _, a, s, _ in rows if not a)
    print(f"\ncalibration band: lowest answerable {low:.3f}; highest unanswerable {high:.3f}; ", end="")
    print("OK" if low > high else "OVERLAP")


if __name__ == "__main__":
    main()
