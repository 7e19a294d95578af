"""Translations and locale-aware formatting: the one place strings meet languages.

Use ``from borderdesk.i18n import _`` for messages shown now, ``N_`` to mark a
string that is translated later (tables of labels), ``ngettext`` for counts and
``pgettext`` where one English word needs two Russian ones. Catalogs live in
``translations/<lang>/LC_MESSAGES/borderdesk.po`` and are compiled in memory
the first time a language is used, so no ``.mo`` file is ever committed.

Libraries that translate through the standard library's global gettext (click: "Usage:",
"Missing option") are pointed at the same catalog by ``use_for_libraries``, which writes
the compiled ``.mo`` into the user cache folder (never into the repository).
"""

from __future__ import annotations

import gettext
import io
import os
import tempfile
from collections.abc import Callable
from datetime import date, datetime, tzinfo
from functools import cache
from pathlib import Path

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers

from borderdesk.paths import translations_dir

DOMAIN = "borderdesk"
LANGUAGES = ("ru", "en")
DEFAULT_LANGUAGE = "ru"

_current = DEFAULT_LANGUAGE
_listeners: list[Callable[[str], None]] = []


def _po_path(lang: str) -> Path:
    return translations_dir() / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _compile(po_path: Path, lang: str) -> bytes:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_path.open("rb") as fh:
        catalog = read_po(fh, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


@cache
def translations_for(lang: str) -> gettext.NullTranslations:
    """The language's catalog as a gettext object (cached per process).

    Read from the compiled .mo in the user cache, compiled once per .po file (keyed by
    its path, size and modification time): parsing the .po costs a noticeable part of
    every start. Where the cache cannot be written, the .po is compiled in memory instead.
    """
    po_path = _po_path(lang)
    if not po_path.exists():
        return gettext.NullTranslations()
    try:
        mo_path = _compiled_catalogs_dir(lang) / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
        with mo_path.open("rb") as fh:
            return gettext.GNUTranslations(fh)
    except OSError:
        return gettext.GNUTranslations(io.BytesIO(_compile(po_path, lang)))


def _compiled_catalogs_dir(lang: str) -> Path:
    """The cache folder with ``<lang>/LC_MESSAGES/borderdesk.mo`` compiled from this .po file.

    The folder is named after the .po file itself (its resolved path, size and modification
    time), so two checkouts or installs never share a catalog, and an edited or
    checked-out .po gets its own compiled copy instead of an older, stale one.
    """
    import hashlib

    import platformdirs

    po_path = _po_path(lang)
    stat = po_path.stat()
    key = f"{po_path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}".encode()
    digest = hashlib.sha256(key).hexdigest()[:16]
    root = platformdirs.user_cache_path("borderdesk", appauthor=False) / "locale"
    localedir = root / f"{lang}-{digest}"
    mo_path = localedir / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if not mo_path.exists():
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        # Write aside and rename, so a second process never reads half a file.
        fd, tmp = tempfile.mkstemp(dir=mo_path.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(_compile(po_path, lang))
            os.replace(tmp, mo_path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return localedir


def use_for_libraries(lang: str) -> None:
    """Make the standard library's global gettext, which click uses, answer in ``lang``.

    click does ``from gettext import gettext as _``: it reads the global text domain from a
    compiled .mo file and picks the language from LANGUAGE/LC_ALL/LC_MESSAGES/LANG. If the
    cache folder cannot be written (read-only home), click simply stays in English.
    """
    if lang not in LANGUAGES:
        raise ValueError(lang)
    try:
        localedir = _compiled_catalogs_dir(lang)
    except OSError:
        return
    gettext.bindtextdomain(DOMAIN, str(localedir))
    gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = lang


def set_language(lang: str) -> None:
    """Switch every later message to ``lang`` and tell listeners (the GUI retranslates)."""
    global _current
    if lang not in LANGUAGES:
        raise ValueError(lang)
    _current = lang
    for listener in list(_listeners):
        listener(lang)


def current_language() -> str:
    return _current


def on_language_change(listener: Callable[[str], None]) -> None:
    _listeners.append(listener)


def remove_language_listener(listener: Callable[[str], None]) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


def _(message: str) -> str:
    return translations_for(_current).gettext(message)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations_for(_current).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return translations_for(_current).pgettext(context, message)


def gettext_in(lang: str, message: str) -> str:
    """Translate into a given language regardless of the UI language (bilingual forms)."""
    return translations_for(lang).gettext(message)


def bilingual(message: str) -> str:
    """'Русский / English' label as printed on forms."""
    ru = gettext_in("ru", message)
    en = gettext_in("en", message)
    return ru if ru == en else f"{ru} / {en}"


def locale(lang: str | None = None) -> Locale:
    return _parsed_locale(lang or _current)


@cache
def _parsed_locale(lang: str) -> Locale:
    # Parsing costs more than the formatting it is for (bulk imports format thousands).
    return Locale.parse(lang)


#: The one date format per language every screen and command writes (CLDR syntax; Qt's date
#: fields read the same letters): day-month-year; English spells the month so it is never
#: read as month/day. A date with an unknown day shows month and year, then the year alone.
DAY_PATTERNS = {"ru": "dd.MM.yyyy", "en": "dd MMM yyyy"}
MONTH_PATTERNS = {"ru": "MM.yyyy", "en": "MMM yyyy"}


def day_pattern(lang: str | None = None) -> str:
    return DAY_PATTERNS.get(lang or _current, DAY_PATTERNS[DEFAULT_LANGUAGE])


def format_day(value: date | None, *, lang: str | None = None) -> str:
    """``04.10.1961`` / ``04 Oct 1961``; empty for no date."""
    return format_date(value, lang=lang, fmt=day_pattern(lang))


def format_month(value: date, *, lang: str | None = None) -> str:
    """``10.1961`` / ``Oct 1961``: the month of ``value``."""
    pattern = MONTH_PATTERNS.get(lang or _current, MONTH_PATTERNS[DEFAULT_LANGUAGE])
    return format_date(value, lang=lang, fmt=pattern)


def format_date(value: date | None, *, lang: str | None = None, fmt: str = "medium") -> str:
    if value is None:
        return ""
    if callable(shown := getattr(value, "shown", None)):  # domain.unreadable: a bad stored date
        return str(shown())
    return babel_dates.format_date(value, format=fmt, locale=locale(lang))


def format_zone(tz: str, *, lang: str | None = None, at: datetime | None = None) -> str:
    """A site's time zone as people name it: ``Екатеринбург (UTC+5)`` / ``Yekaterinburg (UTC+5)``.

    The IANA name (``Asia/Yekaterinburg``) is a code, not words; an unknown name is shown
    as it is.
    """
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        zone = ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        return tz
    offset = (at or datetime.now(zone)).astimezone(zone).utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    utc = "UTC" if minutes == 0 else f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")
    try:
        city = babel_dates.get_timezone_location(tz, locale=locale(lang), return_city=True)
    except (LookupError, ValueError):
        city = tz
    return utc if city in ("UTC", "") else f"{city} ({utc})"


def format_datetime(
    value: datetime | None,
    *,
    tz: tzinfo | str | None = None,
    lang: str | None = None,
    fmt: str = "medium",
) -> str:
    """Show a UTC timestamp in the site's time zone."""
    if value is None:
        return ""
    if callable(shown := getattr(value, "shown", None)):  # domain.unreadable: a bad stored time
        return str(shown())
    tzinfo_ = babel_dates.get_timezone(tz) if isinstance(tz, str) else tz
    return babel_dates.format_datetime(value, format=fmt, tzinfo=tzinfo_, locale=locale(lang))


def format_number(value: float | int, *, lang: str | None = None) -> str:
    return babel_numbers.format_decimal(value, locale=locale(lang))


def format_amount(value: object, currency: str = "", *, lang: str | None = None) -> str:
    """A sum of money with its digits grouped: ``12 450 RUB``, ``3 000,50 KZT`` / ``3,000.50 KZT``.

    Kopecks (tiyn) are shown only when there are some; a value that is not a number (a
    bad stored text) is shown as it is.
    """
    from decimal import Decimal, InvalidOperation

    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        text = str(value)
    else:
        pattern = "#,##0.00" if number % 1 else "#,##0"
        text = babel_numbers.format_decimal(number, format=pattern, locale=locale(lang))
    return f"{text} {currency}" if currency else text


def format_currency(value: float, currency: str, *, lang: str | None = None) -> str:
    return babel_numbers.format_currency(value, currency, locale=locale(lang))


def format_percent(value: float, *, lang: str | None = None) -> str:
    return babel_numbers.format_percent(value, locale=locale(lang))
