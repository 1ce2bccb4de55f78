"""Parties: who a sentence attributes a statement to, and the story's parties by salience across reports."""

from __future__ import annotations

import pytest

from briefing.analysis.evidence import Finding
from briefing.analysis.parties import actors, lower_share, parties
from briefing.analysis.shown import Shown
from briefing.text.actors import attributed
from tests.unit.test_evidence import TALKS, cand


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("Prime Minister Mark Rutte declared victory.", ["Mark Rutte"]),
        ("Latest developments Theresa May says she will accept Brexit consequences.", ["Theresa May"]),
        ("Turkey on Sunday denied the claim.", ["Turkey"]),
        ("In Brussels, EU leaders said they would wait.", ["EU leaders"]),
        ("The Iraqi military said it had retaken the airport.", ["Iraqi military"]),
        ("Omar Kouch, a Syrian analyst, said the talks were different.", ["Omar Kouch"]),
        ('"It is over," said Geert Wilders.', ["Geert Wilders."]),
        ("The strike was illegal, according to Amnesty International.", ["Amnesty International."]),
        ("Mr Davis also said the UK would abide by its obligations.", ["Mr Davis"]),  # not "the UK"
        ("The port reopened on Tuesday after the storm.", []),
    ],
)
def test_attributed(sentence: str, names: list[str]) -> None:
    assert attributed(sentence) == names


def test_lower_share_leaves_sentence_starts_out() -> None:
    share = lower_share(["Special forces moved in. The special envoy arrived.", "Having left, she spoke to Rutte."])
    assert share["special"] == 1.0 and "having" not in share and share["rutte"] == 0.0


def finding(*cands_: object) -> Finding:
    sentences = list(cands_)
    return Finding(sentences, 0.9)  # type: ignore[arg-type]


def test_parties_need_two_independent_reports_and_are_named_in_full() -> None:
    said = [
        cand("Union leader Ana Brel said the offer was an insult.", TALKS, "a", "Wire"),
        cand("Ms Brel said the strike would go on.", TALKS, "b", "Post"),
        cand("Brel said talks would resume on Monday.", TALKS, "c", "Post"),  # the same outlet as b
        cand("Jan Kros said the port was safe.", TALKS, "d", "Times"),  # a single report
        cand("Special measures said to cost millions were announced.", TALKS, "e", "Sun"),
        cand("The port's special rules apply, said a spokesman.", TALKS, "f", "Sun"),
    ]
    found = [finding(c) for c in said]
    assert [(name, len(s)) for name, s in parties(found)] == [("Ana Brel", 3)]
    (shown, label, sentence), *rest = actors(found, set())
    assert rest == [] and label == "Ana Brel" and sentence is said[0] and shown is found[0]
    assert actors(found, {id(found[0])})[0][0] is found[1]  # one not shown elsewhere, when there is one
    # never a sentence another part of the page shows (the timeline, a development): another of the party's
    # own, or no line for the party
    assert actors(found, set(), Shown(said[:2]))[0][2] is said[2]
    assert actors(found, set(), Shown(said[:3])) == []


def test_a_brief_on_one_article_shows_its_parties() -> None:
    said = [cand("Union leader Ana Brel said the offer was an insult.", TALKS, "a", "Wire")]
    assert [name for name, _ in parties([finding(*said)])] == ["Ana Brel"]


def test_a_partys_line_cites_and_counts_only_reports_that_say_the_party_said_it() -> None:
    from briefing.analysis.quoting import pick, reshown

    official = cand("Union leader Ana Brel criticised the court ruling on the strike on Friday.", TALKS, "a", "Wire")
    other = cand("Port director Jan Kros criticised the court ruling on the port strike on Friday.", TALKS, "b", "Post")
    again = cand("On Friday Ana Brel called the ruling on the strike at the port a disgrace.", TALKS, "c", "Times")
    found = finding(official, other, again)
    p = pick(found, "Ana Brel")
    assert p.finding is not None and len(p.finding.backing(official)) == 3  # all three state it, by meaning
    reshown(p, official, "Ana Brel")
    assert [c.text for c in p.also] == [again.text] and p.reports == 2 and "Post" not in p.outlets
    # a sentence naming the party, but what someone else said (held-out shape: "At an extraordinary White House
    # news conference on Thursday, Trump said …" cited for a White House official's criticism)
    beside = cand(
        "At a news conference with Ana Brel on Friday, Jan Kros said the ruling on the strike was wrong.",
        TALKS,
        "d",
        "Sun",
    )
    found = finding(official, beside)
    p = pick(found, "Ana Brel")
    assert p.finding is not None and len(p.finding.backing(official)) == 2
    reshown(p, official, "Ana Brel")
    assert p.also == [] and p.reports == 1


def test_two_parties_speaking_in_one_finding_each_get_their_own_line(monkeypatch) -> None:
    """A finding may hold what two parties said (held-out: "Donald Trump" was shown "A White House official
    criticised …", the other party's sentence of the same finding)."""
    import numpy as np

    from briefing.analysis import layout as layout_module
    from briefing.analysis.evidence import gather
    from briefing.analysis.layout import BriefSpec, layout
    from briefing.results import Part
    from briefing.types import Filters

    brel = cand("Union leader Ana Brel said the court ruling on the strike was a disgrace.", TALKS, "a", "Wire")
    kros = cand("Port director Jan Kros said the court ruling on the strike was welcome.", TALKS, "b", "Post")
    evidence = gather([brel, kros], np.array([0.9, 0.8]), 2)
    [shared] = [f for f in evidence.findings if len(f.sentences) == 2]
    monkeypatch.setattr(layout_module, "actors", lambda *_: [(shared, "Ana Brel", brel), (shared, "Jan Kros", kros)])
    picks = layout(evidence, BriefSpec("port strike ruling", 600, Filters()))
    lines = {p.label: p.cand.text for p in picks[Part.ACTORS]}
    assert lines and all(text == {"Ana Brel": brel.text, "Jan Kros": kros.text}[who] for who, text in lines.items())
    assert lines.get("Jan Kros") == kros.text  # the second party's line is its own sentence
