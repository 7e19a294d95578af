"""Rows as canonical JSON: one spelling for hashes, the change log and sync packages."""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime
from typing import Any

from sqlmodel import SQLModel


def plain_value(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def row_to_dict(record: SQLModel, *, exclude: frozenset[str] = frozenset()) -> dict[str, Any]:
    # SQLModel's typing declares no __table__, though every table=True class has one.
    table = record.__table__  # type: ignore[attr-defined]
    return {
        column.name: plain_value(getattr(record, column.name))
        for column in table.columns
        if column.name not in exclude
    }


def canonical_json(data: Any) -> str:
    return json.dumps(
        data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=plain_value
    )
