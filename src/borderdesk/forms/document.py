"""The A4 page every form is printed on: header, footer, metadata, determinism.

Header on every page: bilingual form title, site name and code, protocol number
and date, and the QR code with the short digest under it. Footer: record id and
"стр. x из y / page x of y" (the page states are kept until the end, when the
total is known). Output is byte-for-byte reproducible: reportlab's invariant
mode, and the PDF creation date taken from the record, never from the clock.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Table

from borderdesk.files import atomic_private_file
from borderdesk.forms.fonts import MONO, SANS, register_fonts
from borderdesk.forms.labels import Label, label
from borderdesk.forms.layout import FRAME_WIDTH, INK, RULE, esc, para, tstyle
from borderdesk.forms.qr import AuditMark, QrCode, qr_payload, short_digest

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 15 * mm
HEADER_TOP = 9 * mm  # from the top edge
HEADER_HEIGHT = 27 * mm
FRAME_TOP = HEADER_TOP + HEADER_HEIGHT + 3 * mm
FOOTER_Y = 8 * mm
FRAME_BOTTOM = 14 * mm
QR_SIZE = 20 * mm


@dataclass(frozen=True)
class FormMeta:
    """What the page furniture and the PDF metadata need to know about a form."""

    kind: str  # short code in the QR payload: CHECK, APPLICATION, INTAKE, HANDOVER
    title: Label
    site_code: str
    site_name: str
    number: str
    date_text: str  # printed beside the number
    created: date | datetime  # the record's own time: the PDF creation date
    record_id: str
    digest: str
    keywords: Sequence[str] = field(default_factory=tuple)


# The signed audit head the service reads when it prints (``printed_with_audit_mark``):
# every form's QR code carries it without each form's data knowing of it.
_AUDIT_MARK: ContextVar[AuditMark | None] = ContextVar("audit_mark", default=None)


@contextmanager
def printed_with_audit_mark(mark: AuditMark | None) -> Iterator[None]:
    token = _AUDIT_MARK.set(mark)
    try:
        yield
    finally:
        _AUDIT_MARK.reset(token)


def _pdf_date(created: date | datetime) -> str:
    if not isinstance(created, datetime):
        created = datetime(created.year, created.month, created.day)
    if created.tzinfo is None:
        created = created.replace(tzinfo=UTC)
    try:
        utc = created.astimezone(UTC)
    except OverflowError:  # a stored year 1 or 9999: as stored
        utc = created
    return f"D:{utc:%Y%m%d%H%M%S}+00'00'"


def _header(meta: FormMeta) -> Table:
    title = para(
        f"{esc(meta.title.ru)}<br/>"
        f'<font name="{SANS}" size="10" color="#5A5A5A">{esc(meta.title.en)}</font>',
        "title",
        markup=True,
    )
    site = para(
        f'<font size="6.5" color="#5A5A5A">{esc(label("Site").text)}</font><br/>'
        f"{esc(meta.site_name)} ({esc(meta.site_code)})",
        "base",
        markup=True,
    )
    number = para(
        f'<font size="6.5" color="#5A5A5A">{esc(label("Number").text)}</font><br/>'
        f"<b>{esc(meta.number)}</b><br/>"
        f'<font size="6.5" color="#5A5A5A">{esc(label("Date").text)}</font><br/>'
        f"{esc(meta.date_text)}",
        "base",
        markup=True,
    )
    payload = qr_payload(meta.kind, meta.record_id, meta.digest, _AUDIT_MARK.get())
    digest = f'<font name="{MONO}" size="6">{short_digest(meta.digest)}</font>'
    code_w = QR_SIZE + 10 * mm
    code = Table(
        [[QrCode(payload, QR_SIZE)], [para(digest, "center_small", markup=True)]],
        colWidths=[code_w],
        style=tstyle(
            [
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
    )
    num_w = 52 * mm  # room for the longest numbers (e.g. ORB-DEMO-TR-2026-0004) on one line
    left_w = FRAME_WIDTH - code_w - num_w
    return Table(
        [[[title, site], number, code]],
        colWidths=[left_w, num_w, code_w],
        rowHeights=[HEADER_HEIGHT],
        style=tstyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (-1, 0), (-1, 0), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("LINEBEFORE", (1, 0), (1, 0), 0.4, RULE),
                ("LEFTPADDING", (1, 0), (1, 0), 5),
            ]
        ),
    )


def _canvas_class(meta: FormMeta) -> type[Canvas]:
    page_word = label("page {page} of {pages}")
    creation = _pdf_date(meta.created)

    class NumberedCanvas(Canvas):
        """Keeps each page until save(), then stamps 'page x of y' on all of them."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.setDateFormatter(lambda *_: creation)
            self._pages: list[dict] = []

        def showPage(self):  # noqa: N802 (reportlab API)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._footer(number, total)
                Canvas.showPage(self)
            Canvas.save(self)

        def _footer(self, number: int, total: int) -> None:
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.4)
            self.line(MARGIN_X, FOOTER_Y + 3.5 * mm, PAGE_WIDTH - MARGIN_X, FOOTER_Y + 3.5 * mm)
            self.setFillColor(INK)
            self.setFont(SANS, 7)
            pages = f"{page_word.ru} / {page_word.en}".format(page=number, pages=total)
            self.drawRightString(PAGE_WIDTH - MARGIN_X, FOOTER_Y, pages)
            self.setFont(MONO, 6.5)
            self.drawString(MARGIN_X, FOOTER_Y, f"BorderDesk · {meta.kind} · {meta.record_id}")
            self.restoreState()

    return NumberedCanvas


def build_pdf(meta: FormMeta, story: list[Flowable], out: Path | str | BinaryIO) -> None:
    """Lay ``story`` out on A4 pages with this form's header and footer and write it."""
    register_fonts()
    header = _header(meta)

    def on_page(canvas: Canvas, _doc) -> None:
        canvas.saveState()
        width, height = header.wrapOn(canvas, FRAME_WIDTH, HEADER_HEIGHT)
        header.drawOn(canvas, MARGIN_X, PAGE_HEIGHT - HEADER_TOP - height)
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(0.8)
        y = PAGE_HEIGHT - HEADER_TOP - HEADER_HEIGHT - 1 * mm
        canvas.line(MARGIN_X, y, PAGE_WIDTH - MARGIN_X, y)
        canvas.restoreState()

    frame = Frame(
        MARGIN_X,
        FRAME_BOTTOM,
        FRAME_WIDTH,
        PAGE_HEIGHT - FRAME_TOP - FRAME_BOTTOM,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    if isinstance(out, Path | str):
        # Forms name people: owner-only, and written whole or not at all.
        with atomic_private_file(Path(out)) as fh:
            _build(meta, story, fh, frame, on_page)
        return
    _build(meta, story, out, frame, on_page)


def _build(meta: FormMeta, story: list[Flowable], target: BinaryIO, frame: Frame, on_page) -> None:
    doc = BaseDocTemplate(
        target,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=FRAME_TOP,
        bottomMargin=FRAME_BOTTOM,
        title=f"{meta.title.text} {meta.number}",
        author=f"{meta.site_name} ({meta.site_code})",
        subject=f"{meta.title.en} {meta.number}, {meta.site_code}, {meta.record_id}",
        creator="BorderDesk",
        keywords=", ".join(["BorderDesk", meta.kind.lower(), meta.site_code, *meta.keywords]),
        invariant=1,
        pageCompression=1,
        lang="ru",
        initialFontName=SANS,
    )
    doc.addPageTemplates([PageTemplate(id="form", frames=[frame], onPage=on_page)])
    doc.build(story, canvasmaker=_canvas_class(meta))
