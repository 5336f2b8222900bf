"""The benchmark's labels say what it measures, and it refuses an overloaded machine."""

from __future__ import annotations

import importlib
from contextlib import ExitStack
from pathlib import Path
from types import ModuleType

import pytest

from examples.system_design.latency_reference import loopback, memory, storage
from examples.system_design.latency_reference.machine import FORCE_VARIABLE
from examples.system_design.latency_reference.reference import count_label, size_label


@pytest.fixture
def quick_bench(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The benchmark module imported at its quick sizes (10,000 dict keys, not 1M)."""
    monkeypatch.setenv("BENCH_QUICK", "1")
    import benchmarks.system_design.latency_reference as bench

    return importlib.reload(bench)


def labels(probes: list) -> dict[str, str]:
    return {probe.id: probe.operation for probe in probes}


def test_memory_labels_are_built_from_the_sizes_measured(quick_bench: ModuleType) -> None:
    shown = labels(quick_bench.memory_probes())
    assert quick_bench.DICT_KEYS == 10_000
    assert f"{count_label(quick_bench.DICT_KEYS)} int keys" in shown["dict_lookup"]
    assert "1M" not in shown["dict_lookup"]
    assert f"({size_label(memory.L1_CYCLE_VALUES * 8)} cycle)" in shown["memory_chase_loop"]


def test_storage_and_network_labels_are_built_from_the_sizes_measured(
    quick_bench: ModuleType, tmp_path: Path, postgres_dsn: str, redis_url: str
) -> None:
    with ExitStack() as stack:
        shown = labels(quick_bench.storage_probes(stack, tmp_path))
        shown |= labels(quick_bench.network_probes(stack, {}))
    page = size_label(storage.PAGE)
    for id_ in ("file_random_cached", "file_random_direct", "fsync_append"):
        assert shown[id_].startswith(page) or shown[id_].startswith(f"Append {page},"), shown[id_]
    assert f", {size_label(len(loopback.MESSAGE))}," in shown["tcp_loopback"]


def test_an_overloaded_machine_is_refused_before_anything_is_measured(
    quick_bench: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(quick_bench, "QUICK", False)
    monkeypatch.delenv(FORCE_VARIABLE, raising=False)
    monkeypatch.setattr(quick_bench.os, "getloadavg", lambda: (9.0, 9.0, 9.0))
    monkeypatch.setattr(quick_bench.os, "cpu_count", lambda: 2)
    measured = []
    monkeypatch.setattr(quick_bench, "memory_probes", lambda: measured.append(1) or [])
    with pytest.raises(SystemExit, match=FORCE_VARIABLE):
        quick_bench.main()
    assert measured == []
