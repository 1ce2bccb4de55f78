"""Evaluate topic briefs against gold timelines and facts written by hand for real stories of the news corpus.

Gold: bench/gold/*.json (events with their dates and keywords, `future` on those the articles announce for
after the corpus ends; key facts with keywords and figures; the story's articles; disputes (`disputed`), each
with `kind` `figure` (sources give different numbers; older gold has no `kind`) or `claim` (one party's claim
against another's denial), with who says what and where; reprints), each marked `calibration` or `held_out`.
For each story the brief on its topic (within its dates) is scored:

  timeline P/R  an entry of Timeline or Outlook matches a gold event when its date is within one day of the
                event's and at least half of the event's keywords are in its text
  date F1       Date-F1 of the timeline-summarization literature (Martschat & Markert 2017, `tilse`): the days
                of the Timeline and Outlook entries against the days of the gold events, exact days only
  align F1      alignment ROUGE-1 F1 (tilse's align+ m:1): each entry's day, with its entries' texts, is
                aligned to the gold day of least cost (date distance and word overlap with the events' `what`),
                and its ROUGE-1 hits are weighted by 1/(days apart + 1); see bench/timeline_metrics.py
  concat F1     ROUGE-1 F1 of all entries' texts against all events' `what`, dates ignored (the simple baseline)
  fact recall   a gold fact is recalled when a line of the brief holds its figures and at least 60 % of
                its keywords
  figures       figure recall: the share of the gold facts' figures that a line of the brief states beside
                another of its fact's keywords (a fact is often told over several lines: "four dead" in
                one, "31 in hospital" in another)
  on-story      share of the cited articles that belong to the story
  junk lines    lines that are datelines, handles or links, questions, bare pronouns, or a date as a figure
  copies        gold reprint pairs that the store put in one copy group
  disputes      lines shown under "Disputed or unconfirmed", and the gold disputes found among them
                ("found/gold"). A shown line matches one gold dispute at most: among those two of whose values
                come from articles the line cites (two values of one article count when that article is
                cited: a line may quote both sides from one report), the one with the most content words of
                its `what` (4+ letters, e.g. "civilians", "seats") in the line, at least one. Values are told
                by URL, so a line quoting a wire copy of a gold value's article is not matched. A line that
                matches none is not thereby false (the gold lists only the disputes its writer saw): false
                disputes are counted by reading `--disputes SPLIT`, which prints each line shown with the
                sources it cites.

Each table ends with the split's means (junk as lines per brief; copies not averaged).

`--tune` searches the brief's thresholds on the calibration stories only and reports both splits with
the values chosen; held-out figures are printed first. Needs a store of the corpus:

    .venv/bin/python bench/fetch_news.py
    BRIEFING_STORE_DIR=/tmp/news-store .venv/bin/briefing ingest bench/data/news.csv
    .venv/bin/python bench/eval_brief.py --store /tmp/news-store [--tune] [--split calibration] [--show held_out]
        [--disputes calibration]
"""

from __future__ import annotations

import argparse
import inspect
import itertools
import json
import re
import statistics
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from timeline_metrics import align_rouge1, concat_rouge1, date_f1, timeline

import briefing

try:
    from briefing.analysis import evidence, stories
except ImportError:  # an older briefing (PYTHONPATH=an old checkout), scored as a baseline: no thresholds
    evidence = stories = None  # type: ignore[assignment]

