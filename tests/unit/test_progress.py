"""Progress of long work: a bar on a terminal, plain lines elsewhere (cron, CI, a pipe), nothing when silenced."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from tqdm import tqdm

from briefing.api.progress import Lines, clock_time, progress_line, show_progress
from tests.conftest import ROOT
from tests.servers import fixture_web

TIME = r"(\d+:)?\d+:\d\d"
LINE = re.compile(rf"^ingest: (\d[\d,]*)/(\d[\d,]*) articles? \((\d+)%\), {TIME} elapsed(, ~{TIME} left)?$")


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(0, "0:00"), (9.9, "0:09"), (130, "2:10"), (3599, "59:59"), (3723, "1:02:03"), (-1, "0:00")],
)
def test_clock_time(seconds: float, shown: str) -> None:
    assert clock_time(seconds) == shown


@pytest.mark.parametrize(
    ("done", "total", "elapsed", "line"),
    [
        (1200, 3808, 130, "ingest: 1,200/3,808 articles (31%), 2:10 elapsed, ~4:42 left"),
        (0, 3808, 5, "ingest: 0/3,808 articles (0%), 0:05 elapsed"),
        (3808, 3808, 612, "ingest: 3,808/3,808 articles (100%), 10:12 elapsed"),
        (0, 1, 5, "ingest: 0/1 article (0%), 0:05 elapsed"),
        (0, 0, 0, "ingest: 0/0 articles (100%), 0:00 elapsed"),
    ],
)
def test_progress_line(done: int, total: int, elapsed: float, line: str) -> None:
    assert progress_line("ingest", done, total, "article", elapsed) == line


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_lines_come_every_so_many_seconds_and_quiet_work_stays_quiet() -> None:
    clock, out = Clock(), io.StringIO()
    with Lines(10, "ingest", "article", out, every=0, clock=clock) as quiet_check:  # every step at 0
        quiet_check.update(2)
    assert out.getvalue() == "ingest: 2/10 articles (20%), 0:00 elapsed, ~0:00 left\n"

    out = io.StringIO()
    lines = Lines(10, "ingest", "article", out, every=5, clock=clock)  # not entered: no heartbeat thread
    lines.update(3)
    clock.now += 4
    lines.tick()
    assert out.getvalue() == ""  # not yet 5 seconds
    clock.now += 1
    lines.update(1)
    clock.now += 5
    lines.tick()  # the heartbeat, when no step ended for 5 seconds
    clock.now += 2
    lines.update(6)  # 2 s after the last line: none
    lines.__exit__(None, None, None)  # the closing line, as something was written
    assert out.getvalue().splitlines() == [
        "ingest: 4/10 articles (40%), 0:05 elapsed, ~0:07 left",
        "ingest: 4/10 articles (40%), 0:10 elapsed, ~0:15 left",
        "ingest: 10/10 articles (100%), 0:12 elapsed",
    ]

    out = io.StringIO()
    with Lines(10, "ingest", "article", out, every=5, clock=clock) as short:
        short.update(10)
    assert out.getvalue() == ""  # a run shorter than the interval writes nothing


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_the_bar_a_pipe_the_lines_and_no_progress_nothing() -> None:
    term = Terminal()
    with show_progress(4, label="ingest", unit="article", show=True, every=0, stream=term) as bar:
        assert isinstance(bar, tqdm)
        bar.update(4)
    assert "\r" in term.getvalue() and "4/4" in term.getvalue() and "ingest: " not in term.getvalue().splitlines()[0]

    pipe = io.StringIO()
    with show_progress(4, label="ingest", unit="article", show=True, every=0, stream=pipe) as lines:
        assert isinstance(lines, Lines)
        lines.update(4)
    assert pipe.getvalue() == "ingest: 4/4 articles (100%), 0:00 elapsed\n"

    for stream in (Terminal(), io.StringIO()):
        with show_progress(4, label="ingest", unit="article", show=False, every=0, stream=stream) as silent:
            silent.update(4)
        assert stream.getvalue() == ""


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("BRIEFING_")},
        "BRIEFING_STORE_DIR": str(tmp_path / "store"),
        "BRIEFING_EMBEDDER": "words",
        "BRIEFING_PROGRESS_EVERY": "0",  # a line at each step: no timing in the test
    }


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "briefing.cli", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, cwd=ROOT)


def _ingest(tmp_path: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    records = tmp_path / "news.jsonl"
    text = "The port of {n} closed on Monday after dockers walked out over pay. Talks resume on Friday. " * 20
    with records.open("w") as out:
        for n in range(12):
            out.write(json.dumps({"id": str(n), "title": f"Port {n}", "text": text.format(n=n)}) + "\n")
    env = {**_env(tmp_path), "BRIEFING_BATCH_CHARS": "4000"}  # about two articles a batch
    return _run(env, "ingest", *flags, str(records))


def test_ingest_under_a_pipe_prints_plain_progress_lines(tmp_path: Path) -> None:
    done = _ingest(tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) >= 3, done.stderr
    assert all(LINE.match(line) for line in lines), done.stderr
    counts = [int(LINE.match(line)[1]) for line in lines]  # type: ignore[index]
    assert counts == sorted(counts) and counts[-1] == 12
    assert lines[-1].startswith("ingest: 12/12 articles (100%), ")
    assert "\r" not in done.stderr and "12 added" in done.stdout


def test_no_progress_silences_the_lines(tmp_path: Path) -> None:
    done = _ingest(tmp_path, "--no-progress")
    assert done.returncode == 0, done.stderr
    assert done.stderr == "" and "12 added" in done.stdout


FETCH_LINE = re.compile(rf"^fetch: (\d)/2 feeds \((\d+)%\), {TIME} elapsed(, ~{TIME} left)?$")


def test_fetch_under_a_pipe_prints_progress_over_the_feeds_and_their_ingest(tmp_path: Path) -> None:
    env = {**_env(tmp_path), "BRIEFING_ALLOW_PRIVATE_URLS": "1", "BRIEFING_FETCH_DELAY": "0"}
    with fixture_web() as site:
        for feed in ("feed.xml", "atom.xml"):
            assert _run(env, "feeds", "add", f"{site.base}/{feed}").returncode == 0
        done = _run(env, "fetch")
        assert done.returncode == 0, done.stderr
        fetched = [line for line in done.stderr.splitlines() if line.startswith("fetch: ")]
        assert [FETCH_LINE.match(line)[1] for line in fetched] == ["1", "2"], done.stderr  # type: ignore[index]
        assert fetched[-1].startswith("fetch: 2/2 feeds (100%), ")
        assert [line for line in done.stderr.splitlines() if LINE.match(line)], done.stderr  # each ingest's own
        site.feed_version = 2
        quiet = _run(env, "fetch", "--no-progress")
    assert quiet.returncode == 0 and "1 added" in quiet.stdout
    assert not [line for line in quiet.stderr.splitlines() if line.startswith(("fetch: ", "ingest: "))]


def test_watch_under_a_pipe_prints_the_rounds_progress_and_its_line(tmp_path: Path) -> None:
    env = {**_env(tmp_path), "BRIEFING_ALLOW_PRIVATE_URLS": "1", "BRIEFING_FETCH_DELAY": "0"}
    with fixture_web() as site:
        assert _run(env, "feeds", "add", f"{site.base}/feed.xml").returncode == 0
        done = _run(env, "watch", "--rounds", "1")
    assert done.returncode == 0, done.stderr
    assert "1 feeds, 5 new; brief kept" in done.stdout  # the round's one line
    assert "fetch: 1/1 feed (100%), " in done.stderr and "ingest: 5/5 articles (100%), " in done.stderr
