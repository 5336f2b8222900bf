"""A reader's first attempt at login streaks, with the bug a first attempt often has.

It sorts each user's logins and counts consecutive days, but a second login
on the same day resets the run instead of being ignored. The problem's cases
catch it: see the "--solution" run in bring_your_own_cases.py.
"""

from itertools import pairwise


def streak_users(logins: list[tuple[str, int]], k: int) -> list[str]:
    if k < 1:
        raise ValueError("k must be at least 1")
    days: dict[str, list[int]] = {}
    for user, day in logins:
        days.setdefault(user, []).append(day)
    found = []
    for user, user_days in days.items():
        user_days.sort()
        run = 1
        for previous, day in pairwise(user_days):
            # The bug: a repeated day (day == previous) resets the run too.
            run = run + 1 if day == previous + 1 else 1
            if run >= k:
                break
        if run >= k:
            found.append(user)
    return sorted(found)
