"""What one visitor can make the page hold: collections made through the page stop at
`BRIEFING_MAX_COLLECTIONS` with a message, and the page keeps the runtimes (with what they hold open) of
the few collections used last only."""

from __future__ import annotations

import briefing
from briefing.config import Settings
from briefing.ui import Handlers
from briefing.ui.handlers import OPEN
from tests.fakes import WordEmbeddings

TEXT = "Ministers met in Riga on Tuesday to discuss grain corridors. They agreed to meet again in May."


def test_a_visitor_cannot_make_more_collections_than_the_setting(settings: Settings) -> None:
    """With a limit of 5 (the page's own counts): 4 more are made, the 5th more is refused with the setting
    named, nothing of it is made, and the existing ones still take articles. Before, every name made one."""
    rt = briefing.Runtime(settings.model_copy(update={"max_collections": 5}), embedder=WordEmbeddings())
    page = Handlers(rt)
    assert page.ingest_text(TEXT).startswith("1 added")
    for n in range(4):
        assert page.ingest_text(TEXT, collection=f"desk-{n}").startswith("1 added")
    refused = page.ingest_text(TEXT, collection="desk-4")
    assert refused.startswith("⚠️") and "BRIEFING_MAX_COLLECTIONS=5" in refused
    assert briefing.collections(runtime=rt) == ["briefing", "desk-0", "desk-1", "desk-2", "desk-3"]
    assert page.ingest_text(TEXT + " Again.", collection="desk-2").startswith("1 added")


def test_the_page_lets_go_of_collections_used_long_ago(settings: Settings) -> None:
    """A visitor going through 3 x OPEN collections leaves the page holding the runtimes of the OPEN used
    last (and its own); one let go opens again when asked. Before, every runtime was kept for good."""
    rt = briefing.Runtime(settings.model_copy(update={"max_collections": 100}), embedder=WordEmbeddings())
    page = Handlers(rt)
    names = [f"desk-{n}" for n in range(3 * OPEN)]
    for name in names:
        assert page.ingest_text(TEXT, collection=name).startswith("1 added")
        assert not briefing.ask("Where did ministers discuss grain corridors?", runtime=page.on(name)).abstained
    assert list(page._runtimes) == names[-OPEN:]
    assert page.on("") is rt
    assert len(briefing.list_articles(runtime=page.on(names[0]))) == 1
