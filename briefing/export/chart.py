"""The timeline picture: the brief's dated events on a date axis, over the articles per day by outlet.

`timeline_data` (pure) says what is drawn; `timeline_png` draws it with matplotlib's Agg canvas (no pyplot,
so it is safe in the page's worker threads) and returns PNG bytes for the page, the HTML and the PDF.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from typing import TYPE_CHECKING

from briefing.export.content import plain
from briefing.results import Brief, Part

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.text import Annotation
    from matplotlib.transforms import Bbox

OUTLETS = 5  # outlets shown by name in the volume bars; the rest are summed as "other outlets"
STRAY = 0.05  # the oldest share of articles that may be left off the picture's left edge
_ISO = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")


@dataclass(frozen=True)
class Event:
    """One dated event: its day, a short label, and the sources it cites."""

    day: date
    label: str
    citations: tuple[int, ...] = ()
    published: bool = False  # dated by its article's publication, the last resort (drawn hollow, and said)

    @property
    def caption(self) -> str:
        marks = "".join(f"[{n}]" for n in self.citations)
        when = f"{self.day.day} {self.day:%b %Y}" + (" (published)" if self.published else "")
        return f"{when} · {self.label} {marks}".strip()


@dataclass(frozen=True)
class TimelineData:
    """What the picture shows: the events, and per outlet the articles on each of `days`; `earlier` counts
    the articles left off the left edge (a few stray old articles would squeeze the rest into a corner)."""

    events: list[Event]
    days: list[date]
    volume: dict[str, list[int]]
    earlier: int = 0

    @property
    def empty(self) -> bool:
        return not self.events and not self.days

    @property
    def span(self) -> tuple[date, date]:
        every = [e.day for e in self.events] + self.days
        return min(every) - timedelta(days=1), max(every) + timedelta(days=1)


def short_label(text: str, words: int = 8, chars: int = 52) -> str:
    """The first words of a sentence, after an opening date phrase ("On March 13, …"; the date is drawn
    beside it), cut at a word and marked with … when cut."""
    parts = plain(text).split()
    opening = next((i for i, w in enumerate(parts[:5]) if w.endswith(",")), None)
    if opening is not None and any(ch.isdigit() for w in parts[: opening + 1] for ch in w):
        parts = parts[opening + 1 :] or parts
    label = " ".join(parts[:words])
    if len(label) > chars:
        label = label[:chars].rsplit(" ", 1)[0] if " " in label[:chars] else label[:chars]
    return label.rstrip(",;:.") + ("…" if label != " ".join(parts) else "")


@cache
def _glyphs() -> frozenset[int]:
    """The characters DejaVu Sans (matplotlib's font, and the picture's) can draw."""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    return frozenset(FT2Font(font_manager.findfont("DejaVu Sans")).get_charmap())


def drawable(text: str) -> str:
    """The text with each character the font cannot draw (Chinese, …) as �, so no box and no warning."""
    glyphs = _glyphs()
    return "".join(c if ord(c) in glyphs else "\ufffd" for c in text)


def _day(value: str | None) -> date | None:
    found = _ISO.search(value or "")
    try:
        return date.fromisoformat(found.group(1)) if found else None
    except ValueError:
        return None


def timeline_data(brief: Brief, outlets: int = OUTLETS) -> TimelineData:
    """One event per dated claim of the Timeline part (in date order), and the article volume by outlet."""
    events = [
        Event(day, short_label(claim.text), tuple(claim.citations), "published" in (claim.label or ""))
        for claim in brief.part(Part.TIMELINE)
        if (day := _day(claim.label)) is not None
    ]
    events.sort(key=lambda e: e.day)
    per_day: dict[str, dict[date, int]] = {}
    for outlet, counts in brief.volume.items():
        for value, n in counts.items():
            if (day := _day(value)) is not None:
                per_day.setdefault(plain(outlet) or "unknown outlet", {})[day] = n
    days = sorted({d for counts in per_day.values() for d in counts})
    start = _start(days, per_day, [e.day for e in events])
    earlier = sum(n for counts in per_day.values() for d, n in counts.items() if d < start)
    days = [d for d in days if d >= start]
    ranked = sorted(per_day, key=lambda o: (-sum(per_day[o].get(d, 0) for d in days), o))
    volume = {o: [per_day[o].get(d, 0) for d in days] for o in ranked[:outlets]}
    if len(ranked) > outlets:
        volume["other outlets"] = [sum(per_day[o].get(d, 0) for o in ranked[outlets:]) for d in days]
    return TimelineData(events, days, volume, earlier)


def _start(days: list[date], per_day: dict[str, dict[date, int]], events: list[date]) -> date:
    """The first day drawn: every event, and the articles from the day by which STRAY of them had appeared."""
    total = sum(n for counts in per_day.values() for n in counts.values())
    seen = 0
    for day in days:
        seen += sum(counts.get(day, 0) for counts in per_day.values())
        if seen > total * STRAY:
            return min([day, *events])
    return min(events, default=date.max)


def timeline_png(brief: Brief, width: float = 6.3, dpi: int = 160) -> bytes | None:
    """The timeline picture as PNG bytes (`width` in inches), or None when there is nothing dated to draw."""
    data = timeline_data(brief)
    if data.empty:
        return None
    from matplotlib import rc_context
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
    from matplotlib.figure import Figure

    # parse_math off: a "$" in source text is a dollar sign, never the start of a formula
    with rc_context({"text.parse_math": False, "font.family": "DejaVu Sans", "font.size": 7}):
        rows = [r for r, present in (("events", data.events), ("volume", data.days)) if present]
        heights = {"events": 1.05, "volume": 0.8}
        fig = Figure(figsize=(width, 0.3 + sum(heights[r] for r in rows)), dpi=dpi, layout="constrained")
        axes = fig.subplots(len(rows), 1, sharex=True, height_ratios=[heights[r] for r in rows], squeeze=False)
        drawn = dict(zip(rows, axes[:, 0], strict=True))
        bottom = axes[-1, 0]
        locator = AutoDateLocator(minticks=3, maxticks=8)
        bottom.xaxis.set_major_locator(locator)
        bottom.xaxis.set_major_formatter(ConciseDateFormatter(locator))
        bottom.set_xlim(date2num(data.span[0]), date2num(data.span[1]))
        if "volume" in drawn:
            _draw_volume(drawn["volume"], data)
        if "events" in drawn:  # last: its labels are placed by measuring the laid-out figure
            _draw_events(drawn["events"], data)
        out = io.BytesIO()
        fig.savefig(out, format="png", dpi=dpi)
    return out.getvalue()


def _draw_events(ax: Axes, data: TimelineData) -> None:
    """Events as stems of distinct heights, each labelled with its date and words.

    A label runs right of its stem unless it would overflow the plot there, then left. Every event has its
    own height, so no two labels share a line; stems whose labels run right fall from the top in date
    order and those whose labels run left rise from the bottom, so a label crosses no stem of its own
    kind; labels sit on white, so a stem of the other kind passes behind the text."""
    from matplotlib.dates import date2num
    from matplotlib.figure import Figure

    ax.set_ylim(-0.4, max(len(data.events), 3) + 0.7)  # before measuring: a label outside it is not drawn
    labels = [
        ax.annotate(
            drawable(event.caption),
            (float(date2num(event.day)), 0),
            xytext=(3, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            fontsize=6.5,
            bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"},
            zorder=4,
            in_layout=False,  # the plot keeps its size; labels are fitted inside it below
        )
        for event in data.events
    ]
    figure = ax.get_figure(root=True)
    assert isinstance(figure, Figure)
    figure.draw_without_rendering()  # lays the figure out, so the labels can be measured
    box = ax.get_window_extent()
    lefts = []
    for label in labels:
        extent = label.get_window_extent()
        over_right = extent.x1 - box.x1
        over_left = box.x0 - (extent.x0 - extent.width - 6 * figure.dpi / 72)  # if it ran left instead
        lefts.append(over_right > 0 and over_left < over_right)
    top, rights, leftwards = len(labels), 0, 0
    for event, label, left in zip(data.events, labels, lefts, strict=True):
        if left:
            leftwards += 1
            level = leftwards
            label.set_horizontalalignment("right")
            label.xyann = (-3, 0)
        else:
            level = top - rights
            rights += 1
        x = float(date2num(event.day))
        label.xy = (x, level)
        _fit(label, event, box)
        ax.vlines(x, 0, level, color="#888888", linewidth=0.8)
        face = "white" if event.published else "#b22222"
        ax.plot(x, 0, "o", color="#b22222", markerfacecolor=face, markersize=5, zorder=3)
    ax.axhline(0, color="#444444", linewidth=0.8)
    ax.set_yticks([])
    ax.set_title("Events in the brief's timeline", loc="left", fontsize=7.5, fontweight="bold")
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)


def _fit(label: Annotation, event: Event, box: Bbox) -> None:
    """Drop the label's last words until it fits between the plot's edges (the date always stays)."""
    words = event.label.split()
    while words:
        extent = label.get_window_extent()
        if extent.x0 >= box.x0 - 2 and extent.x1 <= box.x1 + 2:
            return
        words.pop()
        label.set_text(drawable(replace(event, label=" ".join(words).rstrip(",;:.") + "…").caption))


def _draw_volume(ax: Axes, data: TimelineData) -> None:
    """Articles per day as bars stacked by outlet, the outlets named in a legend."""
    from matplotlib.dates import date2num
    from matplotlib.ticker import MaxNLocator

    days = date2num(data.days)
    below = [0] * len(data.days)
    for outlet, counts in data.volume.items():
        label = drawable(outlet.lstrip("_")) or "unnamed outlet"  # a legend label starting "_" is hidden
        ax.bar(days, counts, bottom=below, width=0.8, label=label[:30], linewidth=0)
        below = [b + c for b, c in zip(below, counts, strict=True)]
    ax.yaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
    ax.set_ylabel("articles/day")
    title = "Articles drawn on, per day by outlet"
    if data.earlier:
        title += f" ({data.earlier} earlier article(s) not shown)"
    ax.set_title(title, loc="left", fontsize=7.5, fontweight="bold")
    ax.legend(fontsize=6, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.05))  # beside: hides no bar
    for side in ("right", "top"):
        ax.spines[side].set_visible(False)
