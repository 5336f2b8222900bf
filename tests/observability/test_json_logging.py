from __future__ import annotations

import io
import json
import logging
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.observability.json_logging import (
    REDACTED,
    accept_request_id,
    json_logs_to,
    parse_lines,
    request_id,
    scrub_text,
)

log = logging.getLogger("jobs.test")


def capture(emit) -> tuple[list[dict], str]:
    stream = io.StringIO()
    with json_logs_to(stream):
        emit()
    return parse_lines(stream.getvalue()), stream.getvalue()


def test_each_record_is_one_json_object_with_the_request_id() -> None:
    token = request_id.set("req-7")
    try:
        lines, _ = capture(lambda: log.info("hello %s", "world", extra={"n": 3}))
    finally:
        request_id.reset(token)
    assert len(lines) == 1
    assert lines[0]["message"] == "hello world"
    assert lines[0]["request_id"] == "req-7"
    assert lines[0]["n"] == 3
    assert lines[0]["level"] == "INFO"


def test_no_request_id_outside_a_request_and_no_trace_id_outside_a_span() -> None:
    lines, _ = capture(lambda: log.info("startup"))
    assert lines[0]["request_id"] is None
    assert "trace_id" not in lines[0]


def test_an_exception_is_one_line_with_its_traceback() -> None:
    def emit() -> None:
        try:
            raise ValueError("bad\nnews")
        except ValueError:
            log.exception("failed")

    lines, text = capture(emit)
    assert text.count("\n") == 1  # newlines in the traceback are escaped
    assert "ValueError: bad" in lines[0]["exception"]


def test_unserializable_extra_does_not_break_logging() -> None:
    lines, _ = capture(lambda: log.info("x", extra={"thing": object()}))
    assert lines[0]["thing"].startswith("<object object")


def test_a_safe_incoming_id_is_kept() -> None:
    assert accept_request_id("req-42") == "req-42"
    assert accept_request_id("0af7651916cd43dd.1_x") == "0af7651916cd43dd.1_x"


def test_unsafe_or_missing_ids_are_replaced() -> None:
    # Log injection: a newline would forge a second log line in plain-text logs.
    for bad in (None, "", "a" * 65, 'x"}\n{"level":"ERROR', "id with space", "é"):
        fresh = accept_request_id(bad)
        assert fresh != bad
        assert len(fresh) == 32 and int(fresh, 16) >= 0


def test_authorization_header_and_password_field_are_redacted() -> None:
    def emit() -> None:
        log.info(
            "login",
            extra={
                "headers": {"Authorization": "Bearer abc.def.ghi", "Accept": "*/*"},
                "form": {"user": "ana", "password": "hunter2"},
            },
        )

    lines, text = capture(emit)
    assert "abc.def.ghi" not in text and "hunter2" not in text
    assert lines[0]["headers"] == {"Authorization": REDACTED, "Accept": "*/*"}
    assert lines[0]["form"] == {"user": "ana", "password": REDACTED}


def test_secrets_nested_in_lists_and_top_level_extras_are_redacted() -> None:
    def emit() -> None:
        log.info("x", extra={"password": "p1", "items": [{"api_key": "k1"}, "ok"]})

    lines, text = capture(emit)
    assert "p1" not in text and "k1" not in text
    assert lines[0]["items"] == [{"api_key": REDACTED}, "ok"]


def test_secrets_formatted_into_the_message_are_redacted() -> None:
    lines, text = capture(
        lambda: log.warning("auth %s password=%s", "Bearer tok123", "s3cret!")
    )
    assert "tok123" not in text and "s3cret!" not in text
    assert lines[0]["message"] == f"auth Bearer {REDACTED} password={REDACTED}"


def test_card_numbers_keep_only_the_last_four_digits() -> None:
    assert scrub_text("card 4111-1111-1111-1234 ok") == "card [CARD ...1234] ok"
    assert scrub_text("order 1042 qty 3") == "order 1042 qty 3"  # short numbers stay


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789._-", min_size=4))
def test_no_bearer_token_survives(token: str) -> None:
    _, text = capture(lambda: log.info("got Authorization: Bearer %s", token))
    assert f"Bearer {token}" not in json.loads(text)["message"]


@given(st.lists(st.integers(0, 9), min_size=13, max_size=19))
def test_no_full_card_number_survives(digits: list[int]) -> None:
    number = "".join(map(str, digits))
    assert number not in scrub_text(f"pan={number};")
    assert scrub_text(f"pan {number} end").endswith(f"...{number[-4:]}] end")


