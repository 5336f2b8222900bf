"""Add posts.view_count, NOT NULL with a server default of 0.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


# --8<-- [start:upgrade]
def upgrade() -> None:
    """Add the column; the server default fills it in for every existing row.

    PostgreSQL 11+ stores a non-volatile default in the catalog instead of
    rewriting the table; the ALTER still takes an ACCESS EXCLUSIVE lock, briefly.
    SQLite adds the column in place too. The default is the string "0", not
    sa.text("0"): Alembic cannot tell that a SQL expression is a constant, and
    would rebuild the whole table to be safe.
    """
    with op.batch_alter_table("posts") as batch:
        batch.add_column(
            sa.Column("view_count", sa.Integer(), server_default="0", nullable=False)
        )


def downgrade() -> None:
    """Drop the column again (in batch mode, SQLite rebuilds the table)."""
    with op.batch_alter_table("posts") as batch:
        batch.drop_column("view_count")


# --8<-- [end:upgrade]
