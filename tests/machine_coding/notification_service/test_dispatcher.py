"""run_due(): retries at the scheduled times, permanent failures, the DLQ,
preferences rechecked at send time, a property over random failure
sequences, and many threads dispatching at once."""

# ruff: noqa: S311  (seeded Random makes jitter reproducible, not secret)

from __future__ import annotations

import random
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.machine_coding.notification_service.dispatcher import (
    DeadLetter,
    DeadLetterQueue,
    Dispatcher,
)
from examples.machine_coding.notification_service.model import (
    Channel,
    Delivery,
    DeliveryStatus,
    Message,
    SendRequest,
)
from examples.machine_coding.notification_service.preferences import UserDirectory
from examples.machine_coding.notification_service.providers import (
    FakeProvider,
    Outcome,
    TransientProviderError,
)
from examples.machine_coding.notification_service.repository import InMemoryRepository
from examples.machine_coding.notification_service.sample_data import START, TEMPLATES, USERS
from examples.machine_coding.notification_service.wiring import (
    DEFAULT_POLICIES,
    NotificationSystem,
    build_system,
)
from examples.role.notification_retry_schedule import RetryPolicy

NOON = START + 13.5 * 3600  # 12:00 in Berlin: outside Ada's quiet hours
SEED = 11


def make(now: float = NOON, **kwargs: object) -> NotificationSystem:
    return build_system(templates=TEMPLATES, users=USERS, now=now, seed=SEED, **kwargs)


def code(channels: tuple[str, ...] = ("sms",)) -> SendRequest:
    return SendRequest("ada", "login_code", channels, {"code": "123456"})


def drain(system: NotificationSystem) -> list[tuple[float, Delivery]]:
    """Run to the end, jumping to each due time; (time, new state) per step."""
    steps = []
    while (due := system.dispatcher.next_due_at()) is not None:
        steps.extend((due, d) for d in system.dispatcher.run_due(due))
    return steps


def only(system: NotificationSystem, notification_id: str) -> Delivery:
    (delivery,) = system.service.status(notification_id).deliveries
    return delivery


def test_a_queued_delivery_is_sent_on_the_first_run() -> None:
    system = make()
    nid = system.service.send(code()).notification.id
    (result,) = system.dispatcher.run_due(NOON)
    assert result.status is DeliveryStatus.SENT
    assert (result.attempts, result.sent_at, result.provider_message_id) == (1, NOON, "sms-1")
    assert only(system, nid) == result
    (sent,) = system.providers[Channel.SMS].sent
    assert (sent.address, sent.idempotency_key) == ("+15555550100", f"{nid}:sms")
    assert sent.message == Message("Your login code is 123456. It expires in 5 minutes.")


def test_nothing_runs_before_it_is_due() -> None:
    system = make()
    system.service.send(code())
    assert system.dispatcher.run_due(NOON - 1) == []
    assert system.providers[Channel.SMS].calls == 0


def test_two_transient_failures_then_sent_after_three_attempts_at_the_scheduled_times() -> None:
    system = make()
    system.providers[Channel.SMS].fail_next("transient", "transient")
    nid = system.service.send(code()).notification.id
    # The same seed and the same policy give the waits the dispatcher will draw.
    policy, replica = DEFAULT_POLICIES[Channel.SMS], random.Random(SEED)
    first_wait = policy.delay(1, replica)
    second_wait = policy.delay(2, replica)
    assert 0 <= first_wait <= 1 and 0 <= second_wait <= 2  # full jitter under each ceiling

    steps = drain(system)
    assert [(t, d.attempts, d.status) for t, d in steps] == [
        (NOON, 1, DeliveryStatus.QUEUED),
        (NOON + first_wait, 2, DeliveryStatus.QUEUED),
        (NOON + first_wait + second_wait, 3, DeliveryStatus.SENT),
    ]
    final = only(system, nid)
    assert final.last_error is None
    assert final.waited_s == pytest.approx(first_wait + second_wait)
    assert system.providers[Channel.SMS].calls == 3
    assert len(system.providers[Channel.SMS].sent) == 1


