"""``borderdesk journal import``: a legacy register (CSV or XLSX) as persons and cases."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from borderdesk.cli import cli
from borderdesk.cli.safe_output import unfiltered
from borderdesk.cli.state import CliState, pass_state, print_json
from borderdesk.domain.safe_text import shown_in_message, shown_safely
from borderdesk.i18n import _, ngettext


@cli.group("journal", help=_("Legacy journals of incoming readmission requests."))
def journal() -> None:
    pass


@journal.command(
    "import",
    help=_(
        "Import a journal (CSV or XLSX; columns: docs/journal.md).\n"
        "\n"
        "A refused row stops the import and nothing is imported, unless --partial is "
        "given: then the good rows are imported. Every refused row is listed with its "
        "row, column, value and reason. Importing the same journal again changes nothing."
    ),
)
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False), metavar=_("FILE"))
@click.option(
    "--sheet", metavar=_("NAME"), help=_("The sheet of an XLSX workbook (default: the first).")
)
@click.option("--dry-run", is_flag=True, help=_("Check and count everything; write nothing."))
@click.option("--partial", is_flag=True, help=_("Import the good rows even if some are refused."))
@click.option(
    "--yearly-numbers",
    is_flag=True,
    help=_(
        "The register starts its numbering again every year: a row is known by its "
        "number and the year it was received in."
    ),
)
@click.option(
    "--report",
    type=click.Path(path_type=Path, dir_okay=False),
    metavar=_("FILE.xlsx"),
    help=_("Write a copy of the journal with a column of reasons for the refused rows."),
)
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON."))
@pass_state
def import_command(
    state: CliState,
    file: Path,
    sheet: str | None,
    dry_run: bool,
    partial: bool,
    yearly_numbers: bool,
    report: Path | None,
    as_json: bool,
) -> int:
    from borderdesk.services.journal import import_journal

    db, actor = state.database(), state.actor()
    if report is not None and report.suffix.lower() != ".xlsx":
        raise click.BadParameter(_("the report is an .xlsx file"), param_hint="--report")
    show_progress = not as_json and sys.stderr.isatty()
    with (
        click.progressbar(
            length=1,
            # The bar draws with \r (so not through the safe stream): the name shown safely.
            label=_("Reading {file}").format(file=shown_safely(file.name)),
            file=unfiltered(sys.stderr),
        )
        if show_progress
        else _NoBar() as bar
    ):

        def progress(done: int, total: int) -> None:
            bar.length = max(total, 1)
            bar.update(done - bar.pos)

        result = import_journal(
            db,
            actor=actor,
            path=file,
            sheet=sheet,
            dry_run=dry_run,
            partial=partial,
            yearly_numbers=yearly_numbers,
            report=report,
            progress=progress if show_progress else None,
        )
    failed = bool(result.refused) and not partial
    if as_json:
        print_json(result.to_json())
        return 1 if failed else 0
    click.echo(
        _(
            "Rows: {rows}; imported: {imported}; updated: {updated}; unchanged: {unchanged}; "
            "duplicates: {duplicates}; refused: {refused}."
        ).format(
            rows=result.rows,
            imported=result.imported,
            updated=result.updated,
            unchanged=result.unchanged,
            duplicates=result.duplicates,
            refused=result.refused_rows,
        )
    )
    for cell in result.refused:
        where = (
            _("row {row}, column {column}").format(row=cell.row, column=cell.column)
            if cell.column
            else _("row {row}").format(row=cell.row)
        )
        click.echo(
            _("{where} ('{value}'): {reason}").format(
                where=where, value=shown_in_message(cell.value), reason=cell.reason
            ),
            err=True,
        )
    for cell in result.remarks:
        click.echo(
            _("row {row}: {remark}").format(row=cell.row, remark=cell.reason),
            err=True,
        )
    if dry_run:
        click.echo(_("Dry run: nothing was written."))
    elif failed:
        click.echo(
            ngettext(
                "{n} row refused: nothing was imported (--partial imports the good rows).",
                "{n} rows refused: nothing was imported (--partial imports the good rows).",
                result.refused_rows,
            ).format(n=result.refused_rows),
            err=True,
        )
    if result.report:
        click.echo(_("Report written: {path}").format(path=result.report))
    return 1 if failed else 0


class _NoBar:
    """Stands in for the progress bar when output is not a terminal (or is JSON)."""

    length = 1
    pos = 0

    def update(self, steps: int) -> None:
        self.pos += steps

    def __enter__(self) -> _NoBar:
        return self

    def __exit__(self, *exc: object) -> None:
        return None
