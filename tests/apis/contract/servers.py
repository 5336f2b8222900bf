"""The two servers the contract suite talks to, over real HTTP on loopback, and a raw client.

FastAPI runs in a uvicorn thread (examples/uvicorn_server.py) and Fastify as a
node process (examples/apis/rest_fastify/serve.ts, compiled here with the
repository's strict tsconfig). Each reads its cursor key from
HANDBOOK_USERS_CURSOR_KEY, so one key makes their cursors interchangeable.

The client is http.client, not httpx: some tests send request targets that a
URL library would normalize first (%31, a trailing slash, /users/./1).
"""

from __future__ import annotations

import http.client
import itertools
import json
import os
import secrets
import select
import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from examples.apis.rest.cursors import KEY_VARIABLE, CursorCodec
from examples.apis.rest.users_app import allow_anyone_demo_only, create_app
from examples.apis.rest.users_store import connect
from examples.uvicorn_server import serve
from handbook_build.other_languages.toolchains import TSC, TYPESCRIPT
from tests.support.example_files import REPO_ROOT
from tests.support.toolchains import require_toolchain

HERE = Path(__file__).resolve().parent
SERVE_JS = Path("apis", "rest_fastify", "serve.js")  # under the build folder, as under examples/
START_TIMEOUT_S = 15.0
STOP_TIMEOUT_S = 5.0
REQUEST_TIMEOUT_S = 10.0

KEY = secrets.token_urlsafe(32)  # both servers get it through HANDBOOK_USERS_CURSOR_KEY
CURSORS = CursorCodec(KEY.encode())  # the Python codec signs cursors for both
_emails = itertools.count()


def unique_email(tag: str = "user") -> str:
    """An address no other case uses: the servers' stores outlive each case."""
    return f"{tag}-{next(_emails)}-{secrets.token_hex(4)}@example.com"


@dataclass(frozen=True)
class Reply:
    target: str  # the request target as sent
    status: int
    headers: dict[str, str]  # names lowercased
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


class Api:
    """One server: its base URL and a keep-alive connection that sends targets verbatim."""

    def __init__(self, name: str, port: int) -> None:
        self.name = name
        self.base = f"http://127.0.0.1:{port}"
        self._connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT_S)

    def send(self, method: str, target: str, body: bytes | None = None, headers: dict[str, str] | None = None) -> Reply:
        try:
            return self._exchange(method, target, body, headers or {})
        except (ConnectionError, http.client.RemoteDisconnected):
            # The server closed an idle keep-alive connection: send once more, on a new one.
            self._connection.close()
            return self._exchange(method, target, body, headers or {})

    def _exchange(self, method: str, target: str, body: bytes | None, headers: dict[str, str]) -> Reply:
        self._connection.request(method, target, body=body, headers=headers)
        response = self._connection.getresponse()
        content = response.read()
        return Reply(target, response.status, {k.lower(): v for k, v in response.getheaders()}, content)

    def send_json(self, method: str, target: str, payload: Any, media_type: str = "application/json") -> Reply:
        return self.send(method, target, json.dumps(payload).encode(), {"content-type": media_type})

    def close(self) -> None:
        self._connection.close()


def build_fastify(out_dir: Path) -> Path:
    """Compile examples/apis/rest_fastify/ into `out_dir`, runnable by node."""
    require_toolchain(TYPESCRIPT)
    result = subprocess.run(
        [str(TSC), "-p", str(HERE / "tsconfig.json"), "--outDir", str(out_dir), "--sourceMap"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=REPO_ROOT,
    )
    if result.returncode != 0:
        pytest.fail(f"tsc failed:\n{result.stdout}{result.stderr}", pytrace=False)
    # ES modules, resolving `fastify` from the repository's node_modules.
    (out_dir / "package.json").write_text('{"type": "module"}\n')
    (out_dir / "node_modules").symlink_to(REPO_ROOT / "node_modules", target_is_directory=True)
    return out_dir


@contextmanager
def fastify_server(build: Path, key: str, log: Path) -> Iterator[Api]:
    """`node serve.js 0`: the kernel picks the port, and the first line of stdout names it."""
    env = {**os.environ, KEY_VARIABLE: key}
    with log.open("wb") as stderr:
        process = subprocess.Popen(
            ["node", "--enable-source-maps", str(build / SERVE_JS), "0"],
            stdout=subprocess.PIPE,
            stderr=stderr,
            env=env,
            cwd=build,
        )
    try:
        assert process.stdout is not None
        ready, _, _ = select.select([process.stdout], [], [], START_TIMEOUT_S)
        line = process.stdout.readline().decode().strip() if ready else ""
        if not line.startswith("http://127.0.0.1:"):
            pytest.fail(f"the Fastify server did not start: {line!r}\n{log.read_text()}", pytrace=False)
        api = Api("fastify", int(line.rpartition(":")[2]))
        yield api
        api.close()
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(STOP_TIMEOUT_S)
        if process.stdout is not None:
            process.stdout.close()


@contextmanager
def fastapi_server(key: str) -> Iterator[Api]:
    """The FastAPI app over an in-memory database, its key read from the environment."""
    connection = connect(":memory:")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(KEY_VARIABLE, key)
        app = create_app(connection, authorize=allow_anyone_demo_only)
    try:
        with serve(app) as port:
            api = Api("fastapi", port)
            yield api
            api.close()
    finally:
        connection.close()


def run_serve_js(build: Path, env_key: str | None) -> subprocess.CompletedProcess[str]:
    """serve.js run to completion, as an operator would start it."""
    env = {k: v for k, v in os.environ.items() if k != KEY_VARIABLE}
    if env_key is not None:
        env[KEY_VARIABLE] = env_key
    return subprocess.run(
        ["node", str(build / SERVE_JS), "0"], capture_output=True, text=True, env=env, timeout=30, check=False
    )
