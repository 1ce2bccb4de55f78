"""LLM engines with LangChain's fake chat models: wiring, streaming, follow-ups, the citation check, briefs."""

from __future__ import annotations

from pathlib import Path

import httpx
import openai
import pytest

import briefing
from briefing.analysis.check import check_generated, generated_sentences, unsupported_facts
from briefing.config import Settings
from briefing.engines.llm_brief import batches
from briefing.engines.prompting import answer_messages, fit_sources, group_by_article, split_parts
from briefing.errors import ContextTooLong, LLMError
from briefing.models.failures import explain
from briefing.models.registry import make_chat, resolve_engine
from briefing.results import TOP_STORIES, Part
from briefing.types import Passage
from tests.conftest import SEED
from tests.fakes import RecordingChat

PORT = (
    "date 2024-03-04\nThe port of Odesa reopened on Monday after a week of closures. Officials said 40 ships "
    "were waiting to load grain at the terminals.\n\nHarbour master Oleh Petrenko warned that mines remain "
    "a risk for shipping in the area."
)


CHECK = Settings().check_threshold  # the check is tested at the product's own threshold


def fake(*replies: str) -> RecordingChat:
    return RecordingChat(responses=list(replies))


def passage(text: str, article: str = "a1", date: str | None = "2024-03-04", n: int = 0) -> Passage:
    return Passage(f"{article}:{n}", text, article, f"Title {article}", "wire", date, "", n, 0, len(text))


@pytest.fixture
def stocked(tmp_path: Path, fake_runtime: briefing.Runtime) -> briefing.Runtime:
    (tmp_path / "port.txt").write_text(PORT, encoding="utf-8")
    briefing.ingest([tmp_path / "port.txt", SEED], runtime=fake_runtime)
    return fake_runtime


def with_chat(rt: briefing.Runtime, chat) -> briefing.Runtime:
    return briefing.Runtime(rt.settings, embedder=rt.embedder, store=rt.store, chat=chat)


# --- engine choice ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "engine"),
    [
        ({}, "extractive"),
        ({"OPENAI_API_KEY": "sk-test"}, "openai"),
        ({"OPENAI_BASE_URL": "http://127.0.0.1:1/v1"}, "openai"),
        ({"BRIEFING_ENGINE": "local"}, "local"),
        ({"BRIEFING_ENGINE": "extractive", "OPENAI_API_KEY": "sk-test"}, "extractive"),
    ],
)
def test_engine_is_chosen_by_configuration_alone(env: dict, engine: str, monkeypatch) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert resolve_engine(Settings()) == engine


def test_openai_engine_points_chatopenai_at_the_server(monkeypatch) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:8080/v1")
    monkeypatch.setenv("BRIEFING_LLM_MODEL", "smollm2")
    chat = make_chat(Settings())
    assert type(chat).__name__ == "ChatOpenAI"
    assert chat.model_name == "smollm2" and str(chat.openai_api_base) == "http://127.0.0.1:8080/v1"
    assert make_chat(Settings(engine="extractive")) is None
    monkeypatch.delenv("OPENAI_BASE_URL")
    with pytest.raises(LLMError, match="OPENAI_API_KEY"):
        make_chat(Settings(engine="openai"))


# --- prompts and sources ------------------------------------------------------------------------------


def test_prompt_numbers_sources_by_article_and_states_the_rules() -> None:
    groups = group_by_article([passage("First.", "a"), passage("Second.", "b"), passage("Third.", "a", n=1)])
    assert [[p.id for p in g] for g in groups] == [["a:0", "a:1"], ["b:0"]]
    system, user = answer_messages("Where?", groups)
    assert "[1] Title a" in user.content and "[2] Title b" in user.content
    assert user.content.index("First.") < user.content.index("Third.") < user.content.index("[2]")
    assert "Question: Where?" in user.content
    assert "not instructions" in system.content and "cite" in system.content.lower()


def test_fit_sources_keeps_the_best_and_at_least_one_passage() -> None:
    groups = [[passage("x" * 500, "a"), passage("y" * 500, "a", n=1)], [passage("z" * 500, "b")]]
    assert [len(g) for g in fit_sources(groups, 1000)] == [2]
    assert [len(g) for g in fit_sources(groups, 100)] == [1]
    assert [len(g) for g in fit_sources(groups, 5000)] == [2, 1]


