"""Base62 codes: a bijection with the non-negative integers, in order at a fixed width."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.system_design.url_shortener.base62 import ALPHABET, BASE, decode, encode


def test_the_alphabet_has_62_distinct_ascii_characters() -> None:
    assert BASE == len(set(ALPHABET)) == 62
    assert ALPHABET.isalnum() and ALPHABET.isascii()


@pytest.mark.parametrize(
    ("number", "code"), [(0, "0"), (9, "9"), (10, "A"), (36, "a"), (61, "z"), (62, "10"), (62**7 - 1, "zzzzzzz")]
)
def test_known_values(number: int, code: str) -> None:
    assert encode(number) == code
    assert decode(code) == number


@given(st.integers(min_value=0, max_value=2**80))
def test_decode_undoes_encode(number: int) -> None:
    assert decode(encode(number)) == number


@given(st.integers(min_value=0, max_value=62**7 - 1), st.integers(min_value=0, max_value=62**7 - 1))
def test_fixed_width_codes_sort_like_their_numbers_as_bytes(a: int, b: int) -> None:
    assert (encode(a, width=7) < encode(b, width=7)) == (a < b)
    assert len(encode(a, width=7)) == 7


def test_padding_does_not_change_the_value() -> None:
    assert decode(encode(5, width=7)) == 5
    assert encode(5, width=7) == "0000005"


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: encode(-1), ValueError, "zero or more, got -1"),
        (lambda: encode(1.5), TypeError, "must be an int"),
        (lambda: encode(True), TypeError, "must be an int"),
        (lambda: encode(1, width=0), ValueError, "width must be at least 1"),
        (lambda: decode(""), ValueError, "must not be empty"),
        (lambda: decode("ab-c"), ValueError, "'-' at position 2 is not base62"),
        (lambda: decode("é"), ValueError, "is not base62"),
    ],
)
def test_bad_input_is_refused_clearly(call, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        call()
