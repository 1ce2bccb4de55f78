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
import shutil
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np

from briefing.errors import store_failure
from briefing.store.folders import inode, linked, replace_folder, same_files
from briefing.store.keyword_reads import FORMAT, Damaged, KeywordReads
from briefing.store.recent import K1, B, Recent
from briefing.text.sentences import terms

Texts = Callable[[Sequence[str]], list[str]]  # chunk ids -> their texts


PAGE = 1024  # chunk texts read from the store at a time
# The whole index is rebuilt once the chunks added or gone since its last rebuild pass a tenth of it (or 500
# chunks, if more; a small index is rebuilt in a moment), or 5,000 chunks: recent chunks are read and counted
# by every process that searches, in about 0.1 s per thousand.
RECENT, RECENT_MIN, RECENT_MAX = 0.1, 500, 5000
WHOLE = ("ids.json", "tokens.jsonl", "df.json", "bm25")  # the whole index's files, as of its last rebuild


def numbered(tokens: Iterable[str], vocab: dict[str, int]) -> np.ndarray:
    """A chunk's tokens as word numbers in `vocab` (new words are added to it): 4 bytes a token, where a
    list of strings takes 8 and more (a store's tokens were 80 MB as separate strings, 9 MB shared, at
    22k chunks)."""
    return np.fromiter((vocab.setdefault(t, len(vocab)) for t in tokens), dtype=np.int32)


class KeywordIndex(KeywordReads):
    """The keyword index, kept in step with the store: the chunks added since the last rebuild join the
    recent ones, those gone are masked out, and the whole index is rebuilt once either passes a tenth of it."""

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

    def reset(self) -> None:
        """Forget a damaged index: the next `catch_up` rebuilds it from the store's texts."""
        self.revision = ""
        self._unload()
        shutil.rmtree(self.folder, ignore_errors=True)


class Moved(Exception):
    """Another process put a new index in place while this one linked to the files of the old one."""
