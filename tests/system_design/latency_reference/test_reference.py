"""The committed data file is well formed, and the tables on the page are exactly what it says."""

from __future__ import annotations

import copy
import json
import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.system_design.latency_reference.reference import (
    CITED_ROWS,
    DATA_FILE,
    MACHINE_KEYS,
    MEANING_FILE,
    MEASURED,
    REQUEST_BUDGET_SECONDS,
    SECONDS_PER_UNIT,
    TABLE_FILE,
    _count,
    derived,
    format_number,
    load,
    measured_rate_row,
    measured_time_row,
    problems,
    render_meaning,
    render_table,
    round_significant,
    seconds,
    time_unit_for,
    write_all,
)
from examples.system_design.latency_reference.repeated import Spread

# The rows the page talks about: the benchmark must keep writing every one of them.
EXPECTED_IDS = [
    "memory_sequential",
    "memory_gather",
    "memory_chase",
    "memory_chase_cached",
    "dict_lookup",
    "file_sequential_cached",
    "file_sequential_direct",
    "file_random_cached",
    "file_random_direct",
    "fsync_append",
    "tcp_loopback",
    "pg_point_query",
    "pg_commit",
    "redis_get",
    "same_region_round_trip",
    "transatlantic_round_trip",
    "us_asia_round_trip",
]


@pytest.fixture(scope="module")
def data() -> dict:
    return load(DATA_FILE)


def test_the_committed_data_file_is_well_formed(data: dict) -> None:
    raw = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    assert problems(raw) == []
    assert [row["id"] for row in data["rows"]] == EXPECTED_IDS


def test_every_row_has_a_value_a_unit_and_a_source(data: dict) -> None:
    for row in data["rows"]:
        assert row["value"] > 0 and math.isfinite(row["value"]), row
        assert row["unit"] in {*SECONDS_PER_UNIT, "GB/s"}, row
        assert row["source"] == MEASURED or row["source"].startswith("https://"), row


def test_measured_rows_are_medians_of_several_runs_with_their_range(data: dict) -> None:
    measured = [row for row in data["rows"] if row["source"] == MEASURED]
    assert len(measured) == 14
    for row in measured:
        assert row["runs"] >= 3
        assert row["low"] <= row["value"] <= row["high"], row


def test_the_cited_rows_are_the_ones_the_code_cites(data: dict) -> None:
    assert [row for row in data["rows"] if row["source"] != MEASURED] == CITED_ROWS


def test_the_machine_is_described(data: dict) -> None:
    assert set(data["machine"]) == set(MACHINE_KEYS)
    assert data["machine"]["postgresql"].split(".")[0].isdigit()


def test_the_table_file_is_exactly_what_the_data_file_says(data: dict) -> None:
    assert TABLE_FILE.read_text(encoding="utf-8") == render_table(data)


def test_the_meaning_file_is_exactly_what_the_data_file_says(data: dict) -> None:
    assert MEANING_FILE.read_text(encoding="utf-8") == render_meaning(data)


def test_the_table_shows_each_rows_own_numbers(data: dict) -> None:
    lines = TABLE_FILE.read_text(encoding="utf-8").splitlines()
    for row in data["rows"]:
        (line,) = [line for line in lines if line.startswith(f"| {row['operation']} |")]
        assert f"{format_number(row['value'])} {row['unit']}" in line
        if row["source"] == MEASURED:
            assert f"({format_number(row['low'])}\N{EN DASH}{format_number(row['high'])})" in line
        else:
            assert f"]({row['source']})" in line


