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
import sys
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from briefing.errors import store_failure
from briefing.text import related, terms

Texts = Callable[[Sequence[str]], list[str]]  # chunk ids -> their texts


def words(tokens: Iterable[str]) -> list[str]:
    """A chunk's tokens, each word held once in memory however many chunks use it (a store's tokens were
    80 MB as separate strings, 9 MB shared, at 22k chunks)."""
    return [sys.intern(t) for t in tokens]


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
        """Bring the index to the store's `current` chunk ids at `revision` (reading only the new texts)."""
        known = self._tokens()
        added = [i for i in current if i not in known]
        known.update(zip(added, (words(terms(t)) for t in texts(added)), strict=True))
        ids = list(current)
        tokens = [known.get(i, []) for i in ids]
        import bm25s

        bm25 = bm25s.BM25()
        if ids:
            bm25.index(tokens, show_progress=False)
        # each writer builds in a folder of its own (named with its process id, so that what a killed
        # process left is known for a leftover): two processes catching up at once don't collide
        self._sweep()
        tmp = self.folder.with_name(f"{self.folder.name}.{os.getpid()}-{uuid.uuid4().hex}.tmp")
        df = Counter(word for t in tokens for word in set(t))
        try:
            tmp.mkdir(parents=True)
            with (tmp / "tokens.jsonl").open("w", encoding="utf-8") as out:
                for i, t in zip(ids, tokens, strict=True):
                    out.write(json.dumps({"id": i, "t": t}) + "\n")
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
        self._df = (len(ids), dict(df))

    def _sweep(self) -> None:
        """Remove the half-built (`.tmp`) and set-aside (`.old`) folders of writers that died mid-swap."""
        for leftover in self.folder.parent.glob(f"{glob.escape(self.folder.name)}.*-*.*"):
            pid = leftover.name[len(self.folder.name) + 1 :].split("-", 1)[0]
            if leftover.suffix in (".tmp", ".old") and pid.isdigit() and not alive(int(pid)):
                shutil.rmtree(leftover, ignore_errors=True)

    def _tokens(self) -> dict[str, list[str]]:
        try:
            with (self.folder / "tokens.jsonl").open(encoding="utf-8") as lines:
                return {str(row["id"]): words(row["t"]) for row in map(json.loads, lines)}
        except (OSError, ValueError, KeyError, TypeError):
            return {}  # none, or a damaged file: the texts are read again

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
