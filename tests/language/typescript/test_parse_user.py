"""parseUser (examples/language/typescript/parse_user.ts) on good, bad and random bodies.

The module is compiled alone with the repository's strict tsconfig, and one
Node process answers every request over a pipe: a JSON line in, the Result as
a JSON line out. Random bodies (hypothesis) are checked against a Python model
of the same rules: the guard never throws, rejects exactly the fields the
model rejects, in order, and returns only the known fields.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handbook_build.other_languages import toolchains
from handbook_build.other_languages.toolchains import TYPESCRIPT
from tests.support.example_files import REPO_ROOT
from tests.support.toolchains import require_toolchain

SOURCE = REPO_ROOT / "examples" / "language" / "typescript" / "parse_user.ts"
ROLES = ("viewer", "editor", "owner")
MAX_ID = 2**63 - 1

DRIVER = """\
import { createInterface } from "node:readline";
import { parseUser } from "./parse_user.js";

const circular = {};
circular.self = circular;
const valid = { id: "1", email: "a@b", roles: [] };
const SPECIAL = {
  undefined: undefined,
  function: () => 1,
  bigintAge: { ...valid, age: 10n },
  circularRole: { ...valid, roles: [circular] },
};

for await (const line of createInterface({ input: process.stdin })) {
  const request = JSON.parse(line);
  const input = "special" in request ? SPECIAL[request.special] : request.json;
  let reply;
  try {
    reply = { result: parseUser(input) };
  } catch (error) {
    reply = { threw: String(error) };
  }
  process.stdout.write(JSON.stringify(reply) + "\\n");
}
"""


class Guard:
    """parseUser in a Node process: one request line, one reply line."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self._process = process

    def _ask(self, request: dict[str, Any]) -> dict[str, Any]:
        assert self._process.stdin is not None and self._process.stdout is not None
        self._process.stdin.write(json.dumps(request) + "\n")
        self._process.stdin.flush()
        reply: dict[str, Any] = json.loads(self._process.stdout.readline())
        assert "threw" not in reply, reply["threw"]
        result: dict[str, Any] = reply["result"]
        return result

    def __call__(self, body: Any) -> dict[str, Any]:
        return self._ask({"json": body})

    def special(self, name: str) -> dict[str, Any]:
        return self._ask({"special": name})


@pytest.fixture(scope="module")
def parse_user(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Guard]:
    require_toolchain(TYPESCRIPT)
    work = tmp_path_factory.mktemp("parse_user")
    out = work / "js"
    config = {
        "extends": str(toolchains.TSCONFIG),
        "compilerOptions": {
            "rootDir": str(SOURCE.parent),
            "outDir": str(out),
            "typeRoots": [str(REPO_ROOT / "node_modules" / "@types")],
        },
        "include": [str(SOURCE)],
    }
    (work / "tsconfig.json").write_text(json.dumps(config), encoding="utf-8")
    subprocess.run(
        [str(toolchains.TSC), "-p", str(work / "tsconfig.json")],
        check=True,
        capture_output=True,
        text=True,
        timeout=toolchains.RUN_TIMEOUT_S,
    )
    (out / "package.json").write_text('{"type": "module"}\n', encoding="utf-8")
    (out / "driver.mjs").write_text(DRIVER, encoding="utf-8")
    process = subprocess.Popen(
        ["node", str(out / "driver.mjs")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=out,
    )
    try:
        yield Guard(process)
    finally:
        assert process.stdin is not None
        process.stdin.close()
        process.wait(timeout=30)


def issues(result: dict[str, Any]) -> list[str]:
    assert result["ok"] is False, result
    return [f"{issue['path']}: {issue['message']}" for issue in result["error"]]


VALID = {
    "id": "9007199254740993",
    "email": "ada@example.com",
    "roles": ["owner", "viewer"],
}


def test_a_valid_body_keeps_only_the_known_fields(parse_user: Guard) -> None:
    result = parse_user({**VALID, "isAdmin": True, "__proto__": {"isAdmin": True}})
    assert result == {"ok": True, "value": VALID}


def test_age_is_optional_and_absent_rather_than_undefined(parse_user: Guard) -> None:
    assert parse_user({**VALID, "age": 41})["value"]["age"] == 41
    assert "age" not in parse_user(VALID)["value"]


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("id", 7, "id: expected a string of digits, got number 7"),
        ("id", "007", 'id: expected a string of digits, got string "007"'),
        ("id", "-1", 'id: expected a string of digits, got string "-1"'),
        (
            "id",
            str(MAX_ID + 1),
            f'id: expected at most {MAX_ID}, got string "{MAX_ID + 1}"',
        ),
        ("email", "ada", 'email: expected an email address, got string "ada"'),
        (
            "email",
            "@example.com",
            'email: expected an email address, got string "@example.com"',
        ),
        ("email", "a@b@c", 'email: expected an email address, got string "a@b@c"'),
        ("email", "ada@", 'email: expected an email address, got string "ada@"'),
        ("roles", "owner", 'roles: expected an array of roles, got string "owner"'),
        (
            "roles",
            ["viewer", {"role": "owner"}],
            'roles[1]: expected one of viewer, editor, owner, got object {"role":"owner"}',
        ),
        ("age", "41", 'age: expected an integer from 0 to 150, got string "41"'),
        ("age", 41.5, "age: expected an integer from 0 to 150, got number 41.5"),
        ("age", 151, "age: expected an integer from 0 to 150, got number 151"),
        ("age", None, "age: expected an integer from 0 to 150, got null"),
    ],
)
def test_each_wrong_field_is_named_with_what_was_sent(
    parse_user: Guard, field: str, value: Any, problem: str
) -> None:
    assert issues(parse_user({**VALID, field: value})) == [problem]


