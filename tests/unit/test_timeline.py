"""The timeline by date salience, from sentences of a fictional port strike (vectors from the word-overlap fake)."""

from __future__ import annotations

import numpy as np
import pytest

from briefing.analysis.scoring import Candidate
from briefing.analysis.timeline import event_days, milestones, short_end, timeline
from briefing.types import Passage
from tests.fakes import WordEmbeddings

EMBED = WordEmbeddings()


def cand(text: str, article: str, source: str, date: str = "2024-06-07", origin: str = "") -> Candidate:
    passage = Passage(f"{article}:0", text, article, f"Title {article}", source, date, "", 0, 0, len(text))
    return Candidate(passage, 0, len(text), EMBED.vector(text), 0, origin=origin or article)


def relevance(*values: float) -> np.ndarray:
    return np.array(values, dtype=np.float32)


# 2024-06-04 is a Tuesday, 2024-06-07 a Friday.
WALKOUT = [
    cand("Dock workers at Port Selwyn walked out on Tuesday night over a pay offer.", "a", "Wire", "2024-06-05"),
    cand("Dock workers at Port Selwyn walked out on Tuesday night, halting traffic.", "b", "Post", "2024-06-05"),
    cand("Dock workers at Port Selwyn walked out on June 4 over a pay offer.", "c", "Times", "2024-06-06"),
]
OFFER = [
    cand("The employers raised their pay offer to 4.5 percent on Friday.", "d", "Post"),
    cand("The employers raised their pay offer to 4.5 percent on Friday, the ministry said.", "e", "Times"),
]
TALKS = [
    cand("Talks between the employers and the dockers will resume next Tuesday.", "f", "Post"),
    cand("Talks between the employers and the dockers will resume next Tuesday, the ministry said.", "g", "Times"),
]
ASIDE = cand("Selwyn Rovers won the county cup on Wednesday night in front of 4,000 fans.", "h", "Times", "2024-06-06")


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        ("Dock workers walked out on Tuesday night.", "2024-06-05", ["2024-06-04"]),
        # the day something was said is not the day of the event
        ("Pay is the issue, the union told reporters on Wednesday.", "2024-06-06", []),
        # what will happen next week is the announcement's news, on the article's day
        ("The port will close its second terminal starting next week.", "2024-06-06", ["2024-06-06"]),
        ("The strike continues.", "2024-06-06", []),  # the publication date is not an event date
    ],
)
def test_event_days(text: str, date: str, expected: list[str]) -> None:
    assert event_days(cand(text, "x", "Wire", date)) == expected


def test_a_day_weighs_as_many_independent_reports_as_name_it() -> None:
    copies = [
        cand("The dockers walked out on June 4.", "p", "Post"),
        cand("The dockers walked out on June 4.", "q", "Herald", origin="p"),  # a reprint
        cand("Union members walked out at the port on June 4.", "r", "Post"),  # the same outlet again
    ]
    cands = [*copies, *OFFER]
    found = milestones(cands, relevance(0.6, 0.6, 0.6, 0.5, 0.5))
    assert [(m.day, m.reports) for m in found] == [("2024-06-07", 2), ("2024-06-04", 1)]
    assert found[0].weight == pytest.approx(1.0)  # each report counted once, by its most relevant sentence


def test_an_untold_weekday_is_read_as_the_other_reports_read_it() -> None:
    # Said on Tuesday 14 March: "Wednesday's results" could be the 8th or the 15th; three reports name the 15th.
    polls = cand("Polls suggest Wednesday's results could be close.", "a", "Wire", "2017-03-14")
    vote = [cand(f"Dutch voters cast ballots on March 15 in {w}.", w, w, "2017-03-16") for w in ("x", "y", "z")]
    found = milestones([polls, *vote], relevance(0.5, 0.6, 0.6, 0.6))
    assert [(m.day, len(m.sentences)) for m in found] == [("2017-03-15", 4)]


def test_a_past_sentence_looking_ahead_to_a_weekday_is_read_as_the_other_reports_read_it() -> None:
    # Said on Thursday 23 March: "ahead of the triggering ... on Wednesday" could be the 22nd or the 29th.
    ahead = cand(
        "May was out to show that Scotland was key to her thinking ahead of the triggering of Article 50 on Wednesday.",
        "a",
        "Wire",
        "2017-03-23",
    )
    trigger = [cand(f"Britain triggered Article 50 on March 29 in {w}.", w, w, "2017-03-29") for w in ("x", "y", "z")]
    found = milestones([ahead, *trigger], relevance(0.5, 0.6, 0.6, 0.6))
    assert [(m.day, len(m.sentences)) for m in found] == [("2017-03-29", 4)]


