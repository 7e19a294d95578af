"""How the case and agreement pages write states, days and deadlines, in the UI language."""

from __future__ import annotations

from datetime import date
from html import escape

from borderdesk.domain import countries
from borderdesk.domain.case_workflow import category_label
from borderdesk.i18n import _, current_language, locale, ngettext
from borderdesk.ui.dates import date_text
from borderdesk.ui.models.toned_table import AMBER_TEXT, OVERDUE, SOON


def category_text(category: str) -> str:
    """The category of person an agreement covers, in words (own_national -> own national)."""
    return category_label(category)


def state_text(code: str | None) -> str:
    """Name and code, Germany (DEU); the code alone when no name is known."""
    if not code:
        return ""
    name = state_name(code)
    if code == "EU" or name == code:
        return name
    return f"{name} ({code})"


def state_name(code: str | None) -> str:
    """The state's name alone (Germany) in the UI language; the code when no name is known.

    The one place in ``ui/`` that asks ``domain.countries`` for a name.
    """
    if not code:
        return ""
    if code == "EU":
        return str(locale().territories.get("EU", code))
    return countries.country_name(code, current_language()) or code


def day_text(value: date | None) -> str:
    return date_text(value) if value else ""


def period_text(days: int, kind: str) -> str:
    """A period as ``domain.deadlines`` words it: 25 calendar days, 2 working days."""
    if kind == "working":
        return ngettext("{n} working day", "{n} working days", days).format(n=days)
    return ngettext("{n} calendar day", "{n} calendar days", days).format(n=days)


def days_left_text(days_left: int | None) -> str:
    """The days to a deadline in words: 12 days left, due today, 3 days overdue."""
    if days_left is None:
        return ""
    if days_left < 0:
        late = -days_left
        return ngettext("{n} day overdue", "{n} days overdue", late).format(n=late)
    if days_left == 0:
        return _("due today")
    return ngettext("{n} day left", "{n} days left", days_left).format(n=days_left)


def deadline_tone(days_left: int | None, warn_days: int) -> str | None:
    """Red once the deadline has passed, amber within ``warn_days`` of it."""
    if days_left is None:
        return None
    if days_left < 0:
        return OVERDUE
    if days_left <= warn_days:
        return SOON
    return None


def unconfirmed_html() -> str:
    """The amber "unconfirmed" mark of a figure not yet checked against the agreement."""
    label = escape(_("unconfirmed"))  # outside the f-string, so the catalog sees it
    return f'<span style="color:{AMBER_TEXT}; font-weight:600">{label}</span>'