# --- the citation check (pure parts) ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Troops are there [1]. More came [2][3].", [("Troops are there.", [1]), ("More came.", [2, 3])]),
        ("Troops are there. [1] More came. [2]", [("Troops are there.", [1]), ("More came.", [2])]),
        ("- Ships wait in port [1]\n- Mines remain [2]", [("Ships wait in port", [1]), ("Mines remain", [2])]),
        ("## Timeline\nNo citation here at all.", [("No citation here at all.", [])]),
        ("1.", []),
        ('He said it "will have consequences." [1]', [('He said it "will have consequences."', [1])]),
    ],
)
def test_generated_sentences(text: str, expected: list) -> None:
    assert generated_sentences(text) == expected


@pytest.mark.parametrize(
    ("sentence", "missing"),
    [
        ("About 90,000 troops are on the border.", []),
        ("About 100,000 troops are on the border.", ["number 100000"]),
        ("Troops reached Kharkiv.", ["name Kharkiv"]),
        ("On November 26, NATO warned Russia.", []),  # "on Friday" in an article of 2021-11-27
        ("On November 20, NATO warned Russia.", ["number 20", "date 2021-11-20"]),
        ("The United States (US) is worried.", []),
    ],
)
def test_unsupported_facts(sentence: str, missing: list[str]) -> None:
    evidence = [
        passage(
            "About 90,000 troops are on the border. NATO on Friday warned Russia, the United States said.",
            date="2021-11-27",
        )
    ]
    assert unsupported_facts(sentence, evidence) == missing


def test_check_repairs_a_wrong_number_and_drops_what_no_source_supports(fake_runtime) -> None:
    sources = [[passage("Officials said 40 ships were waiting to load grain at the terminals.")]]
    text = (
        "Officials said 40 ships were waiting to load grain at the terminals [1]. "  # copied: supported
        "Officials said 45 ships were waiting to load grain at the terminals [1]. "  # wrong number
        "The weather was fine in Odesa [1]."  # a name the source lacks
    )
    claims, srcs, report = check_generated(text, sources, fake_runtime.embedder, threshold=CHECK)
    assert [v.status for v in report.verdicts] == ["supported", "dropped", "dropped"]
    assert "number 45" in report.verdicts[1].reason and "name Odesa" in report.verdicts[2].reason
    assert [c.text for c in claims] == ["Officials said 40 ships were waiting to load grain at the terminals."]
    assert claims[0].citations == [1] and srcs[0].quotes[0].text == claims[0].text


def test_check_catches_a_citation_of_a_source_that_does_not_exist(fake_runtime) -> None:
    sources = [
        [passage("Forty ships wait in the port of Odesa.", "a")],
        [passage("Mines remain a risk for all shipping.", "b")],
        [passage("Rain is forecast for the whole week.", "c")],
    ]
    claims, _, report = check_generated(
        "Forty ships wait in the port of Odesa [7].", sources, fake_runtime.embedder, CHECK
    )
    verdict = report.verdicts[0]
    assert verdict.cited == [7] and "only 3 sources" in verdict.reason
    # the sentence is a source's own words, so it comes back repaired with the right citation
    assert verdict.status == "repaired" and claims[0].text == "Forty ships wait in the port of Odesa."
    assert claims[0].citations == [1]


def test_check_catches_a_citation_of_the_wrong_passage(fake_runtime) -> None:
    sources = [[passage("Ships wait in port today.", "a")], [passage("Mines remain a risk for shipping.", "b")]]
    claims, srcs, report = check_generated(
        "Mines remain a risk for shipping [1].", sources, fake_runtime.embedder, CHECK
    )
    assert report.verdicts[0].status == "repaired"
    assert claims[0].citations == [1] and srcs[0].article_id == "b"  # renumbered: the one source shown is b


# --- answers through the API --------------------------------------------------------------------------


def test_streamed_answer_is_checked_before_it_is_shown(stocked) -> None:
    chat = fake(
        "Officials said 40 ships were waiting to load grain at the terminals [1]. "
        "NATO sent 12 warships to Odesa [1]. The weather was lovely."
    )
    rt = with_chat(stocked, chat)
    stream = briefing.ask_stream("How many ships were waiting in Odesa?", runtime=rt)
    assert chat.prompts == []  # nothing is asked before the stream is read
    tokens = list(stream)
    # the model was asked once: the rules, then numbered sources with the retrieved passage, then the question
    [prompt] = chat.prompts
    system, user = (str(m.content) for m in prompt)
    assert "not instructions" in system and "cite" in system.lower()
    assert "[1] " in user and "40 ships were waiting to load grain" in user
    assert "Question: How many ships were waiting in Odesa?\nIt asks for a figure" in user
    assert len(tokens) > 5 and "".join(tokens).startswith("Officials said 40")
    answer = stream.answer
    assert stream.result() is answer and list(stream) == []  # running it again changes nothing
    assert answer is not None and answer.engine == "custom" and not answer.abstained
    assert [c.text for c in answer.claims] == ["Officials said 40 ships were waiting to load grain at the terminals."]
    assert answer.check.checked == 3 and answer.check.count("dropped") == 2
    assert "citation check: 3 sentences checked, 1 supported, 0 repaired, 2 dropped" in answer.markdown
    assert "## Sources" in answer.markdown and "> Officials said 40 ships" in answer.markdown


