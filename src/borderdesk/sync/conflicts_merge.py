"""Merging the two versions of a conflict field by field.

The supervisor names, for each differing field, the version whose value to keep; the
fields not named keep the winner's. Columns computed from others are never chosen on
their own: a transliteration follows the name it spells, and the search key is computed
again from the merged names, so a merged record never carries a key of another name.

The merged record is checked with the rules every edit obeys before anything is
written (:func:`merge_problem`): the values must read as their columns' types, no
required field may be empty, text must fit its column, and a partial date of birth
must be a date (a day from one version and a month from the other can make 31
February). Then the table's own rules, which the services keep (a case's status and its
workflow, a stay's dates, known codes): handed in as ``rules``, since this layer sits
below the services (``services.sync.merge_rules``). A merge that breaks a rule is
refused with one line naming the field.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import Table
from sqlmodel import SQLModel

from borderdesk.domain.names import full_name_key
from borderdesk.domain.partial_date import PartialDate
from borderdesk.domain.safe_text import shown_in_message
from borderdesk.errors import InputError
from borderdesk.i18n import _
from borderdesk.store.limits import column_limit, too_long_error
from borderdesk.sync.rows import typed_row

WINNER = "winner"
OTHER = "other"
SIDES = (WINNER, OTHER)
# Transliterations follow the field they transliterate.
FOLLOWERS = {"surname": ("surname_latin",), "given_names": ("given_names_latin",)}
_FOLLOWING = {f: lead for lead, followers in FOLLOWERS.items() for f in followers}
# Computed from the merged names, never taken from either version.
COMPUTED = frozenset({"name_key"})
_BIRTH = ("birth_year", "birth_month", "birth_day")
# (table name, the merged row as typed values) -> why it breaks a rule, or None.
TableRules = Callable[[str, Mapping[str, Any]], str | None]


def choosable_fields(differing: list[str] | Mapping[str, object]) -> list[str]:
    """The differing fields a supervisor chooses between (not the computed ones)."""
    return [f for f in differing if f not in COMPUTED and f not in _FOLLOWING]


def parse_choices(items: list[str] | tuple[str, ...]) -> dict[str, str]:
    """``["reason=other", "surname=winner"]`` → ``{"reason": "other", ...}``."""
    out: dict[str, str] = {}
    for item in items:
        name, sep, side = item.partition("=")
        name, side = name.strip(), side.strip().lower()
        if not sep or not name or side not in SIDES:
            raise InputError(
                _("Write each field as NAME=winner or NAME=other, not '{item}'.").format(
                    item=shown_in_message(item)
                )
            )
        out[name] = side
    return out


def merged_version(
    winner: dict[str, Any], other: dict[str, Any], differing: list[str], choices: Mapping[str, str]
) -> dict[str, Any]:
    """The winner with the fields chosen from the other version (stored form, as queued)."""
    allowed = choosable_fields(differing)
    for name, side in choices.items():
        if side not in SIDES:
            raise InputError(_("Keep 'winner' or 'other'."))
        if name not in allowed:
            raise InputError(
                _("The field '{field}' does not differ between the two versions.").format(
                    field=shown_in_message(name)
                )
                if name not in differing
                else _("The field '{field}' is computed from others; choose those.").format(
                    field=shown_in_message(name)
                )
            )
    if not any(side == OTHER for side in choices.values()):
        raise InputError(_("Choose at least one field of the other version to merge."))
    merged = dict(winner)
    for name, side in choices.items():
        if side == OTHER:
            for field in (name, *FOLLOWERS.get(name, ())):
                if field in other:
                    merged[field] = other[field]
    if "name_key" in merged and "surname" in merged:
        key = full_name_key(str(merged["surname"] or ""), str(merged.get("given_names") or ""))
        merged["name_key"] = key[:200]
    return merged


def merge_problem(
    model: type[SQLModel], merged: dict[str, Any], rules: TableRules | None = None
) -> str | None:
    """Why the merged record may not be written (one line), or None when it may."""
    table: Table = model.__table__  # type: ignore[attr-defined]
    try:
        typed = typed_row(table, merged)
    except (TypeError, ValueError) as exc:
        return _("A merged value does not read: {reason}").format(reason=exc)
    for column in table.columns:
        name = column.name
        if name not in typed:
            continue
        value = typed[name]
        if value is None and not column.nullable and not column.primary_key:
            return _("The field '{field}' may not be empty.").format(field=shown_in_message(name))
        if isinstance(value, str):
            limit = column_limit(model, name)
            if limit is not None and len(value) > limit:
                return too_long_error(name, limit, len(value)).message
    if "birth_year" in typed:
        year, month, day = (typed.get(part) for part in _BIRTH)
        if year is None and (month is not None or day is not None):
            return _("A date of birth with a month or day needs its year.")
        if year is not None:
            try:
                PartialDate(int(year), month, day)
            except (TypeError, ValueError):
                return _("The merged date of birth is no date: {year}-{month}-{day}.").format(
                    year=year, month=month or "??", day=day or "??"
                )
    return rules(table.name, typed) if rules is not None else None
