"""Count the set lookups each streak solution makes, to check the page's complexity claims.

A timer shows growth only at large sizes; a count of `in` checks shows it exactly
and does not depend on the machine's speed. The grouping step is swapped for one whose
sets count every membership test, and both solutions run on the same input.
"""

from __future__ import annotations

from collections.abc import Callable
from unittest import mock

from examples.coding.the_round import login_streaks
from examples.coding.the_round.login_streaks import (
    streak_users,
    streak_users_brute_force,
)


class CountingSet(set[int]):
    """A set that counts how many times `in` is asked of it."""

    lookups = 0

    def __contains__(self, item: object) -> bool:
        CountingSet.lookups += 1
        return super().__contains__(item)


Logins = list[tuple[str, int]]


def lookups(
    solution: Callable[[Logins, int], list[str]], logins: Logins, k: int
) -> int:
    """How many membership tests `solution(logins, k)` makes."""
    grouped = login_streaks.days_by_user  # the real grouping, wrapped below

    def counting_days_by_user(events: Logins) -> dict[str, set[int]]:
        return {user: CountingSet(days) for user, days in grouped(events).items()}

    CountingSet.lookups = 0
    with mock.patch.object(login_streaks, "days_by_user", counting_days_by_user):
        solution(logins, k)
    return CountingSet.lookups


if __name__ == "__main__":
    # --8<-- [start:demo]
    for n in (365, 730):
        every_day = [("ana", day) for day in range(n)]  # n days in a row
        for k in (n, n + 1):  # a streak that exists, then one a day too long
            brute = lookups(streak_users_brute_force, every_day, k)
            optimal = lookups(streak_users, every_day, k)
            print(f"n={n} k={k}: brute force {brute}, optimal {optimal}")
            #> n=365 k=365: brute force 365, optimal 366
            #> n=365 k=366: brute force 67160, optimal 730
            #> n=730 k=730: brute force 730, optimal 731
            #> n=730 k=731: brute force 267545, optimal 1460
    # --8<-- [end:demo]
