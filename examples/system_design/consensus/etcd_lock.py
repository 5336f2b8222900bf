"""A lock on etcd whose fencing token is the revision of the write that took it.

Taking the lock is one transaction: "if the key does not exist, create it
with my lease". The revision of that write, which the key keeps as its
create_revision for as long as it exists, is the fence. etcd assigns
revisions in its Raft log order, one cluster-wide counter, so a later holder
always has a larger fence, and a failover cannot hand a fence out twice: the
new leader holds every committed write (Raft's leader completeness).

The lease can end while the holder works (a pause longer than the TTL, or
the holder cut off from etcd): etcd deletes the key and the next holder gets
a larger fence. The old holder learns it only when it next calls refresh(),
if it runs again at all before it writes, which is why the resource checks
the fence (FencedStore, from the Redis locks page).
"""

from __future__ import annotations

from dataclasses import dataclass

from examples.system_design.consensus.etcd_client import EtcdClient


@dataclass(frozen=True)
class Grant:
    key: str
    lease: int
    fence: int  # the revision that created the lock key: its create_revision


# --8<-- [start:lock]
class EtcdLock:
    """Mutual exclusion on one key, held through a lease; see the module docstring."""

    def __init__(
        self, client: EtcdClient, key: str, holder: str, ttl_seconds: int = 5
    ) -> None:
        if not key or not holder:
            raise ValueError("key and holder must be non-empty strings")
        self.client, self.key, self.holder, self.ttl = client, key, holder, ttl_seconds

    def try_acquire(self) -> Grant | None:
        """Take the lock if nobody holds it; the grant carries the fence."""
        lease, _ = self.client.grant_lease(self.ttl)
        try:
            taken, revision = self.client.compare_and_swap(
                self.key, None, self.holder, lease=lease
            )
        except BaseException:
            self.client.revoke(lease)  # the write may have applied: this undoes it
            raise
        if not taken:
            self.client.revoke(lease)
            return None
        return Grant(self.key, lease, fence=revision)

    def refresh(self, grant: Grant) -> bool:
        """Renew the lease; False once it has expired: the lock is gone, stop working."""
        return self.client.keep_alive(grant.lease) > 0

    def release(self, grant: Grant) -> bool:
        """Delete the key if this grant created it; end the lease either way."""
        released = self.client.delete_if_created_at(self.key, grant.fence)
        self.client.revoke(grant.lease)
        return released


# --8<-- [end:lock]