def test_the_most_named_days_make_the_timeline_the_future_the_outlook() -> None:
    cands = [*WALKOUT, *OFFER, *TALKS, ASIDE]
    rel = relevance(0.8, 0.7, 0.7, 0.6, 0.6, 0.5, 0.5, 0.1)
    entries, outlook = timeline(cands, rel, "2024-06-07", limit=10, ahead=3)
    assert [p.label for p in entries] == ["2024-06-04", "2024-06-07"]  # in date order; the cup final is an aside
    assert [p.label for p in outlook] == ["2024-06-11"]
    walkout = entries[0]
    # the lead is a verbatim opening of its source sentence, and cites another report saying the same thing
    assert walkout.cand.passage.text.startswith(walkout.text)
    assert walkout.reports == 3  # three reports say it (the wire and the Post word it differently enough)
    assert walkout.also and walkout.also[0].passage.source != walkout.cand.passage.source
    assert entries[1].reports == 2 and outlook[0].reports == 2


def test_a_day_one_report_names_is_a_milestone_only_when_it_is_about_the_story() -> None:
    cands = [*WALKOUT, *OFFER, ASIDE]
    on_story = timeline(cands, relevance(0.8, 0.7, 0.7, 0.6, 0.6, 0.9), "2024-06-07", 10, 3)[0]
    aside = timeline(cands, relevance(0.8, 0.7, 0.7, 0.6, 0.6, 0.1), "2024-06-07", 10, 3)[0]
    assert "2024-06-05" in [p.label for p in on_story] and "2024-06-05" not in [p.label for p in aside]


def test_the_limit_keeps_the_most_salient_days() -> None:
    entries, _ = timeline([*WALKOUT, *OFFER], relevance(0.8, 0.7, 0.7, 0.4, 0.4), "2024-06-07", 1, 3)
    assert [p.label for p in entries] == ["2024-06-04"]


def test_nothing_dated_makes_no_timeline() -> None:
    assert timeline([cand("The strike continues.", "a", "Wire")], relevance(0.9), "2024-06-07", 10, 3) == ([], [])


TAIL = (
    ", and the union said its members would not return to work until the employers made a better offer than "
    "the one on the table, which it called an insult to every docker at the port."
)


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        # a sentence of up to 30 words is shown whole
        (
            "The dockers walked out on Tuesday night, halting traffic.",
            "The dockers walked out on Tuesday night, halting traffic.",
        ),
        # a longer one is cut after the longest opening within 30 words that names the day and reads on its own
        (
            "The dockers walked out at Port Selwyn on Tuesday night, halting all container traffic" + TAIL,
            "The dockers walked out at Port Selwyn on Tuesday night, halting all container traffic",
        ),
        # not after a phrase, a participle or a subordinate clause: the main clause is kept
        (
            "Speaking to reporters on Tuesday, the union leader said the strike would go on" + TAIL,
            "Speaking to reporters on Tuesday, the union leader said the strike would go on",
        ),
        # not after the subject and its relative clause
        (
            "Mrs Voss, who called the strike on Tuesday, will meet the employers" + TAIL,
            "Mrs Voss, who called the strike on Tuesday, will meet the employers",
        ),
        # not after a reporting verb, without what was said
        (
            "Asked on Tuesday whether the dockers would accept the offer, the union leader said: the strike "
            "goes on, and the union said its members would not return to work until the employers made a better offer.",
            "Asked on Tuesday whether the dockers would accept the offer, the union leader said: the strike goes on",
        ),
        # not inside a quotation
        (
            '"We walked out on Tuesday, and we stay out' + TAIL + '"',
            '"We walked out on Tuesday, and we stay out' + TAIL + '"',
        ),
        # the whole sentence when no opening names the day
        (
            "Container traffic stopped" + TAIL + " the port said on Tuesday.",
            "Container traffic stopped" + TAIL + " the port said on Tuesday.",
        ),
    ],
)
def test_an_entry_is_the_longest_opening_naming_the_day_within_30_words(text: str, entry: str) -> None:
    assert text[: short_end(text, "2024-06-04", "2024-06-05")] == entry


def test_a_report_of_something_else_on_the_same_day_is_not_cited() -> None:
    cargo = cand("Perishable cargo rotted on the quay on Friday, shipping agents warned.", "k", "Gazette")
    entries, _ = timeline([*OFFER, cargo], relevance(0.8, 0.7, 0.6), "2024-06-07", 10, 3)
    [offer] = entries
    assert offer.reports == 2 and "Gazette" not in offer.outlets
    assert [c.passage.source for c in offer.also] == ["Times"]


def test_an_outlook_with_no_widely_named_day_takes_a_day_named_once() -> None:
    _, outlook = timeline([*OFFER, TALKS[0]], relevance(0.8, 0.7, 0.1), "2024-06-07", 10, 3)
    assert [(p.label, p.reports) for p in outlook] == [("2024-06-11", 1)]


def test_an_entry_names_who_it_is_about_when_another_report_does() -> None:
    arrests = [
        cand("Both men were arrested on Thursday in Birmingham, according to police.", "a", "Wire", "2024-06-07"),
        cand("Police arrested two men in Birmingham on Thursday.", "b", "Post", "2024-06-07"),
    ]
    entries, _ = timeline(arrests, relevance(0.9, 0.7), "2024-06-07", 10, 3)
    assert [p.cand.passage.source for p in entries] == ["Post"]


