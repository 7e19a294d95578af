"""Every printed form's QR code carries the site's signed audit head; verify checks it."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import UTC, date, datetime

import pytest

from borderdesk import i18n
from borderdesk.domain.mrz.compose import compose_td3
from borderdesk.domain.partial_date import PartialDate
from borderdesk.errors import InputError
from borderdesk.forms import document, parse_qr_payload, qr_payload
from borderdesk.forms.qr import AuditMark, qr_modules
from borderdesk.services import checks
from borderdesk.services.access import audit
from borderdesk.services.checks import protocol_form
from helpers import ADMIN_PASSWORD, ADMIN_USER, add_user

NOW = datetime(2026, 6, 1, 6, 30, tzinfo=UTC)
LINES = compose_td3(
    surname="BERDYEV",
    given_names="AMAN",
    document_number="TM1234567",
    nationality="TKM",
    birth_date=PartialDate(1985, 3, 9),
    sex="M",
    expiry_date=date(2033, 1, 1),
)
RECORD = "0190f3a2-7c4e-7b1a-9d2e-5f6a7b8c9d0e"


@pytest.fixture(autouse=True)
def _english():
    i18n.set_language("en")


def test_payload_with_a_mark_round_trips_and_stays_small():
    mark = AuditMark(1234, "9f86d081884c7d65", bytes(range(64)))
    text = qr_payload("CHECK", RECORD, "a" * 64, mark)
    assert text.endswith(mark.text()) and text == text.upper()
    parsed = parse_qr_payload(text)
    assert parsed.record_id == RECORD and parsed.digest == "a" * 64
    assert parsed.audit_mark == mark
    # Alphanumeric mode only (A-Z, 0-9, the few signs): a version 10 symbol at most.
    assert len(qr_modules(text)) <= 57
    assert parse_qr_payload(qr_payload("CHECK", RECORD, "a" * 64)).audit_mark is None
    with pytest.raises(ValueError):
        parse_qr_payload(text[:-3])


@pytest.fixture
def printed(db, admin, monkeypatch):
    """A check protocol printed; the QR payload it drew."""
    drawn: list[str] = []
    real = document.QrCode

    def spy(payload, size, *args, **kwargs):
        drawn.append(payload)
        return real(payload, size, *args, **kwargs)

    monkeypatch.setattr(document, "QrCode", spy)
    officer = add_user(db, admin, "petrov", "officer")
    record = checks.check_document(db, actor=officer, mrz_lines=LINES, now=NOW).check
    protocol_form.check_protocol_pdf(db, actor=officer, check_id=record.id)
    (payload,) = drawn
    return payload


def test_printed_protocol_carries_the_signed_head(db, admin, printed):
    mark = parse_qr_payload(printed).audit_mark
    assert mark is not None and mark == audit.form_mark(db)
    result = audit.verify_form_mark(db, actor=admin, text=printed)
    assert result.ok and f"entry {mark.seq}" in result.message
    # Later work does not invalidate the paper: the history up to it is unchanged.
    add_user(db, admin, "ivanov", "officer")
    assert audit.verify_form_mark(db, actor=admin, text=printed).ok


def test_rewritten_history_fails_against_the_paper(db, admin, printed):
    mark = parse_qr_payload(printed).audit_mark
    conn = sqlite3.connect(db.path, isolation_level=None)
    conn.execute("DROP TRIGGER audit_entry_no_update")
    conn.execute("UPDATE audit_entry SET hash = ? WHERE seq = ?", ("0" * 64, mark.seq))
    conn.close()
    result = audit.verify_form_mark(db, actor=admin, text=printed)
    assert not result.ok and "rewritten" in result.message


def test_cut_history_and_forged_marks_fail(db, admin, printed):
    mark = parse_qr_payload(printed).audit_mark
    forged = AuditMark(mark.seq, mark.hash_prefix, bytes(64))
    text = printed.rsplit(":", 1)[0] + ":" + forged.text()
    result = audit.verify_form_mark(db, actor=admin, text=text)
    assert not result.ok and "signed" in result.message
    conn = sqlite3.connect(db.path, isolation_level=None)
    conn.execute("DROP TRIGGER audit_entry_no_delete")
    conn.execute("DELETE FROM audit_entry WHERE seq >= ?", (mark.seq,))
    conn.close()
    result = audit.verify_form_mark(db, actor=admin, text=printed)
    assert not result.ok and "no longer" in result.message
    with pytest.raises(InputError):
        audit.verify_form_mark(db, actor=admin, text="not a code")


def test_cli_checks_a_mark_in_a_fresh_process(db, printed):
    env = {
        **os.environ,
        "BORDERDESK_USER": ADMIN_USER,
        "BORDERDESK_PASSWORD": ADMIN_PASSWORD,
        "PYTHONPATH": os.pathsep.join(sys.path),
    }
    args = [sys.executable, "-m", "borderdesk", "--db", str(db.path), "--lang", "en"]
    ok = subprocess.run(
        [*args, "audit", "verify", "--qr", printed], capture_output=True, text=True, env=env
    )
    assert ok.returncode == 0, ok.stderr
    assert "matches the audit log" in ok.stdout
    bad = subprocess.run(
        [*args, "audit", "verify", "--qr", "BD1:CHECK:X"], capture_output=True, text=True, env=env
    )
    assert bad.returncode != 0 and bad.stderr.strip().count("\n") == 0
    assert "Traceback" not in bad.stderr
