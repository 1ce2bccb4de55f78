"""Parties: the people and bodies a story is about, chosen by salience across its independent reports, and
what each says.

A party is a name that reporting verbs attribute statements or positions to ("Rutte said", "Turkey
denied", "EU leaders said": `text.actors.attributed`). Its salience is the number of independent reports (copies and one
outlet's articles counted once) that attribute something to it. A word the story mostly writes in lower case
is no name ("Special", "Having"), nor is a title on its own ("Mrs"); a possessive is stripped. The role shown
is the one that apposition next to the name gives in the most reports, when more than one gives it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Container, Sequence

from briefing.analysis.evidence import Finding, count_reports, origin
from briefing.analysis.scoring import Candidate
from briefing.text.actors import attributed, role_of
from briefing.text.casing import lower_share

SALIENT = 2  # independent reports that must attribute something to a party for it to be shown (when there are two)
ROLE_REPORTS = 2  # independent reports that must give a role for it to be shown
_TITLES = frozenset("mr mrs ms miss dr sir lord lady prof".split())


def _clean(name: str) -> str:
    """A name without a possessive, a leading title word alone, or trailing punctuation."""
    words = [re.sub(r"(?:’s|'s|’|')$", "", w).strip(' .,;:"“”') for w in name.split()]
    words = [w for w in words if w]
    while words and words[0].casefold().rstrip(".") in _TITLES:
        words = words[1:]
    if len(words) > 2 and words[0].isupper() and not words[1].isupper():
        words = words[1:]  # "UN Bashar Jaafari": a body's acronym in front of a person's name
    return " ".join(words)


def _is_name(name: str, lowered: dict[str, float]) -> bool:
    words = name.split()
    if not words or all(w.casefold() in _TITLES for w in words):
        return False
    # a word the story mostly writes in lower case, or never capitalises but at a sentence's start, is no
    # name; one such word in a longer name is ("Theresa May")
    return any(lowered.get(w.casefold(), 1.0) < 0.5 for w in words) and lowered.get(words[0].casefold(), 1.0) < 0.5


def parties(findings: Sequence[Finding]) -> list[tuple[str, list[Candidate]]]:
    """The story's parties, most salient first: each one's fullest name and the sentences attributing
    something to it, from at least `SALIENT` independent reports."""
    sentences = [c for f in findings for c in f.sentences]
    lowered = lower_share([c.text for c in sentences])
    said: dict[str, list[Candidate]] = {}
    forms: dict[str, Counter[str]] = {}
    for cand in sentences:
        for name in map(_clean, attributed(cand.text)):
            capitalised = " ".join(w for w in name.split() if w[0].isupper())
            if not capitalised or not _is_name(capitalised, lowered):
                continue
            # a person by surname ("Mr Rutte" is Mark Rutte); a body by its whole name ("EU leaders")
            key = name.casefold() if capitalised != name else name.split()[-1].casefold()
            said.setdefault(key, []).append(cand)
            forms.setdefault(key, Counter())[name] += 1
    salience = {key: count_reports(cands) for key, cands in said.items()}
    needed = min(SALIENT, len({origin(c) for c in sentences}))  # a brief on one article has one report
    chosen = sorted((k for k in said if salience[k] >= needed), key=lambda k: (-salience[k], -len(said[k])))
    out = []
    for key in chosen:
        # its fullest form of up to three words ("Ana Brel" rather than "Brel"), the most used among equals
        common = [f for f, _ in forms[key].most_common()]
        name = max((f for f in common if len(f.split()) <= 3), key=lambda f: len(f.split()), default=common[0])
        out.append((name, said[key]))
    return out


def role(name: str, sentences: Sequence[Candidate]) -> str | None:
    """The role apposition gives the name in the most independent reports, if at least `ROLE_REPORTS` do."""
    given: dict[str, list[Candidate]] = {}
    for cand in sentences:
        found = role_of(cand.text, name)
        if found:
            given.setdefault(found.casefold(), []).append(cand)
    counted = sorted(given.items(), key=lambda item: -count_reports(item[1]))
    if counted and count_reports(counted[0][1]) >= ROLE_REPORTS:
        return role_of(counted[0][1][0].text, name)
    return None


def actors(
    ranked: Sequence[Finding], shown: set[int], avoid: Container[Candidate] = ()
) -> list[tuple[Finding, str, Candidate]]:
    """For each salient party, the best finding with a sentence that attributes something to it (one not
    shown elsewhere on the page when there is one; never a sentence another part shows, `avoid`ed by passage
    and place), labelled with its name and role, and that sentence."""
    out: list[tuple[Finding, str, Candidate]] = []
    articles = {f.lead.passage.article_id for f in ranked}  # a sentence grouped in from another article is not
    for name, said in parties(ranked):
        ids = {id(c) for c in said}
        own = [
            (f, c)
            for f in ranked
            for c in f.sentences
            if id(c) in ids and c.passage.article_id in articles and c.quotable and c not in avoid
        ]
        if not own:
            continue
        finding, cand = next(((f, c) for f, c in own if id(f) not in shown), own[0])
        mentioning = [c for f in ranked for c in f.sentences if name.split()[-1] in c.text] if name[0].isupper() else []
        given = role(name, mentioning)
        out.append((finding, f"{name}, {given}" if given else name, cand))
    return out
