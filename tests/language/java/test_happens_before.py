"""HappensBefore.java: a volatile flag stops a loop, and a volatile snapshot is never seen torn."""

from __future__ import annotations

import pytest

from tests.language.java.java_driver import JAVA_EXAMPLES, run_driver


@pytest.fixture(scope="module")
def facts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return run_driver(
        "HappensBeforeCheck.java",
        [JAVA_EXAMPLES / "HappensBefore.java"],
        tmp_path_factory.mktemp("happens-before"),
    )


def test_the_volatile_stop_flag_stops_every_poller(facts: dict[str, str]) -> None:
    assert facts["poller.stopped_of_20"] == "20"


def test_a_reader_that_sees_version_2_sees_all_of_it(facts: dict[str, str]) -> None:
    assert (
        facts["snapshot.reader_trials"] == "100"
    )  # the driver fails on the first mismatch


def test_readers_never_see_a_torn_or_older_snapshot(facts: dict[str, str]) -> None:
    assert facts["snapshot.torn"] == "0"


def test_a_snapshot_is_a_copy_and_immutable(facts: dict[str, str]) -> None:
    assert facts["snapshot.copied"] == "1"  # the caller's later change is not published
    assert facts["snapshot.mutable"] == "false"


def test_a_plain_list_filled_in_a_task_is_complete_after_get(
    facts: dict[str, str],
) -> None:
    assert facts["future_get"] == "written on a pool thread|read on main after get()"
