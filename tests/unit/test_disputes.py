"""Disputes from real sentence pairs (true and false disputes seen on the news corpus), with vectors set by
hand so the rules, not the model, decide."""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
import pytest

from briefing.analysis.disputes import (
    CLAIM,
    COUNT,
    FIGURE,
    allows,
    denier_of,
    disputes_among,
    figure_of,
    party_of,
    same_quantity,
)
from briefing.analysis.evidence import Finding
from briefing.analysis.quoting import disputed
from briefing.analysis.scoring import Candidate
from briefing.text.facts import key_figures
from briefing.types import Passage

DIM = 8


def vector(*weights: float) -> np.ndarray:
    v = np.zeros(DIM, dtype=np.float32)
    v[: len(weights)] = weights
    return v / np.linalg.norm(v)


SAME = vector(1)  # two sentences about one thing (cosine 1): the rules decide
CLOSE = vector(1, 0.9)  # cosine 0.74 with SAME
NEAR = vector(1, 1.3)  # cosine 0.61 with SAME


def finding(text: str, source: str, date: str, article: str = "", v: np.ndarray = SAME) -> Finding:
    article = article or f"{source}:{date}:{text[:12]}"
    passage = Passage(f"{article}:s0", text, article, f"Title {article}", source, date, "", 0, 0, len(text))
    return Finding([Candidate(passage, 0, len(text), v, 0, origin=article)], 0.5, 1, [source])


# (case, first sentence and its outlet and date, second, expected: None, "dispute" or "revision")
FIGURES = [
    (
        "trapped civilians: two bodies' estimates",
        (
            "The Iraqi Ministry of Immigration and Displacement said as many as 600,000 civilians remained trapped in "
            "neighbourhoods of west Mosul controlled by the armed group.",
            "aljazeera.com",
            "2017-03-15",
        ),
        (
            "The UN estimates that 400,000 Iraqi civilians are trapped in the Old City of Mosul as government forces "
            "battle to re-capture it.",
            "bbc.co.uk",
            "2017-03-24",
        ),
        "dispute",
    ),
    (
        "seats: a projection against the count",
        ("The Green-Left party also did well, winning 14 seats, an increase of 10.", "bbc.co.uk", "2017-03-16"),
        (
            "Green Left party appears to have made the biggest gains, winning a projected 16 seats.",
            "dw.com",
            "2017-03-15",
        ),
        "dispute",
    ),
    (
        "ships on one day, from the port and the union",
        ("The port authority said 41 ships were waiting offshore on Wednesday.", "Harbour Post", "2024-06-06"),
        (
            "The dockers' union said more than 60 ships were waiting offshore on Wednesday.",
            "Coastal Times",
            "2024-06-06",
        ),
        "dispute",
    ),
    (
        "the same source later: a revision",
        ("The port authority said 29 ships were waiting offshore.", "Harbour Post", "2024-06-05"),
        ("The port authority said 41 ships were waiting offshore.", "Harbour Post", "2024-06-06"),
        "revision",
    ),
    (
        "two statistics of one article are no revision",
        (
            "A further 6,813 people from the EU 8 countries, which include Poland, gained British citizenship, a rise "
            "of 18%, surpassed only by figures for 2013.",
            "bbc.co.uk",
            "2017-02-23",
        ),
        (
            "Citizenship was given to 16,754 people from EU countries, the second highest since records were first "
            "compiled, behind the 17,645 in 2013.",
            "bbc.co.uk",
            "2017-02-23",
        ),
        None,
    ),
    (
        "two people's ages",
        ("Jone Smits, 57, said she had waited at the border for hours.", "rte.ie", "2017-03-14"),
        ("Pieter de Vries, 33, said he had waited at the border for hours.", "dw.com", "2017-03-14"),
        None,
    ),
    (
        "a period total against one day's count",
        ("The coalition carried out about 40 strikes over the past week, officials said.", "dw.com", "2017-03-18"),
        ("The coalition carried out more than 20 strikes on Thursday, officials said.", "bbc.co.uk", "2017-03-18"),
        None,
    ),
    (
        "one week's toll against one strike's",
        (
            "The Syrian Observatory said coalition air strikes had killed 89 civilians in Raqqa province in the past "
            "week.",
            "aljazeera.com",
            "2017-03-27",
        ),
        (
            "The SNC said it believed coalition forces were behind an air strike that killed at least 30 civilians "
            "sheltering in a school in the countryside outside Raqqa on March 21.",
            "bbc.co.uk",
            "2017-03-27",
        ),
        None,
    ),
    (
        "people who returned against people still displaced",
        (
            "More than 46,000 people who fled Iraq's Mosul as fighting raged have returned to the eastern part of the "
            "city.",
            "aljazeera.com",
            "2017-02-16",
        ),
        (
            "While life is resuming in some eastern Mosul neighbourhoods, more than 140,000 people are still "
            "displaced and hundreds of thousands are trapped in the western part of the city.",
            "bbc.co.uk",
            "2017-02-17",
        ),
        None,
    ),
    (
        "two bombings in two places",
        (
            "A car packed with explosives has blown up in the south of Baghdad, killing at least 55 people and "
            "wounding dozens more.",
            "aljazeera.com",
            "2017-02-16",
        ),
        (
            "A car bomb in a village near al-Bab in Syria struck Syrian rebels fighting Islamic State of Iraq and the "
            "Levant (ISIL), killing at least 29 people and wounding dozens more, a war monitor said.",
            "bbc.co.uk",
            "2017-02-24",
        ),
        None,
    ),
]


