"""The latency reference: one data file, and the two tables the page shows, made from it.

`python3 dev.py bench latency_reference` measures and writes
latency_reference.json (every measured figure, the cited ones with their
sources, and the machine). The same run writes latency_table.md and
what_it_means.md from it with the functions below, and the page includes
those two files, so no figure on the page is typed by hand. The tests check
that the data file is well formed and that both tables are exactly what it
says.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from examples.system_design.latency_reference.repeated import Spread

HERE = Path(__file__).parent
DATA_FILE = HERE / "latency_reference.json"
TABLE_FILE = HERE / "latency_table.md"
MEANING_FILE = HERE / "what_it_means.md"
GENERATED_BY = "python3 dev.py bench latency_reference"
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
    "date",
)
REQUEST_BUDGET_SECONDS = 0.2  # an example budget for one user request, not a standard
SIGNIFICANT_DIGITS = 3

# Figures this machine cannot measure, each with the page it comes from.
CITED_ROWS: list[dict[str, object]] = [
    {
        "id": "same_region_round_trip",
        "operation": "Round trip between availability zones in one AWS region",
        "value": 10,
        "unit": "ms",
        "bound": "under",
        "source": "https://docs.aws.amazon.com/whitepapers/latest/"
        "aws-fault-isolation-boundaries/availability-zones.html",
        "source_name": "AWS",
        "note": "AWS says the zones of a region are close enough for synchronous "
        "replication with single-digit millisecond latency",
    },
    {
        "id": "transatlantic_round_trip",
        "operation": "Round trip, Azure East US to West Europe",
        "value": 89,
        "unit": "ms",
        "source": "https://learn.microsoft.com/en-us/azure/networking/azure-network-latency",
        "source_name": "Microsoft",
        "note": "Microsoft's figures are the 95th percentile over the 30 days "
        "ending July 30, 2026",
    },
    {
        "id": "us_asia_round_trip",
        "operation": "Round trip, Azure East US to Southeast Asia",
        "value": 229,
        "unit": "ms",
        "source": "https://learn.microsoft.com/en-us/azure/networking/azure-network-latency",
        "source_name": "Microsoft",
        "note": "Microsoft's figures are the 95th percentile over the 30 days "
        "ending July 30, 2026",
    },
]


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


def measured_time_row(
    id_: str, operation: str, spread: Spread, how: str
) -> dict[str, object]:
    """A measured row from a spread in seconds, in the unit that reads best."""
    unit = time_unit_for(round_significant(spread.median))  # 999.7 ns is 1.00 µs
    shown = spread.scaled(1 / SECONDS_PER_UNIT[unit])
    return _measured_row(id_, operation, shown, unit, how)


def measured_rate_row(
    id_: str, operation: str, spread: Spread, how: str
) -> dict[str, object]:
    """A measured row from a spread in bytes per second, shown in GB/s."""
    return _measured_row(
        id_, operation, spread.scaled(1 / RATE_UNITS["GB/s"]), "GB/s", how
    )


def _measured_row(
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
        "source": MEASURED,
        "how": how,
    }


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


def _row_problems(row: dict[str, object]) -> list[str]:
    found = []
    for key in ("id", "operation"):
        if not isinstance(row.get(key), str) or not row[key]:
            found.append(f"'{key}' must be a non-empty string")
    if not _positive(row.get("value")):
        found.append("'value' must be a positive number")
    if row.get("unit") not in {**SECONDS_PER_UNIT, **RATE_UNITS}:
        found.append(
            f"'unit' must be one of {sorted({**SECONDS_PER_UNIT, **RATE_UNITS})}"
        )
    source = row.get("source")
    if source == MEASURED:
        if not (_positive(row.get("low")) and _positive(row.get("high"))):
            found.append("a measured row needs positive 'low' and 'high'")
        elif (
            _positive(row.get("value"))
            and not row["low"] <= row["value"] <= row["high"]
        ):
            found.append("'value' must lie between 'low' and 'high'")
        runs = row.get("runs")
        if not isinstance(runs, int) or isinstance(runs, bool) or runs < 3:
            found.append("a measured row needs 'runs' of at least 3")
        if not isinstance(row.get("how"), str) or not row["how"]:
            found.append("a measured row needs 'how'")
    elif isinstance(source, str) and source.startswith("https://"):
        for key in ("source_name", "note"):
            if not isinstance(row.get(key), str) or not row[key]:
                found.append(f"a cited row needs '{key}'")
        if row.get("bound") not in (None, "under"):
            found.append("'bound' may only be 'under'")
    else:
        found.append("'source' must be 'measured' or an https:// URL")
    return found


def load(path: Path = DATA_FILE) -> dict:
    """The data file, checked; a malformed one raises ValueError listing every problem."""
    data = json.loads(path.read_text(encoding="utf-8"))
    found = problems(data)
    if found:
        raise ValueError(f"{path.name} is malformed:\n" + "\n".join(found))
    return data


def seconds(data: dict, id_: str) -> float:
    """A time row's value in seconds."""
    row = next((row for row in data["rows"] if row["id"] == id_), None)
    if row is None:
        raise KeyError(f"no row {id_!r}")
    if row["unit"] not in SECONDS_PER_UNIT:
        raise ValueError(f"row {id_!r} is a rate ({row['unit']}), not a time")
    return row["value"] * SECONDS_PER_UNIT[row["unit"]]


