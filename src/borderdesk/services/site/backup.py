"""Encrypted backups while the program runs, and restoring one into a new database file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from borderdesk.errors import DatabaseError, InputError, os_error_reason
from borderdesk.files import atomic_private_file
from borderdesk.i18n import _
from borderdesk.services.access.permissions import Actor, Permission, require
from borderdesk.store.database import SQLITE_MAGIC, Database
from borderdesk.store.encrypted_backup import decrypt_stream, encrypt_stream, is_backup_file
from borderdesk.store.tracking import append_audit


def backup(db: Database, *, actor: Actor, out: Path, passphrase: str) -> Path:
    """A consistent copy, encrypted to ``passphrase``, written whole or not at all."""
    require(actor, Permission.backup)
    if db.path is None:
        raise DatabaseError(
            _("Backups of a PostgreSQL database are made with pg_dump, not BorderDesk.")
        )
    out = check_backup_target(Path(out), database=db.path)
    _check_passphrase(passphrase)
    # The plain copy lives only in an owner-only folder beside the database (the same
    # disk already holds the same data in plain) and is gone when this returns.
    try:
        with tempfile.TemporaryDirectory(prefix=".backup-", dir=db.path.parent) as folder:
            plain = Path(folder) / "copy.sqlite3"
            db.backup_to(plain)
            with plain.open("rb") as source, atomic_private_file(out) as target:
                encrypt_stream(source, target, passphrase)
    except OSError as exc:
        raise DatabaseError(
            _("Cannot write the backup {path}: {reason}").format(path=out, reason=exc.strerror)
        ) from None
    with db.write(actor=actor.username) as session:
        append_audit(
            session,
            actor=actor.username,
            site=db.site_code or "",
            action="backup",
            changes={"file": str(out)},
        )
    return out


def restore(source: Path, *, out: Path, passphrase: str) -> Path:
    """Decrypt ``source`` into the new database file ``out`` (never over an existing one)."""
    out = _absolute(Path(out))
    if out.exists() or out.is_symlink():
        raise InputError(_("{path} already exists.").format(path=out))
    return write_restored(source, out, lambda fh: decrypt_stream(fh, passphrase))


def write_restored(source: Path, out: Path, decrypt: Callable[[BinaryIO], Iterator[bytes]]) -> Path:
    """Decrypt ``source`` with ``decrypt`` into ``out`` whole or not at all, and make sure
    what came out is a BorderDesk database (else ``out`` is removed)."""
    try:
        with Path(source).open("rb") as fh, atomic_private_file(out) as target:
            first = True
            for chunk in decrypt(fh):
                if first and not chunk.startswith(SQLITE_MAGIC):
                    raise DatabaseError(_("The backup does not hold a BorderDesk database."))
                first = False
                target.write(chunk)
    except OSError as exc:
        raise DatabaseError(
            _("Cannot restore {path}: {reason}").format(path=source, reason=os_error_reason(exc))
        ) from None
    try:
        Database.open(path=out, migrate=False).dispose()
    except DatabaseError:
        out.unlink(missing_ok=True)
        raise
    return out


def check_backup_target(out: Path, *, database: Path) -> Path:
    """Refuse a target that is a folder, climbs above ``/``, is the live database (or its
    -wal/-shm/-journal) or is some other existing file that is not a backup."""
    out = _absolute(out)
    live = database.resolve()
    siblings = {live, *(live.with_name(live.name + s) for s in ("-wal", "-shm", "-journal"))}
    if out.resolve() in siblings:
        raise InputError(_("The backup cannot overwrite the database itself."))
    if out.is_dir():
        raise InputError(_("{path} is a folder; give the backup file's name.").format(path=out))
    if out.exists():
        try:
            with out.open("rb") as fh:
                head = fh.read(16)
        except OSError as exc:
            raise InputError(
                _("Cannot write the backup {path}: {reason}").format(path=out, reason=exc.strerror)
            ) from None
        if not is_backup_file(head):
            raise InputError(
                _("{path} exists and is not a BorderDesk backup; not overwritten.").format(path=out)
            )
    return out


def _absolute(path: Path) -> Path:
    """The absolute path, refusing ``..`` that would climb above the root folder."""
    parts = list(Path(os.path.abspath(Path.cwd())).parts) if not path.is_absolute() else ["/"]
    for part in path.parts:
        if part in ("/", ""):
            continue
        if part == "..":
            if len(parts) <= 1:
                raise InputError(_("{path} climbs above the root folder.").format(path=path))
            parts.pop()
        elif part != ".":
            parts.append(part)
    return Path(*parts)


def _check_passphrase(passphrase: str) -> None:
    if len(passphrase) < 8:
        raise InputError(_("The backup passphrase must have at least 8 characters."))
