"""``borderdesk centre rooms|intake|list|show|move|release`` and ``form intake``."""

from __future__ import annotations

import tomllib
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from borderdesk.cli import cli
from borderdesk.cli.forms import form, pdf_out_option
from borderdesk.cli.state import CliState, json_option, pass_state, print_json
from borderdesk.domain.centre import parse_amount
from borderdesk.domain.safe_text import shown_in_message
from borderdesk.errors import InputError, os_error_reason
from borderdesk.i18n import _, format_amount, format_day

if TYPE_CHECKING:
    from borderdesk.services import centre
    from borderdesk.services.centre.rows import StayDetail


@cli.group("centre", help=_("The readmission centre: rooms and beds, intake, residents, release."))
def centre_group() -> None:
    pass


def _flags(flags: tuple[str, ...]) -> str:
    from borderdesk.services.centre.rows import flag_label

    return ", ".join(flag_label(f) for f in flags)


def _print_stay(detail: StayDetail) -> None:
    from borderdesk.services.centre.rows import stay_status_label

    term = detail.term
    click.echo(
        _("Stay {number}: {name} ({nationality}), bed {bed}").format(
            number=detail.stay_number,
            name=detail.person.display_name,
            nationality=detail.person.nationality,
            bed=detail.bed,
        )
    )
    click.echo(f"  id: {detail.id}")
    click.echo(
        "  "
        + _(
            "Day {days_in} of {max_days}; last day {last_day}; cost so far {cost} {currency}"
        ).format(
            days_in=term.days_in,
            max_days=term.max_days,
            last_day=format_day(term.last_day),
            cost=term.cost_so_far,
            currency=term.currency,
        )
        + (" " + _("(unconfirmed figures)") if term.unverified else "")
    )
    if detail.flags:
        click.echo("  " + _flags(detail.flags))
    if not detail.is_active:
        click.echo(
            "  "
            + _("Ended ({status}): {reason}").format(
                status=stay_status_label(detail.status), reason=detail.end_reason
            )
        )


# --------------------------------------------------------------------------- rooms


def _read_rooms(path: Path) -> list[centre.RoomSpec]:
    from borderdesk.services import centre

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(
            _("Cannot read {path}: {error}").format(path=path, error=os_error_reason(exc))
        ) from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(_("Cannot read {path}: {error}").format(path=path, error=exc)) from None
    specs = []
    for i, room in enumerate(data.get("room", [])):
        try:
            specs.append(
                centre.RoomSpec(
                    code=str(room["code"]),
                    name=str(room.get("name", "")),
                    suitable_for=tuple(room["suitable_for"]),
                    beds=tuple(str(b) for b in room["beds"]),
                    active=bool(room.get("active", True)),
                )
            )
        except (KeyError, TypeError):
            raise InputError(
                _("{path}: room[{i}] needs code, suitable_for and beds.").format(path=path, i=i)
            ) from None
    if not specs:
        raise InputError(_("{path}: no [[room]] tables.").format(path=path))
    return specs


@centre_group.command(
    "rooms",
    help=_("Rooms and beds, and who sleeps in each (a new centre gets the default layout)."),
)
@click.option(
    "--configure",
    "layout",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    help=_("Set the rooms and beds from a TOML file of [[room]] tables (administrators)."),
)
@json_option
@pass_state
def rooms(state: CliState, layout: Path | None, as_json: bool) -> None:
    from borderdesk.services import centre

    db, actor = state.database(), state.actor()
    if layout is not None:
        rows = centre.configure_rooms(db, actor=actor, rooms=_read_rooms(layout))
    else:
        rows = centre.ensure_default_rooms(db, actor=actor)
    if as_json:
        print_json([r.to_json() for r in rows])
        return
    for room in rows:
        kinds = ", ".join(room.suitable_for)
        click.echo(
            f"{room.code:<6} {room.name}  [{kinds}]  "
            + _("{occupied} of {capacity} beds taken").format(
                occupied=room.occupied, capacity=room.capacity
            )
        )
        for bed in room.beds:
            who = bed.occupant or (_("free") if bed.active else _("out of use"))
            click.echo(f"    {bed.label:<8} {who}")


# --------------------------------------------------------------------------- intake


def _item(text: str) -> centre.BelongingLine:
    from borderdesk.services import centre

    item, _sep, rest = text.partition(":")
    quantity, _sep, description = rest.partition(":")
    written = quantity.strip()
    # Plain ASCII digits: int() also takes "1_0" and other scripts' digits.
    if written and not (written.isascii() and written.isdigit()):
        raise InputError(
            _("--item: expected ITEM[:QUANTITY[:DESCRIPTION]], got '{text}'.").format(
                text=shown_in_message(text)
            )
        )
    count = int(written) if written else 1
    return centre.BelongingLine(item.strip(), count, description.strip())


def _cash(text: str) -> centre.BelongingLine:
    from borderdesk.services import centre

    currency, sep, amount = text.partition(":")
    if not sep:
        raise InputError(
            _("--cash: expected CURRENCY:AMOUNT, got '{text}'.").format(text=shown_in_message(text))
        )
    return centre.BelongingLine("", currency=currency.strip(), amount=parse_amount(amount))


