"""Copies count once: near-duplicates found with MinHash/LSH at ingest, and their groups kept right."""

from __future__ import annotations

from typing import Any

import pytest

import briefing
from briefing.store.copies import CopyIndex, Member, bands, decode_signature, encode_signature, regroup, signature
from briefing.store.store import Store

WIRE = (
    "Dock workers at Port Selwyn walked out on Tuesday night over a pay offer of 3 percent, halting all "
    "container traffic at the terminal. The dockers' union said the strike was open-ended and that its "
    "members would not return until the employers made a better offer. Harbour master Jan Kros said safety "
    "staff would remain on duty. Two container lines said they were diverting ships to the port of Ardmoor. "
    "The port handles about a third of the country's container trade and employs 3,000 people."
)
REPRINTS = {
    "credit line": WIRE + " (Reporting by the Selwyn Wire; editing by staff.)",
    "new headline": "Port Selwyn strike halts container traffic\n\n" + WIRE,
    "one added sentence": WIRE.replace(
        "Two container lines", "Shipping analysts expect delays of a week. Two container lines"
    ),
    "a paragraph cut": WIRE.rsplit(" The port handles", 1)[0],
}
OTHER = (
    "Dock workers at Port Selwyn stayed away for a third day on Friday, and the employers' association said "
    "it would raise its offer. Ships queued outside the harbour while union leaders met the labour minister "
    "in the capital. The minister called both sides to talks on Monday and urged them to reach a deal quickly."
)


@pytest.mark.parametrize("kind", sorted(REPRINTS))
def test_a_reprint_is_found_and_another_story_is_not(kind: str) -> None:
    index = CopyIndex([Member("wire", signature(WIRE), "wire")])
    assert index.group_of(signature(REPRINTS[kind])) == "wire"
    assert index.group_of(signature(OTHER)) is None
    assert index.group_of(signature(REPRINTS[kind]), exclude=["wire"]) is None


def test_signatures_survive_the_catalog() -> None:
    found = signature(WIRE)
    assert decode_signature(encode_signature(found)).jaccard(found) == 1.0
    # one set of permutations for all (each MinHash would make its own 1 KB, for every stored article)
    assert decode_signature(encode_signature(found)).permutations is found.permutations is signature(OTHER).permutations


def test_regroup_names_a_group_after_the_earliest_who_stays() -> None:
    members = [("a", "", "2024-01-01|a"), ("b", "a", "2024-01-03|b"), ("c", "a", "2024-01-02|c"), ("d", "", "x|d")]
    assert regroup(members, ["a"]) == {"c": "", "b": "c"}
    assert regroup(members, ["b"]) == {}


def groups(rt: briefing.Runtime) -> dict[str, str]:
    """Each stored article's source and copy group, by source name."""
    return {str(e.metadata["source"]): str(e.metadata.get("copy_of", "")) for e in rt.store.ready()}


def sentence_origins(rt: briefing.Runtime) -> dict[str, set[str]]:
    got = rt.store.quotable.get(include=["metadatas"])
    out: dict[str, set[str]] = {}
    for meta in got["metadatas"]:
        out.setdefault(str(meta["source"]), set()).add(str(meta["origin"]))
    return out


def article(text: str, source: str) -> briefing.Article:
    return briefing.make_article(text, source=source, date="2024-06-03", key=source)


