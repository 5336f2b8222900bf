"""The latency reference: one data file, and the two tables the page shows, made from it.

`python3 dev.py bench latency_reference` measures and writes
latency_reference.json (every measured figure, the cited ones with their
sources, and the machine). The same run writes latency_table.md and
what_it_means.md from it with the functions below, and the page includes
those two files, so no figure on the page is typed by hand. checks.py says
whether the data file is well formed; the tests check that it is, and that
both tables are exactly what it says.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from examples.system_design.latency_reference.checks import (
    BATCH,
    EACH,
    MEASURED,
    RATE_UNITS,
    SECONDS_PER_UNIT,
    problems,
)
from examples.system_design.latency_reference.repeated import Percentiles, Spread
from examples.system_design.latency_reference.storage import PAGE

HERE = Path(__file__).parent
DATA_FILE = HERE / "latency_reference.json"
TABLE_FILE = HERE / "latency_table.md"
MEANING_FILE = HERE / "what_it_means.md"
GENERATED_BY = "python3 dev.py bench latency_reference"
REQUEST_BUDGET_SECONDS = 0.2  # an example budget for one user request, not a standard
SIGNIFICANT_DIGITS = 3
AZURE = "https://learn.microsoft.com/en-us/azure/networking/azure-network-latency"
AZURE_NOTE = "the Azure rows are Microsoft's P95 over the 30 days ending July 30, 2026"

# Figures this machine cannot measure, each with the page it comes from.
CITED_ROWS: list[dict[str, object]] = [
    {
        "id": "same_region_zones",
        "operation": "Latency between zones in one AWS region",
        "words": "single-digit ms (AWS's words; no round-trip figure published)",
        "source": "https://docs.aws.amazon.com/whitepapers/latest/"
        "aws-fault-isolation-boundaries/availability-zones.html",
        "source_name": "AWS",
    },
    {
        "id": "transatlantic_round_trip",
        "operation": "Round trip, Azure East US to West Europe",
        "value": 89,
        "unit": "ms",
        "statistic": "P95",
        "source": AZURE,
        "source_name": "Microsoft",
        "note": AZURE_NOTE,
    },
    {
        "id": "us_asia_round_trip",
        "operation": "Round trip, Azure East US to Southeast Asia",
        "value": 229,
        "unit": "ms",
        "statistic": "P95",
        "source": AZURE,
        "source_name": "Microsoft",
        "note": AZURE_NOTE,
    },
]


def count_label(count: int) -> str:
    """A count as a label says it: 1,000,000 -> '1M', 10,000 -> '10k', 512 -> '512'."""
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise ValueError(f"count must be a positive whole number, got {count!r}")
    if count % 1_000_000 == 0:
        return f"{count // 1_000_000}M"
    return f"{count // 1000}k" if count % 1000 == 0 else f"{count:,}"


def size_label(size: int) -> str:
    """A size in bytes as a label says it: 4096 -> '4 KiB', 64 -> '64 bytes'."""
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise ValueError(f"size must be a positive whole number, got {size!r}")
    for unit, factor in (("MiB", 2**20), ("KiB", 2**10)):
        if size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size:,} bytes"


def round_significant(value: float, digits: int = SIGNIFICANT_DIGITS) -> float:
    """`value` rounded to `digits` significant figures (0.031234 -> 0.0312)."""
    if not (value > 0 and math.isfinite(value)):
        raise ValueError(f"value must be positive and finite, got {value!r}")
    places = digits - 1 - math.floor(math.log10(value))
    return float(round(value, places))


def time_unit_for(seconds: float) -> str:
    """The unit that shows `seconds` as a number from 1 to 999."""
    if seconds < 1e-6:
        return "ns"
    if seconds < 1e-3:
        return "µs"
    return "ms" if seconds < 1 else "s"


def _in_unit(seconds_: float) -> tuple[float, str]:
    unit = time_unit_for(round_significant(seconds_))  # 999.7 ns is 1.00 µs
    return round_significant(seconds_ / SECONDS_PER_UNIT[unit]), unit


def measured_percentile_row(
    id_: str, operation: str, measured: Percentiles, how: str
) -> dict[str, object]:
    """A row timed one operation at a time: p50 and p99 (each in its own unit), mean."""
    value, unit = _in_unit(measured.p50)
    p99, p99_unit = _in_unit(measured.p99)
    mean, mean_unit = _in_unit(measured.mean)
    return {
        "id": id_,
        "operation": operation,
        "value": value,
        "unit": unit,
        "p99": p99,
        "p99_unit": p99_unit,
        "mean": mean,
        "mean_unit": mean_unit,
        "samples": measured.samples,
        "timing": EACH,
        "source": MEASURED,
        "how": how,
    }


def measured_time_row(
    id_: str, operation: str, spread: Spread, how: str
) -> dict[str, object]:
    """A row timed in batches: the median of the runs' seconds per operation."""
    _, unit = _in_unit(spread.median)
    return _batch_row(
        id_, operation, spread.scaled(1 / SECONDS_PER_UNIT[unit]), unit, how
    )