@centre_group.command(
    "intake", help=_("Take a person in: --case ID, or --mrz LINE LINE [LINE], or --person ID.")
)
@click.option("--case", "case_id", default=None, help=_("Take in the person of this case."))
@click.option("--person", "person_id", default=None, help=_("Take in a person on record."))
@click.option(
    "--mrz", "first_line", metavar=_("LINE"), help=_("The first MRZ line; the others follow.")
)
@click.argument("more_lines", nargs=-1, metavar=_("[LINE]..."))
@click.option(
    "--bed", default=None, metavar=_("ROOM/BED"), help=_("Default: first suitable free bed.")
)
@click.option(
    "--arrived", default=None, help=_("Time of arrival, ISO 8601 with zone (default: now).")
)
@click.option(
    "--from", "arriving_from", default="", help=_("Arriving from (a post, an EU transfer).")
)
@click.option("--escort", multiple=True, help=_("An escorting officer (repeat for each)."))
@click.option(
    "--item", "items", multiple=True, help=_("Belongings: ITEM[:QUANTITY[:DESCRIPTION]].")
)
@click.option("--cash", multiple=True, help=_("Cash: CURRENCY:AMOUNT, e.g. RUB:12450."))
@click.option("--basis", "legal_basis", default=None, help=_("Legal basis code (centre.toml)."))
@click.option("--decision-number", default="", help=_("Number of the decision the basis rests on."))
@click.option("--decision-date", default=None, help=_("Date of that decision, YYYY-MM-DD."))
@click.option("--fit/--unfit", "fit_to_travel", default=None, help=_("Fit to travel."))
@click.option("--medical-needs", default="", help=_("Medical needs of the person."))
@click.option("--medication", default="", help=_("Medication the person takes."))
@click.option(
    "--minor", is_flag=True, default=None, help=_("A minor (default: from the birth date).")
)
@click.option("--unaccompanied", is_flag=True, help=_("An unaccompanied minor."))
@click.option("--family", "family_stay", default=None, help=_("Stay id of a family member here."))
@click.option("--pregnant", is_flag=True, help=_("The person is pregnant."))
@click.option("--disabled", is_flag=True, help=_("The person has a disability."))
@click.option("--languages", default="", help=_("Languages the person speaks."))
@click.option("--interpreter", is_flag=True, help=_("An interpreter is needed."))
@click.option("--note", default="", help=_("Notes."))
@json_option
@pass_state
def intake(
    state: CliState,
    case_id: str | None,
    person_id: str | None,
    first_line: str | None,
    more_lines: tuple[str, ...],
    bed: str | None,
    arrived: str | None,
    arriving_from: str,
    escort: tuple[str, ...],
    items: tuple[str, ...],
    cash: tuple[str, ...],
    legal_basis: str | None,
    decision_number: str,
    decision_date: str | None,
    fit_to_travel: bool | None,
    medical_needs: str,
    medication: str,
    minor: bool | None,
    unaccompanied: bool,
    family_stay: str | None,
    pregnant: bool,
    disabled: bool,
    languages: str,
    interpreter: bool,
    note: str,
    as_json: bool,
) -> None:
    from borderdesk.services import centre
    from borderdesk.services.centre.queries import as_uuid

    if more_lines and not first_line:
        raise InputError(_("Unexpected arguments: {args}").format(args=" ".join(more_lines)))
    lines = [first_line, *more_lines] if first_line else []
    if lines and not 2 <= len(lines) <= 3:
        raise InputError(_("--mrz: an MRZ has two or three lines."))
    if sum(bool(x) for x in (case_id, person_id, lines)) != 1:
        raise InputError(_("Give the person: --case ID, --mrz LINE LINE [LINE] or --person ID."))
    arrived_at = None
    if arrived:
        try:
            arrived_at = datetime.fromisoformat(arrived)
        except ValueError:
            arrived_at = None
        if arrived_at is None or arrived_at.tzinfo is None:
            raise InputError(
                _(
                    "--arrived: expected a time such as 2024-03-05T14:20+05:00, got '{value}'."
                ).format(value=shown_in_message(arrived))
            )
    decided_on = None
    if decision_date:
        try:
            decided_on = date.fromisoformat(decision_date)
        except ValueError:
            raise InputError(
                _("--decision-date: expected a date such as 2024-03-05, got '{value}'.").format(
                    value=shown_in_message(decision_date)
                )
            ) from None
    db, actor = state.database(), state.actor()
    centre.ensure_default_rooms(db, actor=actor)
    family = as_uuid(family_stay) if family_stay else None
    detail = centre.intake(
        db,
        actor=actor,
        case_id=case_id,
        mrz_lines=lines or None,
        person_id=person_id,
        bed=bed,
        arrived_at=arrived_at,
        arriving_from=arriving_from,
        escorts=escort,
        belongings=[*(_item(i) for i in items), *(_cash(c) for c in cash)],
        medical=centre.Medical(fit_to_travel, medical_needs, medication),
        vulnerability=centre.Vulnerability(
            minor=minor or None,
            unaccompanied_minor=unaccompanied,
            family_stay_id=family,
            pregnant=pregnant,
            disabled=disabled,
        ),
        languages=languages,
        interpreter_needed=interpreter,
        legal_basis=legal_basis,
        decision_number=decision_number,
        decision_date=decided_on,
        note=note,
    )
    if as_json:
        print_json(detail.to_json())
        return
    _print_stay(detail)


