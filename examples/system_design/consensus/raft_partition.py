"""A partition on five simulated nodes: the old leader keeps its title and cannot commit.

The minority side has the leader and one follower. It accepts a write and
never commits it: two copies are not a majority of five. The majority side
elects a leader of a newer term and goes on. When the network heals, the old
leader sees the newer term, steps down, and its uncommitted entry is
replaced (Raft paper, sections 5.1, 5.3 and 5.4).
"""

from __future__ import annotations

from examples.system_design.consensus.raft import Simulation

# --8<-- [start:partition]
sim = Simulation(nodes=5, seed=5)
sim.run_until(lambda: sim.leader() is not None, limit_ms=2_000)
old = sim.leader()
sim.submit("a")
sim.run_for(50)
others = [n for n in sim.nodes if n != old]
sim.partition([old, others[0]], others[1:])
start = sim.now
lost = sim.submit("b", to=old)  # a client that still talks to the old leader
sim.run_until(lambda: sim.leader() != old, limit_ms=2_000)
new = sim.leader()
kept = sim.submit("c")
sim.run_for(100)
print("old leader still thinks it leads:", sim.nodes[old].role.value)
#> old leader still thinks it leads: leader
print("outcomes: b", sim.outcome(lost), "| c", sim.outcome(kept))
#> outcomes: b lost | c committed
sim.heal()
sim.run_for(200)
print("after healing: b", sim.outcome(lost), "| c", sim.outcome(kept))
#> after healing: b lost | c committed
kinds = {"partition", "leader", "step-down", "truncate", "commit"}
for line in sim.timeline(kinds, since=start - 1):
    print(line)
    #>   225 ms  -   partition {S4,S1} | {S2,S3,S5}
    #>   374 ms  S5  leader of term 2 (votes: S2, S3, S5)
    #>   404 ms  S5  commits through index 2 (3 of 5 store it)
    #>   474 ms  -   network healed
    #>   491 ms  S4  steps down: saw term 2
    #>   534 ms  S1  drops 1 conflicting entry from index 2
    #>   539 ms  S4  drops 1 conflicting entry from index 2
# --8<-- [end:partition]
