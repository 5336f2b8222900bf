"""The account on JetStream: a stale append is refused by the server, and a
read model rebuilt by replaying the stream equals the one kept up to date live."""

# requires-server: nats

from __future__ import annotations

import asyncio

from nats.js.api import ConsumerConfig

from examples.system_design.streams.account import Withdraw, decide, fold
from examples.system_design.streams.event_sourcing_demo import COMMANDS
from examples.system_design.streams.event_store import BalanceView, ConcurrencyError
from examples.system_design.streams.jetstream import (
    DEMO_TIMEOUT_SECONDS,
    connect,
    scratch_stream,
)
from examples.system_design.streams.jetstream_store import (
    JetStreamEventStore,
    execute,
)


async def main() -> None:
    async with (
        asyncio.timeout(DEMO_TIMEOUT_SECONDS),
        connect() as js,
        scratch_stream(js, "BANK") as stream,
    ):
        store = JetStreamEventStore(js, stream)
        # --8<-- [start:live]
        # The live read model follows the stream through its own durable consumer.
        view_consumer = ConsumerConfig(
            durable_name="balance-view", filter_subject=f"{stream}.account.*"
        )
        await js.add_consumer(stream, view_consumer)
        feed = await js.pull_subscribe_bind("balance-view", stream=stream)
        live = BalanceView()
        for command in COMMANDS:
            await execute(store, command)
            await store.catch_up(live, feed)
        events, version = await store.load("a-1")
        print(fold(events), "at stream seq", version)
        #> Account(account_id='a-1', owner='ana', balance=70) at stream seq 5
        # --8<-- [end:live]

        # --8<-- [start:stale]
        first = decide(fold(events), Withdraw("a-1", 50))
        second = decide(fold(events), Withdraw("a-1", 50))  # same stale read
        print("first teller: stored at seq", await store.append("a-1", version, first))
        #> first teller: stored at seq 6
        try:
            await store.append("a-1", version, second)
        except ConcurrencyError as error:
            print(error)
            #> stale append to a-1: expected version 5, found 6
        # --8<-- [end:stale]

        # --8<-- [start:rebuild]
        print("live view catches up on", await store.catch_up(live, feed), "event")
        #> live view catches up on 1 event
        rebuilt = await store.rebuild()  # a brand-new consumer, from sequence 1
        print(rebuilt.rows())
        #> [('bo', 'a-2', 40, 1), ('ana', 'a-1', 20, 3)]
        print("rebuilt equals live:", rebuilt == live)
        #> rebuilt equals live: True
        # --8<-- [end:rebuild]


if __name__ == "__main__":
    asyncio.run(main())
