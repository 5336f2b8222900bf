"""Practice: which asteroids survive when they meet head-on?"""

from collections.abc import Sequence


def _check(asteroids: Sequence[int]) -> None:
    if any(size == 0 for size in asteroids):
        raise ValueError("an asteroid has a nonzero size; its sign is its direction")


# --8<-- [start:optimal]
def asteroid_collision(asteroids: Sequence[int]) -> list[int]:
    """Positive moves right, negative left; the smaller one explodes, equal ones both.

    The stack holds the survivors so far. Only a left-mover meeting
    right-movers on top of the stack collides. O(n) time: each asteroid is
    pushed once and destroyed at most once.
    """
    _check(asteroids)
    survivors: list[int] = []
    for asteroid in asteroids:
        alive = True
        while alive and asteroid < 0 and survivors and survivors[-1] > 0:
            if survivors[-1] < -asteroid:
                survivors.pop()  # the right-mover explodes; keep going left
                continue
            if survivors[-1] == -asteroid:
                survivors.pop()  # both explode
            alive = False
        if alive:
            survivors.append(asteroid)
    return survivors


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def asteroid_collision_brute_force(asteroids: Sequence[int]) -> list[int]:
    """Resolve the first head-on pair, rescan from the start: O(n^2)."""
    _check(asteroids)
    row = list(asteroids)
    while True:
        meeting = next(
            (i for i in range(len(row) - 1) if row[i] > 0 > row[i + 1]), None
        )
        if meeting is None:
            return row
        right, left = row[meeting], -row[meeting + 1]
        survivor = [] if right == left else [row[meeting] if right > left else -left]
        row[meeting : meeting + 2] = survivor


# --8<-- [end:brute_force]


if __name__ == "__main__":
    print(asteroid_collision([5, 10, -5]), asteroid_collision([8, -8, -3, 4]))
    #> [5, 10] [-3, 4]
