"""The centre's printed forms, rendered off the GUI thread and shown in the preview."""

from __future__ import annotations

import io
import uuid

from PySide6.QtWidgets import QWidget

from borderdesk.i18n import _
from borderdesk.services.centre import forms as centre_forms
from borderdesk.services.transfers import handover_form
from borderdesk.ui.operations import ErrorHandler, run_op
from borderdesk.ui.pages import PageContext
from borderdesk.ui.pdf_preview import show_pdf_preview


def print_intake(
    parent: QWidget,
    context: PageContext,
    stay_id: uuid.UUID,
    on_error: ErrorHandler | None = None,
) -> None:
    """Render the intake protocol with the belongings receipt and open the preview."""

    def render() -> tuple[bytes, str]:
        out = io.BytesIO()
        stay = centre_forms.render_intake(context.db, actor=context.actor, stay_id=stay_id, out=out)
        return out.getvalue(), stay.stay_number

    def show(result: tuple[bytes, str]) -> None:
        pdf, number = result
        show_pdf_preview(
            parent,
            pdf,
            title=_("Intake protocol {number}").format(number=number),
            filename=f"intake-{number}.pdf",
        )

    run_op(parent, render, show, on_error)


def print_handover(
    parent: QWidget,
    context: PageContext,
    transfer_id: uuid.UUID,
    on_error: ErrorHandler | None = None,
) -> None:
    """Render the handover protocol of a transfer and open the preview."""

    def render() -> tuple[bytes, str]:
        out = io.BytesIO()
        transfer = handover_form.render_handover(
            context.db, actor=context.actor, transfer_id=transfer_id, out=out
        )
        return out.getvalue(), transfer.transfer_number

    def show(result: tuple[bytes, str]) -> None:
        pdf, number = result
        show_pdf_preview(
            parent,
            pdf,
            title=_("Handover protocol {number}").format(number=number),
            filename=f"handover-{number}.pdf",
        )

    run_op(parent, render, show, on_error)
