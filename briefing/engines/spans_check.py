"""An LLM answer held to the short answer the sources give. Before the model is asked, the spans that fill a
slot question and the independent reports that give each (the extractive engine's leads,
`analysis.leads.short_answers`) are put in its prompt; after it answers, an answer that gives a span fewer
reports give than the sources' majority (two reports or more, more than any other) is led by the
majority's span as the extractive engine leads with it, the model's checked sentences after it, with a
note. A sentence whose span no source gives is dropped. When independent sources disagree (two spans, each
from two reports or more) nothing is repaired: both are shown. Pure functions over answers."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from langchain_core.embeddings import Embeddings

from briefing.analysis.check import CheckReport
from briefing.analysis.citations import Citer
from briefing.analysis.leads import SQUARE, short_answers
from briefing.analysis.scoring import candidates
from briefing.analysis.subject import title_nearness
from briefing.engines.base import Question
from briefing.engines.extractive import scored
from briefing.engines.prompts import render
from briefing.results import Answer
from briefing.text.sentences import split_sentences
from briefing.text.spans import Span, answer_spans
from briefing.text.spans_base import same_answer
from briefing.types import Claim, Lead, Passage, Quote, Source

MAJORITY = 2  # independent reports a span needs before a model's different answer is repaired to it
TOLD = 3  # spans told to the model at most (a local model's context is small)


@dataclass
class SourceSpans:
    """What the sources say to a question: the sentences that answer it (eligible and at least
    `min_relevance`, as `extractive.scored` reads them), and each different span they give with the
    independent reports giving it (`leads.short_answers`, one `Lead` per span, most reports first; `spans`:
    their spans, in that order), cited as in `sources`."""

    answers: set[str]
    leads: list[Lead] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)


def source_spans(
    question: Question, passages: Sequence[Passage], embedder: Embeddings, min_relevance: float
) -> SourceSpans:
    """The sentences answering `question` (eligible and at least `min_relevance`)
    and the spans they give, each counted over its independent reports as the extractive engine counts its
    lead's (a span that fills the slot squarely, `leads.SQUARE`: a full name, a figure in the asked unit, a
    day; a place or a name merely of the asked kind is not told)."""
    cands = candidates(passages, embedder)
    if not cands:
        return SourceSpans(set())
    scores, eligible = scored(question, cands, passages, title_nearness(question.vector, passages, embedder))
    answering = [i for i in eligible if scores[i] >= min_relevance]
    found = SourceSpans({cands[i].shown for i in answering})
    spans = {i: answer_spans(question.standalone, cands[i].text, cands[i].passage.date) for i in answering}
    spans = {i: s for i, s in spans.items() if s and s[0].fit >= SQUARE}  # those filling the slot squarely
    citer = Citer()
    for i in sorted(spans, key=lambda j: -scores[j]):
        if not any(same_answer(spans[i][0], told) for told in found.spans):
            found.leads += short_answers(i, list(spans), [], cands, scores, spans, citer)[:1]
            found.spans.append(spans[i][0])
    order = sorted(range(len(found.leads)), key=lambda k: -found.leads[k].reports)  # stable: best first
    found.leads, found.spans = [found.leads[k] for k in order], [found.spans[k] for k in order]
    found.sources = citer.sources
    return found


def spans_evidence(found: SourceSpans, groups: Sequence[Sequence[Passage]]) -> str:
    """The prompt's line on the short answers the sources give (`prompts/answer_spans.md`), each with how
    many independent reports give it and their numbers as the prompt numbers its sources: `"Yelnya" (2
    independent reports: [1][3])`; "" when they give none (no slot, or no span)."""
    number_of = {p.article_id: n for n, group in enumerate(groups, start=1) for p in group}
    said = []
    for lead in found.leads[:TOLD]:
        articles = [found.sources[n - 1].article_id for n in lead.citations]
        numbers = dict.fromkeys(number_of[a] for a in articles if a in number_of)
        if numbers:  # a span only from sources trimmed out of the prompt is not told
            count = "1 report" if lead.reports <= 1 else f"{lead.reports} independent reports"
            said.append(f'"{lead.span}" ({count}: {"".join(f"[{n}]" for n in numbers)})')
    return render("answer_spans", spans="; ".join(said)) if said else ""


def disagree(leads: Sequence[Lead]) -> bool:
    """Whether independent sources disagree: two spans, each given by `MAJORITY` reports or more."""
    return len(leads) > 1 and all(lead.reports >= MAJORITY for lead in leads[:2])


def outweighs(lead: Lead, reports: int) -> bool:
    """Whether a span is the sources' majority against one `reports` give: `MAJORITY` reports, and more."""
    return lead.reports >= MAJORITY and lead.reports > reports


def says(text: str, words: str) -> bool:
    """Whether `text` holds these words, as words ("41 ships" is not in "141 ships")."""
    return re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text, re.I) is not None


