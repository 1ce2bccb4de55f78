"""The OpenAI-compatible API of a real `briefing serve --api` (the seed in a tmp store, the real MiniLM, the
extractive engine), used with the official `openai` client as docs/usage.md shows."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest

from briefing import make_article
from tests.conftest import ROOT, SEED
from tests.servers import FOREIGN, briefing_page, free_port, listening

TOKEN = "integration-token-5f1c0a9e7d"
ARMY = "Where is Russia's 41st army stationed?"
YELNYA = "Russia’s 41st army has been stationed in Yelnya, a town 260 kilometers north of the Ukrainian border."
# twenty different questions on the seed, asked at once
QUESTIONS = [
    ARMY,
    "How many troops has Russia stationed on the border?",
    "Who cut off diplomatic ties with NATO?",
    "What did Lloyd Austin say about Putin?",
    "Where did Stoltenberg make his official visit?",
    "What did NATO accuse Russia of deploying?",
    "Which division showed increased military activity?",
    "What did the Kremlin blame for the provocation?",
    "How far is Yelnya from the Ukrainian border?",
    "What did Stoltenberg say would happen if Russia uses force against Ukraine?",
    "What put the International Space Station at risk?",
    "Who is the NATO Secretary-General?",
    "How many nations are in the military organization?",
    "What heavy capabilities has Russia amassed?",
    "What must Russia show, according to the NATO chief?",
    "Who did Austin meet?",
    "What did the satellite imagery reveal?",
    "With which countries will NATO hold a dialogue?",
    "What kind of missile test did Russia conduct?",
    "What did Stoltenberg say about dialogue?",
]


def _env(folder: Path, **more: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFING_") and k not in FOREIGN}
    return env | {"BRIEFING_STORE_DIR": str(folder / "store"), "BRIEFING_ENGINE": "extractive", **more}


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The API's base URL on a served page, with the token set."""
    folder = tmp_path_factory.mktemp("openai-api")
    env = _env(folder, BRIEFING_OPENAI_API="1", BRIEFING_API_TOKEN=TOKEN)
    with briefing_page(folder, env, ingest=[SEED]) as url:
        yield f"{url}v1"


@pytest.fixture
def client(api: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=api, api_key=TOKEN, max_retries=0)


def _ask(client: openai.OpenAI, question: str, **more: Any) -> Any:
    return client.chat.completions.create(model="briefing", messages=[{"role": "user", "content": question}], **more)


def test_the_models_are_listed(client: openai.OpenAI) -> None:
    assert [m.id for m in client.models.list()] == ["briefing", "briefing-brief"]


def test_a_completion_cites_the_passage_and_gives_the_sources_as_data(client: openai.OpenAI) -> None:
    reply = _ask(client, ARMY)
    content = reply.choices[0].message.content
    assert content.startswith("**Yelnya**") and f"{YELNYA} [1]" in content
    assert "## Sources\n\n1. " in content and f"   > {YELNYA}" in content
    data = reply.model_extra["briefing"]
    assert data["question"] == ARMY and data["claims"][0]["text"] == YELNYA and data["claims"][0]["citations"] == [1]
    (source,) = data["sources"]
    assert source["number"] == 1 and source["date"] == "2021-11-27" and source["article_id"]
    quote = next(q for q in source["quotes"] if q["text"] == YELNYA)
    text = make_article(SEED.read_text(encoding="utf-8"), key="seed").text
    assert text[quote["start"] : quote["end"]] == YELNYA  # the exact passage, by its offsets in the article


def test_a_stream_gives_the_same_checked_answer_and_its_data_last(client: openai.OpenAI) -> None:
    whole = _ask(client, ARMY).choices[0].message.content
    chunks = list(_ask(client, ARMY, stream=True))
    assert chunks[0].choices[0].delta.role == "assistant"
    assert "".join(c.choices[0].delta.content or "" for c in chunks) == whole
    assert len(chunks) > 3  # line by line, not one lump
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert chunks[-1].model_extra["briefing"]["sources"][0]["number"] == 1
    assert all("briefing" not in (c.model_extra or {}) for c in chunks[:-1])


def test_a_follow_up_is_read_with_the_conversation(client: openai.OpenAI) -> None:
    first = _ask(client, ARMY).choices[0].message.content
    messages = [
        {"role": "user", "content": ARMY},
        {"role": "assistant", "content": first},
        {"role": "user", "content": "How far is it from the border?"},
    ]
    reply = client.chat.completions.create(model="briefing", messages=messages)
    data = reply.model_extra["briefing"]
    assert "41st army" in data["standalone_question"]  # the turn before made the follow-up stand alone
    assert reply.choices[0].message.content.startswith("**260 kilometers**") and YELNYA in data["claims"][0]["text"]
    alone = _ask(client, "How far is it from the border?").model_extra["briefing"]
    assert alone["standalone_question"] is None or "41st" not in alone["standalone_question"]


