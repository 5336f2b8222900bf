"""Birthday-bound collision odds for random IDs, computed and checked by simulation."""

from __future__ import annotations

import math
import random

V4_RANDOM_BITS = 122  # 128 minus 4 version and 2 variant bits (RFC 9562, 5.4)
V7_RANDOM_BITS = 74  # per millisecond, when rand_a and rand_b are all random (5.7)
MS_PER_YEAR = 365 * 24 * 3600 * 1000
EXACT_MAX_N = 1_000_000  # exact_collision_probability loops n times


# --8<-- [start:birthday]
def collision_probability(n: int, bits: int) -> float:
    """Chance that n values drawn uniformly from 2**bits contain a repeat.

    The birthday bound: 1 - exp(-n(n-1) / 2**(bits+1)). expm1 keeps tiny
    probabilities exact where 1 - exp(x) would round to 0.
    """
    _check_count(n, "n")
    _check_count(bits, "bits")
    if bits == 0:
        return 0.0 if n <= 1 else 1.0
    pairs = n * (n - 1) / 2
    return -math.expm1(-pairs / 2.0**bits)


def ids_for_probability(p: float, bits: int) -> float:
    """How many random IDs give a repeat with probability p (inverse of the above)."""
    if not 0 < p < 1:
        raise ValueError(f"p must be strictly between 0 and 1, got {p!r}")
    _check_count(bits, "bits")
    return math.sqrt(2 * 2.0**bits * -math.log1p(-p))


def yearly_v7_probability(ids_per_second: float, bits: int = V7_RANDOM_BITS) -> float:
    """Chance of any repeat in a year of fully random v7 IDs at a steady rate.

    Only IDs in the same millisecond can collide. With arrivals at random
    (Poisson), a millisecond holds on average rate**2 / 2 pairs of IDs.
    """
    if not ids_per_second >= 0 or math.isinf(ids_per_second):
        raise ValueError(
            f"ids_per_second must be finite and >= 0, got {ids_per_second!r}"
        )
    per_ms = ids_per_second / 1000
    p_ms = -math.expm1(-per_ms * per_ms / 2 / 2.0**bits)
    return -math.expm1(MS_PER_YEAR * math.log1p(-p_ms))


# --8<-- [end:birthday]


def exact_collision_probability(n: int, bits: int) -> float:
    """The same chance multiplied out, 1 - prod((2**bits - i) / 2**bits), for small n.

    The bound above runs a little low once n is a sizable share of 2**bits
    (40 worker ids out of 1,024, say); this is exact but takes n steps.
    """
    _check_count(n, "n")
    _check_count(bits, "bits")
    if n > EXACT_MAX_N:
        raise ValueError(
            f"n={n} is too many to multiply out; use collision_probability"
        )
    space = 2**bits
    if n > space:
        return 1.0
    return 1.0 - math.prod((space - i) / space for i in range(n))


def simulated_probability(n: int, bits: int, trials: int, seed: int) -> float:
    """Fraction of `trials` in which n seeded random draws from 2**bits repeat."""
    _check_count(trials, "trials")
    if trials == 0:
        raise ValueError("trials must be at least 1")
    rng = random.Random(seed)
    hits = 0
    for _ in range(trials):
        seen: set[int] = set()
        for _ in range(n):
            value = rng.getrandbits(bits)
            if value in seen:
                hits += 1
                break
            seen.add(value)
    return hits / trials


def _check_count(value: object, name: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, got {value!r}")
    if value < 0:
        raise ValueError(f"{name} must be zero or more, got {value}")


if __name__ == "__main__":
    # --8<-- [start:numbers]
    # The formula against a simulation small enough to see repeats (20 bits):
    formula = collision_probability(1_000, 20)
    simulated = simulated_probability(1_000, 20, trials=400, seed=1)
    print(f"1,000 IDs in 2**20: formula {formula:.2f}, simulated {simulated:.2f}")
    #> 1,000 IDs in 2**20: formula 0.38, simulated 0.38
    for n in (10**6, 10**9, 10**12):
        print(f"v4, {n:.0e} IDs: {collision_probability(n, V4_RANDOM_BITS):.1e}")
        #> v4, 1e+06 IDs: 9.4e-26
        #> v4, 1e+09 IDs: 9.4e-20
        #> v4, 1e+12 IDs: 9.4e-14
    print(f"v4 IDs for a 50% chance: {ids_for_probability(0.5, V4_RANDOM_BITS):.1e}")
    #> v4 IDs for a 50% chance: 2.7e+18
    for rate in (10**3, 10**6):
        p = yearly_v7_probability(rate)
        print(f"v7 at {rate:.0e} IDs/s, one year: {p:.1e}")
        #> v7 at 1e+03 IDs/s, one year: 8.3e-13
        #> v7 at 1e+06 IDs/s, one year: 8.3e-07
    year_of_ids = 10**6 * MS_PER_YEAR // 1000  # the same year at 1e6 IDs/s, as v4
    p = collision_probability(year_of_ids, V4_RANDOM_BITS)
    print(f"v4, the same {year_of_ids:.1e} IDs: {p:.1e}")
    #> v4, the same 3.2e+13 IDs: 9.4e-11
    # Snowflake workers that pick their 10-bit worker id at random:
    shared = exact_collision_probability(40, 10)
    print(f"40 random worker ids, a shared one: {shared:.2f}")
    #> 40 random worker ids, a shared one: 0.54
    # --8<-- [end:numbers]