@pytest.mark.parametrize(("case", "one", "other", "expected"), FIGURES, ids=[c[0] for c in FIGURES])
def test_figure_disputes(case: str, one: tuple, other: tuple, expected: str | None) -> None:
    found = disputes_among([finding(*one), finding(*other)])
    kinds = [("revision" if d.revision else "dispute") for d in found if d.kind == FIGURE]
    assert kinds == ([expected] if expected else []), case


def test_a_figure_records_what_it_counts_for_whom_and_when() -> None:
    figure = figure_of("The port authority said 41 ships were waiting offshore on Wednesday evening.", "2024-06-06")
    assert figure is not None
    assert (figure.head, figure.time, figure.source) == ("ships", "2024-06-05", "The port authority")
    assert {"wait", "offshor"} <= figure.words
    assert figure_of("18.00 Turnout hits the 55 percent mark, NOS reports.", "2017-03-15") is None  # a time stamp


AMNESTY = (
    "Amnesty International has said the rising civilian death toll suggested the U.S.-led coalition wasn't taking "
    "adequate precautions as it helps Iraqi forces try to retake the city, though the U.S. has denied any loosening "
    "of the rules of combat."
)
ERDOGAN = (
    "Recep Tayyip Erdogan blamed the Dutch for failing to prevent the killing of 8,000 Bosnian Muslims when Bosnian "
    "Serb forces overran the town in 1995."
)
RUTTE = "Mark Rutte rejected Erdogan's charge over Srebrenica as a disgusting falsification of history."
# (case, sentences with their vectors, the parties of each dispute found)
CLAIMS = [
    (
        "a claim and the named party's denial",
        [(ERDOGAN, SAME), (RUTTE, NEAR)],
        [("Recep Tayyip Erdogan", "Mark Rutte")],
    ),
    ("too far apart in meaning", [(ERDOGAN, SAME), (RUTTE, vector(1, 2))], []),
    (
        "a denial that names no one needs to be closer",
        [
            ("Residents said a coalition air strike killed the civilians in al-Jadida.", SAME),
            ("The Iraqi military denied that a coalition air strike killed the civilians.", NEAR),
        ],
        [],
    ),
    (
        "a denial that names no one, close in meaning",
        [
            ("Residents said a coalition air strike killed the civilians in al-Jadida.", SAME),
            ("The Iraqi military denied that a coalition air strike killed the civilians.", CLOSE),
        ],
        [("Residents", "Iraqi military")],
    ),
    (
        "two denials answer no claim",
        [
            ("The Taliban, which has staged similar raids in the past, denied responsibility for the attack.", SAME),
            ("Tahrir al-Sham denied involvement in Wednesday's attacks.", SAME),
        ],
        [],
    ),
    (
        "a denial in a condition is no denial",
        [
            ("Asked what would happen if Parliament rejected the Brexit deal, Mr Jones said the UK would leave.", SAME),
            ("Junior Brexit minister David Jones said the government would not go back to the table.", SAME),
        ],
        [],
    ),
    (
        "one party does not dispute itself",
        [
            ("Mrs May has said MPs and peers will have a vote on the deal she negotiates.", SAME),
            ("Mrs May rejected calls for a second vote on the deal she negotiates.", SAME),
        ],
        [],
    ),
    ("both sides in one sentence", [(AMNESTY, SAME)], [("Amnesty International", "U.S.")]),
    (
        # dw.com 2017-03-01 and aljazeera.com 2017-03-08 (Kabul attacks): one party, two attacks
        "the Taliban claiming one attack and denying another do not dispute each other",
        [
            ("A Taliban spokesperson claimed responsibility for both attacks.", SAME),
            (
                "The Taliban have claimed responsibility for the attacks that are seen as the beginning of a spring "
                "offensive.",
                SAME,
            ),
            ("The Taliban, which has staged similar raids in the past, denied responsibility for the attack.", SAME),
        ],
        [],
    ),
]


