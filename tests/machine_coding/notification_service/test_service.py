"""send() and status(): behavior, every kind of bad input, idempotency, threads."""

from __future__ import annotations

import threading

import pytest

from examples.machine_coding.notification_service.errors import (
    IdempotencyConflictError,
    InvalidVariableError,
    MissingAddressError,
    MissingVariableError,
    NotificationNotFoundError,
    UnknownTemplateError,
    UnknownUserError,
)
from examples.machine_coding.notification_service.model import (
    Channel,
    DeliveryStatus,
    Message,
    SendRequest,
)
from examples.machine_coding.notification_service.sample_data import START, TEMPLATES, USERS
from examples.machine_coding.notification_service.service import SequentialIds
from examples.machine_coding.notification_service.wiring import NotificationSystem, build_system

NOON_BERLIN = START + 13.5 * 3600  # 11:00 UTC next day, 12:00 in Berlin: not quiet


def make(now: float = NOON_BERLIN) -> NotificationSystem:
    return build_system(templates=TEMPLATES, users=USERS, now=now)


def shipped(user: str = "ada", channels: tuple[str, ...] = ("email", "sms"), **variables: str) -> SendRequest:
    values = {"name": "Ada", "order_id": "8812", **variables}
    return SendRequest(user, "order_shipped", channels, values)


def test_send_stores_rendered_messages_and_queues_each_channel() -> None:
    system = make()
    accepted = system.service.send(shipped())
    notification = accepted.notification
    assert accepted.created
    assert notification.id == "ntf_1"
    assert notification.category == "orders"
    assert not notification.urgent
    assert notification.created_at == NOON_BERLIN
    assert notification.messages[Channel.SMS] == Message("Hi Ada, order 8812 has shipped.")
    assert notification.messages[Channel.EMAIL].subject == "Order 8812 has shipped"
    deliveries = system.service.status(notification.id).deliveries
    assert [(d.channel, d.status, d.due_at, d.address) for d in deliveries] == [
        (Channel.EMAIL, DeliveryStatus.QUEUED, NOON_BERLIN, "ada@example.com"),
        (Channel.SMS, DeliveryStatus.QUEUED, NOON_BERLIN, "+15555550100"),
    ]
    # Accepting sends nothing; that is the dispatcher's job.
    assert all(provider.calls == 0 for provider in system.providers.values())


def test_a_non_urgent_message_in_quiet_hours_is_deferred_to_their_end() -> None:
    system = make(START)  # 22:30 in Berlin
    accepted = system.service.send(shipped())
    for delivery in system.service.status(accepted.notification.id).deliveries:
        assert delivery.status is DeliveryStatus.DEFERRED
        assert delivery.due_at == START + 8.5 * 3600  # 07:00 Berlin


def test_an_urgent_message_ignores_quiet_hours() -> None:
    system = make(START)
    accepted = system.service.send(SendRequest("ada", "login_code", ("sms",), {"code": "1"}))
    (delivery,) = system.service.status(accepted.notification.id).deliveries
    assert accepted.notification.urgent
    assert (delivery.status, delivery.due_at) == (DeliveryStatus.QUEUED, START)


def test_an_opted_out_channel_is_suppressed_and_the_others_still_go() -> None:
    system = make()
    request = SendRequest("bob", "weekly_digest", ("email", "in_app"), {"name": "Bob", "count": "2"})
    deliveries = system.service.status(system.service.send(request).notification.id).deliveries
    assert [d.status for d in deliveries] == [DeliveryStatus.SUPPRESSED, DeliveryStatus.QUEUED]
    assert system.repository.pending() == 1


@pytest.mark.parametrize(
    ("request_", "error", "message"),
    [
        (SendRequest("ada", "nope", ("sms",)), UnknownTemplateError, "no template named 'nope'"),
        (shipped(user="ghost"), UnknownUserError, "no user with id 'ghost'"),
        (
            SendRequest("ada", "order_shipped", ("sms",), {"name": "Ada"}),
            MissingVariableError,
            "needs variables: order_id",
        ),
        (shipped(user="bob", channels=("sms",)), MissingAddressError, "no address for channel 'sms'"),
        (shipped(order_id="1\r\nBcc: x@example.com"), InvalidVariableError, "line break"),
    ],
)
def test_a_refused_request_leaves_no_trace(request_: SendRequest, error: type, message: str) -> None:
    system = make()
    with pytest.raises(error, match=message):
        system.service.send(request_, idempotency_key="k1")
    assert system.repository.pending() == 0
    # The key was not used up by the failed attempt, and no id was spent.
    accepted = system.service.send(shipped(), idempotency_key="k1")
    assert accepted.created
    assert accepted.notification.id == "ntf_1"


