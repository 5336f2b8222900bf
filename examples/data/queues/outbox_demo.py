"""The outbox end to end: PostgreSQL to RabbitMQ to an idempotent consumer."""

# requires-server: postgres, rabbitmq

from __future__ import annotations

from examples.data.queues import broker
from examples.data.queues.idempotent import Ledger
from examples.data.queues.outbox import (
    connect,
    place_order,
    relay_batch,
    temporary_schema,
    unsent_count,
    use_schema,
)


class Crash(Exception):
    """Stands in for the relay process dying."""


def crash(_claimed: list[str]) -> None:
    raise Crash


if __name__ == "__main__":
    with (
        temporary_schema() as schema,
        connect() as conn,
        broker.connect() as amqp,
        broker.temporary_topology(amqp, "ex.outbox") as topology,
        Ledger() as ledger,
    ):
        use_schema(conn, schema)
        channel = amqp.channel()
        channel.confirm_delivery()

        # --8<-- [start:rollback]
        try:
            with conn.transaction():
                place_order(conn, "o-1", "acct-7", 500)
                raise RuntimeError("payment declined")  # the caller gives up
        except RuntimeError:
            pass
        orders = conn.execute("SELECT count(*) FROM orders").fetchone()
        print(
            "after rollback: orders", orders[0], "| unsent events", unsent_count(conn)
        )
        #> after rollback: orders 0 | unsent events 0
        # --8<-- [end:rollback]

        # --8<-- [start:crash]
        place_order(conn, "o-2", "acct-7", 500)
        try:
            relay_batch(conn, channel, topology.work, after_publish=crash)
        except Crash:
            print("relay crashed after publishing; unsent events:", unsent_count(conn))
            #> relay crashed after publishing; unsent events: 1
        print("the next relay run sends", relay_batch(conn, channel, topology.work))
        #> the next relay run sends ['order-placed:o-2']
        print("unsent events:", unsent_count(conn))
        #> unsent events: 0

        applied = []
        while True:
            method, properties, body = channel.basic_get(topology.work)
            if method is None:
                break
            applied.append(ledger.apply(properties.message_id, body))
            channel.basic_ack(method.delivery_tag)
        print("deliveries applied:", applied)
        #> deliveries applied: [True, False]
        print("balance:", ledger.balance("acct-7"))
        #> balance: 500
        # --8<-- [end:crash]
