"""A FIFO queue built from two LIFO stacks."""


# --8<-- [start:optimal]
class TwoStackQueue:
    """New items go on `inbox`; `outbox` holds older items, oldest on top.

    When outbox is empty, pour all of inbox into it, which reverses the order.
    Each item is moved at most once: pushed on inbox, moved to outbox, popped.
    So n operations cost O(n) in all: amortized O(1) per operation, although
    one pop can take O(n). Empty pop and peek raise IndexError.
    """

    def __init__(self) -> None:
        self._inbox: list[int] = []
        self._outbox: list[int] = []

    def push(self, value: int) -> None:
        self._inbox.append(value)

    def _refill(self) -> None:
        if not self._outbox:  # only when empty: refilling early breaks FIFO order
            while self._inbox:
                self._outbox.append(self._inbox.pop())
        if not self._outbox:
            raise IndexError("the queue is empty")

    def pop(self) -> int:
        self._refill()
        return self._outbox.pop()

    def peek(self) -> int:
        self._refill()
        return self._outbox[-1]

    def is_empty(self) -> bool:
        return not self._inbox and not self._outbox

    def __len__(self) -> int:
        return len(self._inbox) + len(self._outbox)


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
class ListQueue:
    """One list; pop(0) shifts every remaining item, O(n) per pop."""

    def __init__(self) -> None:
        self._items: list[int] = []

    def push(self, value: int) -> None:
        self._items.append(value)

    def pop(self) -> int:
        if not self._items:
            raise IndexError("the queue is empty")
        return self._items.pop(0)

    def peek(self) -> int:
        if not self._items:
            raise IndexError("the queue is empty")
        return self._items[0]

    def is_empty(self) -> bool:
        return not self._items

    def __len__(self) -> int:
        return len(self._items)


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    queue = TwoStackQueue()
    for value in [1, 2, 3]:
        queue.push(value)
    print(queue.pop())  # moves 3, 2, 1 to the outbox, then pops 1
    #> 1
    queue.push(4)  # lands in the inbox, behind 2 and 3
    print([queue.pop() for _ in range(len(queue))])
    #> [2, 3, 4]
    # --8<-- [end:demo]
