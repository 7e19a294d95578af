"""``borderdesk check``: check a document (recorded with a decision); ``check list``."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import click

from borderdesk.cli import cli
from borderdesk.cli.state import CliState, pass_state, print_json, whole_number
from borderdesk.domain.refusal_grounds import ground_codes, ground_label
from borderdesk.errors import InputError
from borderdesk.i18n import N_, _, current_language, format_datetime, format_day
from borderdesk.services import checks
from borderdesk.services.checks import DECISIONS, DIRECTIONS

if TYPE_CHECKING:
    from borderdesk.services.checks import CheckOutcome
    from borderdesk.services.checks.records import CheckRecord


_VERDICTS = {
    "alert": N_("ALERT: stop and examine"),
    "warning": N_("WARNING: examine the findings"),
    "clear": N_("CLEAR: nothing found"),
}
_MATCHED_BY = {
    "document": N_("known person, found by the document"),
    "name_birth_nationality": N_("known person, found by name, date of birth and nationality"),
    "new": N_("not on record before"),
}


def _marks() -> dict[str, str]:
    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        "✗".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return {"critical": "X", "warning": "!", "info": "i"}
    return {"critical": "✗", "warning": "!", "info": "·"}


def _record_lines(record: CheckRecord, timezone: str | None) -> list[str]:
    from borderdesk.services.people.history import decision_label

    decision = decision_label(record.decision) if record.decision else _("none recorded")
    out = [
        _("Check {number} (id {id})").format(number=record.protocol_number, id=record.id),
        _("Time: {time}").format(time=format_datetime(record.checked_at, tz=timezone)),
        _("Decision: {decision}").format(decision=decision),
    ]
    if record.refusal_ground:
        text = ground_label(record.refusal_ground, current_language())
        out.append(_("Legal ground: {ground}").format(ground=text))
    if record.corrects_id:
        out.append(_("Corrects check {id}").format(id=record.corrects_id))
    if record.note:
        out.append(_("Note: {note}").format(note=record.note))
    return out


def render_outcome(outcome: CheckOutcome, timezone: str | None = None) -> str:
    from borderdesk.services.people.history import history_outcome, history_record

    doc, person = outcome.document, outcome.person
    out = [_(_VERDICTS[outcome.verdict]), ""]
    birth = person.birth_date.display() if person.birth_date else "—"
    out.append(
        _("Person: {name}, born {birth}, {nationality} ({how})").format(
            name=" ".join(p for p in (person.surname, person.given_names) if p),
            birth=birth,
            nationality=person.nationality,
            how=_(_MATCHED_BY[outcome.matched_by]),
        )
    )
    expiry = format_day(doc.expiry_date) if doc.expiry_date else "—"
    out.append(
        _("Document: {format} {type} {state} {number}, valid until {expiry}").format(
            format=doc.format,
            type=doc.document_type,
            state=doc.issuing_state,
            number=doc.document_number,
            expiry=expiry,
        )
    )
    if outcome.visa is not None:
        out.append(
            _("Visa: {state} {number}").format(
                state=outcome.visa.issuing_state, number=outcome.visa.document_number
            )
        )
    marks = _marks()
    if outcome.findings:
        out += ["", _("Findings:")]
        out += [f"  {marks.get(f.severity, '?')} {f.message()}" for f in outcome.findings]
    if outcome.history:
        out += ["", _("History:")]
        for entry in outcome.history:
            when = format_datetime(entry.at, tz=timezone, fmt="short")
            record, outcome_text = history_record(entry), history_outcome(entry)
            out.append(f"  {when}  {entry.site}  {entry.reference}  {record}  {outcome_text}")
    if outcome.check is not None:
        out += [""] + _record_lines(outcome.check, timezone)
    else:
        out += ["", _("Not recorded: without --decision the check is only assessed.")]
    return "\n".join(out)


def _mrz_input(first: str | None, more: tuple[str, ...]) -> Any:
    lines = ([first] if first else []) + list(more)
    if not lines:
        raise InputError(_("Give the document's MRZ: --mrz LINE LINE [LINE]."))
    return lines[0] if len(lines) == 1 else lines


@cli.command(
    "check",
    short_help=_("Check a document (--mrz), or list the recorded checks (list)."),
    help=_(
        "Check a document: borderdesk check --mrz LINE LINE [LINE] [--decision …].\n"
        "\n"
        "Prints the verdict (MRZ, watchlists, entry regime, earlier records). With "
        "--decision the check is recorded with that decision; without it the document "
        "is only assessed and nothing is written. A decision taken later on a recorded "
        "check is recorded as a correction: borderdesk check --correct CHECK_ID|NUMBER "
        "--decision admit|refuse|detain. Saved checks are never changed. Bad MRZ input "
        "records nothing (exit code 2). The recorded checks: borderdesk check list."
    ),
)
@click.option(
    "--mrz", "first_line", metavar=_("LINE"), help=_("The first MRZ line; the others follow.")
)
@click.argument("more_lines", nargs=-1, metavar=_("[LINE]..."))
@click.option("--visa", nargs=2, metavar=_("LINE LINE"), default=None, help=_("A visa's MRZ."))
@click.option(
    "--direction",
    type=click.Choice(DIRECTIONS),
    default="entry",
    show_default=True,
    help=_("Entry or exit."),
)
@click.option(
    "--decision", type=click.Choice(DECISIONS), default=None, help=_("The officer's decision.")
)
@click.option("--note", default="", help=_("The officer's note."))
@click.option(
    "--ground",
    metavar=_("CODE"),
    default=None,
    help=_("The legal ground of a refusal (needed with --decision refuse): {codes}.").format(
        codes=", ".join(ground_codes())
    ),
)
@click.option(
    "--correct",
    "correct_id",
    metavar=_("CHECK_ID"),
    default=None,
    help=_("Record a correction of that check, by id or protocol number (with --decision)."),
)
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON."))
@pass_state
def check_command(
    state: CliState,
    first_line: str | None,
    more_lines: tuple[str, ...],
    visa: tuple[str, str] | None,
    direction: str,
    decision: str | None,
    note: str,
    ground: str | None,
    correct_id: str | None,
    as_json: bool,
) -> int:
    from borderdesk.services.site.sites import this_site

    if correct_id is not None:
        if first_line or more_lines or visa:
            raise InputError(_("--correct takes no MRZ: it corrects a saved check."))
        if decision is None:
            raise InputError(_("--correct needs --decision admit, refuse or detain."))
        record = checks.correct_check(
            state.database(),
            actor=state.actor(),
            check_id=correct_id,
            decision=decision,
            note=note or None,
            ground=ground,
        )
        if as_json:
            print_json(record.to_json())
        else:
            timezone = this_site(state.database()).timezone
            click.echo("\n".join(_record_lines(record, timezone)))
        return 0
    lines = _mrz_input(first_line, more_lines)
    actor = state.actor()
    visa_lines = list(visa) if visa else None
    if decision is None:
        # DESIGN.md: "no decision: assess only, write nothing".
        if note:
            raise InputError(_("--note goes with --decision: a check without one is not saved."))
        if ground:
            raise InputError(_("--ground goes with --decision refuse."))
        outcome = checks.assess(
            state.database(),
            actor=actor,
            mrz_lines=lines,
            visa_lines=visa_lines,
            direction=direction,
        )
    else:
        outcome = checks.check_document(
            state.database(),
            actor=actor,
            mrz_lines=lines,
            visa_lines=visa_lines,
            direction=direction,
            decision=decision,
            note=note,
            ground=ground,
        )
    if as_json:
        print_json(outcome.to_json())
    else:
        click.echo(render_outcome(outcome, this_site(state.database()).timezone))
    return 0


@cli.command(
    "check list", help=_("The recorded checks, newest first: borderdesk check list [--json].")
)
@click.option(
    "--limit",
    type=whole_number(1, 1000),
    default=checks.RECENT_LIMIT,
    show_default=True,
    help=_("How many checks to show."),
)
@click.option("--json", "as_json", is_flag=True, help=_("Print JSON."))
@pass_state
def check_list_command(state: CliState, limit: int, as_json: bool) -> int:
    from borderdesk.services.site.sites import this_site

    records = checks.recent_checks(state.database(), actor=state.actor(), limit=limit)
    if as_json:
        print_json([record.to_json() for record in records])
        return 0
    if not records:
        click.echo(_("No checks recorded."))
        return 0
    timezone = this_site(state.database()).timezone
    for record in records:
        click.echo("  ".join(_list_line(record, timezone)))
    return 0


def _list_line(record: CheckRecord, timezone: str | None) -> list[str]:
    from borderdesk.services.people.history import decision_label, direction_label

    person = record.person
    travel = record.document("travel")
    document = f"{travel.issuing_state} {travel.number}" if travel else "—"
    decision = decision_label(record.decision) if record.decision else _("no decision")
    if record.corrects_id:
        decision = _("{decision} (correction)").format(decision=decision)
    return [
        record.protocol_number,
        format_datetime(record.checked_at, tz=timezone, fmt="short"),
        " ".join(p for p in (person.surname, person.given_names) if p),
        document,
        direction_label(record.direction),
        decision,
    ]
