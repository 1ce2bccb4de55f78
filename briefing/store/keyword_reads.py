"""The keyword index's reads: its files loaded lazily (the whole index as of its last rebuild, the chunks
added and gone since), BM25 search over them and each word's rarity. `KeywordIndex` (keywords.py) adds the
writes that keep it in step with the store."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np

from briefing.store.folders import inode
from briefing.store.recent import Recent
from briefing.text.sentences import related, terms

FORMAT = 2  # 2: recent and gone chunks kept beside the whole index


class KeywordReads:
    """BM25 over chunks, read from `folder`: the whole index as of its last rebuild (the chunk ids, each
    chunk's tokens, word counts and the bm25s index built from them), the chunks added since
    (`recent.jsonl`) and those gone since (`gone.json`)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._main: list[str] | None = None
        self._bm25: Any = None
        self._counts: tuple[int, dict[str, int], float] | None = None  # the whole index's n, df, mean length
        self._recent: Recent | None = None
        self._gone: set[str] | None = None
        self._mask: np.ndarray | None = None
        self._built = 0  # the build read into memory (`_generation`)
        try:
            manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
            self.revision = str(manifest.get("revision", ""))
            if manifest.get("format") != FORMAT or not (folder / "df.json").is_file():
                self.revision = ""  # an index from before recent chunks (or rarities) were kept: rebuilt
        except (OSError, ValueError, AttributeError):
            self.revision = ""  # no index yet, or a damaged one: it is rebuilt from the store

    def _read(self, name: str, default: Any, missing_ok: bool = False) -> Any:
        """A file of the index as JSON; `default` when there is no index yet (or no such file, `missing_ok`);
        Damaged when the manifest says there is one but the file cannot be read."""
        if not self.revision:
            return default
        try:
            return json.loads((self.folder / name).read_text("utf-8"))
        except FileNotFoundError as exc:
            if missing_ok:
                return default
            raise Damaged(str(self.folder)) from exc
        except (OSError, ValueError) as exc:
            raise Damaged(str(self.folder)) from exc

    def _generation(self) -> int:
        """Which build of the whole index the folder holds now (its ids file's inode: a delta links it)."""
        return inode(self.folder / "ids.json")

    def _unload(self) -> None:
        """Forget what was read into memory: the next use reads the folder again."""
        self._main = self._gone = self._recent = self._bm25 = self._counts = self._mask = None
        self._built = 0

    def _load(self) -> None:
        """Read the whole index's ids and the recent and gone chunks, all of one build (read again if
        another process put a new index in place meanwhile)."""
        for _ in range(3):
            generation = self._generation()
            ids = self._read("ids.json", [])
            gone = self._read("gone.json", [], missing_ok=True)  # none since a rebuild
            recent = dict(self._saved("recent.jsonl", strict=bool(self.revision)))
            if self._generation() == generation:
                break
        if not isinstance(ids, list) or not isinstance(gone, list):
            raise Damaged(str(self.folder))
        self._main, self._gone, self._recent = [str(i) for i in ids], {str(i) for i in gone}, Recent(recent)
        self._built = generation

    @property
    def main(self) -> list[str]:
        """The chunks of the whole index (as of its last rebuild), in its order."""
        if self._main is None:
            self._load()
        assert self._main is not None
        return self._main

    @property
    def gone(self) -> set[str]:
        """Chunks of the whole index gone from the store since its last rebuild."""
        if self._gone is None:
            self._load()
        assert self._gone is not None
        return self._gone

    @property
    def recent(self) -> Recent:
        """The chunks added since the last rebuild."""
        if self._recent is None:
            self._load()
        assert self._recent is not None
        return self._recent

    @property
    def ids(self) -> list[str]:
        """Every chunk the index holds."""
        gone = self.gone
        return [i for i in self.main if i not in gone] + self.recent.ids

    def in_step(self, revision: str) -> bool:
        return bool(revision) and revision == self.revision

    def _saved(self, name: str, strict: bool = False) -> Iterator[tuple[str, list[str]]]:
        """(chunk id, tokens) of each chunk in one of the index's token files, read a line at a time. None
        when the file is missing or damaged (a rebuild then reads those chunks from the store again), or,
        `strict`, Damaged."""
        try:
            with (self.folder / name).open(encoding="utf-8") as lines:
                for line in lines:
                    row = json.loads(line)
                    yield str(row["id"]), [str(t) for t in row["t"]]
        except FileNotFoundError:
            return
        except (OSError, ValueError, KeyError, TypeError) as exc:
            if strict:
                raise Damaged(str(self.folder)) from exc
            return

    def counts(self) -> tuple[int, dict[str, int], float]:
        """The whole index's chunk count, document frequency of each word and mean chunk length."""
        if self._counts is None:
            saved = self._read("df.json", {"n": 0, "df": {}, "avgdl": 0.0})
            try:
                self._counts = (int(saved["n"]), dict(saved["df"]), float(saved["avgdl"]))
            except (KeyError, TypeError, ValueError) as exc:
                raise Damaged(str(self.folder)) from exc
        return self._counts

    def rarity(self, words: Iterable[str]) -> dict[str, float]:
        """Each word's BM25 inverse document frequency over the stored chunks (a word in few chunks weighs
        most); a word the store has only in another form (`leads`, stored `leader`) takes that form's, and
        a word the store lacks weighs as the rarest of the others: it says nothing of its rarity here.
        Empty when there is no index yet (or a damaged one)."""
        try:
            n, df, _ = self.counts()
            recent = self.recent
        except Damaged:
            return {}
        n += len(recent.ids)
        if not n:
            return {}
        wanted = list(dict.fromkeys(words))

        def count_of(word: str) -> int:
            return df.get(word, 0) + len(recent.postings.get(word, ()))

        only_recent = [t for t in recent.postings if t not in df]
        found = {}
        for word in wanted:
            count = count_of(word)
            if not count:
                count = max((count_of(t) for t in chain(df, only_recent) if related(word, t)), default=0)
            if count:
                found[word] = math.log(1 + (n - count + 0.5) / (count + 0.5))
        rarest = max(found.values(), default=1.0)
        return {w: found.get(w, rarest) for w in wanted}

    def unknown(self, words: Iterable[str]) -> set[str]:
        """The words the store holds in no form at all (`form_of`); empty when there is no index yet, or a
        damaged one."""
        try:
            _, df, _ = self.counts()
            recent = self.recent
        except Damaged:
            return set()
        if not df and not recent.postings:
            return set()
        return {
            word
            for word in dict.fromkeys(words)
            if word not in df
            and word not in recent.postings
            and not any(form_of(word, t) for t in chain(df, recent.postings))
        }

    def search(self, query: str, k: int) -> list[tuple[str, float]]:
        """The k chunks (ids) that score highest for the query's words, best first; none without a match."""
        words = terms(query)
        if not words:
            return []
        try:
            recent, found = self.recent, []
            if recent.ids:
                n, df, avgdl = self.counts()
                found = recent.search(words, k, n + len(recent.ids), df, avgdl)
            return sorted(self._search_whole(words, k) + found, key=lambda hit: -hit[1])[:k]
        except Damaged:
            raise
        except Exception as exc:  # bm25s raises whatever its damaged files cause
            raise Damaged(str(self.folder)) from exc

    def _search_whole(self, words: list[str], k: int) -> list[tuple[str, float]]:
        main = self.main
        if not main:
            return []
        if self._bm25 is None:
            import bm25s

            self._bm25 = bm25s.BM25.load(str(self.folder / "bm25"), mmap=True, show_progress=False)
        gone = self.gone
        if gone and self._mask is None:
            self._mask = np.asarray([i not in gone for i in main], dtype=np.float32)
        docs, scores = self._bm25.retrieve(
            [words], k=min(k, len(main)), show_progress=False, weight_mask=self._mask if gone else None
        )
        return [(main[int(d)], float(s)) for d, s in zip(np.ravel(docs), np.ravel(scores), strict=True) if s > 0]


class Damaged(Exception):
    """The index's files cannot be read; `reset()` it and catch up again."""


def form_of(word: str, stored: str) -> bool:
    """Whether a stored word is a form of `word`: one begins the other and shares five letters or more
    (`leader` of `leaders`, not `ever` of `everest`), or it is `word` joined by a hyphen (`geun-hye`)."""
    joined = stored.startswith(f"{word}-") or stored.endswith(f"-{word}")
    return joined or (related(word, stored) and min(len(word), len(stored)) >= 5)
