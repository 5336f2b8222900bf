"""What Pydantic does with fields a client should not send, or should not see.

Three request models for the same body: `extra="allow"` keeps an unexpected
`role` and hands it to the database (mass assignment); the default, "ignore",
drops it silently; "forbid" answers 422 and tells the client.
"""

from typing import Literal

from fastapi import FastAPI
from pydantic import BaseModel, ConfigDict

Extra = Literal["allow", "ignore", "forbid"]


# --8<-- [start:models]
class StrictInput(BaseModel):
    """Base for every request model: `extra` is per class, nested models included."""

    model_config = ConfigDict(extra="forbid")


class UserRow(BaseModel):
    id: int
    email: str
    display_name: str | None = None
    role: str = "member"
    password_hash: str = "$argon2id$v=19$stand-in"  # noqa: S105 (not a credential)


def profile_update(extra: Extra) -> type[BaseModel]:
    class ProfileUpdate(BaseModel):
        model_config = ConfigDict(extra=extra)
        email: str
        display_name: str | None = None

    return ProfileUpdate


class UserOut(BaseModel):
    id: int
    email: str
    display_name: str | None
    role: str


# --8<-- [end:models]


class Unparsable(BaseModel):
    detail: str


# FastAPI answers a body it cannot even decode (not UTF-8) with 400 and
# {"detail": ...} before any model runs; the OpenAPI document says so.
UNPARSABLE: dict[int | str, dict[str, object]] = {
    400: {"model": Unparsable, "description": "The body could not be parsed"}
}


# --8<-- [start:app]
def create_app(extra: Extra, *, response_model: bool) -> FastAPI:
    app = FastAPI()
    state = {"row": UserRow(id=1, email="ada@example.com", display_name="Ada")}
    ProfileUpdate = profile_update(extra)

    @app.patch(
        "/me",
        response_model=UserOut if response_model else None,
        responses=UNPARSABLE,
    )
    def update_me(body: ProfileUpdate) -> dict:  # type: ignore[valid-type]
        # VULNERABLE with extra="allow": every key the client sent lands in the row.
        # exclude_unset: a field the client left out keeps its value (PATCH), and
        # model_validate checks the merged row (model_copy(update=) would not).
        changes = body.model_dump(exclude_unset=True)
        state["row"] = UserRow.model_validate({**state["row"].model_dump(), **changes})
        return state["row"].model_dump()

    return app


# --8<-- [end:app]
