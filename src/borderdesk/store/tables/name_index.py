"""The name-candidate index: which surname keys each spelling key leads to.

Derived, local and rebuildable (``store.name_index.rebuild_name_index``): never
synced, never audited. One row per (owner table, candidate key, surname key): the
keys are ``domain.names.candidate_keys`` of a surname (its rule-table key, its
consonant skeletons, each with one letter less), the surname key is what the owner
table's ``name_key`` starts with. A row outliving its last person only costs one
empty lookup.
"""

from __future__ import annotations

from sqlmodel import Field, SQLModel


class NameCandidate(SQLModel, table=True):
    __tablename__ = "name_candidate"
    # The table whose rows carry the surname: "person" or "watchlist_person".
    owner: str = Field(primary_key=True, max_length=32)
    candidate_key: str = Field(primary_key=True, max_length=64)
    surname_key: str = Field(primary_key=True, max_length=120)
