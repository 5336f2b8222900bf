"""Valid palindrome: the two-pointer scan agrees with filter-and-reverse on any text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.two_pointers.valid_palindrome import is_palindrome, is_palindrome_brute_force

TEXT = st.text(alphabet=st.sampled_from("aAbB1 ,.!\u00e9\u00b2"), max_size=20)


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_matches_brute_force(text: str) -> None:
    assert is_palindrome(text) == is_palindrome_brute_force(text)


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_a_text_followed_by_its_reverse_is_a_palindrome(text: str) -> None:
    assert is_palindrome(text + text[::-1])


def test_superscript_two_and_one_half_are_not_digits_here() -> None:
    # str.isalnum() accepts both; the ASCII rule skips them, as Java's isLetterOrDigit does.
    assert "\u00b2".isalnum() and "\u00bd".isalnum()
    assert is_palindrome("a\u00b2a") and is_palindrome("\u00bda\u00b2")
