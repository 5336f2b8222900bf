"""The monotonic stack template: for every index, the index of the next greater one."""

from collections.abc import Sequence


# --8<-- [start:template]
def next_greater_index(values: Sequence[int]) -> list[int]:
    """For each i, the smallest j > i with values[j] > values[i], or -1 if none.

    Invariant: `waiting` holds, bottom to top, the indices whose next greater
    value has not been seen yet, and their values never increase upward. A new
    value pops every waiting index it beats (it is their answer), then waits.
    Each index is pushed once and popped at most once: at most 2n stack
    operations in all, so O(n) time however the pops bunch up.
    """
    answer = [-1] * len(values)
    waiting: list[int] = []  # indices, not values: the answer is a position
    for i, value in enumerate(values):
        while waiting and values[waiting[-1]] < value:
            answer[waiting.pop()] = i
        waiting.append(i)
    return answer  # whatever is still waiting has no greater value to its right


# --8<-- [end:template]


# --8<-- [start:brute_force]
def next_greater_index_brute_force(values: Sequence[int]) -> list[int]:
    """Scan right from every index: O(n^2) time on a decreasing input."""
    answer = [-1] * len(values)
    for i, value in enumerate(values):
        for j in range(i + 1, len(values)):
            if values[j] > value:
                answer[i] = j
                break
    return answer


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(next_greater_index([2, 1, 5, 3, 3, 4]))
    #> [2, 2, -1, 5, 5, -1]
    # --8<-- [end:demo]
