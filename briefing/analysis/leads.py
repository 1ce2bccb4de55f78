"""The short answer an answer leads with: which sentence holds the span that fills the question (the best
sentence that does; else the next one in its article; else its headline), how many independent reports
give the same span (copies once), and a different span from an independent report, shown beside it. Pure
functions over candidate sentences and their spans (`briefing.text.spans`)."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from briefing.analysis.citations import Citer, quote_of
from briefing.analysis.disputes import DISPUTE
from briefing.analysis.reports import count_reports, same_report
from briefing.analysis.scoring import Candidate
from briefing.analysis.subject import SQUARE
from briefing.text.facts import mentions
from briefing.text.questions import NAME, kind_asked
from briefing.text.span_names import name_forms
from briefing.text.spans import Span, answer_spans
from briefing.text.spans_base import same_answer
from briefing.types import Lead, Passage, Source

RELEVANCE = 2.0  # a sentence's relevance against its span's fit in choosing where the short answer comes from
ROLE = 3.0  # a name's fit in the asked role: a full name (2) that is the asked verb's agent or patient (+1)
SUPPORT = 3  # sentences cited for a short answer (one per independent report)


def lead_sentence(
    picked: Sequence[int],
    good: Sequence[int],
    spans: dict[int, list[Span]],
    scores: np.ndarray,
    least: float = SQUARE,
) -> int | None:
    """The sentence the short answer comes from: of the picked and the good sentences whose span fits at
    least `least` (by default: fills the slot squarely), the one whose span fits best and is most relevant
    (`RELEVANCE` weighs the two: a full date beats a weekday unless its sentence is much less relevant);
    None when none does."""
    pool = [i for i in dict.fromkeys([*picked, *good]) if spans.get(i) and spans[i][0].fit >= least]
    return max(pool, key=lambda i: spans[i][0].fit + RELEVANCE * float(scores[i]), default=None)


def in_role(question: str, answering: Sequence[int], spans: dict[int, list[Span]]) -> list[int]:
    """The answering sentences whose span is a full name in the role a who-question asks for ("attacker Khalid
    Masood" for who carried out the attack, `span_roles`): the short answer may come from one of them however
    much nearer the question a sentence naming a victim stands."""
    if kind_asked(question) != NAME:
        return []
    return [i for i in answering if spans.get(i) and spans[i][0].fit >= ROLE]


def named_in_role(question: str, stored: Sequence[Candidate], articles: Sequence[str]) -> Candidate | None:
    """For a who-question no retrieved sentence answers squarely: the first sentence of the articles (most
    about the question first; `stored`: all their sentences) naming someone in full in the asked role ("the
    attacker, 52-year-old British man Khalid Masood"), though retrieval brought only their other passages."""
    if kind_asked(question) != NAME:
        return None
    for article in articles:
        for cand in sorted((c for c in stored if c.passage.article_id == article), key=lambda c: c.article_start):
            found = answer_spans(question, cand.text, cand.passage.date)
            if found and found[0].kind_fit >= ROLE and cand.quotable:
                return cand
    return None


def neighbour(best: int, cands: Sequence[Candidate], question: str) -> tuple[int, list[Span]] | None:
    """The sentence just before or after `best` in its article, when it fills the slot squarely ("the heir
    of …" is the best sentence; the name is in the next one)."""
    article = cands[best].passage.article_id
    mine = sorted(
        (i for i, c in enumerate(cands) if c.passage.article_id == article), key=lambda i: cands[i].article_start
    )
    where = mine.index(best)
    for i in mine[where + 1 : where + 2] + mine[max(0, where - 1) : where]:
        if not cands[i].quotable:
            continue
        found = answer_spans(question, cands[i].text, cands[i].passage.date)
        if found and found[0].fit >= SQUARE:
            return i, found
    return None


def headline_lead(cand: Candidate, question: str, number: int) -> Lead | None:
    """The span of a shown sentence's headline, when it fills the slot squarely and no sentence does."""
    title = cand.passage.title
    if title_cased(title, cand.passage.text):  # "Man Performs LGBTQ Rights Rap": capitals say nothing
        return None
    found = answer_spans(question, title, cand.passage.date)
    if not found or found[0].fit < SQUARE:
        return None
    outlets = [cand.passage.source] if cand.passage.source else []
    return Lead(found[0].text, [number], 1, outlets, found[0].day, headline=True)


def headlined(question: str, shown: Sequence[Candidate], sources: Sequence[Source]) -> Lead | None:
    """The first span a shown sentence's headline gives squarely (`leads.headline_lead`), cited by its source's
    number: "Joe Root: England name batsman Test captain, succeeding Alastair Cook" when the best sentence is
    about Cook and the second quotes Root's director."""
    numbers = {s.article_id: s.number for s in sources}
    for cand in shown:
        number = numbers.get(cand.passage.article_id)
        if number is not None and (found := headline_lead(cand, question, number)) is not None:
            return found
    return None


def title_cased(title: str, text: str) -> bool:
    """Whether a headline capitalises its common words, so that its capitals name no one: of its words (the
    first aside) that its article's `text` writes in lower case, more are capitalised than not ("Man
    Performs LGBTQ Rights Rap"); "Joe Root: England name batsman Test captain" writes them in lower case."""
    common = {w.casefold() for w in re.findall(r"\b[a-z][\w’'-]*", text)}
    words = [w for w in re.findall(r"[A-Za-z][\w’'-]*", title)[1:] if w.casefold() in common]
    return sum(w[0].isupper() for w in words) * 2 > len(words)


_PROJECTED = re.compile(
    r"\bproject(?:ed|ion|ions|s)\b|\bforecast(?:s|ed|ing)?\b|\b(?:exit|opinion) polls?\b|\bpolls? (?:show|suggest|"
    r"indicate|put|gave|give|predict)s?\b|\bpredict(?:ed|s|ion|ions)?\b|\bexpected to\b|\blikely to\b",
    re.I,
)


def projected(sentence: str) -> bool:
    """Whether a sentence gives a projection, not a result: an exit poll's, a forecast's, an expectation's
    figure ("taking a projected 31 seats"), which does not dispute a count ("set to win 33 seats with 93
    percent of votes counted")."""
    return bool(_PROJECTED.search(sentence))


def disputable(span: Span) -> bool:
    """Whether independent reports may give this answer differently and both be shown: a figure or a day.
    Two names or places for one slot are most often one answer at two grains ("Sindh", "Sehwan"): the
    best supported leads."""
    return span.day is not None or any(ch.isdigit() for ch in span.key)


Sentence = tuple[Passage, int, int]  # a sentence as passage.text[start:end]


def fullest_name(span: Span, articles: set[str], sentences: Sequence[Sentence]) -> tuple[str, Sentence] | None:
    """The fullest form of a name that the articles giving it write ("Ziyed Ben Belgacem" for the lead
    "Belgacem": a longer name ending in the span's words, a nationality before it aside), and a sentence of
    theirs that writes it, so the short answer stays a verbatim piece of a sentence it cites. None when they
    write no longer form, or two that differ ("Donald Trump", "Ivanka Trump": which is not for it to guess)."""
    if span.day is not None or any(ch.isdigit() for ch in span.text):
        return None
    words = span.text.split()
    mine = [(p, start, end) for p, start, end in sentences if p.article_id in articles]
    # a word the articles also write in lower case is a common word opening a sentence ("Historic Barca's …")
    common = {w for p, start, end in mine for w in re.findall(r"\b[a-z][\w’'-]*", p.text[start:end])}
    forms: dict[str, Sentence] = {}
    for passage, start, end in mine:
        text = passage.text[start:end]
        for s, e in name_forms(text):
            first = re.match(r"(\S+)\s+", text[s:e])
            if first and not re.search(r"\w", text[:s]) and first.group(1).lower() in common:
                s += first.end()
            form = text[s:e].split()
            if len(form) > len(words) and form[-len(words) :] == words:
                forms.setdefault(text[s:e], (passage, start, end))
    if not forms:
        return None
    fullest = max(forms, key=lambda f: len(f.split()))
    if any(f.split() != fullest.split()[-len(f.split()) :] for f in forms):
        return None
    return fullest, forms[fullest]


def answer_groups(
    lead: int, answering: Sequence[int], scores: np.ndarray, spans: dict[int, list[Span]]
) -> list[list[int]]:
    """The answering sentences grouped by the answer their span gives, the `lead` sentence's group first, each
    group's sentences most relevant first."""
    groups: list[list[int]] = [[lead]]
    for i in sorted(answering, key=lambda j: -scores[j]):
        if i == lead or not spans.get(i):
            continue
        home = next((g for g in groups if same_answer(spans[g[0]][0], spans[i][0])), None)
        if home is None:
            groups.append([i])
        else:
            home.append(i)
    return groups


def one_per_report(members: Sequence[int], cands: Sequence[Candidate]) -> list[int]:
    """The sentences cited for a short answer: one per independent report, `SUPPORT` at most."""
    cited: list[int] = []
    for j in members:
        if len(cited) < SUPPORT and all(not same_report(cands[j], cands[m]) for m in cited):
            cited.append(j)
    return cited


def sentences(cands: Sequence[Candidate], stored: Sequence[Candidate]) -> list[Sentence]:
    return [(c.passage, c.start, c.end) for c in [*cands, *stored]]


def full_form(
    lead: int,
    answering: Sequence[int],
    cands: Sequence[Candidate],
    scores: np.ndarray,
    spans: dict[int, list[Span]],
    stored: Sequence[Candidate],
) -> Candidate | None:
    """The sentence writing the name the short answer leads with in full, when the `lead` sentence writes it
    shorter ("Ziyed Ben Belgacem" for "… Belgacem wrested away the soldier's assault rifle"): the one
    `short_answers` cites for it (`fullest_name`), to be quoted too, as what gives the name in full."""
    members = answer_groups(lead, answering, scores, spans)[0]
    quoted = [(cands[j].passage, cands[j].start, cands[j].end) for j in one_per_report(members, cands)]
    articles = {cands[j].passage.article_id for j in members}
    full = fullest_name(spans[lead][0], articles, [*quoted, *sentences(cands, stored)])
    if full is None:
        return None
    passage, start, end = full[1]
    return next(c for c in [*cands, *stored] if (c.passage, c.start, c.end) == (passage, start, end))


def about_the_same(rival: str, lead: str, asked: Sequence[str]) -> bool:
    """Whether a rival's sentence names one of the `asked` names that the lead's sentence names (true when
    the lead's names none of them)."""
    named = [n for n in asked if mentions(n, lead)]
    return not named or any(mentions(n, rival) for n in named)


def short_answers(
    lead: int,
    answering: Sequence[int],
    good: Sequence[int],
    cands: Sequence[Candidate],
    scores: np.ndarray,
    spans: dict[int, list[Span]],
    citer: Citer,
    stored: Sequence[Candidate] | None = None,
    asked: Sequence[str] = (),
) -> list[Lead]:
    """The span of the `lead` sentence, with every answering sentence whose span gives the same answer (its
    independent reports counted, copies once); then, when the lead is a figure or a day that fills the slot
    squarely, the span of an independent report among the best sentences (`good`) that squarely gives a
    different one about the same thing (its sentence as close to the lead's as two reports of one
    quantity, `disputes.DISPUTE`): a disagreement, shown beside it. A projection (`projected`) does not
    dispute a result: a result leads in its place, and a projection differing from the result is left out.
    A rival names one of the names the question is `asked` about when the lead's sentence does: "The lower
    house has 150 seats" gives no rival to "Rutte's VVD had 33 seats" for how many seats the VVD won.
    Given the `stored` sentences of the articles (a person asked for: None otherwise), a name leads in the
    fullest form its articles write (`fullest_name`, in any of their sentences), citing the one writing it."""
    groups = answer_groups(lead, answering, scores, spans)
    chosen = [groups[0]]
    if spans[lead][0].fit >= SQUARE and disputable(spans[lead][0]):
        rivals = [
            g
            for g in groups[1:]
            if g[0] in good
            and spans[g[0]][0].fit >= SQUARE
            and float(cands[g[0]].vector @ cands[lead].vector) >= DISPUTE
            and not any(same_report(cands[g[0]], cands[j]) for j in groups[0])
            and about_the_same(cands[g[0]].text, cands[lead].text, asked)
        ]
        results = [g for g in rivals if not all(projected(cands[j].text) for j in g)]
        if not all(projected(cands[j].text) for j in groups[0]):
            chosen += results[:1]  # two results that differ; a projection does not stand against a result
        elif results:
            chosen = results[:1]  # an exit poll's figure and the count: the count leads, alone
        else:
            chosen += rivals[:1]  # two projections that differ
    out = []
    for members in chosen:
        cited = one_per_report(members, cands)
        numbers = [citer.cite(cands[j].passage, cands[j].start, cands[j].end) for j in cited]
        outlets = [cands[j].passage.source for j in members if cands[j].passage.source]
        span = spans[members[0]][0]
        quoted = [(cands[j].passage, cands[j].start, cands[j].end) for j in cited]
        text, full = span.text, None
        if stored is not None:
            full = fullest_name(
                span, {cands[j].passage.article_id for j in members}, [*quoted, *sentences(cands, stored)]
            )
        if full is not None:  # the sentence writing the name in full is cited with the rest
            text, sentence = full
            numbers.append(citer.cite(*sentence))
            quoted += [] if sentence in quoted else [sentence]
        reports = count_reports([cands[j] for j in members])
        short = Lead(text, sorted(set(numbers)), reports, list(dict.fromkeys(outlets)), span.day)
        short.quoted = [quote_of(*sentence) for sentence in quoted]
        out.append(short)
    return out


def written_in_full(
    full: Candidate, lead: int, shown: list[int], cands: Sequence[Candidate], limit: int
) -> tuple[list[int], list[Candidate]]:
    """The sentences to show with the one writing the short answer's name in full quoted just after the lead's
    (it is what gives the name as the answer leads with it), and the candidates it may have joined."""
    same = [i for i, c in enumerate(cands) if (c.passage.article_id, c.text) == (full.passage.article_id, full.text)]
    if any(i in shown for i in same):
        return shown, list(cands)
    cands = list(cands) if same else [*cands, full]
    at = same[0] if same else len(cands) - 1
    where = shown.index(lead) + 1 if lead in shown else 0
    return [*shown[:where], at, *shown[where:]][:limit], cands
