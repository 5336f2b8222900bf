"""The committed data file is well formed and quiet, and the tables are exactly what it says."""

from __future__ import annotations

import copy
import json
import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.system_design.latency_reference.checks import MACHINE_KEYS
from examples.system_design.latency_reference.reference import (
    BATCH,
    CITED_ROWS,
    DATA_FILE,
    EACH,
    MEANING_FILE,
    MEASURED,
    REQUEST_BUDGET_SECONDS,
    SECONDS_PER_UNIT,
    TABLE_FILE,
    _count,
    count_label,
    derived,
    figure,
    format_number,
    load,
    measured_percentile_row,
    measured_rate_row,
    measured_time_row,
    problems,
    render_meaning,
    render_table,
    round_significant,
    seconds,
    size_label,
    time_unit_for,
    write_all,
)
from examples.system_design.latency_reference.repeated import Percentiles, Spread

# The rows the page talks about: the benchmark must keep writing every one of them.
EXPECTED_IDS = [
    "memory_sequential",
    "memory_gather",
    "memory_miss",
    "memory_chase_loop",
    "dict_lookup",
    "file_sequential_cached",
    "file_sequential_direct",
    "file_random_cached",
    "file_random_direct",
    "fsync_append",
    "tcp_loopback",
    "pg_point_query",
    "pg_point_query_c",
    "pg_commit",
    "redis_get",
    "redis_get_c",
    "same_region_zones",
    "transatlantic_round_trip",
    "us_asia_round_trip",
]
BATCH_IDS = EXPECTED_IDS[:7]
MACHINE = {
    "cpu": "AMD EPYC", "cores": 2, "virtual_machine": True, "kernel": "Linux 6.1",
    "python": "3.11.7", "postgresql": "15.20", "redis": "7.0.15", "disk": "ext4 on /dev/vda",
    "load_at_start": 0.4, "load_at_end": 1.1, "above_core_count": False, "date": "2026-12-02",
}


def sample() -> dict:
    """A well-formed data file with made-up figures: one row per expected id."""
    rows = []
    for number, id_ in enumerate(EXPECTED_IDS[:16], start=1):
        if id_.startswith("file_sequential"):
            rows.append(measured_rate_row(id_, id_, Spread(2e9, 1e9, 3e9, 7), "how"))
        elif id_ in BATCH_IDS:
            rows.append(measured_time_row(id_, id_, Spread(number * 1e-8, 1e-9, 1e-6, 7), "how"))
        else:
            p50 = number * 1e-5
            rows.append(measured_percentile_row(id_, id_, Percentiles(p50, 40 * p50, 3 * p50, 2000), "how"))
    return {"generated_by": "test", "machine": dict(MACHINE), "rows": rows + copy.deepcopy(CITED_ROWS)}


@pytest.fixture(scope="module")
def data() -> dict:
    return load(DATA_FILE)


def test_the_committed_data_file_is_well_formed(data: dict) -> None:
    raw = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    assert problems(raw) == []
    assert [row["id"] for row in data["rows"]] == EXPECTED_IDS


def test_the_committed_figures_were_measured_on_a_machine_that_was_not_overloaded(data: dict) -> None:
    machine = data["machine"]
    assert machine["load_at_start"] <= machine["cores"], "measured under load: rerun on a quiet machine"
    assert machine["above_core_count"] is False


def test_the_committed_rows_are_timed_as_the_page_says(data: dict) -> None:
    timing = {row["id"]: row.get("timing") for row in data["rows"] if row["source"] == MEASURED}
    assert timing == {id_: BATCH if id_ in BATCH_IDS else EACH for id_ in EXPECTED_IDS[:16]}


def test_the_cited_rows_are_the_ones_the_code_cites(data: dict) -> None:
    assert [row for row in data["rows"] if row["source"] != MEASURED] == CITED_ROWS


def test_the_machine_is_described(data: dict) -> None:
    assert set(data["machine"]) == set(MACHINE_KEYS)
    assert data["machine"]["postgresql"].split(".")[0].isdigit()


def test_the_table_file_is_exactly_what_the_data_file_says(data: dict) -> None:
    assert TABLE_FILE.read_text(encoding="utf-8") == render_table(data)


def test_the_meaning_file_is_exactly_what_the_data_file_says(data: dict) -> None:
    assert MEANING_FILE.read_text(encoding="utf-8") == render_meaning(data)


def test_the_sample_is_well_formed() -> None:
    assert problems(sample()) == []


