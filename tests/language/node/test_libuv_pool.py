"""What waits for libuv's thread pool (fs, dns.lookup, crypto) and what does not (sockets)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.language.node.node_programs import (
    RUN_TIMEOUT_S,
    call_json,
    module_url,
    run_program,
)

RACE = "m.raceAgainstAHash(300_000)"
BEFORE, AFTER = "before the hash", "after the hash"


def test_with_one_pool_thread_fs_and_dns_wait_behind_the_hash_and_a_socket_does_not(
    node_build: Path,
) -> None:
    report = call_json(node_build, "libuv_pool", RACE, env={"UV_THREADPOOL_SIZE": "1"})
    assert report == {
        "fs.stat": AFTER,
        "dns.lookup('localhost')": AFTER,
        "TCP echo via 127.0.0.1": BEFORE,  # epoll, on the main thread
        "TCP echo via 'localhost'": AFTER,  # the name goes through dns.lookup first
    }


@pytest.mark.parametrize("size", ["2", "4"])
def test_with_a_spare_pool_thread_nothing_waits(node_build: Path, size: str) -> None:
    report = call_json(node_build, "libuv_pool", RACE, env={"UV_THREADPOOL_SIZE": size})
    assert set(report.values()) == {BEFORE}  # type: ignore[union-attr] - a dict from JSON


def test_without_the_variable_the_pool_has_room(
    node_build: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("UV_THREADPOOL_SIZE", raising=False)
    report = call_json(node_build, "libuv_pool", RACE)
    assert set(report.values()) == {BEFORE}  # type: ignore[union-attr]


# The pool is a FIFO queue in front of N threads: a short hash queued behind a
# long one on a single thread must wait for it; with two threads it passes.
ORDER_OF_HASHES = """
import { pbkdf2 } from "node:crypto";
const order = [];
const hash = (name, iterations) => new Promise((resolve, reject) =>
  pbkdf2("pw", "salt", iterations, 32, "sha256", (error) => {
    if (error) return reject(error);
    order.push(name);
    resolve();
  }));
await Promise.all([hash("long", 400_000), hash("short", 1_000)]);
console.log(order.join(" "));
"""


@pytest.mark.parametrize(("size", "order"), [("1", "long short"), ("2", "short long")])
def test_the_pool_runs_queued_work_first_in_first_out(size: str, order: str) -> None:
    result = run_program(ORDER_OF_HASHES, env={"UV_THREADPOOL_SIZE": size})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == order


def test_setting_the_size_from_inside_an_entry_module_is_too_late(
    node_build: Path, tmp_path: Path
) -> None:
    """Node 20 read the entry file through the pool, so the pool already had its default 4 threads."""
    entry = tmp_path / "entry.mjs"
    entry.write_text(
        'process.env.UV_THREADPOOL_SIZE = "1";\n'
        f"const m = await import({module_url(node_build, 'libuv_pool')!r});\n"
        f"process.stdout.write(JSON.stringify(await {RACE}));\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        ["node", str(entry)],
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert '"fs.stat":"before the hash"' in result.stdout


def test_parallel_hashes_reports_wall_and_cpu_time(node_build: Path) -> None:
    timing = call_json(node_build, "libuv_pool", "m.parallelHashes(2, 1_000)")
    assert isinstance(timing, dict) and set(timing) == {"wallMs", "cpuMs"}
    assert timing["wallMs"] > 0 and timing["cpuMs"] > 0
