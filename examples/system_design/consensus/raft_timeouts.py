"""Why election timeouts are random: time to replace a crashed leader, by timeout spread.

Five simulated nodes, 50 seeds per row. Each run elects S1, lets it send
heartbeats, crashes it, and measures the simulated time until a new leader
exists. A "split" run needed more than one election. The Raft paper
measured the same effect on a real cluster (section 9.3, Figure 16).
"""

from __future__ import annotations

import statistics

from examples.system_design.consensus.raft import Config, Simulation

# --8<-- [start:timeouts]
RUNS = 50
LIMIT_MS = 5_000


def failover(seed: int, timeout_ms: tuple[int, int]) -> tuple[int | None, int]:
    """(ms until a new leader or None past LIMIT_MS, elections it took)."""
    sim = Simulation(5, seed=seed, config=Config(election_timeout_ms=timeout_ms))
    sim.start_election("S1")
    sim.run_for(200)
    term = sim.nodes["S1"].current_term
    sim.crash("S1")
    crashed_at = sim.now
    if not sim.run_until(lambda: sim.leader() is not None, limit_ms=LIMIT_MS):
        return None, 0
    return sim.now - crashed_at, sim.nodes[sim.leader()].current_term - term


print("timeout ms  no leader  median ms  worst ms  split")
#> timeout ms  no leader  median ms  worst ms  split
for spread in [(150, 150), (150, 155), (150, 200), (150, 300)]:
    runs = [failover(seed, spread) for seed in range(RUNS)]
    times = [ms for ms, _ in runs if ms is not None]
    split = sum(1 for ms, elections in runs if ms is not None and elections > 1)
    median = f"{statistics.median(times):.0f}" if times else "-"
    worst = max(times, default="-")
    label = f"{spread[0]}-{spread[1]}"
    row = f"{label:<11} {RUNS - len(times):>9} {median:>10} {worst:>9} {split:>6}"
    print(row)
    #> 150-150            42        216       590      4
    #> 150-155             6       1366      4708     40
    #> 150-200             0        160       492     13
    #> 150-300             0        174       541      4
# --8<-- [end:timeouts]
