"""What linearizable calls cost across regions, and what local ones return instead."""

from __future__ import annotations

from examples.system_design.consistency.checker import MODELS, SHORT_NAMES, classify
from examples.system_design.consistency.replicas import (
    MODES,
    THREE_REGIONS,
    Workload,
    latencies,
    percentile,
    simulate,
)

REGIONS = THREE_REGIONS.regions
SEED = 7


def cell(values: list[float]) -> str:
    return f"{percentile(values, 0.5):.0f} / {percentile(values, 0.99):.0f}"


# --8<-- [start:latency]
# Six clients (two per region) for 10 simulated seconds, a quarter of calls writes.
runs = {mode: simulate(THREE_REGIONS, Workload(), mode, SEED) for mode in MODES}
print(f"{'ms, p50 / p99':<19}" + "".join(f"{region:>12}" for region in REGIONS))
#> ms, p50 / p99           eu-west     us-east     us-west
for mode, run in runs.items():
    for kind, name in (("w", "write"), ("r", "read")):
        cells = [cell(latencies(run, kind, region)) for region in REGIONS]
        print(f"{mode + ' ' + name:<19}" + "".join(f"{c:>12}" for c in cells))
        #> linearizable write    165 / 181     78 / 95   153 / 179
        #> linearizable read     163 / 186     78 / 95   153 / 172
        #> local write               2 / 3       2 / 2       2 / 3
        #> local read                2 / 3       2 / 3       2 / 2
for mode, run in runs.items():
    reads = [call for call in run.completed() if call.kind == "r"]
    stale = len(run.stale())
    print(f"{mode}: {stale} of {len(reads)} reads stale ({stale / len(reads):.0%})")
    #> linearizable: 0 of 199 reads stale (0%)
    #> local: 163 of 444 reads stale (37%)
# --8<-- [end:latency]

# --8<-- [start:write_rate]
# Staleness grows with how often the key changes: vary each client's pause.
for think_ms in (2_000, 500, 100):
    load = Workload(think_ms=think_ms)
    run = simulate(THREE_REGIONS, load, "local", SEED)
    reads = [call for call in run.completed() if call.kind == "r"]
    seconds = load.duration_ms / 1000
    writes_per_s = sum(call.kind == "w" for call in run.calls) / seconds
    stale = len(run.stale()) / len(reads)
    print(f"{writes_per_s:5.1f} writes/s: {stale:4.0%} of local reads stale")
    #>   1.0 writes/s:   7% of local reads stale
    #>   3.0 writes/s:  14% of local reads stale
    #>  14.4 writes/s:  37% of local reads stale
# --8<-- [end:write_rate]

# --8<-- [start:partition]
# Cut eu-west off from the other two regions from t=4 s to t=6 s.
cut = Workload(partition=("eu-west", 4_000, 6_000))
for mode in MODES:
    run = simulate(THREE_REGIONS, cut, mode, SEED)
    during = [
        call
        for call in run.calls
        if call.region == "eu-west" and 4_000 <= call.invoke < 6_000
    ]
    answered = [call for call in during if call.response is not None]
    stale = [call for call in run.stale() if call in answered]
    reads = [call for call in answered if call.kind == "r"]
    answers = f"eu-west got answers to {len(answered)} of {len(during)} calls"
    print(f"{mode}: {answers}, {len(stale)} of {len(reads)} reads stale")
    #> linearizable: eu-west got answers to 0 of 3 calls, 0 of 0 reads stale
    #> local: eu-west got answers to 31 of 31 calls, 17 of 20 reads stale
# --8<-- [end:partition]

# --8<-- [start:checked]
# 200 short runs per setting (four calls per client, 24 calls in all), each
# history judged by the checker: how many runs kept each guarantee?
short = Workload(calls_per_client=4)
print(f"{'runs that held':<14}" + "".join(f"{SHORT_NAMES[m]:>7}" for m in MODELS))
#> runs that held    lin    seq causal    ryw     mr
for mode in MODES:
    held = dict.fromkeys(MODELS, 0)
    for seed in range(200):
        verdict = classify(simulate(THREE_REGIONS, short, mode, seed).history())
        for model, ok in verdict.items():
            held[model] += ok
    print(f"{mode:<14}" + "".join(f"{held[m]:>7}" for m in MODELS))
    #> linearizable      200    200    200    200    200
    #> local               4    200    200    200    200
# --8<-- [end:checked]
