"""A stack that also reports its minimum in O(1)."""


# --8<-- [start:optimal]
class MinStack:
    """Each entry remembers the minimum of itself and everything below it.

    push, pop, top and get_min are O(1) time; memory is two ints per entry.
    Popping or reading an empty stack raises IndexError, as list.pop does.
    """

    def __init__(self) -> None:
        self._entries: list[tuple[int, int]] = []  # (value, minimum up to here)

    def push(self, value: int) -> None:
        below = self._entries[-1][1] if self._entries else value
        self._entries.append((value, min(value, below)))

    def pop(self) -> int:
        if not self._entries:
            raise IndexError("pop from an empty MinStack")
        return self._entries.pop()[0]

    def top(self) -> int:
        if not self._entries:
            raise IndexError("top of an empty MinStack")
        return self._entries[-1][0]

    def get_min(self) -> int:
        if not self._entries:
            raise IndexError("minimum of an empty MinStack")
        return self._entries[-1][1]

    def __len__(self) -> int:
        return len(self._entries)


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
class MinStackBruteForce:
    """A plain list; get_min scans it, O(n)."""

    def __init__(self) -> None:
        self._values: list[int] = []

    def push(self, value: int) -> None:
        self._values.append(value)

    def pop(self) -> int:
        if not self._values:
            raise IndexError("pop from an empty MinStack")
        return self._values.pop()

    def top(self) -> int:
        if not self._values:
            raise IndexError("top of an empty MinStack")
        return self._values[-1]

    def get_min(self) -> int:
        if not self._values:
            raise IndexError("minimum of an empty MinStack")
        return min(self._values)

    def __len__(self) -> int:
        return len(self._values)


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    stack = MinStack()
    for value in [5, 3, 7, 3]:
        stack.push(value)
    print(stack.get_min(), stack.pop(), stack.get_min(), stack.pop(), stack.get_min())
    #> 3 3 3 7 3
    stack.pop()  # the first 3 leaves: the minimum goes back to 5
    print(stack.get_min(), len(stack))
    #> 5 1
    # --8<-- [end:demo]
