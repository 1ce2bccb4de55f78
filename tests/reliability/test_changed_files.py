"""Files that change between ingests: rows moved, edited, duplicated or gone, ids shared by outlets, a page
upload edited and uploaded again, and a selection deleted in the Library. Nothing a file holds is lost;
what left a file is said, and removed only when asked (`sync`)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

import briefing
from briefing.store.keywords import KeywordIndex
from briefing.store.store import Store
from briefing.types import article_id
from briefing.ui import Handlers
from briefing.ui.library import Library

ALPHA = "Alpha: the port of Odesa reopened on Monday after a week of closures, officials said."
BRAVO = "Bravo: ministers met in Riga on Tuesday to discuss the grain corridors across the sea."
CHARLIE = "Charlie: the harbour master said forty ships were waiting to load grain at the docks."
DELTA = "Delta: dock workers in Rotterdam ended their strike after the talks on pay went well."
BRAVO_EDITED = BRAVO.replace("Tuesday", "Wednesday")


def write(path: Path, rows: list[dict[str, str]]) -> Path:
    """Rows as a CSV (a `text` column, plus `id`/`source` when a row has them) or as JSON Lines."""
    if path.suffix == ".csv":
        fields = [f for f in ("id", "source", "text") if any(f in row for row in rows)]
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, fields)
            writer.writeheader()
            writer.writerows(rows)
    else:
        path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def stored(rt: briefing.Runtime) -> set[str]:
    return {e.id for e in rt.store.ready()}


def ids(*texts: str) -> set[str]:
    return {article_id(t) for t in texts}


def rows(*texts: str) -> list[dict[str, str]]:
    return [{"text": t} for t in texts]


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_a_file_overwritten_keeps_every_row_it_holds_and_says_what_left(
    fake_runtime: briefing.Runtime, tmp_path: Path, suffix: str
) -> None:
    """[Alpha, Bravo] then [Bravo, Charlie], rows without ids or URLs: Bravo stays (it was lost, replaced by
    Charlie because both were row 2); Alpha is reported and kept, and removed only with `sync`."""
    rt = fake_runtime
    news = write(tmp_path / f"news{suffix}", rows(ALPHA, BRAVO))
    briefing.ingest([news], runtime=rt)
    write(news, rows(BRAVO, CHARLIE))
    report = briefing.ingest([news], runtime=rt)
    assert (report.added, report.unchanged, report.replaced) == (1, 1, 0)
    assert stored(rt) == ids(ALPHA, BRAVO, CHARLIE)
    assert report.left_lines() == [f"1 no longer in {news.resolve()}; kept — use --sync to remove"]
    synced = briefing.ingest([news], runtime=rt, sync=True)
    assert stored(rt) == ids(BRAVO, CHARLIE)
    assert synced.summary() == "0 added, 2 unchanged, 0 replaced; 0 chunks written; 0 skipped; 1 removed"
    assert synced.left_lines() == [f"1 no longer in {news.resolve()}; removed"]
    again = briefing.ingest([news], runtime=rt, sync=True)  # nothing left to remove
    assert (again.left, again.removed, stored(rt)) == ([], 0, ids(BRAVO, CHARLIE))


# (case, rows before, rows after, what the store holds after, added, unchanged, replaced, left in the file)
CHANGES = [
    (
        "shifted down",
        rows(ALPHA, BRAVO, CHARLIE),
        rows(DELTA, ALPHA, BRAVO, CHARLIE),
        (ALPHA, BRAVO, CHARLIE, DELTA),
        1,
        3,
        0,
        0,
    ),
    ("reordered", rows(ALPHA, BRAVO, CHARLIE), rows(CHARLIE, ALPHA, BRAVO), (ALPHA, BRAVO, CHARLIE), 0, 3, 0, 0),
    ("a row deleted", rows(ALPHA, BRAVO, CHARLIE), rows(ALPHA, CHARLIE), (ALPHA, BRAVO, CHARLIE), 0, 2, 0, 1),
    ("duplicated", rows(ALPHA, BRAVO), rows(ALPHA, ALPHA, BRAVO, BRAVO), (ALPHA, BRAVO), 0, 4, 0, 0),
    ("edited, no id", rows(ALPHA, BRAVO), rows(ALPHA, BRAVO_EDITED), (ALPHA, BRAVO, BRAVO_EDITED), 1, 1, 0, 1),
    (
        "edited and moved, with ids",
        [{"id": "1", "text": ALPHA}, {"id": "2", "text": BRAVO}],
        [{"id": "2", "text": BRAVO_EDITED}, {"id": "1", "text": ALPHA}],
        (ALPHA, BRAVO_EDITED),
        0,
        1,
        1,
        0,
    ),
]


@pytest.mark.parametrize(
    ("before", "after", "holds", "added", "unchanged", "replaced", "left"),
    [case[1:] for case in CHANGES],
    ids=[case[0] for case in CHANGES],
)
def test_rows_shifted_edited_or_duplicated_lose_nothing(
    fake_runtime: briefing.Runtime,
    tmp_path: Path,
    before: list[dict[str, str]],
    after: list[dict[str, str]],
    holds: tuple[str, ...],
    added: int,
    unchanged: int,
    replaced: int,
    left: int,
) -> None:
    rt = fake_runtime
    news = write(tmp_path / "news.csv", before)
    briefing.ingest([news], runtime=rt)
    write(news, after)
    report = briefing.ingest([news], runtime=rt)
    assert stored(rt) == ids(*holds)  # every row of the file is there; only an edit keyed by its id replaced
    assert (report.added, report.unchanged, report.replaced) == (added, unchanged, replaced)
    assert report.left == ([(str(news.resolve()), left)] if left else [])


def test_a_file_with_an_unreadable_record_is_not_mirrored(fake_runtime: briefing.Runtime, tmp_path: Path) -> None:
    """What a file still holds cannot be told when a record of it cannot be read: nothing is said left, and
    `sync` removes nothing."""
    rt = fake_runtime
    news = tmp_path / "news.jsonl"
    write(news, rows(ALPHA, BRAVO))
    briefing.ingest([news], runtime=rt)
    news.write_text(json.dumps({"text": CHARLIE}) + "\n{broken\n", encoding="utf-8")
    report = briefing.ingest([news], runtime=rt, sync=True)
    assert (report.left, report.removed) == ([], 0)
    assert stored(rt) == ids(ALPHA, BRAVO, CHARLIE)


def test_one_id_from_two_outlets_is_two_articles(fake_runtime: briefing.Runtime, tmp_path: Path) -> None:
    """An id is unique within its outlet: the same `article_id` from Reuters and AP is two articles (it was
    "1 added, 1 replaced", one kept); an edit of one replaces that one only."""
    rt = fake_runtime
    news = tmp_path / "news.jsonl"
    write(news, [{"id": "7", "source": "Reuters", "text": ALPHA}, {"id": "7", "source": "AP", "text": BRAVO}])
    report = briefing.ingest([news], runtime=rt)
    assert (report.added, report.replaced, report.notes) == (2, 0, [])
    assert stored(rt) == ids(ALPHA, BRAVO)
    write(news, [{"id": "7", "source": "Reuters", "text": ALPHA}, {"id": "7", "source": "AP", "text": BRAVO_EDITED}])
    report = briefing.ingest([news], runtime=rt)
    assert (report.added, report.unchanged, report.replaced) == (0, 1, 1)
    assert stored(rt) == ids(ALPHA, BRAVO_EDITED)


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_one_id_twice_in_one_outlet_is_named_and_both_kept(
    fake_runtime: briefing.Runtime, tmp_path: Path, suffix: str
) -> None:
    rt = fake_runtime
    news = write(
        tmp_path / f"news{suffix}",
        [{"id": "7", "source": "Reuters", "text": ALPHA}, {"id": "7", "source": "Reuters", "text": BRAVO}],
    )
    report = briefing.ingest([news], runtime=rt)
    first, second = ("row 2", "row 3") if suffix == ".csv" else ("line 1", "line 2")
    assert report.notes == [(str(news), f"{second}: id '7' of Reuters is also {first}'s, with other text: both kept")]
    assert (report.added, report.replaced) == (2, 0)
    assert stored(rt) == ids(ALPHA, BRAVO)
    again = briefing.ingest([news], runtime=rt)  # the same file again: nothing changes, nothing is said left
    assert (again.unchanged, again.replaced, again.left, stored(rt)) == (2, 0, [], ids(ALPHA, BRAVO))


def upload(tmp_path: Path, folder: str, name: str, text: str) -> str:
    """A file where Gradio keeps an upload: a temporary folder of its own, the file under its own name."""
    path = tmp_path / "gradio" / folder / name
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_an_edited_file_uploaded_again_replaces_the_old_one(fake_runtime: briefing.Runtime, tmp_path: Path) -> None:
    """Gradio hands each upload a new temporary folder: keyed by that path, both versions were kept and
    answers quoted the outdated one. Keyed by the name within the collection, the edit replaces."""
    handlers = Handlers(fake_runtime)
    assert handlers.upload([upload(tmp_path, "a1", "notes.txt", BRAVO)])[0][1].startswith("1 added")
    rows_shown = handlers.upload([upload(tmp_path, "b2", "notes.txt", BRAVO_EDITED)])
    assert rows_shown == [["notes.txt", "0 added, 0 unchanged, 1 replaced; 1 chunks written; 0 skipped"]]
    assert stored(fake_runtime) == ids(BRAVO_EDITED)
    other = handlers.upload([upload(tmp_path, "c3", "other.txt", BRAVO)])  # another name is another file
    assert other[0][1].startswith("1 added") and stored(fake_runtime) == ids(BRAVO, BRAVO_EDITED)


def test_an_upload_that_lost_rows_says_so_on_the_page(fake_runtime: briefing.Runtime, tmp_path: Path) -> None:
    handlers = Handlers(fake_runtime)
    handlers.upload([upload(tmp_path, "a1", "news.csv", f'text\n"{ALPHA}"\n"{BRAVO}"\n')])
    shown = handlers.upload([upload(tmp_path, "b2", "news.csv", f'text\n"{BRAVO}"\n')])
    assert shown == [
        [
            "news.csv",
            "0 added, 1 unchanged, 0 replaced; 0 chunks written; 0 skipped; "
            "1 no longer in upload/news.csv; kept — delete them in the Library",
        ]
    ]
    assert stored(fake_runtime) == ids(ALPHA, BRAVO)


def test_deleting_ticked_rows_is_one_write(
    fake_runtime: briefing.Runtime, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """40 ticked rows were 40 writes, each holding the store (and reading it anew); now the selection is
    deleted in one: the store held once, one delete, the keyword index brought up to date once."""
    rt = fake_runtime
    texts = [f"Report {n}: the port of town {n} reopened on day {n} after repairs to quay {n}." for n in range(48)]
    briefing.ingest(texts, runtime=rt)
    calls = {"writing": 0, "delete": 0, "catch_up": 0}
    writing, delete, catch_up = rt.writing, Store.delete, KeywordIndex.catch_up

    @contextmanager
    def counted_writing() -> Iterator[Store]:
        calls["writing"] += 1
        with writing() as store:
            yield store

    def counted(name: str, real: Any) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            calls[name] += 1
            return real(*args, **kwargs)

        return call

    monkeypatch.setattr(rt, "writing", counted_writing)
    monkeypatch.setattr(Store, "delete", counted("delete", delete))
    monkeypatch.setattr(KeywordIndex, "catch_up", counted("catch_up", catch_up))
    library = Library(Handlers(rt))
    table, _, _ = library.show()
    ticked = [[n < 40, *row[1:]] for n, row in enumerate(table)]
    gone = {row[-1] for row in ticked[:40]}
    _, question, asked = library.ask(ticked)  # the page asks first: how many, which
    assert question.startswith("**Delete 40 article(s)?**")
    message, undo, table, _, _ = library.delete(asked)
    assert message == "Removed 40 article(s) (40 chunks)." and undo is not None
    assert calls == {"writing": 1, "delete": 1, "catch_up": 1}
    assert len(table) == 8 and stored(rt) == ids(*texts) - gone
    assert rt.keywords.in_step(rt.store.revision())
