"""Printing a form to a PDF file writes the form's own PDF: text stays text."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from PySide6.QtPrintSupport import QPrinter
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from borderdesk.paths import resource
from borderdesk.ui.pdf_preview import print_pdf


def form_pdf(text: str) -> bytes:
    pdfmetrics.registerFont(TTFont("DejaVuSans", str(resource("fonts", "DejaVuSans.ttf"))))
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.setFont("DejaVuSans", 14)
    page.drawString(72, 720, text)
    page.save()
    return out.getvalue()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_print_to_file_keeps_the_text(app, tmp_path):
    pdf = form_pdf("Протокол проверки документов № ORB-2026-000123")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(target))
    print_pdf(pdf, printer)
    assert target.read_bytes() == pdf
    text = subprocess.run(
        ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Протокол проверки документов № ORB-2026-000123" in text
