"""``borderdesk case new|list|show|event|decide|evidence|extend|from-check``."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from borderdesk.cli import cli
from borderdesk.cli.forms import form, pdf_out_option
from borderdesk.cli.state import (
    CliState,
    json_option,
    parse_iso_date,
    pass_state,
    print_json,
    whole_number,
)
from borderdesk.domain.case_workflow import (
    CASE_KINDS,
    EVIDENCE_KINDS,
    category_label,
    due_state_label,
    event_label,
    evidence_word,
    kind_label,
    procedure_label,
    status_label,
)
from borderdesk.domain.deadlines import MAX_DUE_WITHIN_DAYS, step_name
from borderdesk.domain.partial_date import display_text
from borderdesk.domain.safe_text import shown_safely
from borderdesk.errors import InputError
from borderdesk.i18n import _, format_day

if TYPE_CHECKING:
    from borderdesk.services.cases.rows import CaseDetail


def _date(value: str | None, option: str) -> date | None:
    return parse_iso_date(value, option=option) if value else None


@cli.group("case", help=_("Readmission cases: open, list, show, record events and decisions."))
def case_group() -> None:
    pass


@case_group.command("new", help=_("Open a case."))
@click.option("--kind", required=True, type=click.Choice(CASE_KINDS), help=_("Kind of case."))
@click.option("--person", "person_id", default=None, help=_("Record id of the person."))
@click.option(
    "--mrz", "mrz", multiple=True, metavar=_("LINE"), help=_("MRZ lines of the person's document.")
)
@click.argument("more_mrz", nargs=-1, metavar=_("[LINE]..."))
@click.option("--requesting", required=True, help=_("Requesting state (ISO3)."))
@click.option("--requested", required=True, help=_("Requested state (ISO3)."))
@click.option(
    "--received",
    required=True,
    metavar="YYYY-MM-DD",
    help=_("Incoming: day of receipt; outgoing: day submitted; apprehension: day apprehended."),
)
@click.option("--accelerated", is_flag=True, help=_("Accelerated border procedure."))
@click.option("--facts-known", default=None, help=_("Day the facts became known (YYYY-MM-DD)."))
@click.option("--submitted", default=None, help=_("Apprehension: day the application was sent."))
@click.option("--parent", "parent_case", default=None, help=_("The case this one comes from."))
@click.option("--medical-needs", default="", help=_("Medical needs of the person."))
@click.option("--escort", is_flag=True, help=_("An escort is needed."))
@click.option("--note", default="", help=_("Notes."))
@json_option
@pass_state
def new(
    state: CliState,
    kind: str,
    person_id: str | None,
    mrz: tuple[str, ...],
    more_mrz: tuple[str, ...],
    requesting: str,
    requested: str,
    received: str,
    accelerated: bool,
    facts_known: str | None,
    submitted: str | None,
    parent_case: str | None,
    medical_needs: str,
    escort: bool,
    note: str,
    as_json: bool,
) -> None:
    from borderdesk.services import cases

    if more_mrz and not mrz:
        raise InputError(_("Unexpected arguments: {args}").format(args=" ".join(more_mrz)))
    lines = (*mrz, *more_mrz)
    if bool(person_id) == bool(lines) and not parent_case:
        raise InputError(_("Give the person: --person ID or --mrz LINE LINE [LINE]."))
    if lines and not 2 <= len(lines) <= 3:
        raise InputError(_("--mrz: an MRZ has two or three lines."))
    detail = cases.open_case(
        state.database(),
        actor=state.actor(),
        kind=kind,
        person_id=person_id,
        mrz_lines=lines or None,
        requesting=requesting,
        requested=requested,
        received=parse_iso_date(received, option="--received"),
        accelerated=accelerated,
        facts_known_on=_date(facts_known, "--facts-known"),
        submitted_on=_date(submitted, "--submitted"),
        parent_case_id=parent_case,
        medical_needs=medical_needs,
        escort_needed=escort,
        notes=note,
    )
    _report(detail, as_json, _("Opened case {number}.").format(number=detail.case_number))


@case_group.command(
    "from-check", help=_("Open an apprehension case from a check decided 'detain'.")
)
@click.argument("check_id", metavar=_("CHECK_ID"))
@click.option("--requested", default=None, help=_("Requested state (default: the neighbour)."))
@json_option
@pass_state
def from_check(state: CliState, check_id: str, requested: str | None, as_json: bool) -> None:
    from borderdesk.services import cases

    detail = cases.open_apprehension_from_check(
        state.database(), actor=state.actor(), check_id=check_id, requested=requested
    )
    _report(detail, as_json, _("Opened case {number}.").format(number=detail.case_number))


@case_group.command("list", help=_("List cases, soonest deadline first."))
@click.option("--status", default=None, help=_("A status, or 'open'."))
@click.option(
    "--due-within",
    type=whole_number(0, MAX_DUE_WITHIN_DAYS),
    default=None,
    help=_("Only cases with a deadline within this many days."),
)
@click.option("--overdue", is_flag=True, help=_("Only cases past their next deadline."))
@click.option("--kind", type=click.Choice(CASE_KINDS), default=None, help=_("Kind of case."))
@click.option("--state", "state_code", default=None, help=_("Requesting or requested state."))
@click.option("--search", default=None, help=_("Case number or name."))
@click.option("--today", default=None, hidden=True)
@json_option
@pass_state
def list_(
    state: CliState,
    status: str | None,
    due_within: int | None,
    overdue: bool,
    kind: str | None,
    state_code: str | None,
    search: str | None,
    today: str | None,
    as_json: bool,
) -> None:
    from borderdesk.services import cases

    rows = cases.list_cases(
        state.database(),
        actor=state.actor(),
        status=status,
        due_within=due_within,
        overdue=overdue,
        kind=kind,
        state=state_code,
        text=search,
        today=_date(today, "--today"),
    )
    if as_json:
        print_json([row.to_json() for row in rows])
        return
    for row in rows:
        due = ""
        if row.next_due:
            due = f"{step_name(row.next_step or '')} {format_day(row.next_due)}"
            if row.overdue:
                due += " " + _("OVERDUE")
        name = shown_safely(row.person_name)  # a name stored before names were cleaned
        click.echo(
            f"{row.case_number:<24} {kind_label(row.kind):<22} {status_label(row.status):<22} "
            f"{row.requesting_state}->{row.requested_state}  {name:<32} {due}".rstrip()
        )
    if not rows:
        click.echo(_("No cases."))


@case_group.command(
    "show", help=_("Show a case: every due date with its rule, evidence and timeline.")
)
@click.argument("case_id", metavar=_("CASE_ID"))
@click.option("--today", default=None, hidden=True)
@json_option
@pass_state
def show(state: CliState, case_id: str, today: str | None, as_json: bool) -> None:
    from borderdesk.services import cases

    detail = cases.get_case(
        state.database(), actor=state.actor(), case_id=case_id, today=_date(today, "--today")
    )
    _report(detail, as_json, None)


@case_group.command("event", help=_("Add a timeline event, or move the case one step (--to)."))
@click.argument("case_id", metavar=_("CASE_ID"))
@click.option(
    "--kind", default=None, help=_("Kind of event: note, contact, document_sent, reply_received …")
)
@click.option("--note", default="", help=_("What happened."))
@click.option("--to", "to_status", default=None, help=_("Move the case to this status."))
@click.option("--on", "on", default=None, help=_("The day it happened (YYYY-MM-DD)."))
@json_option
@pass_state
def event(
    state: CliState,
    case_id: str,
    kind: str | None,
    note: str,
    to_status: str | None,
    on: str | None,
    as_json: bool,
) -> None:
    from borderdesk.services import cases

    day = _date(on, "--on")
    if to_status:
        detail = cases.advance(
            state.database(),
            actor=state.actor(),
            case_id=case_id,
            to_status=to_status,
            note=note,
            on=day,
            kind=kind or "status",
        )
        _report(
            detail,
            as_json,
            _("Case {number} is now {status}.").format(
                number=detail.case_number, status=detail.status_label
            ),
        )
        return
    row = cases.add_event(
        state.database(),
        actor=state.actor(),
        case_id=case_id,
        kind=kind or "note",
        note=note,
        on=day,
    )
    if as_json:
        print_json(row.to_json())
    else:
        click.echo(_("Event recorded: {kind}.").format(kind=row.label))


@case_group.command("decide", help=_("Record the reply: accepted or refused."))
@click.argument("case_id", metavar=_("CASE_ID"))
@click.option("--accept/--refuse", "accept", default=None, help=_("The reply."))
@click.option("--reason", default="", help=_("Reason (required for a refusal)."))
@click.option("--on", "on", default=None, help=_("Day of the reply (YYYY-MM-DD)."))
@json_option
@pass_state
def decide(
    state: CliState, case_id: str, accept: bool | None, reason: str, on: str | None, as_json: bool
) -> None:
    from borderdesk.services import cases

    if accept is None:
        raise InputError(_("Give --accept or --refuse."))
    detail = cases.decide(
        state.database(),
        actor=state.actor(),
        case_id=case_id,
        accept=accept,
        reason=reason,
        on=_date(on, "--on"),
    )
    _report(
        detail,
        as_json,
        _("Case {number} is now {status}.").format(
            number=detail.case_number, status=detail.status_label
        ),
    )


@case_group.command("extend", help=_("Record a request to extend the reply time limit."))
@click.argument("case_id", metavar=_("CASE_ID"))
@click.option("--note", default="", help=_("The motivation of the request."))
@click.option("--on", "on", default=None, help=_("Day of the request (YYYY-MM-DD)."))
@json_option
@pass_state
def extend(state: CliState, case_id: str, note: str, on: str | None, as_json: bool) -> None:
    from borderdesk.services import cases

    detail = cases.request_extension(
        state.database(), actor=state.actor(), case_id=case_id, note=note, on=_date(on, "--on")
    )
    _report(detail, as_json, None)


@case_group.command(
    "evidence", help=_("Add a means of evidence (type from the agreement's lists), with a scan.")
)
@click.argument("case_id", metavar=_("CASE_ID"))
@click.option(
    "--kind", required=True, type=click.Choice(EVIDENCE_KINDS), help=_("Kind of evidence.")
)
@click.option("--type", "evidence_type", required=True, help=_("As listed in the agreement."))
@click.option("--description", default="", help=_("Number, date, where the original is."))
@click.option(
    "--scan",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help=_("A scan of the document (its SHA-256 is recorded)."),
)
@click.option(
    "--subject",
    type=click.Choice(("nationality", "transit")),
    default=None,
    help=_("What the evidence proves."),
)
@json_option
@pass_state
def evidence(
    state: CliState,
    case_id: str,
    kind: str,
    evidence_type: str,
    description: str,
    scan: Path | None,
    subject: str | None,
    as_json: bool,
) -> None:
    from borderdesk.services import cases

    row = cases.add_evidence(
        state.database(),
        actor=state.actor(),
        case_id=case_id,
        kind=kind,
        evidence_type=evidence_type,
        description=description,
        scan_path=scan,
        subject=subject,
    )
    if as_json:
        print_json(row.to_json())
        return
    click.echo(_("Evidence added: {type}.").format(type=row.evidence_type))
    if row.scan_sha256:
        click.echo(
            _("Scan {name}: SHA-256 {digest}").format(
                name=row.scan_filename, digest=row.scan_sha256
            )
        )


# --------------------------------------------------------------------------- output


def _report(detail: CaseDetail, as_json: bool, headline: str | None) -> None:
    if as_json:
        print_json(detail.to_json())
        return
    if headline:
        click.echo(headline)
    _print_detail(detail)


def _print_detail(d: CaseDetail) -> None:
    from borderdesk.domain.reference import agreement_name

    p = d.person
    click.echo(f"{d.case_number}  {d.kind_label} — {d.status_label}")
    click.echo(
        _("Person: {name} ({latin}), {birth}, {nationality}").format(
            name=p.name,
            latin=p.name_latin,
            birth=display_text(p.birth_date) or "?",
            nationality=p.nationality,
        )
    )
    click.echo(
        _(
            "{requesting} -> {requested} under {agreement}, {procedure}; category: {category}"
        ).format(
            requesting=d.requesting_state,
            requested=d.requested_state,
            agreement=agreement_name(d.agreement_id),
            procedure=procedure_label(d.procedure),
            category=category_label(d.category) if d.category else "-",
        )
    )
    coverage = d.coverage.reason
    if d.coverage.unverified:
        coverage += " (" + _("unconfirmed") + ")"
    click.echo(_("Coverage: {reason}").format(reason=coverage))
    if d.decision:
        click.echo(
            _("Decision: {decision} on {on}. {reason}")
            .format(
                decision=d.decision,
                on=format_day(d.decided_on) if d.decided_on else "?",
                reason=d.decision_reason,
            )
            .rstrip()
        )
    click.echo(_("Due dates:"))
    for item in d.due_dates:
        flag = item.state(d.today)
        mark = "*" if d.next_due is not None and item.step == d.next_due.step else " "
        click.echo(f" {mark} {item.label:<40} {format_day(item.due)}  [{due_state_label(flag)}]")
        click.echo(f"     {item.rule}" + (" (" + _("unconfirmed") + ")" if item.unverified else ""))
    for problem in d.schedule_problems:
        click.echo(f"   ! {problem}")
    if d.evidence:
        click.echo(_("Evidence:"))
        for e in d.evidence:
            scan = f"  [{e.scan_filename} sha256:{e.scan_sha256[:12]}…]" if e.scan_sha256 else ""
            what = f"{evidence_word(e.subject)}, {evidence_word(e.kind)}"
            click.echo(f"   {what}: {e.evidence_type} — {e.description}{scan}")
    click.echo(_("Timeline:"))
    for ev in d.timeline:
        step = ""
        if ev.to_status:
            before = status_label(ev.from_status) if ev.from_status else ""
            step = f" {before} -> {status_label(ev.to_status)}"
        line = f"   {format_day(ev.day)}  {ev.author:<12} {event_label(ev.kind)}{step}  {ev.note}"
        click.echo(line.rstrip())


# --------------------------------------------------------------------------- the form


@form.command("application", help=_("The readmission application of a case."))
@click.argument("case_id", metavar=_("CASE_ID"))
@pdf_out_option
@pass_state
def application_form(state: CliState, case_id: str, out: Path) -> int:
    from borderdesk.services.cases.application_form import write_application

    data = write_application(state.database(), actor=state.actor(), case_id=case_id, out=out)
    click.echo(
        _("Application {number} written to {path}").format(number=data.application_number, path=out)
    )
    return 0
