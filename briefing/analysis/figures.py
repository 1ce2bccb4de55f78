"""Key figures by salience: the figures a story turns on are those that the most independent reports give
(how many died, how many fled), not the first figure of the best-ranked sentences."""

from __future__ import annotations

from collections.abc import Sequence

from briefing.analysis.evidence import Finding
from briefing.analysis.reports import count_reports
from briefing.analysis.scoring import Candidate
from briefing.text.facts import key_figure, numbers_in


def _value(figure: str) -> float | None:
    """The number a key figure states ("3,000 households" -> 3000.0), None when it reads none."""
    found = numbers_in(figure.split(maxsplit=1)[0]) if figure.split() else set()
    return max(found) if found else None


def salient_figures(ranked: Sequence[Finding]) -> list[tuple[Finding, str | None]]:
    """Findings whose lead states a key figure, labelled with it: the figures the most independent reports
    of the story give first (a sentence of any finding counts for its figure's value), then by rank."""
    givers: dict[float, list[Candidate]] = {}
    for finding in ranked:
        for cand in finding.sentences:
            figure = key_figure(cand.text)
            value = _value(figure) if figure else None
            if value is not None:
                givers.setdefault(value, []).append(cand)
    reports = {value: count_reports(cands) for value, cands in givers.items()}
    chosen: list[tuple[int, int, Finding, str]] = []
    for rank, finding in enumerate(ranked):
        figure = key_figure(finding.lead.text)
        value = _value(figure) if figure else None
        if figure and value is not None:
            chosen.append((-reports.get(value, 1), rank, finding, figure))
    seen: set[float] = set()
    out: list[tuple[Finding, str | None]] = []
    for _, _, finding, figure in sorted(chosen, key=lambda item: (item[0], item[1])):
        value = _value(figure)
        if value not in seen:  # one line a figure
            seen.add(value)  # type: ignore[arg-type]
            out.append((finding, figure))
    return out
