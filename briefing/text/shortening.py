"""Short lines: where to end a sentence so that what is shown is an opening of it that reads on its own.

A shown line must stay a verbatim span of its source sentence (the citation check holds it to that), so a
sentence is only ever cut at its end: after its main clause, before a trailing chain ("…, saying …",
"…, which …", "…, after …", "… - a move …"), or (a timeline entry) after the longest opening that names its
day. An opening never ends inside a quotation, after a phrase with no clause of its own ("At a news
conference on Thursday"), after a subject and its relative clause, or after a reporting verb without what
was said; and a sentence that ends with its attribution ("…, police said.") is not cut, so the source of
what it says stays on the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable

WORDS = 30  # the longest line a page shows, in words, where it can be cut
MIN_WORDS = 6  # the shortest opening of a sentence that reads as a line
# An opening that is a phrase or a subordinate clause, not a clause of its own ("At a news conference on
# Thursday", "Speaking to her party on Saturday", "As the country heads to the polls on Wednesday").
_PHRASE = re.compile(
    r"(?:At|On|In|Of|After|Before|During|With|From|By|For|Amid|Following|Despite|Since|Until|Ahead|As|While|When|If|"
    r"Although|Though|Because|Once)\b|[A-Z][a-z]+ing\b"
)
_CUT = re.compile(r"[,;:]\s|\s[-–—]\s")
_DASH = re.compile(r"\s[-–—]\s")
_SAYS = re.compile(r"\b(?:said|says|told|added|warned|stated|announced|explained|wrote)$")  # what they said is cut
_RELATIVE = re.compile(r"(?:[,;:]|\s[-–—])\s+(?:who|which|whose|where|whom)\b[^,;:–—]*$")  # "Mrs May, who will …"
# What begins a trailing chain after a comma or a dash: a participle ("saying", "adding that"), a relative or
# subordinate clause, a preposition that adds circumstance. Not "and"/"but": a second main clause is a claim.
_CHAIN = re.compile(
    r"(?:(?!according|during|nothing|something|anything|everything|morning|evening|spring|string|king\b|thing\b)"
    r"[a-z]+ing|(?:and|but) (?=even|while|as|though|although|despite)|which|who|whose|whom|where|when|while|"
    r"whereas|as|after|before|since|until|although|though|even|"
    r"despite|amid|because|unless|with|without|in (?:what|which|a move)|a move|prompting)\b"
)
# An opening that ends on a word that needs what follows ("… told BBC Panorama that", "… the number of")
_DANGLING = re.compile(r"\b(?:that|to|of|the|a|an|and|or|but|whether|if|because|than|with|by|for|from)$", re.I)
_QUOTED = re.compile(r"[\"”][^\"“”]{0,80}$")  # a quotation closed a few words before the end
_RELATIVES = ("which", "who", "whose", "whom", "where")
# The end of a sentence that says who said it: "…, police said.", "…, according to the UN." (a few words)
_ATTRIBUTED = re.compile(
    r"(?:[,;:]|\s[-–—])\s+(?:[^,;:]{0,60}\s)?(?:said|says|told|added|reported|according to|announced|claimed)\b"
    r"[^,;:]{0,50}$"
)


_ASIDE = re.compile(r"\s[-–—]\s")


def readable(head: str) -> bool:
    """Whether an opening of a sentence reads on its own as a line (see the module's docstring)."""
    if len(head.split()) < MIN_WORDS or head.count('"') % 2 or head.count("“") != head.count("”"):
        return False
    if len(_ASIDE.findall(head)) % 2:  # "Two women - one Vietnamese and one Indonesian": an aside left open
        return False
    said = _SAYS.search(head) and not _QUOTED.search(head)  # "“…,” the minister said" has what was said
    if _DANGLING.search(head.rstrip()):
        return False
    return not (_RELATIVE.search(head) or said or (_PHRASE.match(head) and not _CUT.search(head)))


def openings(text: str, keeps: Callable[[str], bool]) -> list[int]:
    """Where an opening of the sentence may end: it reads on its own and `keeps` what must be kept."""
    return [m.start() for m in _CUT.finditer(text) if readable(text[: m.start()]) and keeps(text[: m.start()])]


def short_end(text: str, keeps: Callable[[str], bool], words: int = WORDS) -> int:
    """Where a timeline entry ends: the whole sentence when it has at most `words` words, else after the
    longest opening within `words` that reads on its own and `keeps` what must be kept (its day); the
    shortest such opening past `words`, or the whole sentence, when none fits."""
    if len(text.split()) <= words:
        return len(text)
    ends = openings(text, keeps)
    fit = [end for end in ends if len(text[:end].split()) <= words]
    return fit[-1] if fit else ends[0] if ends else len(text)


def main_clause_end(text: str, keeps: Callable[[str], bool], words: int = 0) -> int:
    """Where a claim's line ends: after its main clause, before the first trailing chain whose opening reads
    on its own and `keeps` what must be kept (its figures and dates); the whole sentence when it has at most
    `words` words, ends with its attribution, or has no such chain."""
    if len(text.split()) <= words or _ATTRIBUTED.search(text.rstrip(".!\"'”’ ")):
        return len(text)
    for match in _CUT.finditer(text):
        head, tail = text[: match.start()], text[match.end() :]
        chain = _CHAIN.match(tail)
        dash = match.group().strip() in ("-", "–", "—")
        if not chain and not (dash and not _DASH.search(tail)):
            continue  # not a trailing chain (a dash that opens an aside closed by another one is not either)
        if chain and chain.group() in _RELATIVES and _continues(tail):
            continue  # "Mr Wilders, who is anti-EU, vowed …": the clause was the subject's
        if chain and not dash and _interrupts(tail):
            continue  # "described how Masood, driving across the bridge, mounted …": an aside, not a tail
        if readable(head) and keeps(head):
            return match.start()
    return len(text)


_SUBJECTS = frozenset("it he she they we i you there this that these those the a an his her its their our".split())


def _interrupts(tail: str) -> bool:
    """Whether a comma's chain is an aside closed by another comma, after which its sentence goes on in
    lower case (", driving across Westminster Bridge, mounted the pavement")."""
    closed = re.match(r"[^,;:.!?\"“”]{1,80}?,\s+(?=[a-z])", tail)
    if not closed:
        return False
    after = tail[closed.end() :]
    # "…, it is unlikely": a new clause with its own subject, so what came before was a tail after all
    return not _CHAIN.match(after) and after.split(maxsplit=1)[0].lower() not in _SUBJECTS


def _continues(tail: str) -> bool:
    """Whether a relative clause is followed by more of the sentence it interrupts (", vowed to …")."""
    return any(not _CHAIN.match(tail[m.end() :]) for m in _CUT.finditer(tail))


_ALL_QUOTED = re.compile(r"^\s*[\"“‘'].+[\"”’'][.!?]?\s*$|^\s*[\"“‘'][^\"”]+[.!?][\"”’']\s*$", re.S)


def bare_quote(text: str) -> bool:
    """Whether a sentence is a quotation and nothing else: no speaker named in it ('"The attack has again
    shown the importance of efforts against terrorism."'). Shown as a development it does not say who said
    it; '"We hope …," Hariri said.' names them."""
    return bool(_ALL_QUOTED.match(text)) and not re.search(r"[\"”’]\s*,?\s+\w", text.strip()[1:])
