"""The two stand-in mail APIs: one that answers, one that never does."""

from __future__ import annotations

import pytest
import requests

from examples.craft.review.mail_stub import mail_api, silent_mail_api


def test_it_answers_with_the_status_and_keeps_the_bodies() -> None:
    with mail_api(503) as api:
        response = requests.post(api.url, json={"to": "a@example.com"}, timeout=5)
    assert response.status_code == 503
    assert api.received == [{"to": "a@example.com"}]


def test_it_stops_listening_when_the_block_ends() -> None:
    with mail_api() as api:
        url = api.url
    with pytest.raises(requests.ConnectionError):
        requests.post(url, json={}, timeout=5)


@pytest.mark.parametrize("status", [99, 600])
def test_a_status_outside_http_is_refused(status: int) -> None:
    with pytest.raises(ValueError, match="status must be 200-599"), mail_api(status):
        pass


def test_the_silent_api_accepts_the_connection_and_never_answers() -> None:
    with silent_mail_api() as url, pytest.raises(requests.ReadTimeout):
        requests.post(url, json={}, timeout=(5, 0.1))  # connected; no answer
