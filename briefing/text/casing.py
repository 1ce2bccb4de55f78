"""How a body of text writes its words: the share of each word's uses in lower case, and which pairs of
capitalised words it writes together (a name's words recur together; a heading's last word and the first
word of the sentence run into it meet once)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

_WORD = re.compile(r"[A-Za-z][\w’'-]*")
_STARTS = '.!?"“:'  # after these a word is capitalised whatever it is
MIN_USES = 5  # uses of a word below which its casing says nothing


@dataclass
class Casing:
    """Counts of a text's words written in lower case and capitalised (sentence starts left out), and of
    capitalised words written next to each other."""

    lower: Counter[str] = field(default_factory=Counter)
    upper: Counter[str] = field(default_factory=Counter)
    pairs: Counter[tuple[str, str]] = field(default_factory=Counter)

    def lower_share(self, word: str) -> float | None:
        """The share of `word`'s uses written in lower case, or None when it is used too rarely to say."""
        key = word.casefold()
        uses = self.lower[key] + self.upper[key]
        return self.lower[key] / uses if uses >= MIN_USES else None


def casing(texts: Sequence[str]) -> Casing:
    """How the texts write their words."""
    found = Casing()
    for text in texts:
        previous = ""
        for match in _WORD.finditer(text):
            word = match.group()
            j = match.start() - 1
            while j >= 0 and text[j].isspace():
                j -= 1
            before = text[j] if j >= 0 else ""  # the last character before the word, spaces left out
            if not before or before in _STARTS:
                previous = ""
                continue  # a sentence's first word is capitalised whatever it is
            capital = word[0].isupper()
            (found.upper if capital else found.lower)[word.casefold()] += 1
            if capital and previous and before.isalnum():
                found.pairs[previous.casefold(), word.casefold()] += 1
            previous = word if capital else ""
    return found


def lower_share(texts: Sequence[str]) -> dict[str, float]:
    """For each word, the share of its uses the texts write in lower case (sentence starts not counted)."""
    found = casing(texts)
    return {w: found.lower[w] / (found.lower[w] + found.upper[w]) for w in found.lower.keys() | found.upper.keys()}
