"""Three bit rate rules on one seeded commuter trace: stalls against quality."""

from __future__ import annotations

from itertools import pairwise

from examples.system_design.video_streaming.abr import (
    buffer_rule,
    commuter_trace,
    highest,
    play,
    throughput_rule,
)

# --8<-- [start:compare]
# 30 minutes of link for 10 minutes of video: a stalling session runs long,
# and a session past the trace's end would replay its last second forever.
trace = commuter_trace(seconds=1_800, seed=3)
first = trace[:600]  # the ten minutes a session without stalls spans
drops = sum(1 for a, b in pairwise(first) if a > 1000 >= b)
print(f"first 10 min: {drops} drops, mean {sum(first) / len(first):,.0f} kbit/s")
#> first 10 min: 7 drops, mean 2,738 kbit/s
rules = {
    "highest": highest,
    "throughput": throughput_rule,  # harmonic mean of the last 5, times 0.8
    "buffer": buffer_rule,  # a 20 s reservoir, then 30 s of cushion
}
header = f"{'rule':<11}{'start s':>8}{'rebuffer s':>11}{'stalls':>7}"
print(f"{header}{'kbit/s':>7}{'switches':>9}")
#> rule        start s rebuffer s stalls kbit/s switches
longest = 0.0
for name, rule in rules.items():
    s = play(rule, trace, segments=150)  # 10 minutes of 4 s segments
    row = f"{name:<11}{s.startup_s:>8.1f}{s.rebuffer_s:>11.1f}{s.stalls:>7}"
    print(f"{row}{s.avg_kbps:>7,.0f}{s.switches:>9}")
    #> highest        17.4      768.9    137  6,000        0
    #> throughput      0.2        9.5      1  1,660       18
    #> buffer          0.2        0.0      0  2,640       23
    longest = max(longest, s.wall_s)
print(f"longest session: {longest:,.0f} s of a {len(trace):,} s trace")
#> longest session: 1,386 s of a 1,800 s trace
# --8<-- [end:compare]

# --8<-- [start:reservoir]
for reservoir in (20, 10, 5):
    s = play(lambda st, r=reservoir: buffer_rule(st, r), trace, segments=150)
    stalled = f"rebuffer {s.rebuffer_s:4.1f} s, {s.stalls} stalls"
    print(f"reservoir {reservoir:>2} s: {stalled}, {s.avg_kbps:,.0f} kbit/s")
    #> reservoir 20 s: rebuffer  0.0 s, 0 stalls, 2,640 kbit/s
    #> reservoir 10 s: rebuffer 11.9 s, 2 stalls, 2,706 kbit/s
    #> reservoir  5 s: rebuffer 25.1 s, 4 stalls, 2,752 kbit/s
# --8<-- [end:reservoir]
