"""The bug only a unit test finds cheaply: run pricing_tests.py and print what happened.

It runs in a child pytest, as CI would run it, so the seeded property test
draws the same orders on every run.
"""

from __future__ import annotations

from examples.apis.testing.run_pytest import outcomes

if __name__ == "__main__":
    # --8<-- [start:run]
    for name, outcome in outcomes("examples.apis.testing.pricing_tests"):
        print(name, outcome.replace("AssertionError: ", ""))
        #> test_three_orders[total_cents_float] passed
        #> test_three_orders[total_cents] passed
        #> test_matches_model[total_cents_float] failed: total(1, 1, 50) = 0, want 1
        #> test_matches_model[total_cents] passed
    # --8<-- [end:run]