def test_while_waiting_for_a_retry_the_status_says_why() -> None:
    system = make()
    system.providers[Channel.SMS].fail_next("transient")
    nid = system.service.send(code()).notification.id
    system.dispatcher.run_due(NOON)
    waiting = only(system, nid)
    assert waiting.status is DeliveryStatus.QUEUED
    assert waiting.attempts == 1
    assert waiting.last_error == "sms provider timed out"
    assert waiting.due_at == system.dispatcher.next_due_at()
    assert waiting.due_at > NOON


def test_a_permanent_failure_is_not_retried() -> None:
    system = make()
    system.providers[Channel.SMS].fail_next("permanent")
    nid = system.service.send(code()).notification.id
    steps = drain(system)
    assert [(d.status, d.attempts) for _, d in steps] == [(DeliveryStatus.FAILED, 1)]
    assert only(system, nid).last_error == "sms address rejected"
    assert system.providers[Channel.SMS].calls == 1
    assert len(system.dead_letters) == 0


def test_used_up_retries_go_to_the_dead_letter_queue() -> None:
    system = make()
    policy = DEFAULT_POLICIES[Channel.IN_APP]
    system.providers[Channel.IN_APP].fail_next(*["transient"] * 50)
    nid = system.service.send(code(("in_app",))).notification.id
    drain(system)
    final = only(system, nid)
    assert final.status is DeliveryStatus.DEAD_LETTERED
    assert final.attempts == policy.max_retries + 1
    assert system.providers[Channel.IN_APP].calls == policy.max_retries + 1
    (entry,) = system.dead_letters.entries()
    assert entry.delivery == final
    assert entry.reason == "retries used up: in_app provider timed out"
    assert system.dispatcher.next_due_at() is None


def test_a_passed_deadline_dead_letters_before_the_retries_run_out() -> None:
    tight = RetryPolicy(base_delay_s=10, max_delay_s=10, max_retries=50, deadline_s=15)
    system = make(policies={**DEFAULT_POLICIES, Channel.SMS: tight})
    system.providers[Channel.SMS].fail_next(*["transient"] * 100)
    nid = system.service.send(code()).notification.id
    drain(system)
    final = only(system, nid)
    assert final.status is DeliveryStatus.DEAD_LETTERED
    assert final.attempts < 51
    assert final.waited_s <= tight.deadline_s
    assert system.dead_letters.entries()[0].reason.startswith("deadline passed")


class Broken:
    """A provider with a bug: it raises something that is not a ProviderError."""

    def __init__(self) -> None:
        self.calls = 0

    def send(self, address: str, message: Message, *, idempotency_key: str) -> str:
        self.calls += 1
        if self.calls == 1:
            raise RuntimeError("connection reset")
        return "ok-1"


def test_an_unclassified_error_is_retried_like_a_transient_one() -> None:
    system = make()
    broken = Broken()
    dispatcher = Dispatcher(
        repository=system.repository,
        users=system.users,
        providers={**system.providers, Channel.SMS: broken},
        policies=DEFAULT_POLICIES,
        dead_letters=system.dead_letters,
        rng=random.Random(SEED),
    )
    nid = system.service.send(code()).notification.id
    (first,) = dispatcher.run_due(NOON)
    assert (first.status, first.last_error) == (DeliveryStatus.QUEUED, "connection reset")
    next_due = dispatcher.next_due_at()
    assert next_due is not None
    dispatcher.run_due(next_due)
    assert only(system, nid).status is DeliveryStatus.SENT


class ZeroJitter(random.Random):
    """Always the shortest wait, so a retry falls due at once."""

    def uniform(self, a: float, b: float) -> float:
        return a


