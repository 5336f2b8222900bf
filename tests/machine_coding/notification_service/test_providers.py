"""The fake provider follows its script, records what it accepted, and is thread-safe."""

from __future__ import annotations

import threading

import pytest

from examples.machine_coding.notification_service.model import Channel, Message
from examples.machine_coding.notification_service.providers import (
    FakeProvider,
    Outcome,
    PermanentProviderError,
    Provider,
    ProviderError,
    TransientProviderError,
)

HELLO = Message(body="hello")


def test_the_fake_satisfies_the_provider_protocol() -> None:
    provider: Provider = FakeProvider(Channel.SMS)
    assert provider.send("+1", HELLO, idempotency_key="k") == "sms-1"


def test_the_script_runs_in_order_then_everything_succeeds() -> None:
    provider = FakeProvider(Channel.SMS, ["transient", Outcome.PERMANENT])
    with pytest.raises(TransientProviderError, match="timed out"):
        provider.send("+1", HELLO, idempotency_key="a")
    with pytest.raises(PermanentProviderError, match="rejected"):
        provider.send("+1", HELLO, idempotency_key="a")
    assert provider.send("+1", HELLO, idempotency_key="a") == "sms-1"
    assert provider.send("+2", HELLO, idempotency_key="b") == "sms-2"
    assert provider.calls == 4
    assert [(s.address, s.idempotency_key) for s in provider.sent] == [("+1", "a"), ("+2", "b")]


def test_both_error_kinds_are_provider_errors() -> None:
    assert issubclass(TransientProviderError, ProviderError)
    assert issubclass(PermanentProviderError, ProviderError)


def test_fail_next_appends_to_the_script() -> None:
    provider = FakeProvider(Channel.EMAIL)
    provider.fail_next("transient")
    with pytest.raises(TransientProviderError):
        provider.send("a@example.com", HELLO, idempotency_key="k")
    assert provider.sent == []


def test_an_unknown_outcome_is_refused() -> None:
    with pytest.raises(ValueError, match="explode"):
        FakeProvider(Channel.SMS, ["explode"])
    provider = FakeProvider(Channel.SMS)
    with pytest.raises(ValueError, match="explode"):
        provider.fail_next("ok", "explode")
    assert provider.send("+1", HELLO, idempotency_key="k") == "sms-1"  # script unchanged


def test_sent_is_a_copy() -> None:
    provider = FakeProvider(Channel.PUSH)
    provider.send("d", HELLO, idempotency_key="k")
    provider.sent.clear()
    assert len(provider.sent) == 1


def test_many_threads_lose_no_message_and_reuse_no_id() -> None:
    provider = FakeProvider(Channel.PUSH, ["transient"] * 1_000)
    threads, per_thread = 8, 500
    barrier = threading.Barrier(threads)
    ids: list[str] = []
    failures: list[int] = []
    lock = threading.Lock()

    def worker() -> None:
        barrier.wait()
        mine, failed = [], 0
        for n in range(per_thread):
            try:
                mine.append(provider.send("d", HELLO, idempotency_key=str(n)))
            except TransientProviderError:
                failed += 1
        with lock:
            ids.extend(mine)
            failures.append(failed)

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    assert sum(failures) == 1_000
    assert len(ids) == len(set(ids)) == threads * per_thread - 1_000
    assert provider.calls == threads * per_thread
