"""Figure 8 of the Raft paper, scripted: why a leader must not commit an old-term entry by counting.

Section 5.4.2 of Ongaro and Ousterhout (2014). Timers are off, so each
election starts only where the script says, and every step is the same on
every run. The same script runs twice: with the rule, and without it.
"""

from __future__ import annotations

from examples.system_design.consensus.raft import Config, Simulation


# --8<-- [start:script]
def figure8(figure8_rule: bool) -> Simulation:
    """Play the paper's Figure 8 on five nodes; return the simulation for inspection."""
    sim = Simulation(
        5, seed=8, config=Config(election_timers=False, figure8_rule=figure8_rule)
    )
    sim.start_election("S1")
    sim.run_for(50)
    sim.submit("a")  # term 1, index 1: reaches everyone and commits
    sim.run_for(50)
    # (a) S1 appends "b" at index 2 and gets it to S2 only, then crashes.
    sim.partition(["S1", "S2"], ["S3", "S4", "S5"])
    sim.submit("b", to="S1")
    sim.run_for(50)
    sim.crash("S1")
    # (b) S5 wins term 2 with S3 and S4, appends "c" at index 2 alone, crashes.
    sim.start_election("S5")
    sim.run_for(50)
    sim.partition(["S5"])
    sim.submit("c", to="S5")
    sim.crash("S5")
    # (c) S1 comes back, wins term 3 (term 2 fails: S3 voted already) and
    # copies "b" to S3: index 2 is now on S1, S2, S3, a majority.
    sim.crash("S4")
    sim.heal()
    sim.restart("S1")
    while sim.leader() != "S1":
        sim.start_election("S1")
        sim.run_for(50)
    sim.run_for(100)  # heartbeats bring S3 up to date
    sim.crash("S1")
    # (d) S5 returns and wins with S2, S3 and S4: its last entry (term 2) is
    # newer than theirs (term 1). It replaces index 2 with "c" everywhere.
    sim.restart("S4")
    sim.restart("S5")
    while sim.leader() != "S5":  # term 3 fails (S2 and S3 voted for S1), term 4 wins
        sim.start_election("S5")
        sim.run_for(50)
    sim.submit("d")  # a term-4 entry, which lets S5 commit
    sim.run_for(100)
    sim.restart("S1")
    sim.run_for(100)
    return sim
    # --8<-- [end:script]


def committed_b(sim: Simulation) -> bool:
    """Did S1, in step (c), count "b" at index 2 as committed?"""
    return any(e.node == "S1" and "through index 2" in e.text for e in sim.events)


if __name__ == "__main__":
    # --8<-- [start:run]
    safe = figure8(figure8_rule=True)
    print("rule on, S1 committed b:", committed_b(safe))
    #> rule on, S1 committed b: False
    print("S2:", safe.nodes["S2"].state, "S5:", safe.nodes["S5"].state)
    #> S2: ['a', 'c', 'd'] S5: ['a', 'c', 'd']
    print("violations:", len(safe.violations()))
    #> violations: 0

    unsafe = figure8(figure8_rule=False)
    print("rule off, S1 committed b:", committed_b(unsafe))
    #> rule off, S1 committed b: True
    print("S2:", unsafe.nodes["S2"].state, "S5:", unsafe.nodes["S5"].state)
    #> S2: ['a', 'b', 'd'] S5: ['a', 'c', 'd']
    print("violations:", len(unsafe.violations()))
    #> violations: 11
    print("first:", unsafe.violations()[0])
    #> first: leader completeness: S5, leader of term 4, lacks committed index 2
    # --8<-- [end:run]
