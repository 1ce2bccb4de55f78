"""Findings, independent reports and disputes, from sentences whose vectors are set by hand."""

from __future__ import annotations

import numpy as np
import pytest

from briefing.analysis.evidence import count_reports, findings, rank
from briefing.analysis.reports import same_report
from briefing.analysis.scoring import Candidate
from briefing.types import Passage

DIM = 8


def vector(*weights: float) -> np.ndarray:
    v = np.zeros(DIM, dtype=np.float32)
    v[: len(weights)] = weights
    return v / np.linalg.norm(v)


def cand(text: str, v: np.ndarray, article: str, source: str, date: str = "2024-06-05", origin: str = "") -> Candidate:
    passage = Passage(f"{article}:s0", text, article, f"Title {article}", source, date, "", 0, 0, len(text))
    return Candidate(passage, 0, len(text), v, 0, origin=origin or article)


TALKS = vector(1, 0.1)  # "talks resume next week"
TALKS_TOO = vector(1, 0.3)  # the same, worded differently (cosine about 0.98)
SHIPS = vector(0, 1, 0.2)  # ships waiting offshore
SHIPS_TOO = vector(0, 1, 0.35)
OTHER = vector(0, 0, 0, 1)


def test_the_same_thing_from_several_outlets_is_one_finding_with_its_sources_counted() -> None:
    cands = [
        cand("Talks will resume at the ministry next week, officials said.", TALKS, "a", "Wire"),
        cand("Talks between the two sides resume next week at the ministry.", TALKS_TOO, "b", "Post"),
        cand("Talks resume at the ministry next week, officials said on Friday.", TALKS, "c", "Times"),
        cand("The football club won the county cup.", OTHER, "d", "Times"),
    ]
    found, disputes = findings(cands, np.array([0.9, 0.8, 0.7, 0.2]))
    assert [len(f.sentences) for f in found] == [3, 1] and disputes == []
    talks = found[0]
    assert talks.reports == 3 and talks.outlets == ["Wire", "Post", "Times"]
    assert [c.passage.article_id for c in talks.independent(3)] == ["a", "b", "c"]
    assert [c.passage.article_id for c in talks.independent()] == ["a", "b"]  # a claim cites two by default


def test_reprints_wire_text_and_one_outlets_articles_count_once() -> None:
    text = "Dock workers at Port Selwyn walked out on Tuesday night over a pay offer, halting container traffic."
    wire = cand(text, TALKS, "w", "Wire")
    reprint = cand(text, TALKS, "r", "Post", origin="w")
    copied = cand(text.replace("a pay offer", "the pay offer"), TALKS, "x", "Courier")  # the wire's words
    own = cand("The dockers stopped work late on Tuesday in a row over pay.", TALKS_TOO, "o", "Wire")  # same outlet
    assert same_report(wire, reprint) and same_report(wire, copied) and same_report(wire, own)
    assert count_reports([wire, reprint, copied, own]) == 1
    independent = cand("Dockers at the port went on strike on Tuesday over a pay offer.", TALKS_TOO, "i", "Times")
    assert not same_report(own, independent)  # a short sentence in other words: another report
    assert count_reports([wire, reprint, copied, own, independent]) == 2


def test_different_figures_for_one_quantity_are_a_dispute_not_one_finding() -> None:
    cands = [
        cand("The port authority said 41 ships were waiting offshore on Wednesday.", SHIPS, "a", "Post", "2024-06-06"),
        cand(
            "The union said more than 60 ships were waiting offshore on Wednesday.",
            SHIPS_TOO,
            "b",
            "Times",
            "2024-06-06",
        ),
    ]
    found, disputes = findings(cands, np.array([0.9, 0.8]))
    assert len(found) == 2 and len(disputes) == 1
    dispute = disputes[0]
    assert dispute.quantity == "ships" and not dispute.revision
    assert {s.lead.passage.article_id for s in dispute.sides} == {"a", "b"}


