"""The short answer inside a sentence: the span that fills what a question asks for (a name of the asked
kind, a number with the asked unit, a date resolved against the article's date, a place). Pure functions;
every span is a verbatim piece of the sentence, so quoting the sentence quotes the span."""

from __future__ import annotations

from dataclasses import replace

from briefing.text import span_finders as find
from briefing.text import span_names
from briefing.text.facts import mentions
from briefing.text.questions import DATE, NAME, OTHER, PLACE, QUANTITY, elsewhere, kind_asked, last_question, named
from briefing.text.sentences import related, terms
from briefing.text.span_parties import another_party
from briefing.text.spans_base import Span

__all__ = ["Span", "answer_spans"]

NEAR = 6  # words either side of a span in which the question's own words make it the one asked about


def _near(sentence: str, span: Span, asked: set[str]) -> float:
    """How close the question's own words stand to the span (each 1/distance in words, up to `NEAR` away;
    the span's own words aside): "trainer Jessica Harrington" answers who trained, not the jockey before."""
    before = terms(sentence[: span.start])[::-1][:NEAR]
    after = terms(sentence[span.end :])[:NEAR]
    wanted = asked - set(terms(span.text))
    score = 0.0
    for side in (before, after):
        for distance, word in enumerate(side, start=1):
            if any(related(t, word) for t in wanted):
                score += 1 / distance
    return score


NAMED = 0.5  # in ordering a sentence's figures or days: for one whose own clause names a name of the question
# (calibration: 0.3 to 1.0 alike; it orders, it never makes a span fit better)


_CLAUSE_MARKS = (",", ";", " - ", "—")


def _names_clause(sentence: str, span: Span, names: list[str]) -> bool:
    """Whether the clause holding a span (between commas, semicolons or dashes) names one of `names`."""
    start = max(sentence.rfind(mark, 0, span.start) for mark in _CLAUSE_MARKS)
    ends = [e for mark in _CLAUSE_MARKS if (e := sentence.find(mark, span.end)) >= 0]
    clause = sentence[start + 1 : min(ends, default=len(sentence))]
    return any(mentions(n, clause) for n in names)


def _worth(sentence: str, pair: tuple[Span, float], asked: set[str]) -> float:
    """How squarely a span answers: its fit to the asked kind first, nearness to the question's words to
    choose among equals; less in brackets: a conversion or an aside, "(9 meters)", and much less an
    editor's gloss in square brackets ("[Russian President Vladimir Putin]" in someone's words)."""
    span, fit = pair
    before = sentence[: span.start]
    aside = 0.5 * (before.count("(") > before.count(")")) + 1.0 * (before.count("[") > before.count("]"))
    near = _near(sentence, span, asked)
    return fit + 0.9 * near / (1 + near) - aside


def answer_spans(question: str, sentence: str, reference: str | None = None) -> list[Span]:
    """The spans of `sentence` that fill what `question` asks for, best first: those of the asked kind
    that fit it squarely (a figure in the asked unit, a full name, a dated day), then those nearest the
    question's own words. [] for a question with no slot to fill (why, what did X say) or a sentence
    that fills none."""
    kind, part = kind_asked(question), last_question(question)
    if kind in (QUANTITY, DATE) and elsewhere(question, sentence):
        return []  # how many died in one place's attack: not a toll of another place's
    if kind == QUANTITY:
        found = find.quantities(sentence, part)
    elif kind == DATE:
        found = find.dates(sentence, part, reference)
    elif kind == PLACE:
        found = span_names.places(sentence, question)
    elif kind == NAME:
        found = span_names.names(sentence, question)
    elif kind == OTHER:
        found = find.things(sentence, question)
    else:
        return []
    if kind in (QUANTITY, DATE):  # another party's figure or day ("Mobike raised …" for Foxconn's investment)
        found = [(span, 0.0 if another_party(question, sentence, span.start) else fit) for span, fit in found]
    asked = set(terms(question))
    worth = [replace(span, fit=_worth(sentence, (span, fit), asked), kind_fit=fit) for span, fit in found if fit >= 0]
    names = named(question) if kind in (QUANTITY, DATE) else []  # "… with Wilders and his Freedom Party (PVV)
    # beaten into second place with 20 seats": the figure in the clause naming the asked party comes first
    return sorted(worth, key=lambda span: (-span.fit - NAMED * _names_clause(sentence, span, names), span.start))