def test_copy_groups_are_kept_right_under_ingest_edits_and_forget(fake_runtime: briefing.Runtime) -> None:
    rt = fake_runtime
    briefing.ingest(
        [article(WIRE, "wire"), article(REPRINTS["credit line"], "post"), article(OTHER, "own")], runtime=rt
    )
    wire_id = next(e.id for e in rt.store.ready() if e.metadata["source"] == "wire")
    assert groups(rt) == {"wire": "", "post": wire_id, "own": ""}
    # the group reaches every chunk and sentence of the copy
    assert sentence_origins(rt)["post"] == {wire_id} == sentence_origins(rt)["wire"]
    chunks = rt.store.chunks.get(where={"source": "post"}, include=["metadatas"])["metadatas"]
    assert {m["copy_of"] for m in chunks} == {wire_id}

    # a second reprint joins the group; re-ingest changes nothing
    briefing.ingest([article(REPRINTS["new headline"], "daily")], runtime=rt)
    assert groups(rt)["daily"] == wire_id
    assert briefing.ingest([article(WIRE, "wire")], runtime=rt).unchanged == 1 and groups(rt)["daily"] == wire_id

    # the first member is forgotten: the group is renamed after one who stays, everywhere
    briefing.forget(wire_id, runtime=rt)
    after = groups(rt)
    first = next(s for s in ("post", "daily") if after[s] == "")
    first_id = next(e.id for e in rt.store.ready() if e.metadata["source"] == first)
    other = "daily" if first == "post" else "post"
    assert after[other] == first_id and after["own"] == ""
    assert sentence_origins(rt)[other] == {first_id} == sentence_origins(rt)[first]

    # an edit of a copy (same key, new text) stays in the group; an edit into another story leaves it
    briefing.ingest([article(REPRINTS["one added sentence"], other)], runtime=rt)
    assert groups(rt)[other] == first_id
    briefing.ingest([article(OTHER.replace("Friday", "Saturday") + " Nothing else changed.", other)], runtime=rt)
    assert groups(rt)[other] == next(e.id for e in rt.store.ready() if e.metadata["source"] == "own")


def test_an_edit_of_the_first_member_keeps_one_group(fake_runtime: briefing.Runtime) -> None:
    rt = fake_runtime
    briefing.ingest([article(WIRE, "wire"), article(REPRINTS["credit line"], "post")], runtime=rt)
    briefing.ingest([article(REPRINTS["a paragraph cut"], "wire")], runtime=rt)  # the wire story is edited
    stored = {str(e.metadata["source"]): e for e in rt.store.ready()}
    assert len(stored) == 2
    names = {e.id if not e.metadata.get("copy_of") else str(e.metadata["copy_of"]) for e in stored.values()}
    assert len(names) == 1 and names <= {e.id for e in stored.values()}  # one group, named after a member


def test_the_whole_catalog_is_read_to_regroup_only_after_a_crash(fake_runtime: briefing.Runtime, monkeypatch) -> None:
    rt = fake_runtime
    briefing.ingest(
        [article(WIRE, "wire"), article(REPRINTS["credit line"], "post"), article(OTHER, "own")], runtime=rt
    )
    whole: list[str] = []
    read = Store._get

    def get(self: Store, collection: Any, **query: Any) -> dict[str, list[Any]]:
        if collection.name == self.catalog.name and query.get("where") is None and query.get("ids") is None:
            whole.append(collection.name)
        return read(self, collection, **query)

    monkeypatch.setattr(Store, "_get", get)
    wire_id = next(e.id for e in rt.store.ready() if e.metadata["source"] == "wire")
    briefing.forget(wire_id, runtime=rt)
    briefing.ingest([article(OTHER, "own")], runtime=rt)  # its repair finds nothing to finish
    assert groups(rt) == {"post": "", "own": ""} and whole == []

    # a crash while a group was renamed: a member still names the removed article, the mark is left
    store = rt.store
    post_id = next(e.id for e in store.ready() if e.metadata["source"] == "post")
    store.catalog.update(ids=[post_id], metadatas=[{"copy_of": wire_id}])
    store._changed(regrouping=True)
    briefing.ingest([article(OTHER, "own")], runtime=rt)
    assert groups(rt) == {"post": "", "own": ""} and len(whole) == 1
    briefing.ingest([article(OTHER, "own")], runtime=rt)  # finished: the mark is gone
    assert len(whole) == 1


