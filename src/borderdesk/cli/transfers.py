"""``borderdesk transfer check|plan|complete|cancel|list|alternative`` and ``form handover``."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from borderdesk.cli import cli
from borderdesk.cli.forms import form, pdf_out_option
from borderdesk.cli.state import (
    CliState,
    LazyChoice,
    json_option,
    parse_iso_date,
    pass_state,
    print_json,
)
from borderdesk.domain.case_workflow import status_label
from borderdesk.domain.safe_text import shown_in_message
from borderdesk.errors import InputError
from borderdesk.i18n import _, format_day
from borderdesk.services import transfers

if TYPE_CHECKING:
    from borderdesk.services.transfers import TransferRow


@cli.group("transfer", help=_("Onward transfers from the centre under a readmission agreement."))
def transfer_group() -> None:
    pass


def _print(row: TransferRow) -> None:
    from borderdesk.domain.reference import agreement_name
    from borderdesk.services.centre.rows import transfer_status_label

    click.echo(
        _("Transfer {number} ({status}): {name} to {state} on {date} at {place}").format(
            number=row.transfer_number,
            status=transfer_status_label(row.status),
            name=row.person.display_name,
            state=row.destination_name or row.destination,
            date=format_day(row.planned_date),
            place=row.crossing_point,
        )
    )
    click.echo(f"  id: {row.id}")
    if row.case_number:
        click.echo(
            "  "
            + _("Case {number} ({status}), {agreement}").format(
                number=row.case_number,
                status=status_label(row.case_status),
                agreement=agreement_name(row.agreement_id),
            )
        )
    if row.notice_due:
        click.echo(
            "  "
            + _("Notice to the other side by {date}").format(date=format_day(row.notice_due))
            + (" " + _("(unconfirmed)") if row.notice_unverified else "")
        )
    for warning in row.warnings:
        click.echo("  ! " + warning)


@transfer_group.command(
    "check", help=_("Whether an agreement obliges the destination to take this resident back.")
)
@click.argument("stay_id", metavar=_("STAY_ID"))
@click.option("--to", "destination", required=True, metavar="ISO3", help=_("Destination state."))
@click.option("--on", "on", required=True, metavar="YYYY-MM-DD", help=_("Day of the transfer."))
@json_option
@pass_state
def check(state: CliState, stay_id: str, destination: str, on: str, as_json: bool) -> int:
    answer = transfers.check_destination(
        state.database(),
        actor=state.actor(),
        stay_id=stay_id,
        destination=destination,
        on=parse_iso_date(on, option="--on"),
    )
    if as_json:
        print_json(answer.as_dict())
    else:
        click.echo(answer.reason)
    return 0 if answer.applies else 1


@transfer_group.command(
    "plan", help=_("Plan a transfer (refused, with the reason, where no agreement applies).")
)
@click.argument("stay_id", metavar=_("STAY_ID"))
@click.option("--to", "destination", required=True, metavar="ISO3", help=_("Destination state."))
@click.option(
    "--date", "planned", required=True, metavar="YYYY-MM-DD", help=_("Day of the transfer.")
)
@click.option("--crossing-point", default="", help=_("Where the handover takes place."))
@click.option("--escort", multiple=True, required=True, help=_("An escorting officer (repeat)."))
@click.option("--transport", default="", help=_("Means of transport."))
@json_option
@pass_state
def plan(
    state: CliState,
    stay_id: str,
    destination: str,
    planned: str,
    crossing_point: str,
    escort: tuple[str, ...],
    transport: str,
    as_json: bool,
) -> None:
    row = transfers.plan_transfer(
        state.database(),
        actor=state.actor(),
        stay_id=stay_id,
        destination=destination,
        date=parse_iso_date(planned, option="--date"),
        crossing_point=crossing_point,
        escorts=escort,
        transport=transport,
    )
    if as_json:
        print_json(row.to_json())
        return
    _print(row)


@transfer_group.command(
    "complete", help=_("Record the handover: the stay ends, the case is closed.")
)
@click.argument("transfer_id", metavar=_("TRANSFER_ID"))
@click.option("--at", "at", default=None, help=_("Time of the handover, ISO 8601 with zone."))
@click.option(
    "--receiving-authority", default="", help=_("The authority that takes the person over.")
)
@click.option("--receiving-officer", default="", help=_("The officer who takes the person over."))
@click.option("--note", default="", help=_("Notes."))
@json_option
@pass_state
def complete(
    state: CliState,
    transfer_id: str,
    at: str | None,
    receiving_authority: str,
    receiving_officer: str,
    note: str,
    as_json: bool,
) -> None:
    when = None
    if at:
        try:
            when = datetime.fromisoformat(at)
        except ValueError:
            when = None
        if when is None or when.tzinfo is None:
            raise InputError(
                _("--at: expected a time such as 2024-03-05T14:20+05:00, got '{value}'.").format(
                    value=shown_in_message(at)
                )
            )
    row = transfers.complete_transfer(
        state.database(),
        actor=state.actor(),
        transfer_id=transfer_id,
        at=when,
        receiving_authority=receiving_authority,
        receiving_officer=receiving_officer,
        note=note,
    )
    if as_json:
        print_json(row.to_json())
        return
    _print(row)


@transfer_group.command("cancel", help=_("Call a planned transfer off."))
@click.argument("transfer_id", metavar=_("TRANSFER_ID"))
@click.option("--reason", required=True, help=_("Why the transfer is cancelled."))
@json_option
@pass_state
def cancel(state: CliState, transfer_id: str, reason: str, as_json: bool) -> None:
    row = transfers.cancel_transfer(
        state.database(), actor=state.actor(), transfer_id=transfer_id, reason=reason
    )
    if as_json:
        print_json(row.to_json())
        return
    _print(row)


@transfer_group.command("list", help=_("Transfers by planned date and crossing point."))
@click.option(
    "--status",
    default=None,
    type=click.Choice(["planned", "completed", "cancelled"]),
    help=_("Only transfers with this status."),
)
@json_option
@pass_state
def list_(state: CliState, status: str | None, as_json: bool) -> None:
    rows = transfers.list_transfers(state.database(), actor=state.actor(), status=status)
    if as_json:
        print_json([r.to_json() for r in rows])
        return
    if not rows:
        click.echo(_("No transfers."))
    from borderdesk.services.centre.rows import transfer_status_label

    for r in rows:
        status = transfer_status_label(r.status)
        click.echo(
            f"{format_day(r.planned_date)}  {r.transfer_number:<20} {status:<14} "
            f"{r.destination}  {r.crossing_point:<30} {r.person.display_name}"
        )


@transfer_group.command(
    "alternative", help=_("Where no agreement applies: record what is done instead.")
)
@click.argument("stay_id", metavar=_("STAY_ID"))
@click.option(
    "--kind",
    required=True,
    type=LazyChoice(lambda: sorted(transfers.ALTERNATIVES)),
    help=_("What instead."),
)
@click.option("--note", default="", help=_("Notes."))
@pass_state
def alternative(state: CliState, stay_id: str, kind: str, note: str) -> None:
    detail = transfers.record_alternative(
        state.database(), actor=state.actor(), stay_id=stay_id, kind=kind, note=note
    )
    click.echo(
        _("Stay {number}: {what} recorded.").format(
            number=detail.stay_number, what=transfers.alternative_label(kind)
        )
    )


@form.command("handover", help=_("The handover protocol of a transfer."))
@click.argument("transfer_id", metavar=_("TRANSFER_ID"))
@pdf_out_option
@pass_state
def handover_form(state: CliState, transfer_id: str, out: Path) -> int:
    from borderdesk.services.transfers import handover_form as handover_forms

    row = handover_forms.render_handover(
        state.database(), actor=state.actor(), transfer_id=transfer_id, out=out
    )
    click.echo(
        _("Protocol {number} written to {path}").format(number=row.transfer_number, path=out)
    )
    return 0
