"""The users API contract, run over HTTP against the FastAPI app and the Fastify app alike.

It restates tests/apis/rest/test_users_app.py as requests and responses (no
database peeking: "nothing changed" is read back through the API), and adds
the edge cases where two stacks drift apart: what counts as whitespace, how
long a string is, which Content-Types are JSON, how an integer may be
written, what the router does with %2F, a trailing slash or %FF.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.apis.rest.cursors import CursorCodec
from examples.apis.rest.problem_details import PROBLEM_JSON, PROBLEM_TYPES
from examples.apis.rest.users_app import DEFAULT_LIMIT, MAX_LIMIT
from tests.apis.contract.servers import CURSORS, Api, Reply, unique_email

pytestmark = pytest.mark.xdist_group("apis-contract")  # the servers are shared: one worker

JSON = "application/json"
MERGE_PATCH = "application/merge-patch+json"
MAX_ID = 2**63 - 1


# --- helpers ---------------------------------------------------------------


def create(api: Api, name: str = "Ada", email: str | None = None) -> dict:
    reply = api.send_json("POST", "/users", {"name": name, "email": email or unique_email()})
    assert reply.status == 201, reply.body
    return reply.json()


def patch(api: Api, target: str, payload: object) -> Reply:
    return api.send_json("PATCH", target, payload, MERGE_PATCH)


def ids_after(api: Api, user_id: int) -> list[int]:
    """The ids of users created after `user_id`: how a test sees that nothing was stored."""
    reply = api.send("GET", f"/users?limit={MAX_LIMIT}&after={CURSORS.encode(user_id)}")
    assert reply.status == 200, reply.body
    return [user["id"] for user in reply.json()["items"]]


def assert_problem(reply: Reply, status: int, slug: str | None = None) -> dict:
    """An RFC 9457 problem with this status (and type), in exactly the FastAPI app's shape."""
    assert reply.status == status, reply.body
    assert reply.headers["content-type"] == PROBLEM_JSON
    body = json.loads(reply.body)
    assert list(body)[:5] == ["type", "title", "status", "detail", "instance"]
    assert set(body) <= {"type", "title", "status", "detail", "instance", "errors"}
    assert body["status"] == status
    assert body["instance"] == reply.target.partition("?")[0]
    assert body["title"] and body["detail"]
    if slug is not None:
        assert body["type"] == PROBLEM_TYPES + slug
    return body


def invalid_inputs(reply: Reply, status: int = 422) -> list[str]:
    """Where each reported mistake is: a JSON Pointer, or "parameter <name>"."""
    body = assert_problem(reply, status, "validation-error")
    assert body["detail"] == "One or more inputs are invalid; see errors."
    places = []
    for error in body["errors"]:
        assert error["detail"]
        (where,) = error.keys() - {"detail"}  # exactly one location member
        places.append(error[where] if where == "pointer" else f"{where} {error[where]}")
    return places


def first_detail(reply: Reply) -> str:
    return reply.json()["errors"][0]["detail"]


# --- POST /users -----------------------------------------------------------


def test_create_returns_201_location_and_the_user(api: Api) -> None:
    email = unique_email()
    reply = api.send_json("POST", "/users", {"name": "Ada", "email": email})
    assert reply.status == 201
    assert reply.headers["content-type"] == JSON  # no "; charset=utf-8": RFC 8259 defines none
    user = reply.json()
    assert list(user) == ["id", "name", "email"]
    assert user == {"id": user["id"], "name": "Ada", "email": email}
    assert reply.headers["location"] == f"{api.base}/users/{user['id']}"
    fetched = api.send("GET", reply.headers["location"].removeprefix(api.base))
    assert (fetched.status, fetched.json()) == (200, user)


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        ("  Ada ", "Ada"),
        ("\tAda\n", "Ada"),
        ("\u3000Ada\u00a0", "Ada"),  # ideographic and no-break spaces are whitespace
        ("Ada\u0085", "Ada"),  # NEL is Unicode whitespace (JavaScript's trim() keeps it)
        ("Ada\u2028", "Ada"),
        ("\ufeffAda", "\ufeffAda"),  # a BOM is not whitespace (JavaScript's trim() removes it)
        ("\u200bAda", "\u200bAda"),  # nor is a zero-width space
    ],
)
def test_create_trims_unicode_whitespace_and_nothing_else(api: Api, sent: str, stored: str) -> None:
    email = unique_email()
    reply = api.send_json("POST", "/users", {"name": sent, "email": f"  {email}\u2003"})
    assert reply.status == 201, reply.body
    assert (reply.json()["name"], reply.json()["email"]) == (stored, email)