@pytest.mark.parametrize(("case", "sentences", "parties"), CLAIMS, ids=[c[0] for c in CLAIMS])
def test_claim_disputes(case: str, sentences: list, parties: list) -> None:
    found = [finding(text, f"outlet{i}", "2017-03-14", v=v) for i, (text, v) in enumerate(sentences)]
    assert [d.who for d in disputes_among(found) if d.kind == CLAIM] == parties, case


@pytest.mark.parametrize(
    ("text", "party", "denier"),
    [
        ("Tahrir al-Sham denied involvement in Wednesday's attacks.", "Tahrir al-Sham", "Tahrir al-Sham"),
        ("President Bashar al-Assad's government has fiercely denied responsibility.", None, None),
        ("The coalition said the dam had not been structurally damaged.", "coalition", ""),
        ("Mrs May had already accused the SNP of forcing a referendum.", "Mrs May", ""),
        ("It said on Monday that the talks would resume.", "", ""),
        ("Amnesty said so, though on Monday the US publically denied it.", "Amnesty", "US"),
    ],
)
def test_who_claims_and_who_denies(text: str, party: str | None, denier: str | None) -> None:
    if party is None:  # a possessive's government: who denies is the whole phrase
        assert party_of(text).endswith("al-Assad's government") and denier_of(text) == party_of(text)
        return
    assert (party_of(text), denier_of(text)) == (party, denier)


def test_a_sentence_that_says_its_figure_contradicts_another_count() -> None:
    text = "The monitor's count of 89 civilians killed contradicts the coalition's figures, which name 12 deaths."
    found = disputes_among([finding(text, "aljazeera.com", "2017-03-27")])
    assert [(d.kind, d.quantity) for d in found] == [(COUNT, "civilians")]


def test_a_claim_dispute_is_shown_with_who_says_what_in_each_source_own_words() -> None:
    sides = [finding(ERDOGAN, "bbc.co.uk", "2017-03-14"), finding(RUTTE, "cnn.com", "2017-03-14", v=NEAR)]
    sides[0].reports = 3
    (dispute,) = disputes_among(sides)
    pick = disputed(dispute)
    assert pick.label == "Recep Tayyip Erdogan vs Mark Rutte" and pick.status == "compared"
    assert pick.text.startswith("Recep Tayyip Erdogan says “") and "; Mark Rutte says “" in pick.text
    assert "(bbc.co.uk, 2017-03-14; 3 sources)" in pick.text and "(cnn.com, 2017-03-14; single source)" in pick.text
    assert re.findall(r"“(.+?)”", pick.text) == [ERDOGAN, RUTTE]  # each quote is its source's own words
    assert [c.text for c in [pick.cand, *pick.also]] == [ERDOGAN, RUTTE]


def member(finding_: Finding, text: str, source: str, date: str, v: np.ndarray = SAME) -> Finding:
    """The finding with one more sentence (not its lead), from another article."""
    article = f"{source}:{date}:{text[:12]}"
    passage = Passage(f"{article}:s0", text, article, f"Title {article}", source, date, "", 0, 0, len(text))
    finding_.sentences.append(Candidate(passage, 0, len(text), v, 1, origin=article))
    return finding_


