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
from borderdesk.errors import InputError
from borderdesk.i18n import _, ngettext


@cli.group("audit", help=_("The audit log."))
def audit_group() -> None:
    pass


@audit_group.command(
    "verify",
    help=_(
        "Check the hash chain; exit 1 naming the first broken entry. Shows this site's "
        "signed chain head and each peer's head proven by the peer's own signature."
    ),
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
    from borderdesk.services.access import audit

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
            | (result.heads_json() if qr_text is None else {})
        )
    elif not result.ok:
        click.echo(result.message, err=True)  # one line: what broke
    else:
        click.echo(result.message)
        if qr_text is None:
            for line in audit.head_lines(result):
                click.echo(line)
    return 0 if result.ok else 1


@audit_group.command(
    "seal-legacy",
    help=_("Seal the rows written before rows were sealed, as they stand now (administrators)."),
)
@pass_state
def seal_legacy(state: CliState) -> None:
    from borderdesk.services.access.legacy_seals import seal_legacy_rows

    count = seal_legacy_rows(state.database(), actor=state.actor())
    click.echo(
        ngettext(
            "{count} row sealed as it stands now; from now on every row must match its seal.",
            "{count} rows sealed as they stand now; from now on every row must match its seal.",
            count,
        ).format(count=count)
    )


_passphrase_option = click.option(
    "--passphrase-file",
    type=click.Path(path_type=Path),
    default=None,
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
@click.option(
    "--to-key",
    "identity_file",
    type=click.Path(path_type=Path),
    default=None,
    help=_("HQ's identity file: encrypt to HQ's public key instead of a passphrase."),
)
@pass_state
def backup_command(
    state: CliState, out: Path, passphrase_file: Path | None, identity_file: Path | None
) -> None:
    from borderdesk.services.site import backup, key_backup

    if (passphrase_file is None) == (identity_file is None):
        raise InputError(_("Give either --passphrase-file or --to-key."))
    if identity_file is not None:
        text = _read_identity(identity_file)
        path = key_backup.backup_to_key(
            state.database(), actor=state.actor(), out=out, identity_text=text
        )
    else:
        assert passphrase_file is not None
        passphrase = read_password_file(passphrase_file)
        path = backup.backup(state.database(), actor=state.actor(), out=out, passphrase=passphrase)
    click.echo(_("Backup written to {path}.").format(path=path))


def _read_identity(file: Path) -> str:
    # A regular file within the identity limit of file_limits.toml, UTF-8 (as sync peer add).
    from borderdesk.files import read_user_text

    return read_user_text(file, kind="identity")


@cli.command("restore", help=_("Decrypt a backup into a new database file."))
@click.argument("source", type=click.Path(path_type=Path))
@click.option(
    "--out", type=click.Path(path_type=Path), required=True, help=_("The database file to create.")
)
@_passphrase_option
@click.option(
    "--hq-database",
    type=click.Path(path_type=Path),
    default=None,
    help=_("HQ's database, whose private key opens a backup made with --to-key."),
)
def restore_command(
    source: Path, out: Path, passphrase_file: Path | None, hq_database: Path | None
) -> None:
    from borderdesk.services.site import backup, key_backup

    if (passphrase_file is None) == (hq_database is None):
        raise InputError(_("Give either --passphrase-file or --hq-database."))
    if hq_database is not None:
        path = key_backup.restore_with_key(source, out=out, hq_database=hq_database)
    else:
        assert passphrase_file is not None
        passphrase = read_password_file(passphrase_file)
        path = backup.restore(source, out=out, passphrase=passphrase)
    click.echo(_("Backup restored into {path}.").format(path=path))