def test_lengths_count_code_points_after_trimming(api: Api) -> None:
    assert create(api, "\U0001f600" * 100)["name"] == "\U0001f600" * 100  # 200 UTF-16 units
    assert create(api, " " + "A" * 100 + " ")["name"] == "A" * 100
    assert create(api, email="\u00e9" * 244 + "@x.io")  # 249 code points, 493 bytes
    too_long = api.send_json("POST", "/users", {"name": "\U0001f600" * 101, "email": unique_email()})
    assert invalid_inputs(too_long) == ["#/name"]


def test_a_taken_email_is_409_ignoring_ascii_case_and_stores_nothing(api: Api) -> None:
    email = unique_email("taken")
    mark = create(api, email=email)["id"]
    reply = api.send_json("POST", "/users", {"name": "Other", "email": email.upper()})
    assert_problem(reply, 409, "email-taken")
    assert reply.json()["detail"] == "Another user already has this email address."
    assert "location" not in reply.headers
    assert ids_after(api, mark) == []


def test_only_ascii_letters_fold_as_in_sqlite_nocase(api: Api) -> None:
    tag = unique_email("fold").partition("@")[0]
    assert create(api, email=f"\u00c9{tag}@x.io")  # É
    assert create(api, email=f"\u00e9{tag}@x.io")  # é: another address in SQLite's NOCASE
    assert create(api, email=f"K{tag}@x.io")
    assert create(api, email=f"\u212a{tag}@x.io")  # KELVIN SIGN, not K
    again = api.send_json("POST", "/users", {"name": "E", "email": f"\u00e9{tag.upper()}@X.IO"})
    assert_problem(again, 409, "email-taken")


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH"])
def test_a_409_does_not_repeat_the_email(api: Api, method: str) -> None:
    taken = unique_email("secret")
    create(api, email=taken)
    other = create(api)["id"]
    target = "/users" if method == "POST" else f"/users/{other}"
    media = MERGE_PATCH if method == "PATCH" else JSON
    reply = api.send_json(method, target, {"name": "G", "email": taken.upper()}, media)
    assert_problem(reply, 409, "email-taken")
    assert taken not in reply.body.decode().lower()


NAME_AND_EMAIL = {"name": "Ada", "email": "ada@example.com"}


@pytest.mark.parametrize(
    ("payload", "places"),
    [
        ({}, ["#/name", "#/email"]),
        ({"name": "Ada"}, ["#/email"]),
        ({"name": 5, "email": ["ada@example.com"]}, ["#/name", "#/email"]),  # no coercion to "5"
        ({"name": None, "email": True}, ["#/name", "#/email"]),
        ({"name": "", "email": "ada@example.com"}, ["#/name"]),
        ({"name": "   ", "email": "ada@example.com"}, ["#/name"]),
        ({"name": "A" * 101, "email": "ada@example.com"}, ["#/name"]),
        ({"name": "Ada", "email": "not-an-email"}, ["#/email"]),
        ({"name": "Ada", "email": "a@b"}, ["#/email"]),
        ({"name": "Ada", "email": "a@b.c@d.e"}, ["#/email"]),
        ({"name": "Ada", "email": "a\u00a0b@example.com"}, ["#/email"]),  # whitespace inside
        ({"name": "Ada", "email": ""}, ["#/email"]),
        ({"name": "Ada", "email": "a" * 250 + "@x.io"}, ["#/email"]),
        ({**NAME_AND_EMAIL, "id": 42}, ["#/id"]),  # not silently dropped
        ({**NAME_AND_EMAIL, "role": "admin"}, ["#/role"]),
        ({**NAME_AND_EMAIL, "__proto__": {"admin": True}}, ["#/__proto__"]),
        ({**NAME_AND_EMAIL, "constructor": 1}, ["#/constructor"]),
        ({**NAME_AND_EMAIL, "": 1}, ["#/"]),
        # Fields in the model's order, whatever the body's; unknown members after them, in body order.
        ({"zzz": 1, "email": "x", "name": 5, "aaa": 2}, ["#/name", "#/email", "#/zzz", "#/aaa"]),
        ({"name": "Ada", "email": "ada@example.com", "\ud800": 1}, ["#"]),  # not Unicode text
        ([NAME_AND_EMAIL], ["#"]),
        ("Ada", ["#"]),
        (None, ["#"]),
    ],
)
def test_create_with_an_invalid_body_is_422_naming_each_field(api: Api, payload: object, places: list[str]) -> None:
    mark = create(api)["id"]
    assert invalid_inputs(api.send_json("POST", "/users", payload)) == places
    assert ids_after(api, mark) == []