def test_a_retry_due_immediately_waits_for_the_next_call() -> None:
    system = make()
    dispatcher = Dispatcher(
        repository=system.repository,
        users=system.users,
        providers=system.providers,
        policies=DEFAULT_POLICIES,
        dead_letters=system.dead_letters,
        rng=ZeroJitter(),
    )
    system.providers[Channel.SMS].fail_next("transient")
    system.service.send(code())
    assert [d.attempts for d in dispatcher.run_due(NOON)] == [1]  # one call, one attempt
    assert [d.status for d in dispatcher.run_due(NOON)] == [DeliveryStatus.SENT]


def test_an_opt_out_after_accepting_is_respected_at_send_time() -> None:
    system = make()
    request = SendRequest("ada", "order_shipped", ("push",), {"name": "Ada", "order_id": "1"})
    nid = system.service.send(request).notification.id
    system.users.opt_out("ada", Channel.PUSH, "orders")
    (result,) = system.dispatcher.run_due(NOON)
    assert (result.status, result.attempts) == (DeliveryStatus.SUPPRESSED, 0)
    assert system.providers[Channel.PUSH].calls == 0
    assert only(system, nid).status is DeliveryStatus.SUPPRESSED


def test_a_retry_that_falls_in_quiet_hours_is_deferred_to_the_morning() -> None:
    ten_to_ten = START - 40 * 60  # 21:50 in Berlin, ten minutes before quiet hours
    system = make(ten_to_ten)
    system.providers[Channel.EMAIL].fail_next("transient")
    request = SendRequest("ada", "order_shipped", ("email",), {"name": "Ada", "order_id": "1"})
    nid = system.service.send(request).notification.id
    system.dispatcher.run_due(ten_to_ten)  # fails; email retries after up to 30 s
    retry_at = system.dispatcher.next_due_at()
    assert retry_at is not None
    system.dispatcher.run_due(retry_at)  # still 21:50: sent
    assert only(system, nid).status is DeliveryStatus.SENT

    system.providers[Channel.EMAIL].fail_next(*["transient"] * 6)
    late = system.service.send(request).notification.id
    steps = drain(system)
    deferred = [d for _, d in steps if d.status is DeliveryStatus.DEFERRED]
    assert deferred and deferred[0].due_at == START + 8.5 * 3600  # 07:00 Berlin
    assert only(system, late).status is DeliveryStatus.SENT
    assert only(system, late).sent_at == START + 8.5 * 3600


def test_a_deleted_user_fails_the_pending_deliveries() -> None:
    system = make()
    nid = system.service.send(code()).notification.id
    system.users.remove("ada")
    (result,) = system.dispatcher.run_due(NOON)
    assert (result.status, result.last_error) == (DeliveryStatus.FAILED, "user deleted")
    assert only(system, nid).status is DeliveryStatus.FAILED


def test_run_due_respects_its_limit_earliest_first() -> None:
    system = make()
    ids = [system.service.send(code()).notification.id for _ in range(5)]
    assert [d.notification_id for d in system.dispatcher.run_due(NOON, limit=2)] == ids[:2]
    assert [d.notification_id for d in system.dispatcher.run_due(NOON, limit=10)] == ids[2:]


def test_the_dispatcher_needs_a_provider_and_a_policy_for_every_channel() -> None:
    providers = {c: FakeProvider(c) for c in Channel if c is not Channel.PUSH}
    with pytest.raises(ValueError, match="no provider or retry policy for: push"):
        Dispatcher(
            repository=InMemoryRepository(),
            users=UserDirectory(),
            providers=providers,
            policies=DEFAULT_POLICIES,
            dead_letters=DeadLetterQueue(),
            rng=random.Random(0),
        )


