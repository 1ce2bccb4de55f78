"""Evaluate answers against questions labelled by hand over the news corpus (bench/gold/questions.json).

Each question has a type (who, how_many, when, where, what, multi, unanswerable), the fact a right answer
states (its keywords) and the articles that hold it, and a split: `calibration` (120; two earlier held-out
sets of 40 joined it, each after being reported once) or `held_out` (n41-n80, written later, blind to the
engine, never tuned on). Printed per split, held-out first:

  answer accuracy    the answer states the fact: at least half its keywords in one cited sentence (a quote
                     of the article it cites); a multi-part question must state each part's
  abstention P/R     of the questions the engine declined, the share the corpus does not answer; of those
                     it does not answer, the share declined
  retrieval R@1/@5   the rank of the first passage from an article holding the fact, for the vector ranking
                     alone, the keyword ranking alone, and the two fused
  baseline           the same questions with question-aware selection off (fused retrieval, relevance alone)
  known item         each of 200 articles looked up by its title: R@1, R@5 and MRR of the article, for each
                     retrieval and for the engine (`briefing.ask` with the title; its first cited source),
                     the engine's top-1 printed beside plain dense top-1 of the same run

  short answer       the question's gold `span` (the short answer as the quote words it) is in the answer's lead,
                     the bold short answer it opens with (`Answer.lead`); a date also counts when the lead's
                     resolved day is the span's. Calibration items of type who, how_many, when and where
                     carry a `span` written by hand from their answer and quote

A further split, `held_out2` (n81-n130, written blind), adds `span` to its 20 answerable questions and, on
unanswerable items, `kind` (`near_miss`: a detail a covered story lacks; `off_store`: a subject the corpus
lacks); `--held-out2` runs it alone, once, to report: answerable right with the span in the lead, near misses
declined, off-store questions declined.
bench/gold/known_items.json holds 200 fixed known-item queries (the title, or 3-5 of its words), made by
bench/gold/make_known_items.py.

`--tune` runs the calibration split alone and lists its misses (the held-out split stays unseen while
tuning); `--calibrate` chooses the engine's question-aware constants (`extractive.SUPPLIES`, `COVERAGE`) on
the calibration split; `--retrieval` prints retrieval recall alone, over every question (retrieval is
not tuned on them), and the known-item check, to compare two stores; `--known-only` the known-item check
alone (`--known-sample N` draws another sample, to develop on, keeping the reported one, 11, unseen). Needs
a store of the corpus:

    BRIEFING_STORE_DIR=/tmp/news-store .venv/bin/briefing ingest bench/data/news.csv
    .venv/bin/python bench/eval_answers.py --store /tmp/news-store [--tune] [--calibrate] [--show held_out]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
from dataclasses import dataclass
from pathlib import Path

import numpy as np

import briefing
from briefing.engines import extractive
from briefing.store.search import keyword_hits, search
from briefing.text.dates import dates_in

BENCH = Path(__file__).resolve().parent
GOLD = BENCH / "gold" / "questions.json"
REPORTED = 11  # the seed of the known-item sample that is reported


@dataclass
class Row:
    question: dict
    right: bool
    abstained: bool
    ranks: dict[str, int | None]  # first rank (0-based) of a gold article, per retrieval
    short: bool | None = None  # the gold span is in the answer's lead (None: the question has no span)
    led: bool = False  # the answer leads with a short answer


def stated(answer: briefing.Answer, fact: dict) -> bool:
    """The answer states the fact (at least half its keywords) in a cited sentence: a quote of the source
    it cites (or a sentence the check found that source to support), so that source holds the fact. The
    gold lists only some of the articles that state a fact, so the citation need not be one of them."""
    return any(
        claim.citations and sum(k.lower() in claim.text.lower() for k in fact["keywords"]) * 2 >= len(fact["keywords"])
        for claim in answer.claims
    )


def _plain(text: str) -> str:
    return " ".join("".join(ch if ch.isalnum() or ch in "$%.,-" else " " for ch in text.lower()).split())


def in_lead(answer: briefing.Answer, span: str) -> bool:
    """The gold span is in the short answer the answer leads with (any side of a disagreement counts only
    when it is the first), as words, or as the day a date lead resolves to."""
    if answer.abstained or not answer.leads:
        return False
    lead = answer.leads[0]
    if _plain(span) in _plain(lead.span):
        return True
    day = lead.day or next(iter(dates_in(lead.span, answer.sources[0].date if answer.sources else None)), None)
    reference = day or (answer.sources[0].date if answer.sources else None)
    return bool(day) and day in dates_in(span, reference)


def first_rank(passages: list, urls: set[str]) -> int | None:
    return next((n for n, p in enumerate(passages) if p.url in urls), None)


def ranks(rt: briefing.Runtime, question: str, urls: set[str]) -> dict[str, int | None]:
    vector = np.asarray(rt.embedder.embed_query(question))
    return {
        "dense": first_rank(rt.store.query(vector, 20).passages, urls),
        "keyword": first_rank(keyword_hits(rt.store, rt.keywords, question, 20, None).passages, urls),
        "fused": first_rank(search(rt.store, question, vector, 20, keywords=rt.keywords).passages, urls),
    }


def facts_of(item: dict) -> list[dict]:
    """What a right answer must state: each part of a multi-part question, or the question's one fact."""
    return item.get("parts") or ([item] if item["type"] != "unanswerable" else [])


