"""A keyword index (BM25, from `bm25s`) over every stored chunk, kept beside the store.

The index keeps itself in step with the store lazily: every write to the store changes the store's
revision; before a search the index compares the revision it was built at, and when they differ it
catches up (reads the texts of the chunks added since, drops the chunks gone). So ingest, replace, `forget`,
a crash repaired, or another process writing to the same `chroma run` server all reach the index without
any write path having to remember it.

Catching up does not rebuild the whole index each time (at 100k chunks that took most of a minute for one
article added): the chunks added since the last rebuild are kept beside it as *recent* ones, scored at
search time with the whole index's word counts, and the chunks gone since are left out of its results. The
whole index is rebuilt once the recent or gone chunks pass a tenth of it.
"""

from __future__ import annotations

import errno
import json
import math
import shutil
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np

from briefing.errors import store_failure
from briefing.store.folders import inode, linked, replace_folder, same_files
from briefing.store.recent import K1, B, Recent
from briefing.text.sentences import related, terms

Texts = Callable[[Sequence[str]], list[str]]  # chunk ids -> their texts


PAGE = 1024  # chunk texts read from the store at a time
# The whole index is rebuilt once the chunks added or gone since its last rebuild pass a tenth of it (or 500
# chunks, if more; a small index is rebuilt in a moment), or 5,000 chunks: recent chunks are read and counted
# by every process that searches, in about 0.1 s per thousand.
RECENT, RECENT_MIN, RECENT_MAX = 0.1, 500, 5000
FORMAT = 2  # 2: recent and gone chunks kept beside the whole index
WHOLE = ("ids.json", "tokens.jsonl", "df.json", "bm25")  # the whole index's files, as of its last rebuild


def numbered(tokens: Iterable[str], vocab: dict[str, int]) -> np.ndarray:
    """A chunk's tokens as word numbers in `vocab` (new words are added to it): 4 bytes a token, where a
    list of strings takes 8 and more (a store's tokens were 80 MB as separate strings, 9 MB shared, at
    22k chunks)."""
    return np.fromiter((vocab.setdefault(t, len(vocab)) for t in tokens), dtype=np.int32)


class KeywordIndex:
    """BM25 over chunks, in `folder`: the whole index as of its last rebuild (the chunk ids, each chunk's
    tokens, word counts and the bm25s index built from them), the chunks added since (`recent.jsonl`) and
    those gone since (`gone.json`)."""

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

    def catch_up(self, revision: str, current: Sequence[str], texts: Texts) -> None:
        """Bring the index to the store's `current` chunk ids at `revision`, reading only the new texts.

        The new chunks join the recent ones and the chunks gone are noted, unless either passes a tenth of
        the whole index (`RECENT`): then the whole index is rebuilt."""
        wanted = set(current)
        if self._built != self._generation():  # another process put a new index in place
            self._unload()
        try:
            main, recent = self.main, {i: t for i, t in self.recent.docs.items() if i in wanted}
        except Damaged:
            self.reset()
            main, recent = [], {}
        in_main = set(main)
        gone = in_main - wanted
        added = [i for i in current if i not in in_main and i not in recent]
        most = min(RECENT_MAX, max(RECENT_MIN, RECENT * len(main)))
        if not main or len(recent) + len(added) > most or len(gone) > most:
            self._rebuild(revision, current, texts)
            return
        for start in range(0, len(added), PAGE):
            part = added[start : start + PAGE]
            recent.update(zip(part, (terms(t) for t in texts(part)), strict=True))

        def write(tmp: Path) -> None:
            try:
                for name in WHOLE:  # the whole index is unchanged: the new folder links to its files
                    linked(self.folder / name, tmp / name)
                # every file linked is of the build read (another process may have put a new one in place)
                same = self._built == inode(tmp / "ids.json") and same_files(self.folder, tmp, WHOLE)
            except OSError as exc:  # the folder was swapped while it was linked: the index is rebuilt
                raise Moved from exc
            if not same:
                raise Moved
            with (tmp / "recent.jsonl").open("w", encoding="utf-8") as out:
                for i, tokens in recent.items():
                    out.write(json.dumps({"id": i, "t": tokens}) + "\n")
            (tmp / "gone.json").write_text(json.dumps(sorted(gone)), encoding="utf-8")

        try:
            self._swap(revision, write)
        except Moved:
            self._rebuild(revision, current, texts)
            return
        self._recent, self._gone, self._mask = Recent(recent), gone, None  # the whole index's counts stand

    def _rebuild(self, revision: str, current: Sequence[str], texts: Texts) -> None:
        """Build the whole index anew over `current`, taking the tokens it keeps and reading only new texts.

        Streamed: the kept tokens are read line by line and the new texts a page at a time, and each chunk's
        tokens are held as one array of word numbers (4 bytes a token), not as a list of strings, so that a
        large store's rebuild does not hold its texts, its tokens and the store's copy all at once."""
        wanted = set(current)
        vocab: dict[str, int] = {}
        docs: dict[str, np.ndarray] = {}
        for name in ("tokens.jsonl", "recent.jsonl"):
            for i, t in self._saved(name):
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
        avgdl = float(np.mean([len(doc) for doc in corpus])) if corpus else 0.0
        import bm25s

        bm25 = bm25s.BM25(k1=K1, b=B)
        if ids:
            # bm25s takes (token numbers per chunk, vocabulary): the same index as from the tokens themselves
            bm25.index((corpus, vocab), show_progress=False)

        def write(tmp: Path) -> None:
            with (tmp / "tokens.jsonl").open("w", encoding="utf-8") as out:
                for i, doc in zip(ids, corpus, strict=True):
                    out.write(json.dumps({"id": i, "t": [words_of[k] for k in doc.tolist()]}) + "\n")
            (tmp / "ids.json").write_text(json.dumps(ids), encoding="utf-8")
            (tmp / "df.json").write_text(json.dumps({"n": len(ids), "df": df, "avgdl": avgdl}), encoding="utf-8")
            if ids:
                bm25.save(str(tmp / "bm25"), show_progress=False)

        self._swap(revision, write)
        self._main, self._bm25, self._built = ids, bm25 if ids else None, self._generation()
        self._recent, self._gone, self._mask = Recent({}), set(), None
        self._counts = (len(ids), df, avgdl)

    def _swap(self, revision: str, write: Callable[[Path], None]) -> None:
        """Write the index's files into a new folder (`write`), then put it in place of the old one whole."""

        def filled(tmp: Path) -> None:
            write(tmp)
            manifest = {"revision": revision, "format": FORMAT}
            (tmp / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")

        try:
            replace_folder(self.folder, filled)
        except OSError as exc:
            full = exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)
            raise store_failure(f"keyword index: {exc}", str(self.folder.parent.parent), full=full) from exc
        self.revision = revision

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

    def reset(self) -> None:
        """Forget a damaged index: the next `catch_up` rebuilds it from the store's texts."""
        self.revision = ""
        self._unload()
        shutil.rmtree(self.folder, ignore_errors=True)

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


class Moved(Exception):
    """Another process put a new index in place while this one linked to the files of the old one."""


class Damaged(Exception):
    """The index's files cannot be read; `reset()` it and catch up again."""
