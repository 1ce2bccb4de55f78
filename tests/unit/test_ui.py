"""The page's handlers as plain functions, with the fake embedding, a tmp_path store and fake chat models."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PIL import Image

import briefing
from briefing.ui import Handlers, build, read_auth
from briefing.ui.library import Library
from tests.conftest import SEED, unmarked
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
    assert turns == [("Where is Russia's 41st army stationed?", f"{said} [1]")]  # the history holds plain text
    assert final.startswith(f'{said} <span class="cite open-')  # the page shows [1] openable
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
    message, table, counts, _ = library.delete(ticked)
    assert message.startswith("Removed 1 article(s) (1 chunks)") and counts.startswith("**2 articles")
    assert all(row[-1] != article for row in table)
    message, _, _, _ = library.delete(table)  # nothing ticked
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


def test_the_chat_and_brief_source_fields_are_lists_of_outlets_that_take_a_typed_name(handlers: Handlers) -> None:
    import gradio as gr

    page = build(handlers.rt)
    fields = {b.elem_id: b for b in page.blocks.values() if isinstance(b, gr.Dropdown)}
    for elem_id in ("chat-source", "brief-source"):
        assert fields[elem_id].allow_custom_value and fields[elem_id].label == "Source"
