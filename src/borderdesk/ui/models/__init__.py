"""Qt item models: thin adapters over the immutable rows services return."""

from borderdesk.ui.models.row_table import (
    CENTRE,
    LEFT,
    RIGHT,
    ROW_ROLE,
    SORT_ROLE,
    Column,
    RowTableModel,
    row_at,
    sorting_proxy,
)

__all__ = [
    "CENTRE",
    "LEFT",
    "RIGHT",
    "ROW_ROLE",
    "SORT_ROLE",
    "Column",
    "RowTableModel",
    "row_at",
    "sorting_proxy",
]
