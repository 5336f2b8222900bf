"""Practice: move every zero to the end in place, keeping the other values in order."""

from __future__ import annotations


# --8<-- [start:optimal]
def move_zeros(numbers: list[int]) -> None:
    """Nonzero values to the front in their order, zeros after. Time O(n), space O(1)."""
    write = 0
    for read in range(len(numbers)):
        # Invariant: numbers[:write] are the nonzero values of numbers[:read], in
        # order, and numbers[write:read] are all zeros.
        if numbers[read] != 0:
            numbers[write], numbers[read] = numbers[read], numbers[write]
            write += 1


# --8<-- [end:optimal]


def move_zeros_brute_force(numbers: list[int]) -> None:
    """Build the answer in a new list and copy it back. Space O(n)."""
    nonzero = [value for value in numbers if value != 0]
    numbers[:] = nonzero + [0] * (len(numbers) - len(nonzero))


if __name__ == "__main__":
    values = [0, 3, 0, -1, 12]
    move_zeros(values)
    print(values)
    #> [3, -1, 12, 0, 0]
