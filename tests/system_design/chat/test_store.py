"""The message store: gapless per-conversation numbers, deduplicated sends, forward-only cursors."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.system_design.chat.store import ChatError, MessageStore, NotAMember


@pytest.fixture
def store(tmp_path: Path) -> Iterator[MessageStore]:
    with MessageStore(tmp_path / "chat.db", clock=lambda: 1_700_000_000.0) as opened:
        opened.create_conversation("ab", ["alice", "bob"])
        opened.create_conversation("team", ["alice", "bob", "carol"])
        yield opened


def test_each_conversation_counts_from_one(store: MessageStore) -> None:
    seqs = [store.append("ab", "alice", f"m{i}", "hi")[0].seq for i in range(3)]
    assert seqs == [1, 2, 3]
    assert store.append("team", "carol", "m0", "hi")[0].seq == 1
    assert [m.seq for m in store.after("ab", "bob", 1)] == [2, 3]
    assert store.after("ab", "bob", 0)[0].sent_at_ms == 1_700_000_000_000


def test_a_resend_returns_the_stored_message_and_takes_no_number(store: MessageStore) -> None:
    first, created = store.append("ab", "alice", "m-1", "Lunch?")
    again, created_again = store.append("ab", "alice", "m-1", "Lunch? (edited)")
    assert created and not created_again
    assert again == first  # the stored body wins
    assert store.append("ab", "bob", "m-1", "same id, other sender")[0].seq == 2
    assert store.append("ab", "alice", "m-2", "next")[0].seq == 3


def test_acks_move_cursors_forward_only_and_read_implies_delivered(store: MessageStore) -> None:
    for i in range(4):
        store.append("team", "alice", f"m{i}", "hi")
    assert store.receipts("team", 2) == {"bob": "sent", "carol": "sent"}
    assert store.ack("team", "bob", 3, "delivered") is True
    assert store.ack("team", "bob", 3, "delivered") is False  # a resent ack
    assert store.ack("team", "bob", 1, "delivered") is False  # an old one
    assert store.ack("team", "carol", 2, "read") is True
    assert store.receipts("team", 2) == {"bob": "delivered", "carol": "read"}
    assert store.receipts("team", 3) == {"bob": "delivered", "carol": "sent"}
    assert store.cursors("carol") == {"team": (2, 4)}
    assert store.cursors("bob") == {"ab": (0, 0), "team": (3, 4)}


@pytest.mark.parametrize(
    ("call", "error", "text"),
    [
        (lambda s: s.append("ab", "carol", "m", "hi"), NotAMember, "carol is not a member of ab"),
        (lambda s: s.append("nope", "alice", "m", "hi"), NotAMember, "alice is not a member of nope"),
        (lambda s: s.append("ab", "alice", "m", " "), ChatError, "body must be 1 to"),
        (lambda s: s.after("ab", "carol", 0), NotAMember, "not a member"),
        (lambda s: s.after("ab", "bob", -1), ChatError, "after must be >= 0"),
        (lambda s: s.ack("ab", "bob", 1, "delivered"), ChatError, r"seq 1 is not in ab \(1..0\)"),
        (lambda s: s.ack("ab", "bob", 1, "seen"), ChatError, "state must be"),
        (lambda s: s.ack("ab", "carol", 1, "read"), NotAMember, "not a member"),
        (lambda s: s.receipts("ab", 9), ChatError, "no message 9 in ab"),
        (lambda s: s.create_conversation("ab", ["alice", "bob"]), ChatError, "conversation ab exists"),
        (lambda s: s.create_conversation("solo", ["alice", "alice"]), ChatError, "needs 2 to"),
        (lambda s: s.create_conversation("bad id", ["alice", "bob"]), ChatError, "conversation must be"),
        (lambda s: s.create_conversation("x", ["alice", "Bob!"]), ChatError, "user id must be"),
    ],
)
def test_refusals_are_clear_and_change_nothing(store: MessageStore, call, error: type, text: str) -> None:
    before = (store.cursors("alice"), store.cursors("bob"), store.after("ab", "alice", 0))
    with pytest.raises(error, match=text):
        call(store)
    assert (store.cursors("alice"), store.cursors("bob"), store.after("ab", "alice", 0)) == before
    assert "solo" not in store.cursors("alice")


SENDS = st.lists(
    st.tuples(st.sampled_from(["alice", "bob"]), st.integers(0, 5), st.sampled_from(["x", "y"])), max_size=25
)


@settings(max_examples=40)
@given(sends=SENDS)
def test_sends_match_a_model_of_first_write_wins(sends: list[tuple[str, int, str]]) -> None:
    model: dict[tuple[str, str], tuple[int, str]] = {}
    with MessageStore(":memory:") as store:
        store.create_conversation("ab", ["alice", "bob"])
        for sender, n, body in sends:
            message, created = store.append("ab", sender, f"m{n}", body)
            key = (sender, f"m{n}")
            assert created == (key not in model)
            model.setdefault(key, (len(model) + 1, body))
            assert (message.seq, message.body) == model[key]
        stored = store.after("ab", "alice", 0, limit=1_000)
    assert [m.seq for m in stored] == list(range(1, len(model) + 1))


def test_concurrent_writers_on_one_file_never_share_or_skip_a_number(tmp_path: Path) -> None:
    """Four servers' stores, one SQLite file, each thread sending 50 messages at once."""
    path = tmp_path / "shared.db"
    users = ["alice", "bob", "carol", "dave"]
    with MessageStore(path) as setup:
        setup.create_conversation("team", users)
    got: dict[str, list[int]] = {}
    start = threading.Barrier(len(users))

    def sender(user: str) -> None:
        with MessageStore(path) as store:
            start.wait()
            got[user] = [store.append("team", user, f"{user}-{i}", "hi")[0].seq for i in range(50)]

    threads = [threading.Thread(target=sender, args=(u,)) for u in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    every = sorted(seq for seqs in got.values() for seq in seqs)
    assert every == list(range(1, 201))
    assert all(seqs == sorted(seqs) for seqs in got.values())  # each sender in order
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT last_seq FROM conversation WHERE id = 'team'").fetchone() == (200,)


def test_a_senders_cursor_moves_past_their_own_message_only_without_a_gap(store: MessageStore) -> None:
    store.append("ab", "alice", "a1", "one")
    store.append("ab", "alice", "a2", "two")
    assert store.cursors("alice")["ab"] == (2, 2)  # she wrote both: nothing to deliver to her
    store.append("ab", "bob", "b1", "three")
    assert store.cursors("bob")["ab"] == (0, 3)  # he still has to receive 1 and 2
    store.append("ab", "alice", "a3", "four")
    assert store.cursors("alice")["ab"] == (2, 4)  # she has not acked bob's 3 yet
    assert store.ack("ab", "alice", 4, "delivered") is True
    assert store.receipts("ab", 1) == {"bob": "sent"}  # the sender's cursor is no receipt


def test_a_send_that_fails_mid_transaction_leaves_no_gap(tmp_path: Path) -> None:
    """The clock runs after the counter moved: failing there must roll the counter back."""
    failures = ["once"]

    def clock() -> float:
        if failures:
            failures.pop()
            raise OSError("clock unavailable")
        return 1_700_000_000.0

    with MessageStore(tmp_path / "chat.db", clock=clock) as store:
        store.create_conversation("ab", ["alice", "bob"])
        with pytest.raises(OSError, match="clock unavailable"):
            store.append("ab", "alice", "m-1", "lost")
        assert store.cursors("bob") == {"ab": (0, 0)}  # the counter did not move
        assert store.append("ab", "alice", "m-1", "again")[0].seq == 1
        assert store.append("ab", "alice", "m-2", "next")[0].seq == 2
        assert [m.seq for m in store.after("ab", "bob", 0)] == [1, 2]
