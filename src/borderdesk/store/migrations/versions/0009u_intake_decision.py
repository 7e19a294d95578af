"""centre_stay: the number and date of the decision the legal basis rests on

Revision ID: 0009u
Revises: 0008
Create Date: 2026-12-02 01:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0009u"
down_revision = "0009a"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("centre_stay") as batch:
        batch.add_column(
            sa.Column(
                "decision_number",
                sqlmodel.sql.sqltypes.AutoString(length=64),
                nullable=False,
                server_default="",
            )
        )
        batch.add_column(sa.Column("decision_date", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("centre_stay") as batch:
        batch.drop_column("decision_date")
        batch.drop_column("decision_number")
