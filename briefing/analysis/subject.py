"""Whether a retrieved article is about what a question asks about, and can report it: its title near the
question (a title says what its article is about; one shared word in the body does not), and, when the
question names a year, an article that reaches that year. Pure functions but `title_nearness`, which
embeds the titles."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from langchain_core.embeddings import Embeddings

from briefing.analysis.scoring import Candidate, unit
from briefing.text.predicates import predicates
from briefing.text.questions import OTHER, kind_asked, last_question
from briefing.text.sentences import related, terms
from briefing.text.spans_base import Span, same_answer, thing_head
from briefing.types import Passage

SQUARE = 2.0  # a span's fit at which it fills the slot squarely: a full name, a figure in the asked unit, a day

# an answering article's title must be at least this near the question (cosine; swept on calibration:
# the titles of articles that answer sit at 0.31 and above, those of off-subject answers mostly below)
TITLE = 0.3
# a sentence this near the question (cosine) may answer from an article whose title is not about it
STRONG = 0.6
# a declined question quotes what the sources hold only from an article this near it: one squarely about its
# subject (the titles of articles on the subject of calibration's near-miss questions sit at 0.4 and above)
HOLDS = 0.45
# a title this near the question is squarely about its subject: a sentence of its article that fills the slot
# squarely answers though it stands up to ABOUT_MARGIN below the relevance bar (swept on calibration)
ABOUT = 0.6
ABOUT_MARGIN = 0.1
# a sentence quoted after a short answer comes from an article whose title is at least QUOTED near the question,
# or stands at most BESIDE below the title of the article the answer comes from, unless its article gives that
# answer (on calibration, titles of articles on the question's story sit at 0.5 and above, with two at 0.45 and
# 0.49; those of articles sharing only words with it at 0.25 to 0.48: a 2015 exercise at 0.45, under "Who
# carried out the London attack?")
QUOTED = 0.5
BESIDE = 0.15
_YEAR = re.compile(r"(?<![\w$€£¥.,-])((?:19|20)\d\d)(?![\w%-])")
# a question about what is to come may be answered by an article written before the year it names
_AHEAD = re.compile(
    r"\b(?:will|shall|going to|plan(?:s|ned)? to|due|scheduled|expected|set to|to be held|upcoming|next)\b|"
    r"['’]ll\b",
    re.I,
)


def made_up(passages: Sequence[Passage]) -> set[str]:
    """The retrieved articles whose title was made from their own first words (a text file without a
    headline: `sources.articles.derive_title`), seen when their opening passage is among those retrieved: such
    a title is one sentence of a long article, and says no more of what it is about than any other."""
    out = set()
    for p in passages:
        words = p.title.rstrip("…").split()
        if p.chunk == 0 and words and p.text.split()[: len(words)] == words:
            out.add(p.article_id)
    return out


def title_nearness(vector: np.ndarray, passages: Sequence[Passage], embedder: Embeddings) -> dict[str, float]:
    """Each retrieved article's title's cosine to the question's vector (one embedding call for all); 1.0 for
    a title made from the article's first words (`made_up`), which cannot tell."""
    titles = {p.article_id: p.title or "" for p in passages}
    if not titles:
        return {}
    rows = unit(np.asarray(embedder.embed_documents(list(titles.values())), dtype=np.float32))
    near = rows @ unit(np.asarray(vector, dtype=np.float32))
    derived = made_up(passages)
    return {article: 1.0 if article in derived else float(n) for article, n in zip(titles, near, strict=True)}


def rarest_in_title(question: str, title: str, rarity: dict[str, float]) -> bool:
    """Whether a title (with its article's opening, when given) uses the question's rarest word, in any of its
    forms ("Odesa" of "How many ships were waiting to load grain in Odesa?"): a title a model places far from
    the question may still name its subject (a title made from an article's first sentence, a model that
    knows the words only as words)."""
    asked = set(terms(question))
    if not asked:
        return True
    top = max(rarity.get(t, 0.0) for t in asked)
    rarest = {t for t in asked if rarity.get(t, 0.0) >= top}
    used = set(terms(title))
    return any(t in used or any(related(t, u) for u in used) for t in rarest)


def years_asked(question: str) -> list[int]:
    """The years a question names ("the 2018 World Cup": 2018), not figures that look like one ("$2018")."""
    return [int(y) for y in _YEAR.findall(last_question(question))]


def in_reach(question: str, date: str | None, text: str) -> bool:
    """Whether an article dated `date` (its `text` being what was retrieved of it, with its title) can report
    the year a question names: it speaks of that year (it names it, or was written in it), and it was not
    written before that year unless the question asks what is to come ("Who won the 2018 World Cup?" has no
    answer in a 2017 article that names the 2018 World Cup). True when the question names no year."""
    years = years_asked(question)
    if not years:
        return True
    written = int(date[:4]) if date and date[:4].isdigit() else None
    ahead = bool(_AHEAD.search(last_question(question)))
    for year in years:
        if written is not None and written < year and not ahead:
            return False
        if written != year and str(year) not in text:
            return False
    return True


