"""The digest's line for a story: which of its claims is shown, and shown how."""

from __future__ import annotations

import numpy as np

from briefing.analysis.digest import best_claim, line
from briefing.analysis.evidence import Finding
from briefing.analysis.scoring import Candidate
from briefing.analysis.stories import Story
from briefing.types import Passage

# sentences of the North Korea rocket-engine story in bench/data/news.csv (articles of 18-19 March 2017)
ASIDE = (
    "The test has been reported by KCNA as Rex Tillerson, US secretary of state, is in China on a tour of Asia "
    "that has been closely focused on concerns over how to deal with North Korea's nuclear and missile programmes."
)
GIST = 'North Korea\'s latest rocket-engine test showed "meaningful" progress, South Korea said.'
# and of the travel-ban story (15 March 2017)
HAWAII = (
    "A judge in Hawaii has put US President Donald Trump's revamped travel ban on hold, preventing the executive "
    "order from going into effect."
)
ONE = "North Korea has conducted a ground test of a new high-thrust rocket engine, state media say."


def finding(text: str, reports: int, score: float, chunk: int) -> Finding:
    cands = []
    for k in range(reports):
        p = Passage(f"a{k}:{chunk}", text, f"a{k}", "Rocket engine test", f"Outlet{k}", "2017-03-19", "", chunk, 0, 9)
        cands.append(Candidate(p, 0, len(text), np.ones(4, dtype=np.float32) / 2, chunk * 1000))
    return Finding(cands, score, reports, [f"Outlet{k}" for k in range(reports)], score=score)


def test_the_line_is_a_corroborated_opening_not_the_aside_a_third_outlet_repeats() -> None:
    aside, gist, single = finding(ASIDE, 3, 0.81, 4), finding(GIST, 2, 0.83, 0), finding(ONE, 1, 0.9, 0)
    assert best_claim([aside, gist, single]) is gist
    assert best_claim([aside, single]) is aside  # corroborated before single-source


def test_a_line_is_its_claims_main_clause_with_the_story_its_counts_and_its_dates() -> None:
    story = Story(["a0", "a1"], "Hawaii judge halts travel ban", 6, "2017-03-30", "2017-02-07", ["t"])
    shown = line(finding(HAWAII, 2, 0.8, 0), story)
    assert shown.label is not None and "6 outlets, 2 articles, 2017-02-07 to 2017-03-30" in shown.label
    assert shown.text == "A judge in Hawaii has put US President Donald Trump's revamped travel ban on hold"
    assert shown.reports == 2


def test_a_line_keeps_its_whole_sentence_when_fewer_reports_state_the_clause() -> None:
    story = Story(["a0", "a1"], "Hawaii judge halts travel ban", 6, "2017-03-30", "2017-02-07", ["t"])
    found = finding(HAWAII, 2, 0.8, 0)
    found.sentences[1].vector = np.asarray([0.5, -0.5, 0.5, -0.5], dtype=np.float32)  # unlike the clause alone
    shown = line(found, story)
    assert shown.text == HAWAII and shown.reports == 2


def test_a_story_line_is_what_happened_before_what_someone_said_of_it() -> None:
    # the health-care story's line was Pelosi's reaction (5 outlets, March 2017); Reuters' and the BBC's
    # openings said what happened
    reaction = finding(
        '"What happened on the floor is a victory for the American people," Nancy Pelosi, leader of the minority '
        "Democrats in the House, said.",
        2,
        0.9,
        0,
    )
    happened = finding("Republicans pulled their health care bill from a vote in the House on Friday.", 2, 0.8, 3)
    assert best_claim([reaction, happened]) is happened
    assert best_claim([reaction, finding(ONE, 1, 0.9, 0)]) is reaction  # corroborated still comes first