def test_twenty_clients_at_once_each_get_their_own_answer(client: openai.OpenAI, api: str) -> None:
    alone = {q: _ask(client, q).choices[0].message.content for q in QUESTIONS}  # one after another first

    def ask(question: str) -> tuple[str, str, str]:
        own = openai.OpenAI(base_url=api, api_key=TOKEN, max_retries=0)  # a client of its own, as a user has
        reply = _ask(own, question)
        return question, reply.model_extra["briefing"]["question"], reply.choices[0].message.content

    with ThreadPoolExecutor(len(QUESTIONS)) as pool:
        together = list(pool.map(ask, QUESTIONS))  # an error in any would raise here
    assert len(together) == 20 and len(set(QUESTIONS)) == 20
    for asked, answered, content in together:
        assert answered == asked and content == alone[asked]
    assert len(set(alone.values())) > 10  # the questions do get different answers


def test_a_brief_on_a_topic(client: openai.OpenAI) -> None:
    reply = client.chat.completions.create(model="briefing-brief", messages=[{"role": "user", "content": "NATO"}])
    content = reply.choices[0].message.content
    assert content.startswith("# ") and "## Bottom line" in content and "## Sources" in content
    assert reply.model_extra["briefing"]["kind"] == "brief" and reply.model_extra["briefing"]["sources"]


def test_a_wrong_or_missing_token_is_refused(api: str) -> None:
    with pytest.raises(openai.AuthenticationError) as wrong:
        _ask(openai.OpenAI(base_url=api, api_key="not-the-token-at-all", max_retries=0), ARMY)
    assert wrong.value.status_code == 401 and "not this server's API token" in str(wrong.value)
    missing = httpx.post(f"{api}/chat/completions", json={"model": "briefing", "messages": []})
    assert missing.status_code == 401 and missing.json()["error"]["code"] == "invalid_api_key"
    assert httpx.get(f"{api}/models").status_code == 401
    assert httpx.get(api.removesuffix("v1")).status_code == 200  # the page itself is the login's, not the token's


def test_another_model_is_404_and_a_bad_request_400(client: openai.OpenAI) -> None:
    with pytest.raises(openai.NotFoundError):
        client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": ARMY}])
    with pytest.raises(openai.BadRequestError) as bad:
        _ask(client, ARMY, extra_body={"briefing": {"since": "last week"}})
    assert "YYYY-MM-DD" in str(bad.value)


def test_the_manuals_openai_example_runs(api: str, tmp_path: Path) -> None:
    text = (ROOT / "docs" / "usage.md").read_text(encoding="utf-8")
    (code,) = [b for b in re.findall(r"^```python\n(.*?)^```", text, re.M | re.S) if "from openai import" in b]
    code = code.replace("http://127.0.0.1:7860/v1", api)
    run = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "BRIEFING_API_TOKEN": TOKEN},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.startswith("**Yelnya** (single source)") and YELNYA in run.stdout
    assert "**260 kilometers**" in run.stdout and "## Bottom line" in run.stdout


def test_the_api_off_this_machine_without_a_token_does_not_start(tmp_path: Path) -> None:
    port = free_port()
    env = _env(tmp_path, BRIEFING_AUTH="ann:secret-pw")
    command = [sys.executable, "-m", "briefing.cli", "serve", "--api", "--host", "0.0.0.0", "--port", str(port)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "serving the API on 0.0.0.0 would let other machines use it" in done.stderr
    assert not listening(port)()


def test_with_a_page_login_the_api_needs_the_token_and_without_one_is_closed(tmp_path: Path) -> None:
    question = {"model": "briefing", "messages": [{"role": "user", "content": ARMY}]}
    env = _env(tmp_path / "token", BRIEFING_AUTH="ann:secret-pw", BRIEFING_OPENAI_API="1", BRIEFING_API_TOKEN=TOKEN)
    with briefing_page(tmp_path / "token", env, ingest=[SEED]) as url:
        reply = _ask(openai.OpenAI(base_url=f"{url}v1", api_key=TOKEN, max_retries=0), ARMY)
        assert YELNYA in reply.choices[0].message.content  # the token is enough: no page login for the API
        assert httpx.get(f"{url}config").status_code == 401  # the page still needs its login
        assert httpx.post(f"{url}v1/chat/completions", json=question).status_code == 401
    env = _env(tmp_path / "closed", BRIEFING_AUTH="ann:secret-pw", BRIEFING_OPENAI_API="1")
    with briefing_page(tmp_path / "closed", env, ingest=[SEED]) as url:
        closed = httpx.post(f"{url}v1/chat/completions", json=question, headers={"Authorization": "Bearer x"})
        assert closed.status_code == 401 and "no API token" in closed.json()["error"]["message"]
        signed_in = httpx.post(f"{url}v1/chat/completions", json=question, auth=("ann", "secret-pw"))
        assert signed_in.status_code == 401  # a page login is no way in to the API
