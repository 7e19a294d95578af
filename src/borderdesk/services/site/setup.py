"""Creating a site's database: the site, its key pairs and the first administrator."""

from __future__ import annotations

import re
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from borderdesk.domain.safe_text import shown_in_message
from borderdesk.errors import InputError
from borderdesk.i18n import _
from borderdesk.services.access.permissions import SYSTEM_ACTOR
from borderdesk.services.access.users import check_username, create_user_record
from borderdesk.services.site.settings import settings
from borderdesk.store.database import Database
from borderdesk.store.tables import Site, SiteKeys
from borderdesk.store.tables.sites import SiteKind
from borderdesk.store.tables.users import Role

SITE_CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,15}$")


def _raw(key: Ed25519PublicKey | X25519PublicKey) -> str:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()


def _private_raw(key: Ed25519PrivateKey | X25519PrivateKey) -> str:
    return key.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    ).hex()


def check_site(code: str, name: str, kind: str) -> tuple[str, str, SiteKind]:
    code = code.strip().upper()
    if not SITE_CODE_PATTERN.match(code):
        raise InputError(
            _("Site code '{code}' is not allowed: 2-16 Latin capitals, digits or dashes.").format(
                code=shown_in_message(code)
            )
        )
    if not name.strip():
        raise InputError(_("The site needs a name."))
    try:
        site_kind = SiteKind(kind)
    except ValueError:
        raise InputError(
            _("Unknown site kind '{kind}': use post, centre or hq.").format(
                kind=shown_in_message(kind)
            )
        ) from None
    return code, name.strip(), site_kind


def check_timezone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(
            _("Unknown time zone '{name}'.").format(name=shown_in_message(name))
        ) from None
    return name


def initialise(
    *,
    path: Path | None,
    url: str | None,
    site_code: str,
    site_name: str,
    kind: str,
    admin_user: str,
    admin_password: str,
    timezone: str | None = None,
    enforce_password_policy: bool = True,
) -> Database:
    """Create the database and fill it; on any error nothing is left behind."""
    code, name, site_kind = check_site(site_code, site_name, kind)
    timezone = check_timezone(timezone) if timezone else settings().default_timezone
    admin = create_user_record(
        username=check_username(admin_user),
        role=Role.admin,
        password=admin_password,
        full_name=_("Administrator"),
        enforce_policy=enforce_password_policy,
    )
    db = Database.create(url=url, path=path)
    try:
        signing = Ed25519PrivateKey.generate()
        encryption = X25519PrivateKey.generate()
        with db.write(actor=SYSTEM_ACTOR) as session:
            db.set_site_code(session, code)
            session.add(
                Site(
                    code=code,
                    name=name,
                    kind=site_kind.value,
                    timezone=timezone,
                    signing_public_key=_raw(signing.public_key()),
                    encryption_public_key=_raw(encryption.public_key()),
                )
            )
            session.add(
                SiteKeys(
                    site_code=code,
                    signing_private_key=_private_raw(signing),
                    encryption_private_key=_private_raw(encryption),
                )
            )
            session.add(admin)
    except BaseException:
        db.dispose()
        if path is not None and not url:
            for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                leftover.unlink(missing_ok=True)
        raise
    return db
