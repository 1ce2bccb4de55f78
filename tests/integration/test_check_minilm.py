"""The citation check with the real MiniLM model, on labelled sentences about the seed."""

from __future__ import annotations

import json

import pytest

from briefing.analysis.check import check_generated
from briefing.config import Settings
from briefing.sources.articles import make_article
from briefing.sources.chunks import passages_of
from briefing.types import Passage
from tests.conftest import ROOT, SEED

DATA = json.loads((ROOT / "tests" / "data" / "check_calibration.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_sources() -> list[list[Passage]]:
    settings = Settings()
    article = make_article(SEED.read_text(encoding="utf-8"), key=str(SEED), default_source=SEED.name)
    return [passages_of(article, settings.chunk_size, settings.chunk_overlap)]


def verdict(sentence: str, sources, minilm) -> str:
    _, _, report = check_generated(sentence, sources, minilm, Settings().check_threshold)
    return report.verdicts[0].status


def decided_right(split: dict[str, list[str]], sources, minilm) -> tuple[int, int]:
    right = sum(verdict(f"{s} [1]", sources, minilm) == "supported" for s in split["supported"])
    right += sum(verdict(f"{s} [1]", sources, minilm) != "supported" for s in split["unsupported"])
    return right, len(split["supported"]) + len(split["unsupported"])


def test_default_threshold_holds_on_held_out_sentences(seed_sources, minilm) -> None:
    # Written after the threshold was chosen and never used to tune it; 16/20 when this test was written.
    right, total = decided_right(DATA["held_out"], seed_sources, minilm)
    assert right / total >= 0.8, f"{right}/{total}"


def test_default_threshold_still_separates_its_calibration_sentences(seed_sources, minilm) -> None:
    # A regression guard only: the threshold was chosen on these, so passing proves nothing about new text.
    right, total = decided_right(DATA["calibration"], seed_sources, minilm)
    assert right / total >= 0.9, f"{right}/{total}"


def test_about_100000_troops_against_90000_fails_and_is_repaired(seed_sources, minilm) -> None:
    claims, _, report = check_generated("About 100,000 troops are on the border [1].", seed_sources, minilm, 0.69)
    assert report.verdicts[0].status == "repaired" and "number 100000" in report.verdicts[0].reason
    assert "90,000" in claims[0].text and claims[0].citations == [1]
