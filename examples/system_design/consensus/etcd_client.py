"""A small etcd v3 client over its HTTP/JSON gateway, with the standard library only.

etcd speaks gRPC; every member also serves a JSON gateway that maps each RPC
to `POST /v3/<service>/<method>` (for etcd 3.4: https://etcd.io/docs/v3.4/dev-guide/api_grpc_gateway/).
Keys and values are bytes, so they travel base64-encoded, and 64-bit numbers
come back as strings. A production service would use a gRPC client
(etcd's own Go client, or a maintained Python one); this one keeps every
request visible and needs nothing installed.

Every call has a timeout. A write that times out raises EtcdTimeout and is
not retried: etcd may have applied it (its API guarantees say the client
"may be uncertain" then), and a retry could apply it twice.
"""

from __future__ import annotations

import base64
import json
import secrets
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from urllib.parse import urlsplit

from examples.server_settings import CONNECT_TIMEOUT_SECONDS


class EtcdError(RuntimeError):
    """etcd answered with an error; `code` is the gRPC status code it reported."""

    def __init__(self, message: str, code: int | None = None) -> None:
        super().__init__(message)
        self.code = code


class EtcdUnavailable(EtcdError):
    """No member could be reached, or a read got no answer from any in time."""


class EtcdTimeout(EtcdError):
    """A write was sent and no answer came (timeout, dropped connection): it may or may not have been applied."""


@dataclass(frozen=True)
class KeyValue:
    key: str
    value: str
    create_revision: int
    mod_revision: int  # the revision of the write that last changed this key
    version: int
    lease: int


@dataclass(frozen=True)
class MemberStatus:
    endpoint: str
    member_id: int
    leader_id: int  # 0 while this member knows no leader
    raft_term: int  # the term of the last entry it applied, not of its last campaign
    raft_index: int  # the last index it knows is committed
    revision: int

    @property
    def is_leader(self) -> bool:
        return self.member_id == self.leader_id


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def _unb64(text: str) -> str:
    return base64.b64decode(text).decode()


def _prefix_end(prefix: str) -> str:
    """The range_end that makes a range cover every key starting with `prefix`."""
    raw = bytearray(prefix.encode())
    raw[-1] += 1  # the UTF-8 of our prefixes never ends in 0xff
    return base64.b64encode(bytes(raw)).decode()


def _key_value(kv: dict) -> KeyValue:
    return KeyValue(
        key=_unb64(kv["key"]),
        value=_unb64(kv.get("value", "")),
        create_revision=int(kv.get("create_revision", 0)),
        mod_revision=int(kv.get("mod_revision", 0)),
        version=int(kv.get("version", 0)),
        lease=int(kv.get("lease", 0)),
    )


def _check_key(key: str) -> None:
    if not isinstance(key, str) or not key:
        raise ValueError(f"an etcd key must be a non-empty string, got {key!r}")


