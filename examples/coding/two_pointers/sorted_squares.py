"""Practice: the squares of a sorted list, sorted, in one pass from both ends."""

from __future__ import annotations


# --8<-- [start:optimal]
def sorted_squares(numbers: list[int]) -> list[int]:
    """Squares of ascending `numbers`, ascending. Time O(n), space O(n) for the output.

    The largest square is at one of the two ends (the most negative or the
    most positive value), so fill the output from the back.
    """
    squares = [0] * len(numbers)
    left, right = 0, len(numbers) - 1
    for slot in range(len(numbers) - 1, -1, -1):
        if abs(numbers[left]) > abs(numbers[right]):
            squares[slot] = numbers[left] ** 2
            left += 1
        else:
            squares[slot] = numbers[right] ** 2
            right -= 1
    return squares


# --8<-- [end:optimal]


def sorted_squares_brute_force(numbers: list[int]) -> list[int]:
    """Square, then sort. Time O(n log n)."""
    return sorted(value * value for value in numbers)


if __name__ == "__main__":
    print(sorted_squares([-7, -3, 0, 2, 5]))
    #> [0, 4, 9, 25, 49]
