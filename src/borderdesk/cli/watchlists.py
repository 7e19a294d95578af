"""``borderdesk watchlist import``: lost and stolen documents, wanted persons (CSV)."""

from __future__ import annotations

from pathlib import Path

import click

from borderdesk.cli import cli
from borderdesk.cli.state import CliState, pass_state, print_json
from borderdesk.i18n import _
from borderdesk.services import watchlists


@cli.group("watchlist")
def watchlist() -> None:
    """Watchlists: lost and stolen documents, wanted persons."""


@watchlist.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--kind", type=click.Choice([watchlists.DOCUMENTS, watchlists.PERSONS]), required=True
)
@click.option("--partial", is_flag=True, help="Import the good rows even if some are bad.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_state
def import_command(state: CliState, file: Path, kind: str, partial: bool, as_json: bool) -> int:
    """Import a watchlist CSV (columns: docs/watchlists.md).

    A bad row stops the import with its line number and nothing is imported, unless
    --partial is given: then the good rows are imported and the bad ones listed.
    """
    report = watchlists.import_csv(
        state.database(), actor=state.actor(), path=file, kind=kind, partial=partial
    )
    if as_json:
        print_json(report.to_json())
        return 0
    click.echo(
        _("Rows: {rows}; added: {added}; updated: {updated}; unchanged: {unchanged}.").format(
            rows=report.rows,
            added=report.added,
            updated=report.updated,
            unchanged=report.unchanged,
        )
    )
    for row in report.rejected:
        click.echo(
            _("Line {line} not imported: {problem}").format(line=row.line, problem=row.message),
            err=True,
        )
    return 0
