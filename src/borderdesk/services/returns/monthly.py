"""The monthly return: which sites, which month, computed in one read, written as a file.

Default sites: this site; at HQ, every site it knows. A site other than this one sent
its data in sync packages: the return says when the newest of them was made (or that
none came), as sync's bookkeeping holds it (``sync.status.newest_packages``), read in
the same transaction as the figures.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path

from sqlmodel import Session, select

from borderdesk.domain.clock import utc_now
from borderdesk.domain.returns import MonthlyReturn, ReturnMonth, ReturnSite
from borderdesk.domain.safe_text import shown_in_message
from borderdesk.errors import InputError
from borderdesk.files import write_private_file
from borderdesk.forms.monthly_return import ReturnSignatory, render_monthly_return
from borderdesk.i18n import _
from borderdesk.reports.monthly_return import compute_monthly_return
from borderdesk.reports.return_csv import write_return_csv
from borderdesk.reports.return_xlsx import write_return_xlsx
from borderdesk.services.access import audit
from borderdesk.services.access.permissions import Actor, Permission, require
from borderdesk.services.site.form_mapping import officer_positions
from borderdesk.services.site.sites import site_today, this_site
from borderdesk.store.database import Database
from borderdesk.store.tables import Site
from borderdesk.sync.status import newest_packages

FORMATS = (".pdf", ".csv", ".xlsx")


def _known_sites(session: Session) -> list[Site]:
    query = select(Site).where(Site.deleted == False).order_by(Site.code)  # noqa: E712
    return list(session.exec(query))


def return_sites(db: Database, *, actor: Actor) -> tuple[str, ...]:
    """The codes of the sites a return can cover (every site this database knows)."""
    require(actor, Permission.view_reports)
    with db.read() as session:
        return tuple(s.code for s in _known_sites(session))


def _choose(
    known: Sequence[Site],
    here: str,
    here_kind: str,
    codes: Sequence[str],
    packages: Mapping[str, datetime],
) -> tuple[ReturnSite, ...]:
    by_code = {s.code: s for s in known}
    wanted = [c.strip().upper() for c in codes if c.strip()]
    if not wanted:
        wanted = list(by_code) if here_kind == "hq" else [here]
    unknown = [c for c in wanted if c not in by_code]
    if unknown:
        raise InputError(
            _("Unknown site {site}: use one of {known}.").format(
                site=", ".join(unknown), known=", ".join(by_code)
            ),
            code="unknown_site",
        )
    return tuple(
        ReturnSite(
            code=code,
            name=by_code[code].name,
            timezone=by_code[code].timezone,
            synced=code != here,
            newest_package=packages.get(code) if code != here else None,
        )
        for code in dict.fromkeys(wanted)
    )


def monthly_return(
    db: Database,
    *,
    actor: Actor,
    month: str | ReturnMonth,
    sites: Sequence[str] = (),
    packages: Mapping[str, datetime] | None = None,
    now: datetime | None = None,
) -> MonthlyReturn:
    """The return of ``month`` (``"YYYY-MM"``) for ``sites`` (default as above)."""
    require(actor, Permission.view_reports)
    chosen = month if isinstance(month, ReturnMonth) else ReturnMonth.parse(month)
    today = site_today(db)
    if chosen.first_day > today:
        raise InputError(
            _("The month {month} has not begun yet.").format(month=chosen), code="future_month"
        )
    here = this_site(db)
    with db.read() as session:
        # What sync holds, unless the caller says otherwise (a test, a what-if).
        newest = {**newest_packages(session), **(packages or {})}
        covered = _choose(_known_sites(session), here.code, here.kind, sites, newest)
        compiler = ReturnSite(here.code, here.name, here.timezone)
        return compute_monthly_return(
            session,
            month=chosen,
            sites=covered,
            compiled_by=compiler,
            as_of=today,
            compiled_at=now or utc_now(),
        )


def check_return_path(out: Path) -> Path:
    """``--out`` must end in .pdf, .csv or .xlsx and its folder must exist."""
    if out.suffix.lower() not in FORMATS:
        raise InputError(
            _("--out: the file name must end in .pdf, .csv or .xlsx, got '{path}'.").format(
                path=shown_in_message(out)
            ),
            code="bad_out",
        )
    if not out.parent.exists():
        raise InputError(
            _("--out: the folder {path} does not exist.").format(path=out.parent), code="bad_out"
        )
    return out


def render_return(
    ret: MonthlyReturn, suffix: str, *, signed_by: str = "", position: str = ""
) -> bytes:
    """The return as the bytes of a ``.pdf``, ``.csv`` or ``.xlsx`` file."""
    buffer = io.BytesIO()
    kind = suffix.lower()
    if kind == ".pdf":
        render_monthly_return(ret, buffer, ReturnSignatory(name=signed_by, position=position))
    elif kind == ".csv":
        write_return_csv(ret, buffer)
    elif kind == ".xlsx":
        write_return_xlsx(ret, buffer)
    else:
        raise InputError(
            _("--out: the file name must end in .pdf, .csv or .xlsx, got '{path}'.").format(
                path=shown_in_message(suffix)
            ),
            code="bad_out",
        )
    return buffer.getvalue()


def write_return_file(
    ret: MonthlyReturn, out: Path, *, signed_by: str = "", position: str = ""
) -> None:
    """Write the return in the format its name says; a half-written file never stays."""
    check_return_path(out)
    write_private_file(out, render_return(ret, out.suffix, signed_by=signed_by, position=position))


def write_monthly_return(
    db: Database,
    *,
    actor: Actor,
    month: str | ReturnMonth,
    out: Path,
    sites: Sequence[str] = (),
    packages: Mapping[str, datetime] | None = None,
) -> MonthlyReturn:
    """Compute the return and write it to ``out`` (.pdf, .csv or .xlsx)."""
    require(actor, Permission.view_reports)
    check_return_path(out)
    ret = monthly_return(db, actor=actor, month=month, sites=sites, packages=packages)
    data = marked_return(db, actor=actor, ret=ret, suffix=out.suffix)
    write_private_file(out, data)
    return ret


def marked_return(db: Database, *, actor: Actor, ret: MonthlyReturn, suffix: str) -> bytes:
    """The return's file bytes, a PDF carrying the signed audit head in its QR mark: the
    one renderer of the CLI's file and the GUI's preview and print."""
    require(actor, Permission.view_reports)
    with audit.printing(db):
        return render_return(
            ret,
            suffix,
            signed_by=actor.full_name or actor.username,
            position=officer_positions(db, actor.username)[0],
        )
