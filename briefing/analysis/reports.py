"""Independent reports: which sentences come from one report (a copy group, one outlet, or wire text one
article copies from another), and how many independent reports a set of sentences holds."""

from __future__ import annotations

from collections.abc import Sequence

from briefing.analysis.scoring import Candidate
from briefing.text.sentences import terms

WIRE_TERMS = 8  # a sentence this long (content words) or longer can be told to copy another:
WIRE = 0.7  # share of words two sentences from different articles share when one copies the other


def origin(cand: Candidate) -> str:
    """The report a sentence belongs to: its article's copy group."""
    return cand.origin or cand.passage.article_id


def same_report(a: Candidate, b: Candidate) -> bool:
    """Whether two sentences are one report: the same copy group or outlet, or one copies the other's words."""
    if origin(a) == origin(b) or (a.passage.source and a.passage.source.casefold() == b.passage.source.casefold()):
        return True
    words_a, words_b = set(terms(a.text)), set(terms(b.text))
    if min(len(words_a), len(words_b)) < WIRE_TERMS:  # short sentences share words by chance
        return False
    return len(words_a & words_b) / len(words_a | words_b) >= WIRE


def outlets_of(sentences: Sequence[Candidate]) -> list[str]:
    """The outlets of the sentences' articles, each once, in order."""
    return list(dict.fromkeys(c.passage.source for c in sentences if c.passage.source))


def one_each(sentences: Sequence[Candidate], limit: int = 2) -> list[Candidate]:
    """The first sentence and the first of each other independent report, `limit` in all: those to cite."""
    chosen: list[Candidate] = []
    for cand in sentences:
        if len(chosen) >= limit:
            break
        if all(not same_report(cand, other) for other in chosen):
            chosen.append(cand)
    return chosen


def count_reports(sentences: Sequence[Candidate]) -> int:
    """Independent reports among sentences: groups of sentences linked by `same_report`."""
    return len(report_groups(sentences))


def report_groups(sentences: Sequence[Candidate]) -> list[list[int]]:
    """The sentences (by index) grouped into independent reports: linked by `same_report`."""
    parent = list(range(len(sentences)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(sentences)):
        for j in range(i):
            if root(i) != root(j) and same_report(sentences[i], sentences[j]):
                parent[root(i)] = root(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(sentences)):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())