# The briefs scored are not kept in the store's history (the store is read, never written); an older
# briefing has no `keep`.
_NOT_KEPT: dict = {"keep": False} if "keep" in inspect.signature(briefing.summarize).parameters else {}
BENCH = Path(__file__).resolve().parent
GOLD = BENCH / "gold"
# The thresholds searched on the calibration stories (module, name, values).
GRID = (
    []
    if evidence is None
    else [
        (stories, "TOPIC_SHARE", [0.5, 0.6, 0.7]),
        (stories, "STORY", [0.5, 0.6, 0.7]),
        (evidence, "SAME", [0.65, 0.75]),
        (evidence, "CORROBORATION", [0.05, 0.1, 0.2]),
        (evidence, "LENGTH", [0.0, 0.004, 0.008]),
    ]
)
_JUNK = [
    ("dateline", lambda c: bool(_DATELINE.match(c.text))),
    ("handle or link", lambda c: bool(re.search(r"@\w{2,}|https?://|pic\.twitter", c.text))),
    ("question", lambda c: c.text.rstrip("”\"') ").endswith("?")),
    ("bare pronoun", lambda c: bool(re.match(r"^[\"“]?(He|She|They|It|This|These)\b", c.text))),
]
# Told apart here by the eval's own patterns, not the product's (which the eval is to judge).
_DATELINE = re.compile(
    r"^(?:[A-Z][\w .,'’-]{0,60}?\((?:CNN|AP|AFP|Reuters|dpa)\)|[A-Z][A-Z .,'’-]{2,40} [-—–]|\(\d\d\.\d\d\.\d{4}\)|"
    r"[A-Z][A-Z .-]+, \w+ \d{1,2}\. /TASS/)"
)
# A key figure's label that is a date, a time or a year is junk too (other parts are labelled with dates).
DISPUTED = "Disputed or unconfirmed"
_DATE_FIGURE = re.compile(r"[\d.,/: -]+|.*\b(19|20)\d\d\b.*|.*\b(am|pm|GMT)\b.*")


@dataclass
class Score:
    story: str
    split: str
    timeline_precision: float
    timeline_recall: float
    date_f1: float
    align_f1: float
    concat_f1: float
    fact_recall: float
    on_story: float
    junk: int
    lines: int
    copies: str
    seconds: float
    disputes: int = 0
    disputes_found: int = 0
    disputes_gold: int = 0
    figure_recall: float = 0.0

    @property
    def objective(self) -> float:
        f1 = _f1(self.timeline_precision, self.timeline_recall)
        return self.fact_recall + f1 + self.on_story - 0.1 * self.junk


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def has_keywords(text: str, keywords: list[str], share: float) -> bool:
    low = text.lower()
    found = sum(1 for k in keywords if k.lower() in low)
    return found >= max(1, round(share * len(keywords)))


def part(brief: briefing.Brief, title: str) -> list[briefing.Claim]:
    """A part's claims (read from the sections, as any version of the brief has them)."""
    return next((s.claims for s in brief.sections if s.title == title), [])


def disputes_found(shown: list[briefing.Claim], sources: list, gold: list[dict]) -> int:
    """How many gold disputes the shown lines match, each line matching one at most (the rule is in the
    module docstring)."""
    found: set[int] = set()
    for claim in shown:
        cited = {sources[n - 1].url for n in claim.citations if 0 < n <= len(sources)}
        best, best_words = -1, 0
        for i, dispute in enumerate(gold):
            what = {w for w in re.findall(r"[a-z]{4,}", dispute["what"].lower()) if w not in _NOT_WHAT}
            values = sum(1 for v in dispute["values"] if v.get("url") in cited)
            words = sum(1 for w in what if w in claim.text.lower())
            if values >= 2 and words > best_words:
                best, best_words = i, words
        if best >= 0:
            found.add(best)
    return len(found)


_NOT_WHAT = frozenset("with from that this which what when where whether their them they were have".split())


def print_disputes(story: str, brief: briefing.Brief) -> None:
    """Every dispute line a brief shows, with the sources it cites, to be read by hand."""
    print(f"\n## {story}: {len(part(brief, DISPUTED))} disputes shown")
    for claim in part(brief, DISPUTED):
        print(f"- {claim.markdown()}")
        for n in claim.citations:
            src = brief.sources[n - 1]
            print(f"    [{n}] {src.source}, {src.date} <{src.url}>")


