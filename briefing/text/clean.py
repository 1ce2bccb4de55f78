"""Clean sentences: what may be quoted to an analyst, and what never is.

Pure functions over an article's text. A sentence is quotable when it is a whole statement: no dateline or
wire tag in front ("WASHINGTON (CNN)", "MOSCOW, February 7. /TASS/.", "(07.02.2017)" — these are cut off,
not the sentence), no embedded post, handle, link or address, no share bar or boilerplate, no caption,
not a question, not a fragment (no closing punctuation, unbalanced quotes, cut off). A sentence that
leans on the one before ("He rejected …") is shown with its referent in brackets ("[Kros] rejected …")
when the sentence before names a person, and is left out otherwise. Text damaged in encoding (U+FFFD, a
curly quote turned into `"?`) is marked, so that an undamaged sentence saying the same is preferred.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from briefing.text.headings import glued_start
from briefing.text.injection import addresses_a_model, places, strip_chat_markers
from briefing.text.sentences import sentence_spans
from briefing.text.vocabulary import FULL_MONTH_PATTERN, MONTH_PATTERN, WEEKDAY_PATTERN

MIN_WORDS, MAX_WORDS = 6, 70

# Datelines and wire tags at the start of a sentence: cut off, the rest is the sentence.
_LEADS = [
    re.compile(
        r"^[A-Z][\w .,'’-]{0,60}?\s*\((?:CNN|AP|AFP|Reuters|dpa|DW|BBC|Xinhua|TASS|KUNA|EFE|UPI)\)\s*[-—–:]*\s*"
    ),
    re.compile(r"^\((?:CNN|AP|AFP|Reuters|dpa|DW|Xinhua)\)\s*[-—–:]*\s*"),
    re.compile(r"^[A-Z][A-Z .,'’-]{1,40}, [A-Z][a-z]+\.? \d{1,2}\.? /?TASS/?\.?\s*"),
    re.compile(r"^/?TASS/\.?\s*"),
    re.compile(r"^\(\d{2}\.\d{2}\.\d{4}\)\s*"),
    re.compile(r"^[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+)*(?:, [A-Z][\w.]*(?: [A-Z][\w.]*)*)? ?[—–-]{1,2} (?=[A-Z\"“])"),
]
_JUNK = [
    ("an address", re.compile(r"\b[\w.-]+@[\w-]+\.\w|\bTel\s*:|\bE-?mail\s*:|\+\d[\d -]{6,}", re.I)),
    (
        "an embedded post or link",
        re.compile(r"pic\.twitter\.com|https?://|www\.\w|\bt\.co/|@\w{2,}|(?<!\S)#[A-Za-z]\w", re.I),
    ),
    (
        "share buttons or boilerplate",
        re.compile(
            r"\b(?:click here|read more|share this|follow (?:us|\w+(?: \w+)?) on (?:twitter|facebook)|sign up|"
            r"subscribe|all rights reserved|copyright|newsletter|advertisement|get in touch|contact us|"
            r"Facebook Twitter|Whatsapp|Permalink|Source:\s*-?\s*Al Jazeera|China Daily European Weekly)\b",
            re.I,
        ),
    ),
    ("an entry of a dated list", re.compile(rf"^(?:\d{{4}},? )?(?:{MONTH_PATTERN})\.? \d{{1,2}}(?:,? \d{{4}})?:\s")),
    ("a credit line", re.compile(r"^\(?(?:additional )?(?:reporting|writing|editing|compiled) by\b", re.I)),
    ("a heading run into a sentence", re.compile(r"\w['’\"”]\s+(?:The|A|An|In|On|At|It|This)\s+\w")),
    (
        "a caption",
        re.compile(r"^(?:image|photo|picture|video|media) (?:caption|copyright)|\((?:photo|image|file photo)\b", re.I),
    ),
]
_ENDS_WELL = re.compile(r"""[.!]["'”’)\]]*$|[.!]\s*["'”’]\s*$""")
_STARTS_WELL = re.compile(r"""^["'“‘(\[]?[A-Z0-9]""")
_DAMAGE = re.compile(r"\ufffd|[a-z]\"[a-z]|\"\?[A-Za-z]|[a-z]\?[A-Z]")
# "He said", "It comes after", "This is" lean on the sentence before; "This year" does not.
_PRONOUN = re.compile(
    r"""^["'“‘]?(?:(He|She|They|It|His|Her|Their|Its)\b|(This|That|These|Those)(?=\s+(?:is|was|are|were|has|have|"""
    r"""had|will|would|could|can|may|might|must|should|means|meant|comes|came|follows|followed|includes)\b|[,.]))"""
)
_PERSON_PRONOUNS = {"He": "", "She": "", "His": "’s", "Her": "’s"}
# A person named in a sentence: two or more capitalised words, optionally after a title.
_PERSON = re.compile(r"\b(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?\s+){1,3}[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b")
_NOT_PEOPLE = re.compile(
    r"\b(?:Ministry|Minister|President|Secretary|General|Council|Committee|Court|House|Senate|Party|Union|"
    r"United|States|Kingdom|Nations|Republic|Department|Office|Agency|Bank|Army|Forces|News|Times|Post|"
    rf"{FULL_MONTH_PATTERN}|{WEEKDAY_PATTERN}|The|In|On|At|According|After|Before|During|Amid)\b"
)


_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")  # terminal escapes
_BREAKS = str.maketrans({"\f": "\n", "\v": "\n", "\x85": "\n", "\r": "\n"})
# Control characters but line breaks and tabs, and the invisible format characters of Unicode's Cf class that
# any text may hold (not script-specific ones such as Arabic number signs): soft hyphen, zero-width space and
# joiners, bidi marks, embeddings, overrides and isolates, word joiner, invisible operators, BOM, tags.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f"
    "\ufeff\ufff9-\ufffb\U000e0001-\U000e007f]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")