def format_number(value: float) -> str:
    """A figure as the page shows it: an int as it is, a float to 3 significant figures.

    Cited figures are ints (89 ms); measured ones are floats, so 35.0 keeps
    its zero and says it is known to three figures.
    """
    if isinstance(value, int):
        return f"{value:,}"
    places = max(0, SIGNIFICANT_DIGITS - 1 - math.floor(math.log10(value)))
    return f"{value:,.{places}f}"


def _figure(row: dict) -> str:
    shown = f"{format_number(row['value'])} {row['unit']}"
    if row["source"] == MEASURED:
        return f"{shown} ({format_number(row['low'])}\N{EN DASH}{format_number(row['high'])})"
    return f"under {shown}" if row.get("bound") == "under" else shown


def render_table(data: dict) -> str:
    """The reference table and its caption, as Markdown."""
    lines = [
        "| Operation | Median (range of runs) | Source |",
        "|---|---|---|",
    ]
    for row in data["rows"]:
        source = row["source"]
        shown = source if source == MEASURED else f"[{row['source_name']}]({source})"
        lines.append(f"| {row['operation']} | {_figure(row)} | {shown} |")
    machine = data["machine"]
    runs = sorted({row["runs"] for row in data["rows"] if row["source"] == MEASURED})
    kind = ", a virtual machine" if machine["virtual_machine"] else ""
    lines += [
        "",
        f"Measured by `{GENERATED_BY}` on {machine['date']}: {machine['cpu']}, "
        f"{machine['cores']} cores{kind}, {machine['kernel']}, Python "
        f"{machine['python']}, PostgreSQL {machine['postgresql']}, Redis "
        f"{machine['redis']}, files on {machine['disk']}; load average "
        f"{machine['load_at_start']} at the start, {machine['load_at_end']} at "
        "the end. A measured figure is the "
        f"median of {' or '.join(map(str, runs))} runs, with the fastest and "
        "slowest run in parentheses. "
        + "; ".join(
            dict.fromkeys(  # one note per source, in table order
                row["note"] for row in data["rows"] if row["source"] != MEASURED
            )
        )
        + ".",
    ]
    return "\n".join(lines) + "\n"


def _count(value: float) -> str:
    """A derived count to two significant figures: 4,873.2 -> 4,900; 4.87 -> 4.9."""
    rounded = round_significant(value, 2)
    return f"{rounded:,.0f}" if rounded >= 10 else f"{rounded:.2g}"


def derived(data: dict) -> list[tuple[str, str]]:
    """What the table means for a design: (question, answer) pairs computed from it."""
    point = seconds(data, "pg_point_query")
    ocean = seconds(data, "transatlantic_round_trip")
    miss = seconds(data, "memory_chase") - seconds(data, "memory_chase_cached")
    budget_ms = format_number(REQUEST_BUDGET_SECONDS * 1000)
    return [
        ("PostgreSQL point queries per second, one connection", _count(1 / point)),
        (
            "Durable commits per second, one connection",
            _count(1 / seconds(data, "pg_commit")),
        ),
        (
            "Redis GETs per second, one connection",
            _count(1 / seconds(data, "redis_get")),
        ),
        (
            "Random 4 KB device reads per second, one at a time",
            _count(1 / seconds(data, "file_random_direct")),
        ),
        (
            "Extra cost of a cache miss over a hit (pointer chase)",
            f"{format_number(round_significant(miss * 1e9))} ns",
        ),
        (
            "Point queries that take as long as one transatlantic round trip",
            _count(ocean / point),
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
