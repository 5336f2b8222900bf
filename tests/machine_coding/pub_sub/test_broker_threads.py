"""The Broker claims thread-safe publish, dispatch and ack: hammer it and count."""

from __future__ import annotations

import threading
from collections import defaultdict

from examples.machine_coding.clock import ManualClock
from examples.machine_coding.pub_sub.broker import Broker
from examples.machine_coding.pub_sub.messages import Delivery

THREADS = 8
PER_THREAD = 2_000


def make_broker() -> tuple[Broker, dict[str, list[Delivery]]]:
    broker = Broker(clock=ManualClock(), max_pending=THREADS * PER_THREAD)
    broker.create_topic("t")
    received: dict[str, list[Delivery]] = defaultdict(list)
    for name in ("a", "b", "c"):

        def handle(delivery: Delivery, name: str = name) -> None:
            received[name].append(delivery)
            broker.ack(name, delivery.message.id)

        broker.subscribe("t", name, handle)
    return broker, received


def assert_each_subscriber_got_everything_once_in_order(received: dict[str, list[Delivery]], total: int) -> None:
    assert sorted(received) == ["a", "b", "c"]
    for deliveries in received.values():
        ids = [d.message.id for d in deliveries]
        assert ids == list(range(1, total + 1))  # exactly once, in publish order
        assert all(d.attempt == 1 for d in deliveries)
        # Each publisher's own messages keep that publisher's order.
        by_thread: dict[str, list[int]] = defaultdict(list)
        for d in deliveries:
            thread, sequence = str(d.message.payload).split(":")
            by_thread[thread].append(int(sequence))
        assert all(seq == sorted(seq) for seq in by_thread.values())


def test_many_publisher_threads_lose_and_duplicate_nothing() -> None:
    broker, received = make_broker()
    start = threading.Barrier(THREADS)

    def publish_many(thread: int) -> None:
        start.wait()
        for n in range(PER_THREAD):
            broker.publish("t", f"{thread}:{n}")

    threads = [threading.Thread(target=publish_many, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    while broker.dispatch():
        pass
    assert_each_subscriber_got_everything_once_in_order(received, THREADS * PER_THREAD)


def test_publishers_and_dispatchers_running_together() -> None:
    broker, received = make_broker()
    publishers, dispatchers = THREADS // 2, THREADS // 2
    start = threading.Barrier(publishers + dispatchers)
    published = threading.Event()
    remaining = [publishers]
    remaining_lock = threading.Lock()

    def publish_many(thread: int) -> None:
        start.wait()
        for n in range(PER_THREAD):
            broker.publish("t", f"{thread}:{n}")
        with remaining_lock:
            remaining[0] -= 1
            if remaining[0] == 0:
                published.set()

    def dispatch_until_drained() -> None:
        start.wait()
        while not (published.is_set() and all(broker.backlog("t", s) == 0 for s in "abc")):
            broker.dispatch()

    threads = [threading.Thread(target=publish_many, args=(i,)) for i in range(publishers)]
    threads += [threading.Thread(target=dispatch_until_drained) for _ in range(dispatchers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
        assert not thread.is_alive()
    assert_each_subscriber_got_everything_once_in_order(received, publishers * PER_THREAD)
    assert broker.dead_letters() == ()
