"""borderdesk user add|list|disable|position|passwd|unlock."""

from __future__ import annotations

from pathlib import Path

import click

from borderdesk.cli import cli
from borderdesk.cli.state import CliState, json_option, pass_state, print_json, read_password_file
from borderdesk.i18n import _, format_datetime


@cli.group("user", help=_("Manage user accounts (administrators)."))
def user_group() -> None:
    pass


@user_group.command("add", help=_("Add a user."))
@click.argument("name", metavar=_("NAME"))
@click.option("--role", required=True, help=_("officer, centre, supervisor or admin."))
@click.option(
    "--password-file",
    type=click.Path(path_type=Path),
    required=True,
    help=_("A file holding the password."),
)
@click.option("--full-name", default="", help=_("Full name shown on forms."))
@click.option(
    "--position", default="", help=_("Position and rank printed under the name on forms.")
)
@pass_state
def add(
    state: CliState, name: str, role: str, password_file: Path, full_name: str, position: str
) -> None:
    from borderdesk.services.access import users

    users.parse_role(role)
    password = read_password_file(password_file)
    row = users.add_user(
        state.database(),
        actor=state.actor(),
        username=name,
        role=role,
        password=password,
        full_name=full_name,
        position=position,
    )
    click.echo(_("Added user {name} ({role}).").format(name=row.username, role=row.role_label))


@user_group.command("list", help=_("List users."))
@json_option
@pass_state
def list_(state: CliState, as_json: bool) -> None:
    from borderdesk.services.access import users

    rows = users.list_users(state.database(), actor=state.actor())
    if as_json:
        print_json([row.to_json() for row in rows])
        return
    for row in rows:
        flags = []
        if row.disabled:
            flags.append(_("disabled"))
        if row.locked_until:
            flags.append(
                _("locked until {time}").format(time=format_datetime(row.locked_until, fmt="short"))
            )
        line = f"{row.username:<20} {row.role_label:<22} {row.position:<36} {', '.join(flags)}"
        click.echo(line.rstrip())


@user_group.command("disable", help=_("Disable a user (the account stays for the record)."))
@click.argument("name", metavar=_("NAME"))
@pass_state
def disable(state: CliState, name: str) -> None:
    from borderdesk.services.access import users

    row = users.set_disabled(state.database(), actor=state.actor(), username=name)
    click.echo(_("User {name} is disabled.").format(name=row.username))


@user_group.command("position", help=_("Change the position and rank printed under a name."))
@click.argument("name", metavar=_("NAME"))
@click.argument("position", metavar=_("POSITION"))
@pass_state
def position(state: CliState, name: str, position: str) -> None:
    from borderdesk.services.access import users

    row = users.set_position(
        state.database(), actor=state.actor(), username=name, position=position
    )
    click.echo(
        _("Position of {name}: {position}").format(name=row.username, position=row.position or "—")
    )


@user_group.command("passwd", help=_("Set a new password (and lift a lockout)."))
@click.argument("name", metavar=_("NAME"))
@click.option(
    "--password-file",
    type=click.Path(path_type=Path),
    required=True,
    help=_("A file holding the password."),
)
@pass_state
def passwd(state: CliState, name: str, password_file: Path) -> None:
    from borderdesk.services.access import users

    password = read_password_file(password_file)
    users.set_password(state.database(), actor=state.actor(), username=name, password=password)
    click.echo(_("Password of {name} changed.").format(name=name.lower()))


@user_group.command(
    "unlock",
    help=_(
        "Lift a failed-login lock without logging in (for a locked-out administrator; "
        "needs write access to the database file)."
    ),
)
@click.argument("name", metavar=_("NAME"))
@pass_state
def unlock(state: CliState, name: str) -> None:
    import getpass

    from borderdesk.services.access import users

    users.unlock_with_file_access(state.database(), username=name, by="os:" + getpass.getuser())
    click.echo(_("Unlocked {name}.").format(name=name.strip().lower()))
