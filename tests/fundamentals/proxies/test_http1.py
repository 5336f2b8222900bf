"""Framing: every request two parsers could split differently is refused; clean ones round-trip."""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.fundamentals.proxies.http1 import BadMessage, Message, body_length, parse_head, read_message


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
