"""A scratch schema with the metadata tables and one account, and a blob folder."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from examples.scratch_postgres import connect, scratch_schema
from examples.system_design.file_storage.blob_store import BlobStore
from examples.system_design.file_storage.metadata_schema import create_account, create_schema

ACCOUNT = 1


@dataclass
class Metadata:
    schema: str
    dsn: str
    conn: psycopg.Connection
    blobs: BlobStore

    def session(self) -> psycopg.Connection:
        """Another session on the same tables: a second device's API server."""
        return connect(self.schema, self.dsn)

    def count(self, table: str) -> int:
        return self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608


@pytest.fixture
def md(postgres_dsn: str, tmp_path: Path) -> Iterator[Metadata]:
    with scratch_schema("t_files", postgres_dsn) as schema, connect(schema, postgres_dsn) as conn:
        create_schema(conn)
        create_account(conn, ACCOUNT)
        yield Metadata(schema, postgres_dsn, conn, BlobStore(tmp_path))
