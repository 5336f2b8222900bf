"""Framing: every request two parsers could split differently is refused; clean ones round-trip."""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.fundamentals.proxies.http1 import (
    BadMessage,
    Message,
    body_length,
    parse_head,
    read_message,
    read_response,
)


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ([("Content-Length", "4"), ("Transfer-Encoding", "chunked")], 400),
        ([("transfer-encoding", "chunked"), ("CONTENT-LENGTH", "4")], 400),
        ([("Content-Length", "4"), ("Content-Length", "5")], 400),
        ([("Content-Length", "-1")], 400),
        ([("Content-Length", "4x")], 400),
        ([("Transfer-Encoding", "chunked")], 501),
    ],
)
def test_ambiguous_framing_is_refused(headers: list[tuple[str, str]], status: int) -> None:
    with pytest.raises(BadMessage) as refused:
        body_length(headers)
    assert refused.value.status == status


def test_a_repeated_identical_content_length_is_one_length() -> None:
    assert body_length([("Content-Length", "4"), ("Content-Length", "4")]) == 4
    assert body_length([]) == 0


@pytest.mark.parametrize("line", ["Transfer-Encoding : chunked", " Host: x", "no colon", ": empty"])
def test_malformed_header_lines_get_400(line: str) -> None:
    with pytest.raises(BadMessage) as refused:
        parse_head(f"GET / HTTP/1.1\r\n{line}\r\n\r\n".encode())
    assert refused.value.status == 400


def read(data: bytes) -> Message | None:
    async def go() -> Message | None:
        reader = asyncio.StreamReader()
        reader.feed_data(data)
        reader.feed_eof()
        return await read_message(reader)

    return asyncio.run(go())


@given(body=st.binary(max_size=200), value=st.text("abc xyz;=", max_size=20))
def test_encode_then_read_gives_the_same_message(body: bytes, value: str) -> None:
    sent = Message("POST /x HTTP/1.1", [("X-Test", value.strip())], body)
    got = read(sent.encode())
    assert got is not None
    assert (got.start, got.get("X-Test"), got.body) == (sent.start, [value.strip()], body)


def test_a_close_before_any_byte_is_no_message_and_inside_a_head_is_an_error() -> None:
    assert read(b"") is None
    with pytest.raises(BadMessage):
        read(b"GET / HTTP/1.1\r\nHost:")


@pytest.mark.parametrize(
    "head",
    [
        b"GET / HTTP/1.1\r\nX: a\nTransfer-Encoding: chunked\r\n\r\n",  # bare LF in a value
        b"GET / HTTP/1.1\nContent-Length: 5\r\n\r\n",  # bare LF in the start line
        b"GET / HTTP/1.1\r\nX: a\rb\r\n\r\n",  # bare CR
        b"GET / HTTP/1.1\r\nX: a\x00b\r\n\r\n",  # NUL
        b"GET / HTTP/1.1\r\nContent Length: 5\r\n\r\n",  # a name that is not a token
        b"GET / HTTP/1.1\r\nContent-Length\x0b: 5\r\n\r\n",  # a control byte before the colon
    ],
)
def test_heads_another_parser_could_split_differently_get_400(head: bytes) -> None:
    with pytest.raises(BadMessage) as refused:
        parse_head(head)
    assert refused.value.status == 400


@pytest.mark.parametrize("value", ["\u00b2", "\u0664", "+4", " 4", "1" * 16])
def test_content_length_is_ascii_digits_only(value: str) -> None:
    with pytest.raises(BadMessage) as refused:  # "²".isdigit() is True; int("²") raises
        body_length([("Content-Length", value)])
    assert refused.value.status == 400


@pytest.mark.parametrize(
    ("codings", "status"),
    [(["gzip"], 400), (["chunked, gzip"], 400), (["gzip, chunked"], 501), (["gzip", "chunked"], 501)],
)
def test_chunked_must_be_the_final_transfer_coding(codings: list[str], status: int) -> None:
    with pytest.raises(BadMessage) as refused:
        body_length([("Transfer-Encoding", value) for value in codings])
    assert refused.value.status == status


def answer(data: bytes, method: str = "GET") -> Message | None:
    async def go() -> Message | None:
        reader = asyncio.StreamReader()
        reader.feed_data(data)
        reader.feed_eof()
        return await read_response(reader, method)

    return asyncio.run(go())


def test_answers_to_head_and_204_have_no_body_whatever_their_length_says() -> None:
    got = answer(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", "HEAD")
    assert got is not None and got.bodyless and got.body == b""
    assert got.encode() == b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"  # length kept
    got = answer(b"HTTP/1.1 204 No Content\r\n\r\n")
    assert got is not None and got.encode() == b"HTTP/1.1 204 No Content\r\n\r\n"


def test_interim_answers_are_skipped() -> None:
    got = answer(b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
    assert got is not None and (got.status, got.body) == (200, b"ok")


@pytest.mark.parametrize(
    "data",
    [
        b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc",  # closed inside the body
        b"HTTP/1.1 200 OK\r\nContent-",  # closed inside the head
        b"HTTP/1.1 2000 OK\r\n\r\n",  # not a status line
        b"SSH-2.0-OpenSSH_9.6\r\n\r\n",
    ],
)
def test_an_answer_that_cannot_be_framed_is_a_502(data: bytes) -> None:
    with pytest.raises(BadMessage) as refused:
        answer(data)
    assert refused.value.status == 502


def test_a_body_over_the_cap_is_refused_before_it_is_read() -> None:
    with pytest.raises(BadMessage) as refused:
        read(b"POST / HTTP/1.1\r\nContent-Length: 2000000\r\n\r\n")  # no body sent at all
    assert refused.value.status == 413
    with pytest.raises(BadMessage) as refused:
        read(b"POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc")
    assert refused.value.status == 400


@pytest.mark.parametrize(
    "head",
    [b"\r\n\r\n", b"GET /\r\n\r\n", b"GET / HTTP/1.1 x\r\n\r\n", b"GET  / HTTP/1.1\r\n\r\n", b"GET / HTTP/2.0\r\n\r\n"],
)
def test_a_request_line_that_is_not_method_target_version_gets_400(head: bytes) -> None:
    with pytest.raises(BadMessage) as refused:  # the empty one crashed .method with IndexError
        read(head)
    assert refused.value.status == 400
