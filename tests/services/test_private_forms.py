"""Forms written by the services are owner-only whatever the umask, written whole."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime

from borderdesk.services import centre
from borderdesk.services.centre import forms as centre_forms
from centre_samples import centre_database, passport, staff


def test_intake_pdf_is_owner_only_under_umask_022(tmp_path):
    db = centre_database(tmp_path)
    try:
        worker = staff(db)[1]
        stay = centre.intake(
            db,
            actor=worker,
            mrz_lines=passport("NURLANOV", "ERLAN", "N12345678", "KAZ"),
            arrived_at=datetime(2016, 2, 1, 7, 5, tzinfo=UTC),
            arriving_from="КПП «Илецк»",
        )
        out = tmp_path / "forms" / "intake.pdf"
        old = os.umask(0o022)
        try:
            centre_forms.render_intake(db, actor=worker, stay_id=stay.id, out=out)
        finally:
            os.umask(old)
        assert out.read_bytes().startswith(b"%PDF")
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
        assert stat.S_IMODE(out.parent.stat().st_mode) == 0o700
        assert sorted(p.name for p in out.parent.iterdir()) == ["intake.pdf"]
    finally:
        db.dispose()