def gives(claim: Claim, spans: Sequence[Span], wanted: Span) -> bool:
    """Whether a sentence gives the wanted answer: one of its spans gives the same answer, or it says it (a
    name by its last word: "Mr-Harward was offered the job" gives "Bob Harward")."""
    name = wanted.day is None and not any(ch.isdigit() for ch in wanted.text)
    said = says(claim.text, wanted.text) or (name and says(claim.text, wanted.text.split()[-1]))
    return said or any(same_answer(span, wanted) for span in spans)


def reports_giving(question: str, span: Span, passages: Sequence[Passage]) -> int:
    """How many outlets (an article without one counts alone) have a sentence giving `span`'s answer."""
    outlets = set()
    for passage in passages:
        for sentence in split_sentences(passage.text):
            found = answer_spans(question, sentence, passage.date)
            if says(sentence, span.text) or any(same_answer(s, span) for s in found):
                outlets.add(passage.source.casefold() or passage.article_id)
                break
    return len(outlets)


def held_to_spans(question: str, generated: Answer, found: SourceSpans, passages: Sequence[Passage]) -> Answer:
    """The checked model answer `generated` to `question` (its standalone form), held to the spans the
    sources give (`found`, from `passages`): led by the span it gives, or by both when sources disagree;
    led by the majority's span, with a note, when it gives one fewer reports give; without its sentences
    whose span no source gives (their verdicts turned to dropped: no claims left when every one did)."""
    leads = found.leads
    if generated.abstained or not generated.claims or not leads:
        return generated
    if disagree(leads):
        return led(generated, found, leads[:2], generated.claims)
    said = [(claim, answer_spans(question, claim.text, claim.date)) for claim in generated.claims]
    given = next((k for k, span in enumerate(found.spans) if any(gives(c, s, span) for c, s in said)), None)
    if given is not None and (given == 0 or not outweighs(leads[0], leads[given].reports)):
        return led(generated, found, [leads[given]], generated.claims)
    majority = found.spans[0]
    # a sentence's own answer: its best span, when it fills the slot squarely (a weaker one may be in passing)
    other = [(claim, s[0]) for claim, s in said if s and s[0].fit >= SQUARE and not same_answer(s[0], majority)]
    if not other:
        return generated
    support = {}
    for claim, span in other:
        k = next((k for k, told in enumerate(found.spans) if same_answer(told, span)), None)
        support[claim.text] = leads[k].reports if k is not None else reports_giving(question, span, passages)
    unsourced = {claim.text: span for claim, span in other if not support[claim.text]}
    claims = [claim for claim in generated.claims if claim.text not in unsourced]
    generated = replace(generated, check=dropped(generated.check, unsourced))
    if not claims:
        return replace(generated, claims=[], sources=[])
    if not outweighs(leads[0], max(support.values())):
        return led(generated, found, [], claims)
    theirs = next(span.text for claim, span in other if claim.text not in unsourced or len(unsourced) == len(other))
    note = (
        f"the model's answer ({theirs}) differs from what {leads[0].reports} independent reports give "
        f"({leads[0].span}): led with theirs"
    )
    return led(replace(generated, notes=[*generated.notes, note]), found, leads[:1], claims)


def dropped(report: CheckReport | None, unsourced: dict[str, Span]) -> CheckReport | None:
    """The check's report with each sentence giving a span no source gives marked dropped."""
    if report is None or not unsourced:
        return report
    verdicts = [
        replace(v, status="dropped", reason=f"{unsourced[v.sentence].text}: no source gives this answer")
        if v.sentence in unsourced and v.status != "dropped"
        else v
        for v in report.verdicts
    ]
    return CheckReport(verdicts)


def led(answer: Answer, found: SourceSpans, leads: Sequence[Lead], claims: Sequence[Claim]) -> Answer:
    """`answer` led by `leads` (cited as in `found`), then `claims` (cited as in `answer`), the sources
    numbered anew in the order the leads and then the claims cite them."""
    sources: dict[str, Source] = {}

    def renumbered(cited: Sequence[Source], citations: Sequence[int], only: Sequence[Quote] = ()) -> list[int]:
        numbers = []
        for n in citations:
            src = cited[n - 1]
            mine = sources.setdefault(src.article_id, replace(src, number=len(sources) + 1, quotes=[]))
            # a lead brings the sentences it was quoted from, not those of the other spans of its source
            quotes = [q for q in src.quotes if not only or any(q.start == k.start for k in only)]
            mine.quotes += [q for q in quotes if all(q.start != k.start for k in mine.quotes)]
            numbers.append(mine.number)
        return list(dict.fromkeys(numbers))

    new_leads = [replace(lead, citations=renumbered(found.sources, lead.citations, lead.quoted)) for lead in leads]
    new_claims = [replace(c, citations=renumbered(answer.sources, c.citations)) for c in claims]
    return replace(answer, claims=new_claims, sources=list(sources.values()), leads=new_leads)
