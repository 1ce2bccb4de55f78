"""Calibrate the extractive engine's abstention threshold on the seed: answerable vs unanswerable questions.

Prints each question's best sentence relevance and the band between the lowest answerable and the highest
unanswerable score; BRIEFING_MIN_RELEVANCE should sit inside it. Run: .venv/bin/python bench/abstain_eval.py
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import numpy as np

import briefing
from briefing.config import Settings
from briefing.retrieval import search
from briefing.scoring import candidates, relevance

ROOT = Path(__file__).resolve().parent.parent
ANSWERABLE = [
    "How many troops has Russia stationed on the border?",
    "Where is the 41st army stationed?",
    "What did Stoltenberg warn Russia about?",
    "Which country did the NATO chief visit?",
    "What did Lloyd Austin say about Putin?",
    "What weapons has Russia deployed?",
    "Why did the Kremlin blame the United States?",
    "Who cut off diplomatic ties with NATO?",
    "What test put the International Space Station at risk?",
    "Which division shows increased military activity?",
]
UNANSWERABLE = [
    "What is Russia's GDP?",
    "What is a good recipe for banana bread?",
    "Who won the 2018 World Cup?",
    "How many troops does China have in Tibet?",
    "What is the population of Latvia?",
    "When will the election in Ukraine take place?",
    "What did the European Union say about sanctions?",
    "How much does a Tesla cost?",
    "How many people died in the earthquake?",
    "What did the Pope say about Ukraine?",
]


def best_score(rt: briefing.Runtime, question: str) -> tuple[float, str]:
    vector = np.asarray(rt.embedder.embed_query(question))
    passages = search(rt.store, question, vector, rt.settings.top_k).passages
    cands = candidates(passages, rt.embedder)
    scores = relevance(question, vector, cands)
    i = int(scores.argmax())
    return float(scores[i]), cands[i].text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "seeds")], help="articles to ingest (default seeds/)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rt = briefing.Runtime(Settings(store_dir=Path(tmp), progress=False))
        briefing.ingest(args.paths, runtime=rt)
        rows = [(q, True, *best_score(rt, q)) for q in ANSWERABLE]
        rows += [(q, False, *best_score(rt, q)) for q in UNANSWERABLE]
    for question, answerable, score, text in rows:
        print(f"{'answerable  ' if answerable else 'unanswerable'} {score:.3f}  {question[:55]:55s} | {text[:60]}")
    low = min(s for _, a, s, _ in rows if a)
    high = max(s for _, a, s, _ in rows if not a)
    threshold = rt.settings.min_relevance
    right = sum((s >= threshold) == a for _, a, s, _ in rows)
    print(f"\nlowest answerable {low:.3f}; highest unanswerable {high:.3f}; band {'OK' if low > high else 'OVERLAP'}")
    print(f"threshold {threshold:.2f} (BRIEFING_MIN_RELEVANCE): {right}/{len(rows)} questions decided right")


if __name__ == "__main__":
    main()