class EtcdClient:
    """Talks to the members in `endpoints`, moving on when one refuses the connection."""

    def __init__(
        self, endpoints: Sequence[str], timeout: float = CONNECT_TIMEOUT_SECONDS
    ) -> None:
        if isinstance(endpoints, str) or not endpoints:
            raise ValueError(
                "endpoints must be a non-empty list of URLs such as ['http://127.0.0.1:2379']"
            )
        for url in endpoints:
            parts = urlsplit(url)
            if (
                parts.scheme not in {"http", "https"}
                or not parts.hostname
                or not parts.port
            ):
                raise ValueError(f"not an etcd client URL (http://host:port): {url!r}")
        if not timeout > 0:
            raise ValueError(f"timeout must be positive seconds, got {timeout!r}")
        self.endpoints = [url.rstrip("/") for url in endpoints]
        self.timeout = timeout
        self._preferred = 0  # the member that answered last

    # -- transport ---------------------------------------------------------------

    def _post_to(
        self, endpoint: str, path: str, body: dict, timeout: float | None = None
    ) -> dict:
        # S310: __init__ accepted only http(s) URLs, so no file: or custom scheme gets here
        request = urllib.request.Request(  # noqa: S310
            endpoint + path,
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        try:
            seconds = timeout or self.timeout
            opened = urllib.request.urlopen(request, timeout=seconds)  # noqa: S310
            with opened as response:
                return json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:  # etcd answered, with an error
            try:
                detail = json.loads(error.read() or b"{}")
            except ValueError:
                detail = {}
            raise EtcdError(
                detail.get("error", f"HTTP {error.code}"), detail.get("code")
            ) from None

    def _call(
        self, path: str, body: dict, *, idempotent: bool, timeout: float | None = None
    ) -> dict:
        """Send to the member that answered last, then to the others.

        A request that never left (connection refused, no route) moves on to
        the next member. One that was sent and got no answer moves on only
        if it is a read: a write may have been applied, so it raises
        EtcdTimeout instead of being sent twice.
        """
        order = self.endpoints[self._preferred :] + self.endpoints[: self._preferred]
        failures = []
        for endpoint in order:
            try:
                answer = self._post_to(endpoint, path, body, timeout)
            except urllib.error.URLError as error:  # raised while connecting or sending
                failures.append(f"{endpoint}: {error.reason}")
            except (
                TimeoutError,
                ConnectionError,
            ) as error:  # sent; the answer never came
                if not idempotent:
                    raise EtcdTimeout(
                        f"{path} via {endpoint}: no answer ({error}); it may have been applied"
                    ) from error
                failures.append(f"{endpoint}: {error or type(error).__name__}")
            else:
                self._preferred = self.endpoints.index(endpoint)
                return answer
        raise EtcdUnavailable(f"no etcd member answered {path}: " + "; ".join(failures))

    # -- keys ----------------------------------------------------------------------

    def put(self, key: str, value: str, *, lease: int = 0) -> int:
        """Write `key`; return the revision of the write once a majority has it."""
        _check_key(key)
        body = {"key": _b64(key), "value": _b64(value)}
        if lease:
            body["lease"] = str(lease)
        return int(
            self._call("/v3/kv/put", body, idempotent=False)["header"]["revision"]
        )

    def get(
        self, key: str, *, serializable: bool = False, endpoint: str | None = None
    ) -> KeyValue | None:
        """Read `key`. Linearizable by default; serializable reads answer from the member's own copy.

        endpoint: ask that one member only (to see what it, in particular, answers).
        """
        _check_key(key)
        body = {"key": _b64(key), "serializable": serializable}
        if endpoint is not None:
            answer = self._post_to(endpoint.rstrip("/"), "/v3/kv/range", body)
        else:
            answer = self._call("/v3/kv/range", body, idempotent=True)
        kvs = answer.get("kvs", [])
        return _key_value(kvs[0]) if kvs else None

    def delete_prefix(self, prefix: str) -> int:
        """Delete every key under `prefix`; return how many went."""
        _check_key(prefix)
        body = {"key": _b64(prefix), "range_end": _prefix_end(prefix)}
        return int(
            self._call("/v3/kv/deleterange", body, idempotent=True).get("deleted", 0)
        )

    # -- transactions ------------------------------------------------------------

    def compare_and_swap(
        self, key: str, expected: str | None, new: str, *, lease: int = 0
    ) -> tuple[bool, int]:
        """Set `key` to `new` only if it now holds `expected` (None: only if it does not exist).

        Returns (swapped, revision): the revision of the write, or the
        current revision of the store when the comparison failed.
        """
        _check_key(key)
        if expected is None:
            compare = {
                "key": _b64(key),
                "target": "CREATE",
                "result": "EQUAL",
                "create_revision": "0",
            }
        else:
            compare = {
                "key": _b64(key),
                "target": "VALUE",
                "result": "EQUAL",
                "value": _b64(expected),
            }
        put = {"key": _b64(key), "value": _b64(new)}
        if lease:
            put["lease"] = str(lease)
        body = {"compare": [compare], "success": [{"request_put": put}], "failure": []}
        answer = self._call("/v3/kv/txn", body, idempotent=False)
        return bool(answer.get("succeeded", False)), int(answer["header"]["revision"])

    def delete_if_created_at(self, key: str, create_revision: int) -> bool:
        """Delete `key` only if it is still the key created at `create_revision`.

        A key deleted and created again since has a new create_revision, so
        the compare fails; writes to the key in between do not change it.
        """
        _check_key(key)
        compare = {
            "key": _b64(key),
            "target": "CREATE",
            "result": "EQUAL",
            "create_revision": str(create_revision),
        }
        body = {
            "compare": [compare],
            "success": [{"request_delete_range": {"key": _b64(key)}}],
            "failure": [],
        }
        return bool(
            self._call("/v3/kv/txn", body, idempotent=False).get("succeeded", False)
        )

    # -- leases --------------------------------------------------------------------

    def grant_lease(self, ttl_seconds: int) -> tuple[int, int]:
        """A new lease; returns (lease id, TTL granted). etcd may raise a short TTL to its minimum."""
        if (
            isinstance(ttl_seconds, bool)
            or not isinstance(ttl_seconds, int)
            or ttl_seconds <= 0
        ):
            raise ValueError(
                f"ttl_seconds must be a positive integer, got {ttl_seconds!r}"
            )
        answer = self._call(
            "/v3/lease/grant", {"TTL": str(ttl_seconds)}, idempotent=False
        )
        return int(answer["ID"]), int(answer["TTL"])

    def keep_alive(self, lease_id: int) -> int:
        """Renew a lease once; return its TTL again, or 0 if it has already expired."""
        answer = self._call(
            "/v3/lease/keepalive", {"ID": str(lease_id)}, idempotent=True
        )
        return int(answer.get("result", {}).get("TTL", 0))

    def time_to_live(self, lease_id: int) -> int:
        """Seconds the lease has left; -1 once it has expired or been revoked."""
        return int(
            self._call(
                "/v3/lease/timetolive", {"ID": str(lease_id)}, idempotent=True
            ).get("TTL", -1)
        )

    def revoke(self, lease_id: int) -> None:
        """End a lease now; its keys are deleted with it."""
        try:
            self._call("/v3/lease/revoke", {"ID": str(lease_id)}, idempotent=True)
        except EtcdError as error:
            if "not found" not in str(error):  # already expired: nothing left to do
                raise

    # -- the cluster ---------------------------------------------------------------

    def status(self, endpoint: str, timeout: float | None = None) -> MemberStatus:
        """What one member says about itself and its leader (Maintenance.Status)."""
        answer = self._post_to(
            endpoint.rstrip("/"), "/v3/maintenance/status", {}, timeout
        )
        return MemberStatus(
            endpoint=endpoint,
            member_id=int(answer["header"]["member_id"]),
            leader_id=int(answer.get("leader", 0)),
            raft_term=int(answer.get("raftTerm", 0)),
            raft_index=int(answer.get("raftIndex", 0)),
            revision=int(answer["header"].get("revision", 0)),
        )

    def statuses(self, timeout: float | None = None) -> list[MemberStatus]:
        """The status of every member that answers within the timeout."""
        found = []
        for endpoint in self.endpoints:
            try:
                found.append(self.status(endpoint, timeout))
            except (OSError, EtcdError, ValueError, KeyError):
                continue  # down, not ready yet, or not answering in time
        return found

    def leader(self) -> MemberStatus | None:
        """The member that the answering members agree leads, if they agree and it answers too."""
        members = self.statuses()
        leader_ids = {m.leader_id for m in members}
        if len(leader_ids) != 1 or 0 in leader_ids:
            return None
        return next((m for m in members if m.is_leader), None)


@contextmanager
def scratch(
    endpoints: Sequence[str], name: str, timeout: float = CONNECT_TIMEOUT_SECONDS
) -> Iterator[tuple[EtcdClient, str]]:
    """A client and a key prefix of this run's own; every key under it is deleted at the end."""
    client = EtcdClient(endpoints, timeout)
    prefix = f"handbook/consensus/{name}-{secrets.token_hex(4)}/"
    try:
        yield client, prefix
    finally:
        with suppress(
            EtcdError
        ):  # the cluster is gone (a fault demo stopped it): nothing to clean
            client.delete_prefix(prefix)
