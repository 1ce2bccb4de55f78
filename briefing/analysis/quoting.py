"""How a claim is quoted: the clause of a sentence that carries its figure or its date, cut as a verbatim
span of the source, and a dispute shown as one line with each side in its source's own words."""

from __future__ import annotations

from dataclasses import replace

from briefing.analysis.citations import Pick
from briefing.analysis.disputes import CLAIM, COUNT, Dispute
from briefing.analysis.evidence import Finding
from briefing.analysis.reports import count_reports, one_each, outlets_of
from briefing.analysis.scoring import Candidate
from briefing.analysis.sides import same_party
from briefing.analysis.support import Statement
from briefing.text.actors import attributed, speaker
from briefing.text.facts import key_figure
from briefing.text.sentences import clauses
from briefing.text.shortening import main_clause_end

SPEAKER_WORDS = 10  # words before a figure's clause kept in a dispute's quote when they hold no comma
QUOTE_WORDS = 30  # the longest quote kept whole when its figure's clause has no subject


def pick(finding: Finding, label: str | None = None) -> Pick:
    """A finding as a claim: its lead sentence, citing the best sentence of each other independent report."""
    lead, *others = finding.independent()
    return Pick(lead, label, also=others, reports=finding.reports, outlets=finding.outlets, finding=finding)


def reshown(p: Pick, cand: Candidate, party: str | None = None) -> None:
    """Show another sentence of the pick's finding (or a clause of one): it cites, and counts, only the
    reports that state what that sentence states; for a `party`'s line, only those that say the party said
    it (a White House official's criticism is not backed by what Trump said at a news conference)."""
    p.cand, p.text = cand, cand.shown
    if p.finding is None:
        return
    if not party:
        p.also = p.finding.independent(shown=cand)[1:]
        p.reports, p.outlets = p.finding.reported(cand)
        return
    name = party.split(",")[0]  # "Mark Rutte, Prime Minister" -> "Mark Rutte"
    backing = [
        c
        for c in p.finding.backing(cand)
        if c is cand or any(same_party(name, who) for who in attributed(c.text))  # "Trump said": not the official's
    ]
    p.also = one_each(backing)[1:]
    p.reports, p.outlets = count_reports(backing), outlets_of(backing)


def opening(finding: Finding) -> Candidate | None:
    """The finding's sentence that opens its article, if one does (news puts the gist first)."""
    return next((c for c in finding.sentences if c.passage.chunk == 0 and c.start < 400 and c.quotable), None)


def figure_clause(text: str, figure: str | None = None) -> tuple[int, int]:
    """Where in a sentence the clause stating its key figure (or `figure`) is (the whole sentence when it
    cannot be cut)."""
    figure = figure or key_figure(text)
    value = figure.split()[0] if figure else ""
    for part in clauses(text):
        start = text.find(part)
        if value and value in part and len(part.split()) >= 5 and start >= 0:
            return start, start + len(part)
    return 0, len(text)


def narrowed(cand: Candidate, span: tuple[int, int]) -> Candidate:
    """The candidate cut to a span of its sentence (offsets relative to the sentence); an opening of it keeps
    the referent of its leading pronoun."""
    referent = cand.referent if span[0] == 0 else None
    return replace(cand, start=cand.start + span[0], end=cand.start + span[1], referent=referent)


def main_clause(finding: Finding, cand: Candidate, dated: bool = False, party: str | None = None) -> Candidate:
    """The sentence shown as its main clause (`shortening.main_clause_end`), keeping its figures (the chain
    cut off must not hold "at least 200 people had been killed"), the dates the finding's other reports
    state too (its count is about them), every date when `dated`, and the `party` it is shown for when the
    sentence names it."""
    said = Statement.of(cand)
    others = [Statement.of(c).facts for c in finding.backing(cand)[1:]]
    kept = (said.facts & frozenset().union(*others)) | said.amounts | (said.dates if dated else frozenset())
    name = (party or "").split(",")[0].split()[-1:]  # "Mark Rutte, Prime Minister" -> "Rutte"
    named = [n for n in name if n in cand.text]

    def keeps(head: str) -> bool:
        if any(n not in head for n in named):
            return False
        return kept <= Statement.of(narrowed(cand, (0, len(head)))).facts

    end = main_clause_end(cand.text, keeps)
    return cand if end >= len(cand.text) else narrowed(cand, (0, end))


def disputed(dispute: Dispute) -> Pick:
    """A dispute as one line, each side quoted in its source's words with who said it, where and when: two
    figures side by side, a revision from the old figure to the new one, a claim and another party's denial
    ("the union says “…” (Post, 5 June; 3 sources); the employers say “…” (…)"), or one sentence that
    disputes another's count."""
    leads = list(dispute.said)
    who = [*dispute.who, *([""] * len(leads))]

    def where(c: Candidate, speaker_: str = "") -> str:
        return ", ".join(x for x in (speaker_, c.passage.source, c.passage.date) if x)

    if dispute.kind == CLAIM:
        label = f"{who[0]} vs {who[1]}"
        if len(leads) == 1:
            return Pick(leads[0], label, f"“{leads[0].text}” ({where(leads[0])})", "compared")
        says = [
            f"{who[i]} says “{c.text}” ({where(c)}; {_tally(side.reports)})"
            for i, (c, side) in enumerate(zip(leads, dispute.sides, strict=True))
        ]
        return Pick(leads[0], label, "; ".join(says), "compared", leads[1:])
    figures: list[str | None] = [*dispute.figures] or [key_figure(c.text) for c in leads]
    parts = [narrowed(c, _figure_span(c.text, f)) for c, f in zip(leads, figures, strict=False)]

    def side(i: int) -> str:
        said = who[i] or speaker(leads[i].text) or ""
        return f"“{parts[i].text}” ({where(leads[i], '' if said in parts[i].text else said)})"

    what = next((f for f in reversed(figures) if f), dispute.quantity).split(maxsplit=1)[-1]
    if dispute.kind == COUNT or len(leads) == 1:
        return Pick(parts[0], f"{what} (disputed)", side(0), "compared")
    before, after = figures
    if dispute.revision and before and after:
        text = f"revised from {before.split()[0]} to {after.split()[0]}: {side(1)}"
        return Pick(parts[1], what, text, "compared", [parts[0]])
    return Pick(parts[0], f"{what} (disputed)", f"{side(0)} vs {side(1)}", "compared", [parts[1]])


def _figure_span(text: str, figure: str | None = None) -> tuple[int, int]:
    """The clause with the sentence's figure, begun at the sentence's start when what it cut off is a few
    words without a comma (the speaker: "The Iraqi Ministry of Immigration and Displacement said …"), or when
    the clause has no subject of its own ("taking a projected 31 seats" of "… Rutte's VVD party …") and the
    sentence up to its end is short enough to show."""
    start, end = figure_clause(text, figure)
    cut = text[:start]
    if "," not in cut and len(cut.split()) <= SPEAKER_WORDS:
        return 0, end
    headless = text[start:end][:1].islower() and len(text[:end].split()) <= QUOTE_WORDS
    return (0, end) if headless else (start, end)


def _tally(reports: int) -> str:
    return "single source" if reports <= 1 else f"{reports} sources"