def test_figures_are_compared_in_every_sentence_of_a_finding_not_only_its_lead() -> None:
    # dw.com 2017-03-15 (live blog) and cnn.com 2017-03-16 (Dutch election), each under a lead with no figure
    # (the leads are made up; the two sentences with figures are the corpus's)
    exit_poll = member(
        finding("Rutte's party was set for victory, exit polls suggested.", "bbc.co.uk", "2017-03-15", v=NEAR),
        "Exit polls show Prime Minister Mark Rutte's liberal VVD party leading the Dutch parliamentary elections, "
        "taking a projected 31 seats.",
        "dw.com",
        "2017-03-15",
    )
    counted = member(
        finding("Rutte claimed victory over Wilders on Thursday.", "rte.ie", "2017-03-16", v=vector(1, 0, 1.3)),
        "With 94% of the vote counted, Rutte's VVD party is projected to win 33 seats out of a total 150.",
        "cnn.com",
        "2017-03-16",
    )
    (dispute,) = disputes_among([exit_poll, counted])
    assert dispute.kind == FIGURE and not dispute.revision
    assert [c.passage.source for c in dispute.said] == ["dw.com", "cnn.com"]
    assert "“Exit polls show" in disputed(dispute).text and "31 seats" in disputed(dispute).text


NEAR_MISSES = [
    (
        # abcnews.go.com and aljazeera.com 2017-03-16: the 20 seats are Wilders' (named before the figure's part)
        "another party's figure named just before it",
        (
            "With most votes counted for the 150-seat legislature, Rutte's VVD had 33 seats, eight fewer than in 2012.",
            "abcnews.go.com",
        ),
        (
            "With more than 93 percent of votes counted, Rutte's liberal VVD party was set to win 33 seats, making it "
            "the largest in the new 150-seat parliament, with Wilders and his Freedom Party (PVV) beaten into second "
            "place with 20 seats, the Dutch national broadcaster NOS reported.",
            "aljazeera.com",
        ),
    ),
    (
        # cnn.com 2017-03-16 and bbc.co.uk 2017-03-16 (Dutch election): 81% is more than 80%
        "a figure within another's bound",
        ("Voter turnout was 81%, according to state broadcaster NOS, the highest in three decades.", "cnn.com"),
        (
            "Turnout was more than 80%, the highest for 30 years, which analysts say may have benefited pro-EU and "
            "liberal parties.",
            "bbc.co.uk",
        ),
    ),
    (
        # rte.ie 2017-03-16 and abcnews.go.com 2017-03-16: "150" of "33 of parliament's 150 seats" is the total
        "a total is not a count",
        ("With around 95% of votes counted, Mr Rutte's VVD Party won 33 of parliament's 150 seats.", "rte.ie"),
        (
            "With most votes counted for the 150-seat legislature, Rutte's VVD had 33 seats, eight fewer than in 2012.",
            "abcnews.go.com",
        ),
    ),
    (
        # cnn.com 2017-03-16 and aljazeera.com 2017-03-15: 20 seats are Wilders' PVV's, not Rutte's VVD's
        "another party's figure in the same sentence",
        (
            "Rutte's VVD party is projected to win 33 seats out of a total 150, ahead of Wilder's PVV party which "
            "won 20 seats.",
            "cnn.com",
        ),
        ("Early results show ruling liberal VVD party taking 33 seats.", "aljazeera.com"),
    ),
]


@pytest.mark.parametrize(("case", "one", "other"), NEAR_MISSES, ids=[c[0] for c in NEAR_MISSES])
def test_near_misses_are_no_dispute(case: str, one: tuple, other: tuple) -> None:
    found = [finding(one[0], one[1], "2017-03-16"), finding(other[0], other[1], "2017-03-16")]
    assert [d.quantity for d in disputes_among(found) if d.kind == FIGURE] == [], case


def test_a_figure_is_about_the_names_in_its_own_part_of_the_sentence() -> None:
    # cnn.com 2017-03-16: the 33 seats are Rutte's VVD's, the 20 seats Wilders' PVV's
    text = (
        "Rutte's VVD party is projected to win 33 seats out of a total 150, ahead of Wilder's PVV party which won 20 "
        "seats."
    )
    vvd, pvv = (figure_of(text, "2017-03-16", label, at) for label, at in key_figures(text))
    assert vvd is not None and pvv is not None
    assert (vvd.near, pvv.near) == ({"Rutte", "VVD"}, {"Wilder", "PVV"})
    # aljazeera.com 2017-03-15: "Early" opens the sentence, it names no one
    early = figure_of("Early results show ruling liberal VVD party taking 31 seats.", "2017-03-15")
    assert early is not None and early.names == {"VVD"}


