"""glibc's real stub (getaddrinfo in a child process) against our resolver in a namespace."""

from __future__ import annotations

import subprocess
from pathlib import Path

from examples.fundamentals.dns.system_stub import system_stub

CONF = """\
nameserver 127.0.0.1
search corp.example example.com
options ndots:{ndots} timeout:1 attempts:1
"""


def test_below_ndots_the_search_list_comes_first_then_the_name_as_typed() -> None:
    with system_stub(CONF.format(ndots=3)) as stub:
        # Two dots, fewer than ndots:3: both search domains first, then as typed.
        assert stub.getaddrinfo("api.example.com") == "['192.0.2.30']"
        assert stub.log.names() == [
            "api.example.com.corp.example.",
            "api.example.com.example.com.",
            "api.example.com.",
        ]
        assert stub.log.types_asked("api.example.com.") == ["A", "AAAA"]


def test_a_trailing_dot_skips_the_search_list() -> None:
    with system_stub(CONF.format(ndots=5)) as stub:
        assert stub.getaddrinfo("www.example.com.") == "['192.0.2.10', '2001:db8::10']"
        assert stub.log.names() == ["www.example.com."]


def test_the_namespace_and_its_resolv_conf_are_removed_afterwards() -> None:
    with system_stub(CONF.format(ndots=1)) as stub:
        name = stub.namespace.name
        assert (Path("/etc/netns") / name / "resolv.conf").exists()
    assert not (Path("/etc/netns") / name).exists()
    listed = subprocess.run(
        ["ip", "netns", "list"], capture_output=True, text=True, timeout=10, check=True
    ).stdout
    assert name not in listed
