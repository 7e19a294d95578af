"""name-candidate index (spelling keys -> surname keys) and the person lookup index

Revision ID: 0005
Revises: 0007
Create Date: 2026-12-01 22:30:00

``name_candidate`` is derived from the surnames of persons and wanted persons
(``store.name_index``) and is filled here from the rows already on record.
``ix_person_birth_name`` (birth year, name key, nationality) lets the look-up of a
document's person use all three: with single-column indexes only, SQLite (no
statistics) walked every person of the nationality.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0005"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "name_candidate",
        sa.Column("owner", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("candidate_key", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("surname_key", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.PrimaryKeyConstraint("owner", "candidate_key", "surname_key"),
    )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index(
            "ix_person_birth_name", ["birth_year", "name_key", "nationality"], unique=False
        )
    _fill()


def _fill() -> None:
    # The domain functions of this release file the surnames; a later change of the
    # keys rebuilds the index (store.name_index.rebuild_name_index), never this step.
    from borderdesk.domain.names.candidates import candidate_keys, surname_key

    bind = op.get_bind()
    table = sa.table(
        "name_candidate",
        sa.column("owner", sa.String),
        sa.column("candidate_key", sa.String),
        sa.column("surname_key", sa.String),
    )
    for owner in ("person", "watchlist_person"):
        surnames = bind.execute(
            sa.text(f"SELECT DISTINCT surname FROM {owner} WHERE deleted = :no"), {"no": False}
        ).scalars()
        rows = {
            (key, surname_key(surname)) for surname in surnames for key in candidate_keys(surname)
        }
        if rows:
            op.bulk_insert(
                table,
                [{"owner": owner, "candidate_key": k, "surname_key": s} for k, s in rows],
            )


def downgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index("ix_person_birth_name")
    op.drop_table("name_candidate")
