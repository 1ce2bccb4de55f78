"""A brief on everything as a digest: a front page of the period's top stories, not one story's brief.

The stories are those the most independent outlets covered, each outlet counted by how often it did (then
the most articles, then the newest: `stories.group`), up to `stories.TOP`; each gets one line: its best
corroborated claim (an article's opening sentence preferred, as news puts the gist first), its independent
sources, how many outlets and articles covered it over which dates, and the topic words that give its full
brief (`briefing brief "…"`).
"""

from __future__ import annotations

import re

from briefing.analysis.citations import Pick
from briefing.analysis.evidence import Evidence, Finding
from briefing.analysis.quoting import main_clause, opening, pick, reshown
from briefing.analysis.stories import Story
from briefing.results import TOP_STORIES

CORROBORATED = 2  # independent reports from which a claim counts as corroborated for a story's line


def best_claim(told: list[Finding]) -> Finding:
    """The story's line: a corroborated claim (`CORROBORATED` independent reports; a third report does not
    make an aside the gist, and on the whole corpus it picked one every time), one that opens an article
    when there is one (news puts the gist first), then the best scored (typical of the story, recent, short:
    `evidence.rank`); what happened before what someone said of it (`said`)."""
    return max(told, key=lambda f: (min(f.reports, CORROBORATED), not said(f), opening(f) is not None, f.score))


def said(finding: Finding) -> bool:
    """Whether a claim is what someone said in quotation marks (a reaction: '"What happened on the floor is a
    victory for the American people," Nancy Pelosi … said.'), not what happened."""
    text = finding.lead.text.lstrip()
    return text[:1] in "\"“‘'" or bool(re.search(r"[\"”]\s*,?\s+(?:\w+\s+){0,6}(?:said|says|told|added)\b", text))


def line(finding: Finding, story: Story) -> Pick:
    """A story's line: its best claim, as its main clause (`quoting.main_clause`) when as many independent
    reports state the clause as the whole sentence (the line was chosen for its corroboration)."""
    shown = pick(finding, headline(story))
    short = main_clause(finding, shown.cand)
    if short is not shown.cand and finding.reported(short)[0] >= shown.reports:
        reshown(shown, short)
    return shown


def headline(story: Story) -> str:
    """A story's label on the digest: its name, its coverage and dates, and the topic of its own brief."""
    span = " to ".join(dict.fromkeys(d for d in (story.oldest, story.newest) if d)) or "undated"
    outlets = f"{story.outlets} outlet{'s' if story.outlets != 1 else ''}"
    articles = f"{len(story.articles)} article{'s' if len(story.articles) != 1 else ''}"
    return f"{story.label} ({outlets}, {articles}, {span}; topic: {story.topic})"


NO_BRIEF_YET = "0001-01-01T00:00:00.000000+00:00"  # `changes_since="last"` before any brief: all is new


def since_label(value: str) -> str:
    """When "what changed" counts from, as a heading shows it: a day, or the last brief's time in minutes."""
    if value == NO_BRIEF_YET:
        return "the start (no brief was kept before)"
    return value if len(value) <= 10 else f"the last brief ({value[:10]} {value[11:16]} UTC)"


def digest(evidence: Evidence, changes_since: str | None = None) -> dict[str, list[Pick]]:
    """One line per story, the widest covered first; and, since the last brief, the stories that are new."""
    by_story: dict[str, list[Finding]] = {}
    for finding in evidence.findings:
        story = evidence.story_of.get(finding.lead.passage.article_id)
        if story is not None:
            by_story.setdefault(story, []).append(finding)
    lines = [(s, line(best_claim(by_story[s.label]), s)) for s in evidence.stories if s.label in by_story]
    parts = {TOP_STORIES: [line for _, line in lines]}
    if changes_since:
        new = {s for s, found in by_story.items() if all(f.new_since(changes_since) for f in found)}
        parts[f"What changed since {since_label(changes_since)}"] = [line for s, line in lines if s.label in new]
    return parts
