"""A span: the piece of a sentence that answers a question, and the key two spans share when they give the
same answer. Pure data."""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.text.sentences import stem


@dataclass(frozen=True)
class Span:
    """A piece of a sentence that answers: its text and offsets, and `key`, what two spans must share to give
    the same answer (a date's day, a number's value, a name's words); `day` is a date span's resolved day;
    `fit` how squarely it answers (see `briefing.text.spans.answer_spans`)."""

    text: str
    start: int
    end: int
    key: str
    day: str | None = None
    fit: float = 0.0


def text_key(text: str) -> str:
    """What two wordings of one name share: its words lower-cased and stemmed, "the" aside."""
    return " ".join(stem(w) for w in re.findall(r"[\w’'-]+", text.lower().replace("’", "'")) if w != "the")


def span_of(sentence: str, start: int, end: int, key: str) -> Span:
    """sentence[start:end] as a span with its key."""
    return Span(sentence[start:end], start, end, key)
