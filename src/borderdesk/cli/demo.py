"""borderdesk demo."""

from __future__ import annotations

import sys

import click

from borderdesk.cli import cli
from borderdesk.cli.state import CliState, pass_state, whole_number
from borderdesk.errors import InputError
from borderdesk.i18n import _
from borderdesk.paths import demo_db_path


@cli.command(
    "demo",
    help=_("Create (or reuse) a demo database with users and realistic synthetic data."),
)
@click.option(
    "--persons",
    type=whole_number(min=0),
    default=5000,
    show_default=True,
    help=_("How many persons to create."),
)
@click.option(
    "--seed", default=2012, show_default=True, help=_("Random seed (same seed, same data).")
)
@click.option("--open", "open_gui", is_flag=True, help=_("Open the GUI on the demo database."))
@pass_state
def demo_command(state: CliState, persons: int, seed: int, open_gui: bool) -> int:
    from borderdesk.services.demo import builder as demo

    if persons < 0:
        raise InputError(_("--persons: expected a number of at least 0."))
    # Without --db the demo never touches the user's real database.
    path = state.db_path if state.db_given else demo_db_path()
    state.db_path = path
    with click.progressbar(length=persons, label=_("Creating persons"), file=sys.stderr) as bar:
        db, summary = demo.create_or_open(
            path=None if state.database_url else path,
            url=state.database_url,
            persons=persons,
            seed=seed,
            progress=bar.update,
            stage=lambda text: click.echo("\n" + text + "…", err=True),
        )
    state._database = db
    if summary.created:
        click.echo(_("Demo database created: {path}").format(path=summary.path))
    else:
        click.echo(_("Using the existing demo database: {path}").format(path=summary.path))
    click.echo(_("Persons: {n}").format(n=summary.persons))
    click.echo(
        _("Users: {users} - password '{password}'").format(
            users=", ".join(summary.users), password=summary.password
        )
    )
    click.echo(
        _(
            "For trying BorderDesk out only: everyone knows this password. Never enter real "
            "personal data into a demo database."
        )
    )
    if open_gui:
        from borderdesk.ui.app import run_gui

        return run_gui(state)
    return 0