@pytest.mark.parametrize(
    ("payload", "place"),
    [
        ({"name": "\x00", "email": "ada@example.com"}, "#/name"),
        ({"name": "\x00Ada", "email": "ada@example.com"}, "#/name"),
        ({"name": "Ada\nKing", "email": "ada@example.com"}, "#/name"),
        ({"name": "\x1cAda", "email": "ada@example.com"}, "#/name"),  # a control character, not trimmed
        ({"name": "Ad\x85a", "email": "ada@example.com"}, "#/name"),
        ({"name": "Ada", "email": "ada\x00@example.com"}, "#/email"),
        ({"name": "Ada", "email": "ada@exam\x7fple.com"}, "#/email"),
        ({"name": "Ada", "email": "a\x00"}, "#/email"),  # control characters are checked before the shape
    ],
)
def test_control_characters_are_422_with_the_apps_own_words(api: Api, payload: dict, place: str) -> None:
    reply = api.send_json("POST", "/users", payload)
    assert invalid_inputs(reply) == [place]
    assert first_detail(reply) == "must not contain control characters"


def test_each_field_reports_only_the_first_rule_it_breaks(api: Api) -> None:
    reply = api.send_json("POST", "/users", {"name": "\x00" * 101, "email": "nope"})
    assert invalid_inputs(reply) == ["#/name", "#/email"]
    name, email = (error["detail"] for error in reply.json()["errors"])
    assert name != "must not contain control characters"  # the length rule comes first
    assert email == "must look like name@example.com"


def test_a_lone_surrogate_is_not_a_string(api: Api) -> None:
    body = b'{"name": "\\ud800", "email": "' + unique_email().encode() + b'"}'
    assert invalid_inputs(api.send("POST", "/users", body, {"content-type": JSON})) == ["#/name"]


@pytest.mark.parametrize(
    "body", [b'{"name": "Ada", "email": ', b"{name: Ada}", b"  ", b'{"name": "A", "email": "a@b.co"} x', b"{'a': 1}"]
)
def test_malformed_json_is_400_and_stores_nothing(api: Api, body: bytes) -> None:
    mark = create(api)["id"]
    problem = assert_problem(api.send("POST", "/users", body, {"content-type": JSON}), 400, "malformed-json")
    assert problem["title"] == "Malformed JSON"
    assert "errors" not in problem
    assert ids_after(api, mark) == []


@pytest.mark.parametrize("literal", [b"NaN", b"Infinity", b"-Infinity"])
def test_nan_and_infinity_are_not_json(api: Api, literal: bytes) -> None:
    """Python's json module reads them; RFC 8259 has no such values, so they are malformed JSON."""
    body = b'{"name": ' + literal + b', "email": "a@b.co"}'
    assert_problem(api.send("POST", "/users", body, {"content-type": JSON}), 400, "malformed-json")


def test_a_body_that_is_not_utf8_is_400(api: Api) -> None:
    problem = assert_problem(
        api.send("POST", "/users", b'{"name": "\xff", "email": "a@b.co"}', {"content-type": JSON}), 400
    )
    assert (problem["type"], problem["title"]) == ("about:blank", "Bad Request")


def test_a_leading_byte_order_mark_is_ignored(api: Api) -> None:
    body = b"\xef\xbb\xbf" + json.dumps({"name": "Bom", "email": unique_email()}).encode()
    assert api.send("POST", "/users", body, {"content-type": JSON}).status == 201


def test_a_repeated_member_takes_the_last_value(api: Api) -> None:
    body = b'{"name": "First", "email": "' + unique_email().encode() + b'", "name": "Last"}'
    reply = api.send("POST", "/users", body, {"content-type": JSON})
    assert (reply.status, reply.json()["name"]) == (201, "Last")