def score(
    gold: dict, rt: briefing.Runtime, url_of: dict[str, str], show: bool = False, disputes: bool = False
) -> Score:
    start = time.perf_counter()
    result = briefing.summarize(
        topic=gold["topic"], since=gold.get("since"), until=gold.get("until"), runtime=rt, **_NOT_KEPT
    )
    seconds = time.perf_counter() - start
    if show:
        print(result.markdown)
    if disputes:
        print_disputes(gold["story"], result)
    dated = [c for c in part(result, "Timeline") + part(result, "Outlook / what to watch") if c.label]
    events = gold["events"]

    def matches(claim: briefing.Claim, event: dict) -> bool:
        day = (claim.label or "")[:10]
        try:
            near = abs((date.fromisoformat(day) - date.fromisoformat(event["date"])).days) <= 1
        except ValueError:
            return False
        return near and has_keywords(claim.text, event["keywords"], 0.5)

    precision = sum(any(matches(c, e) for e in events) for c in dated) / len(dated) if dated else 0.0
    recall = sum(any(matches(c, e) for c in dated) for e in events) / len(events)
    predicted = timeline((c.label or "", c.text) for c in dated)
    reference = timeline((e["date"], e["what"]) for e in events)
    lines = result.claims
    facts = gold["facts"]
    recalled = sum(
        any(has_keywords(c.text, f["keywords"], 0.6) and all(fig in c.text for fig in f["figures"]) for c in lines)
        for f in facts
    )
    told = [(fig, f) for f in facts for fig in f["figures"]]
    figures = sum(any(states_figure(c.text, fig, f["keywords"]) for c in lines) for fig, f in told)
    story = set(gold["articles"])
    cited = [s.url for s in result.sources]
    on_story = sum(u in story for u in cited) / len(cited) if cited else 0.0
    junk = sum(1 for c in lines for _, test in _JUNK if test(c))
    junk += sum(1 for c in part(result, "Key figures") if c.label and _DATE_FIGURE.fullmatch(c.label))
    pairs = [(a, b) for group in gold.get("copies", []) for a, b in itertools.combinations(group, 2)]
    together = sum(1 for a, b in pairs if url_of.get(a) and url_of.get(a) == url_of.get(b))
    return Score(
        gold["story"],
        gold["split"],
        precision,
        recall,
        date_f1(predicted, reference).f1,
        align_rouge1(predicted, reference).f1,
        concat_rouge1(predicted, reference).f1,
        recalled / len(facts),
        on_story,
        junk,
        len(lines),
        f"{together}/{len(pairs)}",
        seconds,
        len(part(result, DISPUTED)),
        disputes_found(part(result, DISPUTED), result.sources, gold.get("disputed", gold.get("disputes", []))),
        len(gold.get("disputed", gold.get("disputes", []))),
        figures / len(told) if told else 0.0,
    )


def states_figure(text: str, figure: str, keywords: list[str]) -> bool:
    """Whether a line states a gold figure (as a number of its own, not part of another) beside another
    keyword of its fact."""
    if not re.search(rf"(?<![\d.,]){re.escape(figure)}(?![\d]|[.,]\d)", text):
        return False
    return any(k.lower() in text.lower() for k in keywords if k != figure)


def copy_groups(rt: briefing.Runtime) -> dict[str, str]:
    """Each stored article's URL and copy group."""
    entries = rt.store.catalog.get(where={"status": "ready"}, include=["metadatas"])  # read as any version wrote it
    pairs = zip(entries["ids"], entries["metadatas"] or [], strict=True)
    return {str(m.get("url")): str(m.get("copy_of") or i) for i, m in pairs if m and m.get("url")}