def test_the_dead_letter_queue_keeps_entries_in_order() -> None:
    queue = DeadLetterQueue()
    one = Delivery("a", Channel.SMS, "+1", DeliveryStatus.DEAD_LETTERED, 0.0)
    two = Delivery("b", Channel.SMS, "+1", DeliveryStatus.DEAD_LETTERED, 0.0)
    queue.put(DeadLetter(one, "x", 1.0))
    queue.put(DeadLetter(two, "y", 2.0))
    assert [e.delivery.notification_id for e in queue.entries()] == ["a", "b"]
    queue.entries().clear()
    assert len(queue) == 2


# --- a property over random failure sequences ---

outcomes = st.sampled_from(list(Outcome))
SMALL = RetryPolicy(base_delay_s=1, max_delay_s=8, max_retries=3, deadline_s=10_000)


def expected(script: list[Outcome], opted_out: bool) -> tuple[DeliveryStatus, int]:
    """The model: the first non-transient outcome decides, within 1 + max_retries attempts."""
    if opted_out:
        return DeliveryStatus.SUPPRESSED, 0
    for attempt in range(1, SMALL.max_retries + 2):
        outcome = script[attempt - 1] if attempt <= len(script) else Outcome.OK
        if outcome is Outcome.OK:
            return DeliveryStatus.SENT, attempt
        if outcome is Outcome.PERMANENT:
            return DeliveryStatus.FAILED, attempt
    return DeliveryStatus.DEAD_LETTERED, SMALL.max_retries + 1


@settings(max_examples=150, deadline=None)
@given(
    scripts=st.dictionaries(st.sampled_from(list(Channel)), st.lists(outcomes, max_size=6), min_size=1),
    opted_out=st.sets(st.sampled_from(list(Channel))),
    seed=st.integers(0, 2**16),
)
def test_every_delivery_ends_in_exactly_one_terminal_state_and_is_sent_at_most_once(
    scripts: dict[Channel, list[Outcome]], opted_out: set[Channel], seed: int
) -> None:
    system = build_system(
        templates=TEMPLATES,
        users=USERS,
        now=NOON,
        seed=seed,
        policies=dict.fromkeys(Channel, SMALL),
    )
    for channel, script in scripts.items():
        system.providers[channel].fail_next(*script)
    for channel in opted_out:
        system.users.opt_out("ada", channel, "security")
    channels = tuple(c.value for c in scripts)
    nid = system.service.send(code(channels)).notification.id

    steps = drain(system)

    assert system.dispatcher.next_due_at() is None
    finals = {d.channel: d for d in system.service.status(nid).deliveries}
    for channel, script in scripts.items():
        status, attempts = expected(script, channel in opted_out)
        assert (finals[channel].status, finals[channel].attempts) == (status, attempts)
        assert finals[channel].status.terminal
        # Exactly one terminal step per delivery in the history (none for a
        # delivery suppressed at accept time: it never entered the queue).
        terminal_steps = [d for _, d in steps if d.channel is channel and d.status.terminal]
        assert len(terminal_steps) == (0 if channel in opted_out else 1)
        sent = system.providers[channel].sent
        assert len(sent) == (1 if status is DeliveryStatus.SENT else 0)
    dead = {e.delivery.channel for e in system.dead_letters.entries()}
    assert dead == {c for c, d in finals.items() if d.status is DeliveryStatus.DEAD_LETTERED}


# --- many dispatchers at once ---


def test_many_threads_dispatching_send_each_delivery_at_most_once() -> None:
    system = make()
    total = 2_000
    for n in range(total):
        system.service.send(code(("in_app",)), idempotency_key=f"k{n}")
    # Failures scattered across the run: some deliveries retry, a few may die.
    system.providers[Channel.IN_APP].fail_next(*(["transient", "ok", "ok"] * 300))
    threads = 8
    barrier = threading.Barrier(threads)

    def worker() -> None:
        barrier.wait()
        while (due := system.dispatcher.next_due_at()) is not None:
            system.dispatcher.run_due(due, limit=25)

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    drain(system)  # a thread may stop while another still holds a retry

    statuses = [only(system, f"ntf_{n}").status for n in range(1, total + 1)]
    sent_keys = [s.idempotency_key for s in system.providers[Channel.IN_APP].sent]
    assert len(sent_keys) == len(set(sent_keys))  # never twice
    assert statuses.count(DeliveryStatus.SENT) == len(sent_keys)
    assert statuses.count(DeliveryStatus.DEAD_LETTERED) == len(system.dead_letters)
    assert len(sent_keys) + len(system.dead_letters) == total  # nothing lost