@pytest.mark.parametrize(
    ("text", "denier"),
    [
        # rte.ie 2017-03-10 (Brexit bill): a vote against an amendment denies no one's claim
        ("MPs rejected a Lords amendment to guarantee the status of EU nationals resident in the UK.", ""),
        # bbc.co.uk 2017-03-29: a demand turned down is no claim denied
        ("German Chancellor Angela Merkel has rejected Mrs May's call for negotiations to run in parallel.", ""),
        # dw.com 2017-03-28 (Mosul): an apposition that runs up to the verb
        (
            "On Monday, US military spokesman John Thomas, a spokesman for US Central Command in Tampa denied "
            "allegations that the US-led coalition had relaxed its rules of engagement.",
            "John Thomas",
        ),
        # abcnews.go.com 2017-03-15 (Dutch election)
        ("Merkel, Germany's Chancellor, rejected Erdogan's claims and said he was guilty of trivializing.", "Merkel"),
    ],
)
def test_a_denial_denies_something_said_or_done(text: str, denier: str) -> None:
    assert denier_of(text) == denier


def test_one_article_may_report_both_sides_of_a_claim_dispute() -> None:
    # bbc.co.uk 2017-03-13 and abcnews.go.com 2017-03-15 (Dutch election), put in one article here: a report
    # that quotes both parties is still two parties disagreeing
    charge = 'In response, Turkish President Recep Tayyip Erdogan accused the Netherlands of being "Nazi remnants".'
    answer = (
        "Merkel, Germany's Chancellor, rejected Erdogan's claims and said that the Turkish president was guilty of "
        '"[trivializing] suffering."'
    )
    article = "bbc.co.uk:2017-03-15:row"
    found = [
        finding(charge, "bbc.co.uk", "2017-03-15", article=article),
        finding(answer, "bbc.co.uk", "2017-03-15", article=article, v=NEAR),
    ]
    claims = [d for d in disputes_among(found) if d.kind == CLAIM]
    assert [d.who for d in claims] == [("Turkish President Recep Tayyip Erdogan", "Merkel")]
    assert [c.text for c in claims[0].said] == [charge, answer]


def test_a_denial_that_is_not_its_finding_lead_still_answers_a_claim() -> None:
    # bbc.co.uk 2017-03-13 and abcnews.go.com 2017-03-15 (Dutch election); the lead over the denial is made up
    charge = 'In response, Turkish President Recep Tayyip Erdogan accused the Netherlands of being "Nazi remnants".'
    answer = "Merkel, Germany's Chancellor, rejected Erdogan's claims."
    found = [
        finding(charge, "bbc.co.uk", "2017-03-13"),
        member(
            finding("Germany backed the Dutch.", "dw.com", "2017-03-15", v=vector(0, 1)), answer, "abc", "2017-03-15"
        ),
    ]
    claims = [d for d in disputes_among(found) if d.kind == CLAIM]
    assert [[c.text for c in d.said] for d in claims] == [[charge, answer]]


@pytest.mark.parametrize(
    ("one", "other", "allowed"),
    [
        # aljazeera.com 2017-03-29 and dw.com 2017-03-20 (Brexit): 52 is 51.9 rounded
        (
            "In a close result, 52 percent voted for Brexit, while 48 percent wanted to stay in the EU.",
            "The British parliament backed May's Article 50 plan last week after 51.9-percent of participants "
            "voted-for Brexit in a referendum last June.",
            True,
        ),
        # rte.ie 2017-03-16 and abcnews.go.com 2017-03-15 (Dutch election): "up to" allows less
        (
            "Up to 13 million voters will determine which parties will win the most parliamentary seats.",
            "The 12.9 million Dutch voters can cast their ballots until 9 p.m.",
            True,
        ),
        # cnn.com and bbc.co.uk 2017-03-16: "more than 80%" allows 81%
        (
            "Voter turnout was 81%, according to state broadcaster NOS, the highest in three decades.",
            "Turnout was more than 80%, the highest for 30 years.",
            True,
        ),
        # aljazeera.com 2017-03-18 and bbc.co.uk 2017-03-24 (Mosul): two estimates that disagree
        (
            "The Iraqi Ministry of Displacement and Migration said that as many as 600,000 civilians remained "
            "trapped in neighbourhoods of west Mosul.",
            "The UN estimates that 400,000 Iraqi civilians are trapped in the Old City of Mosul.",
            False,
        ),
    ],
)
def test_a_figure_may_allow_another(one: str, other: str, allowed: bool) -> None:
    a, b = figure_of(one, "2017-03-16"), figure_of(other, "2017-03-16")
    assert a is not None and b is not None
    assert allows(a, b) is allowed and allows(b, a) is allowed


