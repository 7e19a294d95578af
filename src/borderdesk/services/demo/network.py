"""``borderdesk demo --network DIR``: HQ, two posts and the centre as four demo databases
that trust each other, with packages already waiting in ``DIR/outbox``.

The sites are a star, as in the field: each post and the centre exchange packages with
HQ only. Every site has data of its own (checks at the posts, residents at the centre,
watchlists at HQ) and has written its first package for each of its peers, so a
newcomer opens HQ in the GUI and imports the posts' packages at once, then takes HQ's
package to a post. User names differ between sites (a user name is unique across the
network); every demo user's password is the published demo password.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from borderdesk.domain.clock import utc_now
from borderdesk.errors import InputError
from borderdesk.i18n import _
from borderdesk.services.access.permissions import SYSTEM_ACTOR
from borderdesk.services.access.users import create_user_record
from borderdesk.services.demo.actors import demo_system_actor
from borderdesk.services.demo.builder import DEMO_PASSWORD, add_demo_persons, demo_position
from borderdesk.services.site.setup import initialise
from borderdesk.services.site.sites import site_today
from borderdesk.services.sync import add_peer, export_package, identity_text, package_file_name
from borderdesk.store.database import Database
from borderdesk.store.tables.users import Role

OUTBOX = "outbox"
Stage = Callable[[str], None]


@dataclass(frozen=True)
class NetworkSite:
    code: str
    kind: str
    name: str
    file_name: str
    # (user name, role, full name) of the demo users who work here, besides "admin".
    users: tuple[tuple[str, Role, str], ...]


HQ_SITE = NetworkSite(
    "HQ-ORB", "hq", "Пограничное управление по Оренбургской области (демо)", "hq.sqlite3",
    (("supervisor", Role.supervisor, "Волков Андрей Николаевич"),),
)  # fmt: skip
SITES = (
    HQ_SITE,
    NetworkSite(
        "POST-07", "post", "Пограничный пост «Сагарчин» (демо)", "post-07.sqlite3",
        (("officer07", Role.officer, "Петров Илья Сергеевич"),),
    ),
    NetworkSite(
        "POST-09", "post", "Пограничный пост «Маштаково» (демо)", "post-09.sqlite3",
        (("officer09", Role.officer, "Жумабаев Ерлан Кайратович"),),
    ),
    NetworkSite(
        "CENTRE-ORB", "centre", "Центр временного содержания, Оренбург (демо)", "centre.sqlite3",
        (("centre", Role.centre, "Ахметова Динара Маратовна"),),
    ),
)  # fmt: skip


@dataclass(frozen=True)
class BuiltSite:
    code: str
    kind: str
    path: Path
    users: tuple[str, ...]


@dataclass(frozen=True)
class DemoNetwork:
    folder: Path
    created: bool
    sites: tuple[BuiltSite, ...]
    packages: tuple[Path, ...]
    password: str


def _built(folder: Path) -> tuple[BuiltSite, ...]:
    return tuple(
        BuiltSite(s.code, s.kind, folder / s.file_name, ("admin", *(u[0] for u in s.users)))
        for s in SITES
    )


def build_network(
    folder: Path, *, persons: int, seed: int, today: date | None = None, stage: Stage | None = None
) -> DemoNetwork:
    """Build the four databases in ``folder`` (or report the ones built there before)."""
    folder = Path(folder)
    say = stage or (lambda _text: None)
    present = [s for s in SITES if (folder / s.file_name).exists()]
    outbox = folder / OUTBOX
    if len(present) == len(SITES):
        packages = tuple(sorted(outbox.glob("*.bdsync")))
        return DemoNetwork(folder, False, _built(folder), packages, DEMO_PASSWORD)
    if present:
        raise InputError(
            _("{folder} holds part of a demo network ({file}); choose an empty folder.").format(
                folder=folder, file=present[0].file_name
            )
        )
    try:
        outbox.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            _("Cannot write {path}: {reason}").format(path=outbox, reason=exc.strerror)
        ) from None
    opened: dict[str, Database] = {}
    try:
        for number, site in enumerate(SITES):
            say(_("Site {code}").format(code=site.code))
            db = _create_site(folder, site)
            opened[site.code] = db
            day = today or site_today(db)  # the site's day, not the machine's
            _add_site_data(db, site, persons=persons, seed=seed + number, today=day)
        say(_("Identity files and peers"))
        hq = opened[HQ_SITE.code]
        for site in SITES[1:]:
            _introduce(hq, opened[site.code])
        say(_("Packages for the outbox"))
        written = []
        for site in SITES[1:]:
            written.append(_export(opened[site.code], HQ_SITE.code, outbox))
            written.append(_export(hq, site.code, outbox))
    except BaseException:
        for db in opened.values():
            db.dispose()
        _remove_partial(folder)
        raise
    for db in opened.values():
        db.dispose()
    return DemoNetwork(folder, True, _built(folder), tuple(written), DEMO_PASSWORD)


def _create_site(folder: Path, site: NetworkSite) -> Database:
    db = initialise(
        path=folder / site.file_name,
        url=None,
        site_code=site.code,
        site_name=site.name,
        kind=site.kind,
        admin_user="admin",
        admin_password=DEMO_PASSWORD,
        enforce_password_policy=False,
    )
    with db.write(actor=SYSTEM_ACTOR) as session:
        for username, role, full_name in site.users:
            session.add(
                create_user_record(
                    username=username,
                    role=role,
                    password=DEMO_PASSWORD,
                    full_name=full_name,
                    position=demo_position(role),
                    enforce_policy=False,
                )
            )
    return db


def _add_site_data(
    db: Database, site: NetworkSite, *, persons: int, seed: int, today: date
) -> None:
    """Posts: persons and their checks; the centre: residents; HQ: watchlists."""
    from borderdesk.services.demo.centre import add_demo_centre
    from borderdesk.services.demo.checks import add_demo_watchlists_and_checks

    share = max(20, persons // 2 if site.kind == "post" else persons // 10)
    add_demo_persons(db, share, seed=seed, today=today, progress=None)
    if site.kind == "post":
        add_demo_watchlists_and_checks(
            db, seed=seed, today=today, watchlist_entries=0, checks=min(60, share)
        )
    elif site.kind == "centre":
        add_demo_centre(db, seed, today)
    else:
        add_demo_watchlists_and_checks(db, seed=seed, today=today, checks=0)


def _introduce(a: Database, b: Database) -> None:
    """What two administrators do with each other's identity files."""
    actor_a, actor_b = demo_system_actor(a), demo_system_actor(b)
    add_peer(a, actor=actor_a, text=identity_text(b, actor=actor_b))
    add_peer(b, actor=actor_b, text=identity_text(a, actor=actor_a))


def _export(db: Database, to: str, outbox: Path) -> Path:
    out = outbox / package_file_name(db.site_code or "", to, utc_now())
    return export_package(db, actor=demo_system_actor(db), to=to, out=out).path


def _remove_partial(folder: Path) -> None:
    """A failed build leaves no database a later run would take for a finished one."""
    for site in SITES:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{folder / site.file_name}{suffix}").unlink(missing_ok=True)
    for package in (folder / OUTBOX).glob("*.bdsync*"):
        package.unlink(missing_ok=True)
