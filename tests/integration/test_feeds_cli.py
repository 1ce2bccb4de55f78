"""Following a live situation as a user does it (issue 24's "done when"): `briefing feeds add`, `briefing
fetch`, `briefing brief --changes-since last`, each a real `briefing` process with the real MiniLM model,
against the local fixture web server."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.servers import FOREIGN, FixtureSite


def test_feeds_add_fetch_and_brief_what_changed(site: FixtureSite, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in FOREIGN and not k.startswith("BRIEFING_")}
    env |= {"BRIEFING_STORE_DIR": str(tmp_path / "store"), "BRIEFING_ENGINE": "extractive"}
    env |= {"BRIEFING_ALLOW_PRIVATE_URLS": "1", "BRIEFING_PROGRESS": "false"}

    def briefing(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "briefing.cli", *args], env=env, capture_output=True, text=True, timeout=600
        )
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
        return done.stdout

    assert "following" in briefing("feeds", "add", f"{site.base}/feed.xml")
    first = briefing("fetch")
    assert "5 added (5 items)" in first
    brief = briefing("brief")
    assert "Selwyn" in brief and "## Sources" in brief

    site.feed_version = 2  # the employers' new offer is published
    second = briefing("fetch")
    assert "1 added (6 items)" in second
    changed = briefing("brief", "--changes-since", "last")
    part = changed.split("## What changed since the last brief", 1)[1].split("\n## ", 1)[0]
    assert "4.5 percent" in part, changed  # the new article, and only it
    for old in ("walked out on Tuesday", "Ardmoor", "queue"):
        assert old not in part

    assert "not modified" in briefing("fetch")
    listed = briefing("feeds", "list")
    assert "last fetched" in listed and "0 new" in listed
    requests = site.headers_of("/feed.xml")
    assert "If-None-Match" in requests[-1] and "briefing/" in requests[-1]["User-Agent"]
