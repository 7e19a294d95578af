"""``borderdesk deadline``: the due date of a step of the readmission procedure."""

from __future__ import annotations

import click

from borderdesk.cli import cli
from borderdesk.cli.state import json_option, parse_iso_date, print_json
from borderdesk.domain.deadlines import DEADLINE_STEPS, compute_deadline
from borderdesk.domain.reference import load_agreements
from borderdesk.i18n import _, format_day


@cli.command("deadline", help=_("Compute when a step of the readmission procedure is due."))
@click.option("--agreement", "agreement_id", required=True, help=_("Agreement id, e.g. EU-RU."))
@click.option("--step", required=True, type=click.Choice(DEADLINE_STEPS), help=_("Procedure step."))
@click.option(
    "--state", default=None, help=_("The state that must act (ISO3); its holidays count.")
)
@click.option(
    "--from",
    "start",
    required=True,
    metavar="YYYY-MM-DD",
    help=_("The day the time limit starts from."),
)
@json_option
def deadline_command(
    agreement_id: str, step: str, state: str | None, start: str, as_json: bool
) -> None:
    begin = parse_iso_date(start, option="--from", window="deadline_start")
    result = compute_deadline(
        load_agreements(), agreement_id=agreement_id, step=step, start=begin, state=state
    )
    if as_json:
        print_json(result.as_dict())
        return
    period = result.period
    if step == "transfer_notice":
        line = _("Due: {due} ({period} before {start})")
    else:
        line = _("Due: {due} ({period} from {start})")
    line = line.format(due=format_day(result.due), period=period, start=format_day(begin))
    if result.unverified:
        line += " " + _("(unconfirmed)")
    click.echo(line)
    if result.state and result.kind == "working":
        from borderdesk.domain.state_codes import state_name

        click.echo(_("Working days of: {state}").format(state=state_name(result.state)))
    if result.skipped:
        click.echo(
            _("Public holidays passed over: {dates}").format(
                dates=", ".join(format_day(d) for d in result.skipped)
            )
        )
    click.echo(_("Rule: {rule}").format(rule=result.rule))
