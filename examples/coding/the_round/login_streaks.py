"""The worked example of docs/coding/the-round.md: users with a streak of k login days.

Input: login events as [user, day] pairs (day is a day number, events in any
order, the same day possibly repeated) and k >= 1. Output: the users, sorted,
who logged in on k or more consecutive days.
"""

from __future__ import annotations

from collections import defaultdict


def _days_by_user(logins: list[tuple[str, int]], k: int) -> dict[str, set[int]]:
    if k < 1:
        raise ValueError(f"a streak is at least 1 day long, got k={k}")
    days: dict[str, set[int]] = defaultdict(set)
    for user, day in logins:
        days[user].add(day)  # a set: two logins on one day are one day
    return days


# --8<-- [start:brute_force]
def streak_users_brute_force(logins: list[tuple[str, int]], k: int) -> list[str]:
    """Try every login day as the first day of a streak: O(n * k)."""
    found = set()
    for user, days in _days_by_user(logins, k).items():
        for first in days:
            if all(first + offset in days for offset in range(k)):
                found.add(user)
                break
    return sorted(found)


# --8<-- [end:brute_force]


# --8<-- [start:optimal]
def streak_users(logins: list[tuple[str, int]], k: int) -> list[str]:
    """Count each run only from its first day: every day is visited at most twice, O(n)."""
    found = []
    for user, days in _days_by_user(logins, k).items():
        for first in days:
            if first - 1 in days:
                continue  # not the start of a run; its start counts it
            length = 1
            while first + length in days:
                length += 1
            if length >= k:
                found.append(user)
                break
    return sorted(found)  # sorting the users adds O(u log u) for u users


# --8<-- [end:optimal]

if __name__ == "__main__":
    # --8<-- [start:demo]
    logins = [("ana", 3), ("bo", 1), ("ana", 1), ("ana", 2), ("bo", 3), ("ana", 2)]
    print(streak_users(logins, 3))
    #> ['ana']
    print(streak_users(logins, 1))
    #> ['ana', 'bo']
    print(streak_users([], 2))
    #> []
    # --8<-- [end:demo]