def test_the_derived_figures_follow_from_the_rows(data: dict) -> None:
    values = {row["id"]: row["value"] * SECONDS_PER_UNIT.get(row["unit"], 0) for row in data["rows"]}
    answers = dict(derived(data))

    def two_figures(x: float) -> str:
        return f"{round(x, 1 - math.floor(math.log10(x))):,.0f}"

    assert answers["PostgreSQL point queries per second, one connection"] == two_figures(1 / values["pg_point_query"])
    assert answers["Durable commits per second, one connection"] == two_figures(1 / values["pg_commit"])
    assert answers["Redis GETs per second, one connection"] == two_figures(1 / values["redis_get"])
    ocean = values["transatlantic_round_trip"]
    assert answers["Point queries that take as long as one transatlantic round trip"] == two_figures(
        ocean / values["pg_point_query"]
    )
    budget = f"Transatlantic round trips, one after another, in a {REQUEST_BUDGET_SECONDS * 1000:.0f} ms budget"
    assert answers[budget] == str(int(REQUEST_BUDGET_SECONDS // ocean))
    miss_ns = (values["memory_chase"] - values["memory_chase_cached"]) * 1e9
    shown = answers["Extra cost of a cache miss over a hit (pointer chase)"]
    assert float(shown.removesuffix(" ns").replace(",", "")) == pytest.approx(miss_ns, rel=0.01)


@pytest.mark.parametrize(("value", "shown"), [(4_873.2, "4,900"), (48.7, "49"), (4.87, "4.9"), (0.0456, "0.046")])
def test_derived_counts_are_shown_to_two_figures(value: float, shown: str) -> None:
    assert _count(value) == shown


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
    assert (row["value"], row["unit"], row["low"], row["high"], row["runs"]) == (250.0, "µs", 200.0, 314.0, 7)
    edge = measured_time_row("z", "Z", Spread(999.7e-9, 999.0e-9, 1.2e-6, 3), "how")
    assert (edge["value"], edge["unit"], edge["low"]) == (1.0, "µs", 0.999)
    rate = measured_rate_row("y", "Y", Spread(2.43e9, 1.49e9, 2.97e9, 7), "how")
    assert (rate["value"], rate["unit"]) == (2.43, "GB/s")


def test_seconds_refuses_rates_and_unknown_rows(data: dict) -> None:
    with pytest.raises(ValueError, match="rate"):
        seconds(data, "file_sequential_cached")
    with pytest.raises(KeyError):
        seconds(data, "no_such_row")


def broken(data: dict, change) -> dict:
    copied = copy.deepcopy(data)
    change(copied)
    return copied


def first(kind: str):
    def find(data: dict) -> dict:
        return next(row for row in data["rows"] if (row["source"] == MEASURED) == (kind == "measured"))

    return find


MALFORMED = {
    "no value": lambda d: first("measured")(d).pop("value"),
    "zero value": lambda d: first("measured")(d).update(value=0),
    "text value": lambda d: first("cited")(d).update(value="89"),
    "unknown unit": lambda d: first("measured")(d).update(unit="furlongs"),
    "no source": lambda d: first("measured")(d).pop("source"),
    "plain http source": lambda d: first("cited")(d).update(source="http://example.com"),
    "value outside its range": lambda d: first("measured")(d).update(low=1e9, high=2e9),
    "too few runs": lambda d: first("measured")(d).update(runs=2),
    "no method": lambda d: first("measured")(d).pop("how"),
    "no source name": lambda d: first("cited")(d).pop("source_name"),
    "odd bound": lambda d: first("cited")(d).update(bound="over"),
    "duplicate id": lambda d: d["rows"].append(copy.deepcopy(d["rows"][0])),
    "no machine date": lambda d: d["machine"].update(date=""),
    "no rows": lambda d: d.update(rows=[]),
}


@pytest.mark.parametrize("name", MALFORMED)
def test_a_malformed_file_is_refused_and_nothing_is_written(data: dict, name: str, tmp_path: Path) -> None:
    bad = broken(data, MALFORMED[name])
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


def test_written_files_read_back_as_the_same_data(data: dict, tmp_path: Path) -> None:
    written = write_all(data, tmp_path)
    assert sorted(path.name for path in written) == sorted(p.name for p in (DATA_FILE, TABLE_FILE, MEANING_FILE))
    assert load(tmp_path / DATA_FILE.name) == data
    assert (tmp_path / TABLE_FILE.name).read_text(encoding="utf-8") == TABLE_FILE.read_text(encoding="utf-8")
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(path.name for path in written)
