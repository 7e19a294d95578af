"""borderdesk demo."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from borderdesk.cli import cli
from borderdesk.cli.state import CliState, pass_state, whole_number
from borderdesk.errors import InputError
from borderdesk.i18n import _
from borderdesk.paths import demo_db_path

# The benchmarks' largest demo (benchmarks/README.md); more would run for hours.
MAX_DEMO_PERSONS = 1_000_000


def _folder(ctx: click.Context, param: click.Parameter, value: str | None) -> Path | None:
    # click turns "" into Path("."): the demo network would land in the current folder.
    if value is None:
        return None
    if not value.strip():
        raise InputError(_("--network: give the folder to build the demo network in."))
    return Path(value)


@cli.command(
    "demo",
    help=_("Create (or reuse) a demo database with users and realistic synthetic data."),
)
@click.option(
    "--persons",
    type=whole_number(0, MAX_DEMO_PERSONS),
    default=5000,
    show_default=True,
    help=_("How many persons to create."),
)
@click.option(
    "--seed",
    type=whole_number(0, 2**63 - 1),
    default=2012,
    show_default=True,
    help=_("Random seed (same seed, same data)."),
)
@click.option("--open", "open_gui", is_flag=True, help=_("Open the GUI on the demo database."))
@click.option(
    "--network",
    type=click.Path(file_okay=False),
    callback=_folder,
    metavar=_("DIR"),
    help=_(
        "Build a demo network instead: HQ, two posts and the centre as four databases in "
        "DIR that trust each other, with their first packages in DIR/outbox (--open opens HQ)."
    ),
)
@pass_state
def demo_command(
    state: CliState, persons: int, seed: int, open_gui: bool, network: Path | None
) -> int:
    from borderdesk.services.demo import builder as demo

    if persons < 0:
        raise InputError(_("--persons: expected a number of at least 0."))
    if network is not None:
        if state.db_given or state.database_url:
            raise InputError(_("--network writes its own databases: leave out --db."))
        return _network(state, network, persons, seed, open_gui)
    # Without --db the demo never touches the user's real database.
    path = state.db_path if state.db_given else demo_db_path()
    state.db_path = path
    from borderdesk.cli.safe_output import unfiltered

    bar_file = unfiltered(sys.stderr)  # the bar draws with \r: its text is our own
    with click.progressbar(length=persons, label=_("Creating persons"), file=bar_file) as bar:
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


def _network(state: CliState, folder: Path, persons: int, seed: int, open_gui: bool) -> int:
    from borderdesk.services.demo.network import build_network

    built = build_network(
        folder, persons=persons, seed=seed, stage=lambda text: click.echo(text + "…", err=True)
    )
    if built.created:
        click.echo(_("Demo network created in {folder}").format(folder=built.folder))
    else:
        click.echo(_("Using the existing demo network in {folder}").format(folder=built.folder))
    for site in built.sites:
        click.echo(
            _("{code} ({kind}): borderdesk --db {path}   users: {users}").format(
                code=site.code, kind=site.kind, path=site.path, users=", ".join(site.users)
            )
        )
    click.echo(_("Packages waiting in {folder}:").format(folder=built.folder / "outbox"))
    for package in built.packages:
        click.echo(f"  {package.name}")
    click.echo(
        _(
            "Open HQ as 'supervisor' and import the packages addressed to HQ-ORB (Sync page, "
            "Import packages…); open a post and import the package HQ wrote for it. "
            "Password of every user: '{password}'."
        ).format(password=built.password)
    )
    click.echo(
        _(
            "For trying BorderDesk out only: everyone knows this password. Never enter real "
            "personal data into a demo database."
        )
    )
    if open_gui:
        from borderdesk.ui.app import run_gui

        state.db_path = built.sites[0].path
        state.db_given = True
        return run_gui(state)
    return 0
