"""Back-of-the-envelope arithmetic: requests per second and storage per year.

Three helpers and the one constant worth remembering. Each helper refuses
input that would make a plausible-looking wrong answer (a negative volume, a
peak below the average, a fraction of a replica). Units are decimal:
1 TB = 10**12 bytes.
"""

from __future__ import annotations

import math

# --8<-- [start:helpers]
SECONDS_PER_DAY = 24 * 60 * 60  # 86,400: about 10**5, for arithmetic in your head
DAYS_PER_YEAR = 365


def _require_positive(name: str, value: float) -> None:
    if isinstance(value, bool) or not (value > 0 and math.isfinite(value)):
        raise ValueError(f"{name} must be a positive finite number, got {value!r}")


def average_rps(per_day: float) -> float:
    """Requests per second if a day's volume were spread evenly."""
    _require_positive("per_day", per_day)
    return per_day / SECONDS_PER_DAY


def peak_rps(per_day: float, peak_factor: float) -> float:
    """Requests per second at the busiest moment: the average times the peak factor."""
    _require_positive("peak_factor", peak_factor)
    if peak_factor < 1:
        raise ValueError(f"peak_factor must be at least 1, got {peak_factor!r}")
    return average_rps(per_day) * peak_factor


def storage_per_year(
    items_per_day: float, bytes_per_item: float, replicas: int = 1
) -> float:
    """Bytes added in a year, counting every copy."""
    _require_positive("items_per_day", items_per_day)
    _require_positive("bytes_per_item", bytes_per_item)
    if isinstance(replicas, bool) or not isinstance(replicas, int) or replicas < 1:
        raise ValueError(
            f"replicas must be a whole number of at least 1, got {replicas!r}"
        )
    return items_per_day * DAYS_PER_YEAR * bytes_per_item * replicas


def decimal_bytes(size: float) -> str:
    """3,456,000,000 -> '3.46 GB' (powers of 1,000, as disks are sold)."""
    if isinstance(size, bool) or not (size >= 0 and math.isfinite(size)):
        raise ValueError(f"size must be a finite number of bytes >= 0, got {size!r}")
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if float(f"{size:.3g}") < 1000:  # 999.6 rounds to 1e+03: show it as 1 KB
            return f"{size:.3g} {unit}"
        size /= 1000
    return f"{size:.3g} PB" if float(f"{size:.3g}") < 1000 else f"{size:,.0f} PB"


# --8<-- [end:helpers]

if __name__ == "__main__":
    # --8<-- [start:demo]
    # 50M requests a day, the busiest hour at 3x the average; 2M new
    # records a day of 1 KB each, kept three times (a primary, two replicas).
    print(f"{average_rps(50_000_000):,.0f} requests/s on average")
    #> 579 requests/s on average
    print(f"{peak_rps(50_000_000, peak_factor=3):,.0f} requests/s at peak")
    #> 1,736 requests/s at peak
    yearly = storage_per_year(2_000_000, bytes_per_item=1_000, replicas=3)
    print(f"{decimal_bytes(yearly)} of new data a year")
    #> 2.19 TB of new data a year
    print(f"1M a day is {average_rps(1_000_000):.1f} requests/s")
    #> 1M a day is 11.6 requests/s
    try:
        peak_rps(50_000_000, peak_factor=0.5)
    except ValueError as error:
        print(error)
        #> peak_factor must be at least 1, got 0.5
    # --8<-- [end:demo]
