"""Opening, creating, migrating and backing up a BorderDesk database.

SQLite is the default (WAL, foreign keys, busy timeout, writes in ``BEGIN IMMEDIATE``
so two writers queue instead of failing half-way); ``BORDERDESK_DATABASE_URL`` selects
PostgreSQL with the same tables.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlmodel import Session, col

from borderdesk.domain.clock import HybridLogicalClock
from borderdesk.errors import DatabaseError, os_error_reason
from borderdesk.files import create_private_file, private_dir
from borderdesk.i18n import _
from borderdesk.store import limits as _limits  # noqa: F401  (registers the length check on every flush)
from borderdesk.store import migrations, write_barrier
from borderdesk.store.tables import ChangeLogEntry, LocalSetting
from borderdesk.store.tracking import WriteContext
from borderdesk.store.types import read_bad_dates_tolerantly

SQLITE_MAGIC = b"SQLite format 3\x00"
SITE_CODE_KEY = "site_code"


def _sqlite_engine(path: Path) -> Engine:
    engine = create_engine(
        # hide_parameters: SQLAlchemy's errors and logs would otherwise quote personal data.
        f"sqlite:///{path}",
        connect_args={"timeout": 30},
        hide_parameters=True,
    )
    read_bad_dates_tolerantly(engine.dialect)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event below decide how transactions start.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # No journal_mode=WAL here: it rewrites the file header, and a file must be known
        # to be ours before anything is written to it (see Database._check_and_migrate).
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get("sqlite_immediate", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _server_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseError(_("Not a database URL: {url}").format(url=url)) from None
    if parsed.drivername == "postgresql":
        # psycopg (3) is the driver BorderDesk ships with; SQLAlchemy's default is psycopg2.
        parsed = parsed.set(drivername="postgresql+psycopg")
    try:
        return create_engine(parsed, pool_pre_ping=True, hide_parameters=True)
    except ImportError as exc:
        raise DatabaseError(
            _("No driver for {url}: {reason}").format(
                url=parsed.render_as_string(hide_password=True), reason=exc
            )
        ) from None


def _check_sqlite_file(path: Path) -> None:
    """Refuse anything that is not an SQLite file before SQLite touches it."""
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise DatabaseError(
            _("Cannot open the database {path}: {reason}").format(
                path=path, reason=os_error_reason(exc)
            )
        ) from None
    if header and header != SQLITE_MAGIC:
        raise DatabaseError(_("{path} is not a BorderDesk database.").format(path=path))


class Database:
    """One database: its engine, its site and clock, and the sessions services use."""

    def __init__(self, engine: Engine, *, path: Path | None) -> None:
        self.engine = engine
        self.path = path
        self._write_engine = (
            engine.execution_options(sqlite_immediate=True)
            if engine.dialect.name == "sqlite"
            else engine
        )
        self._clock: HybridLogicalClock | None = None
        self._site_code: str | None = None

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(
        cls,
        *,
        url: str | None = None,
        path: Path | None = None,
        must_exist: bool = True,
        migrate: bool = True,
    ) -> Database:
        """Open an existing BorderDesk database, upgrading it (after a backup) if needed."""
        if url:
            db = cls(_server_engine(url), path=None)
        else:
            if path is None:
                raise DatabaseError(_("No database given."))
            path = Path(path)
            if not path.exists():
                if must_exist:
                    raise DatabaseError(
                        _(
                            "No database at {path}. Create one with 'borderdesk init' "
                            "or 'borderdesk demo'."
                        ).format(path=path)
                    )
                # Owner-only whatever the umask; SQLite gives -wal and -shm the file's mode.
                private_dir(path.parent)
                create_private_file(path)
            else:
                _check_sqlite_file(path)
            db = cls(_sqlite_engine(path), path=path)
        try:
            db._check_and_migrate(migrate=migrate, creating=not must_exist)
        except BaseException:
            db.dispose()
            raise
        return db

    @classmethod
    def create(cls, *, url: str | None = None, path: Path | None = None) -> Database:
        """Create a new, empty BorderDesk database at the newest schema."""
        if path is not None and not url and Path(path).exists():
            raise DatabaseError(_("{path} already exists.").format(path=path))
        return cls.open(url=url, path=path, must_exist=False)

    def _check_and_migrate(self, *, migrate: bool, creating: bool) -> None:
        try:
            conn = self.engine.connect()
        except (OperationalError, SADatabaseError) as exc:
            # A server that is down or refuses us: say so, not "not a BorderDesk database".
            reason = str(exc.orig or exc).strip().splitlines()[0]
            raise DatabaseError(
                _("Cannot open the database {path}: {reason}").format(
                    path=self.describe(), reason=reason
                )
            ) from None
        try:
            with conn:
                tables = set(inspect(conn).get_table_names())
                current = migrations.current_revision(conn)
        except (OperationalError, SADatabaseError):
            raise DatabaseError(
                _("{path} is not a BorderDesk database.").format(path=self.describe())
            ) from None
        if creating and current is not None:
            raise DatabaseError(_("{path} already exists.").format(path=self.describe()))
        if current is None:
            if tables - {"alembic_version"}:
                raise DatabaseError(
                    _("{path} is not a BorderDesk database.").format(path=self.describe())
                )
            if not creating:
                raise DatabaseError(
                    _("{path} is empty: create it with 'borderdesk init'.").format(
                        path=self.describe()
                    )
                )
        elif not migrations.is_known(current):
            raise DatabaseError(
                _(
                    "{path} was written by a newer BorderDesk (schema {revision}); "
                    "update BorderDesk to open it."
                ).format(path=self.describe(), revision=current)
            )
        if self.engine.dialect.name == "sqlite":
            # Persistent in the file: set once the file is known to be ours (or new).
            # (Outside any transaction: SQLite refuses to change the journal mode inside one.)
            raw = self.engine.raw_connection()
            try:
                # Typed Any | None: None only for an invalidated connection, never a fresh one.
                raw.driver_connection.execute("PRAGMA journal_mode=WAL")  # type: ignore[union-attr]
            finally:
                raw.close()
        if current != migrations.head() and migrate:
            if current is not None:
                self.backup_before_upgrade(current)
            with self._write_engine.begin() as conn:
                migrations.upgrade(conn)

    def describe(self) -> str:
        if self.path is not None:
            return str(self.path)
        return make_url(str(self.engine.url)).render_as_string(hide_password=True)

    def dispose(self) -> None:
        self.engine.dispose()

    # ---------------------------------------------------------------- sessions
    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; nothing it does is committed."""
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def write(
        self, *, actor: str, replaying: bool = False, exporting: bool = False
    ) -> Iterator[Session]:
        """One transaction: commits on success, rolls back whole on any error.

        ``exporting``: a sync export, which writes no synchronised record and waits for
        the writers instead of being one (``store.write_barrier``).
        """
        session = Session(self._write_engine, expire_on_commit=False)
        try:
            session.info["write_context"] = WriteContext(
                site=self.site_code or "", actor=actor, clock=self.clock, replaying=replaying
            )
            if not exporting:  # PostgreSQL: an export waits for this write to end
                write_barrier.enter_writer(session)
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    # ------------------------------------------------------------- site state
    @property
    def site_code(self) -> str | None:
        if self._site_code is None:
            with self.read() as session:
                row = session.get(LocalSetting, SITE_CODE_KEY)
                self._site_code = row.value if row else None
        return self._site_code

    def set_site_code(self, session: Session, code: str) -> None:
        session.merge(LocalSetting(key=SITE_CODE_KEY, value=code))
        self._site_code = code
        self._clock = None
        session.info["write_context"].site = code
        session.info["write_context"].clock = self.clock

    @property
    def clock(self) -> HybridLogicalClock:
        if self._clock is None:
            clock = HybridLogicalClock(self.site_code or "")
            with self.read() as session:
                last = session.execute(
                    select(col(ChangeLogEntry.hlc))
                    .order_by(col(ChangeLogEntry.hlc).desc())
                    .limit(1)
                ).scalar_one_or_none()
            if last:
                clock.observe(last)
            self._clock = clock
        return self._clock

    # ----------------------------------------------------------------- backups
    def backup_to(self, out: Path) -> None:
        """A consistent copy while the program runs (SQLite online backup API)."""
        if self.path is None:
            raise DatabaseError(
                _("Backups of a PostgreSQL database are made with pg_dump, not BorderDesk.")
            )
        out = Path(out)
        if out.resolve() == self.path.resolve():
            raise DatabaseError(_("The backup cannot overwrite the database itself."))
        private_dir(out.parent)
        # A fresh owner-only temp file (never a leftover): renamed only once complete.
        fd, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
        os.close(fd)
        tmp = Path(name)
        try:
            source = sqlite3.connect(self.path)
            try:
                target = sqlite3.connect(tmp)
                try:
                    source.backup(target)
                finally:
                    target.close()
            finally:
                source.close()
            tmp.replace(out)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    def backup_before_upgrade(self, revision: str) -> Path | None:
        if self.path is None:
            return None
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        out = self.path.with_name(f"{self.path.name}.before-{revision}-{stamp}.bak")
        self.backup_to(out)
        return out
