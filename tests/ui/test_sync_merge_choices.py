"""The conflict's field table as a merge choice, without a database: only differing,
non-computed fields of a concurrent edit are choosable, and ticks reset per conflict."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt

from borderdesk.services.sync import ConflictRow
from borderdesk.ui.models.sync_rows import OTHER_COLUMN, FieldPairModel, field_pairs


def conflict(kind: str = "concurrent") -> ConflictRow:
    winner = {"surname": "IVANOV", "surname_latin": "IVANOV", "name_key": "ivanov", "sex": "M"}
    other = {"surname": "IVANOVA", "surname_latin": "IVANOVA", "name_key": "ivanova", "sex": "M"}
    return ConflictRow(
        id="c1", table_name="person", record_id="r1", kind=kind,
        detected_at=datetime(2026, 12, 1, tzinfo=UTC),
        winner_site="HQ-ORB", winner_user="sidorov", other_site="POST-07", other_user="petrov",
        differences={k: [winner[k], other[k]] for k in ("name_key", "surname", "surname_latin")},
        status="open", winner_fields=winner, other_fields=other,
    )  # fmt: skip


def test_only_the_name_itself_is_choosable_and_a_tick_is_a_choice(qapp):
    model = FieldPairModel()
    changed = []
    model.choices_changed.connect(lambda: changed.append(True))
    model.set_rows(field_pairs(conflict()))
    choosable = {p.field for p in model.rows() if p.choosable}
    assert choosable == {"surname"}
    rows = {model.row(i).field: i for i in range(model.rowCount())}
    surname = model.index(rows["surname"], OTHER_COLUMN)
    assert model.flags(surname) & Qt.ItemIsUserCheckable
    assert not model.flags(model.index(rows["name_key"], OTHER_COLUMN)) & Qt.ItemIsUserCheckable
    assert not model.flags(model.index(rows["surname"], 1)) & Qt.ItemIsUserCheckable
    assert model.setData(surname, Qt.Checked.value, Qt.CheckStateRole)
    assert model.taken_from_other() == ["surname"] and changed
    assert not model.setData(model.index(rows["sex"], OTHER_COLUMN), Qt.Checked, Qt.CheckStateRole)
    model.set_rows(field_pairs(conflict()))  # another conflict chosen: no tick carried over
    assert model.taken_from_other() == []


def test_a_duplicate_name_has_nothing_to_merge(qapp):
    assert not any(p.choosable for p in field_pairs(conflict("duplicate")))
