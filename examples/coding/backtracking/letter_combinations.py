"""Letter combinations of a phone number: every string the digits could spell."""

from __future__ import annotations

from itertools import product

KEYPAD = {
    "2": "abc",
    "3": "def",
    "4": "ghi",
    "5": "jkl",
    "6": "mno",
    "7": "pqrs",
    "8": "tuv",
    "9": "wxyz",
}


def _check(digits: str) -> None:
    bad = sorted({d for d in digits if d not in KEYPAD})
    if bad:
        raise ValueError(f"only digits 2-9 carry letters, not {bad}")


# --8<-- [start:optimal]
def letter_combinations(digits: str) -> list[str]:
    """Every string one letter per digit could spell, in keypad order.

    No digit, no combinations. Time O(L * 4^L) for L digits; space O(L)
    for the path. Raises ValueError on a digit with no letters (0, 1, symbols).
    """
    _check(digits)
    if not digits:
        return []
    result: list[str] = []
    path: list[str] = []

    def explore(k: int) -> None:
        if k == len(digits):
            result.append("".join(path))
            return
        for letter in KEYPAD[digits[k]]:
            path.append(letter)
            explore(k + 1)
            path.pop()

    explore(0)
    return result


# --8<-- [end:optimal]


def letter_combinations_brute_force(digits: str) -> list[str]:
    """The Cartesian product of the digits' letters, from itertools."""
    _check(digits)
    if not digits:
        return []
    return ["".join(letters) for letters in product(*(KEYPAD[d] for d in digits))]


if __name__ == "__main__":
    print(letter_combinations("23"))
    #> ['ad', 'ae', 'af', 'bd', 'be', 'bf', 'cd', 'ce', 'cf']
