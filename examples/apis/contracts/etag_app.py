"""Notes with a version column: ETags for caching and for optimistic concurrency.

GET and HEAD send a strong ETag made from the row's version. If-None-Match that
still matches gets 304 and no body. PUT must carry If-Match (428 without it,
when the app requires it); a stale tag gets 412, so the second of two writers
cannot silently overwrite the first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fastapi import FastAPI, HTTPException, Request, Response
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


# RFC 9110 8.8.3: W/ with no space after it, then quotes around visible ASCII
# other than the quote (or obs-text): no spaces, no control characters.
TAG = r'(?:W/)?"[\x21\x23-\x7e\x80-\xff]*"'
# One list element and its comma. The tag is optional because recipients must
# ignore empty elements (section 5.6.1.2): '"a", , "b",' lists two tags.
ELEMENT = re.compile(rf"[ \t]*(?:({TAG})[ \t]*)?(?:,|\Z)")


def listed_tags(header: str) -> list[str]:
    """["*"], or the entity-tags of the list; [] for anything malformed."""
    if header.strip(" \t") == "*":  # "*" stands alone, never inside a list
        return ["*"]
    tags: list[str] = []
    at = 0
    while at < len(header):
        element = ELEMENT.match(header, at)
        if element is None:
            return []  # not a tag, or a "*" among tags: nothing matches
        if element[1]:
            tags.append(element[1])
        at = element.end()
    return tags


def none_match(header: str, current: str) -> bool:
    """RFC 9110 13.1.2: weak comparison, so W/"a" matches "a"."""
    tags = [tag.removeprefix("W/") for tag in listed_tags(header)]
    return "*" not in tags and current not in tags


def any_match(header: str, current: str) -> bool:
    """RFC 9110 13.1.1: strong comparison, so a weak tag never matches."""
    tags = listed_tags(header)
    return "*" in tags or current in tags


def field(request: Request, name: str) -> str | None:
    """Every line of a header as one list (RFC 9110 5.3), or None if absent."""
    lines = request.headers.getlist(name)
    return ", ".join(lines) if lines else None


# --8<-- [end:compare]


class Note(BaseModel):
    id: str
    text: str


@dataclass
class StoredNote:
    text: str
    version: int  # every write adds 1; the ETag is made from it


# What the OpenAPI document says each route takes and answers, so a client (and
# a schemathesis run) knows 304, 404, 412 and 428 before meeting them. The
# handlers read the two headers themselves, every line of each (`field`).
def _header(description: str) -> dict[str, object]:
    return {"description": description, "schema": {"type": "string"}, "required": True}


CONDITIONS = {
    "parameters": [
        {"name": name, "in": "header", "required": False, "schema": {"type": "string"}}
        for name in ("If-Match", "If-None-Match")
    ]
}
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
    **problem_responses(
        {404: "No note has this id", 412: "If-Match does not hold any more"}
    ),
}
WRITE_RESPONSES: dict[int | str, dict[str, object]] = {
    204: {"description": "Saved; no ETag (RFC 9110 9.3.4), so GET for the new one"},
    **problem_responses(
        {
            404: "No note has this id",
            412: "If-Match or If-None-Match no longer holds",
            428: "If-Match is missing (If-None-Match: * alone is allowed)",
        }
    ),
}


# --8<-- [start:app]
# Caches may keep the note but must ask first: every use is a conditional GET.
REVALIDATE = {"Cache-Control": "no-cache"}


def create_app(*, require_if_match: bool = True) -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)
    notes = {"n1": StoredNote("buy milk", version=1)}

    def current(note_id: str) -> tuple[StoredNote, str]:
        if note_id not in notes:
            raise HTTPException(404, f"no note {note_id!r}")
        return notes[note_id], etag_of(note_id, notes[note_id].version)

    def stale() -> ProblemError:
        return ProblemError(
            412, "stale-etag", "Precondition failed",
            "Your If-Match or If-None-Match no longer holds; GET the note again.",
        )  # fmt: skip

    # READ_RESPONSES, WRITE_RESPONSES and CONDITIONS (above) document the
    # statuses and the two headers in the OpenAPI document.
    @app.get("/notes/{note_id}", responses=READ_RESPONSES, openapi_extra=CONDITIONS)
    @app.head("/notes/{note_id}", responses=READ_RESPONSES, openapi_extra=CONDITIONS)
    async def read(note_id: str, request: Request) -> Response:
        note, etag = current(note_id)
        if_match = field(request, "If-Match")
        if_none_match = field(request, "If-None-Match")
        # RFC 9110 13.2.2 order: a false If-Match is 412 even on a GET; then a
        # false If-None-Match is 304, which repeats ETag and Cache-Control.
        if if_match is not None and not any_match(if_match, etag):
            raise stale()
        headers = {"ETag": etag, **REVALIDATE}
        if if_none_match is not None and not none_match(if_none_match, etag):
            return Response(status_code=304, headers=headers)  # no body
        return JSONResponse({"id": note_id, "text": note.text}, headers=headers)

    @app.put(
        "/notes/{note_id}",
        status_code=204,
        responses=WRITE_RESPONSES,
        openapi_extra=CONDITIONS,
    )
    async def replace(note_id: str, body: NoteIn, request: Request) -> Response:
        note, etag = current(note_id)
        if_match = field(request, "If-Match")
        if_none_match = field(request, "If-None-Match")
        # If-None-Match: * means "only if it does not exist": never a blind
        # overwrite, so it may stand in for If-Match. Any other value may not.
        create_only = if_none_match is not None and listed_tags(if_none_match) == ["*"]
        if require_if_match and if_match is None and not create_only:
            raise ProblemError(
                428, "precondition-required", "Precondition required",
                "Send If-Match with the ETag you last read.",
            )  # fmt: skip
        # If-Match first, then If-None-Match; on a PUT a false one is 412.
        if (if_match is not None and not any_match(if_match, etag)) or (
            if_none_match is not None and not none_match(if_none_match, etag)
        ):
            raise stale()
        # No await from the check to here, so no other request runs in between.
        # With a database, do both in one statement: UPDATE ... WHERE id = %s
        # AND version = %s, and answer 412 when it updates no row.
        note.text, note.version = body.text, note.version + 1
        # No ETag: GET adds the id, so the stored representation is not the one
        # sent, and RFC 9110 9.3.4 then forbids a validator in the response.
        return Response(status_code=204)

    return app


# --8<-- [end:app]
