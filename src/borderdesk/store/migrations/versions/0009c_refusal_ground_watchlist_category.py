"""document_check.refusal_ground (the legal ground of a refusal) and
watchlist_person.category (wanted | entry_ban)

Revision ID: 0009c
Revises: 0008
Create Date: 2026-12-02 01:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0009c"
down_revision = "0009r"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("document_check") as batch:
        batch.add_column(
            sa.Column("refusal_ground", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True)
        )
    with op.batch_alter_table("watchlist_person") as batch:
        batch.add_column(
            sa.Column(
                "category",
                sqlmodel.sql.sqltypes.AutoString(length=16),
                nullable=False,
                server_default="wanted",
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("watchlist_person") as batch:
        batch.drop_column("category")
    with op.batch_alter_table("document_check") as batch:
        batch.drop_column("refusal_ground")
