"""Backups encrypted to HQ's public key: a site that holds no passphrase HQ could lose.

The site encrypts with HQ's X25519 key from HQ's identity file (HPKE, as sync packages
are); only HQ's database, which holds the private key, restores it.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from borderdesk.errors import DatabaseError, InputError, os_error_reason
from borderdesk.files import atomic_private_file
from borderdesk.i18n import _
from borderdesk.services.access.permissions import Actor, Permission, require
from borderdesk.services.site.backup import check_backup_target, write_restored
from borderdesk.store.database import Database
from borderdesk.store.encrypted_backup import decrypt_stream_with_key, encrypt_stream_to_key
from borderdesk.store.tables import SiteKeys
from borderdesk.store.tracking import append_audit
from borderdesk.sync.peers import parse_identity


def backup_to_key(db: Database, *, actor: Actor, out: Path, identity_text: str) -> Path:
    """A consistent copy encrypted to the X25519 key of the HQ identity given."""
    require(actor, Permission.backup)
    if db.path is None:
        raise DatabaseError(
            _("Backups of a PostgreSQL database are made with pg_dump, not BorderDesk.")
        )
    identity = parse_identity(identity_text)
    if identity["kind"] != "hq":
        raise InputError(
            _("{code} is not HQ: backups are encrypted to HQ's key only.").format(
                code=identity["code"]
            )
        )
    out = check_backup_target(Path(out), database=db.path)
    try:
        with tempfile.TemporaryDirectory(prefix=".backup-", dir=db.path.parent) as folder:
            plain = Path(folder) / "copy.sqlite3"
            db.backup_to(plain)
            with plain.open("rb") as source, atomic_private_file(out) as target:
                encrypt_stream_to_key(
                    source, target, bytes.fromhex(identity["encryption_public_key"])
                )
    except OSError as exc:
        raise DatabaseError(
            _("Cannot write the backup {path}: {reason}").format(
                path=out, reason=os_error_reason(exc)
            )
        ) from None
    with db.write(actor=actor.username) as session:
        append_audit(
            session,
            actor=actor.username,
            site=db.site_code or "",
            action="backup",
            changes={"file": str(out), "to_key": identity["code"]},
        )
    return out


def restore_with_key(source: Path, *, out: Path, hq_database: Path) -> Path:
    """Decrypt a backup made to HQ's key into the new file ``out``, with HQ's private key
    read from HQ's own database file (whoever can read that file holds the key)."""
    out = Path(out).absolute()
    if out.exists() or out.is_symlink():
        raise InputError(_("{path} already exists.").format(path=out))
    hq = Database.open(path=Path(hq_database), migrate=False)
    try:
        with hq.read() as session:
            keys = session.get(SiteKeys, hq.site_code or "")
            private = bytes.fromhex(keys.encryption_private_key) if keys else b""
    finally:
        hq.dispose()
    if not private:
        raise InputError(_("{path} holds no site keys.").format(path=hq_database))
    return write_restored(source, out, lambda fh: decrypt_stream_with_key(fh, private))
