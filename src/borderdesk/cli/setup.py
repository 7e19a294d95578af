"""borderdesk init."""

from __future__ import annotations

from pathlib import Path

import click

from borderdesk.cli import cli
from borderdesk.cli.state import CliState, pass_state, read_password_file
from borderdesk.i18n import _


@cli.command(
    "init",
    help=_("Create the database, the site, its key pairs and the first administrator."),
)
@click.option("--site-code", required=True, help=_("Short code of this site, e.g. POST-07."))
@click.option("--site-name", required=True, help=_("Name of this site."))
@click.option(
    "--kind",
    type=click.Choice(["post", "centre", "hq"]),
    required=True,
    help=_("Kind of site: border crossing point, readmission centre or headquarters."),
)
@click.option("--admin-user", required=True, help=_("Name of the first administrator."))
@click.option(
    "--admin-password-file",
    type=click.Path(path_type=Path),
    required=True,
    help=_("A file holding the administrator's password."),
)
@click.option("--timezone", default=None, help=_("Time zone of the site (IANA name)."))
@pass_state
def init_command(
    state: CliState,
    site_code: str,
    site_name: str,
    kind: str,
    admin_user: str,
    admin_password_file: Path,
    timezone: str | None,
) -> None:
    from borderdesk.services.site import setup

    password = read_password_file(admin_password_file)
    db = setup.initialise(
        path=None if state.database_url else state.db_path,
        url=state.database_url,
        site_code=site_code,
        site_name=site_name,
        kind=kind,
        admin_user=admin_user,
        admin_password=password,
        timezone=timezone,
    )
    state._database = db
    click.echo(
        _("Created {path}: site {code}, administrator {user}.").format(
            path=db.describe(), code=site_code.upper(), user=admin_user.lower()
        )
    )
