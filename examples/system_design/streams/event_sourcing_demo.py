"""Event sourcing in SQLite: fold the history, refuse a stale append, build a read model."""

from __future__ import annotations

from examples.system_design.streams.account import (
    Deposit,
    DomainError,
    Open,
    Withdraw,
    decide,
    fold,
)
from examples.system_design.streams.event_store import (
    BalanceView,
    ConcurrencyError,
    SqliteEventStore,
    execute,
)

COMMANDS = [
    Open("a-1", "ana"),
    Deposit("a-1", 100),
    Open("a-2", "bo"),
    Deposit("a-2", 40),
    Withdraw("a-1", 30),
]

if __name__ == "__main__":
    with SqliteEventStore() as store:
        # --8<-- [start:fold]
        live = BalanceView()
        for command in COMMANDS:
            execute(store, command)
            live.catch_up(store)  # the read side follows the write side
        events, version = store.load("a-1")
        for event in events:
            print(event)
            #> Opened(account_id='a-1', owner='ana')
            #> Deposited(account_id='a-1', cents=100)
            #> Withdrawn(account_id='a-1', cents=30)
        print(fold(events), "at version", version)
        #> Account(account_id='a-1', owner='ana', balance=70) at version 3
        # --8<-- [end:fold]

        # --8<-- [start:stale]
        # Two tellers load a-1 at version 3 (balance 70); each withdraws 50.
        events, version = store.load("a-1")
        first = decide(fold(events), Withdraw("a-1", 50))
        second = decide(fold(events), Withdraw("a-1", 50))  # valid on what it read
        print("first teller: now at version", store.append("a-1", version, first))
        #> first teller: now at version 4
        try:
            store.append("a-1", version, second)
        except ConcurrencyError as error:
            print(error)
            #> stale append to a-1: expected version 3, found 4
        try:
            execute(store, Withdraw("a-1", 50))  # the retry reloads and decides again
        except DomainError as error:
            print(error)
            #> insufficient funds in a-1: balance 20, withdrawal 50
        # --8<-- [end:stale]

        # --8<-- [start:projection]
        print("live view is behind by", live.catch_up(store), "event")
        #> live view is behind by 1 event
        rebuilt = BalanceView()
        rebuilt.catch_up(store)  # a new read model, from the first event
        print(rebuilt.rows())
        #> [('bo', 'a-2', 40, 1), ('ana', 'a-1', 20, 3)]
        print("rebuilt equals live:", rebuilt == live)
        #> rebuilt equals live: True
        # --8<-- [end:projection]
