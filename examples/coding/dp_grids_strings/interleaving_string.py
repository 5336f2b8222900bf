"""Practice: is `target` an interleaving of `first` and `second`?"""

from __future__ import annotations


# --8<-- [start:optimal]
def is_interleaving(first: str, second: str, target: str) -> bool:
    """True if target merges first and second, each kept in its own order.

    The state: can[j] after row i says whether target[: i + j] is an
    interleaving of first[:i] and second[:j]. Transition: the last letter
    of that prefix came from first (the cell above) or from second (the
    cell to the left). Time O(m * n), space O(n).
    """
    if len(first) + len(second) != len(target):
        return False
    can = [False] * (len(second) + 1)
    for i in range(len(first) + 1):
        for j in range(len(second) + 1):
            if i == 0 and j == 0:
                can[j] = True
                continue
            from_first = i > 0 and can[j] and first[i - 1] == target[i + j - 1]
            from_second = j > 0 and can[j - 1] and second[j - 1] == target[i + j - 1]
            can[j] = from_first or from_second
    return can[-1]


# --8<-- [end:optimal]


def is_interleaving_brute_force(first: str, second: str, target: str) -> bool:
    """Plain recursion: the next letter of target comes from first or second.

    No cache. Time O(2^(m + n)), space O(m + n) of recursion.
    """
    if len(first) + len(second) != len(target):
        return False

    def merge(i: int, j: int) -> bool:
        if i + j == len(target):
            return True
        letter = target[i + j]
        if i < len(first) and first[i] == letter and merge(i + 1, j):
            return True
        return j < len(second) and second[j] == letter and merge(i, j + 1)

    return merge(0, 0)


if __name__ == "__main__":
    print(is_interleaving("aab", "axy", "aaxaby"), is_interleaving("ab", "cd", "acdb"))
    #> True True
    print(is_interleaving("ab", "cd", "adcb"))
    #> False