def table(title: str, scores: list[Score]) -> None:
    print(f"\n{title}")
    head = [
        "timeline P",
        "R",
        "date F1",
        "align F1",
        "concat F1",
        "facts",
        "figures",
        "on-story",
        "junk",
        "copies",
        "s",
        "disputes",
    ]
    widths = [10, 5, 7, 8, 9, 6, 7, 8, 5, 7, 5, 8]
    print(f"  {'story':36s} " + " ".join(f"{h:>{w}s}" for h, w in zip(head, widths, strict=True)))
    for s in scores:
        print(
            f"  {s.story[:36]:36s} {s.timeline_precision:10.2f} {s.timeline_recall:5.2f} {s.date_f1:7.2f} "
            f"{s.align_f1:8.2f} {s.concat_f1:9.2f} {s.fact_recall:6.2f} {s.figure_recall:7.2f} "
            f"{s.on_story:8.2f} {s.junk:2d}/{s.lines:<2d} {s.copies:>7s} {s.seconds:5.2f} "
            f"{s.disputes:2d} {s.disputes_found}/{s.disputes_gold}"
        )
    if scores:

        def mean(name: str) -> float:
            return statistics.mean(getattr(s, name) for s in scores)

        print(
            f"  {'mean':36s} {mean('timeline_precision'):10.2f} {mean('timeline_recall'):5.2f} {mean('date_f1'):7.2f} "
            f"{mean('align_f1'):8.2f} {mean('concat_f1'):9.2f} {mean('fact_recall'):6.2f} "
            f"{mean('figure_recall'):7.2f} {mean('on_story'):8.2f} {mean('junk'):5.1f} {'':>7s} {mean('seconds'):5.2f} "
            f"{mean('disputes'):4.1f} {sum(s.disputes_found for s in scores)}/{sum(s.disputes_gold for s in scores)}"
        )


def run(
    stories: list[dict], rt: briefing.Runtime, url_of: dict[str, str], show: str | None, disputes: str | None = None
) -> list[Score]:
    return [score(g, rt, url_of, show == g["split"], disputes == g["split"]) for g in stories]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="a store with bench/data/news.csv ingested")
    parser.add_argument("--tune", action="store_true", help="search the thresholds on the calibration stories")
    parser.add_argument("--show", choices=["calibration", "held_out"], help="print the briefs of this split")
    parser.add_argument(
        "--disputes", choices=["calibration", "held_out"], help="print every dispute shown in this split's briefs"
    )
    parser.add_argument(
        "--split", choices=["calibration", "held_out"], help="score this split only (tune without seeing held-out)"
    )
    parser.add_argument("--words", type=int, help="the briefs' word budget (default: the product's)")
    args = parser.parse_args()
    if args.words:
        _NOT_KEPT["words"] = args.words
    rt = briefing.Runtime(briefing.Settings(store_dir=args.store, progress=False))
    stories = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))]
    stories = [s for s in stories if "topic" in s]  # questions.json (eval_answers) is not a story
    calibration = [g for g in stories if g["split"] == "calibration"]
    held_out = [g for g in stories if g["split"] == "held_out"]
    url_of = copy_groups(rt)
    run(calibration[:1], rt, url_of, None)  # warm up the model and the store
    if args.tune:
        best: tuple[float, tuple] | None = None
        for values in itertools.product(*(v for _, _, v in GRID)):
            for (module, name, _), value in zip(GRID, values, strict=True):
                setattr(module, name, value)
            objective = statistics.mean(s.objective for s in run(calibration, rt, url_of, None))
            if best is None or objective > best[0]:
                best = (objective, values)
        assert best is not None
        for (module, name, _), value in zip(GRID, best[1], strict=True):
            setattr(module, name, value)
        chosen = ", ".join(f"{name}={v}" for (_, name, _), v in zip(GRID, best[1], strict=True))
        print(f"chosen on the calibration stories: {chosen} (objective {best[0]:.3f})")
    else:
        print("thresholds: " + ", ".join(f"{name}={getattr(module, name)}" for module, name, _ in GRID) or "(none)")
    if args.split != "calibration":
        table("held-out (never tuned on)", run(held_out, rt, url_of, args.show, args.disputes))
    if args.split != "held_out":
        table("calibration", run(calibration, rt, url_of, args.show, args.disputes))


if __name__ == "__main__":
    main()