class FlakyDirectory(UserDirectory):
    """A directory with a bug: looking up `bad_id` crashes."""

    def __init__(self, users: tuple, bad_id: str) -> None:
        super().__init__(users)
        self.bad_id = bad_id

    def get(self, user_id: str):
        if user_id == self.bad_id:
            raise RuntimeError("directory bug")
        return super().get(user_id)


def flaky_dispatcher(system: NotificationSystem, bad_id: str) -> tuple[Dispatcher, FlakyDirectory]:
    directory = FlakyDirectory(USERS, bad_id=bad_id)
    dispatcher = Dispatcher(
        repository=system.repository,
        users=directory,
        providers=system.providers,
        policies=DEFAULT_POLICIES,
        dead_letters=system.dead_letters,
        rng=random.Random(SEED),
    )
    return dispatcher, directory


BOB = SendRequest("bob", "order_shipped", ("in_app",), {"name": "Bob", "order_id": "1"})


def test_a_crash_on_one_delivery_does_not_stop_the_batch(caplog: pytest.LogCaptureFixture) -> None:
    system = make()
    dispatcher, _ = flaky_dispatcher(system, bad_id="bob")
    ids = [system.service.send(r).notification.id for r in (code(), BOB, code(), code())]
    with caplog.at_level("ERROR"):
        results = dispatcher.run_due(NOON)
    assert [d.status for d in results] == [DeliveryStatus.SENT, DeliveryStatus.QUEUED, *[DeliveryStatus.SENT] * 2]
    crashed = only(system, ids[1])
    assert crashed.attempts == 1
    assert crashed.last_error == "dispatcher error: RuntimeError('directory bug')"
    assert NOON < crashed.due_at <= NOON + DEFAULT_POLICIES[Channel.IN_APP].ceiling(1)
    assert len(system.providers[Channel.SMS].sent) == 3
    assert f"dispatching {ids[1]}:in_app failed" in caplog.text
    assert "RuntimeError: directory bug" in caplog.text  # the traceback is logged


def test_a_delivery_that_always_crashes_cannot_block_the_queue() -> None:
    system = make()
    dispatcher, _ = flaky_dispatcher(system, bad_id="bob")
    poison = system.service.send(BOB).notification.id  # the earliest due
    later = [system.service.send(code()).notification.id for _ in range(3)]
    # A worker that takes one delivery per call: the poison one must not be
    # handed out again at once, or nothing behind it would ever be sent.
    for _ in range(4):
        dispatcher.run_due(NOON, limit=1)
    assert [only(system, nid).status for nid in later] == [DeliveryStatus.SENT] * 3
    while (due := dispatcher.next_due_at()) is not None:
        dispatcher.run_due(due)
    final = only(system, poison)
    assert final.status is DeliveryStatus.DEAD_LETTERED
    assert final.attempts == DEFAULT_POLICIES[Channel.IN_APP].max_retries + 1
    (entry,) = system.dead_letters.entries()
    assert entry.reason == "retries used up: dispatcher error: RuntimeError('directory bug')"


class Interrupting(FakeProvider):
    """A provider whose call is interrupted, as by Ctrl-C: not an Exception."""

    def send(self, address: str, message: Message, *, idempotency_key: str) -> str:
        raise KeyboardInterrupt


