"""Stories: the topic's story and the stories of a whole store, with vectors set by hand."""

from __future__ import annotations

import numpy as np
import pytest

from briefing.analysis import stories
from briefing.analysis.scoring import Candidate
from briefing.types import Passage

DIM = 8


def vector(*weights: float) -> np.ndarray:
    v = np.zeros(DIM, dtype=np.float32)
    v[: len(weights)] = weights
    return v / np.linalg.norm(v)


def passage(article: str, source: str, date: str, title: str = "", text: str = "") -> Passage:
    return Passage(f"{article}:0", text or title, article, title or article, source, date, "", 0, 0, 10)


STRIKE, STRIKE_TOO, FOOTBALL, WEATHER = vector(1, 0.1), vector(1, 0.4), vector(0, 0, 1), vector(0, 0, 0, 1)


def test_a_store_is_grouped_into_stories_the_widest_covered_first() -> None:
    leads = [
        passage("s1", "Wire", "2024-06-05", "Dockers strike at Port Selwyn"),
        passage("s2", "Post", "2024-06-06", "Ships queue at Port Selwyn"),
        passage("s3", "Post", "2024-06-05", "Port Selwyn dockers walk out"),  # a reprint of s1
        passage("s4", "Times", "2024-06-07", "Strike talks called"),
        passage("f1", "Times", "2024-06-06", "Rovers win the cup"),
        passage("f2", "Sport", "2024-06-06", "Cup final report"),
        passage("w1", "Post", "2024-06-07", "Rain for the weekend"),
    ]
    vectors = np.stack([STRIKE, STRIKE_TOO, STRIKE, STRIKE_TOO, FOOTBALL, FOOTBALL, WEATHER])
    found = stories.group(leads, vectors, {"s3": "s1"})
    assert [sorted(s.articles) for s in found] == [["s1", "s2", "s3", "s4"], ["f1", "f2"], ["w1"]]
    assert [s.outlets for s in found] == [3, 2, 1]  # Wire, Post, Times; the reprint adds no outlet
    assert found[0].newest == "2024-06-07" and found[0].label in {p.title for p in leads[:4]}


def test_a_story_many_outlets_covered_again_and_again_comes_before_one_each_covered_once() -> None:
    # seven outlets with one article each on a football final; five outlets with three articles each on a strike
    once = [passage(f"f{i}", f"Outlet{i}", "2024-06-06", "Cup final") for i in range(7)]
    often = [passage(f"s{i}{k}", f"Outlet{i}", "2024-06-06", "Port strike") for i in range(5) for k in range(3)]
    vectors = np.stack([FOOTBALL] * len(once) + [STRIKE] * len(often))
    found = stories.group([*once, *often], vectors, {})
    assert [(s.outlets, len(s.articles)) for s in found] == [(5, 15), (7, 7)]


def test_two_stories_on_one_theme_are_not_merged_through_the_articles_that_mention_both() -> None:
    # two stories that share a theme (both about one president: cosine 0.2 across them) and two articles
    # about both; grown article by article, a story's centre drifted through those two into a theme that
    # swallowed both stories (the whole corpus's top story was "Trump", health-care bill and Russia inside)
    theme, bridge = vector(0.2**0.5, 0.8**0.5), vector(0.2**0.5, 0.4**0.5, 0.4**0.5)
    other = vector(0.2**0.5, 0, 0.8**0.5)
    both = [passage(f"x{i}", f"Outlet{i}", f"2024-06-2{i}", "The bill and the inquiry") for i in range(2)]
    bill = [passage(f"a{i}", f"Outlet{i}", f"2024-06-1{i}", "Health bill") for i in range(5)]
    inquiry = [passage(f"b{i}", f"Outlet{i}", f"2024-06-1{i}", "Inquiry") for i in range(5)]
    vectors = np.stack([bridge] * 2 + [theme] * 5 + [other] * 5)
    found = stories.group([*both, *bill, *inquiry], vectors, {})
    groups = [set(s.articles) for s in found]
    assert not any({"a0", "b0"} <= g for g in groups)
    assert any({f"a{i}" for i in range(5)} <= g for g in groups)
    assert any({f"b{i}" for i in range(5)} <= g for g in groups)


def test_clusters_cut_at_the_mean_pairwise_cosine() -> None:
    rows = np.stack([vector(1), vector(1, 0.1), vector(0, 1)])
    assert len(set(stories.clusters(rows))) == 2
    assert len(set(stories.clusters(rows[:1]))) == 1


def cand(article: str, text: str, v: np.ndarray, title: str, order: int = 0) -> Candidate:
    p = Passage(f"{article}:{order}", text, article, title, "Wire", "2024-06-05", "", order, 0, len(text))
    return Candidate(p, 0, len(text), v, order * 1000)


