"""Journal rows imported at a post (written in bulk) reach HQ exactly, chains verified."""

from __future__ import annotations

import pytest
from sync_sites import HQ, POST, export, import_, synced_rows

from borderdesk.services.access import audit
from borderdesk.services.journal import import_journal
from helpers import login

pytestmark = pytest.mark.usefixtures("row_path")

HEADER = ";".join(
    ["№ п/п", "Дата поступления", "Запрашивающее государство", "Фамилия", "Имя",
     "Дата рождения", "Гражданство", "Решение", "Дата решения", "Дата передачи"]
)  # fmt: skip
JOURNAL = (
    HEADER
    + """
1;05.04.2019;Финляндия;Каримов;Бахтиёр;12.03.1985;UZB;принято;20.04.2019;02.05.2019
2;2019-06-11;DEU;Рахимов;Шерзод;1990;TJK;отказано;25.06.2019;
3;14.08.2019;POL;Ким;Ольга;05.1979;;;;
"""
)


def test_imported_journal_rows_reach_hq_and_both_chains_verify(hq, post, tmp_path):
    journal = tmp_path / "journal.csv"
    journal.write_text(JOURNAL, encoding="utf-8")
    result = import_journal(post, actor=login(post), path=journal)
    assert result.imported == 3 and not result.refused
    report = import_(hq, export(post, HQ))
    assert report.conflicts == 0 and report.chain is not None and report.chain.ok
    tables = {"person", "readmission_case", "case_event", "journal_entry"}
    assert synced_rows(hq, tables=tables) == synced_rows(post, tables=tables)
    events = synced_rows(hq, tables={"case_event"})["case_event"]
    assert len(events) == 5 + 3 + 1  # accepted and transferred, refused, pending
    import_(post, export(hq, POST))
    for db in (hq, post):
        verified = audit.verify_chain(db, actor=login(db))
        assert verified.ok, verified.message
