"""Frames from clients: what parses, and the error each bad frame gets."""

from __future__ import annotations

import json
import re

import pytest

from examples.system_design.chat.protocol import (
    MAX_BODY_CHARS,
    MAX_SEQ,
    Ack,
    FrameError,
    Heartbeat,
    Message,
    Send,
    Sync,
    encode,
    message_frame,
    message_from,
    parse_client_frame,
)


def frame(**fields: object) -> str:
    return json.dumps(fields)


def test_each_client_frame_parses_to_its_type() -> None:
    assert parse_client_frame(frame(type="send", conversation="ab", client_msg_id="m-1", body="hi")) == Send(
        "ab", "m-1", "hi"
    )
    assert parse_client_frame(frame(type="ack", conversation="ab", seq=3, state="read")) == Ack("ab", 3, "read")
    assert parse_client_frame(frame(type="sync", conversation="ab", after=0)) == Sync("ab", 0)
    assert parse_client_frame(frame(type="heartbeat")) == Heartbeat()
    assert parse_client_frame(frame(type="sync", conversation="ab", after=MAX_SEQ)) == Sync("ab", MAX_SEQ)


def test_a_message_frame_round_trips() -> None:
    message = Message("ab", 7, "alice", "m-7", "héllo", 1_700_000_000_000)
    decoded = json.loads(message_frame(message))
    assert decoded["type"] == "message"
    assert message_from(decoded) == message
    assert json.loads(encode("sent", seq=1)) == {"type": "sent", "seq": 1}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "frame is not JSON"),
        ("[1, 2]", "frame must be a JSON object"),
        (frame(type="shout"), "unknown frame type 'shout'"),
        (frame(body="hi"), "unknown frame type None"),
        (frame(type="send", conversation="ab", client_msg_id="m-1", body="   "), "body must be a non-empty string"),
        (frame(type="send", conversation="ab", client_msg_id="m-1", body=7), "body must be a non-empty string"),
        (
            frame(type="send", conversation="ab", client_msg_id="m-1", body="x" * (MAX_BODY_CHARS + 1)),
            f"body must be at most {MAX_BODY_CHARS} characters",
        ),
        (frame(type="send", conversation="a b", client_msg_id="m-1", body="hi"), "conversation must be 1-64"),
        (frame(type="send", conversation="ab", client_msg_id="x" * 65, body="hi"), "client_msg_id must be 1-64"),
        (frame(type="send", conversation="ab", body="hi"), "client_msg_id must be 1-64"),
        (frame(type="ack", conversation="ab", seq=0, state="read"), "seq must be an integer from 1 to 2**63 - 1"),
        (frame(type="ack", conversation="ab", seq=True, state="read"), "seq must be an integer from 1 to 2**63 - 1"),
        (frame(type="ack", conversation="ab", seq="3", state="read"), "seq must be an integer from 1 to 2**63 - 1"),
        (frame(type="ack", conversation="ab", seq=3, state="seen"), "state must be 'delivered' or 'read'"),
        (frame(type="sync", conversation="ab", after=-1), "after must be an integer from 0 to"),
        # Python's json reads any integer; SQLite's INTEGER overflows past 2**63 - 1.
        (frame(type="sync", conversation="ab", after=10**20), "after must be an integer from 0 to"),
        (frame(type="ack", conversation="ab", seq=2**63, state="read"), "seq must be an integer from 1 to"),
    ],
)
def test_bad_frames_are_refused_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(FrameError, match=re.escape(message)):
        parse_client_frame(text)
