"""An order-dependent pair of tests, failing on demand instead of by luck.

catalog_tests.py runs three times in a child pytest: in file order and in the
order seed 2 gives, with the committing `db` of leaky_fixtures.py; then in
that same order with the rolled-back `db` of pg_fixtures.py.
"""

# requires-server: postgres

from __future__ import annotations

from examples.apis.testing.run_pytest import outcomes

TESTS = "examples.apis.testing.catalog_tests"
PLUGINS = {
    "leaky": "examples.apis.testing.leaky_fixtures",
    "isolated": "examples.apis.testing.pg_fixtures",
}

if __name__ == "__main__":
    # --8<-- [start:run]
    for db, seed in (("leaky", None), ("leaky", 2), ("isolated", 2)):
        order = "file order" if seed is None else f"seed {seed}"
        for name, outcome in outcomes(TESTS, plugins=[PLUGINS[db]], order_seed=seed):
            print(f"{db}, {order}: {name} {outcome}")
            #> leaky, file order: test_catalog_is_the_seed passed
            #> leaky, file order: test_new_product passed
            #> leaky, seed 2: test_new_product passed
            #> leaky, seed 2: test_catalog_is_the_seed failed: assert 3 == 2
            #> isolated, seed 2: test_new_product passed
            #> isolated, seed 2: test_catalog_is_the_seed passed
    # --8<-- [end:run]
