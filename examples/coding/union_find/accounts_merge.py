"""Merge accounts that share an email (Accounts Merge)."""

from __future__ import annotations

from examples.coding.union_find.template import DisjointSet


def _check(accounts: list[list[str]]) -> None:
    owner: dict[str, str] = {}
    for account in accounts:
        if not account:
            raise ValueError("every account starts with a name")
        name, *emails = account
        for email in emails:
            if owner.setdefault(email, name) != name:
                raise ValueError(f"{email} belongs to both {owner[email]} and {name}")


# --8<-- [start:optimal]
def merge_accounts(accounts: list[list[str]]) -> list[list[str]]:
    """Each account is [name, email, ...]; accounts sharing an email are one person.

    Returns one [name, *sorted emails] per person, the list sorted. Same name
    alone does not merge. Time O(L log L) for L emails in all (the sorting;
    the unions are O(L alpha(n))), space O(L).
    """
    _check(accounts)
    sets = DisjointSet(len(accounts))  # elements are account indices
    first_owner: dict[str, int] = {}
    for index, (_name, *emails) in enumerate(accounts):
        for email in emails:
            sets.union(index, first_owner.setdefault(email, index))
    emails_of: dict[int, set[str]] = {}
    for index, (_name, *emails) in enumerate(accounts):
        emails_of.setdefault(sets.find(index), set()).update(emails)
    merged = [[accounts[root][0], *sorted(found)] for root, found in emails_of.items()]
    return sorted(merged)


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def merge_accounts_brute_force(accounts: list[list[str]]) -> list[list[str]]:
    """Merge any two groups that share an email until no two do.

    Each pass compares every pair of groups: O(n^2) set intersections, and up
    to n passes, so O(n^3 * m) for n accounts of m emails. Space O(L).
    """
    _check(accounts)
    groups = [(account[0], set(account[1:])) for account in accounts]
    merged_some = True
    while merged_some:
        merged_some = False
        for i in range(len(groups)):
            for j in range(i + 1, len(groups)):
                if groups[i][1] & groups[j][1]:
                    groups[i][1].update(groups[j][1])
                    del groups[j]
                    merged_some = True
                    break
            if merged_some:
                break
    return sorted([name, *sorted(emails)] for name, emails in groups)


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    accounts = [
        ["Ann", "ann@work.io", "ann@home.io"],
        ["Bob", "bob@home.io"],
        ["Ann", "ann@old.io"],  # same name, no shared email: another Ann
        ["Ann", "ann@home.io", "a.smith@home.io"],
    ]
    for person in merge_accounts(accounts):
        print(person)
        #> ['Ann', 'a.smith@home.io', 'ann@home.io', 'ann@work.io']
        #> ['Ann', 'ann@old.io']
        #> ['Bob', 'bob@home.io']
    # --8<-- [end:demo]
