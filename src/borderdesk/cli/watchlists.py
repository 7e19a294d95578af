"""``borderdesk watchlist import``: lost and stolen documents, wanted persons (CSV);
``watchlist list``: the persons on the list with their category."""

from __future__ import annotations

from pathlib import Path

import click

from borderdesk.cli import cli
from borderdesk.cli.state import CliState, LazyChoice, pass_state, print_json, whole_number
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


def _categories() -> list[str]:
    from borderdesk.services.people.watchlist_import import CATEGORIES

    return list(CATEGORIES)


@watchlist.command(
    "list",
    help=_(
        "The persons on the watchlist with their category (wanted or entry ban), "
        "in surname order; at most --limit of them."
    ),
)
@click.option(
    "--category", type=LazyChoice(_categories), help=_("Only this category (all if not given).")
)
@click.option("--name", "text", default="", help=_("Surname or given names contain this."))
@click.option(
    "--limit",
    type=whole_number(1, 100_000),
    default=100,
    show_default=True,
    help=_("At most so many."),
)
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON."))
@pass_state
def list_command(
    state: CliState, category: str | None, text: str, limit: int, as_json: bool
) -> int:
    from borderdesk.services.people import watchlist_entries

    result = watchlist_entries.wanted_person_entries(
        state.database(), actor=state.actor(), category=category, text=text, limit=limit
    )
    if as_json:
        print_json(
            {
                "entries": [e.to_json() for e in result.entries],
                "matching": result.matching,
                "by_category": result.by_category,
            }
        )
        return 0
    for e in result.entries:
        birth = e.birth_date.display() if e.birth_date else "—"
        name = " ".join(p for p in (e.surname, e.given_names) if p)
        click.echo(
            f"{name}\t{birth}\t{e.nationality or '—'}\t"
            f"{watchlist_entries.category_label(e.category)}\t{e.reason}"
        )
    click.echo(
        _("Entries shown: {shown} of {matching} matching.").format(
            shown=len(result.entries), matching=result.matching
        )
    )
    return 0
