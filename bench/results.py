"""One table for `make bench`: each benchmark records its headline figures (with the limit they are read
against) in the JSON-lines file named by BENCH_RESULTS, when set; `python bench/results.py FILE` prints
them all as one table. A benchmark run on its own prints its own table only."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path


def record(bench: str, name: str, value: float, unit: str, limit: str = "") -> None:
    """Add one figure to the run's results (nothing happens when BENCH_RESULTS is not set)."""
    path = os.environ.get("BENCH_RESULTS")
    if path:
        row = {"bench": bench, "name": name, "value": value, "unit": unit, "limit": limit}
        with Path(path).open("a", encoding="utf-8") as out:
            out.write(json.dumps(row) + "\n")


def main(argv: list[str]) -> int:
    rows = [json.loads(line) for line in Path(argv[1]).read_text(encoding="utf-8").splitlines() if line.strip()]
    print(f"\n{'benchmark':14s} {'figure':52s} {'value':>12s}  limit (measured in the same run, or set)")
    for r in rows:
        value = f"{r['value']:.2f} {r['unit']}" if isinstance(r["value"], float) else f"{r['value']} {r['unit']}"
        print(f"{r['bench']:14s} {r['name'][:52]:52s} {value:>12s}  {r['limit']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
