"""Decode ways: how many letter strings a digit string can stand for (A=1 ... Z=26)."""

from __future__ import annotations


def _check(digits: str) -> None:
    if not all("0" <= character <= "9" for character in digits):
        raise ValueError("digits must contain only the characters 0-9")


# --8<-- [start:optimal]
def decode_ways(digits: str) -> int:
    """Decodings of `digits`, where 1..26 stand for A..Z; the empty string has one.

    ways(i) for the first i digits: digit i - 1 alone (if it is not 0), plus
    digits i - 2 and i - 1 together (if they make 10..26).
    Time O(n), space O(1).
    """
    _check(digits)
    two_back, one_back = 0, 1  # ways(-1) counts nothing; ways(0) = 1
    for i, digit in enumerate(digits):
        current = one_back if digit != "0" else 0
        if i > 0 and 10 <= int(digits[i - 1 : i + 1]) <= 26:
            current += two_back
        two_back, one_back = one_back, current
    return one_back


# --8<-- [end:optimal]


def decode_ways_brute_force(digits: str) -> int:
    """Plain recursion: the first letter uses one digit or two. Time O(phi^n)."""
    _check(digits)

    def ways(start: int) -> int:
        if start == len(digits):
            return 1
        if digits[start] == "0":
            return 0  # no letter is 0 or starts with 0
        total = ways(start + 1)
        if start + 1 < len(digits) and int(digits[start : start + 2]) <= 26:
            total += ways(start + 2)
        return total

    return ways(0)


if __name__ == "__main__":
    print(decode_ways("226"))  # BZ, VF, BBF
    #> 3
    print(decode_ways("06"))  # a leading 0 decodes to nothing
    #> 0