def test_model_saying_the_sources_dont_cover_it_is_an_abstention(stocked) -> None:
    answer = briefing.ask("Who won the cup?", runtime=with_chat(stocked, fake("The sources don't cover this.")))
    assert answer.abstained and answer.claims == [] and answer.check.checked == 0
    assert answer.text.startswith("The sources in the store don't cover this question.")


@pytest.mark.parametrize(
    "reply",
    [
        "The sources don't cover this.",  # a weak model missed it
        "Twelve ships were sunk by mines [1].",  # or wrote what no source supports
    ],
)
def test_when_the_model_misses_an_answer_the_sources_hold_they_are_quoted(stocked, reply: str) -> None:
    rt = with_chat(stocked, fake(reply))
    answer = briefing.ask("How many ships were waiting to load grain at the terminals?", runtime=rt)
    assert not answer.abstained and answer.engine == "custom"
    assert answer.claims[0].text.startswith("Officials said 40 ships") and answer.claims[0].status == "quoted"
    assert any("shown instead: the source sentences that answer the question" in n for n in answer.notes)
    assert "shown instead" in answer.markdown


def test_a_repair_must_still_answer_the_question(stocked) -> None:
    # a wrong figure in a sentence about mines: the closest source sentence is about mines, no answer to how
    # many ships wait; it is not shown as a repair, and the sentence that answers is quoted instead
    reply = "Harbour master Oleh Petrenko warned that 12 mines remain a risk for shipping in the area [1]."
    answer = briefing.ask("How many ships were waiting to load grain?", runtime=with_chat(stocked, fake(reply)))
    assert [v.status for v in answer.check.verdicts] == ["dropped"]
    assert [c.status for c in answer.claims] == ["quoted"] and answer.claims[0].text.startswith("Officials said 40")
    # the same sentence under a question it answers is repaired into the source's words
    answer = briefing.ask("What did the harbour master warn about?", runtime=with_chat(stocked, fake(reply)))
    assert [v.status for v in answer.check.verdicts] == ["repaired"]
    assert answer.claims[0].text.startswith("Harbour master Oleh Petrenko warned that mines remain")


def test_follow_up_is_rewritten_before_retrieval(stocked) -> None:
    chat = fake(
        "Where has Russia's 41st army been stationed?",
        "Russia’s 41st army has been stationed in Yelnya, a town 260 kilometers north of the Ukrainian border [1].",
    )
    history = [("Tell me about Russia's 41st army.", "It is a Russian army.")]
    answer = briefing.ask("And where is it stationed?", history=history, runtime=with_chat(stocked, chat))
    condense, asked = chat.texts
    assert "User: Tell me about Russia's 41st army.\nAssistant: It is a Russian army." in condense
    assert "And where is it stationed?" in condense
    assert "Question: Where has Russia's 41st army been stationed?" in asked  # the rewrite is what is asked
    assert answer.standalone_question == "Where has Russia's 41st army been stationed?"
    assert any("Yelnya" in p.text for p in answer.passages)
    assert "Yelnya" in answer.text and answer.claims[0].status == "supported"


def test_extractive_follow_up_uses_the_previous_question(stocked) -> None:
    history = [("Where has Russia's 41st army been stationed?", "In Yelnya.")]
    answer = briefing.ask("And how far from the border?", history=history, runtime=stocked)
    assert answer.standalone_question and "41st army" in answer.standalone_question


def test_context_too_long_trims_the_sources_and_says_so(stocked) -> None:
    chat = RecordingChat(
        responses=["Officials said 40 ships were waiting to load grain at the terminals [1]."], max_prompt=1500
    )
    answer = briefing.ask("How many ships were waiting in Odesa?", k=6, runtime=with_chat(stocked, chat))
    sent = [len(str(p[-1].content)) for p in chat.prompts]
    assert len(sent) >= 2 and sent[0] > 1500 >= sent[-1]  # refused, then asked again with fewer sources
    assert any("trimmed" in note for note in answer.notes)
    assert answer.claims and "40 ships" in answer.text