def test_two_signatures_share_a_band_key_exactly_when_datasketchs_lsh_pairs_them() -> None:
    from datasketch import MinHashLSH

    texts = {**REPRINTS, "wire": WIRE, "other": OTHER, "short": "Dock workers strike", "none": "x"}
    found = {name: signature(text) for name, text in texts.items()}
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    for name, sig in found.items():
        lsh.insert(name, sig)
    for name, sig in found.items():
        mine = bands(encode_signature(sig)).items()
        sharing = {other for other, theirs in found.items() if mine & bands(encode_signature(theirs)).items()}
        assert sharing == set(lsh.query(sig)), name
    assert len(bands(encode_signature(found["wire"]))) == 25


def test_ingest_reads_only_the_catalog_entries_that_can_be_copies(
    fake_runtime: briefing.Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    rt = fake_runtime
    others = [article(f"{OTHER} Day {n} of the strike saw talks about a deal number {n}.", f"s{n}") for n in range(6)]
    briefing.ingest([article(WIRE, "wire"), *others], runtime=rt)
    read: list[int] = []
    get = Store._get

    def counting(self: Store, collection: Any, **query: Any) -> dict[str, list[Any]]:
        got = get(self, collection, **query)
        if collection.name == self.catalog.name and "metadatas" in query.get("include", []):
            read.append(len(got["ids"]))
        return got

    monkeypatch.setattr(Store, "_get", counting)
    briefing.ingest([article(REPRINTS["credit line"], "post")], runtime=rt)
    during = sum(read)
    wire_id = next(e.id for e in rt.store.ready() if e.metadata["source"] == "wire")
    assert groups(rt)["post"] == wire_id
    assert during == 1  # the wire story's entry, not all 7


def test_entries_written_without_band_keys_get_them_at_the_next_ingest(
    fake_runtime: briefing.Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    rt = fake_runtime
    briefing.ingest([article(WIRE, "wire")], runtime=rt)
    store = rt.store
    (entry,) = store.ready()
    old = {k: v for k, v in entry.metadata.items() if not k.startswith("band")}  # as an earlier version wrote it
    store.catalog.delete(ids=[entry.id])
    store.catalog.add(ids=[entry.id], embeddings=[[1.0]], metadatas=[old])
    store.catalog.modify(metadata={"revision": "from an earlier version"})  # without the mark
    assert store.copy_candidates([str(old["minhash"])]) == []  # unfindable by its bands
    briefing.ingest([article(REPRINTS["new headline"], "post")], runtime=rt)
    assert groups(rt)["post"] == entry.id  # found all the same: the entry was given its band keys first
    assert entry.id in {c[0] for c in rt.store.copy_candidates([str(old["minhash"])])}
    # once done, the catalog is marked: later ingests and forgets keep the mark and look no more
    assert rt.store._marks().get("banded") == 1
    post_id = next(e.id for e in rt.store.ready() if e.metadata["source"] == "post")
    briefing.forget(post_id, runtime=rt)
    assert rt.store._marks().get("banded") == 1
    looked: list[Any] = []
    get = Store._get
    monkeypatch.setattr(Store, "_get", lambda self, c, **q: looked.append(q.get("where")) or get(self, c, **q))
    briefing.ingest([article(OTHER, "own")], runtime=rt)
    assert {"banded": 1} not in looked and rt.store._marks().get("banded") == 1


def test_candidates_are_asked_for_in_slices_and_each_comes_once(
    fake_runtime: briefing.Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    rt = fake_runtime
    briefing.ingest([article(WIRE, "wire"), article(OTHER, "own")], runtime=rt)
    monkeypatch.setattr(briefing.store.reads, "CANDIDATES_ASKED", 1)
    sigs = [encode_signature(signature(REPRINTS[kind])) for kind in ("credit line", "new headline", "a paragraph cut")]
    wire_id = next(e.id for e in rt.store.ready() if e.metadata["source"] == "wire")
    assert [c[0] for c in rt.store.copy_candidates(sigs)] == [wire_id]  # three queries, one candidate
    briefing.ingest([article(REPRINTS["credit line"], "post"), article(REPRINTS["new headline"], "times")], runtime=rt)
    assert groups(rt) == {"wire": "", "own": "", "post": wire_id, "times": wire_id}
