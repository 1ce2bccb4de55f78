"""Many visitors at once on the real page: `briefing serve` (real MiniLM, the extractive engine) driven
through the `gradio_client` package and the page's named endpoints (`/ask`, `/ingest_text`), each session its
own `Client` in its own thread, all let go at once.

Twenty articles each hold one fact no other holds: how many containers one port handled. Each session
asks about its own port, and its answer must carry that port's figure and cite that port's article, and
no other port's (no cross-talk). Then ten sessions ask while an article is added; it lands and is then
answered.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from tests.servers import briefing_page

pytestmark = pytest.mark.integration

PORTS = [
    "Valdora", "Brenmoor", "Castellan", "Dunwick", "Elmsford", "Farrowby", "Glenhaven", "Harwick", "Istrada",
    "Jorvale", "Kestrel Bay", "Lunmouth", "Marrowgate", "Northcliff", "Ostenholm", "Pellham", "Quarrytown",
    "Rivenport", "Stonebridge", "Tarnholt", "Umberfield",
]  # fmt: skip
STORED = 20  # the last port's article is uploaded during the second test


def figure(i: int) -> str:
    return f"{(i + 3) * 1117:,}"


def article(i: int) -> dict[str, str]:
    port = PORTS[i]
    return {
        "title": f"{port} port reports a record month",
        "source": f"{port} Gazette",
        "date": f"2024-04-{i + 1:02d}",
        "text": f"The port of {port} handled {figure(i)} containers in March, the harbour authority of {port} "
        f"said on Monday. Officials in {port} said a new crane had shortened waiting times for ships. Dock "
        f"workers in {port} welcomed the figures and asked for more staff at the terminal.",
    }


def question(i: int) -> str:
    return f"How many containers did the port of {PORTS[i]} handle in March?"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("busy-page")
    data = folder / "ports.json"
    data.write_text(json.dumps([article(i) for i in range(STORED)]), encoding="utf-8")
    env = {**os.environ, "BRIEFING_STORE_DIR": str(folder / "store"), "BRIEFING_ENGINE": "extractive"}
    for key in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "CHROMA_HOST", "BRIEFING_EMBEDDER"):
        env.pop(key, None)
    with briefing_page(folder, env, ingest=[data]) as url:
        yield url


def ask(url: str, i: int, start: threading.Barrier) -> str:
    """One session: its own client, asking its port's question through the page's `/ask`."""
    from gradio_client import Client

    client = Client(url, verbose=False)
    start.wait(timeout=120)
    return str(client.predict(question(i), api_name="/ask"))


def assert_own_answer(text: str, i: int) -> None:
    """The answer states port i's figure, cites port i's article, and names no other port."""
    assert figure(i) in text, text
    assert text.count("[1]") == 1 and "[2]" not in text, text  # one source, cited once
    assert f"1. *{PORTS[i]} port reports a record month* — {PORTS[i]} Gazette" in text, text
    others = [port for n, port in enumerate(PORTS) if n != i and port in text]
    assert others == [], f"the answer about {PORTS[i]} names {others}: {text}"


def run_at_once(jobs: list[Callable[[threading.Barrier], Any]]) -> tuple[list[Any], list[str]]:
    """Each job in its own thread, all released together; their results, and every error."""
    start = threading.Barrier(len(jobs))
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        futures = [pool.submit(job, start) for job in jobs]
        results, errors = [], []
        for future in futures:
            try:
                results.append(future.result(timeout=600))
            except Exception as exc:
                results.append(None)
                errors.append(repr(exc))
    return results, errors


def test_20_sessions_at_once_each_get_their_own_answer_0_errors(app: str) -> None:
    """20 sessions, 20 different questions at once: 20 correct answers, each citing its own article; 0 errors."""
    answers, errors = run_at_once([lambda start, i=i: ask(app, i, start) for i in range(STORED)])
    assert errors == []
    for i, text in enumerate(answers):
        assert_own_answer(text, i)


def test_an_article_added_while_10_sessions_ask_lands_and_is_answered(app: str) -> None:
    """An article added (`/ingest_text`) while 10 sessions ask: 10 correct answers, 0 errors, the article
    lands, and a session asking about it afterwards gets its fact."""
    from gradio_client import Client

    new = STORED
    added = article(new)

    def upload_it(start: threading.Barrier) -> Any:
        client = Client(app, verbose=False)
        start.wait(timeout=120)
        return client.predict(added["text"], added["title"], added["date"], added["source"], api_name="/ingest_text")

    jobs = [lambda start, i=i: ask(app, i, start) for i in range(10)]
    results, errors = run_at_once([*jobs, upload_it])
    assert errors == []
    for i, text in enumerate(results[:10]):
        assert_own_answer(text, i)
    assert results[10] == "1 added, 0 unchanged, 0 replaced; 1 chunks written; 0 skipped"
    library, counts, _ = Client(app, verbose=False).predict("briefing", "All sources", "", "", "", api_name="/library")
    assert f"**{STORED + 1} articles" in counts
    assert any(row[1] == f"{PORTS[new]} port reports a record month" for row in library["data"])
    (answer,), _ = run_at_once([lambda start: ask(app, new, start)])
    assert_own_answer(answer, new)
