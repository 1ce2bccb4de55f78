"""A span: the piece of a sentence that answers a question, and the key two spans share when they give the
same answer. Pure data."""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.text.questions import last_question
from briefing.text.sentences import STOPWORDS, stem

# "which country…", "at which airport…", "what test…": the noun a which/what question asks about (group 2)
HEAD = re.compile(r"^\s*(?:(?:to|from|in|at|with|by|for|of) )?(?:which|what) ((?:[\w-]+ ){0,2}?)([\w-]+)\b", re.I)
VERBISH = re.compile(r"^(?:is|are|was|were|did|does|do|has|have|had|will|would|can|could)$", re.I)


def thing_head(question: str) -> re.Match[str] | None:
    """The head (`HEAD`, matched in the question's last question) of a what/which question that names a thing
    ("What penalty …"); None when it names none: "What did …", "What happened with …", "What caused …" ask
    about a verb, and a function word is no thing."""
    head = HEAD.match(last_question(question))
    if head is None:
        return None
    word = head.group(2).lower()
    verb = not head.group(1) and (VERBISH.match(word) or (len(word) >= 5 and word.endswith("ed")))
    return None if verb or word in STOPWORDS else head


@dataclass(frozen=True)
class Span:
    """A piece of a sentence that answers: its text and offsets, and `key`, what two spans must share to give
    the same answer (a date's day, a number's value, a name's words); `day` is a date span's resolved day;
    `fit` how squarely it answers (see `briefing.text.spans.answer_spans`), `kind_fit` how well it is of the
    asked kind alone (its finder's fit: 2 squarely, 1 of the kind, 0 barely: a speaker for who did it)."""

    text: str
    start: int
    end: int
    key: str
    day: str | None = None
    fit: float = 0.0
    kind_fit: float = 0.0


def text_key(text: str) -> str:
    """What two wordings of one name share: its words lower-cased and stemmed, "the" aside."""
    return " ".join(stem(w) for w in re.findall(r"[\w’'-]+", text.lower().replace("’", "'")) if w != "the")


def span_of(sentence: str, start: int, end: int, key: str) -> Span:
    """sentence[start:end] as a span with its key."""
    return Span(sentence[start:end], start, end, key)


NEARLY = 0.01  # two figures this close (relative) are one figure rounded: "£7bn" and "6.95 billion pounds"


def same_answer(a: Span, b: Span) -> bool:
    """Whether two spans give one answer: the same day or figure (within `NEARLY`), or names that share
    their last word or one of which holds the other ("Bob Harward" and "Robert Harward"; "Australia" and
    "northeast Australia")."""
    if a.key == b.key:
        return True
    if _number(a.key) is not None and _number(b.key) is not None:
        x, y = _number(a.key), _number(b.key)
        assert x is not None and y is not None
        return abs(x - y) <= NEARLY * max(abs(x), abs(y))
    if a.day or b.day or _number(a.key) is not None or _number(b.key) is not None:
        return False
    words_a, words_b = a.key.split(), b.key.split()
    if not words_a or not words_b:
        return False
    return words_a[-1] == words_b[-1] or set(words_a) <= set(words_b) or set(words_b) <= set(words_a)


def _number(key: str) -> float | None:
    try:
        return float(key)
    except ValueError:
        return None
