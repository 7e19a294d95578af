"""``borderdesk form``: printed protocols as PDF (check; application, intake, handover).

Other modules add their forms to the ``form`` group: ``from borderdesk.cli.forms import form``.
"""

from __future__ import annotations

from pathlib import Path

import click

from borderdesk.cli import cli
from borderdesk.cli.state import CliState, pass_state
from borderdesk.domain.safe_text import shown_in_message
from borderdesk.errors import InputError
from borderdesk.i18n import _


@cli.group("form", help=_("Print a protocol or application as a bilingual PDF."))
def form() -> None:
    pass


def check_out_path(out: Path) -> Path:
    if out.suffix.lower() != ".pdf":
        raise InputError(
            _("--out: the file name must end in .pdf, got '{path}'.").format(
                path=shown_in_message(out)
            )
        )
    if out.parent and not out.parent.exists():
        raise InputError(_("--out: the folder {path} does not exist.").format(path=out.parent))
    return out


# Every form command writes one PDF: the same option, checked before anything is opened.
pdf_out_option = click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    callback=lambda _ctx, _param, value: check_out_path(value),
    help=_("The PDF file to write."),
)


@form.command("check", help=_("The protocol of a saved document check."))
@click.argument("check_id", metavar=_("CHECK_ID"))
@pdf_out_option
@pass_state
def check_form(state: CliState, check_id: str, out: Path) -> int:
    from borderdesk.services.checks.protocol_form import write_check_protocol

    data = write_check_protocol(state.database(), actor=state.actor(), check_id=check_id, out=out)
    click.echo(
        _("Protocol {number} written to {path}").format(number=data.protocol_number, path=out)
    )
    return 0
