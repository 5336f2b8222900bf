"""Log replication on three simulated nodes, a leader crash, and the catch-up after it.

A log is printed as index:term:command cells; the bar stands after the
commit index. An entry is committed once the leader has it on a majority
(Raft paper, section 5.3); the next leader must hold every committed entry
(section 5.4.1, the election restriction, makes sure of it).
"""

from __future__ import annotations

from examples.system_design.consensus.raft import Simulation

# --8<-- [start:replicate]
sim = Simulation(nodes=3, seed=3)
sim.run_until(lambda: sim.leader() is not None, limit_ms=2_000)
first = sim.leader()
writes = [sim.submit(command) for command in ("x=1", "y=2")]
sim.run_for(50)
print("leader:", first, [sim.outcome(w) for w in writes])
#> leader: S3 ['committed', 'committed']
for name in sim.nodes:
    print(name, sim.log_of(name))
    #> S1 | 1:1:x=1 2:1:y=2
    #> S2 | 1:1:x=1 2:1:y=2
    #> S3 1:1:x=1 2:1:y=2 |
# --8<-- [end:replicate]

# --8<-- [start:crash]
sim.crash(first)
sim.run_until(lambda: sim.leader() not in (None, first), limit_ms=2_000)
second = sim.leader()
print(f"{first} crashed; {second} leads term {sim.nodes[second].current_term}")
#> S3 crashed; S1 leads term 2
print(second, sim.log_of(second))
#> S1 1:1:x=1 2:1:y=2 |
sim.submit("z=3")
sim.restart(first)  # it returns with its log and term, and follows
sim.run_for(200)
for name in sim.nodes:
    print(name, sim.log_of(name), "state:", sim.nodes[name].state)
    #> S1 1:1:x=1 2:1:y=2 3:2:z=3 | state: ['x=1', 'y=2', 'z=3']
    #> S2 1:1:x=1 2:1:y=2 3:2:z=3 | state: ['x=1', 'y=2', 'z=3']
    #> S3 1:1:x=1 2:1:y=2 3:2:z=3 | state: ['x=1', 'y=2', 'z=3']
print("violations:", sim.violations())
#> violations: []
# --8<-- [end:crash]