def test_the_table_shows_each_rows_own_numbers() -> None:
    data = sample()
    lines = render_table(data).splitlines()
    for row in data["rows"]:
        (line,) = [line for line in lines if line.startswith(f"| {row['operation']} |")]
        if "words" in row:
            assert row["words"] in line
            continue
        shown = f"{format_number(row['value'])} {row['unit']}"
        if row["source"] != MEASURED:
            assert f"| {row['statistic']} {shown} | [{row['source_name']}]({row['source']}) |" in line
        elif row["timing"] == EACH:
            assert f"| p50 {shown}, p99 {format_number(row['p99'])} {row['p99_unit']} | measured |" in line
        else:
            runs = f"(runs {format_number(row['low'])}\N{EN DASH}{format_number(row['high'])})"
            assert f"| {shown} {runs} | measured, batch |" in line


def test_the_caption_states_the_load_and_what_each_figure_is() -> None:
    data = sample()
    caption = render_table(data).splitlines()[-1]
    assert "Load average (1 minute) 0.4 at the start, 1.1 at the end, on 2 cores." in caption
    assert "p50 and p99 of every operation" in caption and "median of 7 runs'" in caption
    assert "P95" in caption and "inflated" not in caption
    data["machine"].update(load_at_start=9.1, above_core_count=True)
    assert "these figures are inflated" in render_table(data)


def test_the_aws_row_quotes_aws_and_gives_no_number() -> None:
    (aws,) = [row for row in CITED_ROWS if row["source_name"] == "AWS"]
    assert figure(aws) == "single-digit ms (AWS's words; no round-trip figure published)"
    assert "value" not in aws and aws["operation"] == "Latency between zones in one AWS region"