def test_a_change_is_not_a_level() -> None:
    # dw.com 2017-03-15 (Dutch election live blog): 29 seats lost, not 29 seats held
    text = (
        "Lodewijk Asscher's socialist PvdA, meanwhile,-has taken a severe beating, winning only five seats, a "
        "staggering loss of 29 seats."
    )
    lost = figure_of(text, "2017-03-15", "29 seats", text.find("29"))
    # bbc.co.uk 2017-03-16: 14 seats won is a level
    won = figure_of("The Green-Left party also did well, winning 14 seats, an increase of 10.", "2017-03-16")
    assert lost is not None and won is not None
    assert (lost.change, won.change) == (True, False)
    held = replace(lost, values=frozenset({9.0}), value=9.0, change=False)  # as if it said "held 9 seats"
    assert same_quantity(lost, replace(held, change=True)) and not same_quantity(lost, held)


def test_a_denial_of_that_allegation_answers_only_what_its_own_article_told() -> None:
    """'… disputed that allegation' (rte.ie, travel ban) denies what its own article reported, not a claim of
    another article a month earlier; the same sentences in one article are a dispute."""
    charge = (
        "Washington state Attorney General Bob Ferguson said the revised order still targets Muslims and "
        "harms residents."
    )
    answer = "The Trump administration disputed that allegation, saying the order targets terrorism, not religion."
    apart = [
        finding(charge, "abcnews.go.com", "2017-02-08", article="abc:ban"),
        finding(answer, "rte.ie", "2017-03-09", article="rte:ban"),
    ]
    assert [d for d in disputes_among(apart) if d.kind == CLAIM] == []
    together = [
        finding(charge, "rte.ie", "2017-03-09", article="rte:ban"),
        finding(answer, "rte.ie", "2017-03-09", article="rte:ban"),
    ]
    assert [d.who for d in disputes_among(together) if d.kind == CLAIM] == [
        ("Attorney General Bob Ferguson", "Trump administration")
    ]


def test_a_sentence_calling_a_charge_groundless_is_no_claim_a_denial_answers() -> None:
    # aljazeera.com 2017-03-14 and cnn.com 2017-02-28 (Kim Jong-nam's killing): both sides of North Korea's
    # line, shown as "Ambassador Kim vs North Korea"; neither is the charge the other answers
    rebuttal = (
        "Ambassador Kim said the cause of Kim Jong-nam's death has not yet been clearly identified, but the United "
        "States and the South Korean authorities are groundlessly blaming North Korea."
    )
    denial = "North Korea has denied involvement in Kim's murder and blamed South Korea for the killing."
    found = [
        finding(rebuttal, "aljazeera.com", "2017-03-14"),
        finding(denial, "cnn.com", "2017-02-28", v=NEAR),
    ]
    assert [d for d in disputes_among(found) if d.kind == CLAIM] == []


def test_a_participle_opening_a_sentence_is_no_party() -> None:
    # dw.com 2017-03-14 (Kim Jong-nam's killing): shown as "Having vs North Korea", two sentences of one side
    rejected = (
        "Having rejected the findings of the Malaysian authorities, North Korea claims that the investigation "
        "into Kim's killing is an attempt to smear the secretive regime."
    )
    assert party_of(rejected) == "North Korea"
    denial = "North Korea has denied involvement in Kim's murder and blamed South Korea for the killing."
    found = [finding(rejected, "dw.com", "2017-03-14"), finding(denial, "cnn.com", "2017-02-28")]
    assert [d for d in disputes_among(found) if d.kind == CLAIM] == []