_AUX = r"(?:is|are|was|were|did|does|do|has|have|had|will|would|can|could)\b"
_SLOT = re.compile(
    rf"^\W*(?:(?:to|from|in|at|on|by|for|of|with) )?(?:how (?:many|much)(?: (?!{_AUX})[\w-]+)?|how \w+|who(?:m|se)?|"
    r"when|where|"
    r"(?:which|what) (?:[\w-]+ ){0,2}?[\w-]+(?= " + _AUX + ")|"
    r"(?:which|what) [\w-]+)",
    re.I,
)


_WHAT_IS = re.compile(
    r"^\W*(?P<wh>what|which) (?P<aux>is|was|are|were) (?P<np>(?:the |a |an )?(?:[\w'’-]+ ){0,3}?[\w'’-]+)"
    r"(?= (?:when|in|of|for|at|on|that|who|after|before|during|between|from)\b|\s*\?|$)",
    re.I,
)


def slot_asked(question: str) -> str:
    """The words of a question that ask for its slot, lower-cased ("How many spectators were…": "how many
    spectators"; "Who won…": "who"), names kept capitalised; "what it asks" when they cannot be read off."""
    asked = last_question(question)
    copula = _WHAT_IS.match(asked)  # "What was the vote tally when …?": "what the vote tally was"
    if copula:
        return f"{copula['wh'].lower()} {copula['np']} {copula['aux'].lower()}"
    found = _SLOT.match(asked)
    if not found:
        return "what it asks"
    words = found.group().strip()
    return words[:1].lower() + words[1:]


def holds_message(question: str) -> str:
    """What a declined slot question says when its subject is covered: the sources report on it, but none
    says what it asks; the sentence quoted after it is the nearest they come."""
    return (
        f"The sources report on this, but none of them says {slot_asked(question)}: this is not answered. "
        "The nearest they come:"
    )


def squarely_about(
    eligible: Sequence[int],
    cands: Sequence[Candidate],
    scores: np.ndarray,
    spans: dict[int, list[Span]],
    titles: dict[str, float],
    min_relevance: float,
) -> float:
    """The relevance below `min_relevance` at which a sentence still answers: one that fills the slot
    squarely, from an article whose title is squarely the question's subject (`ABOUT`), within
    `ABOUT_MARGIN` of the bar ("… in the village of Salubiro" answers where the farmer was found
    inside a python, from the article headed so, though the sentence is mostly about the place);
    `min_relevance` when none does."""
    rescued = [
        float(scores[i])
        for i in eligible
        if spans.get(i)
        and spans[i][0].fit >= SQUARE
        and titles.get(cands[i].passage.article_id, 0.0) >= ABOUT
        and float(scores[i]) >= min_relevance - ABOUT_MARGIN
    ]
    return max(rescued, default=min_relevance)


def beside_lead(
    shown: Sequence[int],
    lead: int,
    cands: Sequence[Candidate],
    spans: dict[int, list[Span]],
    titles: dict[str, float],
) -> list[int]:
    """The shown sentences that may be quoted after a short answer taken from sentence `lead`: those of its
    article, of an article giving the same answer (a span of one of its sentences), and of an article whose
    title is near the question (`QUOTED`) or about as near as the lead's article's (within `BESIDE`); not a
    sentence of an article that only shares the question's words (a 2015 exercise simulating an attack in
    central London, quoted under the name of the London attacker)."""
    home = cands[lead].passage.article_id
    answer = spans[lead][0] if spans.get(lead) else None
    giving = {
        cands[i].passage.article_id
        for i, found in spans.items()
        if answer is not None and any(same_answer(answer, s) for s in found)
    }
    bar = min(titles.get(home, 1.0) - BESIDE, QUOTED)

    def about(article: str) -> bool:
        return article == home or article in giving or titles.get(article, 1.0) >= bar

    return [i for i in shown if about(cands[i].passage.article_id)]


def states_asked(question: str, cands: Sequence[Candidate]) -> np.ndarray:
    """1 for each sentence that states what the question asks happened, in its words or its article's title
    (its predicates, `text.predicates`: "elected" in "Frank-Walter Steinmeier elected as Germany's president"
    for when he was elected, not the Sunday he "became" president); 0 for the others, and for all when the
    question names no predicate."""
    asked = predicates(question)
    if not asked:
        return np.zeros(len(cands))
    told = {}
    for c in cands:
        if c.passage.title not in told:
            told[c.passage.title] = predicates(c.passage.title)
    return np.asarray(
        [any(related(x, y) for x in asked for y in predicates(c.text) | told[c.passage.title]) for c in cands],
        dtype=float,
    )


def names_thing(question: str, cands: Sequence[Candidate]) -> bool:
    """Whether some sentence (or its article's title) names the thing a what-<thing> question asks for, in
    any of its forms ("What penalty did the FAA impose on Harrison Ford …?": a penalty, a "stake" for what
    stake was bought); True for a question asking no thing. A what-<thing> question none names is a near
    miss: the sources tell the story but not the thing."""
    head = thing_head(question)
    if kind_asked(question) != OTHER or head is None:
        return True
    noun = terms(head.group(2))
    forms = {*noun, *(re.sub(r"y$", "i", n) for n in noun)}  # "penalty", "penalties" ("penalti")
    return not noun or any(related(n, t) for c in cands for t in terms(f"{c.passage.title} {c.text}") for n in forms)
