"""Namespaces are made, entered and always removed; without root the examples skip, under CI they fail."""

from __future__ import annotations

import os
import socket
import unittest
from pathlib import Path

import pytest

from examples.fundamentals.tcp_udp import netns
from examples.fundamentals.tcp_udp.netns import Namespace, require_namespaces, two_hosts
from tests.fundamentals.tcp_udp.conftest import our_namespaces


def test_a_namespace_is_deleted_even_when_the_body_fails(namespaces: None) -> None:
    with pytest.raises(ZeroDivisionError), Namespace("fails") as namespace:
        assert namespace.name in our_namespaces()
        _ = 1 / 0
    assert namespace.name not in our_namespaces()


def test_entering_returns_to_the_original_namespace_even_on_error(namespaces: None) -> None:
    here = os.readlink("/proc/thread-self/ns/net")
    with Namespace("enter") as namespace:
        with pytest.raises(RuntimeError), namespace.entered():
            assert os.readlink("/proc/thread-self/ns/net") != here
            raise RuntimeError("boom")
        assert os.readlink("/proc/thread-self/ns/net") == here


def test_a_socket_stays_in_the_namespace_it_was_made_in(namespaces: None) -> None:
    with Namespace("socket") as namespace, namespace.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        assert f":{port}" in namespace.run("ss", "-ltnH")
        with socket.socket() as outside, pytest.raises(ConnectionRefusedError):
            outside.settimeout(5)
            outside.connect(("127.0.0.1", port))  # the host's loopback has no such listener


def test_a_failing_command_says_what_failed(namespaces: None) -> None:
    with Namespace("bad") as namespace, pytest.raises(RuntimeError, match="no-such-device"):
        namespace.ip("link", "set", "no-such-device", "up")


def test_dropping_arrivals_gives_the_address_back_even_on_error(namespaces: None) -> None:
    with two_hosts() as (client, server):
        with pytest.raises(KeyError), server.dropping_arrivals():
            assert server.address not in server.namespace.ip("-brief", "addr")
            raise KeyError("boom")
        assert server.address in server.namespace.ip("-brief", "addr")
        with server.socket() as listener, client.socket() as sock:
            listener.bind((server.address, 7000))
            listener.listen()
            sock.settimeout(5)
            sock.connect((server.address, 7000))  # the link works again


def test_without_root_the_examples_skip_with_the_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(netns.os, "geteuid", lambda: 1000)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(unittest.SkipTest, match="need root"):
        require_namespaces()


def test_under_ci_missing_namespaces_are_a_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(netns.os, "geteuid", lambda: 1000)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(RuntimeError, match="failure"):
        require_namespaces()


def test_a_sysctl_set_in_a_namespace_stays_there(namespaces: None) -> None:
    with Namespace("sysctl") as namespace:
        namespace.set_sysctl("net/ipv4/tcp_sack", 0)
        assert namespace.run("cat", "/proc/sys/net/ipv4/tcp_sack").strip() == "0"
    assert Path("/proc/sys/net/ipv4/tcp_sack").read_text().strip() == "1"  # the host's is untouched
