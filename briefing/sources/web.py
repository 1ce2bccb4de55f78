"""Polite fetching of feeds and article pages: httpx, one request at a time per host with a delay, conditional
GET, robots.txt for pages, timeouts, a size cap on the decoded bytes, redirects re-checked at every hop, and
only public http(s) addresses (unless private ones are allowed)."""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from briefing.errors import BriefingError

MAX_REDIRECTS = 5
ROBOTS_BYTES = 500_000


def _version() -> str:
    try:
        return version("briefing")
    except PackageNotFoundError:  # run from a checkout
        return "0"


USER_AGENT = f"briefing/{_version()} (feed reader for situation briefs; +https://pypi.org/project/briefing/)"


class FetchError(BriefingError):
    """A URL could not be fetched; the message says why (shown in reports as it is), `status` the server's
    answer when it gave an error."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Page:
    """What a GET brought: the final URL (after redirects), status, content type, body, and the validators a
    conditional GET sends back next time. A 304 has no body."""

    url: str
    status: int
    content_type: str = ""
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def text(self) -> str:
        """The body as text, in the charset the content type names (else UTF-8)."""
        charset = self.content_type.partition("charset=")[2].split(";", 1)[0].strip().strip('"') or "utf-8"
        try:
            return self.body.decode(charset, errors="replace")
        except LookupError:  # a charset Python does not know
            return self.body.decode("utf-8", errors="replace")


def check_url(url: str, allow_private: bool, resolve: Callable[[str], list[str]] | None = None) -> str:
    """The URL, if it may be fetched: http(s) only, with a host whose addresses are all public (unless
    `allow_private`).

    Raises:
        FetchError: Another scheme, no host, a host that does not resolve, or a private, loopback,
            link-local or reserved address.
    """
    try:
        parts = urlsplit(url.strip())
        _ = parts.port
    except ValueError as exc:
        raise FetchError(f"not a URL ({exc})") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(f"only http(s) URLs are fetched, not {parts.scheme or 'a URL without a scheme'}:")
    if not parts.hostname:
        raise FetchError("the URL has no host")
    if allow_private:
        return url.strip()
    try:
        addresses = (resolve or _addresses)(parts.hostname)
    except OSError as exc:
        raise FetchError(f"host {parts.hostname} not found ({exc})") from None
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if not ip.is_global or ip.is_multicast:
            msg = (
                f"{parts.hostname} is a private or local address ({ip}): not fetched "
                "(set BRIEFING_ALLOW_PRIVATE_URLS=1 to fetch from your own network)"
            )
            raise FetchError(msg)
    return url.strip()


def _addresses(host: str) -> list[str]:
    return [str(info[4][0]) for info in socket.getaddrinfo(host, None)]


class Fetcher:
    """GETs one URL at a time, waiting `delay` seconds between requests to the same host."""

    def __init__(
        self,
        *,
        timeout: float = 20.0,
        max_bytes: int = 10_000_000,
        delay: float = 1.0,
        allow_private: bool = False,
        transport: httpx.BaseTransport | None = None,
        resolve: Callable[[str], list[str]] | None = None,
    ) -> None:
        """`transport` and `resolve` (a host's addresses, for the private-address check) are for tests."""
        self.max_bytes = max_bytes
        self.delay = delay
        self.allow_private = allow_private
        self._resolve = resolve
        self._last: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser | None] = {}
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout),
            follow_redirects=False,  # each hop is checked here
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
            transport=transport,
            trust_env=False,  # no proxy from the environment: the addresses checked are the ones reached
        )
        self._timeout = timeout

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        modified: str | None = None,
        robots: bool = False,
        limit: int | None = None,
    ) -> Page:
        """GET `url` (conditionally when `etag`/`modified` are given), following at most MAX_REDIRECTS.

        Raises:
            FetchError: The URL may not be fetched, robots.txt disallows it (`robots`), the server does not
                answer in time, answers with an error, redirects too often, or sends more than `limit`
                (default `max_bytes`).
        """
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            check_url(current, self.allow_private, self._resolve)
            if robots and not self._allowed(current):
                raise FetchError("robots.txt of the site disallows fetching it")
            got = self._get_once(current, headers, limit or self.max_bytes)
            if isinstance(got, Page):
                return got
            current = urljoin(current, got)
        raise FetchError(f"more than {MAX_REDIRECTS} redirects")

    def _wait(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            pause = last + self.delay - time.monotonic()
            if pause > 0:
                time.sleep(pause)
        self._last[host] = time.monotonic()

    def _get_once(self, url: str, headers: dict[str, str], limit: int) -> Page | str:
        """The page, or where a redirect points."""
        self._wait(urlsplit(url).netloc.lower())
        deadline = time.monotonic() + self._timeout * 3  # a server trickling bytes is cut off too
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                status = response.status_code
                if status in (301, 302, 303, 307, 308) and response.headers.get("location"):
                    return str(response.headers["location"])
                if status == 304:
                    return Page(url, status, etag=headers.get("If-None-Match"))
                if status >= 400:
                    raise FetchError(f"the server answered {status} {response.reason_phrase}".rstrip(), status)
                size = response.headers.get("content-length", "")
                if size.isdigit() and int(size) > limit:
                    raise FetchError(f"too large ({int(size):,} bytes, at most {limit:,}): not read")
                body = bytearray()
                for part in response.iter_bytes():  # decoded: a gzip bomb is cut at max_bytes too
                    body += part
                    if len(body) > limit:
                        raise FetchError(f"too large (more than {limit:,} bytes): not read further")
                    if time.monotonic() > deadline:
                        raise FetchError("the server sends too slowly: gave up")
                page = Page(
                    url=str(response.url),
                    status=status,
                    content_type=response.headers.get("content-type", ""),
                    body=bytes(body),
                    etag=response.headers.get("etag"),
                    last_modified=response.headers.get("last-modified"),
                )
                return page
        except httpx.TimeoutException:
            raise FetchError(f"no answer within {self._timeout:g} s") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"could not fetch it ({type(exc).__name__}: {exc})") from None

    def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        if site not in self._robots:
            self._robots[site] = self._read_robots(site)
        rules = self._robots[site]
        return rules is None or rules.can_fetch(USER_AGENT, url)

    def _read_robots(self, site: str) -> RobotFileParser | None:
        """The site's robots.txt rules; None (all allowed) when it has none or it cannot be read. A robots.txt
        that needs a login (401, 403) disallows everything, as urllib's own reader takes it."""
        try:
            page = self.get(f"{site}/robots.txt", limit=ROBOTS_BYTES)
        except FetchError as exc:
            if exc.status in (401, 403):
                rules = RobotFileParser()
                rules.parse(["User-agent: *", "Disallow: /"])
                return rules
            return None
        rules = RobotFileParser()
        rules.parse(page.body.decode("utf-8", errors="replace").splitlines())
        return rules