def measured_rate_row(
    id_: str, operation: str, spread: Spread, how: str
) -> dict[str, object]:
    """A row timed in batches from bytes per second, shown in GB/s."""
    return _batch_row(
        id_, operation, spread.scaled(1 / RATE_UNITS["GB/s"]), "GB/s", how
    )


def _batch_row(
    id_: str, operation: str, shown: Spread, unit: str, how: str
) -> dict[str, object]:
    return {
        "id": id_,
        "operation": operation,
        "value": round_significant(shown.median),
        "unit": unit,
        "low": round_significant(shown.low),
        "high": round_significant(shown.high),
        "runs": shown.runs,
        "timing": BATCH,
        "source": MEASURED,
        "how": how,
    }


def load(path: Path = DATA_FILE) -> dict:
    """The data file, checked; a malformed one raises ValueError listing every problem."""
    data = json.loads(path.read_text(encoding="utf-8"))
    found = problems(data)
    if found:
        raise ValueError(f"{path.name} is malformed:\n" + "\n".join(found))
    return data


def _row(data: dict, id_: str) -> dict:
    row = next((row for row in data["rows"] if row["id"] == id_), None)
    if row is None:
        raise KeyError(f"no row {id_!r}")
    return row


def seconds(data: dict, id_: str, field: str = "value") -> float:
    """A time row's p50 (or batch median) in seconds; field='mean' or 'p99' for those."""
    row = _row(data, id_)
    unit = row.get("unit" if field == "value" else f"{field}_unit")
    if unit in RATE_UNITS:
        raise ValueError(f"row {id_!r} is a rate ({unit}), not a time")
    if unit not in SECONDS_PER_UNIT:
        raise ValueError(f"row {id_!r} has no {field!r} time")
    return row[field] * SECONDS_PER_UNIT[unit]


def format_number(value: float) -> str:
    """A figure as the page shows it: an int as it is, a float to 3 significant figures.

    Cited figures are ints (89 ms); measured ones are floats, so 35.0 keeps
    its zero and says it is known to three figures.
    """
    if isinstance(value, int):
        return f"{value:,}"
    places = max(0, SIGNIFICANT_DIGITS - 1 - math.floor(math.log10(value)))
    return f"{value:,.{places}f}"


def figure(row: dict) -> str:
    """The table's figure cell: what the number is, then the number."""
    if "words" in row:
        return row["words"]
    shown = f"{format_number(row['value'])} {row['unit']}"
    if row["source"] != MEASURED:
        return f"{row['statistic']} {shown}" if row.get("statistic") else shown
    if row["timing"] == EACH:
        return f"p50 {shown}, p99 {format_number(row['p99'])} {row['p99_unit']}"
    low, high = format_number(row["low"]), format_number(row["high"])
    return f"{shown} (runs {low}\N{EN DASH}{high})"


