"""An article's quotable sentences, with their vectors, kept as one record of their own collection.

Briefs read the sentences of chosen articles by article id and never search them by vector, so they need
no vector index of their own: in Chroma, indexing each sentence (about 18 an article) cost three times as
much as writing the article's chunks, and as much memory. The record's own vector is a placeholder; the
sentences' vectors travel in its metadata, as float32 bytes, unchanged.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from typing import Any

import numpy as np

from briefing.store.records import ChunkRecord, Hits, as_matrix, passage_of
from briefing.text.clean import Sentence

PLACEHOLDER = [1.0]  # the record's own vector: never searched
OWN_KEYS = ("sentences", "vectors")  # the record's metadata beside the article's
Row = tuple[int, int, str, bool, str]  # a sentence: start, end, referent, damaged, text


def sentence_set(
    article_id: str, text: str, quotable: Sequence[Sentence], vectors: np.ndarray, meta: dict[str, Any]
) -> ChunkRecord:
    """The record of an article's quotable sentences (`text` is the article's), each with its vector."""
    rows = [(s.start, s.end, s.referent or "", bool(s.damaged), text[s.start : s.end]) for s in quotable]
    return pack(article_id, rows, vectors, meta)


def pack(article_id: str, rows: Sequence[Row], vectors: np.ndarray, meta: dict[str, Any]) -> ChunkRecord:
    """The record of an article's sentences, given as (start, end, referent, damaged, text) with their vectors."""
    packed = np.ascontiguousarray(vectors, dtype=np.float32).reshape(len(rows), -1) if rows else np.zeros(0)
    own = {
        "sentences": json.dumps([list(r) for r in rows], ensure_ascii=False),
        "vectors": base64.b64encode(packed.tobytes()).decode(),
    }
    return ChunkRecord(article_id, "", PLACEHOLDER, {**meta, **own})


def sentence_hits(ids: Sequence[str], metas: Sequence[dict[str, Any] | None]) -> Hits:
    """Every sentence of these records as a one-sentence Passage, in their order, with its vector and its
    metadata (the article's, with the sentence's order as `chunk`, its offsets, referent and damage)."""
    passages, meta_rows, blocks = [], [], []
    for article_id, stored in zip(ids, metas, strict=True):
        meta = dict(stored or {})
        spans = json.loads(str(meta.get("sentences") or "[]"))
        if not spans:
            continue
        vectors = np.frombuffer(base64.b64decode(str(meta["vectors"])), dtype=np.float32)
        blocks.append(vectors.reshape(len(spans), -1))
        article = {k: v for k, v in meta.items() if k not in OWN_KEYS}
        for order, (start, end, referent, damaged, text) in enumerate(spans):
            one = {**article, "chunk": order, "start": start, "end": end, "referent": referent, "damaged": damaged}
            passages.append(passage_of(f"{article_id}:s{start}", text, one))
            meta_rows.append(one)
    vectors = np.concatenate(blocks) if blocks else as_matrix([], 0)
    return Hits(passages, vectors, meta_rows)
