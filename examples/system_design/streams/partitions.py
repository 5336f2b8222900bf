"""Subject-based partitions: a key always maps to the same partition token.

JetStream has no partitions inside a stream. The idiomatic stand-in puts a
partition number in the subject, `<prefix>.<partition>.<key>`, computed from
the key by a stable hash, and gives each partition its own consumer, filtered
on `<prefix>.<partition>.>`. Python's built-in `hash()` of a str is salted per
process (PYTHONHASHSEED), so it would send one key to different partitions
from different processes; CRC-32 gives every process the same answer.
"""

from __future__ import annotations

import zlib

# A subject token must not contain these: `.` separates tokens, `*` and `>` are
# wildcards, and whitespace ends the subject in the protocol.
_FORBIDDEN_IN_TOKEN = frozenset(".*> \t\r\n")


# --8<-- [start:partition]
def partition_of(key: str, partitions: int) -> int:
    """The partition, in 0..partitions-1, that `key` belongs to; the same in every process."""
    if not isinstance(key, str) or not key:
        raise ValueError(f"a partition key is a non-empty str, not {key!r}")
    if type(partitions) is not int or partitions < 1:  # bool is an int: refuse it
        raise ValueError(f"partitions must be an int of at least 1, not {partitions!r}")
    return zlib.crc32(key.encode()) % partitions


def partition_subject(prefix: str, key: str, partitions: int) -> str:
    """`<prefix>.<partition>.<key>`: where an event about `key` is published."""
    if not key or _FORBIDDEN_IN_TOKEN & set(key):
        raise ValueError(f"{key!r} cannot be a subject token (no . * > or spaces)")
    return f"{prefix}.{partition_of(key, partitions)}.{key}"


def partition_filter(prefix: str, partition: int) -> str:
    """The filter subject of the consumer that owns `partition`."""
    return f"{prefix}.{partition}.>"


# --8<-- [end:partition]
