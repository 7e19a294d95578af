"""``borderdesk agreement explain``: does an agreement cover this person on this date?"""

from __future__ import annotations

import click

from borderdesk.cli import cli
from borderdesk.cli.state import json_option, parse_iso_date, print_json
from borderdesk.domain.agreements import explain
from borderdesk.domain.reference import load_agreements
from borderdesk.errors import InputError
from borderdesk.i18n import _


@cli.group("agreement", help=_("Readmission agreements: who they cover and when."))
def agreement_group() -> None:
    pass


@agreement_group.command(
    "explain",
    help=_("Say whether an agreement obliges the partner (or Russia) to take a person back."),
)
@click.option("--partner", required=True, help=_("The other state (ISO3) or EU."))
@click.option("--nationality", default=None, help=_("The person's nationality (ISO3)."))
@click.option("--stateless", is_flag=True, help=_("The person is stateless."))
@click.option("--on", "on", required=True, help=_("The date in question, YYYY-MM-DD."))
@json_option
def explain_command(
    partner: str, nationality: str | None, stateless: bool, on: str, as_json: bool
) -> None:
    if bool(nationality) == stateless:
        raise InputError(_("Give either --nationality or --stateless (one of the two)."))
    when = parse_iso_date(on, option="--on", window="agreement_day")
    result = explain(
        load_agreements(), partner=partner, nationality=nationality, stateless=stateless, on=when
    )
    if as_json:
        print_json(result.as_dict())
        return
    verdict = _("Yes") if result.applies else _("No")
    line = f"{verdict}: {result.reason}"
    if result.unverified:
        line += " " + _("(unconfirmed)")
    click.echo(line)
    if result.unverified:
        click.echo(
            _("Some of the figures used are not yet confirmed against the agreement's text.")
        )
