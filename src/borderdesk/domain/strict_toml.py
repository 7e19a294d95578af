"""Read a TOML data file strictly, naming the file and key path of any fault.

A wrong type, a missing key or an unknown key (a typo) raises
:class:`ReferenceDataError`, whose one-line message names the file and the key path,
e.g. ``agreements.toml: agreement[1].time_limits.reply_calendar_days: expected a whole
number``. Array indexes in key paths count from 0, as in the TOML array.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date, datetime
from pathlib import Path
from typing import Any, NoReturn

from borderdesk.domain.agreement_book import EU
from borderdesk.domain.state_codes import iso2_for
from borderdesk.errors import BorderDeskError, os_error_reason
from borderdesk.i18n import _, current_language


class ReferenceDataError(BorderDeskError):
    """A reference data file is missing, unreadable or not as documented."""

    def __init__(self, file: str, key_path: str, problem: str) -> None:
        message = f"{file}: {key_path}: {problem}" if key_path else f"{file}: {problem}"
        super().__init__(message, code="reference_data")
        self.file = file
        self.key_path = key_path
        self.problem = problem


_ISO3 = re.compile(r"^[A-Z]{3}$")


class StrictTable:
    """One TOML table being read: remembers its key path and which keys were used."""

    def __init__(self, file: str, path: str, data: Any) -> None:
        self.file = file
        self.path = path
        if not isinstance(data, dict):
            self._raise(path, _("expected a table"))
        self.data: dict[str, Any] = data
        self.used: set[str] = set()

    def _raise(self, path: str, problem: str) -> NoReturn:
        raise ReferenceDataError(self.file, path, problem)

    def key_path(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def fail(self, key: str, problem: str) -> NoReturn:
        self._raise(self.key_path(key), problem)

    def has(self, key: str) -> bool:
        return key in self.data

    def _get(self, key: str, required: bool) -> Any:
        self.used.add(key)
        if key not in self.data:
            if required:
                self.fail(key, _("missing key"))
            return None
        return self.data[key]

    def text(self, key: str, *, required: bool = True, default: str | None = None) -> str | None:
        value = self._get(key, required)
        if value is None:
            return default
        if not isinstance(value, str) or not value.strip():
            self.fail(key, _("expected text"))
        return value

    def req_text(self, key: str) -> str:
        value = self.text(key)
        assert value is not None
        return value

    def local_text(
        self, key: str, *, required: bool = True, default: str | None = None
    ) -> str | None:
        """A text written in both languages (``<key>_ru`` and ``<key>_en``): the user's one.

        Both keys of the pair are required once either is there; a file that has the
        old single-language ``<key>`` is told which keys it needs.
        """
        ru_key, en_key = f"{key}_ru", f"{key}_en"
        if key in self.data:
            self.fail(
                key,
                _("write the text in both languages: {ru} and {en}").format(ru=ru_key, en=en_key),
            )
        if not required and ru_key not in self.data and en_key not in self.data:
            self.used.update((ru_key, en_key))
            return default
        ru, en = self.req_text(ru_key), self.req_text(en_key)
        return ru if current_language() == "ru" else en

    def local_texts(self, key: str, *, required: bool = False) -> tuple[str, ...]:
        """A list written in both languages (``<key>_ru``, ``<key>_en``, item by item)."""
        ru_key, en_key = f"{key}_ru", f"{key}_en"
        if key in self.data:
            self.fail(
                key,
                _("write the list in both languages: {ru} and {en}").format(ru=ru_key, en=en_key),
            )
        ru = self.texts(ru_key, required=required or en_key in self.data)
        en = self.texts(en_key, required=required or ru_key in self.data)
        if len(ru) != len(en):
            self.fail(en_key, _("expected as many items as in {other}").format(other=ru_key))
        return ru if current_language() == "ru" else en

    def whole(self, key: str, *, required: bool = True, minimum: int = 0) -> int | None:
        value = self._get(key, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(key, _("expected a whole number"))
        if value < minimum:
            self.fail(key, _("expected a whole number of at least {n}").format(n=minimum))
        return value

    def flag(self, key: str, *, required: bool = False, default: bool = True) -> bool:
        value = self._get(key, required)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.fail(key, _("expected true or false"))
        return value

    def day(self, key: str, *, required: bool = True) -> date | None:
        value = self._get(key, required)
        if value is None:
            return None
        if isinstance(value, datetime) or not isinstance(value, date):
            self.fail(key, _("expected a date (YYYY-MM-DD)"))
        return value

    def req_day(self, key: str) -> date:
        value = self.day(key)
        assert value is not None
        return value

    def day_or_none(self, key: str) -> tuple[bool, date | None]:
        """(present, date) for a coverage figure: a date, or the text "none"."""
        value = self._get(key, False)
        if value is None:
            return False, None
        if value == "none":
            return True, None
        if isinstance(value, datetime) or not isinstance(value, date):
            self.fail(key, _('expected a date (YYYY-MM-DD) or "none"'))
        return True, value

    def texts(self, key: str, *, required: bool = False) -> tuple[str, ...]:
        value = self._get(key, required)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(
            isinstance(item, str) and item.strip() for item in value
        ):
            self.fail(key, _("expected a list of text"))
        return tuple(value)

    def state(self, key: str, *, allow_eu: bool = False) -> str:
        value = self._get(key, True)
        return self._check_state(key, value, allow_eu=allow_eu)

    def states(
        self, key: str, *, required: bool = False, allow_eu: bool = False
    ) -> tuple[str, ...]:
        value = self._get(key, required)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.fail(key, _("expected a list of state codes"))
        return tuple(
            self._check_state(f"{key}[{i}]", item, allow_eu=allow_eu)
            for i, item in enumerate(value)
        )

    def _check_state(self, key: str, value: Any, *, allow_eu: bool) -> str:
        if allow_eu and value == EU:
            return EU
        if not isinstance(value, str) or not _ISO3.match(value):
            self.fail(key, _('expected a three-letter state code such as "KAZ"'))
        if iso2_for(value) is None:
            self.fail(key, _('unknown state code "{code}"').format(code=value))
        return value

    def table(self, key: str, *, required: bool = False) -> StrictTable | None:
        value = self._get(key, required)
        if value is None:
            return None
        if not isinstance(value, dict):
            self.fail(key, _("expected a table"))
        return StrictTable(self.file, self.key_path(key), value)

    def tables(self, key: str, *, required: bool = False) -> list[StrictTable]:
        value = self._get(key, required)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            self.fail(key, _("expected an array of tables ([[{key}]])").format(key=key))
        return [
            StrictTable(self.file, f"{self.key_path(key)}[{i}]", item)
            for i, item in enumerate(value)
        ]

    def finish(self) -> None:
        """Refuse any key nobody read: a typo must not pass silently."""
        for key in self.data:
            if key not in self.used:
                self.fail(key, _("unknown key"))


def read_strict_toml(path: Path) -> StrictTable:
    name = path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ReferenceDataError(
            name, "", _("cannot read {path}: {error}").format(path=path, error=os_error_reason(exc))
        ) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ReferenceDataError(name, "", _("not UTF-8 text")) from None
    except tomllib.TOMLDecodeError as exc:
        raise ReferenceDataError(name, "", _("not valid TOML: {error}").format(error=exc)) from None
    return StrictTable(name, "", data)
