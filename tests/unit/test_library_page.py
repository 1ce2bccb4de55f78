"""The page's library (filters, ticked rows, copy-of, counts), collections per session, and the brief history
on the Brief tab: pure functions and the events as plain functions over the fake embedder."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

import briefing
from briefing.ui import Handlers
from briefing.ui.history import History
from briefing.ui.library import ALL, Library, counts, filtered_articles, rows, sources, ticked
from tests.conftest import SEED, unmarked


def entry(i: str, title: str, source: str, date: str | None, chunks: int = 1, copy_of: str = ""):
    return briefing.StoredArticle(i, title, source, date, "", chunks, copy_of)


ENTRIES = [
    entry("a1", "Odesa port reopens", "Harbour Post", "2024-03-04", 2),
    entry("b2", "Grain ships wait at Odesa", "Coastal Times", "2024-03-05", 3),
    entry("c3", "Odesa port reopens, officials say", "Wire Daily", "2024-03-04", 2, copy_of="a1"),
    entry("d4", "Undated note on grain", "harbour post", None, 1),
]


@pytest.mark.parametrize(
    ("source", "since", "until", "title", "expected"),
    [
        (ALL, "", "", "", ["b2", "c3", "a1", "d4"]),  # newest first, undated last
        ("", None, None, "", ["b2", "c3", "a1", "d4"]),
        ("Harbour Post", "", "", "", ["a1", "d4"]),  # outlets match whatever their case
        ("", "2024-03-05", "", "", ["b2"]),
        ("", "", "2024-03-04", "", ["c3", "a1"]),  # undated ones only without dates
        ("", "", "", "odesa PORT", ["c3", "a1"]),  # every word, any case
        ("", "", "", "grain", ["b2", "d4"]),
        ("Nobody", "", "", "", []),
    ],
)
def test_pick(source, since, until, title, expected) -> None:
    assert [a.id for a in filtered_articles(ENTRIES, source, since, until, title)] == expected


def test_pick_says_when_a_date_cannot_be_read() -> None:
    with pytest.raises(briefing.BriefingError, match="YYYY-MM-DD"):
        filtered_articles(ENTRIES, since="March")


def test_rows_counts_sources_and_ticked() -> None:
    shown = filtered_articles(ENTRIES, title="odesa")
    table = rows(shown, ENTRIES)
    assert table[0] == [False, "Grain ships wait at Odesa", "Coastal Times", "2024-03-05", 3, "", "b2"]
    assert table[1][5] == "Odesa port reopens"  # copy of: the original's title
    assert rows([entry("x", "t", "s", None, copy_of="gone0123456789")], [])[0][5] == "gone01234567"
    assert counts(ENTRIES, shown) == "**4 articles, 8 chunks** · 3 shown"
    assert counts(ENTRIES, ENTRIES) == "**4 articles, 8 chunks**"
    assert sources(ENTRIES) == [ALL, "Coastal Times", "Harbour Post", "Wire Daily"]
    table[0][0], table[2][0] = True, "true"
    assert ticked(table) == ["b2", "a1"]
    assert ticked(pd.DataFrame(table)) == ["b2", "a1"]
    assert ticked([]) == [] and ticked(None) == []


@pytest.fixture
def h(fake_runtime: briefing.Runtime) -> Handlers:
    briefing.ingest([SEED], runtime=fake_runtime)
    return Handlers(fake_runtime)


def test_a_session_switches_collections_and_chat_brief_library_follow(h: Handlers) -> None:
    lib = Library(h)
    update, note, cleared = lib.create("ukraine-desk", "briefing")
    assert update["value"] == "ukraine-desk" and "ukraine-desk" in note and cleared == ""
    assert update["choices"] == ["briefing", "ukraine-desk"]
    assert briefing.collections(runtime=h.rt) == ["briefing", "ukraine-desk"]
    assert h.on("ukraine-desk").embedder is h.rt.embedder and h.on("ukraine-desk") is h.on(" ukraine-desk ")
    assert h.on("ukraine-desk").engine is h.rt.engine
    table, line, _ = lib.show("ukraine-desk")
    assert table == [] and line.startswith("**0 articles")
    *_, (messages, _, _) = h.chat("Where is Russia's 41st army stationed?", [], [], collection="ukraine-desk")
    assert "holds no articles" in messages[-1]["content"]
    *_, (messages, _, _) = h.chat("Where is Russia's 41st army stationed?", [], [], collection="briefing")
    assert "Yelnya" in messages[-1]["content"]
    assert h.brief("", "", "", "", "ukraine-desk")[0].count("No articles match") == 1
    # a question or a brief asked of a collection the store lacks says so, and makes none
    *_, (messages, _, _) = h.chat("Troops?", [], [], collection="no-such-desk")
    assert messages[-1]["content"] == "⚠️ the store has no collection 'no-such-desk'; adding an article to it makes it"
    assert h.brief("", "", "", "", "no-such-desk")[0].startswith("⚠️ the store has no collection")
    assert "no-such-desk" not in briefing.collections(runtime=h.rt)
    h.paste("Riga talks", "2024-05-01", "wire", "Ministers met in Riga on Tuesday.", "ukraine-desk")
    table, line, choices = lib.show("ukraine-desk")
    assert [row[1] for row in table] == ["Riga talks"] and choices["choices"] == [ALL, "wire"]
    assert lib.show("briefing")[1].startswith("**1 articles")


@pytest.mark.parametrize("name", ["ab", "-starts-with-dash", "has space", "a..b", "x-articles", "é-accent"])
def test_a_bad_collection_name_is_refused_with_chromas_rules(h: Handlers, name: str) -> None:
    update, note, kept = Library(h).create(name, "briefing")
    assert update == {"__type__": "update"} and note.startswith("⚠️") and "3-200" in note and kept == name
    assert briefing.collections(runtime=h.rt) == ["briefing"]


def test_the_library_filters_and_deletes_the_ticked_rows(h: Handlers) -> None:
    lib = Library(h)
    h.paste("Riga talks", "2024-05-01", "wire", "Ministers met in Riga on Tuesday.")
    h.paste("Tallinn talks", "2024-05-02", "wire", "Ministers met in Tallinn on Wednesday.")
    table, line, choices = lib.show("", "wire", "", "", "talks")
    assert [row[1] for row in table] == ["Tallinn talks", "Riga talks"] and line.endswith("· 2 shown")
    assert choices["value"] == "wire"
    assert lib.show("", "wire", "not a date")[1].startswith("⚠️")
    table[0][0] = table[1][0] = True
    message, table, line, _ = lib.delete(table, "", "wire", "", "", "talks")
    assert message == "Removed 2 article(s) (2 chunks)." and table == [] and line.startswith("**1 articles")
    assert lib.show("", "wire")[2]["value"] == ALL  # the outlet is gone from the store, so from the choices


def test_the_brief_tab_lists_the_kept_briefs_and_opens_one(h: Handlers) -> None:
    history = History(h)
    assert history.show() == []
    first, md, html, pdf, docx, picture = h.brief("Russia troops", "2021-01-01", "", "")
    h.brief("", "", "", "")
    listed = history.show()
    assert [row[1:4] for row in listed] == [["(everything)", "", 1], ["Russia troops", "since 2021-01-01", 1]]
    assert listed[0][0].endswith(" UTC")
    text, *files = history.open("", SimpleNamespace(row_value=listed[1]))
    assert text == unmarked(first) and files == [md, html, pdf, docx, picture]  # shown with plain [n] marks
    assert all(Path(f).parent == Path(md).parent for f in (html, pdf, docx))  # written into its history folder
    assert history.open("", SimpleNamespace(row_value=["x", "gone"]))[0].startswith("⚠️")
    assert history.show("other-desk") == []
