"""borderdesk audit verify, borderdesk backup, borderdesk restore."""

from __future__ import annotations

from pathlib import Path

import click

from borderdesk.cli import cli
from borderdesk.cli.state import (
    CliState,
    json_option,
    pass_state,
    print_json,
    read_password_file,
)
from borderdesk.i18n import _
from borderdesk.services.access import audit
from borderdesk.services.site import backup


@cli.group("audit", help=_("The audit log."))
def audit_group() -> None:
    pass


@audit_group.command(
    "verify", help=_("Check the hash chain; exit 1 naming the first broken entry.")
)
@click.option(
    "--qr",
    "qr_text",
    default=None,
    help=_("The text of a printed form's QR code: check its signed audit mark instead."),
)
@json_option
@pass_state
def verify(state: CliState, qr_text: str | None, as_json: bool) -> int:
    db, actor = state.database(), state.actor(alert=False)
    if qr_text is not None:
        result = audit.verify_form_mark(db, actor=actor, text=qr_text)
    else:
        result = audit.verify_chain(db, actor=actor)
    if as_json:
        print_json(
            {
                "ok": result.ok,
                "checked": result.checked,
                "broken": result.broken_seq,
                "message": result.message,
            }
        )
    else:
        click.echo(result.message, err=not result.ok)
    return 0 if result.ok else 1


_passphrase_option = click.option(
    "--passphrase-file",
    type=click.Path(path_type=Path),
    required=True,
    help=_("A file holding the backup's passphrase."),
)


@cli.command(
    "backup",
    help=_("Write an encrypted, consistent copy of the database (safe while BorderDesk runs)."),
)
@click.option(
    "--out", type=click.Path(path_type=Path), required=True, help=_("The backup file to write.")
)
@_passphrase_option
@pass_state
def backup_command(state: CliState, out: Path, passphrase_file: Path) -> None:
    passphrase = read_password_file(passphrase_file)
    path = backup.backup(state.database(), actor=state.actor(), out=out, passphrase=passphrase)
    click.echo(_("Backup written to {path}.").format(path=path))


@cli.command("restore", help=_("Decrypt a backup into a new database file."))
@click.argument("source", type=click.Path(path_type=Path))
@click.option(
    "--out", type=click.Path(path_type=Path), required=True, help=_("The database file to create.")
)
@_passphrase_option
def restore_command(source: Path, out: Path, passphrase_file: Path) -> None:
    passphrase = read_password_file(passphrase_file)
    path = backup.restore(source, out=out, passphrase=passphrase)
    click.echo(_("Backup restored into {path}.").format(path=path))
