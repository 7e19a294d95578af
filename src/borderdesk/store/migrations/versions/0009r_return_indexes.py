"""returns: the cancellation time of a transfer, the newest package's creation time per
peer, and the indexes the monthly return's queries need at scale

Revision ID: 0009r
Revises: 0008
Create Date: 2026-12-02 01:10:00

``centre_transfer.cancelled_at`` and ``sync_peer.received_created_at`` are nullable and
not backfilled: a transfer cancelled before this step has no stored time (the return
counts it in its planned month) and a peer shows its last import time until its next
package arrives.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import borderdesk.store.types

revision = "0009r"
down_revision = "0008"
branch_labels = None
depends_on = None

UTC = borderdesk.store.types.UTCDateTime

INDEXES = (
    ("centre_stay", "ix_centre_stay_site_arrived", ["origin_site", "arrived_at"]),
    ("centre_stay", "ix_centre_stay_site_ended", ["origin_site", "ended_at", "arrived_at"]),
    ("centre_transfer", "ix_centre_transfer_site_completed", ["origin_site", "completed_at"]),
    (
        "centre_transfer",
        "ix_centre_transfer_site_cancelled",
        ["origin_site", "cancelled_at", "planned_date"],
    ),
)


def upgrade() -> None:
    with op.batch_alter_table("centre_transfer") as batch:
        batch.add_column(sa.Column("cancelled_at", UTC(timezone=True), nullable=True))
    with op.batch_alter_table("sync_peer") as batch:
        batch.add_column(sa.Column("received_created_at", UTC(timezone=True), nullable=True))
    for table, name, cols in INDEXES:
        op.create_index(name, table, cols, unique=False)


def downgrade() -> None:
    for table, name, _cols in reversed(INDEXES):
        op.drop_index(name, table_name=table)
    with op.batch_alter_table("sync_peer") as batch:
        batch.drop_column("received_created_at")
    with op.batch_alter_table("centre_transfer") as batch:
        batch.drop_column("cancelled_at")
