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

    On PostgreSQL 11+ a constant default is stored in the catalog, so this does
    not rewrite the table; it still takes a brief ACCESS EXCLUSIVE lock.
    """
    with op.batch_alter_table("posts") as batch:
        batch.add_column(
            sa.Column(
                "view_count", sa.Integer(), server_default=sa.text("0"), nullable=False
            )
        )


def downgrade() -> None:
    """Drop the column again (SQLite copies the table to do it, in batch mode)."""
    with op.batch_alter_table("posts") as batch:
        batch.drop_column("view_count")


# --8<-- [end:upgrade]
