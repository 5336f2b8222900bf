"""Reach the real servers, or say clearly why a test cannot.

Locally, a test whose server is down is skipped with a reason naming the
server and how to start it. Under CI (CI=true) a missing server is a failure:
a skipped test is not a passed one.
"""

from __future__ import annotations

import re
import shutil
import socket
from urllib.parse import urlsplit

import pytest

from examples import server_settings
from tests.support.ci import running_under_ci
from tests.support.provisioned import PROVISIONERS, Unavailable, provision

HOW_TO_START = "see CONTRIBUTING.md, 'Examples that need a server'"
# An example or benchmark that talks to a real server says so in a comment line:
#     # requires-server: postgres, redis
REQUIRES_SERVER = re.compile(r"^# requires-server:(?P<servers>.+)$", re.MULTILINE)
# One that runs a program the machine may lack names it the same way:
#     # requires-tool: ffmpeg, ffprobe
REQUIRES_TOOL = re.compile(r"^# requires-tool:(?P<tools>.+)$", re.MULTILINE)


def address(server: str) -> tuple[str, int]:
    if server == "postgres":
        url = urlsplit(server_settings.postgres_dsn())
        return url.hostname or "127.0.0.1", url.port or 5432
    if server == "mariadb":
        settings = server_settings.mariadb_settings()
        return settings.host, settings.port
    if server == "redis":
        url = urlsplit(server_settings.redis_url())
        return url.hostname or "127.0.0.1", url.port or 6379
    if server == "rabbitmq":
        url = urlsplit(server_settings.amqp_url())
        return url.hostname or "127.0.0.1", url.port or 5672
    if server == "nats":
        url = urlsplit(server_settings.nats_url())
        return url.hostname or "127.0.0.1", url.port or 4222
    raise ValueError(f"unknown server {server!r}; known: postgres, mariadb, redis, rabbitmq, nats")


def reachable(server: str, timeout: float = 2.0) -> bool:
    try:
        with socket.create_connection(address(server), timeout=timeout):
            return True
    except OSError:
        return False


def require_server(server: str) -> None:
    """Skip (locally) or fail (under CI) unless `server` accepts connections.

    A server the tests start themselves (tests/support/provisioned.py) is
    started here, the first time a test asks for it.
    """
    if server in PROVISIONERS:
        try:
            provision(server)
            return
        except Unavailable as error:
            message = f"{server} could not be started: {error}"
    elif reachable(server):
        return
    else:
        host, port = address(server)
        message = f"{server} is not reachable at {host}:{port} ({HOW_TO_START})"
    if running_under_ci():
        pytest.fail(message + "; under CI a missing server is a failure", pytrace=False)
    pytest.skip(message)


def require_tools(*tools: str) -> None:
    """Skip (locally) or fail (under CI) unless every program in `tools` is on PATH."""
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if not missing:
        return
    message = f"{' and '.join(missing)} not installed (.ci/run lists the Debian packages)"
    if running_under_ci():
        pytest.fail(message + "; under CI a missing tool is a failure", pytrace=False)
    pytest.skip(message)


def require_what_source_names(source: str) -> None:
    """Reach every server and find every tool a file's `# requires-...` lines name."""
    servers = REQUIRES_SERVER.search(source)
    for server in servers.group("servers").split(",") if servers else []:
        require_server(server.strip())
    tools = REQUIRES_TOOL.search(source)
    if tools:
        require_tools(*(tool.strip() for tool in tools.group("tools").split(",")))
