"""Lost updates: a read-modify-write needs a lock, with threads and with asyncio.

The GIL makes single bytecodes run one at a time; it does not keep a read and
the write that follows it together. In asyncio, any `await` between the two
lets another task run. Both lose updates the same way, and a lock fixes both.
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass


@dataclass
class Account:
    """Shared mutable state: one balance in cents."""

    balance: int = 0


# --8<-- [start:threads]
def add_one_unsafely(account: Account, both_have_read: threading.Barrier) -> None:
    """Read, then write: another thread can run in between."""
    balance = account.balance
    both_have_read.wait()  # forces the switch a busy process hits by chance
    account.balance = balance + 1  # overwrites the other thread's update


def lost_update_with_threads() -> int:
    """Two threads each add 1; the forced interleaving makes one update vanish."""
    account = Account()
    both_have_read = threading.Barrier(2, timeout=5)
    threads = [
        threading.Thread(target=add_one_unsafely, args=(account, both_have_read))
        for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return account.balance


def add_many_locked(account: Account, lock: threading.Lock, times: int) -> None:
    """The lock makes the read and the write one step for every other thread."""
    for _ in range(times):
        with lock:
            account.balance += 1


def locked_total(threads: int, times: int) -> int:
    """Every thread adds `times`; with the lock nothing is lost."""
    account, lock = Account(), threading.Lock()
    workers = [
        threading.Thread(target=add_many_locked, args=(account, lock, times))
        for _ in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return account.balance


# --8<-- [end:threads]


# --8<-- [start:tasks]
async def add_one_across_an_await(account: Account) -> None:
    """One thread, no preemption, and still a lost update: the await lets others in."""
    balance = account.balance
    await asyncio.sleep(0)  # stands for any await: a query, a cache read, a log call
    account.balance = balance + 1


async def add_one_under_a_lock(account: Account, lock: asyncio.Lock) -> None:
    """asyncio.Lock keeps other tasks out until the write is done."""
    async with lock:
        balance = account.balance
        await asyncio.sleep(0)
        account.balance = balance + 1


async def ten_tasks(locked: bool) -> int:
    """Ten tasks each add 1 to the same account."""
    account, lock = Account(), asyncio.Lock()
    async with asyncio.TaskGroup() as group:
        for _ in range(10):
            if locked:
                group.create_task(add_one_under_a_lock(account, lock))
            else:
                group.create_task(add_one_across_an_await(account))
    return account.balance


# --8<-- [end:tasks]


def main() -> None:
    """Lose updates both ways, then keep them with a lock."""
    # --8<-- [start:demo]
    print("two threads, no lock:", lost_update_with_threads())
    #> two threads, no lock: 1
    print("8 threads x 10,000, with a lock:", locked_total(8, 10_000))
    #> 8 threads x 10,000, with a lock: 80000
    print("ten tasks, await between read and write:", asyncio.run(ten_tasks(False)))
    #> ten tasks, await between read and write: 1
    print("ten tasks, asyncio.Lock:", asyncio.run(ten_tasks(True)))
    #> ten tasks, asyncio.Lock: 10
    # --8<-- [end:demo]


if __name__ == "__main__":
    main()
