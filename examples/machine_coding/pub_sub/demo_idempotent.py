"""Lost acks cause duplicates; deduplicating by message id makes them harmless.

Two wallets subscribe to the same deposits. Both lose the ack of every odd
message on its first delivery, so those messages come back. Only one wallet
deduplicates.
"""

from __future__ import annotations

from collections.abc import Callable

from examples.machine_coding.clock import ManualClock
from examples.machine_coding.pub_sub.broker import Broker
from examples.machine_coding.pub_sub.idempotent import IdempotentConsumer
from examples.machine_coding.pub_sub.messages import Delivery, Message

# --8<-- [start:demo]
clock = ManualClock()
broker = Broker(clock=clock, ack_deadline=5.0, max_attempts=3)
broker.create_topic("deposits")
balances = {"naive": 0, "deduped": 0}  # in cents
deliveries = {"naive": 0, "deduped": 0}


def credit(wallet: str) -> Callable[[Message], None]:
    def apply(message: Message) -> None:
        balances[wallet] += int(message.payload)

    return apply


deduped = IdempotentConsumer(credit("deduped"))
naive_credit = credit("naive")


def wallet(name: str) -> Callable[[Delivery], None]:
    def handle(delivery: Delivery) -> None:
        deliveries[name] += 1
        if name == "deduped":
            deduped.handle(delivery.message)
        else:
            naive_credit(delivery.message)
        if delivery.attempt == 1 and delivery.message.id % 2 == 1:
            return  # processed, but the ack is lost on the way back
        broker.ack(name, delivery.message.id)

    return handle


broker.subscribe("deposits", "naive", wallet("naive"))
broker.subscribe("deposits", "deduped", wallet("deduped"))
for cents in ("1000", "250", "4999"):
    broker.publish("deposits", cents)
while broker.backlog("deposits", "naive") or broker.backlog("deposits", "deduped"):
    broker.dispatch()
    clock.advance(5.0)
print("deliveries:", deliveries)
#> deliveries: {'naive': 5, 'deduped': 5}
print("balances:", balances, "expected:", 1000 + 250 + 4999)
#> balances: {'naive': 12248, 'deduped': 6249} expected: 6249
# --8<-- [end:demo]