def recall(found: list[int | None]) -> tuple[float, float]:
    """Recall at 1 and at 5 of first ranks (None: not found)."""
    return (
        sum(x is not None and x < 1 for x in found) / len(found),
        sum(x is not None and x < 5 for x in found) / len(found),
    )


def evaluate(rt: briefing.Runtime, items: list[dict], show: bool, retrieval: bool = True) -> list[Row]:
    rows = []
    for item in items:
        answer = briefing.ask(item["question"], runtime=rt)
        if show:
            print(f"\n[{item['id']} {item['type']}] {item['question']}\n{answer.text[:600]}")
        facts = facts_of(item)
        # a declined answer may quote what the sources hold nearest to the question: it is still no answer
        right = not answer.abstained and all(stated(answer, f) for f in facts) if facts else answer.abstained
        urls = {u for f in facts for u in f["urls"]}
        short = in_lead(answer, item["span"]) if item.get("span") else None
        if show and item.get("span"):
            print(f"  lead: {answer.lead() or '-'} | gold span: {item['span']} | {'ok' if short else 'MISS'}")
        found = ranks(rt, item["question"], urls) if urls and retrieval else {}
        rows.append(Row(item, right, answer.abstained, found, short, bool(answer.leads)))
    return rows


def report(title: str, rows: list[Row]) -> None:
    answerable = [r for r in rows if r.question["type"] != "unanswerable"]
    declined = [r for r in rows if r.abstained]
    missing = [r for r in rows if r.question["type"] == "unanswerable"]
    print(f"\n{title}: {len(rows)} questions")
    by_type: dict[str, list[Row]] = {}
    for r in rows:
        by_type.setdefault(r.question["type"], []).append(r)
    print("  answer accuracy: " + ", ".join(f"{t} {sum(r.right for r in rs)}/{len(rs)}" for t, rs in by_type.items()))
    print(f"  answerable right: {sum(r.right for r in answerable)}/{len(answerable)}")
    spanned = [r for r in rows if r.short is not None]
    if spanned:
        both = sum(bool(r.short and r.right) for r in spanned)
        print(f"  short answer: span in the lead {sum(bool(r.short) for r in spanned)}/{len(spanned)} ", end="")
        led = sum(r.led for r in spanned)
        print(f"(and the answer right {both}/{len(spanned)}); {led} of them answered with a lead")
    precision = sum(r.question["type"] == "unanswerable" for r in declined) / len(declined) if declined else 0.0
    declined_share = sum(r.abstained for r in missing) / len(missing) if missing else 0.0
    print(f"  abstention: precision {precision:.2f} ({len(declined)} declined), recall {declined_share:.2f}")
    for method in ("dense", "keyword", "fused") if any(r.ranks for r in answerable) else ():
        at1, at5 = recall([r.ranks.get(method) for r in answerable])
        print(f"  retrieval {method:7s} R@1 {at1:.2f}  R@5 {at5:.2f}")


