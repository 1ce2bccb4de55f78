from collections.abc import Iterator

import pytest

from tests.servers import CHROMIUM, CHROMIUM_ARGS, chroma_server


@pytest.fixture
def page(app: str):
    """A Chromium tab on the module's `app` (its URL), the page loaded."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport={"width": 1280, "height": 1000})
        tab.set_default_timeout(60_000)
        tab.goto(app, wait_until="domcontentloaded")
        tab.get_by_text("Engine:").wait_for()
        yield tab
        browser.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/integration/" in str(item.fspath):
            item.add_marker(pytest.mark.integration)


@pytest.fixture(scope="session")
def chroma_port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """A real `chroma run` server for the whole session; each test uses its own collection."""
    with chroma_server(tmp_path_factory.mktemp("chroma")) as port:
        yield port
