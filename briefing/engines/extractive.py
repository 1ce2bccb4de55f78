"""The extractive engine: answers and briefs made of source sentences, picked and cited.

Nothing here writes text: every claim is a sentence of a source, so its citation is right by construction.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from langchain_core.embeddings import Embeddings

from briefing.analysis import subject
from briefing.analysis.citations import Citer, quoted_claims
from briefing.analysis.evidence import Evidence
from briefing.analysis.layout import BriefSpec, assembler, fitted_brief, layout
from briefing.analysis.leads import (
    SQUARE,
    full_form,
    headlined,
    in_role,
    lead_sentence,
    named_in_role,
    neighbour,
    short_answers,
    written_in_full,
)
from briefing.analysis.scoring import Candidate, candidates, mmr, relevance
from briefing.analysis.subject import (
    beside_lead,
    holds_message,
    in_reach,
    names_thing,
    rarest_in_title,
    squarely_about,
    states_asked,
    title_nearness,
)
from briefing.engines.base import Engine, History, Question
from briefing.results import NOT_COVERED, NOTHING_STORED, Answer, AnswerStream, Brief
from briefing.text.facts import mentions
from briefing.text.questions import (
    DATE,
    NAME,
    OTHER,
    PLACE,
    QUANTITY,
    counted,
    fit_bonus,
    kind_asked,
    named,
    supplies_kind,
)
from briefing.text.sentences import related, terms
from briefing.text.spans import Span, answer_spans
from briefing.types import Passage

OPENING_CHARS = 300  # an article's opening, which counts with its title for what the article is about
COVERAGE = 0.2  # the share of the question's words an answering article must use (bench/eval_answers.py)
QUESTION_AWARE = True  # only sentences that can answer the question count (off: relevance alone, as a baseline)
# added to a sentence stating what a who/how many/when/where/why question asks (bench/eval_answers.py --calibrate)
SUPPLIES = 0.075
SLOTS = (NAME, QUANTITY, DATE, PLACE)  # questions asking for a slot no answer may leave empty
LOOSE = 0.5  # the least `Span.kind_fit` that fills a slot at all (a name in quoted words 0.5; a speaker 0)
# added, in choosing the short answer's sentence, to one stating the asked verb (calibration: 0.5-1.0 alike)
EVENT = 0.5
SPAN = 0.15  # added to a sentence holding a span that fills the slot (swept on calibration: 0 to 0.3 within 5 right)
_FOLLOW_UP = re.compile(
    r"^(and|but|also|what about|how about|then|so)\b|\b(it|its|they|them|their|there|he|she|his|her|this|that|"
    r"these|those)\b",
    re.I,
)


def looks_like_follow_up(question: str) -> bool:
    """Whether a question leans on the one before ("And where is it?") rather than standing alone."""
    return bool(_FOLLOW_UP.search(question))


def answer_extractive(
    question: Question,
    passages: Sequence[Passage],
    embedder: Embeddings,
    min_relevance: float,
    max_sentences: int = 3,
) -> Answer:
    """Answer with the source sentences that best answer the question, or abstain.

    Only sentences that can answer count: from an article that mentions every name the question is about,
    and, when the question asks for a name, a figure, a date or a place, stating one it does not give
    itself. A second or third sentence is added only when it is nearly as relevant as the best one and
    says something the others don't.
    """
    asked, rewritten = question.asked, question.rewritten
    if not passages:
        return Answer(asked, [], [], abstained=True, message=NOTHING_STORED, standalone_question=rewritten)
    cands = candidates(passages, embedder)
    titles = title_nearness(question.vector, passages, embedder)
    scores, eligible = scored(question, cands, passages, titles)
    best = max((float(scores[i]) for i in eligible), default=0.0)
    spans = {i: answer_spans(question.standalone, cands[i].text, cands[i].passage.date) for i in eligible}
    min_relevance = min(min_relevance, squarely_about(eligible, cands, scores, spans, titles, min_relevance))
    if best < min_relevance:
        return Answer(asked, [], [], True, message=NOT_COVERED, passages=list(passages), standalone_question=rewritten)
    floor = max(min_relevance, 0.8 * best)
    # among the sentences that answer, one holding the span asked for (a name of the asked kind, a figure in
    # its unit) comes first; added after the relevance test, so it never turns a decline into an answer
    scores = scores + SPAN * np.asarray([bool(spans.get(i)) for i in range(len(cands))])
    good = [i for i in eligible if scores[i] >= floor]
    vectors = np.stack([c.vector for c in cands])
    picked = mmr(scores, vectors, max_sentences, diversity=0.2, max_similarity=0.8, allowed=good)
    answering = [i for i in eligible if scores[i] >= min_relevance]
    role = in_role(question.standalone, answering, spans)
    if question.sentences and lead_sentence(answering, role, spans, scores) is None:  # none names him squarely:
        on = sorted({cands[i].passage.article_id for i in eligible}, key=lambda a: -titles.get(a, 0.0))
        if (found := named_in_role(question.standalone, question.sentences, on)) is not None:  # his article may
            cands, role = [*cands, found], [len(cands)]
            spans[role[0]] = answer_spans(question.standalone, found.text, found.passage.date)
            scores = np.append(scores, relevance(question.standalone, question.vector, [found]))
            answering.append(role[0])
    told = scores + EVENT * states_asked(question.standalone, cands)  # the asked event, not another of its story
    shown, lead = placed(picked, [*good, *role], cands, told, spans, question.standalone, max_sentences)
    if lead is not None:  # what is quoted after a short answer is about its subject
        shown = beside_lead(shown, lead, cands, spans, titles)
    stored = question.sentences  # a person's name leads in the fullest form its articles write
    if lead is not None and stored and (full := full_form(lead, answering, cands, scores, spans, stored)):
        shown, cands = written_in_full(full, lead, shown, cands, max_sentences)
    citer = Citer()
    claims, sources = quoted_claims([cands[i] for i in shown], citer)
    names = named(question.standalone)
    leads = short_answers(lead, answering, good, cands, scores, spans, citer, stored, names) if lead is not None else []
    headline = headlined(question.standalone, [cands[i] for i in shown], sources) if lead is None else None
    # a slot no sentence fills, not even loosely (a span of the asked kind), is not answered: declining beat
    # asking for a span that fills it squarely (calibration: that declined 6 more answerable questions)
    # a span of the asked kind, however weakly it fits; not a name that is barely one (a speaker for who did it)
    loosely = any(s.kind_fit >= LOOSE for i in picked for s in spans.get(i, []))
    if counted(question.standalone) and kind_asked(question.standalone) == QUANTITY:  # how many spectators:
        loosely = any(spans[i][0].fit >= SQUARE for i in [*picked, *answering] if spans.get(i))  # counts them
    unfilled = kind_asked(question.standalone) in SLOTS and lead is None and not headline and not loosely
    if picked and (unfilled or not names_thing(question.standalone, [cands[i] for i in [*picked, *answering]])):
        return holding(question, cands[picked[0]], passages, titles)  # no span fills the slot; no thing is named
    return Answer(
        asked,
        claims,
        sources,
        passages=list(passages),
        standalone_question=rewritten,
        leads=[headline] if headline else leads,
    )


def holding(question: Question, nearest: Candidate, passages: Sequence[Passage], titles: dict[str, float]) -> Answer:
    """A slot question no source fills, declined: when an article is squarely about its subject (its title
    at least `subject.HOLDS` near the question), it says the sources report on it but not what was asked,
    and quotes the most relevant sentence of what they do hold, cited, as not answering."""
    if titles.get(nearest.passage.article_id, 1.0) < subject.HOLDS:
        message, rewritten = NOT_COVERED, question.rewritten
        return Answer(
            question.asked, [], [], True, message=message, passages=list(passages), standalone_question=rewritten
        )
    claims, sources = quoted_claims([nearest])
    return Answer(
        question.asked,
        claims,
        sources,
        abstained=True,
        message=holds_message(question.standalone),
        passages=list(passages),
        standalone_question=question.rewritten,
    )


def placed(
    picked: list[int],
    good: list[int],
    cands: Sequence[Candidate],
    scores: np.ndarray,
    spans: dict[int, list[Span]],
    question: str,
    limit: int,
) -> tuple[list[int], int | None]:
    """The sentences to show, in order, and the one the short answer comes from (see `leads`): the sentence
    holding the span first; a neighbour that holds it beside the best sentence, in article order; a weaker
    span of a picked sentence when nothing fills the slot squarely (None: no span at all)."""
    lead = lead_sentence(picked, good, spans, scores)
    if lead is not None:
        return [lead, *[i for i in picked if i != lead]][:limit], lead
    if picked and (found := neighbour(picked[0], cands, question)):
        i, spans[i] = found
        pair = sorted([picked[0], i], key=lambda j: cands[j].article_start)
        return [*pair, *picked[1:]][:limit], i
    weak = lead_sentence(picked, [], spans, scores, least=1.0)
    if weak is not None:
        return [weak, *[i for i in picked if i != weak]], weak
    return picked, None


def scored(
    question: Question,
    cands: Sequence[Candidate],
    passages: Sequence[Passage],
    titles: dict[str, float] | None = None,
) -> tuple[np.ndarray, list[int]]:
    """Each candidate's relevance to the question, and the candidates that can answer it: a sentence that
    states what was asked earns `SUPPLIES`, a figure counting the thing asked about `questions.FIT`."""
    scores = relevance(question.standalone, question.vector, cands)
    if not QUESTION_AWARE:
        return scores, list(range(len(cands)))
    near = [float(c.vector @ question.vector) for c in cands] if titles is not None else None
    eligible = answering(question.standalone, cands, passages, question.rarity, titles, near)
    kind = kind_asked(question.standalone)
    fit = np.asarray([fit_bonus(kind, c.text, question.standalone) for c in cands])
    bonus = np.zeros(len(cands))
    if kind != OTHER:  # it states what was asked: a who, how many, when, where, why
        bonus[eligible] = SUPPLIES
    if counted(question.standalone):  # how many troops: a figure of something else earns nothing
        bonus[fit == 0] = 0.0
    return scores + fit + bonus, eligible


def answering(
    question: str,
    cands: Sequence[Candidate],
    passages: Sequence[Passage],
    rarity: dict[str, float] | None = None,
    titles: dict[str, float] | None = None,
    near: Sequence[float] | None = None,
) -> list[int]:
    """The candidates that can answer the question (see `answer_extractive`): the article must use enough
    of the question's words too (`COVERAGE`, each word weighed by its `rarity`, so "Zimbabwe" and "floods"
    count and "government" or "March" hardly do; a word counts in any of its forms): an article on the St
    Petersburg bus crash does not answer how many died in the St Petersburg metro bombing, however well one
    of its sentences counts the dead. With `titles` (each article's title's nearness to the question,
    `subject.title_nearness`) the article's title must be near the question (`subject.TITLE`): an article on
    a balloon flight that mentions Everest does not say how tall Everest is, unless the sentence itself is
    as near the question as a sentence that answers it (`near`, each one's cosine to the question, at least
    `subject.STRONG`: a long article's title names one of its subjects); and an article must reach the year
    the question names (`subject.in_reach`)."""
    kind, names = kind_asked(question), named(question)
    about: dict[str, str] = {}
    dated: dict[str, str | None] = {}
    headline: dict[str, str] = {}
    opening: dict[str, str] = {}
    for p in passages:  # what the answer may rest on: each article's retrieved text and title
        about[p.article_id] = f"{about.get(p.article_id, p.title)} {p.text}"
        dated[p.article_id] = p.date
        headline[p.article_id] = p.title
        if p.chunk == 0:  # its opening says what it is about too
            opening[p.article_id] = p.text[:OPENING_CHARS]

    asked = set(terms(question))
    weight = {t: (rarity or {}).get(t, 1.0) for t in asked}
    total = sum(weight.values())

    def on_subject(article: str) -> bool:  # most of what the question names, and of the words it uses
        text = about.get(article, "")
        if not in_reach(question, dated.get(article), text):
            return False
        if sum(mentions(n, text) for n in names) * 3 < len(names) * 2:
            return False
        used = set(terms(text))
        covered = sum(w for t, w in weight.items() if t in used or any(related(t, u) for u in used))
        return not total or covered >= COVERAGE * total

    def titled(article: str) -> bool:  # its title says it is about the question's subject
        near_title = titles is None or titles.get(article, 1.0) >= subject.TITLE
        said = f"{headline.get(article, '')} {opening.get(article, '')}"
        return near_title or rarest_in_title(question, said, rarity or {})

    about_it = {article: on_subject(article) for article in about}
    titled_it = {article: titled(article) for article in about}
    return [
        i
        for i, c in enumerate(cands)
        if about_it.get(c.passage.article_id, False)
        and (titled_it[c.passage.article_id] or near is None or near[i] >= subject.STRONG)
        and supplies_kind(kind, c.text, question, c.passage.date)
    ]


class ExtractiveEngine(Engine):
    """Answers with the source sentences most relevant to the question; abstains below `min_relevance`."""

    name = "extractive"

    def __init__(self, embedder: Embeddings, min_relevance: float) -> None:
        self.embedder = embedder
        self.min_relevance = min_relevance

    def condense(self, question: str, history: History) -> str:
        # No model to rewrite with: a follow-up borrows the previous question's words.
        if history and looks_like_follow_up(question):
            return f"{history[-1][0]} {question}"
        return question

    def answer(self, question: Question, passages: Sequence[Passage]) -> Answer:
        return answer_extractive(question, passages, self.embedder, self.min_relevance)

    def stream(self, question: Question, passages: Sequence[Passage]) -> AnswerStream:
        return AnswerStream.of(self.answer(question, passages))

    def brief(self, evidence: Evidence, spec: BriefSpec) -> Brief:
        return fitted_brief(layout(evidence, spec), spec.words, assembler(spec, evidence, self.name))

    def ping(self) -> str:
        return "offline, quotes source sentences"
