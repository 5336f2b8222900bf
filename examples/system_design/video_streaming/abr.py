"""A video player over a bandwidth trace: a buffer model and three bit rate rules.

The player downloads one segment at a time. A download of `size` bits takes as
long as the trace needs to deliver them; meanwhile playback drains the buffer,
and when the buffer is empty the video stalls (a rebuffer). A rule picks each
segment's rendition from what the player knows: recent throughputs, the buffer.
All time is simulated; nothing sleeps.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

# A ladder like a streaming service's, 240p to 1080p, in kbit/s.
LADDER_KBPS = (300, 750, 1500, 3000, 6000)
SEGMENT_S = 4.0
MAX_BUFFER_S = 60.0  # the player stops downloading when this far ahead


# --8<-- [start:trace]
def commuter_trace(seconds: int, seed: int) -> list[float]:
    """Throughput in kbit/s for each second: a wandering 2-8 Mbit/s link with
    drops (a tunnel, a handover) to 50-300 kbit/s for 5 to 25 seconds."""
    if seconds <= 0:
        raise ValueError(f"seconds must be positive, got {seconds}")
    rng = random.Random(seed)
    kbps, trace, t = 5000.0, [], 0
    while t < seconds:
        if rng.random() < 0.02:  # about one drop every 50 seconds
            low = rng.uniform(50, 300)
            for _ in range(rng.randint(5, 25)):
                trace.append(low)
            t = len(trace)
            continue
        kbps = min(8000.0, max(2000.0, kbps * rng.uniform(0.85, 1.15)))
        trace.append(kbps)
        t = len(trace)
    return trace[:seconds]


# --8<-- [end:trace]


def download_seconds(trace: Sequence[float], start: float, kbits: float) -> float:
    """How long the link takes to deliver `kbits` from time `start`.

    The trace holds one rate per second; past its end the last second repeats.
    """
    if kbits < 0 or start < 0:
        raise ValueError("kbits and start must not be negative")
    t, left = start, kbits
    while left > 1e-9:
        second = int(t)
        rate = trace[min(second, len(trace) - 1)]
        if rate <= 0:
            raise ValueError(f"throughput must be positive, got {rate} at {second}")
        room = (second + 1 - t) * rate  # what the rest of this second carries
        if room >= left:
            return t + left / rate - start
        left -= room
        t = second + 1
    return t - start


@dataclass
class PlayerState:
    buffer_s: float = 0.0
    throughputs: list[float] = field(default_factory=list)  # kbit/s per segment
    last: int | None = None  # ladder index of the previous segment


Rule = Callable[[PlayerState], int]


# --8<-- [start:rules]
def highest(state: PlayerState) -> int:
    """Always the best rendition: what a player without ABR does."""
    return len(LADDER_KBPS) - 1


def best_below(kbps: float) -> int:
    """The highest rung at or below `kbps` (the lowest if none is)."""
    fits = [i for i, rate in enumerate(LADDER_KBPS) if rate <= kbps]
    return fits[-1] if fits else 0


def throughput_rule(state: PlayerState, window: int = 5, safety: float = 0.8) -> int:
    """The harmonic mean of the last few downloads' throughput, times a margin.

    The harmonic mean is pulled down by slow samples, so one fast download
    does not talk the player into a rung it cannot hold."""
    recent = state.throughputs[-window:]
    if not recent:
        return 0  # nothing measured yet: start low
    harmonic = len(recent) / sum(1 / x for x in recent)
    return best_below(harmonic * safety)


def buffer_rule(
    state: PlayerState, reservoir_s: float = 20.0, cushion_s: float = 30.0
) -> int:
    """BBA-0 (Huang et al., SIGCOMM 2014): the rate is a function of the buffer.

    Below the reservoir, the lowest rung; above reservoir + cushion, the
    highest; in between the target rises linearly. The player moves up only
    when the target passes the next rung and down only when it falls below
    the previous one, which keeps it from flapping between neighbors."""
    low, high = LADDER_KBPS[0], LADDER_KBPS[-1]
    b = state.buffer_s
    if b <= reservoir_s:
        target = low
    elif b >= reservoir_s + cushion_s:
        target = high
    else:
        target = low + (high - low) * (b - reservoir_s) / cushion_s
    last = state.last if state.last is not None else 0
    up = min(last + 1, len(LADDER_KBPS) - 1)
    down = max(last - 1, 0)
    if target >= LADDER_KBPS[up]:
        return best_below(target)
    if target <= LADDER_KBPS[down]:
        fits = [i for i, rate in enumerate(LADDER_KBPS) if rate >= target]
        return fits[0]
    return last


# --8<-- [end:rules]


@dataclass(frozen=True)
class Session:
    rebuffer_s: float
    stalls: int
    avg_kbps: float
    switches: int
    startup_s: float
    wall_s: float  # from the first request to the last frame
    buffer_log: tuple[float, ...]  # buffer after each step, never negative


# --8<-- [start:play]
def play(rule: Rule, trace: Sequence[float], segments: int) -> Session:
    """Stream `segments` segments under `rule`; account for every second."""
    if segments <= 0:
        raise ValueError(f"segments must be positive, got {segments}")
    state, now = PlayerState(), 0.0
    rebuffer = startup = 0.0
    stalls, switches, rates, log = 0, 0, [], []
    for n in range(segments):
        choice = rule(state)
        kbits = LADDER_KBPS[choice] * SEGMENT_S
        took = download_seconds(trace, now, kbits)
        now += took
        if n == 0:
            startup = took  # the first segment: a start-up delay, not a stall
        elif took > state.buffer_s:
            rebuffer += took - state.buffer_s  # the buffer ran dry mid-download
            stalls += 1
            state.buffer_s = 0.0
        else:
            state.buffer_s -= took
        state.buffer_s += SEGMENT_S
        if state.buffer_s > MAX_BUFFER_S:  # full: wait, playing, until there is room
            wait = state.buffer_s - MAX_BUFFER_S
            now += wait
            state.buffer_s -= wait
        switches += state.last is not None and choice != state.last
        state.last = choice
        state.throughputs.append(kbits / took)
        rates.append(LADDER_KBPS[choice])
        log.append(state.buffer_s)
    now += state.buffer_s  # play out what is left
    return Session(
        rebuffer_s=rebuffer,
        stalls=stalls,
        avg_kbps=sum(rates) / len(rates),
        switches=switches,
        startup_s=startup,
        wall_s=now,
        buffer_log=tuple(log),
    )


# --8<-- [end:play]