def test_a_denial_that_says_what_it_denies_answers_only_a_claim_about_its_subject() -> None:
    # rte.ie 2017-03-14 and bbc.co.uk 2017-03-19 (Brexit): both about a second referendum, but Robertson
    # dismisses the idea that Westminster could block one, not the claim that most Scots do not want one
    dismissal = (
        "However SNP deputy leader Angus Robertson dismissed the idea that the government at Westminster could seek "
        "to block a second independence vote."
    )
    unrelated = (
        "The Scottish Conservative leader has said the majority of Scots do not want a second independence referendum."
    )
    found = [finding(unrelated, "bbc.co.uk", "2017-03-19"), finding(dismissal, "rte.ie", "2017-03-14")]
    assert [d for d in disputes_among(found) if d.kind == CLAIM] == []
    # abcnews.go.com 2017-03-29 (its claim clause) and dw.com 2017-03-28 (Mosul): the claim names the
    # coalition, the subject of what John Thomas denies
    charge = (
        "Amnesty International has said the rising civilian death toll suggested the U.S.-led coalition wasn't "
        "taking adequate precautions as it helps Iraqi forces try to retake the city."
    )
    denial = (
        "On Monday, US military spokesman John Thomas, a spokesman for US Central Command in Tampa denied "
        "allegations that the US-led coalition had relaxed its rules of engagement on airstrikes against IS in "
        "Iraq and Syria."
    )
    found = [finding(charge, "abcnews.go.com", "2017-03-29"), finding(denial, "dw.com", "2017-03-28")]
    assert [d.who for d in disputes_among(found) if d.kind == CLAIM] == [("Amnesty International", "John Thomas")]


@pytest.mark.parametrize(
    ("claim", "answered"),
    [
        # dw.com 2017-03-29 (Mosul), its claim clause: it names the US, the "it" that denies
        ("Amnesty said the US is not taking adequate precautions to ensure the safety of non-combatants.", True),
        # aljazeera.com 2017-03-15 (Mosul): about the people who fled, not the US
        (
            "IOM said the new figures, provided by the-Iraqi government,-also showed that more than 116,000 people "
            "from the city's west had gone through a screening site south of Mosul.",
            False,
        ),
    ],
)
def test_a_denial_of_what_it_did_itself_answers_a_claim_about_it(claim: str, answered: bool) -> None:
    # dw.com 2017-03-29 (Mosul), its denial clause with its subject put back
    denial = "On Monday the US publically denied that it had loosened its rules of engagement on airstrikes against IS."
    found = [finding(claim, "aljazeera.com", "2017-03-18"), finding(denial, "dw.com", "2017-03-29")]
    assert bool([d for d in disputes_among(found) if d.kind == CLAIM]) is answered


def test_a_party_named_after_a_common_noun_is_the_one_who_speaks() -> None:
    # bbc.co.uk 2017-03-17 (Brexit): Robertson said it, not "the gathering"; read as "gathering", his own
    # words (cosine 0.64 with his dismissal) could be shown as a dispute with himself
    text = (
        "On the first day of the gathering, the party's deputy leader Angus Robertson said it would be \"totally "
        'unacceptable" for Westminster to deny a referendum before Brexit was finalised.'
    )
    assert party_of(text) == "Angus Robertson"
    dismissal = (
        "However SNP deputy leader Angus Robertson dismissed the idea that the government at Westminster could seek "
        "to block a second independence vote."
    )
    found = [finding(text, "bbc.co.uk", "2017-03-17"), finding(dismissal, "rte.ie", "2017-03-14")]
    assert [d for d in disputes_among(found) if d.kind == CLAIM] == []


# cnn.com 2017-03-19 (Israeli jets over Syria): the claim is the object of the other party's rejection
REJECTED = (
    'Syria claims their missiles downed one Israeli jet and hit another, which Israel rejected as "absolutely untrue."'
)


@pytest.mark.parametrize(
    ("text", "who"),
    [
        (REJECTED, ("Syria", "Israel")),
        (AMNESTY, ("Amnesty International", "U.S.")),
        # rte.ie 2017-02-07 (Brexit): a rejection in a condition, by no party against another
        (
            "Last month, Mrs May promised to ask parliament to approve the final exit terms, but said that even if "
            "it rejected the deal, Britain would leave the EU, raising concern among some politicians that their "
            "vote would be purely symbolic.",
            None,
        ),
    ],
)
def test_one_sentence_may_tell_a_claim_and_another_party_rejecting_it(text: str, who: tuple | None) -> None:
    # under a lead that is another sentence (made up): a finding's other sentences may tell both sides too
    found = member(finding("Israel struck targets near Palmyra.", "bbc.co.uk", "2017-03-17"), text, "cnn", "x")
    claims = [d for d in disputes_among([found]) if d.kind == CLAIM]
    assert [(d.who, [c.text for c in d.said]) for d in claims] == ([(who, [text])] if who else [])
