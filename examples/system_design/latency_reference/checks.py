"""Whether a latency reference data file is well formed: every problem, in words.

A measured row is either timed per operation (p50, p99 and mean, each with
its unit, over at least MIN_SAMPLES operations) or in batches (the median of
at least MIN_RUNS runs with their range); a cited row has a source link and
either a value with a unit or, where the source gives no number, its words.
"""

from __future__ import annotations

import math

from examples.system_design.latency_reference.repeated import MIN_RUNS, MIN_SAMPLES

MEASURED = "measured"
SECONDS_PER_UNIT = {"ns": 1e-9, "µs": 1e-6, "ms": 1e-3, "s": 1.0}
RATE_UNITS = {"GB/s": 1e9}  # bytes per second per unit, decimal
MACHINE_KEYS = (
    "cpu",
    "cores",
    "virtual_machine",
    "kernel",
    "python",
    "postgresql",
    "redis",
    "disk",
    "load_at_start",
    "load_at_end",
    "above_core_count",
    "date",
)
EACH, BATCH = "each operation", "batch"  # how a measured row was timed


def problems(data: object) -> list[str]:
    """Everything wrong with a reference data file; an empty list means well formed."""
    if not isinstance(data, dict):
        return ["the file must hold an object with 'machine' and 'rows'"]
    found = []
    machine = data.get("machine")
    if not isinstance(machine, dict):
        found.append("'machine' must be an object")
    else:
        found += [
            f"machine: '{key}' is missing or empty"
            for key in MACHINE_KEYS
            if machine.get(key) in (None, "")
        ]
    rows = data.get("rows")
    if not isinstance(rows, list) or not rows:
        return [*found, "'rows' must be a non-empty list"]
    seen = set()
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            found.append(f"row {number}: must be an object")
            continue
        label = f"row {number} ({row.get('id', 'no id')})"
        if row.get("id") in seen:
            found.append(f"{label}: id used twice")
        seen.add(row.get("id"))
        found += [f"{label}: {problem}" for problem in _row_problems(row)]
    return found


def _positive(value: object) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and value > 0
        and math.isfinite(value)
    )


def _whole(value: object, least: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= least


def _row_problems(row: dict[str, object]) -> list[str]:
    found = []
    for key in ("id", "operation"):
        if not isinstance(row.get(key), str) or not row[key]:
            found.append(f"'{key}' must be a non-empty string")
    units = {**SECONDS_PER_UNIT, **RATE_UNITS}
    source = row.get("source")
    in_words = source != MEASURED and "words" in row
    if in_words:
        if not isinstance(row["words"], str) or not row["words"]:
            found.append("'words' must be a non-empty string")
        if "value" in row or "unit" in row:
            found.append("a row in words has no 'value' or 'unit'")
    else:
        if not _positive(row.get("value")):
            found.append("'value' must be a positive number")
        if row.get("unit") not in units:
            found.append(f"'unit' must be one of {sorted(units)}")
    if source == MEASURED:
        found += _measured_problems(row)
    elif isinstance(source, str) and source.startswith("https://"):
        if not isinstance(row.get("source_name"), str) or not row["source_name"]:
            found.append("a cited row needs 'source_name'")
        for key in ("note", "statistic"):
            if key in row and (not isinstance(row[key], str) or not row[key]):
                found.append(f"'{key}', when given, must be a non-empty string")
    else:
        found.append("'source' must be 'measured' or an https:// URL")
    return found


def _measured_problems(row: dict[str, object]) -> list[str]:
    found = []
    if not isinstance(row.get("how"), str) or not row["how"]:
        found.append("a measured row needs 'how'")
    if row.get("timing") == EACH:
        for key in ("p99", "mean"):
            if (
                not _positive(row.get(key))
                or row.get(f"{key}_unit") not in SECONDS_PER_UNIT
            ):
                found.append(
                    f"a row timed per operation needs '{key}' and '{key}_unit'"
                )
        if (
            not found
            and _positive(row.get("value"))
            and row.get("unit") in SECONDS_PER_UNIT
        ):
            p50 = row["value"] * SECONDS_PER_UNIT[row["unit"]]
            if row["p99"] * SECONDS_PER_UNIT[row["p99_unit"]] < p50:
                found.append("'p99' must not be below the p50 ('value')")
        if not _whole(row.get("samples"), MIN_SAMPLES):
            found.append(
                f"a row timed per operation needs 'samples' of at least {MIN_SAMPLES}"
            )
    elif row.get("timing") == BATCH:
        if not (_positive(row.get("low")) and _positive(row.get("high"))):
            found.append("a batch row needs positive 'low' and 'high'")
        elif (
            _positive(row.get("value"))
            and not row["low"] <= row["value"] <= row["high"]
        ):
            found.append("'value' must lie between 'low' and 'high'")
        if not _whole(row.get("runs"), MIN_RUNS):
            found.append(f"a batch row needs 'runs' of at least {MIN_RUNS}")
    else:
        found.append(f"'timing' must be {EACH!r} or {BATCH!r}")
    return found
