"""The page's handlers as plain functions, with the fake embedding, a tmp_path store and fake chat models."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PIL import Image

import briefing
from briefing.ui import Handlers, build, read_auth
from briefing.ui.library import Library
from tests.conftest import ROOT, SEED, unmarked
from tests.fakes import RecordingChat


@pytest.fixture
def handlers(fake_runtime: briefing.Runtime) -> Handlers:
    briefing.ingest([SEED], runtime=fake_runtime)
    return Handlers(fake_runtime)


def test_chat_streams_then_shows_the_checked_answer_with_sources(handlers: Handlers) -> None:
    chat = RecordingChat(
        responses=[
            "Russia’s 41st army has been stationed in Yelnya, a town 260 kilometers north of the "
            "Ukrainian border [1]. Aliens landed [1]."
        ]
    )
    h = Handlers(
        briefing.Runtime(handlers.rt.settings, embedder=handlers.rt.embedder, store=handlers.rt.store, chat=chat)
    )
    updates = list(h.chat("Where is Russia's 41st army stationed?", [], []))
    assert len(updates) > 3  # the draft streams in
    messages, turns, cleared = updates[-1]
    final = messages[-1]["content"]
    assert "Yelnya" in final and "[1]" in final and "Aliens" not in final
    assert "citation check: 2 sentences checked, 1 supported, 0 repaired, 1 dropped" in final
    assert "<details><summary>[1]" in final and "<blockquote>" in final
    said = "Russia’s 41st army has been stationed in Yelnya, a town 260 kilometers north of the Ukrainian border."
    lead = "**Yelnya** (single source) — "  # the short answer the checked answer gives, first
    assert turns == [("Where is Russia's 41st army stationed?", f"{lead}{said} [1]")]  # the history holds plain text
    assert final.startswith(f'{lead}{said} <span class="cite open-')  # the page shows [1] openable
    assert 'class="claim-status status-supported"' in final.split("\n\n")[0]
    assert cleared == ""


def test_chat_abstains_and_reports_errors_without_raising(handlers: Handlers) -> None:
    *_, (messages, _, _) = handlers.chat("What is the recipe for sourdough bread?", [], [])
    assert "don't cover" in messages[-1]["content"]
    *_, (messages, _, _) = handlers.chat("   ", messages, [])
    assert messages[-1]["content"].startswith("⚠️ Type a question")
    *_, (messages, _, _) = handlers.chat("Troops?", [], [], since="not a date")
    assert messages[-1]["content"].startswith("⚠️") and "YYYY-MM-DD" in messages[-1]["content"]


def test_brief_gives_markdown_four_downloads_and_the_timeline_picture(handlers: Handlers) -> None:
    markdown, md, page, pdf, docx, picture = handlers.brief("", "", "")
    assert "## Bottom line" in markdown and '<span class="cite open-' in markdown
    assert Path(md).read_text() == unmarked(markdown) == briefing.summarize(runtime=handlers.rt).markdown
    assert "<h2>Bottom line</h2>" in Path(page).read_text()
    assert "<img src='data:image/png;base64," in Path(page).read_text()
    assert Path(pdf).read_bytes().startswith(b"%PDF-") and Path(pdf).name == "brief.pdf"
    assert zipfile.is_zipfile(docx) and Path(docx).name == "brief.docx"
    assert picture is not None and Image.open(picture).format == "PNG"
    error, *files = handlers.brief("  x", "2030-01-01", "2020-01-01")
    assert error.startswith("⚠️") and files == [None] * 5


def test_brief_is_shown_when_its_files_cannot_be_written(handlers: Handlers, monkeypatch) -> None:
    monkeypatch.setattr("briefing.ui.handlers.save", lambda *_: (_ for _ in ()).throw(OSError("disk full")))
    markdown, *files = handlers.brief("", "", "")
    assert "## Bottom line" in markdown and "disk full" in markdown.split("## Sources")[-1]
    assert files == [None] * 5


def test_brief_with_what_changed_since(handlers: Handlers) -> None:
    markdown, *_ = handlers.brief("", "", "", "2021-11-20")
    assert "## What changed since 2021-11-20" in markdown
    error, md, *_ = handlers.brief("", "", "", "last brief")
    assert error.startswith("⚠️") and "changes_since" in error and md is None


def test_library_upload_paste_and_delete(handlers: Handlers, tmp_path: Path) -> None:
    library = Library(handlers)
    good = tmp_path / "odesa.txt"
    good.write_text("The port of Odesa reopened on Monday after a week of closures, officials said.")
    bad = tmp_path / "photo.txt"
    bad.write_bytes(bytes(range(256)) * 4)
    rows = handlers.upload([str(good), str(bad)])
    assert rows[0][0] == "odesa.txt" and rows[0][1].startswith("1 added")
    assert rows[1][0] == "photo.txt" and "binary file" in rows[1][1]
    table, counts, _ = library.show()
    assert counts == "**2 articles, 6 chunks**" and len(table) == 2
    rows = handlers.paste("Riga talks", "2024-05-01", "wire", "Ministers met in Riga on Tuesday.")
    assert rows == [["Riga talks", "1 added, 0 unchanged, 0 replaced; 1 chunks written; 0 skipped"]]
    table, _, _ = library.show()
    assert any(row[1] == "Riga talks" and row[3] == "2024-05-01" for row in table)
    rows = handlers.paste("", "", "", "  ")
    assert rows[0][1].startswith("⚠️")
    article = next(row[-1] for row in table if row[1] == "Riga talks")
    ticked = [[row[1] == "Riga talks", *row[1:]] for row in table]
    message, _, table, counts, _ = library.delete(library.ask(ticked)[2])
    assert message.startswith("Removed 1 article(s) (1 chunks)") and counts.startswith("**2 articles")
    assert all(row[-1] != article for row in table)
    message, _, _ = library.ask(table)  # nothing ticked
    assert message.startswith("⚠️")


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, None), ("ann:secret", [("ann", "secret")]), ("a:1, b:2", [("a", "1"), ("b", "2")])],
)
def test_read_auth(value, expected) -> None:
    assert read_auth(value) == expected


def test_read_auth_from_a_file_and_refuses_junk(tmp_path: Path) -> None:
    (tmp_path / "users").write_text("ann:secret\nbob:pw\n")
    assert read_auth(str(tmp_path / "users")) == [("ann", "secret"), ("bob", "pw")]
    with pytest.raises(ValueError, match="user:password"):
        read_auth("no-colon")


def test_the_page_builds(handlers: Handlers) -> None:
    page = build(handlers.rt)
    assert page.title == "briefing"


def test_the_api_page_lists_the_three_named_endpoints_and_nothing_else(handlers: Handlers) -> None:
    info = build(handlers.rt).get_api_info()
    assert sorted(info["named_endpoints"]) == ["/ask", "/brief", "/ingest_text"]
    assert info["unnamed_endpoints"] == {}
    ask = info["named_endpoints"]["/ask"]["parameters"]
    assert [(p["parameter_name"], p["parameter_has_default"]) for p in ask] == [
        ("question", False),
        ("since", True),
        ("until", True),
        ("source", True),
        ("collection", True),
    ]


def test_an_upload_names_why_each_record_was_skipped_as_the_cli_does(handlers: Handlers, tmp_path: Path) -> None:
    mixed = tmp_path / "wire.jsonl"
    good = '{"title": "Riga talks", "text": "Ministers met in Riga on Tuesday to discuss the grain corridor."}'
    mixed.write_text("\n".join([good, "{not json", '{"title": "empty", "text": ""}', "[1, 2]"]) + "\n")
    ((name, result),) = handlers.upload([str(mixed)])
    assert name == "wire.jsonl" and result.startswith("1 added") and "3 skipped" in result
    assert "line 2: invalid JSON" in result and "line 3: no text" in result and "line 4: not an object" in result


def test_the_download_buttons_are_active_only_with_a_file_to_give(handlers: Handlers) -> None:
    from briefing.ui.render import with_downloads

    text, *buttons, picture = with_downloads(handlers.brief("", "", ""))
    assert "## Bottom line" in text and picture is not None
    assert all(b["interactive"] is True and Path(b["value"]).is_file() for b in buttons)
    text, *buttons, picture = with_downloads(handlers.brief("", "not a date", ""))
    assert text.startswith("⚠️") and picture is None
    assert [(b["value"], b["interactive"]) for b in buttons] == [(None, False)] * 4
    page = build(handlers.rt)
    initial = [b for b in page.blocks.values() if (getattr(b, "elem_id", None) or "").startswith("download-")]
    assert len(initial) == 4 and not any(b.interactive for b in initial)  # nothing to download before a brief


def story(topic_titles: list[str]):
    from briefing.analysis.stories import Story

    return Story([f"a{n}" for n in range(len(topic_titles))], topic_titles[0], 1, "2024-06-05", titles=topic_titles)


def test_example_questions_ask_about_each_top_story_once() -> None:
    from briefing.api.overview import example_questions

    strike = story(["Dockers strike at Port Selwyn", "Port Selwyn dockers walk out on strike"])
    cup = story(["Selwyn Rovers win the county cup"])
    assert example_questions([strike, strike, cup]) == [
        "What happened with Dockers strike Port Selwyn?",  # the words its titles share
        "What happened with Selwyn Rovers win county?",  # one title: its first words
    ]
    assert len(example_questions([story([f"Story number {n} title"]) for n in range(9)])) == 3
    assert example_questions([]) == []


@pytest.mark.parametrize(
    ("overview", "expected"),
    [
        (
            (0, 0, None, None),
            "**This collection holds no articles yet.** Add some in the Library tab (upload files or paste an "
            "article), then ask about them here.",
        ),
        (
            (1200, 3, "2024-01-02", "2024-06-07"),
            "**This collection holds 1,200 articles from 3 outlets, 2024-01-02 to 2024-06-07.**",
        ),
        ((1, 1, "2024-01-02", "2024-01-02"), "**This collection holds 1 articles from 1 outlets, 2024-01-02.**"),
        ((2, 0, None, None), "**This collection holds 2 articles from 0 outlets.**"),
    ],
)
def test_the_empty_chat_says_what_the_collection_holds(overview, expected) -> None:
    from briefing.api.overview import Overview
    from briefing.ui.render import overview_markdown

    assert overview_markdown(Overview(*overview)) == expected


def test_the_empty_chat_shows_the_store_and_questions_on_its_top_stories(handlers: Handlers) -> None:
    briefing.ingest([ROOT / "tests" / "data" / "port_strike.jsonl"], runtime=handlers.rt)
    text, questions = handlers.welcome()
    assert text == (
        "**This collection holds 11 articles from 5 outlets, 2021-11-27 to 2024-06-07.** Ask about them, or "
        "start with a question on one of the top stories:"
    )
    assert len(questions) == 3 and all(q.startswith("What happened with ") for q in questions)
    assert len(set(questions)) == 3
    text, questions = handlers.welcome("no-such-desk")
    assert text.startswith("⚠️ the store has no collection") and questions == []


def test_the_chat_and_brief_source_fields_are_lists_of_outlets_that_take_a_typed_name(handlers: Handlers) -> None:
    import gradio as gr

    page = build(handlers.rt)
    fields = {b.elem_id: b for b in page.blocks.values() if isinstance(b, gr.Dropdown)}
    for elem_id in ("chat-source", "brief-source"):
        assert fields[elem_id].allow_custom_value and fields[elem_id].label == "Source"
