"""Scripts against the page: the named endpoints `/ask`, `/brief` and `/ingest_text` of a real
`briefing serve`, called with the `gradio_client` package as docs/usage.md shows."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import ROOT
from tests.servers import served


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with served(tmp_path_factory.mktemp("page-api"), [ROOT / "seeds"]) as url:
        yield url


@pytest.fixture
def client(app: str):
    from gradio_client import Client

    return Client(app, verbose=False)


def test_the_api_page_lists_the_three_named_endpoints_only(client) -> None:
    api = client.view_api(print_info=False, return_format="dict")
    assert sorted(api["named_endpoints"]) == ["/ask", "/brief", "/ingest_text"]
    assert api["unnamed_endpoints"] == {}
    required = {
        name: [p["parameter_name"] for p in info["parameters"] if not p["parameter_has_default"]]
        for name, info in api["named_endpoints"].items()
    }
    assert required == {"/ask": ["question"], "/brief": ["topic"], "/ingest_text": ["text"]}


def test_ask_answers_with_numbered_citations_and_its_sources(client) -> None:
    text = client.predict("How many troops has Russia stationed on the border?", api_name="/ask")
    assert "90,000" in text and "[1]" in text
    assert "## Sources" in text and "\n1. *Amid border tensions" in text
    assert "> About Russian 90,000 troops have been stationed" in text  # the quoted passage
    assert "don't cover" in client.predict("What is a good recipe for banana bread?", api_name="/ask")


def test_errors_come_back_as_a_message_not_a_traceback(client) -> None:
    for text in (
        client.predict("Troops?", since="not a date", api_name="/ask"),
        client.predict("   ", api_name="/ask"),
        client.predict("", "2030-01-01", "2020-01-01", api_name="/brief"),
        client.predict("NATO", changes_since="someday", api_name="/brief"),
        client.predict("Troops?", collection="no", api_name="/ask"),
        client.predict("Troops?", collection="no-such-desk", api_name="/ask"),
        client.predict("NATO", collection="no-such-desk", api_name="/brief"),
        client.predict("   ", api_name="/ingest_text"),
    ):
        assert text.startswith("⚠️") and "Traceback" not in text, text


def test_ingest_text_then_ask_and_brief_on_it(client) -> None:
    text = (
        "The port of Odesa reopened on Monday after a week of closures, the harbour master said. "
        "Officials said 40 ships were waiting to load grain at Odesa."
    )
    done = client.predict(text, "Odesa reopens", "2024-03-04", "Harbour Post", api_name="/ingest_text")
    assert done == "1 added, 0 unchanged, 0 replaced; 1 chunks written; 0 skipped"
    answer = client.predict("How many ships were waiting to load grain at Odesa?", api_name="/ask")
    assert "40 ships" in answer and "1. *Odesa reopens* — Harbour Post, 2024-03-04" in answer
    brief = client.predict("grain ships at Odesa", since="2024-01-01", api_name="/brief")
    assert brief.startswith("# Situation brief: grain ships at Odesa") and "## Bottom line" in brief
    assert "[1]" in brief and "## Sources" in brief and "Odesa reopens" in brief
    # another collection, made by naming it: the article is not there
    other = client.predict(
        text, "Odesa reopens", "2024-03-04", "Harbour Post", collection="api-other", api_name="/ingest_text"
    )
    assert other.startswith("1 added")
    assert "don't cover" in client.predict(
        "How many troops are on the border?", collection="api-other", api_name="/ask"
    )


def test_without_mcp_the_page_serves_no_mcp_server(app: str) -> None:
    import httpx

    hello = {"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}}
    got = httpx.post(f"{app}gradio_api/mcp/", json=hello, headers={"Accept": "application/json, text/event-stream"})
    assert got.status_code == 404 and "tools" not in got.text
