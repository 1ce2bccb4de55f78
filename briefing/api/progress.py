"""Progress of long work (ingest, and what goes through it): tqdm's bar on a terminal; elsewhere (cron, CI, a
pipe) a plain line every few seconds, as `ingest: 1,200/3,808 articles (31%), 2:10 elapsed, ~4:40 left`."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import IO, Protocol


class Counter(Protocol):
    """What long work reports its steps to: a bar, plain lines, or nothing."""

    def update(self, n: int = 1) -> object: ...


def clock_time(seconds: float) -> str:
    """`2:10`, or `1:02:03` past an hour (whole seconds, rounded down)."""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def progress_line(label: str, done: int, total: int, unit: str, elapsed: float) -> str:
    """One plain progress line; the time left is estimated from the rate so far, once there is one."""
    units = unit if total == 1 else f"{unit}s"
    share = int(100 * done / total) if total else 100
    line = f"{label}: {done:,}/{total:,} {units} ({share}%), {clock_time(elapsed)} elapsed"
    if 0 < done < total:
        line += f", ~{clock_time(elapsed * (total - done) / done)} left"
    return line


class Lines:
    """Plain progress lines on a stream: one when a step ends at least `every` seconds after the last line,
    and one from a heartbeat when nothing ended for that long (a batch can take minutes). Quiet work stays
    quiet: the closing line is written only when a line was written before it. `every=0` writes a line at
    each step and has no heartbeat."""

    def __init__(
        self,
        total: int,
        label: str,
        unit: str,
        stream: IO[str],
        every: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.total, self.label, self.unit, self.stream = total, label, unit, stream
        self.every, self.clock = every, clock
        self.done = 0
        self.start = self.last = clock()
        self.written = -1  # the count the last line showed; -1: none written
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        self.beat: threading.Thread | None = None

    def __enter__(self) -> Lines:
        if self.every > 0:
            self.beat = threading.Thread(target=self._beat, name="briefing-progress", daemon=True)
            self.beat.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopped.set()
        if self.beat is not None:
            self.beat.join()
        with self.lock:
            if self.written >= 0 and self.written != self.done:
                self._write()

    def update(self, n: int = 1) -> None:
        with self.lock:
            self.done += n
            if self.clock() - self.last >= self.every:
                self._write()

    def tick(self) -> None:
        """The heartbeat's check: a line when none was written for `every` seconds."""
        with self.lock:
            if self.clock() - self.last >= self.every:
                self._write()

    def _beat(self) -> None:
        while not self.stopped.wait(self.every):
            self.tick()

    def _write(self) -> None:
        now = self.clock()
        self.stream.write(progress_line(self.label, self.done, self.total, self.unit, now - self.start) + "\n")
        self.stream.flush()
        self.last, self.written = now, self.done


class _Silent:
    def __enter__(self) -> _Silent:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self, n: int = 1) -> None:
        return None


def show_progress(
    total: int, *, label: str, unit: str, show: bool, every: float, stream: IO[str] | None = None
) -> AbstractContextManager[Counter]:
    """A progress display for `total` steps on `stream` (default: standard error): tqdm's bar when the stream
    is a terminal, plain `Lines` when it is not, nothing when not `show`."""
    if not show:
        return _Silent()
    out = stream if stream is not None else sys.stderr
    if out.isatty():
        from tqdm import tqdm

        return tqdm(total=total, unit=unit, desc=label, file=out)
    return Lines(total, label, unit, out, every)