def _status_error(cls, code: int, message: str = "boom"):
    request = httpx.Request("POST", "http://127.0.0.1:1/v1/chat/completions")
    return cls(message, response=httpx.Response(code, request=request), body=None)


@pytest.mark.parametrize(
    ("error", "says"),
    [
        (_status_error(openai.AuthenticationError, 401), "OPENAI_API_KEY"),
        (_status_error(openai.RateLimitError, 429), "BRIEFING_LLM_MAX_RETRIES"),
        (_status_error(openai.NotFoundError, 404), "BRIEFING_LLM_MODEL"),
        (openai.APITimeoutError(httpx.Request("POST", "http://x")), "BRIEFING_LLM_TIMEOUT"),
        (openai.APIConnectionError(request=httpx.Request("POST", "http://x")), "OPENAI_BASE_URL"),
        (LLMError("model file not found: x.gguf; set BRIEFING_LOCAL_MODEL"), "BRIEFING_LOCAL_MODEL"),
    ],
)
def test_failures_become_one_plain_message_naming_the_setting(error, says: str, stocked) -> None:
    assert says in str(explain(error, Settings()))

    before = stocked.store.count()
    with pytest.raises(briefing.BriefingError, match=says):
        briefing.ask("How many ships?", runtime=with_chat(stocked, RecordingChat(responses=["x"], error=error)))
    assert stocked.store.count() == before  # the store is untouched


def test_context_error_from_openai_is_recognised() -> None:
    error = _status_error(openai.BadRequestError, 400, "This model's maximum context length is 4096 tokens")
    assert isinstance(explain(error, Settings()), ContextTooLong)


# --- briefs -------------------------------------------------------------------------------------------


def test_split_parts_matches_headings_loosely() -> None:
    text = (
        "## Bottom Line\nA [1].\n### Key developments:\nB [1].\n**Actors and positions**\nC [2].\n## Key Figures\nD.\n"
    )
    parts = split_parts(text)
    assert list(parts) == [Part.BOTTOM_LINE, Part.KEY_DEVELOPMENTS, Part.ACTORS, Part.KEY_FIGURES]
    assert parts[Part.ACTORS].strip() == "C [2]."


def test_batches_fit_the_budget() -> None:
    lines = [str(n) * 400 for n in range(5)]
    assert [[line[0] for line in batch] for batch in batches(lines, 900)] == [["0", "1"], ["2", "3"], ["4"]]
    assert batches(["x" * 1000], 900) == [["x" * 1000]]


DRAFT = (
    "## Bottom line\nOfficials said 40 ships were waiting to load grain at the terminals [1].\n"
    "## Key developments\n- Harbour master Oleh Petrenko warned that mines remain a risk for shipping "
    "in the area [1].\n- Aliens landed in Odesa [1].\n## Timeline\n- 2024-03-04: The port of Odesa "
    "reopened on Monday after a week of closures [1].\n"
)


def test_llm_brief_is_written_from_the_claims_and_checked(stocked) -> None:
    chat = RecordingChat(responses=[DRAFT])
    brief = briefing.summarize(topic="the port of Odesa", runtime=with_chat(stocked, chat))
    [reduced] = chat.texts  # the claims fit the context: no map step
    assert "on the port of Odesa" in reduced
    # the model is given claims with their citations, source counts and dates
    assert "- Officials said 40 ships were waiting to load grain at the terminals. [1] (single source; " in reduced
    assert "reported 2024-03-04" in reduced
    # and the days of the timeline by date salience, each once
    milestone = "- The port of Odesa reopened on Monday after a week of closures. [1] (single source; event 2024-03-04;"
    assert milestone in reduced and reduced.count("The port of Odesa reopened") == 1
    # the figures most reports give and the parties' positions, as the extractive brief chose them
    assert "at the terminals. [1] (single source; key figure: 40 ships; reported 2024-03-04)" in reduced
    assert "(single source; position of Oleh Petrenko; reported 2024-03-04)" in reduced
    assert [s.title for s in brief.sections] == list(Part)
    assert brief.check is not None and brief.check.count("dropped") >= 1
    assert all(c.citations for c in brief.claims)
    assert "Aliens" not in brief.markdown
    bottom = brief.part(Part.BOTTOM_LINE)[0]
    assert bottom.status == "supported" and bottom.reports == 1 and "(single source)" in bottom.markdown()
    timeline = brief.part(Part.TIMELINE)
    assert timeline[0].label == "2024-03-04" and timeline[0].text.startswith("On 2024-03-04, The port")
    assert "quoted from the sources where the model's text could not be supported" in brief.markdown
    assert "citation check:" in brief.markdown


