"""Sec-WebSocket-Accept, checked against RFC 6455's own example (section 1.3)."""

from __future__ import annotations

import base64

import pytest

from examples.system_design.chat.handshake import accept_key


def test_the_rfc_sample_key_gives_the_rfc_answer() -> None:
    assert accept_key("dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="


@pytest.mark.parametrize("key", ["", "not base64!", base64.b64encode(b"x" * 15).decode()])
def test_a_key_that_is_not_16_bytes_is_refused(key: str) -> None:
    with pytest.raises(ValueError):
        accept_key(key)