def test_an_interrupt_mid_batch_loses_no_delivery() -> None:
    system = make()
    dispatcher = Dispatcher(
        repository=system.repository,
        users=system.users,
        providers={**system.providers, Channel.IN_APP: Interrupting(Channel.IN_APP)},
        policies=DEFAULT_POLICIES,
        dead_letters=system.dead_letters,
        rng=random.Random(SEED),
    )
    ada_in_app = SendRequest("ada", "login_code", ("in_app",), {"code": "1"})
    ids = [system.service.send(r).notification.id for r in (code(), ada_in_app, code())]
    with pytest.raises(KeyboardInterrupt):
        dispatcher.run_due(NOON)
    # The first was sent; the interrupted one and the one after it are queued again as they were.
    assert [only(system, nid).status for nid in ids] == [
        DeliveryStatus.SENT,
        DeliveryStatus.QUEUED,
        DeliveryStatus.QUEUED,
    ]
    assert [only(system, nid).attempts for nid in ids[1:]] == [0, 0]
    assert system.repository.pending() == 2
    assert system.dispatcher.run_due(NOON)[0].notification_id == ids[1]


# --- a provider's Retry-After ---


class RateLimited:
    """A provider that answers 429 with Retry-After `seconds`, `times` times."""

    def __init__(self, seconds: float, times: int) -> None:
        self.seconds, self.times, self.calls = seconds, times, []

    def send(self, address: str, message: Message, *, idempotency_key: str) -> str:
        self.calls.append(idempotency_key)
        if len(self.calls) <= self.times:
            raise TransientProviderError("429 Too Many Requests", retry_after_s=self.seconds)
        return "ok"


def dispatcher_with(system: NotificationSystem, channel: Channel, provider: object) -> Dispatcher:
    return Dispatcher(
        repository=system.repository,
        users=system.users,
        providers={**system.providers, channel: provider},
        policies=DEFAULT_POLICIES,
        dead_letters=system.dead_letters,
        rng=random.Random(SEED),
    )


def test_a_retry_waits_at_least_the_providers_retry_after() -> None:
    system = make()
    dispatcher = dispatcher_with(system, Channel.SMS, RateLimited(seconds=5, times=1))
    nid = system.service.send(code()).notification.id
    (limited,) = dispatcher.run_due(NOON)
    # The SMS backoff ceiling before retry 1 is 1 s; the provider said 5.
    assert (limited.status, limited.due_at, limited.waited_s) == (DeliveryStatus.QUEUED, NOON + 5, 5)
    assert dispatcher.run_due(NOON + 4.9) == []
    assert [d.status for d in dispatcher.run_due(NOON + 5)] == [DeliveryStatus.SENT]
    assert only(system, nid).attempts == 2


def test_a_retry_after_longer_than_the_deadline_dead_letters_at_once() -> None:
    system = make()
    provider = RateLimited(seconds=60, times=1)  # SMS deadline: 30 s of waiting
    dispatcher = dispatcher_with(system, Channel.SMS, provider)
    system.service.send(code())
    (result,) = dispatcher.run_due(NOON)
    assert result.status is DeliveryStatus.DEAD_LETTERED
    assert system.dead_letters.entries()[0].reason == "deadline passed: 429 Too Many Requests"
    assert len(provider.calls) == 1


def test_a_jittered_wait_longer_than_the_retry_after_is_kept() -> None:
    system = make()
    dispatcher = dispatcher_with(system, Channel.EMAIL, RateLimited(seconds=0, times=1))
    system.service.send(SendRequest("ada", "order_shipped", ("email",), {"name": "Ada", "order_id": "1"}))
    (result,) = dispatcher.run_due(NOON)
    expected = DEFAULT_POLICIES[Channel.EMAIL].delay(1, random.Random(SEED))
    assert result.due_at == NOON + expected


@pytest.mark.parametrize("seconds", [-1.0, float("nan"), float("inf")])
def test_a_retry_after_must_be_a_finite_non_negative_time(seconds: float) -> None:
    with pytest.raises(ValueError, match="retry_after_s"):
        TransientProviderError("429", retry_after_s=seconds)
