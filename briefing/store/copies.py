"""Copies: one story reprinted by several outlets (a wire story with a credit line, a new headline, a sentence
added) is one report. MinHash signatures and LSH from `datasketch` find them; a copy group is named by its
first member (`copy_of`), and a group whose first member goes is renamed after the next one.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # datasketch (with scipy) loads when copies are looked for, not to answer a question
    from datasketch import MinHash

NUM_PERM = 128
SCHEME = "affine32"  # datasketch 2's hashing; signatures are kept as 32-bit values
SAME = 0.5  # estimated Jaccard similarity of word 5-gram shingles at which two texts are one story's copies
SHINGLE = 5


@functools.cache
def _permutations() -> np.ndarray:
    """The hash permutations every signature uses (datasketch makes them anew, 1 KB, for each MinHash)."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, scheme=SCHEME).permutations


def signature(text: str) -> MinHash:
    """The MinHash of a text's word 5-grams (lower-cased words; a short text uses its words)."""
    words = re.findall(r"\w+", text.lower())
    size = SHINGLE if len(words) >= SHINGLE else 1
    shingles = {" ".join(words[i : i + size]).encode() for i in range(max(1, len(words) - size + 1))}
    from datasketch import MinHash

    found = MinHash(num_perm=NUM_PERM, scheme=SCHEME, permutations=_permutations())
    found.update_batch(list(shingles))
    return found


def encode_signature(found: MinHash) -> str:
    """A signature as text, to keep in the store's catalog."""
    return base64.b64encode(found.hashvalues.astype(np.uint32).tobytes()).decode("ascii")


def decode_signature(text: str) -> MinHash:
    """A signature kept by `encode_signature`."""
    values = np.frombuffer(base64.b64decode(text), dtype=np.uint32)
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, hashvalues=values, scheme=SCHEME, permutations=_permutations())


@functools.cache
def _band_ranges() -> list[tuple[int, int]]:
    from datasketch import MinHashLSH

    return [(int(a), int(b)) for a, b in MinHashLSH(threshold=SAME, num_perm=NUM_PERM).hashranges]


def bands(encoded: str) -> dict[str, str]:
    """The LSH band keys of a signature kept by `encode_signature` (25 bands of 5 values, datasketch's choice
    at SAME): two signatures are candidate copies exactly when they share one, so the store's catalog can be
    asked for the candidates of a new article through its index of these keys instead of being read whole."""
    values = np.frombuffer(base64.b64decode(encoded), dtype=np.uint32)
    return {
        f"band{n}": hashlib.blake2b(values[a:b].tobytes(), digest_size=8).hexdigest()
        for n, (a, b) in enumerate(_band_ranges())
    }


@dataclass(frozen=True)
class Member:
    """An article in the copy index: its signature and the group it belongs to (its own id if first)."""

    id: str
    signature: MinHash
    group: str


class CopyIndex:
    """Articles by signature, to find which group a new article is a copy of. Ingest fills it with the
    stored candidates of each batch (`look_up`) and with what it writes (`add`)."""

    def __init__(self, members: Iterable[Member] = ()) -> None:
        from datasketch import MinHashLSH

        self.lsh = MinHashLSH(threshold=SAME, num_perm=NUM_PERM)
        self.members: dict[str, Member] = {}
        self.removed: set[str] = set()  # gone meanwhile: not taken back from the store
        for member in members:
            self.add(member)

    def add(self, member: Member) -> None:
        if member.id in self.members:
            self.remove(member.id)
        self.removed.discard(member.id)
        self.lsh.insert(member.id, member.signature)
        self.members[member.id] = member

    def look_up(self, stored: Iterable[tuple[str, str, str, str]]) -> None:
        """Add stored articles, (id, signature, copy_of, date) as `Store.copy_candidates` gives them, unless
        known already or removed meanwhile."""
        for article_id, encoded, copy_of, _ in stored:
            if article_id not in self.members and article_id not in self.removed:
                self.add(Member(article_id, decode_signature(encoded), copy_of or article_id))

    def remove(self, article_id: str) -> None:
        self.removed.add(article_id)
        if article_id in self.members:
            self.lsh.remove(article_id)
            del self.members[article_id]

    def group_of(self, found: MinHash, exclude: Iterable[str] = ()) -> str | None:
        """The group of the closest article the text is a copy of (Jaccard at least SAME), or None."""
        skip = set(exclude)
        best, best_jaccard = None, SAME
        for candidate in self.lsh.query(found):
            if candidate in skip:
                continue
            member = self.members[candidate]
            jaccard = found.jaccard(member.signature)
            if jaccard >= best_jaccard:
                best, best_jaccard = member, jaccard
        return best.group if best is not None else None


def regroup(members: Iterable[tuple[str, str, str]], gone: Iterable[str]) -> dict[str, str]:
    """New group names after articles go: members of a group named after a gone article take the name of
    the first (by `order` key, then id) who stays.

    Args:
        members: (article id, group, order key) of the articles that stay.
        gone: Ids of the articles removed.

    Returns:
        {article id: new group} for the members whose group changes ("" for the new first member).
    """
    removed = set(gone)
    orphans: dict[str, list[tuple[str, str]]] = {}
    for article, group, order in members:
        if group in removed and article not in removed:
            orphans.setdefault(group, []).append((order, article))
    changes: dict[str, str] = {}
    for left in orphans.values():
        left.sort()
        first = left[0][1]
        for _, article in left:
            changes[article] = "" if article == first else first
    return changes