def printable(text: str) -> str:
    """Text without what a reader cannot see or should not get: terminal escapes, control characters (line
    breaks and tabs kept), invisible format characters (zero-width, bidi overrides), and lone surrogates
    (marked U+FFFD, as other damage is)."""
    return _SURROGATE.sub("\ufffd", _INVISIBLE.sub("", _ANSI.sub("", text.replace("\r\n", "\n")).translate(_BREAKS)))


def printable_line(text: str) -> str:
    """A one-line field (a title, an outlet, a file name shown as one): `printable`, with every run of
    white space, line breaks and tabs included, made one space."""
    return " ".join(printable(text).split())


INJECTION = "speaks to a language model (prompt injection)"
HEADING = "a heading with no sentence after it"


@dataclass(frozen=True)
class Sentence:
    """A quotable sentence of a text: its offsets, and how it is shown.

    Attributes:
        start, end: Character offsets into the text (a dateline in front is not included).
        referent: Who a leading "He"/"She" stands for, shown in brackets in its place.
        damaged: The text was damaged in encoding; prefer another sentence that says the same.
        junk: Why the sentence must not be quoted (None: it may be).
    """

    start: int
    end: int
    referent: str | None = None
    damaged: bool = False
    junk: str | None = None


def lead_length(sentence: str) -> int:
    """How many characters of dateline or wire tag the sentence starts with (0: none)."""
    cut = 0
    for pattern in _LEADS:
        match = pattern.match(sentence[cut:])
        if match:
            cut += match.end()
    return cut


def junk_reason(sentence: str, ends_paragraph: bool = False) -> str | None:
    """Why a sentence (dateline already cut) must not be quoted, or None when it may be.

    A long sentence that ends its paragraph may lack a full stop (scraped text often loses it).
    """
    if addresses_a_model(sentence):
        return INJECTION
    words = len(sentence.split())
    if not MIN_WORDS <= words <= MAX_WORDS:
        return "too short" if words < MIN_WORDS else "too long"
    for reason, pattern in _JUNK:
        if pattern.search(sentence):
            return reason
    stripped = sentence.rstrip("\"'”’)] ")
    if stripped.endswith("?"):
        return "a question"
    if not _ENDS_WELL.search(sentence) and not (ends_paragraph and words >= 12 and stripped[-1:].isalnum()):
        return "a fragment (no closing punctuation)"
    if not _STARTS_WELL.match(sentence):
        return "a fragment (starts mid-sentence)"
    if _unbalanced(sentence):
        return "a fragment of a quotation (unbalanced quotes)"
    return None


def _unbalanced(sentence: str) -> bool:
    # Straight and curly quotes are mixed freely in scraped text: count them together.
    return (sentence.count('"') + sentence.count("“") + sentence.count("”")) % 2 == 1


