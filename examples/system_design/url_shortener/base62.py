"""Base62: a counter value as a short code of digits and letters, and back.

Digits, then uppercase, then lowercase: ASCII order, so codes of one width
sort like their numbers when compared byte by byte. Every code stands for
exactly one number.
"""

from __future__ import annotations

import string

ALPHABET = string.digits + string.ascii_uppercase + string.ascii_lowercase
BASE = len(ALPHABET)  # 62
_VALUE = {char: value for value, char in enumerate(ALPHABET)}


# --8<-- [start:codec]
def encode(number: int, width: int = 1) -> str:
    """The base62 code of `number`, left-padded with "0" to at least `width`."""
    if isinstance(number, bool) or not isinstance(number, int):
        raise TypeError(f"number must be an int, got {number!r}")
    if number < 0:
        raise ValueError(f"number must be zero or more, got {number}")
    if width < 1:
        raise ValueError(f"width must be at least 1, got {width}")
    digits = []
    while number:
        number, remainder = divmod(number, BASE)
        digits.append(ALPHABET[remainder])
    return "".join(reversed(digits)).rjust(width, ALPHABET[0])


def decode(code: str) -> int:
    """The number a base62 code stands for; ValueError names a bad character."""
    if not code:
        raise ValueError("code must not be empty")
    number = 0
    for position, char in enumerate(code):
        if char not in _VALUE:
            raise ValueError(f"{char!r} at position {position} is not base62")
        number = number * BASE + _VALUE[char]
    return number


# --8<-- [end:codec]


if __name__ == "__main__":
    # --8<-- [start:demo]
    for number in (0, 61, 62, 3_843, 3_844, 10_000_000_000):
        print(f"{number:>14,} -> {encode(number)}")
        #>              0 -> 0
        #>             61 -> z
        #>             62 -> 10
        #>          3,843 -> zz
        #>          3,844 -> 100
        #> 10,000,000,000 -> Aukyoa
    print(f"7 characters hold {BASE**7:,} codes")
    #> 7 characters hold 3,521,614,606,208 codes
    print(decode("2Bi"), encode(10_000, width=7))
    #> 8414 00002bI
    # --8<-- [end:demo]
