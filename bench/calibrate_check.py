"""Calibrate the citation check's similarity threshold on labelled sentences about the seed.

Prints, for each labelled sentence, the best cosine to a seed sentence and the check's full verdict
(facts and meaning); then the threshold that separates supported from unsupported best, and how the
configured threshold does. Run: .venv/bin/python bench/calibrate_check.py
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from briefing.articles import make_article
from briefing.check import check_generated, support_scores
from briefing.components import MiniLMEmbeddings
from briefing.config import Settings
from briefing.ingest import passages_of
from briefing.scoring import candidates
from briefing.types import Passage

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "check_calibration.json"
SEED = ROOT / "seeds" / "000_8d5bc0601753441a.txt"


def seed_passages(settings: Settings) -> list[Passage]:
    article = make_article(SEED.read_text(encoding="utf-8"), key=str(SEED), default_source=SEED.name)
    return passages_of(article, settings.chunk_size, settings.chunk_overlap)


def main() -> None:
    settings = Settings()
    embedder = MiniLMEmbeddings()
    passages = seed_passages(settings)
    data = json.loads(DATA.read_text(encoding="utf-8"))
    labelled = [(s, True) for s in data["supported"]] + [(s, False) for s in data["unsupported"]]
    cands = candidates(passages, embedder)
    article = " ".join(p.text for p in passages)
    support = support_scores([s for s, _ in labelled], cands, [article] * len(cands), embedder)
    best = support.max(axis=1)
    threshold = settings.check_threshold
    right = 0
    for (sentence, supported), sim in zip(labelled, best, strict=True):
        _, _, report = check_generated(f"{sentence} [1]", [passages], embedder, threshold)
        verdict = report.verdicts[0]
        ok = (verdict.status == "supported") == supported
        right += ok
        tag = "supported  " if supported else "unsupported"
        print(
            f"{tag} support {sim:.3f} -> {verdict.status:9s} {'ok ' if ok else 'BAD'} {sentence[:60]}  {verdict.reason}"
        )
    pos = sorted(float(s) for s, (_, label) in zip(best, labelled, strict=True) if label)
    neg = sorted(float(s) for s, (_, label) in zip(best, labelled, strict=True) if not label)
    grid = np.round(np.arange(0.30, 0.95, 0.01), 2)
    accuracy = [(sum(p >= t for p in pos) + sum(n < t for n in neg)) / len(labelled) for t in grid]
    chosen = float(grid[int(np.argmax(accuracy))])
    print(f"\nsupport score alone: supported {pos[0]:.3f}..{pos[-1]:.3f}, unsupported {neg[0]:.3f}..{neg[-1]:.3f}")
    print(f"best threshold on the score alone: {chosen:.2f} ({max(accuracy):.0%} of {len(labelled)} right)")
    print(f"full check at BRIEFING_CHECK_THRESHOLD={threshold:.2f}: {right}/{len(labelled)} right")


if __name__ == "__main__":
    main()