def test_a_brief_on_everything_of_several_stories_is_the_digest_without_a_model_call(stocked) -> None:
    chat = RecordingChat(responses=[DRAFT])
    brief = briefing.summarize(runtime=with_chat(stocked, chat))
    assert chat.texts == []  # the model is not asked to write what is one quoted line per story
    assert [s.title for s in brief.sections] == [TOP_STORIES] and len(brief.part(TOP_STORIES)) >= 2
    assert all(c.citations for c in brief.claims)


def test_llm_brief_condenses_claims_that_do_not_fit_then_writes(stocked) -> None:
    notes = "- Officials said 40 ships were waiting to load grain at the terminals [1].\n- Aliens landed [1]."
    chat = RecordingChat(responses=[notes, notes, notes, DRAFT])
    rt = with_chat(stocked, chat)
    rt.engine.max_chars = 250  # a small context: the claims go in batches first
    brief = briefing.summarize(topic="the port of Odesa", runtime=rt)
    *mapped, reduced = chat.texts
    assert mapped and all(text.startswith("You are preparing notes") for text in mapped)
    # only what passed the check in the map step reaches the reduce step
    assert "- Officials said 40 ships were waiting to load grain at the terminals. [1]" in reduced
    assert "Aliens" not in reduced and "Aliens" not in brief.markdown


# --- found in review ----------------------------------------------------------------------------------


def test_a_sentence_citing_two_sources_shows_both(fake_runtime) -> None:
    sources = [
        [passage("About 90,000 troops have been stationed on the border.", "a")],
        [passage("NATO foreign ministers met in Riga on Tuesday to discuss it.", "b")],
    ]
    text = "About 90,000 troops have been stationed on the border and ministers met in Riga [1][2]."
    claims, srcs, report = check_generated(text, sources, fake_runtime.embedder, CHECK)
    assert report.verdicts[0].status == "supported"
    assert claims[0].citations == [1, 2] and {s.article_id for s in srcs} == {"a", "b"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials said two hundred ships were waiting to load grain at the terminals [1].",
        "Officials said 40 ships were not waiting to load grain at the terminals [1].",
    ],
)
def test_spelled_out_numbers_and_negations_are_checked(sentence: str, fake_runtime) -> None:
    sources = [[passage("Officials said 40 ships were waiting to load grain at the terminals.")]]
    _, _, report = check_generated(sentence, sources, fake_runtime.embedder, CHECK)
    assert report.verdicts[0].status != "supported"


@pytest.mark.parametrize(
    ("name", "text", "found"),
    [
        ("Russian", "Russia has", True),
        ("Ukrainian", "in Ukraine", True),
        ("Chinese", "China said", True),
        ("US", "the United States said", True),
        ("Austria", "Australia said", False),
        ("Georgia", "George Bush said", False),
        ("Johnson", "Johnston said", False),
    ],
)
def test_mentions(name: str, text: str, found: bool) -> None:
    from briefing.text.facts import mentions

    assert mentions(name, text) is found


def test_interrupted_stream_still_checks_the_whole_text(stocked) -> None:
    rt = with_chat(stocked, fake("Officials said 40 ships were waiting to load grain at the terminals [1]."))
    stream = briefing.ask_stream("How many ships were waiting in Odesa?", runtime=rt)
    for n, _ in enumerate(stream):
        if n == 2:
            break
    answer = stream.result()
    assert answer.claims[0].text == "Officials said 40 ships were waiting to load grain at the terminals."


def test_extractive_chat_does_not_glue_a_standalone_question(stocked) -> None:
    history = [("How many ships were waiting in Odesa?", "40 ships.")]
    answer = briefing.ask("Who warned about mines in the harbour?", history=history, runtime=stocked)
    assert answer.standalone_question is None


def test_topic_brief_with_filters_that_match_nothing(stocked) -> None:
    brief = briefing.summarize(topic="ships", since="2030-01-01", runtime=stocked)
    assert brief.abstained and "nothing to brief" in brief.markdown


def test_a_long_one_line_text_is_briefed_not_taken_for_a_path(fake_runtime) -> None:
    text = "The port of Odesa reopened on Monday after a week of closures, officials said. " * 5
    brief = briefing.summarize([text.strip()], runtime=fake_runtime)
    assert brief.sections and brief.sources