def known_items(rt: briefing.Runtime, n: int = 200, seed: int = REPORTED) -> None:
    """Each sampled article looked up by its title: where retrieval ranks it (dense alone, keywords alone,
    fused), and whether `briefing.ask` with the title cites it first (`engine`; a declined lookup misses)."""
    entries = [a for a in briefing.list_articles(runtime=rt) if a.title and a.url]
    sample = random.Random(seed).sample(entries, min(n, len(entries)))
    if seed != REPORTED:  # a development sample holds none of the reported sample's articles
        reported = {a.url for a in random.Random(REPORTED).sample(entries, min(n, len(entries)))}
        sample = [a for a in sample if a.url not in reported]
    results: dict[str, list[int | None]] = {"dense": [], "keyword": [], "fused": [], "engine": []}
    declined = 0
    for article in sample:
        for method, rank in ranks(rt, article.title, {article.url}).items():
            results[method].append(rank)
        answer = briefing.ask(article.title, runtime=rt)
        declined += answer.abstained
        results["engine"].append(first_rank(answer.sources, {article.url}))
    print(f"\nknown item ({len(sample)} articles, title as the query, sample {seed}):")
    for method, found in results.items():
        mrr = statistics.mean(1 / (x + 1) if x is not None else 0.0 for x in found)
        at1, at5 = recall(found)
        print(f"  {method:7s} R@1 {at1:.2f}  R@5 {at5:.2f}  MRR {mrr:.2f}")
    print(f"  engine top-1 (first cited source) {recall(results['engine'])[0]:.2f} beside plain dense top-1 ", end="")
    print(f"{recall(results['dense'])[0]:.2f} in this run; {declined} of {len(sample)} lookups declined")


def held_out2(rt: briefing.Runtime, items: list[dict], show: bool) -> None:
    """The held_out2 split: answerable questions right with their span in the lead; near-miss and
    off-store questions declined."""
    rows = evaluate(rt, items, show, retrieval=False)
    print(constants(rt))
    report("held_out2 (written blind, never tuned on)", rows)
    answerable = [r for r in rows if r.question["type"] != "unanswerable"]
    print(
        f"  answerable right with the span in the lead: {sum(bool(r.right and r.short) for r in answerable)}/", end=""
    )
    print(f"{len(answerable)} (span in the lead {sum(bool(r.short) for r in answerable)}/{len(answerable)})")
    for kind in ("near_miss", "off_store"):
        mine = [r for r in rows if r.question.get("kind") == kind]
        print(f"  {kind} declined: {sum(r.abstained for r in mine)}/{len(mine)}")


