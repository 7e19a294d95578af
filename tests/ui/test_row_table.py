"""RowTableModel over plain frozen rows, no database: roles, sorting, bad rows, headers."""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt

from borderdesk import i18n
from borderdesk.i18n import N_
from borderdesk.ui.models import RIGHT, ROW_ROLE, Column, RowTableModel, row_at, sorting_proxy


@dataclass(frozen=True)
class Stay:
    person: str
    bed: int
    since: datetime | None


def broken_bed(row: Stay) -> str:
    if row.bed < 0:
        raise ValueError("no such bed")
    return str(row.bed)


COLUMNS = [
    Column(N_("Person"), lambda r: r.person, tooltip=lambda r: f"tip {r.person}"),
    Column(N_("Bed"), broken_bed, align=RIGHT, sort_key=lambda r: r.bed),
    Column(N_("Since"), lambda r: r.since.date() if r.since else None, sort_key=lambda r: r.since),
]
ROWS = [
    Stay("Rahman", 12, datetime(2025, 3, 2, tzinfo=UTC)),
    Stay("Aziz", 3, None),
    Stay("Nguyen", -1, datetime(2025, 1, 5, tzinfo=UTC)),
]


@pytest.fixture
def model(app):
    model = RowTableModel(COLUMNS, muted=lambda r: r.person == "Aziz")
    model.set_rows(ROWS)
    return model


def test_display_alignment_tooltip_and_row(model):
    assert (model.rowCount(), model.columnCount()) == (3, 3)
    assert model.index(0, 0).data() == "Rahman"
    assert model.index(0, 2).data() == "2025-03-02"
    assert model.index(1, 2).data() == ""
    assert model.index(0, 1).data(Qt.TextAlignmentRole) == int(RIGHT)
    assert model.index(0, 0).data(Qt.ToolTipRole) == "tip Rahman"
    assert model.index(0, 0).data(ROW_ROLE) is ROWS[0]
    assert model.index(0, 0).data(Qt.ForegroundRole) is None
    assert model.index(1, 0).data(Qt.ForegroundRole) is not None  # muted row


def test_a_row_that_cannot_render_is_greyed_not_raised(model):
    assert model.index(2, 1).data() == "—"
    assert model.index(2, 0).data() == "Nguyen"  # the rest of the row still shows
    for column in range(3):
        assert model.index(2, column).data(Qt.ForegroundRole) is not None
    assert "no such bed" in model.index(2, 0).data(Qt.ToolTipRole)


def test_proxy_sorts_by_sort_key_and_filters_text(model):
    proxy = sorting_proxy(model)
    proxy.sort(1, Qt.AscendingOrder)
    assert [row_at(proxy.index(r, 0)).person for r in range(3)] == ["Nguyen", "Aziz", "Rahman"]
    proxy.sort(2, Qt.DescendingOrder)
    assert row_at(proxy.index(0, 0)).person == "Rahman"
    proxy.setFilterFixedString("aziz")
    assert proxy.rowCount() == 1


def test_headers_follow_the_language(model, qtbot, monkeypatch):
    class Marked(gettext.NullTranslations):
        def gettext(self, message):
            return "EN:" + message

    real = i18n.translations_for
    monkeypatch.setattr(
        i18n, "translations_for", lambda lang: Marked() if lang == "en" else real(lang)
    )
    assert model.headerData(0, Qt.Horizontal) == i18n.gettext_in("ru", "Person")
    with qtbot.waitSignal(model.headerDataChanged):
        i18n.set_language("en")
    assert model.headerData(0, Qt.Horizontal) == "EN:Person"
    assert model.headerData(5, Qt.Horizontal) is None


def test_direction_overrides_in_stored_text_are_shown_not_obeyed(app):
    # A name stored before the services cleaned names, or synced in from an older site.
    model = RowTableModel(COLUMNS)
    model.set_rows([Stay("AHMED\u202eVOKIN", 1, None), Stay("line one\nline two", 2, None)])
    assert model.index(0, 0).data() == "AHMED<U+202E>VOKIN"
    assert model.index(1, 0).data() == "line one\nline two"  # notes keep their lines
    assert (
        model.index(0, 0).data(ROW_ROLE).person == "AHMED\u202eVOKIN"
    )  # the row itself is as stored
