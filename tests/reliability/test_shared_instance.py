"""One collection's failed write must not stop the others: the page serves every collection of a store
folder from one Chroma instance, which a failed write (a full disk, a file-size limit) has to close."""

from __future__ import annotations

from typing import Any

import pytest
from chromadb.api.models.Collection import Collection
from chromadb.errors import InternalError

import briefing
from briefing.ui import Handlers

ALPHA = "Ministers met in Riga on Tuesday to discuss grain corridors. They agreed to meet again in May."
BRAVO = "The port of Odesa reopened on Monday after a week of closures. Officials said 40 ships were waiting."
LATER = "Dock workers in Gdansk signed a new contract on Friday after talks that lasted three weeks."


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> dict[str, bool]:
    """Writes to the `alpha` collections fail as SQLite fails on a full disk, while `full` is set."""
    state = {"full": True}
    real = Collection.upsert

    def upsert(self: Collection, *args: Any, **kwargs: Any) -> None:
        if state["full"] and self.name.startswith("alpha"):
            raise InternalError("database or disk is full")
        real(self, *args, **kwargs)

    monkeypatch.setattr(Collection, "upsert", upsert)
    return state


def test_a_failed_write_in_one_collection_leaves_the_others_answering(
    fake_runtime: briefing.Runtime, full_disk: dict[str, bool]
) -> None:
    """A write to collection `alpha` fails (the disk is full): collection `bravo` still answers and takes
    articles, and `alpha` takes its article once there is space again, without a restart. Before, every
    collection answered "'RustBindingsAPI' object has no attribute 'bindings'" until the page restarted."""
    page = Handlers(fake_runtime)
    assert page.ingest_text(BRAVO, collection="bravo").startswith("1 added")
    assert "Odesa" in briefing.ask("When did the port of Odesa reopen?", runtime=page.on("bravo")).text

    failed = page.ingest_text(ALPHA, collection="alpha")
    assert failed.startswith("⚠️") and "no space left" in failed

    answer = briefing.ask("When did the port of Odesa reopen?", runtime=page.on("bravo"))
    assert "Odesa" in answer.text and not answer.abstained
    assert page.ingest_text(LATER, collection="bravo").startswith("1 added")
    assert [a.title for a in briefing.list_articles(runtime=page.on("briefing"))] == []

    full_disk["full"] = False  # space freed
    assert page.ingest_text(ALPHA, collection="alpha").startswith("1 added")
    assert "Riga" in briefing.ask("Where did ministers discuss grain corridors?", runtime=page.on("alpha")).text
    assert len(briefing.list_articles(runtime=page.on("bravo"))) == 2
