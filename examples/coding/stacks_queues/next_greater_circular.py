"""Practice: the next greater value in a circular array."""

from collections.abc import Sequence


# --8<-- [start:optimal]
def next_greater_circular(values: Sequence[int]) -> list[int]:
    """Walk the array twice so every index can see past the end: O(n) time.

    The first lap pushes every index; the second only pops, answering the
    indices whose greater value sits before them. Still at most 2n stack
    operations, since no index is pushed twice.
    """
    n = len(values)
    answer = [-1] * n
    waiting: list[int] = []
    for step in range(2 * n):
        value = values[step % n]
        while waiting and values[waiting[-1]] < value:
            answer[waiting.pop()] = value
        if step < n:
            waiting.append(step)
    return answer


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def next_greater_circular_brute_force(values: Sequence[int]) -> list[int]:
    """From every index, look at the next n - 1 positions around the circle: O(n^2)."""
    n = len(values)
    answer = [-1] * n
    for i in range(n):
        for offset in range(1, n):
            if values[(i + offset) % n] > values[i]:
                answer[i] = values[(i + offset) % n]
                break
    return answer


# --8<-- [end:brute_force]


if __name__ == "__main__":
    print(next_greater_circular([3, 1, 2, 3]))
    #> [-1, 2, 3, -1]