def plateau_middle(scores: dict[float, int], step: float) -> float:
    """The middle of the widest run of best-scoring values: a choice off a cliff's edge."""
    top = max(scores.values())
    runs: list[list[float]] = []
    for value, n in scores.items():
        if n == top and runs and round(runs[-1][-1] + step, 4) == value:
            runs[-1].append(value)
        elif n == top:
            runs.append([value])
    widest = max(runs, key=len)
    return widest[len(widest) // 2]


def calibrate(rt: briefing.Runtime, items: list[dict]) -> tuple[float, float, float]:
    """The engine's constants that decide the calibration questions best (answered right or declined
    right), one after the other: `extractive.SUPPLIES`, the bonus of a sentence that states what was asked;
    `extractive.COVERAGE`, the share of the question's words (weighed by rarity) an answering article
    uses; and the relevance below which the engine declines (`BRIEFING_MIN_RELEVANCE`)."""
    engine = rt.engine
    targets = {"SUPPLIES": extractive, "COVERAGE": extractive, "min_relevance": engine}
    sweeps = (("SUPPLIES", 0.0, 0.151, 0.025), ("COVERAGE", 0.0, 0.801, 0.1), ("min_relevance", 0.35, 0.601, 0.025))
    for name, start, stop, step in sweeps:
        scores = {}
        for value in np.round(np.arange(start, stop, step), 4):
            setattr(targets[name], name, float(value))
            scores[float(value)] = sum(r.right for r in evaluate(rt, items, False, retrieval=False))
        print(
            f"  {name} on the calibration split (value: right): " + ", ".join(f"{v:g}: {n}" for v, n in scores.items())
        )
        setattr(targets[name], name, plateau_middle(scores, step))
    return extractive.SUPPLIES, extractive.COVERAGE, getattr(engine, "min_relevance", 0.0)


def constants(rt: briefing.Runtime) -> str:
    relevance = getattr(rt.engine, "min_relevance", "-")
    return f"min_relevance {relevance}, SUPPLIES {extractive.SUPPLIES}, COVERAGE {extractive.COVERAGE}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="a store with bench/data/news.csv ingested")
    parser.add_argument(
        "--calibrate",
        action="store_true",
        help="choose extractive.SUPPLIES, COVERAGE and min_relevance on the calibration split",
    )
    parser.add_argument(
        "--show", choices=["calibration", "held_out", "held_out2"], help="print the answers of this split"
    )
    parser.add_argument("--tune", action="store_true", help="the calibration split alone, its misses listed")
    parser.add_argument(
        "--retrieval", action="store_true", help="retrieval recall alone (every question, and known items)"
    )
    parser.add_argument(
        "--known-sample",
        type=int,
        default=REPORTED,
        help="the seed of the known-item sample (11 is the one reported; develop on another)",
    )
    parser.add_argument("--known-only", action="store_true", help="the known-item check alone")
    parser.add_argument("--held-out2", action="store_true", help="the held_out2 split alone (n81-n130), to report once")
    args = parser.parse_args()
    rt = briefing.Runtime(briefing.Settings(store_dir=args.store, progress=False))
    items = json.loads(GOLD.read_text(encoding="utf-8"))["questions"]
    if args.known_only:
        known_items(rt, seed=args.known_sample)
        return
    if args.retrieval:  # no answers: retrieval is not tuned, so every question counts
        rows = []
        for item in items:
            urls = {u for f in facts_of(item) for u in f["urls"]}
            if urls:
                rows.append(Row(item, False, False, ranks(rt, item["question"], urls)))
        print(f"retrieval over all {len(rows)} answerable questions:")
        for method in ("dense", "keyword", "fused"):
            at1, at5 = recall([r.ranks[method] for r in rows])
            print(f"  {method:7s} R@1 {at1:.2f}  R@5 {at5:.2f}")
        known_items(rt, seed=args.known_sample)
        return
    if args.held_out2:
        held_out2(rt, [q for q in items if q["split"] == "held_out2"], args.show == "held_out2")
        return
    calibration = [q for q in items if q["split"] == "calibration"]
    held_out = [q for q in items if q["split"] == "held_out"]
    if args.tune:  # while tuning, the held-out split stays unseen
        if args.calibrate:
            print(f"SUPPLIES, COVERAGE, min_relevance chosen on the calibration split: {calibrate(rt, calibration)}")
        print(constants(rt))
        rows = evaluate(rt, calibration, args.show == "calibration")
        report("calibration", rows)
        print("  missed: " + " ".join(r.question["id"] for r in rows if not r.right))
        return
    if args.calibrate:
        print(f"SUPPLIES, COVERAGE, min_relevance chosen on the calibration split: {calibrate(rt, calibration)}")
    print(constants(rt))
    report("held-out (never tuned on)", evaluate(rt, held_out, args.show == "held_out"))
    report("calibration", evaluate(rt, calibration, args.show == "calibration"))
    extractive.QUESTION_AWARE = False  # the same retrieval, sentences chosen by relevance alone
    print("\nwithout question-aware selection (fused retrieval, relevance alone):")
    for name, split in (("held-out", held_out), ("calibration", calibration)):
        rows = evaluate(rt, split, False)
        answerable = [r for r in rows if r.question["type"] != "unanswerable"]
        declined = sum(r.abstained for r in rows if r.question["type"] == "unanswerable")
        print(f"  {name}: answerable right {sum(r.right for r in answerable)}/{len(answerable)}, ", end="")
        print(f"unanswerable declined {declined}/{len(rows) - len(answerable)}")
    extractive.QUESTION_AWARE = True
    known_items(rt, seed=args.known_sample)


if __name__ == "__main__":
    main()
