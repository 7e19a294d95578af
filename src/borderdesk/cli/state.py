"""What every command shares: the chosen database, language and acting user."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import click

from borderdesk.cli.collector import resume as resume_collector
from borderdesk.domain.safe_text import shown_in_message
from borderdesk.errors import InputError
from borderdesk.i18n import _


@dataclass
class CliState:
    db_path: Path
    database_url: str | None
    lang: str
    user: str | None
    db_given: bool = False
    # Chosen on the command line or in BORDERDESK_LANG (else the GUI keeps its last choice).
    lang_given: bool = False
    _database: Any = field(default=None, repr=False)
    _actor: Any = field(default=None, repr=False)
    _logging_in: bool = field(default=False, repr=False)

    def database(self, *, must_exist: bool = True) -> Any:
        """Open (and migrate) the database once per command."""
        if self._database is None:
            from borderdesk.services.site.database import open_database

            self._database = open_database(
                url=self.database_url, path=self.db_path, must_exist=must_exist
            )
            if not self._logging_in:
                resume_collector()  # the command's work begins (a login resumes it itself)
        return self._database

    def actor(self, *, alert: bool = True) -> Any:
        """Log in as --user / BORDERDESK_USER with BORDERDESK_PASSWORD or a prompt.

        Those who may verify the audit log are warned (stderr) when its head no longer
        holds; ``audit verify`` says so itself (``alert=False``).
        """
        if self._actor is None:
            self._logging_in = True
            try:
                self._log_in(alert)
            finally:
                self._logging_in = False
                resume_collector()  # logged in (or refused): the start is over
        return self._actor

    def _log_in(self, alert: bool) -> None:
        if self._actor is None:
            from borderdesk.services.access import auth

            name = self.user or os.environ.get("BORDERDESK_USER")
            if not name:
                raise InputError(_("This command acts as a user: give --user or BORDERDESK_USER."))
            password = os.environ.get("BORDERDESK_PASSWORD")
            if password is None:
                if not sys.stdin.isatty():
                    raise InputError(
                        _("No password: set BORDERDESK_PASSWORD or run in a terminal.")
                    )
                password = click.prompt(_("Password"), hide_input=True, err=True)
            self._actor = auth.login(self.database(), username=name, password=password)
            from borderdesk.services import cases

            # Deemed acceptances due since the last login are recorded (a write of its own).
            cases.apply_silence(self.database(), actor=self._actor)
            if alert:
                from borderdesk.services.access import audit

                warning = audit.integrity_alert(self.database(), actor=self._actor)
                if warning:
                    click.echo(warning, err=True)

    def close(self) -> None:
        if self._database is not None:
            self._database.dispose()
            self._database = None


pass_state = click.make_pass_decorator(CliState)


class WholeNumber(click.IntRange):
    """click's IntRange, whose type name (in --help and in errors) is in the user's language."""

    @property
    def name(self) -> str:  # type: ignore[override]
        return _("integer")


class LazyChoice(click.Choice):
    """click's Choice whose choices are read from a service when first needed (this
    command's --help, or parsing its options), so a group's --help loads no service."""

    def __init__(self, load: Callable[[], Iterable[str]], case_sensitive: bool = True) -> None:
        self._load = load
        self._loaded: tuple[str, ...] | None = None
        self.case_sensitive = case_sensitive

    @property
    def choices(self) -> tuple[str, ...]:  # type: ignore[override]
        if self._loaded is None:
            self._loaded = tuple(self._load())
        return self._loaded


def whole_number(min: int, max: int) -> WholeNumber:
    """A whole-number option within [min, max]: an option without an upper bound let
    ``--limit 99999999999999999999`` through to SQLite (an integer it cannot hold)."""
    return WholeNumber(min=min, max=max)


def json_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--json", "as_json", is_flag=True, help=_("Print JSON."))(func)


def _json_default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    return str(value)


def print_json(data: Any) -> None:
    """``data`` as JSON; direction and control characters in its strings are written as
    JSON escapes (\u202e), so the terminal never obeys them and a script reads them."""
    from borderdesk.domain.safe_text import json_escaped

    click.echo(json_escaped(json.dumps(data, ensure_ascii=False, indent=2, default=_json_default)))


def parse_iso_date(value: str, *, option: str, window: str | None = None) -> date:
    """A YYYY-MM-DD option; with ``window`` (date_windows.toml) also a plausible one.

    The window counts from this computer's day: the commands that use it open no database.
    """
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise InputError(
            _("{option}: expected a date as YYYY-MM-DD, got '{value}'.").format(
                option=option, value=shown_in_message(value)
            )
        ) from None
    if window is not None:
        from borderdesk.domain.date_windows import check_date_window

        check_date_window(window, day, today=date.today())
    return day


def read_password_file(path: Path) -> str:
    from borderdesk.files import read_user_text

    text = read_user_text(path, kind="password")
    password = text.rstrip("\r\n")
    if not password:
        raise InputError(_("The password file {path} is empty.").format(path=path))
    return password
