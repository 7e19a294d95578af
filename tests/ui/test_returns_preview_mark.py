"""The GUI's preview of the monthly return carries the signed audit head in its QR mark,
as the CLI's file does (one renderer: ``returns.marked_return``)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt

from borderdesk.forms import document, parse_qr_payload
from borderdesk.services.access import audit
from borderdesk.ui.pages import returns_page as page_module
from return_samples import Month


def test_the_preview_pdf_carries_the_audit_mark(make_window, wait_idle, db, monkeypatch, qtbot):
    with db.write(actor="admin") as session:
        Month(session).check(datetime.now(UTC) - timedelta(minutes=5), decision="refuse")
    drawn: list[str] = []
    real = document.QrCode

    def spy(payload, size, *args, **kwargs):
        drawn.append(payload)
        return real(payload, size, *args, **kwargs)

    monkeypatch.setattr(document, "QrCode", spy)
    shown: list[bytes] = []
    monkeypatch.setattr(
        page_module, "show_pdf_preview", lambda _p, pdf, *, title, filename: shown.append(pdf)
    )
    window = make_window("petrova")
    page = window.show_page("returns")
    wait_idle()
    qtbot.mouseClick(page.preview_button, Qt.LeftButton)
    wait_idle()
    assert shown and shown[0].startswith(b"%PDF-")
    marks = [parse_qr_payload(p).audit_mark for p in drawn]
    assert marks and all(m is not None for m in marks)
    assert audit.verify_form_mark(db, actor=window.context.actor, text=drawn[-1]).ok