def render_table(data: dict) -> str:
    """The reference table and its caption, as Markdown."""
    lines = ["| Operation | Figure | Source |", "|---|---|---|"]
    for row in data["rows"]:
        source = row["source"]
        if source == MEASURED:
            shown = "measured" if row["timing"] == EACH else "measured, batch"
        else:
            shown = f"[{row['source_name']}]({source})"
        lines.append(f"| {row['operation']} | {figure(row)} | {shown} |")
    machine = data["machine"]
    measured = [row for row in data["rows"] if row["source"] == MEASURED]
    runs = sorted({row["runs"] for row in measured if row["timing"] == BATCH})
    kind = ", a virtual machine" if machine["virtual_machine"] else ""
    warning = (
        " **The load was above the core count: these figures are inflated.**"
        if machine["above_core_count"]
        else ""
    )
    notes = "; ".join(
        dict.fromkeys(row["note"] for row in data["rows"] if row.get("note"))
    )
    lines += [
        "",
        f"Measured by `{GENERATED_BY}` on {machine['date']}: {machine['cpu']}, "
        f"{machine['cores']} cores{kind}, {machine['kernel']}, Python "
        f"{machine['python']}, PostgreSQL {machine['postgresql']}, Redis "
        f"{machine['redis']}, files on {machine['disk']}. Load average "
        f"(1 minute) {machine['load_at_start']} at the start, "
        f"{machine['load_at_end']} at the end, on {machine['cores']} cores."
        f"{warning} Rows timed per operation show the p50 and p99 of every "
        "operation; batch rows (too fast to time one by one) the median of "
        f"{' or '.join(map(str, runs))} runs' per-operation means, with the "
        f"range of runs; {notes}.",
    ]
    return "\n".join(lines) + "\n"


def _count(value: float) -> str:
    """A derived count to two significant figures: 4,873.2 -> 4,900; 4.87 -> 4.9."""
    rounded = round_significant(value, 2)
    return f"{rounded:,.0f}" if rounded >= 10 else f"{rounded:.2g}"


def derived(data: dict) -> list[tuple[str, str]]:
    """What the table means for a design: (question, answer) pairs computed from it.

    Requests per second on one connection are 1 / the mean latency: the
    stalls that the p50 leaves out still take their time.
    """
    ocean = seconds(data, "transatlantic_round_trip")
    budget_ms = format_number(REQUEST_BUDGET_SECONDS * 1000)
    return [
        (
            "PostgreSQL point queries per second, one connection (1 / mean)",
            _count(1 / seconds(data, "pg_point_query", "mean")),
        ),
        (
            "Durable commits per second, one connection (1 / mean)",
            _count(1 / seconds(data, "pg_commit", "mean")),
        ),
        (
            "Redis GETs per second, one connection (1 / mean)",
            _count(1 / seconds(data, "redis_get", "mean")),
        ),
        (
            f"Random {size_label(PAGE)} device reads per second, one at a time (1 / mean)",
            _count(1 / seconds(data, "file_random_direct", "mean")),
        ),
        (
            "Point queries (p50) that take as long as one transatlantic round trip",
            _count(ocean / seconds(data, "pg_point_query")),
        ),
        (
            f"Transatlantic round trips, one after another, in a {budget_ms} ms budget",
            str(math.floor(REQUEST_BUDGET_SECONDS / ocean)),
        ),
    ]


def render_meaning(data: dict) -> str:
    """The derived figures as a two-column Markdown table."""
    lines = ["| What it means | Computed from the table |", "|---|---|"]
    lines += [f"| {question} | {answer} |" for question, answer in derived(data)]
    return "\n".join(lines) + "\n"


def write_all(data: dict, directory: Path = HERE) -> list[Path]:
    """Check `data`, then write the data file and both tables into `directory`."""
    found = problems(data)
    if found:
        raise ValueError("refusing to write malformed data:\n" + "\n".join(found))
    outputs = {
        DATA_FILE.name: json.dumps(data, indent=2, ensure_ascii=False) + "\n",
        TABLE_FILE.name: render_table(data),
        MEANING_FILE.name: render_meaning(data),
    }
    paths = []
    for name, text in outputs.items():
        path = directory / name
        partial = path.with_name(f".{name}.partial")
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)  # atomic: a reader sees the old file or the new one
        paths.append(path)
    return paths