@pytest.mark.parametrize(
    ("body", "content_type"),
    [(None, None), (b"", JSON), (b"", "text/plain"), (b"null", JSON), (b"[]", JSON), (b'"Ada"', JSON)],
)
def test_no_body_or_no_object_is_422_about_the_whole_document(
    api: Api, body: bytes | None, content_type: str | None
) -> None:
    headers = {"content-type": content_type} if content_type else {}
    assert invalid_inputs(api.send("POST", "/users", body, headers)) == ["#"]


def test_json_pointers_escape_what_a_member_name_may_hold(api: Api) -> None:
    reply = api.send_json("POST", "/users", {**NAME_AND_EMAIL, "a/b~c d%": 1})
    assert invalid_inputs(reply) == ["#/a~1b~0c%20d%25"]  # RFC 6901, sections 3 and 6


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        MERGE_PATCH,
        "application/x-www-form-urlencoded",
        "application/jsonx",
        "application/vnd.api+json",
        None,
    ],
)
def test_a_body_that_is_not_json_is_415_with_accept(api: Api, content_type: str | None) -> None:
    mark = create(api)["id"]
    headers = {"content-type": content_type} if content_type else {}
    body = json.dumps({"name": "Ada", "email": unique_email()}).encode()
    reply = api.send("POST", "/users", body, headers)
    problem = assert_problem(reply, 415)
    assert (problem["type"], problem["title"]) == ("about:blank", "Unsupported Media Type")
    assert problem["detail"] == "Send the body as application/json."
    assert reply.headers["accept"] == JSON
    assert ids_after(api, mark) == []


def test_bytes_that_claim_json_are_parsed_first_so_malformed_beats_415(api: Api) -> None:
    """Any application/*+json body is parsed: broken, it is a 400 even where a 415 would follow."""
    reply = api.send("POST", "/users", b"{", {"content-type": MERGE_PATCH})
    assert_problem(reply, 400, "malformed-json")
    assert_problem(api.send("POST", "/users", b"{", {"content-type": "text/plain"}), 415)


@pytest.mark.parametrize("content_type", ["Application/JSON; charset=utf-8", " application/json ", "application/json;"])
def test_json_with_parameters_or_any_case_is_json(api: Api, content_type: str) -> None:
    body = json.dumps({"name": "Ada", "email": unique_email()}).encode()
    assert api.send("POST", "/users", body, {"content-type": content_type}).status == 201


# --- GET /users/{id} -------------------------------------------------------


def test_an_unknown_id_is_404_naming_it_exactly(api: Api) -> None:
    problem = assert_problem(api.send("GET", f"/users/{MAX_ID}"), 404, "user-not-found")
    assert problem["title"] == "User not found"
    assert problem["detail"] == f"There is no user with id {MAX_ID}."  # no rounding to 2**63


def test_percent_encoded_digits_are_the_same_id(api: Api) -> None:
    user = create(api)
    encoded = "".join(f"%{ord(digit):02X}" for digit in str(user["id"]))
    assert api.send("GET", f"/users/{encoded}").json() == user


BAD_IDS = ["abc", "1.5", "0", "-3", str(2**63), "1" * 101, "1;x", "%FF", "a%FFb", "%D9%A1"]


@pytest.mark.parametrize("bad_id", BAD_IDS)
@pytest.mark.parametrize("method", ["GET", "DELETE"])
def test_an_invalid_id_is_400_not_404_or_500(api: Api, method: str, bad_id: str) -> None:
    # Not 422: RFC 9110 keeps that for request content; the URL is not content.
    assert invalid_inputs(api.send(method, f"/users/{bad_id}"), 400) == ["parameter user_id"]


@pytest.mark.parametrize("written", ["01", "+1", "%201", "1%20", "1_0", "1.0", "0" * 20 + "1"])
def test_an_id_has_one_spelling(api: Api, written: str) -> None:
    """/users/01 and /users/1_0 would be aliases of users 1 and 10: two URLs, one resource."""
    assert invalid_inputs(api.send("GET", f"/users/{written}"), 400) == ["parameter user_id"]


def test_a_slash_inside_an_id_is_another_path(api: Api) -> None:
    problem = assert_problem(api.send("GET", "/users/1%2F2"), 404)
    assert (problem["type"], problem["detail"]) == ("about:blank", "Nothing is served at /users/1/2.")


