"""How many days until a warmer day, for every day?"""

from collections.abc import Sequence


# --8<-- [start:optimal]
def days_until_warmer(temperatures: Sequence[int]) -> list[int]:
    """The monotonic stack template, answering with a distance: O(n) time and space."""
    wait = [0] * len(temperatures)
    colder_days: list[int] = []  # indices; their temperatures never rise upward
    for today, temperature in enumerate(temperatures):
        while colder_days and temperatures[colder_days[-1]] < temperature:
            day = colder_days.pop()
            wait[day] = today - day  # a distance needs the index, not the temperature
        colder_days.append(today)
    return wait  # 0 for the days still on the stack: no warmer day follows


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def days_until_warmer_brute_force(temperatures: Sequence[int]) -> list[int]:
    """Look ahead from every day: O(n^2) time when the weather only cools."""
    wait = [0] * len(temperatures)
    for day, temperature in enumerate(temperatures):
        for later in range(day + 1, len(temperatures)):
            if temperatures[later] > temperature:
                wait[day] = later - day
                break
    return wait


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(days_until_warmer([73, 74, 75, 71, 69, 72, 76, 73]))
    #> [1, 1, 4, 2, 1, 1, 0, 0]
    # --8<-- [end:demo]