def test_the_outlook_holds_only_what_is_to_come() -> None:
    said = cand("On Sunday the union revealed that the talks had failed.", "x", "Wire", "2024-06-10")
    coming = cand("Talks at the ministry will resume on Tuesday.", "y", "Post", "2024-06-07")
    _, outlook = timeline([said, coming], relevance(0.9, 0.8), "2024-06-07", 10, 3)
    assert [p.cand.passage.source for p in outlook] == ["Post"]


def test_a_day_no_lead_article_tells_leaves_its_place_to_the_next() -> None:
    # the walkout is the most salient day, but none of its reports is an article of the story
    entries, _ = timeline([*WALKOUT, *OFFER], relevance(0.8, 0.7, 0.7, 0.4, 0.4), "2024-06-07", 1, 3, {"d", "e"})
    assert [p.label for p in entries] == ["2024-06-07"]


def test_the_timeline_quotes_the_articles_central_to_the_story_too() -> None:
    from briefing.analysis.evidence import gather
    from briefing.analysis.layout import BriefSpec, layout
    from briefing.results import Part
    from briefing.types import Filters

    evidence = gather([*WALKOUT, *OFFER], relevance(0.8, 0.7, 0.7, 0.6, 0.6), 5)
    evidence.core = {"d", "e"}  # the articles about the topic name the offer's day; central ones, the walkout's
    evidence.central = {"a", "b", "c"}
    picks = layout(evidence, BriefSpec("Port Selwyn strike", 600, Filters()))
    assert [p.label for p in picks[Part.TIMELINE]] == ["2024-06-04", "2024-06-07"]


def test_reports_from_outside_the_story_weigh_less_for_their_day() -> None:
    # the walkout is named by three reports, but two are from articles outside the story (leads a, d, e)
    rel = relevance(0.8, 0.7, 0.7, 0.6, 0.6)
    assert [p.label for p in timeline([*WALKOUT, *OFFER], rel, "2024-06-07", 1, 3)[0]] == ["2024-06-04"]
    entries, _ = timeline([*WALKOUT, *OFFER], rel, "2024-06-07", 1, 3, {"a", "d", "e"})
    assert [p.label for p in entries] == ["2024-06-07"]


def test_a_day_an_outlet_keeps_coming_back_to_weighs_more() -> None:
    # one outlet names the walkout in three articles, another names the offer's day once, a little more relevant
    walkout = [cand("Dock workers at Port Selwyn walked out on June 4.", a, "Wire", "2024-06-07") for a in "xyz"]
    found = milestones([*walkout, OFFER[0]], relevance(0.5, 0.5, 0.5, 0.6))
    assert [(m.day, m.reports) for m in found] == [("2024-06-04", 1), ("2024-06-07", 1)]


def test_a_page_that_must_shrink_keeps_most_of_the_timeline() -> None:
    from types import SimpleNamespace

    from briefing.analysis.citations import Pick
    from briefing.analysis.layout import fitted_brief
    from briefing.results import Part

    def picks(n: int) -> list[Pick]:
        return [Pick(WALKOUT[0], finding=SimpleNamespace(score=float(i))) for i in range(n)]

    parts = {Part.KEY_DEVELOPMENTS: picks(5), Part.TIMELINE: picks(10)}

    def make(shown: dict[str, list[Pick]]) -> SimpleNamespace:  # ten words a line
        return SimpleNamespace(words=10 * sum(len(p) for p in shown.values()))

    fitted_brief(parts, 110, make)  # four lines must go: a story's timeline keeps 6 to 10 entries
    assert len(parts[Part.TIMELINE]) >= 8 and len(parts[Part.KEY_DEVELOPMENTS]) >= 3


def test_an_entry_says_who_said_it_when_another_report_does() -> None:
    quoted = [
        cand('"Talks with the dockers will resume at the ministry on Tuesday."', "a", "Wire", "2024-06-07"),
        cand("Talks with the dockers will resume at the ministry on Tuesday, the minister said.", "b", "Post"),
    ]
    _, outlook = timeline(quoted, relevance(0.9, 0.7), "2024-06-07", 10, 3)
    assert [p.cand.passage.source for p in outlook] == ["Post"]


def test_a_day_one_story_report_names_is_no_milestone_for_another_story_naming_it_too() -> None:
    # Oroville Dam brief (huffingtonpost.com, 2017-02-24): "An Axios article Thursday says … the president's
    # infrastructure plan will likely be pushed off" named Thursday 23 February, and so did a Dakota Access
    # article outside the story: two reports, one of them about another story, made the day a milestone
    aside = cand("Police at the Dakota camp made 33 arrests on Friday, June 7.", "x", "Herald")
    told = cand("The port plan was pushed off on Friday, a newsletter says.", "d", "Post")
    cands = [*WALKOUT, told, aside]
    rel = relevance(0.8, 0.7, 0.7, 0.3, 0.2)
    entries, _ = timeline(cands, rel, "2024-06-07", 5, 3, {"a", "b", "c", "d"})
    assert [p.label for p in entries] == ["2024-06-04"]
    entries, _ = timeline(cands, rel, "2024-06-07", 5, 3, {"a", "b", "c", "d", "x"})  # both about the story
    assert [p.label for p in entries] == ["2024-06-04", "2024-06-07"]