def test_a_bad_id_and_a_bad_body_are_one_400_listing_both(api: Api) -> None:
    assert invalid_inputs(api.send_json("PUT", "/users/abc", {"name": "Ada"}), 400) == ["parameter user_id", "#/email"]
    no_body = api.send("PUT", "/users/abc", b"", {"content-type": JSON})
    assert invalid_inputs(no_body, 400) == ["parameter user_id", "#"]


# --- PUT /users/{id} -------------------------------------------------------


def test_put_replaces_every_field_and_is_idempotent(api: Api) -> None:
    user_id = create(api)["id"]
    replacement = {"name": "Ada King", "email": unique_email()}
    first = api.send_json("PUT", f"/users/{user_id}", replacement)
    second = api.send_json("PUT", f"/users/{user_id}", replacement)
    assert first.status == second.status == 200
    assert first.json() == second.json() == {"id": user_id, **replacement}
    assert api.send("GET", f"/users/{user_id}").json() == first.json()


def test_put_with_a_missing_field_is_422_and_changes_nothing(api: Api) -> None:
    user = create(api)
    assert invalid_inputs(api.send_json("PUT", f"/users/{user['id']}", {"name": "Ada King"})) == ["#/email"]
    assert api.send("GET", f"/users/{user['id']}").json() == user


def test_put_to_an_unknown_id_is_404_and_creates_nothing(api: Api) -> None:
    mark = create(api)["id"]
    reply = api.send_json("PUT", f"/users/{MAX_ID}", {"name": "Ada", "email": unique_email()})
    assert_problem(reply, 404, "user-not-found")
    assert ids_after(api, mark) == []


def test_put_with_another_users_email_is_409_and_changes_nothing(api: Api) -> None:
    taken = create(api)["email"]
    user = create(api)
    assert_problem(api.send_json("PUT", f"/users/{user['id']}", {"name": "G", "email": taken}), 409, "email-taken")
    assert api.send("GET", f"/users/{user['id']}").json() == user


def test_put_may_keep_the_users_own_email_in_another_case(api: Api) -> None:
    user = create(api)
    reply = api.send_json("PUT", f"/users/{user['id']}", {"name": "Ada K", "email": user["email"].upper()})
    assert (reply.status, reply.json()["email"]) == (200, user["email"].upper())


# --- PATCH /users/{id} -----------------------------------------------------


def test_patch_changes_only_the_fields_sent(api: Api) -> None:
    user = create(api)
    renamed = patch(api, f"/users/{user['id']}", {"name": "Ada Lovelace"})
    assert (renamed.status, renamed.json()) == (200, {**user, "name": "Ada Lovelace"})
    email = unique_email()
    moved = patch(api, f"/users/{user['id']}", {"email": f" {email} "})
    assert moved.json() == {**user, "name": "Ada Lovelace", "email": email}


@pytest.mark.parametrize("content_type", [JSON, "application/json-patch+json", "text/plain", None])
def test_patch_in_any_other_media_type_is_415_with_accept_patch(api: Api, content_type: str | None) -> None:
    """RFC 5789 (erratum 3169): plain JSON does not say what a PATCH means."""
    user = create(api)
    headers = {"content-type": content_type} if content_type else {}
    reply = api.send("PATCH", f"/users/{user['id']}", b'{"name": "Ada L"}', headers)
    assert assert_problem(reply, 415)["detail"] == f"Send the body as {MERGE_PATCH}."
    assert reply.headers["accept-patch"] == MERGE_PATCH
    assert api.send("GET", f"/users/{user['id']}").json() == user


def test_patch_with_an_empty_object_changes_nothing(api: Api) -> None:
    user = create(api)
    reply = patch(api, f"/users/{user['id']}", {})
    assert (reply.status, reply.json()) == (200, user)


def test_patch_with_no_body_at_all_is_422(api: Api) -> None:
    user = create(api)
    reply = api.send("PATCH", f"/users/{user['id']}", None, {"content-type": MERGE_PATCH})
    assert invalid_inputs(reply) == ["#"]


@pytest.mark.parametrize(
    ("payload", "places"),
    [
        ({"name": None}, ["#/name"]),
        ({"email": None}, ["#/email"]),
        ({"name": ""}, ["#/name"]),
        ({"name": "\x00"}, ["#/name"]),
        ({"email": "nope"}, ["#/email"]),
        ({"nickname": "Countess"}, ["#/nickname"]),
        ({"name": 3}, ["#/name"]),
        ({"x": None, "email": None, "name": None}, ["#/name", "#/email", "#/x"]),
        ([], ["#"]),
    ],
)
def test_patch_with_an_invalid_body_is_422_and_changes_nothing(api: Api, payload: object, places: list[str]) -> None:
    user = create(api)
    assert invalid_inputs(patch(api, f"/users/{user['id']}", payload)) == places
    assert api.send("GET", f"/users/{user['id']}").json() == user


