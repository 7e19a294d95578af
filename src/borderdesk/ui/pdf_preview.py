"""In-app preview of a printed form, then the system print dialog.

Pages are rendered with pypdfium2 (PDFium); Qt's own QtPdf module is not part of the
PySide6 wheels. Printing paints the same renders at the printer's resolution; printing
to a PDF file writes the form's own PDF instead.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from borderdesk.i18n import _
from borderdesk.ui.widgets import on_retranslate

PREVIEW_DPI = 96


def render_pages(pdf: bytes, *, dpi: int = PREVIEW_DPI) -> list[QImage]:
    """Every page of ``pdf`` as an image at ``dpi``."""
    document = pdfium.PdfDocument(pdf)
    try:
        images = []
        for index in range(len(document)):
            bitmap = document[index].render(scale=dpi / 72, rev_byteorder=True)
            image = QImage(
                bitmap.buffer,
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_RGB888,
            )
            images.append(image.copy())  # detach from PDFium's buffer
        return images
    finally:
        document.close()


def print_pdf(pdf: bytes, printer: QPrinter) -> None:
    """Print the form: to a file as the form's own PDF, to a printer as rendered pages.

    "Print to file" gets the very bytes the form was made of (vector, its text
    searchable and copyable), not a picture of them.
    """
    target = printer.outputFileName()
    if target and printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
        Path(target).write_bytes(pdf)
        return
    dpi = min(printer.resolution(), 300)
    painter = QPainter(printer)
    try:
        for number, image in enumerate(render_pages(pdf, dpi=dpi)):
            if number:
                printer.newPage()
            target = painter.viewport()
            size = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.setViewport(target.x(), target.y(), size.width(), size.height())
            painter.setWindow(image.rect())
            painter.drawImage(0, 0, image)
    finally:
        painter.end()


class PdfPreviewDialog(QDialog):
    """Shows the pages of one PDF; Print opens the system dialog, Save writes the file."""

    def __init__(self, pdf: bytes, *, title: str, filename: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.pdf = pdf
        self.filename = filename
        self.title = title
        self.resize(880, 900)
        self.pages = QVBoxLayout()
        self.pages.setSpacing(12)
        holder = QWidget()
        holder.setLayout(self.pages)
        holder.setStyleSheet("background: #6b6b6b;")
        for image in render_pages(pdf):
            page = QLabel()
            page.setPixmap(QPixmap.fromImage(image))
            page.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.pages.addWidget(page)
        scroll = QScrollArea()
        scroll.setWidget(holder)
        scroll.setWidgetResizable(True)
        self.page_count = self.pages.count()
        self.print_button = QPushButton()
        self.save_button = QPushButton()
        self.close_button = QPushButton()
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_document)
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.save_button, self.print_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        on_retranslate(self)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Preview: {title}").format(title=self.title))
        self.print_button.setText(_("Print…"))
        self.save_button.setText(_("Save PDF…"))
        self.close_button.setText(_("Close"))

    def print_document(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            print_pdf(self.pdf, printer)

    def save_document(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save PDF"), self.filename, _("PDF files (*.pdf)")
        )
        if path:
            Path(path).write_bytes(self.pdf)


def show_pdf_preview(parent: QWidget | None, pdf: bytes, *, title: str, filename: str) -> None:
    """Open the preview without blocking (tests can find it among the top-level widgets)."""
    dialog = PdfPreviewDialog(pdf, title=title, filename=filename, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
