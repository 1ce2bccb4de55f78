"""A multi-outlet situation with the real MiniLM model: tests/data/port_strike.jsonl (fiction) holds a wire story
reprinted by two outlets, a figure the port authority revised and the union disputes, relative dates, a talks
date to come, a question, a credit line, a pronoun, and an unrelated article."""

from __future__ import annotations

import re

import pytest

import briefing
from briefing.results import TOP_STORIES, Part
from tests.conftest import ROOT

DATA = ROOT / "tests" / "data" / "port_strike.jsonl"
TOPIC = "Port Selwyn strike"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, minilm) -> briefing.Runtime:
    settings = briefing.Settings(store_dir=tmp_path_factory.mktemp("strike") / "store", progress=False)
    rt = briefing.Runtime(settings, embedder=minilm)
    assert briefing.ingest([DATA], runtime=rt).added == 10
    return rt


@pytest.fixture(scope="module")
def brief(store: briefing.Runtime) -> briefing.Brief:
    return briefing.summarize(topic=TOPIC, changes_since="2024-06-05", runtime=store)


def test_copies_count_once(brief: briefing.Brief) -> None:
    assert "3 outlet" not in brief.markdown.split("\n")[2]  # the header counts outlets, not copies
    assert "2 copies collapsed" in brief.markdown.split("\n")[2]
    walkout = next(c for c in brief.claims if c.text.startswith("Dock workers at Port Selwyn walked out"))
    assert walkout.reports == 1 and len(walkout.outlets) == 3
    assert "(single source; carried by 3 outlets)" in walkout.markdown()


def test_the_unrelated_article_is_left_out(brief: briefing.Brief) -> None:
    assert "Rovers" not in brief.markdown and "county cup" not in brief.markdown
    assert all("Rovers" not in s.title for s in brief.sources)


def test_disputed_and_revised_figures_are_shown_with_who_and_when(brief: briefing.Brief) -> None:
    lines = [c.markdown() for c in brief.part(Part.DISPUTED)]
    dispute = next(line for line in lines if "(disputed)" in line)
    assert "41 ships" in dispute and "60 ships" in dispute and " vs " in dispute
    assert "Harbour Post, 2024-06-06" in dispute and "Coastal Times, 2024-06-06" in dispute
    revision = next(line for line in lines if "revised" in line)
    assert "revised from 29 to 41" in revision
    # the superseded figure is not shown as current anywhere else
    others = [c.text for s in brief.sections if s.title != Part.DISPUTED for c in s.claims]
    assert not any("29 ships" in text for text in others)


def test_events_are_dated_from_the_text_and_the_future_goes_to_the_outlook(brief: briefing.Brief) -> None:
    timeline = {c.label: c.text for c in brief.part(Part.TIMELINE)}
    assert any(label == "2024-06-04" and "walked out on Tuesday night" in text for label, text in timeline.items())
    assert list(timeline) == sorted(timeline)
    outlook = brief.part(Part.OUTLOOK)
    talks = next(c for c in outlook if "resume" in c.text)
    assert talks.label == "2024-06-11" and talks.reports == 2  # "next Tuesday" in two outlets' articles of Friday


def test_only_clean_sentences(brief: briefing.Brief) -> None:
    for claim in brief.claims:
        assert not claim.text.rstrip("”\"' ").endswith("?"), claim.text
        assert not re.match(r"^[A-Z ]+ —", claim.text), claim.text  # no dateline
        assert "Reporting by" not in claim.text and not re.match(r"^(He|She|They|It) ", claim.text)
        assert claim.citations and (claim.reports >= 1 or claim.status == "compared")


def test_what_changed_lists_only_what_came_after(brief: briefing.Brief) -> None:
    changed = brief.part("What changed since 2024-06-05")
    assert changed
    for claim in changed:
        assert all(brief.sources[n - 1].date > "2024-06-05" for n in claim.citations), claim


def test_a_brief_from_texts_given_directly_finds_the_same_copies(store: briefing.Runtime) -> None:
    direct = briefing.summarize([DATA], topic=TOPIC, runtime=store)
    assert "2 copies collapsed" in direct.markdown.split("\n")[2]
    assert "Rovers" not in direct.markdown


def test_a_brief_on_everything_is_a_digest_widest_covered_first(store: briefing.Runtime) -> None:
    everything = briefing.summarize(runtime=store)
    assert [s.title for s in everything.sections] == [TOP_STORIES]
    labels = [c.label or "" for c in everything.part(TOP_STORIES)]
    assert len(labels) >= 2 and "Rovers" not in labels[0] and "Selwyn" in labels[0]  # the strike leads
    assert "Rovers" in labels[-1] and all("Rovers" not in label for label in labels[:-1])
    assert re.search(r"\(\d+ outlets, \d+ articles", labels[0])
    topic = labels[0].rsplit("topic: ", 1)[1].rstrip(")")
    assert "Rovers" not in briefing.summarize(topic=topic, runtime=store).markdown  # its topic gives its brief
