"""FutureChains.java, the Java twin of future_chains.py: the same receipts, and the same edge."""

from __future__ import annotations

import pytest

from examples.language.concurrency.future_chains import format_receipt, receipts_on_pool
from tests.language.java.java_driver import CONCURRENCY_EXAMPLES, run_driver


@pytest.fixture(scope="module")
def facts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return run_driver(
        "FutureChainsCheck.java",
        [CONCURRENCY_EXAMPLES / "FutureChains.java"],
        tmp_path_factory.mktemp("chains"),
    )


def test_the_java_chain_prints_the_python_receipts(facts: dict[str, str]) -> None:
    assert facts["receipts"].split("|") == receipts_on_pool([1, 2, 3, 4])


@pytest.mark.parametrize(
    ("index", "expected"),
    [
        (0, "total 0"),
        (1, "total -5"),
        (2, "total 2147483647"),
        (
            3,
            "BadOrder: bad total_cents: 2147483648",
        ),  # past an int: refused, not wrapped
        (4, "BadOrder: bad total_cents: 25.99"),
        (5, "BadOrder: bad total_cents: +5"),  # not a JSON number
        (6, "BadOrder: bad total_cents: 007"),
        (7, "BadOrder: bad total_cents: 'n/a'"),
        (8, 'BadOrder: bad total_cents: "'),  # a lone quote cannot crash the parser
        (9, "BadOrder: bad total_cents: true"),
        (10, "BadOrder: no total_cents in the body"),
        (11, "BadOrder: no total_cents in the body"),
    ],
)
def test_parse_total_accepts_json_integers_that_fit_and_refuses_the_rest(
    facts: dict[str, str], index: int, expected: str
) -> None:
    assert facts[f"parse.{index}"] == expected


def test_receipts_format_like_python_at_the_extremes(facts: dict[str, str]) -> None:
    assert facts["format.negative"] == format_receipt(9, -5) == "order 9: -$0.05"
    assert facts["format.min"] == format_receipt(9, -(2**31))
    assert facts["format.max"] == format_receipt(9, 2**31 - 1)


def test_four_hundred_chains_come_back_in_input_order(facts: dict[str, str]) -> None:
    assert facts["scale.receipts"] == "400"
