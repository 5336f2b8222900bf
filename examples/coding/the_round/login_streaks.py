"""The worked example of docs/coding/the-round.md: users with a streak of k login days.

Input: login events as [user, day] pairs (day is a day number, events in any
order, the same day possibly repeated) and k >= 1. Output: the users, sorted,
who logged in on k or more consecutive days.
"""

from __future__ import annotations

from collections import defaultdict


# --8<-- [start:helpers]
def check_streak_length(k: int) -> None:
    """Refuse a streak shorter than one day: the input agreed to be invalid."""
    if k < 1:
        raise ValueError(f"a streak is at least 1 day long, got k={k}")


def days_by_user(logins: list[tuple[str, int]]) -> dict[str, set[int]]:
    """Each user's distinct login days, in one pass: O(n) expected."""
    days: dict[str, set[int]] = defaultdict(set)
    for user, day in logins:
        days[user].add(day)  # a set: two logins on one day are one day
    return days


# --8<-- [end:helpers]


# --8<-- [start:brute_force]
def streak_users_brute_force(logins: list[tuple[str, int]], k: int) -> list[str]:
    """Try every login day as the first day of a streak: O(n * k)."""
    check_streak_length(k)
    found = set()
    for user, days in days_by_user(logins).items():
        for first in days:
            if all(first + offset in days for offset in range(k)):
                found.add(user)
                break
    return sorted(found)


# --8<-- [end:brute_force]


# --8<-- [start:optimal]
def streak_users(logins: list[tuple[str, int]], k: int) -> list[str]:
    """Count each run only from its first day: at most 2 lookups a day, O(n) expected."""
    check_streak_length(k)
    found = []
    for user, days in days_by_user(logins).items():
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
