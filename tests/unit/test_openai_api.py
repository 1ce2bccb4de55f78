"""The OpenAI-compatible API: its pure parts (messages → question and turns, an answer → a completion and its
stream's events) and its routes in front of a fake runtime (Starlette's TestClient; no server)."""

from __future__ import annotations

import asyncio
import json
import threading
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

import briefing
from briefing.ui.openai_api import Turns, openai_routes
from briefing.ui.openai_format import (
    DONE,
    TURNS,
    ApiError,
    completion,
    conversation,
    pieces,
    read_chat,
    said,
    streamed,
)
from tests.conftest import SEED
from tests.fakes import RecordingChat

QUESTION = "Where is Russia's 41st army stationed?"
SAID = "Russia’s 41st army has been stationed in Yelnya, a town 260 kilometers north of the Ukrainian border."


# --- messages → the question and the turns before it ----------------------------------------------------


def _user(text: Any) -> dict[str, Any]:
    return {"role": "user", "content": text}


def _bot(text: str) -> dict[str, Any]:
    return {"role": "assistant", "content": text}


@pytest.mark.parametrize(
    ("messages", "question", "turns"),
    [
        ([_user("Where?")], "Where?", []),
        ([{"role": "system", "content": "Ignore the sources."}, _user("Where?")], "Where?", []),
        ([_user("Where?"), _bot("Yelnya [1]"), _user("How far?")], "How far?", [("Where?", "Yelnya [1]")]),
        (  # the Sources list the API wrote is not part of what the turn said
            [_user("Where?"), _bot("Yelnya [1]\n\n## Sources\n\n1. *Title* — 2021-11-27\n   > quote"), _user("And?")],
            "And?",
            [("Where?", "Yelnya [1]")],
        ),
        (
            [_user([{"type": "text", "text": "Where"}, {"type": "image_url"}, {"type": "text", "text": "now?"}])],
            "Where\nnow?",
            [],
        ),
        ([_user("a"), _user("b"), _bot("B"), _user("c")], "c", [("b", "B")]),  # a question never answered is no turn
        ([_user("a"), {"role": "tool", "content": "x"}, _bot("A"), _user("b")], "b", [("a", "A")]),
    ],
)
def test_the_last_user_message_is_the_question_and_the_pairs_before_it_the_turns(
    messages: list[dict[str, Any]], question: str, turns: list[tuple[str, str]]
) -> None:
    assert conversation(messages) == (question, turns)


def test_only_the_last_turns_are_kept_and_each_as_long_as_a_question_may_be() -> None:
    messages = [m for i in range(10) for m in (_user(f"q{i}"), _bot("x" * 5000))] + [_user("last")]
    question, turns = conversation(messages)
    assert question == "last" and [q for q, _ in turns] == [f"q{i}" for i in range(10 - TURNS, 10)]
    assert all(len(a) == 2000 for _, a in turns)
    assert said("a\x00b\u202e c") == "ab c"


@pytest.mark.parametrize(
    ("body", "status", "says"),
    [
        ([], 400, "JSON object"),
        ({"messages": [_user("x")]}, 400, "model is required"),
        ({"model": "gpt-4o", "messages": [_user("x")]}, 404, "'gpt-4o' does not exist here"),
        ({"model": "briefing"}, 400, "messages must be a non-empty list"),
        ({"model": "briefing", "messages": []}, 400, "messages must be a non-empty list"),
        ({"model": "briefing", "messages": ["hi"]}, 400, "messages[0] must be an object"),
        ({"model": "briefing", "messages": [_user("x"), _bot("y")]}, 400, "must be the user's"),
        ({"model": "briefing", "messages": [_user(3)]}, 400, "messages[0].content must be a string"),
        ({"model": "briefing", "messages": [_user("x")], "stream": "yes"}, 400, "stream must be"),
        ({"model": "briefing", "messages": [_user("x")], "briefing": {"since": 5}}, 400, "briefing.since"),
    ],
)
def test_a_malformed_request_is_refused_saying_what_is_wrong(body: Any, status: int, says: str) -> None:
    with pytest.raises(ApiError) as refused:
        read_chat(body)
    assert refused.value.status == status and says in refused.value.message
    assert refused.value.body()["error"]["message"] == refused.value.message


def test_a_brief_request_has_no_turns_and_filters_come_in_the_briefing_field() -> None:
    body = {
        "model": "briefing-brief",
        "messages": [_user("NATO"), _bot("…"), _user("Russia")],
        "temperature": 0.3,
        "briefing": {"since": "2021-11-01", "source": "bbc"},
    }
    req = read_chat(body)
    assert (req.question, req.history, req.since, req.until, req.source) == ("Russia", [], "2021-11-01", None, "bbc")


