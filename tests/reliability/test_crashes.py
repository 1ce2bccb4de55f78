"""Crashes at any point: a real `briefing` process SIGKILLed at 13 points of an ingest, a replacement, a
`forget` and the keyword index rebuild; then the next normal `briefing ingest` of the same input must leave
exactly what the same steps leave without the kill. 13 kill points, 0 articles lost.

Input: the seed article (21 chunks of 200 characters) and tests/data/port_strike.jsonl (10 articles, one
story reprinted twice: a copy group of three), written one article per write group.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import briefing
from briefing.cli import cli
from briefing.store.keywords import KeywordIndex
from tests.reliability.crashing import ROOT, contents, env, problems, run, run_killed, runtime

SEEDS = str(ROOT / "seeds")
DATA = ROOT / "tests" / "data" / "port_strike.jsonl"
INGEST = ["ingest", SEEDS, str(DATA)]
LEADER = "2874a6a802"  # "Dockers strike at Port Selwyn", first of the copy group (ids are content hashes)
PLAIN = "68b9908337"  # "Ships queue outside Selwyn as strike goes on", in no group


def edited(folder: Path) -> str:
    """port_strike.jsonl with the copy group's first article edited (same URL: it replaces the old one)."""
    lines = DATA.read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    assert first["title"] == "Dockers strike at Port Selwyn"
    first["text"] = first["text"].replace("3 percent", "4 percent")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "port_strike.jsonl").write_text("\n".join([json.dumps(first), *lines[1:]]) + "\n", encoding="utf-8")
    return str(folder / "port_strike.jsonl")


def kill(owner: str, method: str, n: int, when: str, **extra: Any) -> dict[str, Any]:
    return {"owner": owner, "method": method, "n": n, "when": when, **extra}


# name: (steps before, the killed command, where it dies). `EDITED` stands for the edited input.
POINTS: dict[str, tuple[list[list[str]], list[str], dict[str, Any]]] = {
    "before any write": ([], INGEST, kill("Store", "begin", 1, "before")),
    "after begin: entries pending, no chunks": ([], INGEST, kill("Store", "begin", 1, "after")),
    "between chunk upserts (6 of 21 chunks landed)": (
        [],
        INGEST,
        kill("Collection", "upsert", 4, "before", collection="briefing", page=2),
    ),
    "after chunks, before sentences": ([], INGEST, kill("Store", "_upsert", 4, "before")),
    "after sentences, before commit": ([], INGEST, kill("Store", "commit", 2, "before")),
    "in commit: replaced article deleted, new one not ready": (
        [INGEST],
        ["ingest", SEEDS, "EDITED"],
        kill("Store", "delete", 1, "after", match="'"),
    ),
    "in a replacement: old chunks deleted, its sentences not": (
        [INGEST],
        ["ingest", SEEDS, "EDITED"],
        kill("Collection", "delete", 1, "before", collection="briefing-quotable"),
    ),
    "forget: chunks deleted, sentences and entry not": (
        [INGEST],
        ["forget", PLAIN],
        kill("Collection", "delete", 1, "after", collection="briefing"),
    ),
    "forget of a group's first article: copy groups half renamed": (
        [INGEST],
        ["forget", LEADER],
        kill("Collection", "update", 1, "after", collection="briefing-articles", match="copy_of"),
    ),
    "keyword index: store complete, index not rebuilt": ([], INGEST, kill("KeywordIndex", "catch_up", 1, "before")),
    "keyword index: old one moved aside, new one not in place": (
        [["ingest", SEEDS]],
        INGEST,
        kill("Path", "rename", 2, "before"),
    ),
    "writer thread busy with a batch queued behind it": ([], INGEST, kill("Store", "commit", 1, "before", queued="")),
    "in the repair of an earlier crash": (
        [kill("Collection", "upsert", 4, "before", collection="briefing", page=2, argv=INGEST)],
        INGEST,
        kill("Collection", "delete", 1, "after", collection="briefing"),
    ),
}

_references: dict[str, dict[str, Any]] = {}


def steps_of(name: str, edit: str) -> tuple[list[Any], list[str], dict[str, Any]]:
    before, killed, plan = POINTS[name]
    swap = [edit if a == "EDITED" else a for a in killed]
    return before, swap, {**plan, "argv": swap}


def reference(name: str, tmp_path: Path, edit: str) -> dict[str, Any]:
    """What the same steps leave without any kill (built in this process, once per list of steps)."""
    before, killed, _ = steps_of(name, edit)
    commands = [s["argv"] if isinstance(s, dict) else s for s in before] + [killed, INGEST]
    key = json.dumps([[a.replace(edit, "EDITED") for a in c] for c in commands])
    if key not in _references:
        store = tmp_path / "reference"
        for command in commands:
            done = CliRunner().invoke(cli, command, env=env(store), catch_exceptions=False)
            assert done.exit_code == 0, done.output
        _references[key] = contents(runtime(store).store)
    return _references[key]


@pytest.mark.parametrize("name", list(POINTS))
def test_a_kill_at_any_point_is_completed_by_the_next_ingest(name: str, tmp_path: Path) -> None:
    """After the kill, `briefing ingest` of the same input leaves exactly the catalog entries, chunks, sentences
    and copy groups of the same steps without a kill: no duplicates, no orphans, nothing pending, 0 lost."""
    edit = edited(tmp_path / "edited")
    store = tmp_path / "store"
    before, _, plan = steps_of(name, edit)
    for step in before:
        run_killed(store, step) if isinstance(step, dict) else run(store, *step)
    if "queued" in plan:
        plan["queued"] = str(tmp_path / "queued")
    run_killed(store, plan)
    if "queued" in plan:
        assert Path(plan["queued"]).exists(), "the writer had no batch queued when the process died"

    run(store, *INGEST)

    rt = runtime(store)
    held = contents(rt.store)
    assert problems(held) == []
    assert held == reference(name, tmp_path, edit)
    assert len(held["catalog"]) == 11  # every article of the input: 0 lost
    folder = rt.keywords.folder
    assert sorted(p.name for p in folder.parent.iterdir()) == [folder.name]  # no .tmp/.old left behind
    index = KeywordIndex(folder)
    assert index.in_step(rt.store.revision()) and sorted(index.ids) == sorted(held["chunks"])
    assert index.search("dockers strike Port Selwyn", 3)
    answer = briefing.ask("Why did the dockers at Port Selwyn strike?", runtime=rt)  # fake vectors: it may abstain
    assert answer.question and (answer.sources or answer.abstained)
