"""Notes with a version column: ETags for caching and for optimistic concurrency.

GET sends a strong ETag made from the row's version. If-None-Match that still
matches gets 304 and no body. PUT must carry If-Match (428 without it, when the
app requires it); a stale tag gets 412, so the second of two writers cannot
silently overwrite the first.
"""

from __future__ import annotations

import re

from fastapi import FastAPI, Header, HTTPException, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from examples.apis.rest.problem_details import (
    ProblemError,
    install_problem_handlers,
    problem_responses,
)


class NoteIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(max_length=1000)


# --8<-- [start:compare]
def etag_of(note_id: str, version: int) -> str:
    return f'"{note_id}-{version}"'  # strong: a new version on every write


TAG = r'(?:W/)?"[^"]*"'  # RFC 9110 8.8.3: no space after W/, no quote inside
TAG_LIST = re.compile(rf"\s*{TAG}\s*(?:,\s*{TAG}\s*)*")


def listed_tags(header: str) -> list[str]:
    """["*"], or the entity-tags of the list; [] for anything malformed."""
    if header.strip() == "*":  # "*" stands alone, never inside a list
        return ["*"]
    return re.findall(TAG, header) if TAG_LIST.fullmatch(header) else []


def none_match(header: str, current: str) -> bool:
    """RFC 9110 13.1.2: weak comparison, so W/"a" matches "a"."""
    tags = [tag.removeprefix("W/") for tag in listed_tags(header)]
    return "*" not in tags and current not in tags


def any_match(header: str, current: str) -> bool:
    """RFC 9110 13.1.1: strong comparison, so a weak tag never matches."""
    tags = listed_tags(header)
    return "*" in tags or current in tags


# --8<-- [end:compare]


class Note(BaseModel):
    id: str
    text: str


# What the OpenAPI document says each route answers, so a client (and a
# schemathesis run) knows 304, 404, 412 and 428 before meeting them.
def _header(description: str) -> dict[str, object]:
    return {"description": description, "schema": {"type": "string"}, "required": True}


TAGGED = {
    "ETag": _header("The note's current entity-tag"),
    "Cache-Control": _header("no-cache: revalidate before every use"),
}
READ_RESPONSES: dict[int | str, dict[str, object]] = {
    200: {"model": Note, "headers": TAGGED},
    304: {
        "description": "If-None-Match matched: your copy is current",
        "headers": TAGGED,
    },
    **problem_responses({404: "No note has this id"}),
}
WRITE_RESPONSES: dict[int | str, dict[str, object]] = {
    200: {"headers": {"ETag": _header("The entity-tag of the new version")}},
    **problem_responses(
        {
            404: "No note has this id",
            412: "If-Match or If-None-Match no longer holds",
            428: "Neither If-Match nor If-None-Match was sent",
        }
    ),
}


# --8<-- [start:app]
# Caches may keep the note but must ask first: every use is a conditional GET.
REVALIDATE = {"Cache-Control": "no-cache"}


def create_app(*, require_if_match: bool = True) -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)
    notes: dict[str, dict[str, object]] = {"n1": {"text": "buy milk", "version": 1}}

    def current(note_id: str) -> tuple[dict[str, object], str]:
        if note_id not in notes:
            raise HTTPException(404, f"no note {note_id!r}")
        note = notes[note_id]
        return note, etag_of(note_id, int(str(note["version"])))

    @app.get("/notes/{note_id}", response_model=None, responses=READ_RESPONSES)
    async def read(note_id: str, if_none_match: str | None = Header(None)) -> Response:
        note, etag = current(note_id)
        headers = {"ETag": etag, **REVALIDATE}  # a 304 repeats both (RFC 9110 15.4.5)
        if if_none_match is not None and not none_match(if_none_match, etag):
            return Response(status_code=304, headers=headers)  # no body
        return JSONResponse({"id": note_id, "text": note["text"]}, headers=headers)

    @app.put("/notes/{note_id}", responses=WRITE_RESPONSES)
    async def replace(  # async: runs on the event loop, never two at once
        note_id: str,
        body: NoteIn,
        response: Response,
        if_match: str | None = Header(None),
        if_none_match: str | None = Header(None),
    ) -> Note:
        note, etag = current(note_id)
        if if_match is None and if_none_match is None and require_if_match:
            raise ProblemError(
                428, "precondition-required", "Precondition required",
                "Send If-Match with the ETag you last read.",
            )  # fmt: skip
        # RFC 9110 13.2.2 order: If-Match first, then If-None-Match; on a PUT
        # a false one is 412 (If-None-Match: * means "only if it does not exist").
        if (if_match is not None and not any_match(if_match, etag)) or (
            if_none_match is not None and not none_match(if_none_match, etag)
        ):
            raise ProblemError(
                412, "stale-etag", "Precondition failed",
                "Your If-Match or If-None-Match no longer holds; GET the note again.",
            )  # fmt: skip
        # No await between the check and the write, and a plain def would run in
        # a thread pool where two requests interleave. With a database, do both
        # in one statement: UPDATE ... WHERE id = %s AND version = %s.
        note["text"] = body.text
        note["version"] = int(str(note["version"])) + 1
        response.headers["ETag"] = etag_of(note_id, int(str(note["version"])))
        return Note(id=note_id, text=body.text)

    return app


# --8<-- [end:app]
