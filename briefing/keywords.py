"""A keyword index (BM25, from `bm25s`) over every stored chunk, kept beside the store.

The index keeps itself in step with the store lazily: every write to the store changes the store's
revision; before a search the index compares the revision it was built at, and when they differ it
catches up (reads the texts of the chunks added since, drops the chunks gone) and rebuilds. So ingest,
replace, `forget`, a crash repaired, or another process writing to the same `chroma run` server all reach
the index without any write path having to remember it.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import json
import math
import os
import shutil
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from briefing.errors import store_failure
from briefing.text import related, terms

Texts = Callable[[Sequence[str]], list[str]]  # chunk ids -> their texts


PAGE = 1024  # chunk texts read from the store at a time


def numbered(tokens: Iterable[str], vocab: dict[str, int]) -> np.ndarray:
    """A chunk's tokens as word numbers in `vocab` (new words are added to it): 4 bytes a token, where a
    list of strings takes 8 and more (a store's tokens were 80 MB as separate strings, 9 MB shared, at
    22k chunks)."""
    return np.fromiter((vocab.setdefault(t, len(vocab)) for t in tokens), dtype=np.int32)


class KeywordIndex:
    """BM25 over chunks, in `folder`: the chunk ids, each chunk's tokens, and the bm25s index built from them."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._ids: list[str] | None = None
        self._bm25: Any = None
        self._df: tuple[int, dict[str, int]] | None = None
        try:
            self.revision = str(json.loads((folder / "manifest.json").read_text("utf-8")).get("revision", ""))
            if not (folder / "df.json").is_file():
                self.revision = ""  # an index from before word rarities were kept: rebuilt
        except (OSError, ValueError):
            self.revision = ""  # no index yet, or a damaged one: it is rebuilt from the store

    @property
    def ids(self) -> list[str]:
        if self._ids is None:
            try:
                self._ids = [str(i) for i in json.loads((self.folder / "ids.json").read_text("utf-8"))]
            except (OSError, ValueError, TypeError) as exc:
                if self.revision:  # the manifest says an index is there, but its ids cannot be read
                    raise Damaged(str(self.folder)) from exc
                self._ids = []
        return self._ids

    def in_step(self, revision: str) -> bool:
        return bool(revision) and revision == self.revision

    def catch_up(self, revision: str, current: Sequence[str], texts: Texts) -> None:
        """Bring the index to the store's `current` chunk ids at `revision` (reading only the new texts).

        Streamed: the kept tokens are read line by line and the new texts a page at a time, and each chunk's
        tokens are held as one array of word numbers (4 bytes a token), not as a list of strings, so that a
        large store's rebuild does not hold its texts, its tokens and the store's copy all at once."""
        wanted = set(current)
        vocab: dict[str, int] = {}
        docs: dict[str, np.ndarray] = {}
        for i, t in self._saved():
            if i in wanted:
                docs[i] = numbered(t, vocab)
        added = [i for i in current if i not in docs]
        for start in range(0, len(added), PAGE):
            part = added[start : start + PAGE]
            docs.update(zip(part, (numbered(terms(t), vocab) for t in texts(part)), strict=True))
        ids = list(current)
        corpus = [docs.pop(i) for i in ids]
        del docs
        words_of = list(vocab)  # word numbers are given in order
        counts = np.zeros(len(vocab), dtype=np.int64)
        for doc in corpus:
            counts[np.unique(doc)] += 1
        df = {words_of[k]: int(n) for k, n in enumerate(counts) if n}
        import bm25s

        bm25 = bm25s.BM25()
        if ids:
            # bm25s takes (token numbers per chunk, vocabulary): the same index as from the tokens themselves
            bm25.index((corpus, vocab), show_progress=False)
        # each writer builds in a folder of its own (named with its process id, so that what a killed
        # process left is known for a leftover): two processes catching up at once don't collide
        self._sweep()
        tmp = self.folder.with_name(f"{self.folder.name}.{os.getpid()}-{uuid.uuid4().hex}.tmp")
        try:
            tmp.mkdir(parents=True)
            with (tmp / "tokens.jsonl").open("w", encoding="utf-8") as out:
                for i, doc in zip(ids, corpus, strict=True):
                    out.write(json.dumps({"id": i, "t": [words_of[k] for k in doc.tolist()]}) + "\n")
            (tmp / "ids.json").write_text(json.dumps(ids), encoding="utf-8")
            (tmp / "df.json").write_text(json.dumps({"n": len(ids), "df": df}), encoding="utf-8")
            if ids:
                bm25.save(str(tmp / "bm25"), show_progress=False)
            (tmp / "manifest.json").write_text(json.dumps({"revision": revision}), encoding="utf-8")
        except OSError as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            full = exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)
            raise store_failure(f"keyword index: {exc}", str(self.folder.parent.parent), full=full) from exc
        old = self.folder.with_name(f"{self.folder.name}.{os.getpid()}-{uuid.uuid4().hex}.old")
        with contextlib.suppress(FileNotFoundError):  # none yet, or another writer moved it
            self.folder.rename(old)  # the old index stays whole until the new one is built
        try:
            tmp.rename(self.folder)
        except OSError:  # another writer put its index (of the same store) in place first
            shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)
        self.revision, self._ids, self._bm25 = revision, ids, bm25 if ids else None
        self._df = (len(ids), df)

    def _sweep(self) -> None:
        """Remove the half-built (`.tmp`) and set-aside (`.old`) folders of writers that died mid-swap."""
        for leftover in self.folder.parent.glob(f"{glob.escape(self.folder.name)}.*-*.*"):
            pid = leftover.name[len(self.folder.name) + 1 :].split("-", 1)[0]
            if leftover.suffix in (".tmp", ".old") and pid.isdigit() and not alive(int(pid)):
                shutil.rmtree(leftover, ignore_errors=True)

    def _saved(self) -> Iterator[tuple[str, list[str]]]:
        """(chunk id, tokens) of each chunk the index on disk holds, read a line at a time."""
        try:
            with (self.folder / "tokens.jsonl").open(encoding="utf-8") as lines:
                for line in lines:
                    row = json.loads(line)
                    yield str(row["id"]), [str(t) for t in row["t"]]
        except (OSError, ValueError, KeyError, TypeError):
            return  # none, or a damaged file: the chunks not read yet are read from the store again

    def reset(self) -> None:
        """Forget a damaged index: the next `catch_up` rebuilds it from the store's texts."""
        self.revision, self._ids, self._bm25, self._df = "", None, None, None
        shutil.rmtree(self.folder, ignore_errors=True)

    def rarity(self, words: Iterable[str]) -> dict[str, float]:
        """Each word's BM25 inverse document frequency over the stored chunks (a word in few chunks weighs
        most); a word the store has only in another form (`leads`, stored `leader`) takes that form's, and
        a word the store lacks weighs as the rarest of the others: it says nothing of its rarity here.
        Empty when there is no index yet."""
        if self._df is None:
            try:
                saved = json.loads((self.folder / "df.json").read_text("utf-8"))
                self._df = (int(saved["n"]), dict(saved["df"]))
            except (OSError, ValueError, KeyError, TypeError):
                self._df = (0, {})
        n, df = self._df
        if not n:
            return {}
        wanted = list(dict.fromkeys(words))
        found = {}
        for word in wanted:
            count = df.get(word) or max((c for t, c in df.items() if related(word, t)), default=0)
            if count:
                found[word] = math.log(1 + (n - count + 0.5) / (count + 0.5))
        rarest = max(found.values(), default=1.0)
        return {w: found.get(w, rarest) for w in wanted}

    def search(self, query: str, k: int) -> list[tuple[str, float]]:
        """The k chunks (ids) that score highest for the query's words, best first; none without a match."""
        words = terms(query)
        if not words or not self.ids:
            return []
        try:
            if self._bm25 is None:
                import bm25s

                self._bm25 = bm25s.BM25.load(str(self.folder / "bm25"), mmap=True, show_progress=False)
            docs, scores = self._bm25.retrieve([words], k=min(k, len(self.ids)), show_progress=False)
            return [
                (self.ids[int(d)], float(s)) for d, s in zip(np.ravel(docs), np.ravel(scores), strict=True) if s > 0
            ]
        except Exception as exc:  # bm25s raises whatever its damaged files cause
            raise Damaged(str(self.folder)) from exc


class Damaged(Exception):
    """The index's files cannot be read; `reset()` it and catch up again."""


def alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, owned by someone else
    return True
