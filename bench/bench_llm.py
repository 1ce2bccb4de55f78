"""LLM engines on the seed: time to first token and total time of `ask`, in-process (`local`) and through a
llama.cpp OpenAI-compatible server, against the raw limit (the same model's own generation, no retrieval or
check); and what the citation check did with the generated sentences.

Run: .venv/bin/python bench/bench_llm.py   (needs the `local` extra)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import briefing
from briefing.config import Settings
from briefing.models.llama import LlamaCppChat, default_gguf
from briefing.models.minilm import TorchMiniLM as MiniLMEmbeddings

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # for tests/servers.py, shared with the integration tests
from tests.servers import llama_server  # noqa: E402

QUESTIONS = [
    "How many troops has Russia stationed on the border?",
    "Where is Russia's 41st army stationed?",
    "What did Stoltenberg warn Russia about?",
    "Who cut off diplomatic ties with NATO?",
    "What did the Kremlin blame?",
]


def timed_ask(rt: briefing.Runtime, question: str) -> tuple[float, float, briefing.Answer]:
    start = time.monotonic()
    first = None
    stream = briefing.ask_stream(question, runtime=rt)
    for _ in stream:
        first = first if first is not None else time.monotonic() - start
    answer = stream.result()
    return first if first is not None else float("nan"), time.monotonic() - start, answer


def main() -> None:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    embedder = MiniLMEmbeddings()
    rows = []
    verdicts: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp, llama_server(Path(tmp) / "llama") as url:
        base = Settings(store_dir=Path(tmp), progress=False)
        briefing.ingest([ROOT / "seeds"], runtime=briefing.Runtime(base, embedder=embedder))
        raw = LlamaCppChat(model_path=str(default_gguf()), n_ctx=2048, max_tokens=base.max_tokens)
        engines = {
            "local (in-process)": briefing.Runtime(base.model_copy(update={"engine": "local"}), embedder=embedder),
            "llama.cpp server": briefing.Runtime(
                base.model_copy(update={"engine": "openai", "openai_base_url": url}),
                embedder=embedder,
            ),
        }
        timed_ask(engines["local (in-process)"], QUESTIONS[0])  # load the model once before timing
        for name, rt in engines.items():
            firsts, totals = [], []
            for question in QUESTIONS:
                first, total, answer = timed_ask(rt, question)
                firsts.append(first)
                totals.append(total)
                if answer.check:
                    verdicts.update(v.status for v in answer.check.verdicts)
                shown = answer.text[:70].replace("\n", " ")
                print(f"{name:20s} ttft {first:5.2f} s total {total:5.2f} s  {question[:40]:40s} -> {shown}")
            rows.append((name, statistics.median(firsts), statistics.median(totals)))
        start = time.monotonic()
        first = None
        for _ in raw.stream("Where is Russia's 41st army stationed? Answer in one sentence."):
            first = first if first is not None else time.monotonic() - start
        rows.append(("raw model (no RAG)", first or float("nan"), time.monotonic() - start))
    print("\nmedian over", len(QUESTIONS), "questions on the seed")
    for name, first, total in rows:
        print(f"  {name:22s} time to first token {first:5.2f} s   total {total:5.2f} s")
    checked = sum(verdicts.values())
    print(
        f"citation check over both engines: {checked} sentences, "
        + ", ".join(f"{k} {v} ({v / max(1, checked):.0%})" for k, v in sorted(verdicts.items()))
    )


if __name__ == "__main__":
    main()
