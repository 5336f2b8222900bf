"""A leader election on five simulated nodes, with a split vote first.

Seed 11 makes three nodes time out within 4 ms of each other. Each votes for
itself, so no candidate reaches three votes in term 1, and the node whose
randomized timeout fires next wins term 2 (Raft paper, section 5.2).
"""

from __future__ import annotations

from examples.system_design.consensus.raft import Simulation

# --8<-- [start:election]
sim = Simulation(nodes=5, seed=11)
sim.run_until(lambda: sim.leader() is not None, limit_ms=2_000)
for line in sim.timeline():
    print(line)
    #>   265 ms  S1  timeout: candidate for term 1
    #>   265 ms  S4  timeout: candidate for term 1
    #>   269 ms  S3  timeout: candidate for term 1
    #>   271 ms  S4  refuses S1: already voted for S4
    #>   272 ms  S5  votes for S1 in term 1
    #>   274 ms  S2  votes for S3 in term 1
    #>   276 ms  S2  refuses S4: already voted for S3
    #>   277 ms  S4  refuses S3: already voted for S4
    #>   278 ms  S2  refuses S1: already voted for S3
    #>   279 ms  S3  refuses S1: already voted for S3
    #>   280 ms  S1  refuses S4: already voted for S1
    #>   280 ms  S3  refuses S4: already voted for S3
    #>   280 ms  S5  refuses S4: already voted for S1
    #>   281 ms  S5  refuses S3: already voted for S1
    #>   282 ms  S1  refuses S3: already voted for S1
    #>   438 ms  S4  timeout: candidate for term 2
    #>   443 ms  S1  votes for S4 in term 2
    #>   449 ms  S2  votes for S4 in term 2
    #>   452 ms  S3  votes for S4 in term 2
    #>   453 ms  S5  votes for S4 in term 2
    #>   458 ms  S4  leader of term 2 (votes: S1, S3, S4)
print("leaders by term:", sim.leaders_by_term)
#> leaders by term: {2: {'S4'}}
# --8<-- [end:election]
