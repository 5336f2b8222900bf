"""Where the examples find their servers: environment variables, else the local standard ports.

Examples that need PostgreSQL, MariaDB, Redis, RabbitMQ or NATS call these instead of
hard-coding an address, so CI and your laptop can point them elsewhere:

    HANDBOOK_POSTGRES_DSN  postgresql://postgres@127.0.0.1:5432/test
    HANDBOOK_MARIADB_URL   mysql://root@127.0.0.1:3306/test
    HANDBOOK_REDIS_URL     redis://127.0.0.1:6379/0
    HANDBOOK_AMQP_URL      amqp://guest:guest@127.0.0.1:5672/%2F
    HANDBOOK_NATS_URL      nats://127.0.0.1:4222

Two are started by the tests themselves, on free ports (tests/support/provisioned.py;
`python3 -m tests.support.provisioned postgres-pair` starts one on the defaults):

    HANDBOOK_PG_PRIMARY_DSN  postgresql://postgres@127.0.0.1:5433/postgres
    HANDBOOK_PG_REPLICA_DSN  postgresql://postgres@127.0.0.1:5434/postgres
    HANDBOOK_ETCD_ENDPOINTS  http://127.0.0.1:2379,http://127.0.0.1:22379,http://127.0.0.1:32379
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

# Every network call in an example has a timeout; this is the one for connecting.
CONNECT_TIMEOUT_SECONDS = 5


@dataclass(frozen=True)
class MariaDBSettings:
    host: str
    port: int
    user: str
    password: str
    database: str


def postgres_dsn() -> str:
    return os.environ.get(
        "HANDBOOK_POSTGRES_DSN", "postgresql://postgres@127.0.0.1:5432/test"
    )


def mariadb_settings() -> MariaDBSettings:
    url = urlsplit(
        os.environ.get("HANDBOOK_MARIADB_URL", "mysql://root@127.0.0.1:3306/test")
    )
    return MariaDBSettings(
        host=url.hostname or "127.0.0.1",
        port=url.port or 3306,
        user=unquote(url.username or "root"),
        password=unquote(url.password or ""),
        database=url.path.lstrip("/") or "test",
    )


def redis_url() -> str:
    return os.environ.get("HANDBOOK_REDIS_URL", "redis://127.0.0.1:6379/0")


def amqp_url() -> str:
    return os.environ.get("HANDBOOK_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/%2F")


def nats_url() -> str:
    return os.environ.get("HANDBOOK_NATS_URL", "nats://127.0.0.1:4222")


def pg_primary_dsn() -> str:
    """A primary whose config examples may change (replication, prepared transactions)."""
    return os.environ.get(
        "HANDBOOK_PG_PRIMARY_DSN", "postgresql://postgres@127.0.0.1:5433/postgres"
    )


def pg_replica_dsn() -> str:
    """A streaming replica of pg_primary_dsn()."""
    return os.environ.get(
        "HANDBOOK_PG_REPLICA_DSN", "postgresql://postgres@127.0.0.1:5434/postgres"
    )


def etcd_endpoints() -> list[str]:
    """The client URLs of a three-member etcd cluster."""
    default = "http://127.0.0.1:2379,http://127.0.0.1:22379,http://127.0.0.1:32379"
    return os.environ.get("HANDBOOK_ETCD_ENDPOINTS", default).split(",")


if __name__ == "__main__":
    print(mariadb_settings().port)
    #> 3306