def test_patch_null_explains_that_fields_cannot_be_removed(api: Api) -> None:
    reply = patch(api, f"/users/{create(api)['id']}", {"name": None})
    assert first_detail(reply) == "may be left out, but cannot be null"


def test_patch_to_an_unknown_id_is_404_even_with_a_taken_email(api: Api) -> None:
    taken = create(api)["email"]
    assert_problem(patch(api, f"/users/{MAX_ID}", {"name": "X"}), 404, "user-not-found")
    assert_problem(patch(api, f"/users/{MAX_ID}", {"email": taken}), 404, "user-not-found")


def test_patch_to_another_users_email_is_409_and_changes_nothing(api: Api) -> None:
    taken = create(api)["email"]
    user = create(api)
    reply = patch(api, f"/users/{user['id']}", {"name": "G", "email": taken.title()})
    assert_problem(reply, 409, "email-taken")
    assert api.send("GET", f"/users/{user['id']}").json() == user


@pytest.mark.parametrize("content_type", [MERGE_PATCH, JSON])
def test_patch_with_malformed_json_is_400(api: Api, content_type: str) -> None:
    user = create(api)
    reply = api.send("PATCH", f"/users/{user['id']}", b"{name: Ada}", {"content-type": content_type})
    assert_problem(reply, 400, "malformed-json")
    assert api.send("GET", f"/users/{user['id']}").json() == user


def test_retrying_a_patch_that_sets_values_is_safe(api: Api) -> None:
    user = create(api)
    email = unique_email()
    first = patch(api, f"/users/{user['id']}", {"email": email})
    retry = patch(api, f"/users/{user['id']}", {"email": email})
    assert first.status == retry.status == 200
    assert first.json() == retry.json() == {**user, "email": email}


# --- DELETE /users/{id} ----------------------------------------------------


def test_delete_is_204_with_no_body_then_the_user_is_gone(api: Api) -> None:
    user_id = create(api)["id"]
    reply = api.send("DELETE", f"/users/{user_id}")
    assert (reply.status, reply.body) == (204, b"")
    assert "content-type" not in reply.headers
    assert "content-length" not in reply.headers  # RFC 9110, section 8.6: never on a 204
    assert_problem(api.send("GET", f"/users/{user_id}"), 404, "user-not-found")
    assert_problem(api.send("DELETE", f"/users/{user_id}"), 404, "user-not-found")  # same state, other answer


def test_a_deleted_users_id_is_never_handed_out_again(api: Api) -> None:
    user = create(api)
    api.send("DELETE", f"/users/{user['id']}")
    again = create(api, email=user["email"])  # the email is free again; the id is not
    assert again["id"] > user["id"]
    assert_problem(api.send("GET", f"/users/{user['id']}"), 404)


# --- routing ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "target", "allow"),
    [
        ("DELETE", "/users", "GET, HEAD, POST"),
        ("PUT", "/users", "GET, HEAD, POST"),
        ("PATCH", "/users", "GET, HEAD, POST"),
        ("OPTIONS", "/users", "GET, HEAD, POST"),
        ("TRACE", "/users", "GET, HEAD, POST"),
        ("POST", "/users/1", "DELETE, GET, HEAD, PATCH, PUT"),
        ("POST", "/users/abc", "DELETE, GET, HEAD, PATCH, PUT"),  # the path matches; the id is never read
        ("OPTIONS", "/users/1", "DELETE, GET, HEAD, PATCH, PUT"),
    ],
)
def test_wrong_method_is_405_with_allow(api: Api, method: str, target: str, allow: str) -> None:
    reply = api.send(method, target, b"{", {"content-type": JSON})  # routing comes before the body
    problem = assert_problem(reply, 405)
    assert reply.headers["allow"] == allow
    assert (problem["type"], problem["title"]) == ("about:blank", "Method Not Allowed")
    assert problem["detail"] == f"{method} is not allowed here; use one of: {allow}."