def test_the_derived_figures_follow_from_the_rows() -> None:
    data = sample()
    rows = {row["id"]: row for row in data["rows"]}

    def time(id_: str, field: str = "value") -> float:
        unit = rows[id_]["unit" if field == "value" else f"{field}_unit"]
        return rows[id_][field] * SECONDS_PER_UNIT[unit]

    def two_figures(x: float) -> str:
        return f"{round(x, 1 - math.floor(math.log10(x))):,.0f}"

    answers = dict(derived(data))
    assert answers["PostgreSQL point queries per second, one connection (1 / mean)"] == two_figures(
        1 / time("pg_point_query", "mean")
    )
    commits = answers["Durable commits per second, one connection (1 / mean)"]
    assert commits == two_figures(1 / time("pg_commit", "mean"))
    assert answers["Redis GETs per second, one connection (1 / mean)"] == two_figures(1 / time("redis_get", "mean"))
    ocean = time("transatlantic_round_trip")
    assert answers["Point queries (p50) that take as long as one transatlantic round trip"] == two_figures(
        ocean / time("pg_point_query")
    )
    budget = f"Transatlantic round trips, one after another, in a {REQUEST_BUDGET_SECONDS * 1000:.0f} ms budget"
    assert answers[budget] == str(int(REQUEST_BUDGET_SECONDS // ocean))


@pytest.mark.parametrize(("value", "shown"), [(4_873.2, "4,900"), (48.7, "49"), (4.87, "4.9"), (0.0456, "0.046")])
def test_derived_counts_are_shown_to_two_figures(value: float, shown: str) -> None:
    assert _count(value) == shown


@pytest.mark.parametrize(("count", "shown"), [(1_000_000, "1M"), (10_000, "10k"), (512, "512"), (2_500, "2,500")])
def test_counts_in_labels_come_from_the_number(count: int, shown: str) -> None:
    assert count_label(count) == shown


@pytest.mark.parametrize(
    ("size", "shown"), [(4096, "4 KiB"), (2**20, "1 MiB"), (64, "64 bytes"), (4000, "4,000 bytes")]
)
def test_sizes_in_labels_come_from_the_number(size: int, shown: str) -> None:
    assert size_label(size) == shown


@pytest.mark.parametrize("bad", [0, -3, 1.5, True])
def test_labels_refuse_what_is_not_a_count(bad: object) -> None:
    with pytest.raises(ValueError):
        count_label(bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        size_label(bad)  # type: ignore[arg-type]


@given(st.floats(min_value=1e-9, max_value=1e9))
def test_rounding_keeps_three_significant_figures(value: float) -> None:
    rounded = round_significant(value)
    assert abs(rounded - value) <= 0.005 * value * (1 + 1e-9)
    digits = format_number(rounded).replace(",", "").replace(".", "").lstrip("0")
    assert len(digits) == 3 if rounded < 1000 else len(digits.rstrip("0")) <= 3


@pytest.mark.parametrize(
    ("seconds_", "unit"), [(3e-10, "ns"), (999e-9, "ns"), (1e-6, "µs"), (2.5e-4, "µs"), (3e-3, "ms"), (2.0, "s")]
)
def test_a_time_is_shown_in_the_unit_that_reads_best(seconds_: float, unit: str) -> None:
    assert time_unit_for(seconds_) == unit


def test_measured_rows_are_built_in_their_units() -> None:
    row = measured_time_row("x", "X", Spread(2.5e-4, 2.0e-4, 3.14159e-4, 7), "how")
    assert (row["value"], row["unit"], row["low"], row["high"], row["runs"], row["timing"]) == (
        250.0, "µs", 200.0, 314.0, 7, BATCH,
    )
    edge = measured_time_row("z", "Z", Spread(999.7e-9, 999.0e-9, 1.2e-6, 3), "how")
    assert (edge["value"], edge["unit"], edge["low"]) == (1.0, "µs", 0.999)
    rate = measured_rate_row("y", "Y", Spread(2.43e9, 1.49e9, 2.97e9, 7), "how")
    assert (rate["value"], rate["unit"]) == (2.43, "GB/s")
    each = measured_percentile_row("w", "W", Percentiles(8.3e-5, 4.2e-3, 1.9e-4, 14_000), "how")
    assert (each["value"], each["unit"], each["p99"], each["p99_unit"]) == (83.0, "µs", 4.2, "ms")
    assert (each["mean"], each["mean_unit"], each["samples"], each["timing"]) == (190.0, "µs", 14_000, EACH)


def test_seconds_reads_p50_mean_and_p99_and_refuses_rates_and_unknown_rows() -> None:
    data = sample()
    assert seconds(data, "pg_commit") == pytest.approx(14e-5)
    assert seconds(data, "pg_commit", "mean") == pytest.approx(42e-5)
    assert seconds(data, "pg_commit", "p99") == pytest.approx(560e-5)
    with pytest.raises(ValueError, match="rate"):
        seconds(data, "file_sequential_cached")
    with pytest.raises(ValueError, match="no 'mean'"):
        seconds(data, "memory_miss", "mean")
    with pytest.raises(KeyError):
        seconds(data, "no_such_row")


def row_of(id_: str):
    def find(data: dict) -> dict:
        return next(row for row in data["rows"] if row["id"] == id_)

    return find


BATCH_ROW, EACH_ROW, CITED_ROW = row_of("memory_miss"), row_of("pg_commit"), row_of("transatlantic_round_trip")
MALFORMED = {
    "no value": lambda d: BATCH_ROW(d).pop("value"),
    "zero value": lambda d: EACH_ROW(d).update(value=0),
    "text value": lambda d: CITED_ROW(d).update(value="89"),
    "unknown unit": lambda d: BATCH_ROW(d).update(unit="furlongs"),
    "no source": lambda d: BATCH_ROW(d).pop("source"),
    "plain http source": lambda d: CITED_ROW(d).update(source="http://example.com"),
    "value outside its range": lambda d: BATCH_ROW(d).update(low=1e9, high=2e9),
    "too few runs": lambda d: BATCH_ROW(d).update(runs=2),
    "no timing": lambda d: BATCH_ROW(d).pop("timing"),
    "no p99": lambda d: EACH_ROW(d).pop("p99"),
    "p99 below p50": lambda d: EACH_ROW(d).update(p99=1.0, p99_unit="ns"),
    "no mean": lambda d: EACH_ROW(d).pop("mean_unit"),
    "too few samples": lambda d: EACH_ROW(d).update(samples=10),
    "no method": lambda d: EACH_ROW(d).pop("how"),
    "no source name": lambda d: CITED_ROW(d).pop("source_name"),
    "empty statistic": lambda d: CITED_ROW(d).update(statistic=""),
    "words and a value": lambda d: row_of("same_region_zones")(d).update(value=9, unit="ms"),
    "duplicate id": lambda d: d["rows"].append(copy.deepcopy(d["rows"][0])),
    "no machine date": lambda d: d["machine"].update(date=""),
    "no rows": lambda d: d.update(rows=[]),
}


@pytest.mark.parametrize("name", MALFORMED)
def test_a_malformed_file_is_refused_and_nothing_is_written(name: str, tmp_path: Path) -> None:
    bad = sample()
    MALFORMED[name](bad)
    assert problems(bad), name
    (tmp_path / DATA_FILE.name).write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(ValueError, match="malformed"):
        load(tmp_path / DATA_FILE.name)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ValueError, match="malformed"):
        write_all(bad, out)
    assert list(out.iterdir()) == []


def test_not_an_object_is_refused() -> None:
    assert problems([]) == ["the file must hold an object with 'machine' and 'rows'"]


def test_written_files_read_back_as_the_same_data(tmp_path: Path) -> None:
    data = sample()
    written = write_all(data, tmp_path)
    assert sorted(path.name for path in written) == sorted(p.name for p in (DATA_FILE, TABLE_FILE, MEANING_FILE))
    assert load(tmp_path / DATA_FILE.name) == data
    assert (tmp_path / TABLE_FILE.name).read_text(encoding="utf-8") == render_table(data)
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(path.name for path in written)