def test_a_later_figure_from_the_same_source_is_a_revision_and_supersedes_its_disputes() -> None:
    cands = [
        cand("The port authority said 29 ships were waiting offshore.", SHIPS, "m", "Post", "2024-06-05"),
        cand("The port authority said 41 ships were waiting offshore.", SHIPS, "e", "Post", "2024-06-06"),
        cand("The union said more than 60 ships were waiting offshore.", SHIPS_TOO, "u", "Times", "2024-06-06"),
    ]
    _, disputes = findings(cands, np.array([0.9, 0.8, 0.7]))
    kinds = sorted((d.revision, tuple(s.lead.passage.article_id for s in d.sides)) for d in disputes)
    assert kinds == [(False, ("e", "u")), (True, ("m", "e"))]  # 29 vs 60 is no dispute: 29 was revised


@pytest.mark.parametrize(
    ("one", "other", "together"),
    [
        ("Officials said 40 ships were waiting on Monday.", "Officials said 40 ships were still waiting.", True),
        ("Officials said 40 ships were waiting on Monday.", "Officials said 45 ships were waiting on Monday.", False),
        ("The talks resume on 9 June, the ministry said.", "The talks resume on 11 June, the ministry said.", False),
    ],
)
def test_close_sentences_join_only_when_their_figures_and_dates_agree(one: str, other: str, together: bool) -> None:
    found, _ = findings([cand(one, SHIPS, "a", "Wire"), cand(other, SHIPS, "b", "Post")], np.array([0.9, 0.8]))
    assert (len(found) == 1) is together


def test_sharing_a_figure_lets_less_alike_sentences_join() -> None:
    a = cand("The employers raised their offer to 4.5 percent on Friday.", vector(1, 1), "a", "Post", "2024-06-07")
    b = cand("The offer is now 4.5 percent, the ministry said.", vector(1, -0.1), "b", "Times", "2024-06-07")  # 0.63
    c = cand("The offer is now better, the ministry said.", vector(1, -0.15), "c", "Daily", "2024-06-07")  # 0.59
    found, _ = findings([a, b, c], np.array([0.9, 0.8, 0.7]))
    assert [sorted(x.passage.article_id for x in f.sentences) for f in found] == [["a", "b"], ["c"]]


def test_rank_raises_corroborated_and_recent_findings() -> None:
    single = cand("A single outlet reported something on Monday.", vector(1), "a", "Wire", "2024-06-03")
    many = [
        cand(f"Outlet {s} reported the same thing.", vector(0, 1), f"m{n}", s, "2024-06-03")
        for n, s in enumerate("ABC")
    ]
    older = cand("An outlet reported something at the start.", vector(0, 0, 1), "o", "Post", "2024-06-01")
    newer = cand("An outlet reported something at the end.", vector(0, 0, 0, 1), "n", "Post2", "2024-06-07")
    found, _ = findings([single, *many, older, newer], np.array([0.5, 0.5, 0.5, 0.5, 0.5, 0.5]))
    ranked = [f.lead.passage.article_id for f in rank(found)]
    assert ranked.index("m0") < ranked.index("a")  # same relevance and day: three sources beat one
    assert ranked.index("n") < ranked.index("o")  # same relevance, one source each: the newer first


def test_a_sentence_with_a_heading_run_into_it_is_evidence_but_not_quoted() -> None:
    # aljazeera.com, 2017-03-02: the heading "Malaysia to cancel visa-free entry for North Koreans" was run into
    # the sentence after it; the store reads it as not to be quoted (`headings.broken_start`)
    from briefing.analysis.evidence import gather
    from briefing.analysis.layout import BriefSpec, layout
    from briefing.types import Filters

    glued = cand(
        "Malaysia to cancel visa-free entry for North Koreans Relations between Malaysia and North Korea have "
        "soured since the killing.",
        TALKS,
        "a",
        "Wire",
    )
    glued.quotable = False
    plain = cand(
        "Malaysia will cancel visa-free entry for North Koreans, the state news agency said.", TALKS_TOO, "b", "Post"
    )
    alone = cand("The football club won the county cup after the killing.", OTHER, "c", "Times")
    alone.quotable = False
    found, _ = findings([glued, plain, alone], np.array([0.9, 0.8, 0.7]))
    assert found[0].sentences[0] is glued and found[0].lead is plain and found[0].reports == 2
    picks = layout(gather([glued, plain, alone], np.array([0.9, 0.8, 0.7]), 3), BriefSpec("visa", 600, Filters()))
    shown = [p.cand for part in picks.values() for p in part]
    assert glued not in shown and alone not in shown and plain in shown