def test_the_largest_bigint_id_is_accepted(parse_user: Guard) -> None:
    assert parse_user({**VALID, "id": str(MAX_ID)})["ok"] is True


def test_a_huge_id_is_refused_by_its_length_before_any_bigint(
    parse_user: Guard,
) -> None:
    (problem,) = issues(parse_user({**VALID, "id": "9" * 100_000}))
    assert problem == f'id: expected at most {MAX_ID}, got string "' + "9" * 36 + "..."


def test_every_problem_is_reported_at_once_in_field_order(parse_user: Guard) -> None:
    assert issues(parse_user({"roles": ["admin", "editor", "root"], "age": -1})) == [
        "id: is required",
        "email: is required",
        'roles[0]: expected one of viewer, editor, owner, got string "admin"',
        'roles[2]: expected one of viewer, editor, owner, got string "root"',
        "age: expected an integer from 0 to 150, got number -1",
    ]


@pytest.mark.parametrize(
    ("body", "sent"),
    [
        ([], "array []"),
        (None, "null"),
        ("{}", 'string "{}"'),
        (5, "number 5"),
        (True, "boolean true"),
    ],
)
def test_a_body_that_is_not_an_object_is_one_problem(
    parse_user: Guard, body: Any, sent: str
) -> None:
    assert issues(parse_user(body)) == [f"body: expected a JSON object, got {sent}"]


def test_a_long_value_is_cut_short_in_the_message(parse_user: Guard) -> None:
    (problem,) = issues(parse_user({**VALID, "email": "x" * 10_000}))
    assert (
        problem == 'email: expected an email address, got string "' + "x" * 36 + "..."
    )


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("undefined", "body: expected a JSON object, got undefined"),
        ("function", "body: expected a JSON object, got function () => 1"),
        ("bigintAge", "age: expected an integer from 0 to 150, got bigint 10"),
        (
            "circularRole",
            "roles[0]: expected one of viewer, editor, owner, got object [object Object]",
        ),
    ],
)
def test_values_json_cannot_hold_do_not_crash_the_message(
    parse_user: Guard, name: str, problem: str
) -> None:
    # JSON.stringify returns undefined for a function and throws for a bigint or a cycle.
    assert issues(parse_user.special(name)) == [problem]


# A model of the same rules, in Python -------------------------------------------------


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2  # what JavaScript's .length counts


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def model(body: Any) -> list[str] | dict[str, Any]:
    """The paths parseUser must reject, in order, or the user it must return."""
    if not isinstance(body, dict):
        return ["body"]
    rejected: list[str] = []
    value = {key: body[key] for key in ("id", "email", "roles", "age") if key in body}
    for key in ("id", "email", "roles"):
        if key not in body:
            rejected.append(key)
            continue
        field = body[key]
        if key == "id" and not (
            isinstance(field, str)
            and re.fullmatch(r"[1-9][0-9]*", field)
            and len(field) <= 19
            and int(field) <= MAX_ID
        ):
            rejected.append(key)
        if key == "email" and not (
            isinstance(field, str)
            and _utf16_length(field) <= 254
            and field.find("@") >= 1
            and field.find("@") == field.rfind("@")
            and not field.endswith("@")
        ):
            rejected.append(key)
        if key == "roles":
            if not isinstance(field, list):
                rejected.append(key)
            else:
                rejected += [
                    f"roles[{i}]"
                    for i, role in enumerate(field)
                    if not (isinstance(role, str) and role in ROLES)
                ]
    if "age" in body:
        age = body["age"]
        if not (_is_number(age) and 0 <= age <= 150 and float(age).is_integer()):
            rejected.append("age")
    return rejected or value


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**64), 2**64)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=8,
)
near_valid_users = st.fixed_dictionaries(
    {},
    optional={
        "id": st.integers(0, 2**64).map(str)
        | st.sampled_from(["007", " 1", "1e3", str(MAX_ID)])
        | json_values,
        "email": st.emails()
        | st.text(max_size=300)
        | st.sampled_from(["a@b", "@b", "a@", "a@@b"])
        | json_values,
        "roles": st.lists(
            st.sampled_from([*ROLES, "admin", "Owner"]) | json_values, max_size=4
        )
        | json_values,
        "age": st.integers(-3, 200) | st.floats(-1, 151) | json_values,
        "isAdmin": st.booleans(),
    },
)


@settings(max_examples=400, deadline=None)
@given(near_valid_users | json_values)
def test_the_guard_agrees_with_the_model_and_never_throws(
    parse_user: Guard, body: Any
) -> None:
    expected = model(body)
    result = parse_user(body)
    if isinstance(expected, list):
        assert [issue["path"] for issue in issues_of(result)] == expected
    else:
        assert result == {"ok": True, "value": expected}


def issues_of(result: dict[str, Any]) -> list[dict[str, str]]:
    assert result["ok"] is False, result
    errors: list[dict[str, str]] = result["error"]
    assert errors, "a rejection names at least one problem"
    return errors
