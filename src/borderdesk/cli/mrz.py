"""``borderdesk mrz check``: read and validate a machine readable zone, no database."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from borderdesk.cli import cli
from borderdesk.cli.state import parse_iso_date, print_json
from borderdesk.i18n import N_, _, current_language, format_day

if TYPE_CHECKING:
    from borderdesk.domain.mrz import MrzResult


_FORMAT_NAMES = {
    "TD1": N_("TD1 (identity card, 3 lines)"),
    "TD2": N_("TD2 (identity card, 2 lines)"),
    "TD3": N_("TD3 (passport)"),
    "MRVA": N_("MRV-A (visa)"),
    "MRVB": N_("MRV-B (visa)"),
}
_CHECK_LABELS = {
    "document_number": N_("Document number"),
    "birth_date": N_("Date of birth"),
    "expiry_date": N_("Date of expiry"),
    "optional_data": N_("Personal number"),
    "composite": N_("Composite"),
}
# An internal passport's optional block: the series' 4th digit, date of issue, department.
_INTERNAL_OPTIONAL_LABEL = N_("Series, date of issue, department")


def _marks() -> tuple[str, str, str]:
    """Pass, fail and not-used marks that the terminal's encoding can show."""
    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        "✓✗—".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return "OK", "X", "-"
    return "✓", "✗", "—"


def _country(code: str) -> str:
    from borderdesk.domain import countries

    if not code:
        return ""
    name = countries.country_name(code, current_language())
    return code if name == code else f"{code} — {name}"


def _fact_rows(result: MrzResult) -> list[tuple[str, str]]:
    """Rows only some documents have: Cyrillic names, internal passport data, personal number."""
    rows = []
    if result.cyrillic_name is not None:
        rows.append((_("Name (Cyrillic)"), result.cyrillic_name.full()))
    internal = result.internal_passport
    if internal is not None:
        rows.append((_("Series and number"), f"{internal.series} {internal.number}"))
        issued = format_day(internal.issue_date) if internal.issue_date else ""
        rows.append((_("Date of issue"), issued))
        rows.append((_("Department code"), internal.department_code))
    number = result.personal_number
    if number is not None:
        # Unverified: where the state prints the number was not checked against its rules.
        shown = (
            number.value if number.verified else f"{number.value} " + _("(reading not confirmed)")
        )
        rows.append((number.label_in(current_language()), shown))
    return rows


def json_facts(result: MrzResult) -> dict[str, object]:
    """``mrz check --json``: the stored keys, then the document facts with their labels."""
    from borderdesk.domain.mrz import describe, kind_label

    data = result.to_json_dict(facts=True)
    data["document_kind_label"] = kind_label(result.document_kind)
    number = result.personal_number
    data["personal_number_label"] = number.label_in(current_language()) if number else None
    data["notes"] = [{"code": code, "message": describe(code)} for code in result.notes]
    return data


def render_text(result: MrzResult) -> str:
    from borderdesk.domain.mrz import describe, kind_label

    passed, failed, unused = _marks()
    birth = result.birth_date.display() if result.birth_date else ""
    expiry = format_day(result.expiry_date) if result.expiry_date else ""
    if not result.expiry_required and result.expiry_date is None:
        expiry = _("none (this document has no date of expiry)")
    rows = [
        (_("Format"), _(_FORMAT_NAMES[result.format])),
        (_("Document"), kind_label(result.document_kind)),
        (_("Document type"), result.document_type),
        (_("Issuing state"), _country(result.issuing_state)),
        (_("Surname"), result.surname),
        (_("Given names"), result.given_names),
        *(_fact_rows(result)),
        (_("Document number"), result.document_number),
        (_("Nationality"), _country(result.nationality)),
        (_("Date of birth"), birth),
        (_("Sex"), result.sex),
        (_("Date of expiry"), expiry),
        (_("Optional data"), result.optional_data),
    ]
    labels = dict(_CHECK_LABELS)
    if result.internal_passport is not None:
        labels["optional_data"] = _INTERNAL_OPTIONAL_LABEL
    checks = [
        (_(label), {True: passed, False: failed, None: unused}[result.checks[key]])
        for key, label in labels.items()
    ]
    width = max(len(label) for label, _value in rows + checks) + 2
    out = [f"{label:<{width}}{value}" for label, value in rows]
    out.append("")
    out.append(_("Check digits:"))
    out += [f"  {label:<{width}}{mark}" for label, mark in checks]
    if result.errors:
        out.append("")
        out.append(_("Errors:"))
        out += [f"  {failed} {describe(code)}" for code in result.errors]
    if result.warnings:
        out.append("")
        out.append(_("Warnings:"))
        out += [f"  ! {describe(code)}" for code in result.warnings]
    if result.notes:
        out.append("")
        out.append(_("Notes:"))
        out += [f"  i {describe(code)}" for code in result.notes]
    out.append("")
    out.append(_("Valid MRZ.") if result.valid else _("The MRZ does NOT pass the checks."))
    return "\n".join(out)


@cli.group("mrz", help=_("Machine readable zones of travel documents (ICAO Doc 9303)."))
def mrz() -> None:
    pass


@mrz.command(
    "check",
    help=_(
        "Parse and validate an MRZ given as its lines (or one argument with line breaks).\n"
        "\n"
        "Exit code 0: valid; 1: a check failed; 2: not readable as an MRZ, or a format "
        "BorderDesk does not read."
    ),
)
@click.argument("lines", nargs=-1, required=True, metavar=_("LINES..."))
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON."))
@click.option(
    "--today",
    "today_text",
    default=None,
    metavar="YYYY-MM-DD",
    help=_("Judge expiry and age on this date instead of today."),
)
def check(lines: tuple[str, ...], as_json: bool, today_text: str | None) -> int:
    from borderdesk.domain.mrz import parse_mrz

    today = None
    if today_text is not None:  # an empty --today is a mistake, not "today"
        today = parse_iso_date(today_text, option="--today", window="check_day")
    # MrzUnreadable and MrzUnsupported ("unsupported format: ...") are InputErrors: exit 2.
    result = parse_mrz(lines, today=today)
    if as_json:
        print_json(json_facts(result))
    else:
        click.echo(render_text(result))
    return 0 if result.valid else 1
