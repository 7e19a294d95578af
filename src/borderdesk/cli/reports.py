"""``borderdesk report monthly``: the monthly return as PDF, CSV or XLSX (supervisors)."""

from __future__ import annotations

from pathlib import Path

import click

from borderdesk.cli import cli
from borderdesk.cli.state import CliState, json_option, pass_state, print_json
from borderdesk.domain.returns import ReturnMonth
from borderdesk.i18n import _, format_month


def _checked_out(out: Path) -> Path:
    from borderdesk.services.returns import check_return_path

    return check_return_path(out)


@cli.group("report", help=_("Statistical returns."))
def report() -> None:
    pass


@report.command("monthly", help=_("The monthly return of a month: PDF, CSV or XLSX."))
@click.option(
    "--month",
    required=True,
    metavar=_("YYYY-MM"),
    callback=lambda _ctx, _param, value: ReturnMonth.parse(value),
    help=_("The month, in each site's own time zone."),
)
@click.option(
    "--site",
    "sites",
    multiple=True,
    metavar=_("CODE"),
    help=_("A site to cover (repeatable; default: this site, at HQ every site)."),
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    callback=lambda _ctx, _param, value: _checked_out(value),
    help=_("The file to write: .pdf, .csv or .xlsx."),
)
@json_option
@pass_state
def monthly(
    state: CliState, month: ReturnMonth, sites: tuple[str, ...], out: Path, as_json: bool
) -> int:
    from borderdesk.services.returns import return_json, write_monthly_return

    ret = write_monthly_return(
        state.database(), actor=state.actor(), month=month, sites=sites, out=out
    )
    if as_json:
        print_json(return_json(ret))
    else:
        click.echo(
            _("Monthly return {month} for {sites} written to {path}").format(
                month=format_month(ret.month.first_day), sites=", ".join(ret.site_codes), path=out
            )
        )
    return 0
