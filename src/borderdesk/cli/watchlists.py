"""``borderdesk watchlist import``: lost and stolen documents, wanted persons (CSV)."""

from __future__ import annotations

from pathlib import Path

import click

from borderdesk.cli import cli
from borderdesk.cli.state import CliState, LazyChoice, pass_state, print_json
from borderdesk.i18n import _


def _kinds() -> list[str]:
    from borderdesk.services.people import watchlists

    return [watchlists.DOCUMENTS, watchlists.PERSONS]


@cli.group("watchlist", help=_("Watchlists: lost and stolen documents, wanted persons."))
def watchlist() -> None:
    pass


@watchlist.command(
    "import",
    help=_(
        "Import a watchlist CSV (columns: docs/watchlists.md).\n"
        "\n"
        "A bad row stops the import with its line number and nothing is imported, unless "
        "--partial is given: then the good rows are imported and the bad ones listed."
    ),
)
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False), metavar=_("FILE"))
@click.option(
    "--kind",
    type=LazyChoice(_kinds),
    required=True,
    help=_("Lost and stolen documents, or wanted persons."),
)
@click.option("--partial", is_flag=True, help=_("Import the good rows even if some are bad."))
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON."))
@pass_state
def import_command(state: CliState, file: Path, kind: str, partial: bool, as_json: bool) -> int:
    from borderdesk.services.people import watchlists

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
