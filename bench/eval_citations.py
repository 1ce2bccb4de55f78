"""Citation precision of topic briefs: does each cited sentence state the claim it is cited for?

A claim of a brief quotes its lead sentence and cites the best sentence of each further independent report
(`Claim.quoted`); `(N sources)` promises that N reports state it. This script makes the brief of each gold
story of a split (bench/gold/*.json, as bench/eval_brief.py does), and for every claim citing more than one
sentence pairs the lead with each other cited sentence. Pairs are judged by hand, once, and the judgements
kept in bench/gold/citations.json (`states`: the cited sentence states what the lead states — the same
event, figure or statement, not only the same topic). Printed: the judged pairs' precision (ALCE's
citation precision, over the second and further citations; a lead cites itself), the pairs not judged yet
(to judge: `--todo` writes them to a file to fill in), and the share of multi-source claims.

Disputes (status "compared") quote two sides on purpose and are not pairs.

    .venv/bin/python bench/eval_citations.py --store /tmp/news-store --split calibration [--todo FILE]
    .venv/bin/python bench/eval_citations.py --store /tmp/news-store --merge FILE   # add judged pairs
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

import briefing

GOLD = Path(__file__).resolve().parent / "gold"
JUDGED = GOLD / "citations.json"


def key(claim: str, cited: str) -> str:
    return hashlib.sha1(f"{claim}\n{cited}".encode()).hexdigest()[:16]


def pairs(brief: briefing.Brief, story: str, split: str) -> list[dict]:
    """The lead and each further cited sentence of every multi-source claim."""
    out = []
    for section in brief.sections:
        for claim in section.claims:
            if claim.status == "compared" or len(claim.quoted) < 2:
                continue
            lead = claim.quoted[0].text
            for quote in claim.quoted[1:]:
                item = {"story": story, "split": split, "part": section.title, "claim": lead, "cited": quote.text}
                out.append({"key": key(lead, quote.text), **item, "reports": claim.reports})
    return out


def load() -> dict[str, dict]:
    if not JUDGED.exists():
        return {}
    return {p["key"]: p for p in json.loads(JUDGED.read_text(encoding="utf-8"))["pairs"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="a store with bench/data/news.csv ingested")
    parser.add_argument("--split", choices=["calibration", "held_out"], default="calibration")
    parser.add_argument("--todo", type=Path, help="write the pairs not judged yet here, `states` to fill in")
    parser.add_argument("--merge", type=Path, help="add the judged pairs of this file to bench/gold/citations.json")
    args = parser.parse_args()
    judged = load()
    if args.merge:
        for p in json.loads(args.merge.read_text(encoding="utf-8")):
            if p.get("states") is not None:
                judged[p["key"]] = {k: p[k] for k in ("key", "split", "story", "claim", "cited", "states")}
        JUDGED.write_text(
            json.dumps({"pairs": sorted(judged.values(), key=lambda p: p["key"])}, indent=1, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
        print(f"{len(judged)} judged pairs in {JUDGED}")
        return
    rt = briefing.Runtime(briefing.Settings(store_dir=args.store, progress=False))
    stories = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))]
    stories = [s for s in stories if "topic" in s and s["split"] == args.split]
    found, claims, multi = [], 0, 0
    for gold in stories:
        brief = briefing.summarize(
            topic=gold["topic"], since=gold.get("since"), until=gold.get("until"), runtime=rt, keep=False
        )
        shown = [c for c in brief.claims if c.status != "compared"]
        claims += len(shown)
        multi += sum(c.reports > 1 for c in shown)
        found += pairs(brief, gold["topic"], args.split)
    known = [p for p in found if p["key"] in judged]
    todo = [p for p in found if p["key"] not in judged]
    right = sum(judged[p["key"]]["states"] for p in known)
    print(f"{args.split}: {len(stories)} briefs, {claims} claims, {multi} counted as multi-source")
    print(f"  citation pairs {len(found)}: judged {len(known)}, right {right}", end="")
    print(f", precision {right / len(known):.2f}" if known else "", end="")
    print(f"; {len(todo)} not judged yet")
    for p in known:
        if not judged[p["key"]]["states"]:
            print(f"  wrong [{p['part']}] {p['claim'][:90]!r}\n        cites {p['cited'][:90]!r}")
    if args.todo:
        args.todo.write_text(json.dumps([{**p, "states": None} for p in todo], indent=1, ensure_ascii=False) + "\n")
        print(f"  wrote {len(todo)} pairs to judge to {args.todo}")


if __name__ == "__main__":
    main()
