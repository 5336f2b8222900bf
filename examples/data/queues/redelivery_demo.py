"""At-least-once delivery: a message comes back, and an idempotent consumer shrugs it off."""

# requires-server: rabbitmq

from __future__ import annotations

import json

from examples.data.queues.broker import connect, ready_count, temporary_topology
from examples.data.queues.idempotent import Ledger
from examples.data.queues.work_queue import publish

if __name__ == "__main__":
    # --8<-- [start:run]
    with (
        connect() as connection,
        temporary_topology(connection, "ex.redelivery") as topology,
        Ledger() as ledger,
    ):
        channel = connection.channel()
        channel.confirm_delivery()
        credit = json.dumps({"account": "acct-7", "cents": 500}).encode()
        publish(channel, topology.work, "credit-1", credit)

        # First delivery: the work commits, then the worker dies before its ack.
        # A reject with requeue=True has the same effect as that lost ack.
        method, properties, body = channel.basic_get(topology.work)
        print("first delivery, redelivered flag:", method.redelivered)
        #> first delivery, redelivered flag: False
        print("applied:", ledger.apply(properties.message_id, body))
        #> applied: True
        channel.basic_nack(method.delivery_tag, requeue=True)

        # The broker delivers the same message again, flagged as a redelivery.
        method, properties, body = channel.basic_get(topology.work)
        print("second delivery, redelivered flag:", method.redelivered)
        #> second delivery, redelivered flag: True
        print("applied:", ledger.apply(properties.message_id, body))
        #> applied: False
        channel.basic_ack(method.delivery_tag)  # the ack is what removes it

        print("balance:", ledger.balance("acct-7"))
        #> balance: 500
        print("left in queue:", ready_count(channel, topology.work))
        #> left in queue: 0
    # --8<-- [end:run]
