"""The page's library (filters, ticked rows, copy-of, counts), collections per session, and the brief history
on the Brief tab: pure functions and the events as plain functions over the fake embedder."""

from __future__ import annotations

from dataclasses import astuple
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

import briefing
from briefing.ui import Handlers
from briefing.ui.history import History
from briefing.ui.library import ALL, Library, counts, filtered_articles, rows, sources, ticked
from tests.conftest import ROOT, SEED, unmarked


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
    assert h.brief("", "", "", "", "ukraine-desk")[0].count("holds no articles") == 1
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
    message, _, table, line, _ = lib.delete(ticked(table), "", "wire", "", "", "talks")
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


def stored(rt: briefing.Runtime) -> tuple[list[tuple], dict[str, tuple], dict[str, dict]]:
    """Everything a delete and its undo touch: the library's rows, each chunk (text, metadata, vector), each
    article's sentence record."""
    store = rt.store
    chunks = store.chunks.get(include=["documents", "metadatas", "embeddings"])
    rows = zip(chunks["ids"], chunks["documents"], chunks["metadatas"], chunks["embeddings"], strict=True)
    sentences = store.quotable.get(include=["metadatas"])
    return (
        sorted(astuple(a) for a in briefing.list_articles(runtime=rt)),
        {i: (d, m, tuple(round(float(x), 6) for x in v)) for i, d, m, v in rows},
        dict(zip(sentences["ids"], sentences["metadatas"], strict=True)),
    )


def test_a_delete_asks_first_and_its_undo_puts_the_articles_back_whole(h: Handlers) -> None:
    briefing.ingest([ROOT / "tests" / "data" / "port_strike.jsonl"], runtime=h.rt)
    lib = Library(h)
    before = stored(h.rt)
    table, _, _ = lib.show()
    assert lib.ask(table) == ("⚠️ Tick the articles to delete first.", "", [])
    wire = next(row for row in table if row[1] == "Dockers strike at Port Selwyn")  # first of a copy group
    copy = next(row for row in table if row[1] == "Port Selwyn dockers walk out")
    assert copy[5] == wire[1]
    for row in table:
        row[0] = row[1] in ("Dockers strike at Port Selwyn", "Selwyn Rovers win the county cup")
    message, question, ids = lib.ask(table)
    assert message == "" and ids == [next(r[-1] for r in table if "Rovers" in r[1]), wire[-1]]
    assert question.splitlines() == [
        "**Delete 2 article(s)?** Their chunks go with them.",
        "- Selwyn Rovers win the county cup",  # in the table's order: newest first
        "- Dockers strike at Port Selwyn",
    ]
    message, undo, table, line, _ = lib.delete(ids)
    assert message == "Removed 2 article(s) (2 chunks)." and line.startswith("**9 articles")
    assert next(row for row in table if row[-1] == copy[-1])[5] not in ("", wire[1])  # its group renamed
    message, table, line, _ = lib.undo(undo)
    assert message == "Put back 2 article(s)." and line.startswith("**11 articles")
    assert stored(h.rt) == before  # entries, copy groups, chunks with their vectors, sentences: as they were
    *_, (messages, _, _) = h.chat("Which football club won the county cup?", [], [])
    assert "Selwyn Rovers" in messages[-1]["content"]  # found again (the keyword index follows)
    assert lib.undo(undo)[0] == "Put back 0 article(s). 2 were in the store again already."
    assert lib.undo(None)[0] == "⚠️ Nothing to undo."
    assert lib.delete([])[0].startswith("⚠️") and lib.delete(["0" * 16])[1] is None


def test_the_brief_history_keeps_one_row_per_ask_with_its_versions_inside(h: Handlers) -> None:
    history = History(h)
    first = h.brief("Russia troops", "", "", "")
    h.paste("Riga talks", "2024-05-01", "wire", "Ministers met in Riga on Tuesday to discuss Russia's troops.")
    second = h.brief("russia  troops", "", "", "")  # the same ask, rerun (typed differently)
    h.brief("Russia troops", "2021-01-01", "", "")  # another ask: other filters
    third = h.brief("Russia troops", "", "", "")
    listed = history.show()
    assert [row[1:5] for row in listed] == [["Russia troops", "", 2, 3], ["Russia troops", "since 2021-01-01", 2, 1]]
    assert history.open("", SimpleNamespace(row_value=listed[0]))[1] == third[1]  # the newest version
    versions = history.versions("", listed[0][-1])
    assert [label.endswith(" (newest)") for label, _ in versions] == [True, False, False]
    assert [label.split(" · ")[1].split(" ")[0] for label, _ in versions] == ["2", "2", "1"]
    assert history.open_id("", versions[1][1])[1] == second[1]
    assert history.open_id("", versions[2][1])[1] == first[1]
    assert history.versions("", listed[1][-1])[0][1] == listed[1][-1] and len(history.versions("", "gone")) == 0


OUTLETS = [
    entry("e1", "Port reopens", "bbc.co.uk", "2024-05-14"),
    entry("e2", "Dockers vote", "Reuters", "2024-05-13"),
    entry("e3", "Field note", "", "2024-05-12"),
]


@pytest.mark.parametrize(
    ("source", "expected"),
    [("BBC", ["e1"]), ("bbc", ["e1"]), ("reuters.com", ["e2"]), ("no outlet", ["e3"]), ("Guardian", [])],
)
def test_pick_matches_outlets_loosely(source: str, expected: list[str]) -> None:
    assert [a.id for a in filtered_articles(OUTLETS, source)] == expected


def test_outlets_without_a_name_show_as_no_outlet() -> None:
    assert sources(OUTLETS) == [ALL, "bbc.co.uk", "Reuters", "no outlet"]
    assert rows(filtered_articles(OUTLETS, "no outlet"), OUTLETS)[0][2] == "no outlet"


def test_the_source_fields_list_the_collections_outlets(h: Handlers, tmp_path: Path) -> None:
    (tmp_path / "b.md").write_text("---\nsource: Harbour Times\n---\nThe port of Odesa reopened on Monday.\n")
    briefing.ingest([tmp_path / "b.md"], runtime=h.rt)
    chat, brief = Library(h).outlets("")
    assert chat["choices"] == brief["choices"] == [ALL, "Harbour Times", "no outlet"]


def test_the_brief_tab_takes_a_source(h: Handlers, tmp_path: Path) -> None:
    (tmp_path / "b.md").write_text("---\nsource: Harbour Times\n---\nThe port of Odesa reopened on Monday.\n")
    briefing.ingest([tmp_path / "b.md"], runtime=h.rt)
    markdown, *_ = h.brief("", "", "", "", "", "harbour times")
    assert "Harbour Times" in markdown and "NATO" not in markdown
    everything, *_ = h.brief("", "", "", "", "", ALL)
    assert "Harbour Times" in everything and "NATO" in everything
    missing, *files = h.brief("", "", "", "", "", "Guardian")
    assert "no outlet in the store matches the source 'Guardian'" in missing and files == [None] * 5