@pytest.mark.parametrize("key", ["", "has space", "x" * 256, "caf\u00e9", "line\nbreak"])
def test_a_malformed_idempotency_key_is_refused(key: str) -> None:
    system = make()
    with pytest.raises(ValueError, match="idempotency key"):
        system.service.send(shipped(), idempotency_key=key)
    assert system.repository.pending() == 0


def test_same_key_same_request_returns_the_first_notification() -> None:
    system = make()
    first = system.service.send(shipped(), idempotency_key="orders:8812")
    # Channel order does not change what the request means.
    again = system.service.send(shipped(channels=("sms", "email")), idempotency_key="orders:8812")
    assert not again.created
    assert again.notification == first.notification
    assert system.repository.pending() == 2  # one email, one SMS, not four
    system.dispatcher.run_due(NOON_BERLIN)
    assert len(system.providers[Channel.SMS].sent) == 1


def test_same_key_different_request_is_a_conflict_and_changes_nothing() -> None:
    system = make()
    first = system.service.send(shipped(), idempotency_key="orders:8812")
    with pytest.raises(IdempotencyConflictError) as caught:
        system.service.send(shipped(order_id="9999"), idempotency_key="orders:8812")
    # The key may belong to another caller: the error does not name its notification.
    assert str(caught.value) == "idempotency key 'orders:8812' was already used for a different request"
    assert caught.value.field == "idempotency_key"
    assert system.service.status("ntf_1").notification == first.notification
    assert system.repository.pending() == 2


def test_without_a_key_every_send_is_new() -> None:
    system = make()
    ids = {system.service.send(shipped()).notification.id for _ in range(3)}
    assert ids == {"ntf_1", "ntf_2", "ntf_3"}


def test_status_of_an_unknown_notification() -> None:
    with pytest.raises(NotificationNotFoundError, match="'ntf_404'"):
        make().service.status("ntf_404")


def test_many_threads_with_one_key_make_exactly_one_notification() -> None:
    system = make()
    threads = 16
    barrier = threading.Barrier(threads)
    results = []
    lock = threading.Lock()

    def caller() -> None:
        barrier.wait()
        for _ in range(200):  # a caller retrying hard
            accepted = system.service.send(shipped(), idempotency_key="retry-storm")
            with lock:
                results.append(accepted)

    pool = [threading.Thread(target=caller) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    assert len(results) == threads * 200
    assert sum(r.created for r in results) == 1
    assert {r.notification.id for r in results} == {results[0].notification.id}
    assert system.repository.pending() == 2
    system.dispatcher.run_due(NOON_BERLIN)
    assert len(system.providers[Channel.EMAIL].sent) == 1
    assert len(system.providers[Channel.SMS].sent) == 1


def test_many_threads_with_distinct_keys_lose_nothing() -> None:
    system = make()
    threads, per_thread = 8, 250
    barrier = threading.Barrier(threads)

    def caller(t: int) -> None:
        barrier.wait()
        for n in range(per_thread):
            system.service.send(shipped(channels=("in_app",)), idempotency_key=f"{t}-{n}")

    pool = [threading.Thread(target=caller, args=(t,)) for t in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    assert system.repository.pending() == threads * per_thread
    system.dispatcher.run_due(NOON_BERLIN, limit=10_000)
    sent = system.providers[Channel.IN_APP].sent
    assert len({s.idempotency_key for s in sent}) == threads * per_thread


def test_sequential_ids_are_unique_across_threads() -> None:
    new_id = SequentialIds("x")
    seen: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(8)

    def worker() -> None:
        barrier.wait()
        mine = [new_id() for _ in range(1_000)]
        with lock:
            seen.extend(mine)

    pool = [threading.Thread(target=worker) for _ in range(8)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    assert sorted(seen, key=lambda s: int(s[1:])) == [f"x{n}" for n in range(1, 8_001)]
