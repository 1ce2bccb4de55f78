"""Pure text helpers: sentences, content terms, clauses, negation."""

from __future__ import annotations

import re
import unicodedata

from briefing.text.vocabulary import MONTH_ABBREVIATIONS

_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "gen",
    "col",
    "lt",
    "sgt",
    "capt",
    "cmdr",
    "adm",
    "gov",
    "sen",
    "rep",
    "st",
    "jr",
    "sr",
    "inc",
    "ltd",
    "co",
    "corp",
    "vs",
    "etc",
    "no",
    "fig",
    "approx",
    "est",
    "dept",
    "univ",
    *(short.lower() for short in MONTH_ABBREVIATIONS),
    "u.s",
    "u.k",
    "e.g",
    "i.e",
    "a.m",
    "p.m",
    "u.n",
}
# A sentence ends at . ! or ? (with closing quotes or brackets), before white space and a capital,
# a digit or an opening quote. A blank line, or a rule of hyphens, always ends one.
_END = re.compile(r"""[.!?]+["'”’)\]]*(?=\s+["'“‘(\[#@]?(\w))""")  # "… Airport.  #Orly …": an embedded post
_PARAGRAPH = re.compile(r"\n\s*\n")
# A rule of hyphens stands where a page had a paragraph break (scraped text: "…sentenced to death.---- Bashir's
# order…", "- - Although…"): hyphens run straight on from a sentence's end, four or more in a row, or spaced
# ones. Two between words (" -- ") are a dash inside a sentence, and stay.
_RULE = re.compile(r"(?<=[.!?\"'”’)\]])[ \t]*-{2,}[ \t]*|[ \t]*-{4,}[ \t]*|[ \t]*-(?:[ \t]+-)+[ \t]*")
_BREAK = re.compile(f"{_PARAGRAPH.pattern}|{_RULE.pattern}")


def normalize(text: str) -> str:
    """Unicode-normalise and fold white space: the form an article's id is computed from."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", " ", text).strip()


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split `text` into sentences, returned as (start, end) character offsets without outer blanks."""
    spans: list[tuple[int, int]] = []
    start = 0
    for para in [*_BREAK.finditer(text), None]:
        end = para.start() if para else len(text)
        spans.extend(_split_block(text, start, end))
        if para:
            start = para.end()
    return spans


def _split_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    block = text[start:end]
    cut = 0
    for match in _END.finditer(block):
        following = match.group(1)
        if not (following.isupper() or following.isdigit()):  # any script's capitals, not only A-Z
            continue
        word = re.search(r"([\w.]+)\s*$", block[cut : match.start() + 1].rstrip("."))
        last = word.group(1).lower() if word else ""
        if match.group().startswith(".") and (last in _ABBREVIATIONS or re.fullmatch(r"[a-z]", last)):
            continue
        spans.append((cut, match.end()))
        cut = match.end()
    spans.append((cut, len(block)))
    out = []
    for s, e in spans:
        piece = block[s:e]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece.rstrip())
        if trail > lead:
            out.append((start + s + lead, start + s + trail))
    return out


def split_sentences(text: str) -> list[str]:
    """The sentences of `text`, each stripped."""
    return [text[s:e] for s, e in sentence_spans(text)]


STOPWORDS = frozenset(
    """
    a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had
    has have having he her here hers him his how i if in into is it its itself just me more most my
    no nor not now of off on once only or other our ours out over own same she should so some such
    than that the their theirs them then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours said
    says say also one two many much new tell me please know near across along among amid around behind
    beside beyond inside outside toward towards upon within without via
    """.split()
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*")


def stem(word: str) -> str:
    """A very light stemmer: enough to match `troops` with `troop` and `stationed` with `station`."""
    if re.search(r"(?:ss|x|z|ch|sh)es$", word) and len(word) >= 6:  # glasses, boxes, marches
        return word[:-2]
    for suffix in ("ing", "ed", "s"):  # forces -> force, troops -> troop, stationed -> station
        if word.endswith(suffix) and len(word) - len(suffix) >= 4 and not word.endswith("ss"):
            word = word[: -len(suffix)]
            break
    # decide, decided, deciding -> decid; force, forces -> forc
    return word[:-1] if word.endswith("e") and len(word) >= 5 and not word.endswith("ee") else word


def terms(text: str) -> list[str]:
    """Content terms of `text`: lower-cased, stop words removed, lightly stemmed."""
    out = []
    for raw in _WORD.findall(text):
        word = raw.lower().strip("'’-.,").removesuffix("'s").removesuffix("’s")
        if word and word not in STOPWORDS and (len(word) > 1 or word.isdigit()):
            out.append(stem(word))
    return out


_CLAUSE = re.compile(
    r"[,;:]\s+|\s+[-–—]\s+|\s+(?:and|but|while|whereas|as well as|which|adding that|stating that|warning that)\s+"
)


def related(a: str, b: str) -> bool:
    """Two terms are forms of one word: equal, or one begins the other and both are at least four letters
    (`lead`, `leader`; `protest`, `protester`), which the light stemmer leaves apart."""
    return a == b or (min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)))


def clauses(sentence: str, min_words: int = 3) -> list[str]:
    """The clauses of a sentence (split at commas, semicolons, dashes and joining words), each 3+ words."""
    return [part.strip(" \"'“”") for part in _CLAUSE.split(sentence) if len(part.split()) >= min_words]


_NEGATION = re.compile(r"\b(not|no|never|none|nor|without|n't|cannot)\b|n't\b", re.I)


def negated(text: str) -> bool:
    """Whether a sentence says something is not so."""
    return bool(_NEGATION.search(text.replace("’", "'")))