def damaged(sentence: str) -> bool:
    """Whether a sentence shows damage from a lossy encoding (U+FFFD, a lost curly quote)."""
    return bool(_DAMAGE.search(sentence))


def leans_on_previous(sentence: str) -> str | None:
    """The pronoun a sentence starts with, if it leans on the sentence before ("He said …")."""
    match = _PRONOUN.match(sentence)
    return (match.group(1) or match.group(2)) if match else None


def person_in(sentence: str) -> str | None:
    """The surname of the first person a sentence names ("Jens Stoltenberg" -> "Stoltenberg"), if any."""
    for match in _PERSON.finditer(sentence):
        words = [w for w in match.group().split() if not _NOT_PEOPLE.fullmatch(w)]
        if len(words) >= 2:
            return words[-1]
    return None


def shown(text: str, referent: str | None) -> str:
    """A sentence as shown: a leading "He"/"She"/"His"/"Her" replaced by its referent in brackets."""
    if not referent:
        return text
    match = _PRONOUN.match(text)
    if not match or match.group(1) not in _PERSON_PRONOUNS:
        return text
    start, end = match.span(1)
    return f"{text[:start]}[{referent}{_PERSON_PRONOUNS[match.group(1)]}]{text[end:]}"


def sentences(text: str, cut_start: bool = False, cut_end: bool = False) -> list[Sentence]:
    """The sentences of a text, in order, each once, with why a sentence may not be quoted (`junk`).

    `cut_start`/`cut_end`: the text is a piece of a longer one (a chunk) that may begin or end inside a
    sentence.
    """
    out: list[Sentence] = []
    previous = ""
    seen: set[str] = set()
    for n, (start, end) in enumerate(sentence_spans(text)):
        raw = text[start:end]
        cut = lead_length(raw)
        glued = glued_start(raw[cut:])  # a heading run into the sentence is cut off, like a dateline
        cut += glued or 0
        sentence = raw[cut:]
        before, previous = previous, sentence
        if sentence in seen:
            continue
        seen.add(sentence)
        junk = junk_reason(sentence, ends_paragraph=text[end : end + 1] == "\n" or (end == len(text) and not cut_end))
        if glued is None:
            junk = HEADING
        if n == 0 and cut_start and not _STARTS_WELL.match(raw):
            junk = "a fragment (starts mid-sentence)"
        referent = None
        pronoun = leans_on_previous(sentence)
        if pronoun and not junk:
            referent = person_in(before) if pronoun in _PERSON_PRONOUNS else None
            junk = None if referent else f"leans on the sentence before ({pronoun} …)"
        out.append(Sentence(start + cut, end, referent, damaged(sentence), junk))
    return _without_injections(text, out)


def _without_injections(text: str, found: list[Sentence]) -> list[Sentence]:
    """Every sentence of a paragraph that speaks to a language model marked as such: the instruction, and
    what it wants repeated, which may stand in a sentence of its own before or after it."""
    spans = injected(text, found)
    if not spans:
        return found
    return [
        replace(s, junk=INJECTION, referent=None) if any(s.start < b and s.end > a for a, b in spans) else s
        for s in found
    ]


def injected(text: str, found: list[Sentence]) -> list[tuple[int, int]]:
    """The paragraphs (lines) of `text` in which one of its sentences speaks to a language model."""
    spans = set()
    for s in found:
        for at in places(text[s.start : s.end]):
            spans.add((text.rfind("\n", 0, s.start + at) + 1, _paragraph_end(text, s.start + at)))
    return sorted(spans)


def _paragraph_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end < 0 else end


def clean_sentences(text: str, cut_start: bool = False, cut_end: bool = False) -> list[Sentence]:
    """The quotable sentences of a text (see `sentences`)."""
    return [s for s in sentences(text, cut_start, cut_end) if s.junk is None]


def for_a_model(text: str, cut_start: bool = False, cut_end: bool = False) -> str:
    """Text to put before a language model: each paragraph that speaks to a model replaced by a note saying
    so, and chat-template markers taken out, so a passage cannot instruct the model or open a turn."""
    out, at = [], 0
    for start, end in injected(text, sentences(text, cut_start, cut_end)):
        if start >= at:
            out += [text[at:start], "[text addressed to a language model, left out]"]
            at = end
    return strip_chat_markers("".join([*out, text[at:]]))