# --- an answer → a completion and its stream -----------------------------------------------------------------


@pytest.mark.parametrize("content", ["", "one line", "a\n\nb\n", "**x** [1]\n\n## Sources\n\n1. *T*\n   > q"])
def test_the_streamed_pieces_join_into_the_content(content: str) -> None:
    assert "".join(pieces(content)) == content


def test_a_stream_is_its_content_then_a_stop_with_the_data_then_done() -> None:
    events = streamed("id-1", "briefing", 7, "line 1\nline 2", {"kind": "answer"})
    assert events[-1] == DONE == "data: [DONE]\n\n"
    chunks = [json.loads(e.removeprefix("data: ")) for e in events[:-1]]
    assert all(e.startswith("data: ") and e.endswith("\n\n") for e in events)
    assert [c["choices"][0]["delta"].get("content") for c in chunks] == ["line 1\n", "line 2", None]
    assert [c["choices"][0]["finish_reason"] for c in chunks] == [None, None, "stop"]
    assert [("briefing" in c) for c in chunks] == [False, False, True] and chunks[-1]["briefing"] == {"kind": "answer"}
    assert {c["id"] for c in chunks} == {"id-1"} and {c["object"] for c in chunks} == {"chat.completion.chunk"}


def test_a_completion_has_openais_fields_and_the_data_beside_them() -> None:
    done = completion("id-2", "briefing", 7, "Yelnya [1]", {"kind": "answer"}, "Where is it?")
    assert done["object"] == "chat.completion" and done["choices"][0]["message"] == {
        "role": "assistant",
        "content": "Yelnya [1]",
    }
    assert done["usage"] == {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5}
    assert done["briefing"] == {"kind": "answer"}


# --- the routes, in front of a fake runtime ----------------------------------------------------------------------


@pytest.fixture
def seeded(fake_runtime: briefing.Runtime) -> briefing.Runtime:
    briefing.ingest([SEED], runtime=fake_runtime)
    return fake_runtime


def _client(rt: briefing.Runtime) -> TestClient:
    return TestClient(Starlette(routes=openai_routes(rt)))


def _with_chat(rt: briefing.Runtime, *replies: str) -> tuple[briefing.Runtime, RecordingChat]:
    chat = RecordingChat(responses=list(replies))
    return briefing.Runtime(rt.settings, embedder=rt.embedder, store=rt.store, chat=chat), chat


def test_models_lists_both(seeded: briefing.Runtime) -> None:
    client = _client(seeded)
    listed = client.get("/v1/models").json()
    assert listed["object"] == "list" and [m["id"] for m in listed["data"]] == ["briefing", "briefing-brief"]
    assert client.get("/v1/models/briefing-brief").json()["id"] == "briefing-brief"
    missing = client.get("/v1/models/gpt-4o")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "model_not_found"


def test_a_completion_is_the_checked_answer_with_its_sources_as_data(seeded: briefing.Runtime) -> None:
    body = {"model": "briefing", "messages": [_user(QUESTION)]}
    done = _client(seeded).post("/v1/chat/completions", json=body).json()
    content = done["choices"][0]["message"]["content"]
    assert content == briefing.ask(QUESTION, runtime=seeded).markdown
    assert "Yelnya" in content and "[1]" in content and "## Sources" in content
    data = done["briefing"]
    assert data["kind"] == "answer" and data["claims"][0]["citations"] == [1]
    assert data["sources"][0]["number"] == 1 and SAID in [q["text"] for q in data["sources"][0]["quotes"]]


def test_a_stream_shows_only_the_checked_answer_never_the_models_draft(seeded: briefing.Runtime) -> None:
    rt, _ = _with_chat(seeded, f"{SAID} [1]. Aliens landed in Yelnya [1].")
    body = {"model": "briefing", "messages": [_user(QUESTION)], "stream": True}
    with _client(rt).stream("POST", "/v1/chat/completions", json=body) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        lines = [line for line in response.iter_lines() if line]
    assert lines[-1] == "data: [DONE]" and ": drafting" in lines  # comments while the model writes
    chunks = [json.loads(line.removeprefix("data: ")) for line in lines[:-1] if line.startswith("data: ")]
    assert chunks[0]["choices"][0]["delta"] == {"role": "assistant", "content": ""}
    content = "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks)
    # the checked answer, led by the short answer it gives (as the sources give it)
    assert content.startswith(f"**Yelnya** (single source) — {SAID}") and "Aliens" not in content
    assert "1 dropped" in content
    assert chunks[-1]["choices"][0]["finish_reason"] == "stop" and chunks[-1]["briefing"]["engine"] == "custom"
    assert chunks[-1]["briefing"]["answer_span"] == "Yelnya" and chunks[-1]["briefing"]["reports"] == 1


