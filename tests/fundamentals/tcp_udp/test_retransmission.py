"""A dropped segment is sent again with the same sequence numbers and delivered once."""

from __future__ import annotations

import pytest

from examples.fundamentals.tcp_udp.retransmission import DATA, head_of_line_blocking, lose_then_deliver


@pytest.mark.parametrize("lost", [1, 2])
def test_each_lost_copy_is_followed_by_another_until_one_gets_through(tcpdump: None, lost: int) -> None:
    outcome = lose_then_deliver(lost_copies=lost)
    # At least `lost` copies were dropped; on a loaded machine the next resend
    # can come before the address is back, so more may be (never fewer).
    assert outcome.copies >= lost + 1
    assert outcome.copies == outcome.retransmitted + 1  # every copy after the first is a resend
    assert outcome.sequence_numbers == {1}  # the same bytes, not new ones
    assert outcome.received == DATA  # once: a second copy would show as DATA twice
    assert outcome.loss_probes + outcome.timeouts == outcome.retransmitted


def test_bytes_behind_a_hole_wait_for_it(tcpdump: None) -> None:
    readable, read = head_of_line_blocking()
    assert readable == 0  # b"world" has arrived, yet nothing can be read
    assert read == b"helloworld"  # both at once, in order, after the resend
