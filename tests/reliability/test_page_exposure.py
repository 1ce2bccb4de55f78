"""The page behind a login, in Debian's Chromium: a wrong password is refused and shows no app, the right
one gets in; the API key (a marker) is in none of the page's HTML, its config, its error messages or the
server's log, even after a question makes the `openai` engine fail."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import SEED
from tests.reliability.test_exposure import MARKER, marked_env
from tests.servers import CHROMIUM, CHROMIUM_ARGS, briefing_page, free_port

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed"),
]

USER, PASSWORD = "analyst", "correct-horse-battery-7"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    folder = tmp_path_factory.mktemp("login-page")
    env = marked_env(folder / "store", f"http://127.0.0.1:{free_port()}/v1")  # nothing listens there
    env["BRIEFING_AUTH"] = f"{USER}:{PASSWORD}"
    with briefing_page(folder, env, ingest=[SEED]) as url:
        yield url, folder / "serve.log"


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def test_login_and_the_key_never_shows(app: tuple[str, Path]) -> None:
    from playwright.sync_api import expect, sync_playwright

    url, log = app
    status, html = _get(url)
    assert status == 200 and MARKER not in html and PASSWORD not in html
    status, config = _get(url + "config")
    assert status == 401 and MARKER not in config  # nothing of the app without logging in
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.set_default_timeout(60_000)
        page.goto(url, wait_until="domcontentloaded")
        for user, password in ((USER, "wrong-password"), (USER, PASSWORD.upper()), ("admin", PASSWORD)):
            page.get_by_role("button", name="Login").wait_for()
            page.get_by_label("username").fill(user)
            page.get_by_label("password").fill(password)
            page.get_by_role("button", name="Login").click()
            expect(page.get_by_text("Incorrect Credentials")).to_be_visible(timeout=30_000)
            assert page.locator("#chatbot").count() == 0 and page.locator("#status").count() == 0
            page.reload(wait_until="domcontentloaded")
        page.get_by_role("button", name="Login").wait_for()
        page.get_by_label("username").fill(USER)
        page.get_by_label("password").fill(PASSWORD)
        page.get_by_role("button", name="Login").click()
        page.get_by_text("Engine:").wait_for()
        assert "openai" in page.locator("#status").inner_text()
        # a question makes the engine fail (nothing listens at OPENAI_BASE_URL): the message, not the key
        page.locator("#question textarea").fill("Where is Russia's 41st army stationed?")
        page.locator("#ask").click()
        page.locator("#chatbot").get_by_text("cannot reach").wait_for()
        logged_in_config = page.request.get(url + "config")
        assert logged_in_config.status == 200 and "components" in logged_in_config.text()
        shown = {"page": page.content(), "config": logged_in_config.text(), "chat": page.inner_text("#chatbot")}
        browser.close()
    shown["server log"] = log.read_text(encoding="utf-8", errors="replace")
    for where, text in shown.items():
        assert MARKER not in text and "sk-test-MARKER" not in text, f"the key shows in the {where}"
        assert PASSWORD not in text, f"the password shows in the {where}"
