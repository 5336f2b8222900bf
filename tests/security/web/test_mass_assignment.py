"""Extra fields on the way in, hidden fields on the way out."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from examples.security.web.mass_assignment import create_app

ATTACK = {"email": "ada@example.org", "role": "admin", "id": 99}


def test_extra_allow_lets_the_client_set_role_and_id() -> None:
    with TestClient(create_app("allow", response_model=True)) as client:
        assert client.patch("/me", json=ATTACK).json() == {
            "id": 99,
            "email": "ada@example.org",
            "role": "admin",
        }


def test_extra_ignore_drops_the_fields_silently() -> None:
    with TestClient(create_app("ignore", response_model=True)) as client:
        response = client.patch("/me", json=ATTACK)
    assert response.status_code == 200
    assert response.json() == {"id": 1, "email": "ada@example.org", "role": "member"}


def test_extra_forbid_refuses_and_names_the_fields_and_writes_nothing() -> None:
    with TestClient(create_app("forbid", response_model=True)) as client:
        response = client.patch("/me", json=ATTACK)
        assert response.status_code == 422
        names = sorted(error["loc"][-1] for error in response.json()["detail"])
        assert names == ["id", "role"]
        after = client.patch("/me", json={"email": "ada@example.com"}).json()
    assert after == {"id": 1, "email": "ada@example.com", "role": "member"}


@pytest.mark.parametrize("response_model", [False, True])
def test_only_the_response_model_keeps_the_hash_out(response_model: bool) -> None:
    with TestClient(create_app("forbid", response_model=response_model)) as client:
        body = client.patch("/me", json={"email": "a@example.org"}).json()
    assert ("password_hash" in body) is not response_model


def test_a_missing_email_is_a_422() -> None:
    with TestClient(create_app("forbid", response_model=True)) as client:
        assert client.patch("/me", json={}).status_code == 422
