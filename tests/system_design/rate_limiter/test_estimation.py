"""The rate limiter estimate: its numbers from the plain formulas, its helpers, its page, and Redis's own count."""

from __future__ import annotations

import math
import re
import secrets
from typing import Any

import pytest

from examples.data.redis.connection import connect
from examples.system_design.rate_limiter.gcra import GCRA
from tests.support.example_files import DOCS_DIR
from tests.support.notebooks import markdown_of, run_as_script
from tests.system_design.rate_limiter.private_redis import private_redis, unix_client

NOTEBOOK = DOCS_DIR / "system-design" / "rate-limiter" / "estimation.py"
PAGE = DOCS_DIR / "system-design" / "rate-limiter" / "index.md"
GB = 10**9


@pytest.fixture(scope="module")
def run() -> tuple[dict[str, Any], str]:
    return run_as_script(NOTEBOOK)


@pytest.fixture(scope="module")
def ns(run: tuple[dict[str, Any], str]) -> dict[str, Any]:
    return run[0]


def test_traffic_is_clients_times_requests_over_a_day(ns: dict[str, Any]) -> None:
    per_day = ns["DAILY_ACTIVE_CLIENTS"] * ns["REQUESTS_PER_CLIENT_PER_DAY"]
    assert ns["avg_rps"] == pytest.approx(per_day / 86_400)
    assert ns["peak_rps"] == pytest.approx(per_day / 86_400 * ns["PEAK_FACTOR"])
    assert ns["peak_script_calls"] == pytest.approx(ns["peak_rps"] * ns["SCRIPT_CALLS_PER_REQUEST"])
    assert ns["peak_rps"] == pytest.approx(173_611.1, abs=0.1)  # 5e9 a day, 3x at peak, by hand


def test_memory_is_keys_times_bytes_per_key(ns: dict[str, Any]) -> None:
    keys = ns["DAILY_ACTIVE_CLIENTS"] * ns["POLICIES_PER_REQUEST"]
    per_key = ns["MEMORY_USAGE_BYTES"] + ns["UNCOUNTED_BYTES_PER_KEY"]
    assert ns["keys"] == keys
    assert ns["BYTES_PER_KEY"] == per_key
    assert ns["memory"] == pytest.approx(keys * per_key)


def test_shards_are_the_larger_of_the_two_limits(ns: dict[str, Any]) -> None:
    by_calls = math.ceil(ns["peak_script_calls"] / ns["SCRIPT_CALLS_PER_SHARD_PER_S"])
    by_memory = math.ceil(ns["memory"] / ns["SHARD_DATA_BYTES"])
    assert (ns["shards_by_calls"], ns["shards_by_memory"]) == (by_calls, by_memory)
    assert ns["shards"] == max(by_calls, by_memory)
    assert ns["nodes"] == ns["shards"] * (1 + ns["REPLICAS_PER_SHARD"])
    assert by_calls > by_memory  # the page's claim: calls, not memory, decide


def test_wire_sizes_follow_resp(ns: dict[str, Any]) -> None:
    # *2\r\n$3\r\nGET\r\n$1\r\nk\r\n is 4 + 9 + 7 bytes; *2\r\n:1\r\n:-5\r\n is 4 + 4 + 5.
    assert ns["resp_command_bytes"](["GET", "k"]) == 20
    assert ns["resp_integers_bytes"]([1, -5]) == 13
    command = ns["SAMPLE_COMMAND"]
    assert ns["command_bytes"] == len(f"*{len(command)}\r\n") + sum(
        len(f"${len(a)}\r\n{a}\r\n") for a in command
    )


def test_scaling_is_linear_in_clients(ns: dict[str, Any]) -> None:
    calls_1, memory_1, _, _ = ns["growth"][1]
    for scale in (10, 100):
        calls, memory, shards_calls, shards_memory = ns["growth"][scale]
        assert calls == pytest.approx(scale * calls_1)
        assert memory == pytest.approx(scale * memory_1)
        assert shards_calls == math.ceil(calls / ns["SCRIPT_CALLS_PER_SHARD_PER_S"])
        assert shards_memory == math.ceil(memory / ns["SHARD_DATA_BYTES"])


def test_the_chart_draws_both_limits(ns: dict[str, Any]) -> None:
    assert len(ns["ax"].get_lines()) == 2
    assert ns["by_calls"][0] == ns["shards_by_calls"]
    assert ns["by_memory"][-1] == ns["growth"][100][3]


