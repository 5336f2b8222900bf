"""Retries with backoff, then the dead-letter queue, on a real RabbitMQ."""

# requires-server: rabbitmq

from __future__ import annotations

from collections import Counter

from examples.data.queues.broker import connect, ready_count, temporary_topology
from examples.data.queues.work_queue import drain, publish

# --8<-- [start:handlers]
tries: Counter[str] = Counter()


def flaky_then_fine(message_id: str, body: bytes) -> None:
    """Fails the first try of `flaky`, always fails `poison`, accepts the rest."""
    tries[message_id] += 1
    if message_id == "poison" or (message_id == "flaky" and tries[message_id] == 1):
        raise RuntimeError(f"cannot process {message_id}")


# --8<-- [end:handlers]

if __name__ == "__main__":
    # --8<-- [start:run]
    with (
        connect() as connection,
        temporary_topology(connection, "ex.retry", delays_ms=(20, 40)) as topology,
    ):
        channel = connection.channel()
        channel.confirm_delivery()  # publishes return only once the broker has them
        channel.basic_qos(prefetch_count=10)
        for message_id in ("fine", "flaky", "poison"):
            publish(channel, topology.work, message_id, b"{}")
        outcomes = drain(channel, topology, flaky_then_fine)
        # Deliveries interleave with retries; sort by message, then attempt.
        for outcome in sorted(outcomes, key=lambda o: (o.message_id, o.attempt)):
            print(outcome)
            #> fine attempt 1: acked
            #> flaky attempt 1: retry
            #> flaky attempt 2: acked
            #> poison attempt 1: retry
            #> poison attempt 2: retry
            #> poison attempt 3: dead-lettered
        print("work queue:", ready_count(channel, topology.work))
        #> work queue: 0
        _method, properties, _body = channel.basic_get(topology.dead, auto_ack=True)
        failed = properties.headers["failed-attempts"]
        print(f"dead-letter queue: {properties.message_id}, {failed} failed attempts")
        #> dead-letter queue: poison, 3 failed attempts
    # --8<-- [end:run]
