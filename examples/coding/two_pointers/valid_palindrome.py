"""Valid palindrome: read the same both ways, counting only letters and digits."""

from __future__ import annotations


def counts(char: str) -> bool:
    """An ASCII letter or digit: the characters the comparison looks at.

    ASCII keeps the answer the same in every language: Python's str.isalnum
    also accepts characters such as "²" that Java's Character.isLetterOrDigit
    rejects.
    """
    return char.isascii() and char.isalnum()


# --8<-- [start:optimal]
def is_palindrome(text: str) -> bool:
    """True if the ASCII letters and digits of `text` read the same reversed.

    Case is ignored; every other character is skipped. Time O(n), space O(1).
    """
    left, right = 0, len(text) - 1
    while left < right:
        if not counts(text[left]):
            left += 1
        elif not counts(text[right]):
            right -= 1
        elif text[left].lower() != text[right].lower():
            return False
        else:
            left += 1
            right -= 1
    return True


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def is_palindrome_brute_force(text: str) -> bool:
    """Filter into a new string and compare it with its reverse. Time O(n), space O(n)."""
    kept = "".join(char.lower() for char in text if counts(char))
    return kept == kept[::-1]


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(is_palindrome("Was it a car or a cat I saw?"))
    #> True
    print(is_palindrome("No 'x' in Nixon"))
    #> True
    print(is_palindrome("0P"))
    #> False
    print(is_palindrome(".,!"))
    #> True
    # --8<-- [end:demo]