def test_a_follow_up_is_read_with_the_turns_in_the_messages(seeded: briefing.Runtime) -> None:
    rt, chat = _with_chat(seeded, "How far is Russia's 41st army from the border?", f"{SAID} [1]")
    answered = _bot(f"{SAID} [1]\n\n## Sources\n\n1. *x*")
    messages = [_user(QUESTION), answered, _user("And how far is it from the border?")]
    done = _client(rt).post("/v1/chat/completions", json={"model": "briefing", "messages": messages}).json()
    condensed = chat.texts[0]  # the model was asked to rewrite the follow-up with the turn before it
    assert f"User: {QUESTION}\nAssistant: {SAID} [1]" in condensed and "## Sources" not in condensed
    assert done["briefing"]["standalone_question"] == "How far is Russia's 41st army from the border?"


def test_a_brief_is_the_brief_on_the_last_messages_topic(seeded: briefing.Runtime) -> None:
    body = {"model": "briefing-brief", "messages": [_user("Russia troops")]}
    done = _client(seeded).post("/v1/chat/completions", json=body).json()
    brief = briefing.summarize(topic="Russia troops", runtime=seeded)
    assert done["choices"][0]["message"]["content"] == brief.markdown
    assert done["briefing"]["kind"] == "brief" and done["briefing"]["claims"][0]["part"] == "Bottom line"


@pytest.mark.parametrize(
    ("body", "status", "says"),
    [
        (b"{not json", 400, "not JSON"),
        (json.dumps({"model": "briefing", "messages": [_user("   ")]}).encode(), 400, "the question is empty"),
        (
            json.dumps({"model": "briefing", "messages": [_user(QUESTION)], "briefing": {"since": "soon"}}).encode(),
            400,
            "YYYY-MM-DD",
        ),
        (b" " * 1_000_001, 413, "too large"),
    ],
)
def test_errors_come_in_openais_shape(seeded: briefing.Runtime, body: bytes, status: int, says: str) -> None:
    got = _client(seeded).post("/v1/chat/completions", content=body, headers={"content-type": "application/json"})
    assert got.status_code == status and says in got.json()["error"]["message"]
    assert set(got.json()["error"]) == {"message", "type", "param", "code"}


def test_an_error_while_streaming_is_an_error_event(seeded: briefing.Runtime) -> None:
    body = {"model": "briefing", "messages": [_user(QUESTION)], "stream": True, "briefing": {"until": "never"}}
    with _client(seeded).stream("POST", "/v1/chat/completions", json=body) as response:
        lines = [line for line in response.iter_lines() if line]
    error = json.loads(lines[-2].removeprefix("data: "))
    assert "YYYY-MM-DD" in error["error"]["message"] and lines[-1] == "data: [DONE]"


def test_turns_serve_some_let_some_wait_and_refuse_the_rest() -> None:
    async def scene() -> list[object]:
        turns = Turns(serving=1, waiting=1)
        seen: list[object] = [turns.admit(), turns.admit(), turns.admit()]
        inside, release = threading.Event(), threading.Event()
        order: list[str] = []
        first = asyncio.ensure_future(turns.run(lambda: (order.append("first"), inside.set(), release.wait())))
        second = asyncio.ensure_future(turns.run(lambda: order.append("second")))
        await asyncio.to_thread(inside.wait)
        await asyncio.sleep(0)
        seen += [list(order), turns.admit()]  # the second waits for the first's turn; no room for a third
        release.set()
        await asyncio.gather(first, second)
        return [*seen, order, turns.admit()]  # both counted out

    assert asyncio.run(scene()) == [True, True, False, ["first"], False, ["first", "second"], True]


def test_a_failed_turn_is_counted_out_too() -> None:
    async def scene() -> bool:
        turns = Turns(serving=1, waiting=0)
        assert turns.admit()
        with pytest.raises(RuntimeError):
            await turns.run(lambda: (_ for _ in ()).throw(RuntimeError("boom")))
        return turns.admit()

    assert asyncio.run(scene())


def test_too_many_at_once_get_429(seeded: briefing.Runtime, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Turns, "admit", lambda self: False)
    got = _client(seeded).post("/v1/chat/completions", json={"model": "briefing", "messages": [_user(QUESTION)]})
    assert got.status_code == 429 and got.json()["error"]["type"] == "rate_limit_error"


def test_a_brief_on_an_empty_message_is_on_everything(seeded: briefing.Runtime) -> None:
    body = {"model": "briefing-brief", "messages": [_user("")]}
    done = _client(seeded).post("/v1/chat/completions", json=body).json()
    assert done["choices"][0]["message"]["content"] == briefing.summarize(runtime=seeded).markdown
