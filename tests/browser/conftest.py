"""Fixtures for the real-browser tests: Chromium pages that refuse, and record, every
request to any host but this machine (the built site itself comes from tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Route, sync_playwright

from tests.support.chromium import HOW_TO_GET_ONE, LAUNCH_ARGS, find_chromium
from tests.support.ci import running_under_ci

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    executable = find_chromium()
    if executable is None:
        message = f"No Chromium found: {HOW_TO_GET_ONE}."
        if running_under_ci():
            pytest.fail(message + " Under CI a missing browser is a failure.", pytrace=False)
        pytest.skip(message)
    return executable


# Per module, not per session: Playwright's sync API runs an event loop on this
# thread while it is open, and asyncio.run() in a later test would find it.
@pytest.fixture(scope="module")
def browser(chromium_executable: str) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_executable, args=LAUNCH_ARGS, headless=True)
        yield browser
        browser.close()


@dataclass
class PageWatch:
    """What a page did that it should not: requests off this machine, script errors."""

    external_requests: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return (
            [f"external request: {url}" for url in self.external_requests]
            + [f"page error: {error}" for error in self.page_errors]
            + [f"console error: {error}" for error in self.console_errors]
        )


@pytest.fixture
def watched_page(browser: Browser) -> Iterator[tuple[Page, PageWatch]]:
    context = browser.new_context()
    watch = PageWatch()

    def is_external(url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in {"http", "https", "ws", "wss"} and parts.hostname not in LOOPBACK_HOSTS

    def block_other_hosts(route: Route) -> None:
        if is_external(route.request.url):
            route.abort()
        else:
            route.continue_()

    def record(url: str) -> None:
        if is_external(url) and url not in watch.external_requests:
            watch.external_requests.append(url)

    context.route("**/*", block_other_hosts)
    # Also hears requests that routing may not see (workers, websockets).
    context.on("request", lambda request: record(request.url))
    page = context.new_page()
    page.on("websocket", lambda socket: record(socket.url))
    page.on("pageerror", lambda error: watch.page_errors.append(str(error)))
    page.on("console", lambda message: watch.console_errors.append(message.text) if message.type == "error" else None)
    yield page, watch
    context.close()
