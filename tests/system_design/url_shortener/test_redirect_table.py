"""The page's redirect table says what the running service really sends, row by row."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient

from tests.support.example_files import DOCS_DIR
from tests.system_design.url_shortener.conftest import MovableClock

PAGE = DOCS_DIR / "system-design" / "url-shortener" / "index.md"
HEADER = "| Link | Status | `Cache-Control` | A browser keeps it | A CDN keeps it |"


def table_rows() -> list[list[str]]:
    lines = PAGE.read_text(encoding="utf-8").splitlines()
    start = lines.index(HEADER) + 2  # past the header and its rule
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip().strip("`") for cell in line.strip("|").split("|")])
    return rows


def responses_for(kind: str, client: TestClient, clock: MovableClock) -> list:
    """Every way the page's row `kind` can happen, as the service answers it."""

    def created(**options: object) -> str:
        body = {"url": "https://example.com/x", **options}
        return client.post("/links", json=body).json()["code"]

    def follow(code: str):
        return client.get(f"/{code}", follow_redirects=False)

    if kind == "tracked (the default)":
        return [follow(created())]
    if kind == "tracked, expiring in 30 s":
        return [follow(created(expires_in_seconds=30))]
    if kind == "permanent":
        return [follow(created(permanent=True))]
    if kind == "unknown, deleted or expired code":
        deleted = created()
        follow(deleted)  # cached first, so the delete must reach the cache
        client.delete(f"/links/{deleted}")
        expired = created(expires_in_seconds=5)
        follow(expired)
        clock.now += timedelta(seconds=5)
        return [follow("zzzzzzz"), follow(deleted), follow(expired)]
    raise AssertionError(f"the page has a row no test checks: {kind!r}")


def test_every_row_matches_what_the_service_sends(client: TestClient, clock: MovableClock) -> None:
    rows = table_rows()
    assert len(rows) == 4
    for kind, status, cache_control, *_ in rows:
        for response in responses_for(kind, client, clock):
            assert f"{response.status_code} {response.reason_phrase}" == status, kind
            assert response.headers["cache-control"] == cache_control, kind
            if response.status_code in (301, 302):
                assert response.headers["location"] == "https://example.com/x"


def test_the_browser_and_cdn_columns_follow_from_the_header() -> None:
    """private: no CDN; public: CDN too; no-store: nobody (RFC 9111, 5.2.2)."""
    for _kind, _status, cache_control, browser, cdn in table_rows():
        directives = {d.strip() for d in cache_control.split(",")}
        if "no-store" in directives:
            assert (browser, cdn) == ("no", "no")
        elif "private" in directives:
            assert cdn == "no" and browser != "no"
        else:
            assert "public" in directives and cdn != "no" and browser != "no"
