"""Alembic environment: BorderDesk always hands in an open connection."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

from borderdesk.store.tables import load_all

load_all()  # every table on the metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("BorderDesk migrations run through borderdesk.store.migrations")

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    compare_type=True,
    render_as_batch=True,  # SQLite alters tables by copying them
)
with context.begin_transaction():
    context.run_migrations()
