"""v1/v2 of one resource: headers while deprecated, 410 after sunset."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

import pytest
from fastapi.testclient import TestClient

from examples.apis.contracts.versioned_app import (
    DEPRECATED_AT,
    SUNSET_AT,
    create_app,
    deprecation_headers,
)
from examples.apis.rest.problem_details import PROBLEM_JSON


def client_at(when: datetime) -> TestClient:
    return TestClient(create_app(clock=lambda: when))


def test_v2_renames_the_field_and_v1_keeps_the_old_name() -> None:
    with client_at(DEPRECATED_AT - timedelta(days=1)) as client:
        v1 = client.get("/v1/orders/o1").json()
        v2 = client.get("/v2/orders/o1").json()
    assert v1["customer"] == v2["customer_id"] == "c7"
    assert "customer_id" not in v1 and "customer" not in v2


def test_no_deprecation_headers_before_the_deprecation_date() -> None:
    with client_at(DEPRECATED_AT - timedelta(seconds=1)) as client:
        headers = client.get("/v1/orders/o1").headers
    assert "deprecation" not in headers and "sunset" not in headers


def test_deprecated_v1_carries_rfc_9745_and_rfc_8594_headers() -> None:
    with client_at(DEPRECATED_AT) as client:
        response = client.get("/v1/orders/o1")
    assert response.status_code == 200
    deprecation = response.headers["deprecation"]
    assert deprecation.startswith("@") and deprecation[1:].isdigit()
    assert datetime.fromtimestamp(int(deprecation[1:]), UTC) == DEPRECATED_AT
    assert parsedate_to_datetime(response.headers["sunset"]) == SUNSET_AT
    assert response.headers["sunset"].endswith(" GMT")
    assert 'rel="deprecation"' in response.headers["link"]
    assert 'rel="sunset"' in response.headers["link"]


def test_v2_never_carries_deprecation_headers() -> None:
    with client_at(DEPRECATED_AT + timedelta(days=30)) as client:
        headers = client.get("/v2/orders/o1").headers
    assert "deprecation" not in headers and "sunset" not in headers


@pytest.mark.parametrize("after", [timedelta(0), timedelta(days=400)])
def test_v1_is_gone_from_the_sunset_on(after: timedelta) -> None:
    with client_at(SUNSET_AT + after) as client:
        response = client.get("/v1/orders/o1")
        assert client.get("/v2/orders/o1").status_code == 200
    assert response.status_code == 410
    assert response.headers["content-type"] == PROBLEM_JSON
    assert response.json()["type"].endswith("/version-retired")
    assert 'rel="deprecation"' in response.headers["link"]


def test_v1_still_serves_one_second_before_the_sunset() -> None:
    with client_at(SUNSET_AT - timedelta(seconds=1)) as client:
        assert client.get("/v1/orders/o1").status_code == 200


def test_unknown_order_is_a_problem_404_in_both_versions() -> None:
    with client_at(DEPRECATED_AT) as client:
        for version in ("v1", "v2"):
            response = client.get(f"/{version}/orders/nope")
            assert response.status_code == 404
            assert response.headers["content-type"] == PROBLEM_JSON


def test_v1_view_does_not_edit_the_shared_store() -> None:
    with client_at(DEPRECATED_AT) as client:
        client.get("/v1/orders/o1")
        assert "customer_id" in client.get("/v2/orders/o1").json()


def test_sunset_header_is_an_http_date_for_any_instant() -> None:
    when = datetime(2030, 2, 3, 4, 5, 6, tzinfo=UTC)
    headers = deprecation_headers(DEPRECATED_AT, when)
    assert headers["Sunset"] == "Sun, 03 Feb 2030 04:05:06 GMT"


def test_a_sunset_before_the_deprecation_is_refused() -> None:
    # RFC 9745 section 4: the Sunset MUST NOT be earlier than the Deprecation.
    with pytest.raises(ValueError, match="before the deprecation"):
        deprecation_headers(SUNSET_AT, DEPRECATED_AT)
    same_day = deprecation_headers(SUNSET_AT, SUNSET_AT)  # equal is allowed
    assert same_day["Deprecation"] == f"@{int(SUNSET_AT.timestamp())}"


@pytest.mark.parametrize("naive", ["deprecated", "sunset"])
def test_naive_datetimes_are_refused(naive: str) -> None:
    # A naive datetime's timestamp() is local time: a Deprecation hours off.
    times = {"deprecated": DEPRECATED_AT, "sunset": SUNSET_AT}
    times[naive] = times[naive].replace(tzinfo=None)
    with pytest.raises(ValueError, match="aware"):
        deprecation_headers(times["deprecated"], times["sunset"])


def test_a_sunset_in_another_zone_is_sent_in_gmt() -> None:
    paris = timezone(timedelta(hours=2))
    headers = deprecation_headers(DEPRECATED_AT, datetime(2026, 7, 1, 2, tzinfo=paris))
    assert headers["Sunset"] == "Wed, 01 Jul 2026 00:00:00 GMT"
