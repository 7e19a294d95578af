"""F1: a short help text for each screen, in the UI language (texts through the catalog)."""

from __future__ import annotations

from borderdesk.i18n import N_, _

PAGE_HELP: dict[str, str] = {
    "overview": N_(
        "Overview: this site, its time zone and database, and who is logged in. "
        "Choose a task on the left or press Alt+1, Alt+2… to go to a page."
    ),
    "users": N_(
        "Users: add accounts, change a role, reset a password or disable an account. "
        "Every change is recorded in the audit log."
    ),
    "audit": N_(
        "Audit log: who did what and when, in the site's time. Filter by user, action and "
        'dates, then press Show. "Show codes" shows the stored codes and record ids; '
        '"Verify chain" checks that no entry was altered or removed.'
    ),
    "check": N_(
        "Document check: read the passport's MRZ with the scanner or type it, look at the "
        "findings, then record the decision. Keys: F5 admit (on a red verdict it asks "
        "first); F6 refuse entry: choose the legal ground, then Enter records the refusal; "
        "F8 detain: the new apprehension case opens prefilled from the check: choose the "
        "requested state (beside it, the agreement that covers this person, or why none "
        "does) and confirm with OK, or record the detention without a case; Shift+F8 opens "
        "the case of such a detention later; Ctrl+P prints the last protocol; Esc clears "
        "the page for the next person."
    ),
    "search": N_(
        "Search: type a name, a document number or a date of birth; the best matches come "
        "first. Ctrl+F brings you here from any page."
    ),
    "cases": N_(
        "Cases: the readmission cases of this site with their status and next deadline. "
        "Open a case to see its steps, evidence and history and to record the next step."
    ),
    "agreements": N_(
        "Agreements: the readmission agreements in force, their time limits and conditions, "
        "with the source of each figure."
    ),
    "centre": N_(
        "Centre: the residents of the temporary detention centre, their beds and last "
        "permitted day. Admit, move, release or print a resident's papers from here."
    ),
    "transfers": N_(
        "Transfers: planned and completed handovers to the other side, with the notice due "
        "date. Plan, complete or cancel a transfer here."
    ),
    "watchlists": N_(
        "Watchlists: import a CSV file of invalid or wanted documents or of wanted persons "
        "(UTF-8, header row first). A file with a bad row is refused as a whole. The first tab "
        "lists the persons on the list with their category (wanted, entry ban), to filter by "
        "category or name; the second shows when each file came in."
    ),
    "returns": N_(
        "Returns: choose a month and the sites, look at the figures beside the previous "
        "month and the PDF preview, then save the return as PDF, CSV or XLSX."
    ),
    "backups": N_(
        "Backups: make a complete copy of this database to a file you choose, for example "
        "on a USB disk. The program keeps running meanwhile."
    ),
    "sync": N_(
        "Sync: export a package for a site to a folder (a USB stick) and import the packages "
        "that came from other sites, several at once. The table of sites shows the last "
        "exchange with each; a conflict shows both versions of a record side by side: keep "
        "the winning version or take the other one."
    ),
    "occupancy": N_(
        "Centre occupancy: the rooms and beds of the temporary detention centre and who "
        "occupies them, for reading only; centre staff make the changes."
    ),
}

GENERAL_HELP = N_(
    "Alt+1, Alt+2… open the pages in the order on the left; Ctrl+F opens the search; "
    "Ctrl+L locks the screen; F1 shows this help."
)


def page_help(key: str) -> str:
    """The help of the page ``key`` and the keys that work everywhere."""
    text = _(PAGE_HELP[key]) if key in PAGE_HELP else ""
    return f"{text}\n\n{_(GENERAL_HELP)}" if text else _(GENERAL_HELP)