@pytest.mark.parametrize(
    ("helper", "args", "message"),
    [
        ("qps", (0,), "per_day must be positive, got 0"),
        ("qps", (float("nan"),), "per_day must be positive, got nan"),
        ("qps", (100, 0.5), "peak_factor must be at least 1, got 0.5"),
        ("live_keys", (0, 2), "clients must be positive, got 0"),
        ("live_keys", (10, 0), "policies must be a whole number >= 1, got 0"),
        ("live_keys", (10, 1.5), "policies must be a whole number >= 1, got 1.5"),
        ("shards_for", (-1, 10), "load must not be negative, got -1"),
        ("shards_for", (10, 0), "capacity_per_shard must be positive, got 0"),
        ("resp_command_bytes", ([],), "a command needs at least its name"),
        ("resp_integers_bytes", ([],), "a reply needs at least one value"),
        ("format_table", (["a", "b"], [["x"]]), "every row must have one cell per header"),
    ],
)
def test_bad_input_raises_a_clear_error(ns: dict[str, Any], helper: str, args: tuple, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        ns[helper](*args)


def test_shards_for_needs_at_least_one(ns: dict[str, Any]) -> None:
    assert ns["shards_for"](0, 10) == 1
    assert ns["shards_for"](10, 10) == 1
    assert ns["shards_for"](11, 10) == 2


def test_prose_states_no_computed_result(ns: dict[str, Any]) -> None:
    prose = markdown_of(NOTEBOOK)
    for value in [
        f"{ns['peak_rps']:,.0f}",
        f"{ns['avg_rps']:,.0f}",
        f"{ns['keys']:,.0f}",
        f"{ns['memory'] / GB:.2f}",
        f"{ns['BYTES_PER_KEY']}",
        f"{ns['nodes']} nodes",
        f"{ns['shards']} shards",
    ]:
        assert value not in prose, value


def _page_number(pattern: str) -> str:
    text = " ".join(PAGE.read_text(encoding="utf-8").split())  # across line breaks
    match = re.search(pattern, text, re.IGNORECASE)
    assert match, f"the page no longer says {pattern!r}"
    return match.group(1)


def test_the_page_restates_the_notebook(ns: dict[str, Any]) -> None:
    assert _page_number(r"ten million clients a day at (\d+) requests each") == str(
        ns["REQUESTS_PER_CLIENT_PER_DAY"]
    )
    assert ns["DAILY_ACTIVE_CLIENTS"] == 10_000_000  # "ten million", in words on the page
    budget = _page_number(r"assumed budget of ([\d,]+) script calls per primary")
    assert budget == f"{ns['SCRIPT_CALLS_PER_SHARD_PER_S']:,}"
    assert _page_number(r"about ([\d,]+) checks a second at peak") == f"{ns['peak_rps']:,.0f}"
    assert _page_number(r"at most ([\d,.]+) million buckets") == f"{ns['keys'] / 1e6:,.0f}"
    assert _page_number(r"([\d.]+) GB of Redis memory") == f"{ns['memory'] / GB:.2f}"
    assert _page_number(r"(\d+) bytes per key") == f"{ns['BYTES_PER_KEY']}"
    assert _page_number(r"(\d+) shards \(\d+ nodes with replicas\)") == f"{ns['shards']}"
    assert _page_number(r"\d+ shards \((\d+) nodes with replicas\)") == f"{ns['nodes']}"
    assert _page_number(r"100x it is ([\d,]+) shards") == f"{ns['growth'][100][2]:,}"
    assert _page_number(r"At 10x,\*\* ([\d,]+) shards") == f"{ns['growth'][10][2]:,}"
    assert _page_number(r"At 100x,\*\* the estimate needs ([\d,]+) shards") == f"{ns['growth'][100][2]:,}"


def test_memory_usage_of_a_real_bucket_is_what_the_notebook_assumes(ns: dict[str, Any], redis_url: str) -> None:
    """The notebook's 72 bytes, measured: a bucket named as in production, random and deleted."""
    key = f"rl:{{k:{secrets.token_hex(8)}}}:s"
    assert len(key) == len("rl:{k:0123456789abcdef}:s")
    with connect(redis_url) as r:
        try:
            r.set(key, 1_733_097_600_123_456, px=60_000)
            assert r.object("ENCODING", key) == "int"
            assert r.memory_usage(key) == ns["MEMORY_USAGE_BYTES"]
        finally:
            r.delete(key)


def test_the_sample_reply_is_what_the_script_returns(ns: dict[str, Any], redis_url: str) -> None:
    """The notebook's sample command, run on Redis against fresh buckets of the same name length."""
    command = ns["SAMPLE_COMMAND"]
    policies = int(command[2])
    keys = [f"rl:{{k:{secrets.token_hex(8)}}}:{suffix}" for suffix in ("s", "h")]
    assert [len(k) for k in keys] == [len(k) for k in command[3 : 3 + policies]]
    with connect(redis_url) as r:
        try:
            reply = r.eval(GCRA, policies, *keys, *command[3 + policies :])
        finally:
            r.delete(*keys)
    assert reply == ns["SAMPLE_REPLY"]
    assert len(reply) == 1 + ns["FIELDS_PER_POLICY"] * policies
    assert ns["reply_bytes"] == len(f"*{len(reply)}\r\n") + sum(len(f":{v}\r\n") for v in reply)


WRITE_BUCKETS = """
for i = 1, tonumber(ARGV[1]) do
  local key = string.format('rl:{k:%016x}:s', i)
  redis.call('SET', key, 1733097600123456 + i, 'PX', 3600000)
end
"""


def test_the_uncounted_bytes_cover_what_200000_buckets_really_take(ns: dict[str, Any]) -> None:
    """used_memory grows by more than MEMORY USAGE per key and by no more than the notebook allows."""
    count = 200_000
    with private_redis() as sock, unix_client(sock, timeout=30) as r:
        before = int(r.info("memory")["used_memory"])
        r.eval(WRITE_BUCKETS, 0, count)  # one script: fast, and the same keys as SETs
        assert r.dbsize() == count
        assert r.object("ENCODING", "rl:{k:0000000000000001}:s") == b"int"
        per_key = (int(r.info("memory")["used_memory"]) - before) / count
    assert ns["MEMORY_USAGE_BYTES"] < per_key <= ns["BYTES_PER_KEY"]
