"""The audit log in words: what happened and to which kind of record, in the UI language.

Entries store codes (``login.ok``, ``centre_transfer.insert``); a supervisor reads
"Logged in" or "Created: transfer". Codes with no label show as they are.
"""

from __future__ import annotations

from borderdesk.i18n import N_, _, pgettext
from borderdesk.services.access.permissions import SYSTEM_ACTOR

#: Actions that are not a change to a table row.
ACTION_LABELS: dict[str, str] = {
    "login.ok": N_("Logged in"),
    "login.failed": N_("Failed login (wrong user name or password)"),
    "login.locked": N_("Login refused: too many failed attempts"),
    "login.disabled": N_("Login refused: the account is disabled"),
    "case.silence_applied": N_("Deemed acceptances recorded (no answer in time)"),
    "demo.cases": N_("Demo data: cases created"),
    "demo.persons": N_("Demo data: persons created"),
    "demo.watchlist": N_("Demo data: watchlist created"),
    "watchlist.import": N_("Watchlist imported"),
    "backup": N_("Backup made"),
    "sync.import": N_("Sync package imported"),
    "sync.resolve": N_("Sync conflict resolved"),
    "audit.seal_legacy": N_("Earlier records sealed as found"),
}

OPERATION_LABELS: dict[str, str] = {
    "insert": N_("Created"),
    "update": N_("Changed"),
    "delete": N_("Deleted"),
    "sync": N_("Received by sync"),
}


def _table_words() -> dict[str, str]:
    """The kind of record each audited table holds, in the current language."""
    return {
        "readmission_case": pgettext("audit record", "case"),
        "case_event": pgettext("audit record", "case event"),
        "case_evidence": pgettext("audit record", "case evidence"),
        "case_scan": pgettext("audit record", "case scan"),
        "centre_stay": pgettext("audit record", "centre stay"),
        "centre_transfer": pgettext("audit record", "transfer"),
        "centre_room": pgettext("audit record", "centre room"),
        "centre_bed": pgettext("audit record", "centre bed"),
        "centre_belonging": pgettext("audit record", "belongings item"),
        "document_check": pgettext("audit record", "document check"),
        "person": pgettext("audit record", "person"),
        "identity_document": pgettext("audit record", "identity document"),
        "user_account": pgettext("audit record", "user account"),
        "site": pgettext("audit record", "site"),
        "watchlist_person": pgettext("audit record", "wanted person"),
        "watchlist_document": pgettext("audit record", "listed document"),
    }


def actor_text(actor: str) -> str:
    """Who did it: a user name, or the program itself in words."""
    return _("the program (automatic)") if actor == SYSTEM_ACTOR else actor


def table_text(table: str) -> str:
    """The kind of record in words ("transfer"); the table name if it has no label."""
    return _table_words().get(table, table) if table else ""


def action_text(action: str) -> str:
    """``login.ok`` → "Logged in"; ``centre_transfer.insert`` → "Created: transfer"."""
    if action in ACTION_LABELS:
        return _(ACTION_LABELS[action])
    table, _dot, operation = action.rpartition(".")
    if operation in OPERATION_LABELS and table:
        return _("{operation}: {record}").format(
            operation=_(OPERATION_LABELS[operation]), record=table_text(table)
        )
    return action


def action_filter(text: str) -> str:
    """What the action filter searches for: a code as typed, or the code of the words.

    "вход" / "logged in" finds ``login.*``; "передача" finds ``centre_transfer.*``.
    """
    wanted = text.strip().casefold()
    if not wanted or "." in wanted or "_" in wanted:
        return text.strip()
    for code, msgid in ACTION_LABELS.items():
        if wanted in _(msgid).casefold():
            return code.partition(".")[0] if "." in code else code
    for table, words in _table_words().items():
        if wanted in words.casefold():
            return f"{table}."
    return text.strip()
