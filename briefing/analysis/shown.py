"""What a page already shows, so that no part repeats a sentence another part shows: a sentence is known by
where it stands (its passage and place, whichever clause of it is shown) and by its words (a reprint of
it in another outlet is the same sentence to the reader)."""

from __future__ import annotations

from collections.abc import Iterable

from briefing.analysis.scoring import Candidate
from briefing.text.sentences import normalize


def said_at(cand: Candidate) -> tuple[str, int]:
    """Where a sentence stands (its passage and place), whichever clause of it is shown."""
    return cand.passage.id, cand.order


class Shown:
    """The sentences a page shows."""

    def __init__(self, cands: Iterable[Candidate] = ()) -> None:
        self.places: set[tuple[str, int]] = set()
        self.texts: set[str] = set()
        self.add(*cands)

    def add(self, *cands: Candidate) -> None:
        for cand in cands:
            self.places.add(said_at(cand))
            self.texts.add(normalize(cand.shown))

    def __contains__(self, cand: object) -> bool:
        if not isinstance(cand, Candidate):
            return False
        return said_at(cand) in self.places or normalize(cand.shown) in self.texts

    def __or__(self, other: Shown) -> Shown:
        both = Shown()
        both.places, both.texts = self.places | other.places, self.texts | other.texts
        return both
