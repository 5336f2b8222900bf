"""Greedy settle-up against the true minimum, on a case where greedy loses."""

from __future__ import annotations

from examples.machine_coding.splitwise.exact import min_transfers
from examples.machine_coding.splitwise.simplify import simplify

# --8<-- [start:greedy_vs_exact]
# ann is owed 40.00, bo and cy 30.00 each; dee owes 60.00, eve 40.00.
balances = {"ann": 4_000, "bo": 3_000, "cy": 3_000, "dee": -6_000, "eve": -4_000}
for t in simplify(balances):
    print(f"{t.payer} -> {t.payee}: {t.amount_cents}")
    #> dee -> ann: 4000
    #> eve -> bo: 3000
    #> dee -> cy: 2000
    #> eve -> cy: 1000
print("greedy:", len(simplify(balances)), "optimal:", min_transfers(balances))
#> greedy: 4 optimal: 3
# The optimum pairs eve with ann (both 40.00) and lets dee pay bo and cy.
# --8<-- [end:greedy_vs_exact]