def test_a_topic_brief_reads_the_story_not_just_the_articles_that_name_the_topic() -> None:
    cands = [
        cand("a", "Dock workers at Port Selwyn went on strike on Tuesday.", STRIKE, "Port Selwyn strike"),
        cand("a", "The strike halted container traffic at Port Selwyn.", STRIKE, "Port Selwyn strike", 1),
        cand("b", "The employers raised their pay offer to the dockers.", STRIKE_TOO, "Employers raise offer"),
        cand("c", "Selwyn Rovers won the county cup on Wednesday.", FOOTBALL, "Selwyn Rovers win the cup"),
    ]
    topic = vector(1, 0.2)
    kept, score, _, _ = stories.topical(cands, "Port Selwyn strike", topic, min_relevance=0.45)
    assert {c.passage.article_id for c in kept} == {"a", "b"}  # b never says "strike"; c says "Selwyn"
    assert len(score) == len(kept) and score[0] > score[-1]
    found_more: list[set[str]] = []

    def more(centre: np.ndarray, known: set[str]) -> list[Candidate]:
        found_more.append(known)
        return [cand("d", "The dockers' union rejected the new offer.", STRIKE_TOO, "Union rejects offer")]

    kept, _, _, _ = stories.topical(cands[:2], "Port Selwyn strike", topic, 0.45, more)
    assert found_more == [{"a"}] and {c.passage.article_id for c in kept} == {"a", "d"}


def test_an_article_close_in_meaning_is_central_only_when_it_names_the_story() -> None:
    # a strike at another port reads like the story (its vector is the employers' article's) but does not
    # name Port Selwyn; "Port" alone is no name of the story: the story writes "Port Selwyn" together
    said = [
        "Dock workers at Port Selwyn went on strike on Tuesday.",
        "The strike halted traffic at Port Selwyn.",
        "Ships queued outside Port Selwyn on Wednesday.",
        "Talks at Port Selwyn broke down.",
        "Police were called to Port Selwyn.",
        "The union at Port Selwyn wants more pay.",
    ]
    cands = [cand("a", text, STRIKE, "Port Selwyn strike", i) for i, text in enumerate(said)]
    cands.append(cand("b", "Employers at Port Selwyn raised their offer.", STRIKE_TOO, "Employers raise offer"))
    cands.append(cand("k", "Dockers at Port Arden walked out over pay.", STRIKE_TOO, "Port Arden dockers walk out"))
    kept, _, core, central = stories.topical(cands, "Port Selwyn strike", vector(1, 0.2), min_relevance=0.45)
    assert {c.passage.article_id for c in kept} == {"a", "b", "k"} and core == {"a", "b"}
    assert central == {"a", "b"}
    assert stories.story_names("Port Selwyn strike", said[:2], said) == ["Port Selwyn"]


def test_a_topic_nothing_is_about_is_not_covered() -> None:
    cands = [cand("c", "Selwyn Rovers won the county cup on Wednesday.", FOOTBALL, "Rovers win")]
    kept, score, _, _ = stories.topical(cands, "port strike ballot", vector(1), min_relevance=0.45)
    assert kept == [] and len(score) == 0


@pytest.mark.parametrize(
    ("titles", "words"),
    [
        (
            ["Dutch PM Rutte's party leads exit polls", "Rutte sees off Wilders in Dutch election", "Dutch vote"],
            "Dutch Rutte",
        ),
        (["Ships queue outside Selwyn", "Queue of ships grows at Port Selwyn"], "Ships queue Selwyn"),
        (["Blast kills twenty in Kabul"], "Blast kills twenty Kabul"),  # nothing shared: the typical title
    ],
)
def test_topic_words_are_what_most_titles_share(titles: list[str], words: str) -> None:
    assert stories.topic_words(titles, titles[0]) == words


def test_every_name_of_the_topic_the_story_writes_is_one_of_its_names() -> None:
    # a brief on the French campaign: most core reports open on Le Pen, and Fillon is the story's name too
    openings = [
        "Le Pen stripped of immunity. Far-right French presidential candidate Marine Le Pen lost her immunity.",
        "Le Pen launches campaign. Marine Le Pen launched her campaign in Lyon.",
        "Fillon charged in jobs probe. French presidential candidate Francois Fillon was charged.",
    ]
    texts = [
        *openings,
        *(f"The French candidates Francois Fillon and Marine Le Pen met voters in town {i}." for i in range(6)),
    ]
    names = stories.story_names("French presidential election Fillon Le Pen", openings, texts)
    assert names == ["French", "Fillon", "Le Pen"]
    # aljazeera.com, 2017-03-19: "France's presidential hopefuls" names the French story
    assert stories.names_any(
        names, "Tens of thousands rally in Paris as far-left candidate Melenchon launches campaign"
    )
    assert not stories.names_any(names, "Dutch PM Rutte sees off anti-Islam Wilders challenge")
