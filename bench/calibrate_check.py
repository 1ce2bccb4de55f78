"""Calibrate the citation check's support threshold on labelled sentences about the seed, and report it on a
held-out set that tuning never sees.

For each labelled sentence: the best support score against a seed sentence, and the check's full verdict
(facts and meaning). The threshold that separates supported from unsupported best is chosen on the
`calibration` split only; the configured threshold is then reported on `held_out` (first) and on
`calibration`. Data: tests/data/check_calibration.json. Run: .venv/bin/python bench/calibrate_check.py
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from briefing.analysis.check import check_generated, support_scores
from briefing.analysis.scoring import candidates
from briefing.config import Settings
from briefing.models.minilm import TorchMiniLM as MiniLMEmbeddings
from briefing.sources.articles import make_article
from briefing.sources.chunks import passages_of
from briefing.types import Passage

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "check_calibration.json"
SEED = ROOT / "seeds" / "000_8d5bc0601753441a.txt"


def seed_passages(settings: Settings) -> list[Passage]:
    article = make_article(SEED.read_text(encoding="utf-8"), key=str(SEED), default_source=SEED.name)
    return passages_of(article, settings.chunk_size, settings.chunk_overlap)


def labelled(split: dict[str, list[str]]) -> list[tuple[str, bool]]:
    return [(s, True) for s in split["supported"]] + [(s, False) for s in split["unsupported"]]


def evaluate(name: str, rows: list[tuple[str, bool]], passages: list[Passage], embedder, threshold: float) -> int:
    """Print each sentence's verdict at `threshold`; returns how many the full check decided right."""
    right = 0
    print(f"\n{name}: {len(rows)} sentences")
    for sentence, supported in rows:
        _, _, report = check_generated(f"{sentence} [1]", [passages], embedder, threshold)
        verdict = report.verdicts[0]
        ok = (verdict.status == "supported") == supported
        right += ok
        tag = "supported  " if supported else "unsupported"
        print(f"  {tag} -> {verdict.status:9s} {'ok ' if ok else 'BAD'} {sentence[:62]:62s} {verdict.reason[:50]}")
    return right


def main() -> None:
    settings = Settings()
    embedder = MiniLMEmbeddings()
    passages = seed_passages(settings)
    data = json.loads(DATA.read_text(encoding="utf-8"))
    calibration, held_out = labelled(data["calibration"]), labelled(data["held_out"])

    # Tuning: the support score alone, on the calibration split only.
    cands = candidates(passages, embedder)
    article = " ".join(p.text for p in passages)
    support = support_scores([s for s, _ in calibration], cands, [article] * len(cands), embedder).max(axis=1)
    pos = sorted(float(s) for s, (_, label) in zip(support, calibration, strict=True) if label)
    neg = sorted(float(s) for s, (_, label) in zip(support, calibration, strict=True) if not label)
    grid = np.round(np.arange(0.30, 0.95, 0.01), 2)
    accuracy = [(sum(p >= t for p in pos) + sum(n < t for n in neg)) / len(calibration) for t in grid]
    chosen = float(grid[int(np.argmax(accuracy))])

    threshold = settings.check_threshold
    held_right = evaluate("held-out", held_out, passages, embedder, threshold)
    cal_right = evaluate("calibration", calibration, passages, embedder, threshold)
    print(f"\ncalibration, support score alone: supported {pos[0]:.3f}..{pos[-1]:.3f}, ", end="")
    print(f"unsupported {neg[0]:.3f}..{neg[-1]:.3f}")
    print(f"best threshold on the calibration split (score alone): {chosen:.2f} ({max(accuracy):.0%} right)")
    print(f"full check at BRIEFING_CHECK_THRESHOLD={threshold:.2f}:")
    print(f"  held-out    {held_right}/{len(held_out)} right ({held_right / len(held_out):.0%})")
    share = cal_right / len(calibration)
    print(f"  calibration {cal_right}/{len(calibration)} right ({share:.0%}; tuned on, not a result)")


if __name__ == "__main__":
    main()
