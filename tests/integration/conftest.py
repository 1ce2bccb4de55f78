from collections.abc import Iterator

import pytest

from tests.servers import chroma_server


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/integration/" in str(item.fspath):
            item.add_marker(pytest.mark.integration)


@pytest.fixture(scope="session")
def chroma_port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """A real `chroma run` server for the whole session; each test uses its own collection."""
    with chroma_server(tmp_path_factory.mktemp("chroma")) as port:
        yield port
