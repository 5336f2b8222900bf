"""Four stack bugs, each running, next to the answer the right code gives."""

from collections.abc import Sequence


# --8<-- [start:empty_pop]
def is_valid_unguarded(text: str) -> bool:
    """The bracket check without `not open_brackets or`.

    A stray closer crashes it.
    """
    pairs = {")": "(", "]": "[", "}": "{"}
    open_brackets: list[str] = []
    for char in text:
        if char in "([{":
            open_brackets.append(char)
        elif open_brackets.pop() != pairs[char]:
            return False
    return not open_brackets


# --8<-- [end:empty_pop]


# --8<-- [start:values]
def warmer_days_from_values(temperatures: Sequence[int]) -> list[int]:
    """Stacks temperatures, then looks each day up again.

    Wrong when a temperature repeats.
    """
    wait = [0] * len(temperatures)
    colder: list[int] = []  # values, not indices
    for today, temperature in enumerate(temperatures):
        while colder and colder[-1] < temperature:
            # index() finds the FIRST day with that value.
            day = temperatures.index(colder.pop())
            wait[day] = today - day
        colder.append(temperature)
    return wait


# --8<-- [end:values]


# --8<-- [start:no_flush]
def largest_rectangle_no_sentinel(heights: Sequence[int]) -> int:
    """The histogram stack without the final height-0 bar.

    Bars still on the stack at the end are never counted.
    """
    rising: list[int] = []
    best = 0
    for i, height in enumerate(heights):
        while rising and heights[rising[-1]] >= height:
            shortest = heights[rising.pop()]
            left_wall = rising[-1] if rising else -1
            best = max(best, shortest * (i - left_wall - 1))
        rising.append(i)
    return best


# --8<-- [end:no_flush]


if __name__ == "__main__":
    # --8<-- [start:demo]
    try:
        is_valid_unguarded("())")
    except IndexError as error:
        print("IndexError:", error)
        #> IndexError: pop from empty list

    print(warmer_days_from_values([70, 70, 71]))  # right answer: [2, 1, 0]
    #> [2, 0, 0]

    print(largest_rectangle_no_sentinel([1, 2, 3, 4, 5]))  # right answer: 9
    #> 0
    print(largest_rectangle_no_sentinel([2, 4, 1]))  # right answer: 4
    #> 4

    print(-7 // 2, int(-7 / 2))  # floor division is not truncation for negatives
    #> -4 -3
    # --8<-- [end:demo]