@given(st.text(min_size=1).filter(lambda s: s.strip() and "\x00" not in s))
def test_password_values_never_appear(password: str) -> None:
    lines, _ = capture(lambda: log.info("x", extra={"form": {"Password": password}}))
    assert lines[0]["form"] == {"Password": REDACTED}


def test_secrets_in_an_exception_and_its_traceback_are_redacted() -> None:
    def emit() -> None:
        try:
            raise ValueError("no db at postgresql://app:pw-in-url@db/prod password=p3")
        except ValueError:
            log.exception("db down", stack_info=True)

    lines, text = capture(emit)
    assert "pw-in-url" not in text and "p3" not in text
    assert f"postgresql://app:{REDACTED}@db/prod" in lines[0]["exception"]
    assert "Stack (most recent call last)" in lines[0]["stack"]


def test_secrets_in_json_or_header_shaped_messages_are_redacted() -> None:
    def emit() -> None:
        log.info("body %s", json.dumps({"password": "pj1", "client_secret": "cs1"}))
        log.info("user wrote password: pc1")
        log.info("header Authorization: Token at1")
        log.info("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl seen")

    lines, text = capture(emit)
    for secret in ("pj1", "cs1", "pc1", "at1", "eyJhbGci", "c2lnbmF0dXJl"):
        assert secret not in text, secret
    assert lines[0]["message"] == (
        f'body {{"password": "{REDACTED}", "client_secret": "{REDACTED}"}}'
    )
    assert lines[3]["message"] == f"jwt {REDACTED} seen"


def test_key_names_match_whatever_their_case_and_separators() -> None:
    names = ["pwd", "X-Auth-Token", "apiKey", "session_id", "client_secret", "Cookie"]
    lines, text = capture(
        lambda: log.info("x", extra={n: f"v-{n}" for n in names} | {"job_id": "j1"})
    )
    assert all(f"v-{n}" not in text for n in names)
    assert lines[0]["job_id"] == "j1"


def test_values_json_would_stringify_later_are_scrubbed_as_text() -> None:
    class Request:
        def __str__(self) -> str:
            return "Request(Authorization: Bearer obj-tok)"

    lines, text = capture(
        lambda: log.info(
            "x",
            extra={"tags": {"Bearer set-tok"}, "raw": b"token=b-tok", "r": Request()},
        )
    )
    assert "set-tok" not in text and "b-tok" not in text and "obj-tok" not in text
    assert lines[0]["raw"] == f"token={REDACTED}"


def test_extra_cannot_overwrite_the_fixed_keys() -> None:
    token = request_id.set("real-id")
    try:
        lines, _ = capture(
            lambda: log.info(
                "x", extra={"request_id": "forged", "level": "DEBUG", "time": "1970"}
            )
        )
    finally:
        request_id.reset(token)
    assert lines[0]["request_id"] == "real-id"
    assert lines[0]["level"] == "INFO"
    assert lines[0]["time"] != "1970"


def test_time_is_utc_with_milliseconds() -> None:
    lines, _ = capture(lambda: log.info("x"))
    assert re.fullmatch(
        r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", lines[0]["time"]
    )


@pytest.mark.parametrize("bad", [42, b"req-1", {"id": "req-1"}, ["req-1"]])
def test_a_request_id_that_is_not_a_string_is_replaced(bad) -> None:
    assert re.fullmatch(r"[0-9a-f]{32}", accept_request_id(bad))


# The characters a password can hold and the pattern still finds its end:
# whitespace, quotes and , ; & } end a value in the text patterns.
_PASSWORD = st.text(
    st.characters(min_codepoint=33, max_codepoint=126, exclude_characters="\"',;&}"),
    min_size=1,
)


@given(_PASSWORD, st.sampled_from(["password=%s", "password: %s", '"pwd": "%s"']))
def test_password_values_in_the_message_never_appear(password: str, shape: str):
    _, text = capture(lambda: log.info("login " + shape, password))
    assert json.loads(text)["message"] == "login " + shape % REDACTED


def test_a_broken_format_string_does_not_raise_into_the_caller() -> None:
    lines, text = capture(lambda: log.info("two %s %s", "token=t1"))
    assert "t1" not in text
    assert lines[0]["message"].startswith("two %s %s")