# --------------------------------------------------------------------------- the stay


@centre_group.command(
    "list", help=_("Everyone in the centre: bed, person, days in, days left, flags.")
)
@json_option
@pass_state
def list_(state: CliState, as_json: bool) -> None:
    from borderdesk.services import centre

    rows = centre.list_residents(state.database(), actor=state.actor())
    if as_json:
        print_json([r.to_json() for r in rows])
        return
    if not rows:
        click.echo(_("Nobody is in the centre."))
        return
    for r in rows:
        click.echo(
            f"{r.bed:<7} {r.stay_number:<18} {r.person.display_name:<36} "
            f"{r.person.nationality:<4} {r.days_in:>3}/{r.max_days:<3} "
            + _("{n} days left").format(n=r.days_left)
            + (f"  [{_flags(r.flags)}]" if r.flags else "")
        )


@centre_group.command("show", help=_("One stay, by id or stay number."))
@click.argument("stay_id", metavar=_("STAY_ID"))
@json_option
@pass_state
def show(state: CliState, stay_id: str, as_json: bool) -> None:
    from borderdesk.services import centre

    detail = centre.get_stay(state.database(), actor=state.actor(), stay_id=stay_id)
    if as_json:
        print_json(detail.to_json())
        return
    _print_stay(detail)
    for b in detail.belongings:
        amount = format_amount(b.amount, b.currency) if b.is_cash else str(b.quantity)
        click.echo(f"  {b.line_no:>3}. {b.display_item} — {amount} {b.description}".rstrip())


@centre_group.command("move", help=_("Move a resident to another bed."))
@click.argument("stay_id", metavar=_("STAY_ID"))
@click.option("--bed", required=True, metavar=_("ROOM/BED"), help=_("The new bed."))
@json_option
@pass_state
def move(state: CliState, stay_id: str, bed: str, as_json: bool) -> None:
    from borderdesk.services import centre

    detail = centre.move_bed(state.database(), actor=state.actor(), stay_id=stay_id, bed=bed)
    if as_json:
        print_json(detail.to_json())
        return
    _print_stay(detail)


def _returned(values: tuple[str, ...]) -> list[centre.ReturnLine]:
    from borderdesk.services import centre

    lines = []
    for value in values:
        line, sep, amount = value.partition("=")
        if not sep or not line.strip():
            raise InputError(
                _("--returned: expected LINE=QUANTITY, got '{text}'.").format(
                    text=shown_in_message(value)
                )
            )
        number = parse_amount(amount)
        lines.append(centre.ReturnLine(line.strip(), quantity=int(number), amount=number))
    return lines


@centre_group.command(
    "release",
    help=_(
        "End a stay by release; belongings are returned line by line.\n"
        "\n"
        "Lines not named with --returned count as not returned, unless --all-returned."
    ),
)
@click.argument("stay_id", metavar=_("STAY_ID"))
@click.option("--reason", required=True, help=_("Why the person is released."))
@click.option("--all-returned", is_flag=True, help=_("Every belonging returned as received."))
@click.option(
    "--returned",
    multiple=True,
    metavar=_("LINE=QUANTITY"),
    help=_("What came back of one receipt line (quantity, or the amount of cash)."),
)
@click.option("--explanation", default=None, help=_("Why belongings differ from the receipt."))
@json_option
@pass_state
def release(
    state: CliState,
    stay_id: str,
    reason: str,
    all_returned: bool,
    returned: tuple[str, ...],
    explanation: str | None,
    as_json: bool,
) -> None:
    from borderdesk.services import centre

    if all_returned and returned:
        raise InputError(_("Give --all-returned or --returned, not both."))
    detail = centre.release(
        state.database(),
        actor=state.actor(),
        stay_id=stay_id,
        reason=reason,
        returned=None if all_returned else _returned(returned),
        explanation=explanation,
    )
    if as_json:
        print_json(detail.to_json())
        return
    click.echo(_("Stay {number} ended: released.").format(number=detail.stay_number))


# --------------------------------------------------------------------------- form


@form.command("intake", help=_("The intake protocol of a stay, with the belongings receipt."))
@click.argument("stay_id", metavar=_("STAY_ID"))
@pdf_out_option
@pass_state
def intake_form(state: CliState, stay_id: str, out: Path) -> int:
    from borderdesk.services.centre import forms as centre_forms

    detail = centre_forms.render_intake(
        state.database(), actor=state.actor(), stay_id=stay_id, out=out
    )
    click.echo(_("Protocol {number} written to {path}").format(number=detail.stay_number, path=out))
    return 0