@pytest.mark.parametrize(
    ("target", "shown"),
    [
        ("/accounts/1", "/accounts/1"),
        ("/users/1/orders", "/users/1/orders"),
        ("//users", "//users"),
        ("/users/./1", "/users/./1"),
        ("/accounts/%C3%A9?x=1", "/accounts/\u00e9"),  # the detail shows the path decoded
        ("/accounts/%FF", "/accounts/\ufffd"),  # invalid UTF-8 becomes U+FFFD, not a crash
    ],
)
def test_an_unknown_path_is_404(api: Api, target: str, shown: str) -> None:
    problem = assert_problem(api.send("GET", target), 404)  # the instance keeps the escapes
    assert (problem["type"], problem["title"]) == ("about:blank", "Not Found")
    assert problem["detail"] == f"Nothing is served at {shown}."


@pytest.mark.parametrize(
    ("method", "target", "location"),
    [("GET", "/users/", "/users"), ("GET", "/users/7/?x=1", "/users/7?x=1"), ("POST", "/users/", "/users")],
)
def test_a_trailing_slash_redirects_with_307(api: Api, method: str, target: str, location: str) -> None:
    reply = api.send(method, target)
    assert (reply.status, reply.body) == (307, b"")
    assert reply.headers["location"] == api.base + location


# --- GET /users: pagination ------------------------------------------------


def make_users(api: Api, count: int) -> tuple[int, list[int]]:
    """A mark (the id just before them) and the ids of `count` new users."""
    mark = create(api)["id"]
    return mark, [create(api, f"User {i}")["id"] for i in range(count)]


def page(api: Api, target: str) -> dict:
    reply = api.send("GET", target.removeprefix(api.base))
    assert reply.status == 200, reply.body
    assert reply.headers["content-type"] == JSON
    return reply.json()


def test_a_cursor_past_every_user_gives_an_empty_last_page(api: Api) -> None:
    assert page(api, f"/users?after={CURSORS.encode(MAX_ID)}") == {"items": [], "next": None}


def test_default_limit_and_the_next_link(api: Api) -> None:
    mark, ids = make_users(api, DEFAULT_LIMIT + 5)
    first = page(api, f"/users?after={CURSORS.encode(mark)}")
    assert [user["id"] for user in first["items"]] == ids[:DEFAULT_LIMIT]
    assert list(first["items"][0]) == ["id", "name", "email"]
    # The same absolute link from both apps, with the same signed cursor.
    assert first["next"] == f"{api.base}/users?limit={DEFAULT_LIMIT}&after={CURSORS.encode(ids[DEFAULT_LIMIT - 1])}"
    second = page(api, first["next"])
    assert [user["id"] for user in second["items"]] == ids[DEFAULT_LIMIT:]
    assert second["next"] is None


def test_a_page_that_ends_exactly_at_the_last_user_has_no_next(api: Api) -> None:
    mark, ids = make_users(api, 4)
    result = page(api, f"/users?limit=4&after={CURSORS.encode(mark)}")
    assert [user["id"] for user in result["items"]] == ids
    assert result["next"] is None


def test_max_limit_is_accepted(api: Api) -> None:
    mark, _ = make_users(api, MAX_LIMIT + 1)
    result = page(api, f"/users?limit={MAX_LIMIT}&after={CURSORS.encode(mark)}")
    assert len(result["items"]) == MAX_LIMIT
    assert result["next"] is not None


@pytest.mark.parametrize("limit", ["0", "-1", str(MAX_LIMIT + 1), "1000", "ten", "2.5", ""])
def test_an_invalid_limit_is_400(api: Api, limit: str) -> None:
    assert invalid_inputs(api.send("GET", f"/users?limit={limit}"), 400) == ["parameter limit"]


@pytest.mark.parametrize("limit", ["05", "+3", "%205", "1.0"])
def test_a_limit_has_one_spelling(api: Api, limit: str) -> None:
    assert invalid_inputs(api.send("GET", f"/users?limit={limit}"), 400) == ["parameter limit"]


def test_the_limit_is_checked_before_the_cursor(api: Api) -> None:
    assert invalid_inputs(api.send("GET", "/users?after=forged&limit=0"), 400) == ["parameter limit"]


