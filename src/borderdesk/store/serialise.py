"""Rows as canonical JSON: one spelling for hashes, the change log and sync packages."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlmodel import SQLModel

from borderdesk.domain.unreadable import UnreadableDate, UnreadableDateTime


def plain_value(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, UnreadableDate | UnreadableDateTime):
        return value.stored_text  # the text as found, not the "unreadable" mark
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


def canonical_json(data: Any, *, default: Callable[[Any], Any] = plain_value) -> str:
    """``default`` must spell values as :func:`plain_value` does (a faster stand-in)."""
    return json.dumps(
        data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=default
    )


def remembering_plain_value() -> Callable[[Any], Any]:
    """:func:`plain_value` that spells each date and time once: a batch of records
    repeats its stamps and days (ids are unique: not remembered)."""
    spelt: dict[Any, Any] = {}

    def plain(value: Any) -> Any:
        if isinstance(value, uuid.UUID):
            return str(value)
        # Equal times in two zones are equal keys but spelt apart: the zone is in the key.
        key = (type(value), value, getattr(value, "tzinfo", None))
        try:
            return spelt[key]
        except KeyError:
            spelt[key] = text = plain_value(value)
            return text
        except TypeError:  # not hashable
            return plain_value(value)

    return plain
