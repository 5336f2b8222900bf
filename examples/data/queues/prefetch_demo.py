"""Two workers on one queue: prefetch decides how the work is spread."""

# requires-server: rabbitmq

from __future__ import annotations

from pika.adapters.blocking_connection import BlockingChannel

from examples.data.queues.broker import connect, ready_count, temporary_topology
from examples.data.queues.work_queue import publish


# --8<-- [start:held]
def held_by(channel: BlockingChannel, queue: str, prefetch: int) -> list[str]:
    """Subscribe with `prefetch` and return the ids the broker pushed to this worker."""
    channel.basic_qos(prefetch_count=prefetch)  # 0 means "no limit"
    held = []
    # Short idle timeout: we only collect what the broker already decided to push.
    for method, properties, _body in channel.consume(queue, inactivity_timeout=0.5):
        if method is None:
            break
        held.append(properties.message_id)
    return held


# --8<-- [end:held]


# --8<-- [start:spread]
def spread(prefetch: int) -> str:
    """Publish four jobs, let worker A then worker B subscribe, and say who holds what."""
    with connect() as connection, temporary_topology(connection, "ex.prefetch") as topo:
        producer = connection.channel()
        # Confirms: all four are in the queue before either worker subscribes.
        producer.confirm_delivery()
        for n in range(1, 5):
            publish(producer, topo.work, f"job-{n}", b"{}")
        # Separate connections stand in for two worker processes.
        with connect() as worker_a, connect() as worker_b:
            a = held_by(worker_a.channel(), topo.work, prefetch)
            b = held_by(worker_b.channel(), topo.work, prefetch)
            waiting = ready_count(producer, topo.work)
        # Closing the workers' connections requeues what they held unacknowledged.
    a_ids, b_ids = " ".join(a) or "nothing", " ".join(b) or "nothing"
    return f"prefetch={prefetch}: A holds {a_ids}; B holds {b_ids}; {waiting} waiting"


if __name__ == "__main__":
    print(spread(prefetch=0))
    #> prefetch=0: A holds job-1 job-2 job-3 job-4; B holds nothing; 0 waiting
    print(spread(prefetch=1))
    #> prefetch=1: A holds job-1; B holds job-2; 2 waiting
    # --8<-- [end:spread]
