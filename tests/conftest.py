"""Suite-wide ordering."""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Playwright's sync API keeps an event loop running on the main thread while a
    # browser is open, which would break asyncio.run() in any test after it.
    # Browser tests therefore run last.
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
