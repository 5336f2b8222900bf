"""Extra fields on the way in, hidden fields on the way out."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel, ValidationError

from examples.security.web.mass_assignment import (
    StrictInput,
    UserOut,
    UserRow,
    create_app,
)

ATTACK = {"email": "ada@example.org", "role": "admin", "id": 99}


def test_extra_allow_lets_the_client_set_role_and_id() -> None:
    with TestClient(create_app("allow", response_model=True)) as client:
        assert client.patch("/me", json=ATTACK).json() == {
            "id": 99,
            "email": "ada@example.org",
            "display_name": "Ada",
            "role": "admin",
        }


def test_extra_ignore_drops_the_fields_silently() -> None:
    with TestClient(create_app("ignore", response_model=True)) as client:
        response = client.patch("/me", json=ATTACK)
    assert response.status_code == 200
    assert response.json() == {
        "id": 1,
        "email": "ada@example.org",
        "display_name": "Ada",
        "role": "member",
    }


def test_extra_forbid_refuses_and_names_the_fields_and_writes_nothing() -> None:
    with TestClient(create_app("forbid", response_model=True)) as client:
        response = client.patch("/me", json=ATTACK)
        assert response.status_code == 422
        names = sorted(error["loc"][-1] for error in response.json()["detail"])
        assert names == ["id", "role"]
        after = client.patch("/me", json={"email": "ada@example.com"}).json()
    assert after == {
        "id": 1,
        "email": "ada@example.com",
        "display_name": "Ada",
        "role": "member",
    }


@pytest.mark.parametrize("response_model", [False, True])
def test_only_the_response_model_keeps_the_hash_out(response_model: bool) -> None:
    with TestClient(create_app("forbid", response_model=response_model)) as client:
        body = client.patch("/me", json={"email": "a@example.org"}).json()
    assert ("password_hash" in body) is not response_model


def test_a_missing_email_is_a_422() -> None:
    with TestClient(create_app("forbid", response_model=True)) as client:
        assert client.patch("/me", json={}).status_code == 422


def test_a_patch_keeps_the_fields_it_did_not_send() -> None:
    with TestClient(create_app("forbid", response_model=True)) as client:
        renamed = client.patch("/me", json={"email": "a@example.org"}).json()
        assert renamed["display_name"] == "Ada"  # not reset to the default, None
        cleared = client.patch(
            "/me", json={"email": "a@example.org", "display_name": None}
        )
        assert cleared.json()["display_name"] is None  # sent explicitly: applied


def test_the_merged_row_is_validated_even_when_extras_slip_through() -> None:
    # model_copy(update=...) would store the string; model_validate refuses it.
    app = create_app("allow", response_model=False)
    with TestClient(app) as client, pytest.raises(ValidationError, match="id"):
        client.patch("/me", json={"email": "a@example.org", "id": "not-an-int"})


def test_forbid_does_not_reach_a_nested_model_unless_it_inherits_it() -> None:
    class LoosePrefs(BaseModel):
        newsletter: bool = False

    class StrictPrefs(StrictInput):
        newsletter: bool = False

    class Update(StrictInput):
        loose: LoosePrefs | None = None
        strict: StrictPrefs | None = None

    sneaky = {"newsletter": True, "role": "admin"}
    assert Update.model_validate({"loose": sneaky}).loose == LoosePrefs(newsletter=True)
    with pytest.raises(ValidationError, match=r"strict\.role"):
        Update.model_validate({"strict": sneaky})


def test_a_return_annotation_filters_like_a_response_model() -> None:
    app = FastAPI()
    row = UserRow(id=1, email="ada@example.com")

    @app.get("/me")
    def me() -> UserOut:  # FastAPI 0.89+ uses this as the response model
        return row  # type: ignore[return-value]

    with TestClient(app) as client:
        assert "password_hash" not in client.get("/me").json()
