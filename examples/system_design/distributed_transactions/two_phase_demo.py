"""The coordinator at work: a transfer that commits, and one that a participant refuses."""

# requires-server: postgres-pair

from examples.system_design.distributed_transactions.bank import (
    balances,
    bank_cluster,
    prepared_branches,
)
from examples.system_design.distributed_transactions.two_phase import (
    TransferCoordinator,
)

with bank_cluster({"bank_a": {"alice": 10_000}, "bank_b": {"bob": 0}}) as cluster:
    # --8<-- [start:commit]
    def peek(stage: str) -> None:
        """What a fresh session sees between the phases."""
        if stage == "prepared":
            print(prepared_branches(cluster), balances(cluster))
            """
            [('bank_a', 't-1'), ('bank_b', 't-1')]
            {'bank_a/alice': 10000, 'bank_b/bob': 0}
            """

    with TransferCoordinator(cluster.participants, cluster.log_path, hook=peek) as tc:
        outcome = tc.transfer("t-1", ("bank_a", "alice"), ("bank_b", "bob"), 2_500)
    print(outcome.decision, balances(cluster), prepared_branches(cluster))
    #> commit {'bank_a/alice': 7500, 'bank_b/bob': 2500} []
    # --8<-- [end:commit]

    # --8<-- [start:vote_no]
    with TransferCoordinator(cluster.participants, cluster.log_path) as tc:
        # bank_a votes yes (and prepares); bank_b has no account 'zoe' and votes no.
        outcome = tc.transfer("t-2", ("bank_a", "alice"), ("bank_b", "zoe"), 1_000)
        print(outcome.decision, outcome.reason)
        #> abort bank_b: no account 'zoe'
        # alice has 7500: the debit fails the CHECK, so bank_a votes no.
        outcome = tc.transfer("t-3", ("bank_a", "alice"), ("bank_b", "bob"), 9_000)
        print(outcome.decision, outcome.reason)
        #> abort bank_a: insufficient funds
    print(balances(cluster), prepared_branches(cluster))
    #> {'bank_a/alice': 7500, 'bank_b/bob': 2500} []
    # --8<-- [end:vote_no]
