"""The real all-MiniLM-L6-v2 model from the wheel on the seed article: answers, abstentions, the brief."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import briefing
from briefing.results import Part
from briefing.sources.articles import make_article
from briefing.text.sentences import split_sentences
from tests.conftest import ROOT, SEED

SEED_TEXT = make_article(SEED.read_text(encoding="utf-8"), key="seed").text


@pytest.fixture
def seeded(real_runtime: briefing.Runtime) -> briefing.Runtime:
    report = briefing.ingest([ROOT / "seeds"], runtime=real_runtime)
    assert report.added >= 1 and not report.skipped
    return real_runtime


def test_troops_on_the_border(seeded: briefing.Runtime) -> None:
    answer = briefing.ask("How many troops has Russia stationed on the border?", runtime=seeded)
    assert not answer.abstained
    first = answer.claims[0]
    assert "90,000 troops" in first.text and first.citations == [1]
    source = answer.sources[0]
    assert source.source == "" and source.date == "2021-11-27"  # a text file names no outlet
    quote = next(q for q in source.quotes if "90,000" in q.text)
    assert SEED_TEXT[quote.start : quote.end] == quote.text  # the exact passage, by offsets
    assert "> About Russian 90,000 troops have been stationed" in answer.markdown


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Where is Russia's 41st army stationed?", "Yelnya"),
        ("Who cut off diplomatic ties with NATO?", "cut off diplomatic ties"),
        ("What did Lloyd Austin say about Putin?", "not quite sure"),
    ],
)
def test_answers_quote_the_passage_that_answers(seeded: briefing.Runtime, question: str, expected: str) -> None:
    answer = briefing.ask(question, runtime=seeded)
    assert expected in answer.claims[0].text
    assert all(c.citations for c in answer.claims)


@pytest.mark.parametrize(
    "question",
    [
        "What is a good recipe for banana bread?",
        "What is Russia's GDP?",
        "Who won the 2018 World Cup?",
        "How many troops does China have in Tibet?",
        "How much does a Tesla cost?",
    ],
)
def test_abstains_when_the_seed_does_not_say(seeded: briefing.Runtime, question: str) -> None:
    answer = briefing.ask(question, runtime=seeded)
    assert answer.abstained, answer.text
    said, _, why = answer.text.partition(". ")
    assert said.rstrip(".") + "." == "The sources in the store don't cover this question."
    # a name the store never mentions is said, and it is the question's own
    unheard = re.fullmatch(r"No stored article mentions (.+)\.", why)
    assert not why or (unheard and unheard.group(1) in question), why


QUESTIONS = json.loads((ROOT / "tests" / "data" / "abstain_questions.json").read_text(encoding="utf-8"))


def test_abstention_threshold_holds_on_held_out_questions(seeded: briefing.Runtime) -> None:
    # Written after BRIEFING_MIN_RELEVANCE was chosen and never used to tune it; 19/20 when this test was written.
    held_out = QUESTIONS["held_out"]
    right = sum(not briefing.ask(q, runtime=seeded).abstained for q in held_out["answerable"])
    right += sum(briefing.ask(q, runtime=seeded).abstained for q in held_out["unanswerable"])
    total = len(held_out["answerable"]) + len(held_out["unanswerable"])
    assert right / total >= 0.8, f"{right}/{total}"


def test_brief_of_the_seed(seeded: briefing.Runtime) -> None:
    brief = briefing.summarize(runtime=seeded)
    md = brief.markdown
    for part in [*Part, "Sources"]:
        assert f"\n## {part}\n" in md
    assert brief.words <= 600
    for section in brief.sections:
        if section.title in (Part.DISPUTED, Part.OUTLOOK):  # may rightly be empty
            continue
        assert section.claims, f"empty part: {section.title}"
        text = "\n".join(c.markdown() for c in section.claims)
        assert text in md or all(c.markdown() in md for c in section.claims)
        for claim in section.claims:
            # every sentence carries a citation of a listed source, and is the source's own words
            assert claim.citations and set(claim.citations) <= {s.number for s in brief.sources}
            assert claim.text in SEED_TEXT
            for sentence in split_sentences(claim.text):
                assert sentence in SEED_TEXT
    timeline = [c.label for c in brief.part(Part.TIMELINE)]
    assert timeline == sorted(timeline) and "2021-11-26" in timeline  # "on Friday" before 2021-11-27
    figures = [c.label for c in brief.part(Part.KEY_FIGURES)]
    assert "90,000 troops" in figures
    actors = {c.label for c in brief.part(Part.ACTORS)}
    assert actors & {"NATO", "Austin", "Stoltenberg", "Kremlin"}


def test_topic_brief_and_uncovered_topic(seeded: briefing.Runtime) -> None:
    brief = briefing.summarize(topic="Russian troops near Ukraine", runtime=seeded)
    assert not brief.abstained and brief.part(Part.BOTTOM_LINE)
    gist = brief.part(Part.BOTTOM_LINE)[0].text + brief.part(Part.KEY_DEVELOPMENTS)[0].text
    assert re.search(r"troops|forces|army", gist)
    off = briefing.summarize(topic="banana bread recipes", runtime=seeded)
    assert off.abstained and "don't cover" in off.markdown


def test_cli_as_a_user_runs_it(tmp_path: Path) -> None:
    env = {**os.environ, "BRIEFING_STORE_DIR": str(tmp_path / "cli-store")}
    cli = [sys.executable, "-m", "briefing.cli"]
    ingest = subprocess.run([*cli, "ingest", str(ROOT / "seeds")], env=env, capture_output=True, text=True)
    assert ingest.returncode == 0, ingest.stderr
    assert ingest.stdout.strip().splitlines()[-1].startswith("1 added, 0 unchanged, 0 replaced;")
    ask = subprocess.run(
        [*cli, "ask", "How many troops has Russia stationed on the border?"], env=env, capture_output=True, text=True
    )
    assert ask.returncode == 0, ask.stderr
    assert "90,000" in ask.stdout and "[1]" in ask.stdout and "## Sources" in ask.stdout
    assert "Traceback" not in ask.stderr
