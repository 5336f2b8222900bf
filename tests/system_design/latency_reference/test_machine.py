"""The machine description, from fake kernel files and from this machine."""

from __future__ import annotations

from pathlib import Path

import pytest

from examples.system_design.latency_reference.checks import MACHINE_KEYS
from examples.system_design.latency_reference.machine import (
    FORCE_VARIABLE,
    MachineBusy,
    check_load,
    cpu_model,
    describe,
    filesystem_of,
    virtualized,
)

CPUINFO = """processor\t: 0
vendor_id\t: AuthenticAMD
model name\t: AMD EPYC 7B13
flags\t\t: fpu sse2 hypervisor avx2
"""
MOUNTS = """/dev/vda / ext4 rw,relatime 0 0
tmpfs /srv tmpfs rw 0 0
/dev/vdb /srv/data xfs rw 0 0
"""


def test_the_cpu_and_the_hypervisor_flag_are_read_from_cpuinfo(tmp_path: Path) -> None:
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text(CPUINFO)
    assert cpu_model(cpuinfo) == "AMD EPYC 7B13"
    assert virtualized(cpuinfo)
    cpuinfo.write_text(CPUINFO.replace(" hypervisor", ""))
    assert not virtualized(cpuinfo)


def test_the_longest_mount_point_that_holds_the_folder_wins(tmp_path: Path) -> None:
    mounts = tmp_path / "mounts"
    mounts.write_text(MOUNTS)
    assert filesystem_of(Path("/srv/data/x"), mounts) == "xfs on /dev/vdb"
    assert filesystem_of(Path("/srv/database"), mounts) == "tmpfs on tmpfs"
    assert filesystem_of(Path("/home"), mounts) == "ext4 on /dev/vda"
    assert filesystem_of(Path("/home"), tmp_path / "absent") == "unknown"


def test_this_machine_is_described_with_every_key_the_table_needs(tmp_path: Path) -> None:
    described = describe(tmp_path, postgres="15.20", redis="7.0.15", load_at_start=1.234, load_at_end=0.05)
    assert tuple(described) == MACHINE_KEYS
    assert (described["load_at_start"], described["load_at_end"]) == (1.2, 0.1)
    assert described["above_core_count"] is (described["cores"] < 1.234)
    busy = describe(tmp_path, postgres="15", redis="7", load_at_start=99.0, load_at_end=0.0)
    assert busy["above_core_count"] is True
    assert all(value not in (None, "") for value in described.values())


def test_a_load_at_or_below_the_core_count_is_quiet() -> None:
    assert check_load(2.0, 2, forced=False) is False
    assert check_load(0.3, 2, forced=True) is False


def test_a_load_above_the_core_count_is_refused_unless_forced() -> None:
    with pytest.raises(MachineBusy, match=FORCE_VARIABLE):
        check_load(8.9, 2, forced=False)
    assert check_load(8.9, 2, forced=True) is True, "a forced run must be marked"
    with pytest.raises(ValueError, match="cores"):
        check_load(1.0, 0, forced=False)
