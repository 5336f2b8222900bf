"""Start services as real child processes on free loopback ports, and always stop them.

A child prints `ready http://127.0.0.1:PORT` once it listens; the parent waits
for that line at most READY_TIMEOUT_SECONDS. Leaving the `with` block closes
the child's stdin (it exits on its own), waits, and kills it if it has not
exited within STOP_TIMEOUT_SECONDS. Either way it is reaped: no process is left.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

# From this module's path: the docs harness runs the examples from elsewhere.
REPO_ROOT = Path(__file__).resolve().parents[3]
READY_TIMEOUT_SECONDS = 10.0
STOP_TIMEOUT_SECONDS = 5.0
PACKAGE = "examples.system_design.microservices"


@dataclass
class ServiceProcess:
    """A running child: its name, its base URL and its process."""

    name: str
    url: str
    process: subprocess.Popen[bytes]

    def kill(self) -> None:
        """Crash it (SIGKILL: no cleanup runs), and reap it."""
        self.process.kill()
        self.process.wait(timeout=STOP_TIMEOUT_SECONDS)

    @property
    def exited(self) -> bool:
        return self.process.poll() is not None


def _wait_for_ready(child: subprocess.Popen[bytes], timeout: float) -> str | None:
    """The URL from the child's ready line, or None if it did not come in time."""
    assert child.stdout is not None
    ready, _, _ = select.select([child.stdout], [], [], timeout)
    if not ready:
        return None
    line = child.stdout.readline().decode().strip()
    prefix = "ready "
    return line.removeprefix(prefix) if line.startswith(prefix) else None


def _stop(child: subprocess.Popen[bytes]) -> None:
    """Ask politely (close stdin), then kill; always reap."""
    if child.stdin is not None and not child.stdin.closed:
        with suppress(BrokenPipeError):  # it had exited already
            child.stdin.close()
    try:
        child.wait(timeout=STOP_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait(timeout=STOP_TIMEOUT_SECONDS)
    if child.stdout is not None:
        child.stdout.close()


# --8<-- [start:start]
@contextmanager
def start(
    module: str,
    args: list[str],
    *,
    name: str,
    env: Mapping[str, str] | None = None,
    ready_timeout: float = READY_TIMEOUT_SECONDS,
) -> Iterator[ServiceProcess]:
    """Run `child_main()` of `module` in a new process; yield once it listens."""
    code = f"from {PACKAGE}.{module} import child_main; child_main()"
    with tempfile.TemporaryFile() as errors:  # stderr, for a startup failure
        child = subprocess.Popen(  # noqa: S603 - our own interpreter and code
            [sys.executable, "-c", code, *args],
            cwd=REPO_ROOT,
            env=None if env is None else dict(env),
            stdin=subprocess.PIPE,  # closing it tells the child to exit
            stdout=subprocess.PIPE,
            stderr=errors,
        )
        try:
            url = _wait_for_ready(child, ready_timeout)
            if url is None:
                child.kill()
                child.wait(timeout=STOP_TIMEOUT_SECONDS)
                errors.seek(0)
                reason = errors.read().decode(errors="replace")[-2000:]
                raise RuntimeError(
                    f"{name} did not start in {ready_timeout} s: {reason}"
                )
            yield ServiceProcess(name, url, child)
        finally:
            _stop(child)


# --8<-- [end:start]


def start_users(
    log: Path, *, delay: float = 0.0, name: str = "users"
) -> AbstractContextManager[ServiceProcess]:
    """The users service in a child process."""
    args = ["users", "--log", str(log), "--delay", str(delay), "--name", name]
    return start("services", args, name=name)


def start_orders(
    log: Path, users_url: str, *, delay: float = 0.0
) -> AbstractContextManager[ServiceProcess]:
    """The orders service in a child process, calling users at `users_url`."""
    args = ["orders", "--log", str(log), "--users-url", users_url]
    return start("services", [*args, "--delay", str(delay)], name="orders")


def start_gateway(
    config: Mapping[str, object], api_keys: Mapping[str, str]
) -> AbstractContextManager[ServiceProcess]:
    """The gateway in a child process. Keys travel in the environment, not in argv,
    which any user on the machine can read with `ps`."""
    env = {**os.environ, "GATEWAY_API_KEYS": json.dumps(dict(api_keys))}
    return start("gateway", ["--config", json.dumps(config)], name="gateway", env=env)
