"""No printed form ends on a page that holds only its signatures (forms.closing).

A page of signatures alone would be signed for nothing it shows: the last rows of the
form's last table (findings, cash, belongings returned, longest stays) stay with the
note and the signatures, whatever the length of what comes before.
"""

from __future__ import annotations

import io
import subprocess
from decimal import Decimal

import pytest
from form_samples import check_data, handover_data, intake_data

from borderdesk.forms import (
    render_check_protocol,
    render_handover_protocol,
    render_intake_protocol,
)
from borderdesk.forms.check_protocol import Finding
from borderdesk.forms.handover_protocol import ReturnedItem
from borderdesk.forms.intake_protocol import BelongingItem, CashAmount

SIGNATURE = "Подпись / Signature"


def _pages(render, data) -> list[str]:
    buffer = io.BytesIO()
    render(data, buffer)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-layout", "-", "-"],
        input=buffer.getvalue(),
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    return [page for page in text.split("\f") if page.strip()]


def _signature_page(pages: list[str]) -> str:
    signed = [page for page in pages if SIGNATURE in page]
    assert len(signed) == 1, f"signatures on {len(signed)} pages"
    return signed[0]


@pytest.mark.parametrize("count", [0, 1, 3, 5, 8, 12, 16, 20, 30])
def test_the_last_finding_stays_with_the_decision_and_the_signatures(count):
    findings = tuple(
        Finding("warning", f"Замечание {i:02d} " + "текст " * 20, f"Finding {i:02d}", "history")
        for i in range(count)
    )
    pages = _pages(render_check_protocol, check_data(findings=findings))
    page = _signature_page(pages)
    assert "Решение / Decision" in page
    assert "Примечание / Note" in page
    if count:
        assert f"Замечание {count - 1:02d}" in page
    else:
        assert "Замечаний нет / No findings" in page


@pytest.mark.parametrize("items", [0, 10, 25, 40, 60])
def test_the_intakes_cash_stays_with_the_signatures(items):
    belongings = tuple(BelongingItem(f"Предмет № {i}", 1, "описание " * 6) for i in range(items))
    cash = (CashAmount("RUB", Decimal("12450")), CashAmount("KZT", Decimal("3000.50")))
    page = _signature_page(
        _pages(render_intake_protocol, intake_data(belongings=belongings, cash=cash))
    )
    assert "KZT" in page  # the last cash row


@pytest.mark.parametrize("items", [1, 12, 30, 45])
def test_the_last_returned_item_stays_with_the_handover_signatures(items):
    returned = tuple(
        ReturnedItem("РАХИМОВ Б.", f"Вещь № {i:02d}", 1, True, "примечание " * 4)
        for i in range(items)
    )
    page = _signature_page(_pages(render_handover_protocol, handover_data(belongings=returned)))
    assert f"Вещь № {items - 1:02d}" in page
