"""A brief on everything as a digest: a front page of the period's top stories, not one story's brief.

The stories are those the most independent outlets covered, each outlet counted by how often it did (then
the most articles, then the newest: `stories.group`), up to `stories.TOP`; each gets one line: its best
corroborated claim (an article's opening sentence preferred, as news puts the gist first), its independent
sources, how many outlets and articles covered it over which dates, and the topic words that give its full
brief (`briefing brief "…"`).
"""

from __future__ import annotations

from briefing.analysis.citations import Pick
from briefing.analysis.evidence import Evidence, Finding
from briefing.analysis.quoting import opening, pick
from briefing.analysis.stories import Story
from briefing.results import TOP_STORIES


def best_claim(told: list[Finding]) -> Finding:
    """The story's line: the claim the most independent reports state; among equals, one that opens an
    article (news puts the gist first), then the best scored."""
    return max(told, key=lambda f: (f.reports, opening(f) is not None, f.score))


def headline(story: Story) -> str:
    """A story's label on the digest: its name, its coverage and dates, and the topic of its own brief."""
    span = " to ".join(dict.fromkeys(d for d in (story.oldest, story.newest) if d)) or "undated"
    outlets = f"{story.outlets} outlet{'s' if story.outlets != 1 else ''}"
    articles = f"{len(story.articles)} article{'s' if len(story.articles) != 1 else ''}"
    return f"{story.label} ({outlets}, {articles}, {span}; topic: {story.topic})"


def since_label(value: str) -> str:
    """When "what changed" counts from, as a heading shows it: a day, or the last brief's time in minutes."""
    return value if len(value) <= 10 else f"the last brief ({value[:10]} {value[11:16]} UTC)"


def digest(evidence: Evidence, changes_since: str | None = None) -> dict[str, list[Pick]]:
    """One line per story, the widest covered first; and, since the last brief, the stories that are new."""
    by_story: dict[str, list[Finding]] = {}
    for finding in evidence.findings:
        story = evidence.story_of.get(finding.lead.passage.article_id)
        if story is not None:
            by_story.setdefault(story, []).append(finding)
    lines = [(s, pick(best_claim(by_story[s.label]), headline(s))) for s in evidence.stories if s.label in by_story]
    parts = {TOP_STORIES: [line for _, line in lines]}
    if changes_since:
        new = {s for s, found in by_story.items() if all(f.new_since(changes_since) for f in found)}
        parts[f"What changed since {since_label(changes_since)}"] = [line for s, line in lines if s.label in new]
    return parts
