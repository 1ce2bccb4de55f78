"""Helpers for the crash tests: run `briefing` in a subprocess that SIGKILLs itself at a chosen call, and read
back everything a store holds so two stores can be compared."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import briefing
from briefing.config import Settings
from briefing.store.quotable import sentence_hits
from briefing.store.store import Store

ROOT = Path(__file__).resolve().parents[2]
# Small chunks and one article per write group, so an ingest makes many writes to die between.
SETTINGS = {"BRIEFING_CHUNK_SIZE": "200", "BRIEFING_CHUNK_OVERLAP": "40", "BRIEFING_BATCH_CHARS": "1"}

# The killed process: wraps one method (of a Store, a KeywordIndex, a Chroma collection or a Path) so that its
# n-th call (optionally only on one collection) kills the process before or after it runs, then runs the CLI.
DRIVER = """
import json, os, signal, sys, time
from pathlib import Path
from chromadb.api.models.Collection import Collection
from briefing import cli
from briefing.pipeline import writer
from briefing.sources import web
from briefing.store import keywords, store

plan = json.loads(sys.argv[1])
owner = {
    "Store": store.Store,
    "KeywordIndex": keywords.KeywordIndex,
    "Collection": Collection,
    "Path": Path,
    "Fetcher": web.Fetcher,
}[plan["owner"]]
real = getattr(owner, plan["method"])
calls = [0]
writers = []

def die():
    if plan.get("queued"):  # wait until the main thread has handed the writer another batch
        deadline = time.monotonic() + 30
        while not any(w.waiting.qsize() for w in writers) and time.monotonic() < deadline:
            time.sleep(0.01)
        if any(w.waiting.qsize() for w in writers):
            Path(plan["queued"]).write_text("queued")
    os.kill(os.getpid(), signal.SIGKILL)

def hooked(self, *args, **kwargs):
    skip = plan.get("collection") and getattr(self, "name", None) != plan["collection"]
    if skip or plan.get("match", "") not in repr((args, kwargs)):  # only the calls that count
        return real(self, *args, **kwargs)
    calls[0] += 1
    if calls[0] == plan["n"] and plan["when"] == "before":
        die()
    out = real(self, *args, **kwargs)
    if calls[0] == plan["n"] and plan["when"] == "after":
        die()
    return out

setattr(owner, plan["method"], hooked)
if plan.get("page"):  # Chroma writes in pages of this many rows, so one article takes several upserts
    opened = store.Store.__init__
    def paged(self, *args, **kwargs):
        opened(self, *args, **kwargs)
        self._batch = self._write_batch = plan["page"]
    store.Store.__init__ = paged
made = writer.Writer.__init__
def watched(self, *args, **kwargs):
    made(self, *args, **kwargs)
    writers.append(self)
writer.Writer.__init__ = watched
sys.argv = ["briefing", *plan["argv"]]
cli.main()
"""


def env(store: Path, **extra: str) -> dict[str, str]:
    """The environment of a `briefing` subprocess on `store`: this checkout, fake embeddings, small writes (and
    `extra` settings)."""
    drop = ("CHROMA_HOST", "CHROMA_PORT", "OPENAI_API_KEY", "OPENAI_BASE_URL")
    base = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFING_") and k not in drop}
    return {
        **base,
        **SETTINGS,
        "PYTHONPATH": os.environ["PYTHONPATH"],  # this checkout and the test plugin (tests/conftest.py)
        "BRIEFING_STORE_DIR": str(store),
        "BRIEFING_EMBEDDER": "words",
        "BRIEFING_PROGRESS": "false",
        "HF_HUB_OFFLINE": "1",
        "ANONYMIZED_TELEMETRY": "False",
        **extra,
    }


def run(store: Path, *argv: str, check: bool = True, **extra: str) -> subprocess.CompletedProcess[str]:
    """A normal `briefing` command on `store` (with `extra` settings)."""
    command = [sys.executable, "-m", "briefing.cli", *argv]
    done = subprocess.run(command, env=env(store, **extra), capture_output=True, text=True, timeout=300)
    assert not check or done.returncode == 0, done.stderr
    return done


def run_killed(store: Path, plan: dict[str, Any], **extra: str) -> subprocess.CompletedProcess[str]:
    """A `briefing` command that SIGKILLs itself as `plan` says; fails unless it did die there."""
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, json.dumps(plan)],
        env=env(store, **extra),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == -signal.SIGKILL, f"not killed at {plan}: {done.returncode}\n{done.stderr[-2000:]}"
    return done


def runtime(store: Path) -> briefing.Runtime:
    sizes = {"chunk_size": 200, "chunk_overlap": 40, "batch_chars": 1}
    return briefing.Runtime(Settings(store_dir=store, embedder="words", progress=False, **sizes))


def rows(store: Store, collection: Any) -> dict[str, dict[str, Any]]:
    got = store._get(collection, include=["metadatas"])
    return {i: dict(m or {}) for i, m in zip(got["ids"], got["metadatas"], strict=True)}


def contents(store: Store) -> dict[str, Any]:
    """Everything a store holds that a clean run decides: catalog entries (without their time of writing),
    chunk and sentence ids with their article and copy group."""
    times = ("ingested_at", "ingested")
    catalog = {i: {k: v for k, v in m.items() if k not in times} for i, m in rows(store, store.catalog).items()}
    keep = ("article_id", "copy_of", "origin", "chunk", "start", "end")
    chunks = {i: {k: m.get(k) for k in keep} for i, m in rows(store, store.chunks).items()}
    records = rows(store, store.quotable)
    said = sentence_hits(list(records), list(records.values()))
    sentences = {p.id: {k: m.get(k) for k in keep} for p, m in zip(said.passages, said.meta, strict=True)}
    return {"catalog": catalog, "chunks": chunks, "sentences": sentences}


def problems(held: dict[str, Any]) -> list[str]:
    """What is wrong with a store's contents: entries not ready, orphans, counts that disagree, broken groups."""
    found = []
    catalog = held["catalog"]
    for i, m in catalog.items():
        if m.get("status") != "ready":
            found.append(f"{i} is {m.get('status')}")
        leader = m.get("copy_of")
        if leader and (leader not in catalog or catalog[leader].get("copy_of")):
            found.append(f"{i} is a copy of {leader}, which is no group's first article")
    for part in ("chunks", "sentences"):
        per_article: dict[str, int] = {}
        for i, m in held[part].items():
            article = m["article_id"]
            per_article[article] = per_article.get(article, 0) + 1
            if article not in catalog:
                found.append(f"{part[:-1]} {i} of {article}, which the catalog lacks (orphan)")
                continue
            group = catalog[article]["copy_of"]
            if (m["copy_of"], m["origin"]) != (group, group or article):
                found.append(f"{part[:-1]} {i} has copy group {m['copy_of']!r}, its article {group!r}")
        for article, m in catalog.items():
            if per_article.get(article, 0) != int(m.get(part, -1)):
                found.append(f"{article} has {per_article.get(article, 0)} {part}, its entry says {m.get(part)}")
    return found
