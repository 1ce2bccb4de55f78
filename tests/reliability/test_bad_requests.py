"""Questions, topics, dates and ids that cannot be used as given: the Python API raises a BriefingError with
the exact message, the CLI prints it after `error:` and exits 2 (never a traceback), and the store does not
change. Odd but usable questions (another language, stray invisible characters) are answered or declined."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import briefing
from briefing.cli import cli
from briefing.results import NOT_COVERED
from briefing.types import article_id
from tests.reliability.conftest import RESIDENT, stored

ASK = 'ask something, e.g. briefing ask "Where are the troops?"'
TOPIC = "give a topic, or none to brief everything"
LONG = "Where are the ships waiting? " * 3449  # 100,021 characters
DATES = "; use YYYY-MM-DD (a day between 1800 and 2200)"

# (case id, API call, keyword arguments, the exact message)
REFUSED = [
    ("empty question", "ask", {"question": ""}, f"the question is empty: {ASK}"),
    ("whitespace question", "ask", {"question": " \n\t "}, f"the question is empty: {ASK}"),
    ("invisible-only question", "ask", {"question": "\u200b\u202e\x07"}, f"the question is empty: {ASK}"),
    (
        "100k-character question",
        "ask",
        {"question": LONG},
        "the question is too long (100,020 characters, at most 2,000): shorten it",
    ),
    (
        "punctuation-only question",
        "ask",
        {"question": "?!… ;;"},
        f"the question has no words in it, only '?!… ;;': {ASK}",
    ),
    (
        "since after until",
        "ask",
        {"question": "Where are the ships?", "since": "2024-03-02", "until": "2024-03-01"},
        "since 2024-03-02 is after until 2024-03-01",
    ),
    (
        "malformed since",
        "ask",
        {"question": "Where are the ships?", "since": "2024-13-45"},
        f"cannot read since date '2024-13-45'{DATES}",
    ),
    (
        "impossible until",
        "ask",
        {"question": "Where are the ships?", "until": "2017-02-30"},
        f"cannot read until date '2017-02-30'{DATES}",
    ),
    (
        "far-future until",
        "ask",
        {"question": "Where are the ships?", "until": "9999-12-31"},
        f"cannot read until date '9999-12-31'{DATES}",
    ),
    ("empty topic", "summarize", {"topic": ""}, f"the topic is empty: {TOPIC}"),
    ("whitespace topic", "summarize", {"topic": "   "}, f"the topic is empty: {TOPIC}"),
    (
        "100k-character topic",
        "summarize",
        {"topic": LONG},
        "the topic is too long (100,020 characters, at most 2,000): shorten it",
    ),
    ("punctuation-only topic", "summarize", {"topic": "---"}, f"the topic has no words in it, only '---': {TOPIC}"),
    (
        "brief since after until",
        "summarize",
        {"since": "2024-03-02", "until": "2024-01-01"},
        "since 2024-03-02 is after until 2024-01-01",
    ),
    (
        "malformed changes-since",
        "summarize",
        {"changes_since": "last Tuesday-ish"},
        f"cannot read changes_since date 'last Tuesday-ish'{DATES}",
    ),
]


@pytest.mark.parametrize(("call", "kwargs", "message"), [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED])
def test_api_refuses_with_the_exact_message(call: str, kwargs: dict, message: str, rt: briefing.Runtime) -> None:
    before = stored(rt)
    with pytest.raises(briefing.BriefingError) as caught:
        getattr(briefing, call)(**kwargs, runtime=rt)
    assert str(caught.value) == message
    assert stored(rt) == before


ANSWERED = [
    ("Russian question", "Где стоят корабли в порту Одессы?"),
    ("Chinese question", "敖德萨港口有多少艘船在等待？"),
    ("Arabic question with bidi marks", "\u202bكم عدد السفن في ميناء أوديسا؟\u202c"),
    ("question with a NUL byte", "How many\x00 ships were waiting to load grain?"),
]


@pytest.mark.parametrize("question", [c[1] for c in ANSWERED], ids=[c[0] for c in ANSWERED])
def test_api_answers_or_declines_odd_but_usable_questions(question: str, rt: briefing.Runtime) -> None:
    before = stored(rt)
    answer = briefing.ask(question, runtime=rt)
    if answer.abstained:
        assert answer.text == NOT_COVERED
    else:
        assert "40 ships" in answer.text and answer.sources
    assert "\x00" not in answer.question and "\u202b" not in answer.question
    assert stored(rt) == before


def test_api_non_english_topic_is_declined_plainly(rt: briefing.Runtime) -> None:
    brief = briefing.summarize(topic="Корабли в Одессе", runtime=rt)
    assert brief.markdown.count("The sources don't cover “Корабли в Одессе”") == 1


@pytest.fixture
def cli_rt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> briefing.Runtime:
    """A runtime over the store the CLI uses (the CLI's `words` embedder), the resident article in it."""
    monkeypatch.setenv("BRIEFING_EMBEDDER", "words")
    monkeypatch.setenv("BRIEFING_PROGRESS", "false")
    settings = briefing.Settings(store_dir=tmp_path / "cli-store")
    briefing.ingest([RESIDENT], runtime=briefing.Runtime(settings))
    return briefing.Runtime(settings)


@pytest.fixture
def run(cli_rt: briefing.Runtime):
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, ["--store", str(cli_rt.settings.store_dir), *args], catch_exceptions=False)

    return invoke


