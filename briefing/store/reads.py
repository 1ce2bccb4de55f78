"""Reading the store: the catalog's entries, passages near a vector or by id, each article's sentences,
the newest articles' first passages. Only `ready` articles are meant for readers (see `store.py`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

import numpy as np
from chromadb.api import ClientAPI

from briefing.store.copies import bands
from briefing.store.quotable import sentence_hits
from briefing.store.records import ArticleRecord, Hits, all_of, as_matrix, newest_day_in, passage_of, where_of
from briefing.types import Filters, Passage

READY = {"status": "ready"}
FULL = ("documents", "metadatas", "embeddings")
IDS_PAGE = 100_000  # rows a read of ids alone takes at a time
CANDIDATES_ASKED = 200  # signatures whose candidate copies one query asks for (25 band keys each)


class StoreReads:
    """The reading half of `Store`: its collections are opened by `Store`."""

    client: ClientAPI
    # chromadb's own type hints are narrower than what it accepts; the collections are typed loosely.
    chunks: Any
    catalog: Any
    quotable: Any
    _batch: int
    _write_batch: int
    _ids_page: int

    def count(self) -> tuple[int, int]:
        """Articles (ready) and chunks in the store."""
        return len(self.catalog.get(where=READY, include=[])["ids"]), self.chunk_count()

    def chunk_count(self) -> int:
        """Chunks in the store."""
        return int(self.chunks.count())

    def articles(self, ids: Iterable[str] | None = None, where: dict[str, Any] | None = None) -> list[ArticleRecord]:
        """Catalog entries in any state, by id or by filter."""
        id_list = list(ids) if ids is not None else None
        if id_list == []:
            return []
        got = self._get(self.catalog, ids=id_list, where=where, include=["metadatas"])
        return [ArticleRecord(i, dict(m or {})) for i, m in zip(got["ids"], got["metadatas"] or [], strict=True)]

    def ready(self, ids: Iterable[str] | None = None) -> list[ArticleRecord]:
        """The articles readers may see (all, or those among `ids`): every chunk landed and committed."""
        return [
            a for a in self.articles(ids, None if ids is not None else READY) if a.metadata.get("status") == "ready"
        ]

    def outlets(self) -> Counter[str]:
        """How many ready articles each outlet has ("" for those without one)."""
        return Counter(str(a.metadata.get("source", "")) for a in self.ready())

    def copy_candidates(self, signatures: Sequence[str]) -> list[tuple[str, str, str, str]]:
        """(id, signature, copy_of, date) of the ready articles that share an LSH band with one of these
        signatures (`copies.bands`): the only ones that can be their copies, found through Chroma's index of
        the band keys, so an ingest reads a few entries of the catalog, not all of them."""
        found: dict[str, tuple[str, str, str, str]] = {}
        for start in range(0, len(signatures), CANDIDATES_ASKED):  # a query holds a bounded number of values
            wanted: dict[str, set[str]] = {}
            for encoded in signatures[start : start + CANDIDATES_ASKED]:
                for key, value in bands(encoded).items():
                    wanted.setdefault(key, set()).add(value)
            any_band = {"$or": [{key: {"$in": sorted(values)}} for key, values in wanted.items()]}
            got = self._get(self.catalog, where={"$and": [READY, any_band]}, include=["metadatas"])
            found.update((row[0], row) for row in _signed(got))
        return list(found.values())

    def ready_by_key(self, keys: Iterable[str]) -> dict[str, list[str]]:
        """Ready article ids for each article key (file, record id or URL) among `keys`."""
        key_list = sorted(set(keys))
        by_key: dict[str, list[str]] = {}
        if key_list:
            for entry in self.articles(where={"$and": [{"key": {"$in": key_list}}, READY]}):
                by_key.setdefault(str(entry.metadata["key"]), []).append(entry.id)
        return by_key

    def ready_by_file(self, files: Sequence[str], step: int = 1000) -> dict[str, list[str]]:
        """Ready article ids for each file (`Article.origin`) among `files`: what was last read from it."""
        by_file: dict[str, list[str]] = {}
        for start in range(0, len(files), step):  # a query holds a bounded number of values
            part = list(files[start : start + step])
            for entry in self.articles(where={"$and": [{"file": {"$in": part}}, READY]}):
                by_file.setdefault(str(entry.metadata["file"]), []).append(entry.id)
        return by_file

    def query(self, embedding: Sequence[float] | np.ndarray, k: int, filters: Filters | None = None) -> Hits:
        """The k chunks nearest to `embedding`, nearest first (`score` = cosine similarity), with vectors."""
        total = self.chunk_count()
        if total == 0:
            return Hits([], as_matrix([], 0))
        got = self.chunks.query(
            query_embeddings=[[float(x) for x in embedding]],
            n_results=min(k, total),
            where=where_of(filters),
            include=["documents", "metadatas", "distances", "embeddings"],
        )
        ids, docs, metas = got["ids"][0], (got["documents"] or [[]])[0], (got["metadatas"] or [[]])[0]
        distances = (got["distances"] or [[]])[0]
        passages = [
            passage_of(i, d, dict(m or {}), 1.0 - float(dist))
            for i, d, m, dist in zip(ids, docs, metas, distances, strict=True)
        ]
        vectors = got["embeddings"][0] if got.get("embeddings") is not None else []
        return Hits(passages, as_matrix(vectors, len(passages)), [dict(m or {}) for m in metas])

    def sentences_of(self, article_ids: Sequence[str]) -> Hits:
        """Every quotable sentence of these articles (in the order given), with its vector."""
        ids = list(dict.fromkeys(article_ids))
        if not ids:
            return sentence_hits([], [])
        read = self._get(self.quotable, ids=ids, include=["metadatas"])
        got = dict(zip(read["ids"], read["metadatas"], strict=True))
        present = [i for i in ids if i in got]
        return sentence_hits(present, [got[i] for i in present])

    def has_sentences(self) -> bool:
        """Whether any article's sentences are stored (a store written before schema 2 has none)."""
        return bool(self.quotable.count())

    def _get(self, collection: Any, **query: Any) -> dict[str, list[Any]]:
        """`collection.get(**query)` in pages: one call may not return more rows than SQLite has variables
        for (about 32k, with metadata), so a large store reads in pages of `_batch`."""
        include = list(query.pop("include", []))
        if query.get("ids") is not None:  # no more rows than ids: one call (the collection cuts it to Chroma's limit)
            got = collection.get(**query, include=include)
            return {name: list(got[name]) if got.get(name) is not None else [] for name in ["ids", *include]}
        # ids alone hold no variables: they are read in far larger pages (each page skips the rows before
        # it, so 300k ids took 27 s in pages of 4,096 and 4 s in one)
        page = self._batch if include else self._ids_page
        out: dict[str, list[Any]] = {"ids": [], **{name: [] for name in include}}
        while True:
            got = collection.get(**query, include=include, limit=page, offset=len(out["ids"]))
            for name in out:
                part = got.get(name)
                out[name] += list(part) if part is not None else []
            if len(got["ids"]) < page:
                return out

    def passages(self, filters: Filters | None = None) -> Hits:
        """Every stored passage that matches the filters, with its vector, paged so a large store does not
        load in one call."""
        return _hits(self._get(self.chunks, where=where_of(filters), include=[*FULL]))

    def newest_leads(self, n: int, filters: Filters | None = None) -> Hits:
        """The first passage of each of the `n` newest articles that match the filters, with vectors.

        The catalog (one entry per article) is asked first, through Chroma's index of `date_num` and ids
        only, from which day on `n` articles are dated; then the first passages dated from that day are read.
        A `where` costs as many rows as it admits, so a brief on a large store reads a few times n rows,
        not every article's; a store of no more than n articles is read in one call."""
        leads = all_of(where_of(filters), {"chunk": 0})
        if self.catalog.count() <= n:  # a store of no more than n articles: all its leads, in one read
            got = _hits(self._get(self.chunks, where=leads, include=[*FULL]))
            return got.rows(_newest(got.passages, n))
        top = date.fromisoformat(filters.until) if filters and filters.until else date.today()
        for wanted in (n, 2 * n):  # entries still pending have no passage yet: ask again for more
            day = newest_day_in(self.catalog, where_of(filters), wanted, top)
            if day is None:
                break
            newest = all_of({"date_num": {"$gte": day}}, leads)  # the date first: it narrows most
            got = _hits(self._get(self.chunks, where=newest, include=[*FULL]))
            if len(got.passages) >= n:
                return got.rows(_newest(got.passages, n))
        got = _hits(self._get(self.chunks, where=leads, include=["metadatas"]), vectors=False)  # small or undated
        return self.chunks_by_id([got.passages[k].id for k in _newest(got.passages, n)])  # in the store's order

    def revision(self) -> str:
        """A token that changes with every write to the store (read fresh: another process may write)."""
        meta = self.client.get_collection(self.catalog.name).metadata or {}
        return str(meta.get("revision") or f"chunks:{self.chunk_count()}")

    def chunk_ids(self) -> list[str]:
        """Every stored chunk's id."""
        return list(self._get(self.chunks, include=[])["ids"])

    def article_chunks(self, article_id: str) -> list[Passage]:
        """Every stored chunk of one article, in no particular order (without vectors)."""
        got = self._get(self.chunks, where={"article_id": article_id}, include=["documents", "metadatas"])
        rows = zip(got["ids"], got["documents"], got["metadatas"], strict=True)
        return [passage_of(i, d, dict(m or {})) for i, d, m in rows]

    def chunk_texts(self, ids: Sequence[str]) -> list[str]:
        """The texts of these chunks, in the same order ("" for one gone meanwhile)."""
        texts: dict[str, str] = {}
        for start in range(0, len(ids), self._batch):
            got = self.chunks.get(ids=list(ids[start : start + self._batch]), include=["documents"])
            texts.update(zip(got["ids"], got["documents"] or [], strict=True))
        return [texts.get(i, "") for i in ids]

    def chunks_by_id(self, ids: Sequence[str], filters: Filters | None = None) -> Hits:
        """These chunks (those that pass the filters), in the order given, with their vectors."""
        if not ids:
            return Hits([], as_matrix([], 0))
        got = self.chunks.get(ids=list(ids), where=where_of(filters), include=[*FULL])
        rows = {i: n for n, i in enumerate(got["ids"])}
        order = [rows[i] for i in ids if i in rows]
        metas = [dict((got["metadatas"] or [])[n] or {}) for n in order]
        passages = [
            passage_of(got["ids"][n], (got["documents"] or [])[n], m) for n, m in zip(order, metas, strict=True)
        ]
        vectors = [got["embeddings"][n] for n in order] if got.get("embeddings") is not None else []
        return Hits(passages, as_matrix(vectors, len(passages)), metas)


