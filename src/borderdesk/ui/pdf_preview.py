"""In-app preview of a printed form, then the system print dialog.

Pages are rendered with pypdfium2 (PDFium); Qt's own QtPdf module is not part of the
PySide6 wheels. Printing paints the same renders at the printer's resolution; printing
to a PDF file writes the form's own PDF instead.
"""

from __future__ import annotations

from collections.abc import Iterator

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

from borderdesk.errors import BorderDeskError
from borderdesk.files import write_private_file
from borderdesk.i18n import _
from borderdesk.ui.widgets import on_retranslate

PREVIEW_DPI = 96


def page_images(pdf: bytes, *, dpi: int = PREVIEW_DPI) -> Iterator[QImage]:
    """The pages of ``pdf`` one by one as images at ``dpi`` (one page in memory at a time:
    at a printer's 300 dpi an A4 page is 26 MB)."""
    document = pdfium.PdfDocument(pdf)
    try:
        for index in range(len(document)):
            bitmap = document[index].render(scale=dpi / 72, rev_byteorder=True)
            image = QImage(
                bitmap.buffer,
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_RGB888,
            )
            yield image.copy()  # detach from PDFium's buffer
    finally:
        document.close()


def render_pages(pdf: bytes, *, dpi: int = PREVIEW_DPI) -> list[QImage]:
    """Every page of ``pdf`` as an image at ``dpi``."""
    return list(page_images(pdf, dpi=dpi))


def page_count(pdf: bytes) -> int:
    document = pdfium.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Print the form; the number of pages printed.

    "Print to file" gets the very bytes the form was made of (vector, its text
    searchable and copyable), not a picture of them. A printer gets the PDF's own pages,
    rendered by PDFium at its resolution (up to 300 dpi), each fitted to the printable
    area.
    """
    target = printer.outputFileName()
    if target and printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
        write_private_file(target, pdf)
        return page_count(pdf)
    dpi = min(printer.resolution(), 300)
    painter = QPainter()
    if not painter.begin(printer):
        raise BorderDeskError(_("The printer could not be opened."), code="printer")
    printed = 0
    try:
        area = painter.viewport()  # the whole printable area, before any page narrows it
        for image in page_images(pdf, dpi=dpi):
            if printed:
                printer.newPage()
            size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.setViewport(area.x(), area.y(), size.width(), size.height())
            painter.setWindow(image.rect())
            painter.drawImage(0, 0, image)
            printed += 1
    finally:
        painter.end()
    return printed


def choose_printer(parent: QWidget | None) -> QPrinter | None:
    """The system print dialog; the printer chosen, or None when cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        return printer
    return None


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
        printer = choose_printer(self)
        if printer is not None:
            print_pdf(self.pdf, printer)

    def save_document(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save PDF"), self.filename, _("PDF files (*.pdf)")
        )
        if path:
            write_private_file(path, self.pdf)


def show_pdf_preview(parent: QWidget | None, pdf: bytes, *, title: str, filename: str) -> None:
    """Open the preview without blocking (tests can find it among the top-level widgets)."""
    dialog = PdfPreviewDialog(pdf, title=title, filename=filename, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