# (case id, CLI arguments, exit code, the exact last line of its output)
CLI_CASES = [
    ("empty question", ["ask", ""], 2, f"error: the question is empty: {ASK}"),
    ("whitespace question", ["ask", "   "], 2, f"error: the question is empty: {ASK}"),
    (
        "100k-character question",
        ["ask", LONG],
        2,
        "error: the question is too long (100,020 characters, at most 2,000): shorten it",
    ),
    ("punctuation-only question", ["ask", "???"], 2, f"error: the question has no words in it, only '???': {ASK}"),
    ("non-English question", ["ask", "Где стоят корабли?"], 0, NOT_COVERED),
    (
        "since after until",
        ["ask", "Where are the ships?", "--since", "2024-03-02", "--until", "2024-03-01"],
        2,
        "error: --since 2024-03-02 is after --until 2024-03-01",
    ),
    (
        "malformed since",
        ["ask", "Where are the ships?", "--since", "2024-13-45"],
        2,
        "Error: Invalid value for '--since': '2024-13-45' does not match the format '%Y-%m-%d'.",
    ),
    (
        "impossible until",
        ["ask", "Where are the ships?", "--until", "2017-02-30"],
        2,
        "Error: Invalid value for '--until': '2017-02-30' does not match the format '%Y-%m-%d'.",
    ),
    (
        "far-future since",
        ["ask", "Where are the ships?", "--since", "9999-01-01"],
        2,
        f"error: cannot read --since date '9999-01-01'{DATES}",
    ),
    ("empty topic", ["brief", ""], 2, f"error: the topic is empty: {TOPIC}"),
    ("punctuation-only topic", ["brief", "..."], 2, f"error: the topic has no words in it, only '...': {TOPIC}"),
    (
        "brief since after until",
        ["brief", "--since", "2024-03-02", "--until", "2024-01-01"],
        2,
        "error: --since 2024-03-02 is after --until 2024-01-01",
    ),
    (
        "forget unknown id",
        ["forget", "0123456789abcdef"],
        2,
        "error: no article has an id starting '0123456789abcdef'; see `briefing stats --articles` for ids",
    ),
    (
        "forget too short",
        ["forget", "abc"],
        2,
        "error: give at least 6 characters of the article id (see `briefing stats --articles`)",
    ),
    (
        "forget empty",
        ["forget", ""],
        2,
        "error: give at least 6 characters of the article id (see `briefing stats --articles`)",
    ),
]


@pytest.mark.parametrize(("args", "code", "last"), [c[1:] for c in CLI_CASES], ids=[c[0] for c in CLI_CASES])
def test_cli_says_what_is_wrong_without_a_traceback(run, args: list[str], code: int, last: str, cli_rt) -> None:
    before = stored(cli_rt)
    assert len(before[0]) == 1
    result = run(*args)
    assert result.exit_code == code, result.output
    assert result.output.strip().splitlines()[-1] == last
    assert "Traceback" not in result.output
    assert stored(cli_rt) == before


def two_with_one_prefix() -> tuple[str, str]:
    """Two article texts whose ids share their first 6 characters (found in a few thousand tries)."""
    seen: dict[str, str] = {}
    for n in range(200_000):
        text = f"Story {n}: ships waited at the port of Odesa on Monday to load grain."
        prefix = article_id(text)[:6]
        if prefix in seen:
            return seen[prefix], text
        seen[prefix] = text
    raise AssertionError("no two ids share a prefix")


def test_forget_an_ambiguous_prefix_names_the_candidates_and_removes_nothing(
    rt: briefing.Runtime, cli_rt: briefing.Runtime, run, tmp_path: Path
) -> None:
    one, two = two_with_one_prefix()
    ids = sorted(article_id(t) for t in (one, two))
    message = f"2 articles have ids starting {ids[0][:6]!r} ({ids[0]}, {ids[1]}): give more of the id"
    briefing.ingest([one, two], runtime=rt)
    before = stored(rt)
    with pytest.raises(briefing.BriefingError) as caught:
        briefing.forget(ids[0][:6], runtime=rt)
    assert str(caught.value) == message
    assert stored(rt) == before
    for n, text in enumerate((one, two)):
        (tmp_path / f"story{n}.txt").write_text(text)
    assert run("ingest", str(tmp_path / "story0.txt"), str(tmp_path / "story1.txt")).exit_code == 0
    before = stored(cli_rt)
    result = run("forget", ids[0][:6])
    assert (result.exit_code, result.output.strip().splitlines()[-1]) == (2, f"error: {message}")
    assert stored(cli_rt) == before


@pytest.mark.parametrize("given", ["  {id}\n", "{ID}", "{id8}"], ids=["padded", "upper case", "8-character prefix"])
def test_forget_takes_an_id_as_people_paste_it(given: str, rt: briefing.Runtime) -> None:
    resident = next(iter(stored(rt)[0]))
    assert resident == article_id(RESIDENT.split("\n", 1)[1])
    typed = given.format(id=resident, ID=resident.upper(), id8=resident[:8])
    assert briefing.forget(typed, runtime=rt)[0] == resident
    assert stored(rt) == (set(), 0)


def test_forget_unknown_id_via_the_api_changes_nothing(rt: briefing.Runtime, tmp_path: Path) -> None:
    before = stored(rt)
    with pytest.raises(briefing.BriefingError, match=r"^no article has an id starting '<b>abcdef</b>'; see"):
        briefing.forget("<b>abcdef</b>", runtime=rt)
    assert stored(rt) == before