def test_a_repeated_parameter_takes_the_last_value_and_unknown_ones_are_ignored(api: Api) -> None:
    mark, ids = make_users(api, 3)
    result = page(api, f"/users?limit=1&limit=2&LIMIT=1&sort=name&after={CURSORS.encode(mark)}")
    assert [user["id"] for user in result["items"]] == ids[:2]


ISSUED = CURSORS.encode(3)
PAYLOAD, _, TAG = ISSUED.partition(".")


@pytest.mark.parametrize(
    "after",
    [
        pytest.param("aWQ6Mw", id="unsigned id:3"),
        pytest.param("aWQ6MA." + TAG, id="tampered: id:0 with the tag of id:3"),
        pytest.param(PAYLOAD + "." + TAG[::-1], id="tampered tag"),
        pytest.param(ISSUED[:-1], id="truncated by one"),
        pytest.param(PAYLOAD + ".", id="truncated to the payload"),
        pytest.param(CursorCodec(b"another key, also 32 bytes long!").encode(3), id="signed by another key"),
        pytest.param(ISSUED.upper(), id="case changed"),
        pytest.param("", id="empty"),
        pytest.param("garbage%21", id="garbage"),
        pytest.param("%C3%BC." + "%C3%BC" * 43, id="not ASCII"),
        pytest.param("QQ" * 80, id="longer than any cursor"),
    ],
)
def test_a_cursor_we_did_not_issue_is_400(api: Api, after: str) -> None:
    reply = api.send("GET", f"/users?after={after}")
    assert invalid_inputs(reply, 400) == ["parameter after"]
    assert first_detail(reply) == "is not a cursor this API issued"


def test_keyset_paging_does_not_skip_when_a_seen_user_is_deleted(api: Api) -> None:
    mark, ids = make_users(api, 6)
    first = page(api, f"/users?limit=3&after={CURSORS.encode(mark)}")
    api.send("DELETE", f"/users/{ids[1]}")  # a user the client has already seen
    assert [user["id"] for user in page(api, first["next"])["items"]] == ids[3:]


@settings(max_examples=25, deadline=None)
@given(
    count=st.integers(min_value=0, max_value=30),
    limit=st.integers(min_value=1, max_value=12),
    deleted=st.sets(st.integers(min_value=0, max_value=29), max_size=10),
)
def test_walking_next_links_yields_every_user_once_in_order(
    api: Api, count: int, limit: int, deleted: set[int]
) -> None:
    mark, ids = make_users(api, count)
    for index in deleted & set(range(count)):
        assert api.send("DELETE", f"/users/{ids[index]}").status == 204
    expected = [user_id for index, user_id in enumerate(ids) if index not in deleted]
    seen: list[int] = []
    sizes: list[int] = []
    target: str | None = f"/users?limit={limit}&after={CURSORS.encode(mark)}"
    while target is not None:
        result = page(api, target)
        sizes.append(len(result["items"]))
        seen += [user["id"] for user in result["items"]]
        target = result["next"]
    assert seen == expected
    # Full pages, then one shorter (or full) last page; never an empty extra one.
    assert all(size == limit for size in sizes[:-1])
    assert len(sizes) == max(1, -(-len(expected) // limit))


def test_the_two_apps_accept_each_others_cursors(fastapi_api: Api, fastify_api: Api) -> None:
    """Same key, same bytes: a next link from one app pages on the other."""
    for one, other in [(fastapi_api, fastify_api), (fastify_api, fastapi_api)]:
        mark, ids = make_users(one, 2)
        cursor = page(one, f"/users?limit=1&after={CURSORS.encode(mark)}")["next"].partition("after=")[2]
        assert cursor == CURSORS.encode(ids[0])  # the Python codec made the very same string
        assert other.send("GET", f"/users?after={cursor}").status == 200


# --- HEAD ------------------------------------------------------------------


@pytest.mark.parametrize(
    "target", ["/users", "/users?limit=1", "/users/{id}", f"/users/{MAX_ID}", "/users/0", "/users?after=x", "/accounts"]
)
def test_head_answers_as_get_does_without_a_body(api: Api, target: str) -> None:
    """RFC 9110, section 9.3.2: the same status and headers as GET, and no content."""
    target = target.replace("{id}", str(create(api)["id"]))
    get, head = api.send("GET", target), api.send("HEAD", target)
    assert head.status == get.status
    assert head.headers["content-type"] == get.headers["content-type"]
    assert head.headers["content-length"] == get.headers["content-length"] == str(len(get.body))
    assert head.body == b""