def _signed(got: dict[str, list[Any]]) -> list[tuple[str, str, str, str]]:
    """(id, signature, copy_of, date) of the catalog entries read that have a signature."""
    return [
        (i, str(m.get("minhash", "")), str(m.get("copy_of", "")), str(m.get("date", "")))
        for i, m in zip(got["ids"], got["metadatas"] or [], strict=True)
        if m and m.get("minhash")
    ]


def _newest(passages: Sequence[Passage], n: int) -> list[int]:
    """Which are the n newest passages (undated last; of one day, those first in the store), in their order."""
    return sorted(sorted(range(len(passages)), key=lambda k: passages[k].date or "", reverse=True)[:n])


def _hits(got: dict[str, list[Any]], vectors: bool = True) -> Hits:
    """Passages with their vectors and metadata from what `Store._get` read (documents, metadatas, embeddings;
    or metadatas only, `vectors=False`: the passages then have no text and the Hits no vectors)."""
    metas = [dict(m or {}) for m in got["metadatas"]]
    texts = got["documents"] if vectors else [""] * len(metas)
    passages = [passage_of(i, d, m) for i, d, m in zip(got["ids"], texts, metas, strict=True)]
    return Hits(passages, as_matrix(got["embeddings"] if vectors else [], len(passages) if vectors else 0), metas)
