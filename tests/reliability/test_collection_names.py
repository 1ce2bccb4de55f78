"""Collection names: only names every part of the store can hold are accepted (Chroma's collections with
the store's suffixes, the keyword index's folder and the one it is built in, the kept briefs' folder), with
a message saying the rule; nothing is made for a name refused."""

from __future__ import annotations

import pydantic
import pytest

import briefing
from briefing.config import Settings
from briefing.ui import Handlers

LONGEST = 200  # characters of a collection name
TEXT = "Ministers met in Riga on Tuesday to discuss grain corridors. They agreed to meet again in May."


def chroma_names(rt: briefing.Runtime) -> set[str]:
    return {str(getattr(c, "name", c)) for c in rt.store.client.list_collections()}


def test_the_longest_name_accepted_works_end_to_end(fake_runtime: briefing.Runtime) -> None:
    """A name at the limit stores, answers (through the keyword index, kept in a folder of its name) and keeps
    its brief; before, names of 213-503 characters were taken and every question then said the store was
    damaged ("File name too long")."""
    name = "a" * (LONGEST - 1) + "z"
    rt = fake_runtime.with_collection(name)
    assert briefing.ingest([TEXT], runtime=rt).added == 1
    answer = briefing.ask("Where did ministers discuss grain corridors?", runtime=rt)
    assert not answer.abstained and "Riga" in answer.text
    assert (rt.settings.store_dir / "keywords" / name).is_dir()
    assert not briefing.summarize(topic="grain corridors", runtime=rt).abstained
    assert name in briefing.collections(runtime=fake_runtime)


@pytest.mark.parametrize("length", [LONGEST + 1, 213, 503, 504, 512])
def test_a_longer_name_is_refused_and_nothing_is_made(rt: briefing.Runtime, length: int) -> None:
    """One character more, and the lengths that broke the keyword index (213-503) or left orphan Chroma
    collections behind (504-512): refused with the rule, on the page and in the settings, and nothing made."""
    name = "b" * length
    before = chroma_names(rt)
    with pytest.raises(briefing.BriefingError, match=f"\\({length} characters\\) cannot name a collection: use 3-200"):
        rt.with_collection(name)
    note = Handlers(rt).ingest_text(TEXT, collection=name)
    assert note.startswith("⚠️") and "3-200" in note
    with pytest.raises(pydantic.ValidationError, match="cannot name a collection"):
        Settings(collection=name)
    assert chroma_names(rt) == before
    assert [p.name for p in (rt.settings.store_dir / "keywords").iterdir()] == ["briefing"]


@pytest.mark.parametrize("name", ["10.0.0.1", "a..b", "ab", "x-articles"])
def test_names_chroma_refuses_are_refused_first(fake_runtime: briefing.Runtime, name: str) -> None:
    """An IPv4 address, '..', too short, a store suffix: refused with the rule before Chroma is asked."""
    with pytest.raises(briefing.BriefingError, match="cannot name a collection: use 3-200"):
        fake_runtime.with_collection(name)
