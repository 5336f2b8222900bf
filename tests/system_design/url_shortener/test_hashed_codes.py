"""Hashed codes: deterministic, deduplicating, and every clash resolved by the next salt."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.system_design.url_shortener.base62 import ALPHABET
from examples.system_design.url_shortener.hashed_codes import (
    MAX_SALTS,
    DictStore,
    claim_code,
    expected_clashes,
    hashed_code,
    salts_needed,
)


def test_the_code_depends_only_on_url_salt_and_length() -> None:
    code = hashed_code("https://example.com/a", 0)
    assert code == hashed_code("https://example.com/a", 0)
    assert len(code) == 7 and set(code) <= set(ALPHABET)
    assert hashed_code("https://example.com/a", 1) != code
    assert len(hashed_code("https://example.com/a", 0, length=4)) == 4


def test_the_same_url_gets_its_old_code_back() -> None:
    store = DictStore()
    first = claim_code(store, "https://example.com/a")
    again = claim_code(store, "https://example.com/a")
    assert (first.existed, again.existed) == (False, True)
    assert again.code == first.code and len(store.urls) == 1


def test_a_clash_moves_the_second_url_to_the_next_salt() -> None:
    store = DictStore()
    # With one-character codes (62 of them), find two URLs whose first code clashes.
    taken: dict[str, str] = {}
    for i in range(100):
        url = f"https://example.com/{i}"
        code = hashed_code(url, 0, length=1)
        if code in taken:
            a, b = taken[code], url
            break
        taken[code] = url
    claim_code(store, a, length=1)
    second = claim_code(store, b, length=1)
    assert second.salt >= 1 and store.urls[second.code] == b
    assert claim_code(store, b, length=1) == type(second)(second.code, second.salt, True)


def test_a_full_space_fails_loudly_instead_of_looping() -> None:
    store = DictStore()
    store.urls = {char: "https://taken.example/" for char in ALPHABET}
    with pytest.raises(RuntimeError, match=f"{MAX_SALTS} clashes in a row"):
        claim_code(store, "https://example.com/new", length=1)


@given(st.lists(st.integers(min_value=0, max_value=10**6), max_size=80))
def test_claims_match_a_dict_model(ids: list[int]) -> None:
    """Distinct URLs never share a code, and a URL keeps its code, even in a tiny space."""
    store = DictStore()
    model: dict[str, str] = {}
    for i in ids:
        url = f"https://example.com/{i}"
        claimed = claim_code(store, url, length=2)
        assert model.setdefault(url, claimed.code) == claimed.code
    assert len(set(model.values())) == len(model)
    assert store.urls == {code: url for url, code in model.items()}


def test_expected_clashes_is_the_sum_of_taken_shares() -> None:
    assert expected_clashes(0, 100) == 0
    assert expected_clashes(1, 100) == 0
    assert expected_clashes(11, 100) == pytest.approx(sum(i / 100 for i in range(11)))


def test_the_seeded_run_repeats_and_lands_near_the_expectation() -> None:
    salts = salts_needed(20_000, 3, seed=1)  # 238,328 codes, 839 clashes expected
    assert salts == salts_needed(20_000, 3, seed=1)
    assert sum(salts.values()) == 20_000
    assert 700 < 20_000 - salts[0] < 1_000


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: hashed_code("u", 0, length=0), "length must be at least 1"),
        (lambda: hashed_code("u", -1), "salt must be zero or more"),
        (lambda: expected_clashes(-1, 10), "need n >= 0 and space >= 1"),
        (lambda: expected_clashes(1, 0), "need n >= 0 and space >= 1"),
    ],
)
def test_bad_input_is_refused(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()


def test_long_codes_reach_the_whole_space_not_just_below_2_to_the_64() -> None:
    """From length 11 on, 62**length > 2**64: 64 bits of hash would leave most codes unused."""
    from examples.system_design.url_shortener.base62 import decode

    numbers = [decode(hashed_code(f"https://example.com/{i}", 0, length=11)) for i in range(200)]
    above = sum(n >= 2**64 for n in numbers)
    assert 0.5 < above / len(numbers) < 0.8  # 1 - 2**64 / 62**11 is about 0.65


def test_a_length_past_the_hash_is_refused() -> None:
    with pytest.raises(ValueError, match="at most 22"):
        hashed_code("u", 0, length=23)
