"""The readmission centre's rules, in pure Python: who may sleep where, how long a stay
may last and what it costs, and whether belongings came back as they were received.

The figures (maximum stay per legal basis, cost per day, the default room layout)
come from ``resources/centre.toml``; nothing here hard-codes them. Each figure keeps
its ``source`` and ``verified`` flag so the user interface can mark it unconfirmed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Literal

from babel.numbers import get_currency_precision, is_currency

from borderdesk.domain.partial_date import PartialDate
from borderdesk.domain.strict_toml import ReferenceDataError, StrictTable, read_strict_toml
from borderdesk.errors import InputError
from borderdesk.i18n import N_, _, current_language
from borderdesk.paths import resource

CENTRE_FILE = "centre.toml"
ROOM_KINDS = ("men", "women", "families", "minors")
ROOM_KIND_LABELS = {
    "men": N_("men"),
    "women": N_("women"),
    "families": N_("families"),
    "minors": N_("minors"),
}
ADULT_AGE = 18

# --------------------------------------------------------------------------- the figures


@dataclass(frozen=True)
class LegalBasis:
    """A ground for keeping a person in the centre and the longest stay it allows."""

    code: str
    title_ru: str
    title_en: str
    max_days: int
    verified: bool
    source: str
    # The decision this ground rests on (e.g. a court order), printed with its number and
    # date on the intake protocol; "" when the ground needs none.
    decision_ru: str = ""
    decision_en: str = ""

    def title(self, lang: str | None = None) -> str:
        return self.title_ru if (lang or current_language()) == "ru" else self.title_en

    def decision(self, lang: str | None = None) -> str:
        """The kind of decision the basis rests on ("" if none), in ``lang``."""
        return self.decision_ru if (lang or current_language()) == "ru" else self.decision_en


@dataclass(frozen=True)
class DailyCost:
    per_day: Decimal
    currency: str
    verified: bool
    source: str


@dataclass(frozen=True)
class RoomPlan:
    code: str
    name: str
    suitable_for: tuple[str, ...]
    beds: tuple[str, ...]


@dataclass(frozen=True)
class CentreRules:
    legal_bases: tuple[LegalBasis, ...]
    cost: DailyCost
    rooms: tuple[RoomPlan, ...]
    warn_days_left: int

    def basis(self, code: str) -> LegalBasis:
        for basis in self.legal_bases:
            if basis.code == code:
                return basis
        raise InputError(
            _("Unknown legal basis '{code}': use one of {codes}.").format(
                code=code, codes=", ".join(b.code for b in self.legal_bases)
            ),
            code="unknown_legal_basis",
        )

    @property
    def default_basis(self) -> LegalBasis:
        return self.legal_bases[0]


def _kinds(block: StrictTable, key: str) -> tuple[str, ...]:
    kinds = block.texts(key, required=True)
    for kind in kinds:
        if kind not in ROOM_KINDS:
            block.fail(key, _("unknown room kind '{kind}'").format(kind=kind))
    if not kinds:
        block.fail(key, _("missing key"))
    return kinds


def _load(path: Path) -> CentreRules:
    top = read_strict_toml(path)
    stay = top.table("stay", required=True)
    assert stay is not None
    warn = stay.whole("warn_days_left", minimum=0)
    stay.finish()
    cost_block = top.table("cost", required=True)
    assert cost_block is not None
    raw_cost = cost_block._get("per_day", True)
    try:
        per_day = Decimal(str(raw_cost))
    except InvalidOperation:
        cost_block.fail("per_day", _("expected a number"))
    if isinstance(raw_cost, bool) or per_day < 0:
        cost_block.fail("per_day", _("expected a number"))
    cost = DailyCost(
        per_day=per_day,
        currency=cost_block.req_text("currency"),
        verified=cost_block.flag("verified", required=True),
        source=cost_block.local_text("source") or "",
    )
    cost_block.finish()
    bases: list[LegalBasis] = []
    for block in top.tables("legal_basis", required=True):
        max_days = block.whole("max_days", minimum=1)
        assert max_days is not None
        basis = LegalBasis(
            code=block.req_text("code"),
            title_ru=block.req_text("title_ru"),
            title_en=block.req_text("title_en"),
            max_days=max_days,
            verified=block.flag("verified", required=True),
            source=block.local_text("source") or "",
            decision_ru=block.text("decision_ru", required=False, default="") or "",
            decision_en=block.text("decision_en", required=False, default="") or "",
        )
        if any(b.code == basis.code for b in bases):
            block.fail("code", _("'{code}' is listed twice").format(code=basis.code))
        block.finish()
        bases.append(basis)
    rooms: list[RoomPlan] = []
    for block in top.tables("room"):
        room = RoomPlan(
            code=block.req_text("code"),
            name=block.req_text("name"),
            suitable_for=_kinds(block, "suitable_for"),
            beds=block.texts("beds", required=True),
        )
        if any(r.code == room.code for r in rooms):
            block.fail("code", _("'{code}' is listed twice").format(code=room.code))
        if len(set(room.beds)) != len(room.beds) or not room.beds:
            block.fail("beds", _("expected distinct bed labels"))
        block.finish()
        rooms.append(room)
    top.finish()
    if warn is None:
        raise ReferenceDataError(path.name, "stay.warn_days_left", _("missing key"))
    return CentreRules(tuple(bases), cost, tuple(rooms), warn)


def load_centre_rules(path: Path | str | None = None) -> CentreRules:
    """The centre's figures; the shipped file is read once and cached."""
    if path is None:
        return _default_rules(current_language())
    return _load(Path(path))


@cache
def _default_rules(lang: str) -> CentreRules:
    """Read once per language: the sources are the texts in ``lang`` (see local_text)."""
    return _load(resource(CENTRE_FILE))


# --------------------------------------------------------------------------- beds


def parse_bed_label(text: str) -> tuple[str, str]:
    """``"3/B"`` -> ``("3", "B")``: a bed is named by its room and its own label."""
    room, sep, bed = text.strip().partition("/")
    if not sep or not room.strip() or not bed.strip():
        raise InputError(
            _("A bed is given as ROOM/BED, e.g. 3/B; got '{text}'.").format(text=text),
            code="bad_bed_label",
        )
    return room.strip(), bed.strip()


def bed_label(room_code: str, bed: str) -> str:
    return f"{room_code}/{bed}"


def is_minor(birth: PartialDate | None, on: date) -> bool:
    """Whether the person may be under 18 on ``on``: in doubt, the protective answer."""
    if birth is None:
        return False
    latest = birth.latest()
    if latest.year + ADULT_AGE > date.max.year:  # a stored birth year 9999: in doubt, a minor
        return True
    try:
        adult_on = latest.replace(year=latest.year + ADULT_AGE)
    except ValueError:  # 29 February
        adult_on = date(latest.year + ADULT_AGE, 3, 1)
    return on < adult_on


@dataclass(frozen=True)
class ResidentProfile:
    """What decides where a person may sleep."""

    sex: str  # "M", "F", anything else: not recorded
    minor: bool = False
    unaccompanied_minor: bool = False
    in_family: bool = False  # linked to another resident of the centre
    pregnant: bool = False


@dataclass(frozen=True)
class BedNeed:
    """Room kinds a bed may be suggested in (best first), and those staff may choose."""

    preferred: tuple[str, ...]
    allowed: tuple[str, ...]


def bed_need(profile: ResidentProfile) -> BedNeed:
    """Unaccompanied minors sleep apart from adults; families together; adults by sex.

    A person whose sex is not recorded gets no suggestion: staff choose a men's or a
    women's bed themselves.
    """
    if profile.unaccompanied_minor or (profile.minor and not profile.in_family):
        return BedNeed(("minors",), ("minors",))
    if profile.minor:
        return BedNeed(("families",), ("families",))
    by_sex = {"M": "men", "F": "women"}.get(profile.sex)
    if profile.in_family:
        own = (by_sex,) if by_sex else ()
        return BedNeed(("families", *own), ("families", *own))
    if by_sex is None:
        return BedNeed((), ("men", "women"))
    return BedNeed((by_sex,), (by_sex,))


def unsuitable_reason(profile: ResidentProfile, suitable_for: Iterable[str]) -> str | None:
    """Why a room for ``suitable_for`` is not for this person (translated), or None."""
    kinds = set(suitable_for)
    need = bed_need(profile)
    if kinds & set(need.allowed):
        return None
    wanted = ", ".join(_(ROOM_KIND_LABELS[k]) for k in need.allowed)
    return _("This room is not for this person: a room for {kinds} is needed.").format(kinds=wanted)


def check_profile(profile: ResidentProfile) -> None:
    if profile.unaccompanied_minor and profile.in_family:
        raise InputError(
            _("An unaccompanied minor cannot also be linked to a family member in the centre."),
            code="unaccompanied_with_family",
        )


# --------------------------------------------------------------------------- the stay

Level = Literal["ok", "near", "overdue", "ended"]


@dataclass(frozen=True)
class StayTerm:
    """Days in the centre, days left of the legal maximum, and the cost so far."""

    days_in: int
    max_days: int
    days_left: int
    last_day: date
    cost_so_far: Decimal
    currency: str
    level: Level
    unverified: bool


def stay_term(
    *,
    arrived_on: date,
    today: date,
    basis: LegalBasis,
    cost: DailyCost,
    warn_days_left: int,
    ended_on: date | None = None,
) -> StayTerm:
    """The day of arrival is day 1; the last permitted day is day ``max_days``.

    An ended stay counts up to its last day; days left then say how much of the
    maximum was not used (``level`` is ``"ended"``).
    """
    until = ended_on or today
    days_in = max(1, (until - arrived_on).days + 1)
    days_left = basis.max_days - days_in
    if ended_on is not None:
        level: Level = "ended"
    elif days_left < 0:
        level = "overdue"
    elif days_left <= warn_days_left:
        level = "near"
    else:
        level = "ok"
    return StayTerm(
        days_in=days_in,
        max_days=basis.max_days,
        days_left=days_left,
        last_day=_days_after(arrived_on, basis.max_days - 1),
        cost_so_far=cost.per_day * days_in,
        currency=cost.currency,
        level=level,
        unverified=not (basis.verified and cost.verified),
    )


def _days_after(day: date, days: int) -> date:
    """``day`` + ``days``, held at the calendar's end for a stored 9999-12-31.

    A read never crashes on a bad stored value.
    """
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


# --------------------------------------------------------------------------- belongings


# Cash counted by hand: 15 digits before the point is more than any wallet and fits the
# 24-character column with the decimals (a storage bound, not a legal figure).
MAX_AMOUNT_DIGITS = 15
# Things counted on a belongings line (a storage bound, not a legal figure): a number
# beyond it is a typo, and one past SQLite's integer once crashed the intake.
MAX_BELONGING_QUANTITY = 9999


def parse_amount(text: str | Decimal | int, *, currency: str | None = None) -> Decimal:
    """A cash amount as written (``"12450"``, ``"3000.50"``, ``"3000,50"``).

    Plain digits only (``1e400`` is refused), at most :data:`MAX_AMOUNT_DIGITS` before the
    point and, with ``currency``, no more decimals than the currency has minor units.
    """
    written = str(text).replace(",", ".").replace(" ", "").replace("\u202f", "")
    try:
        value = Decimal(written)
    except InvalidOperation:
        raise InputError(
            _("'{text}' is not an amount of money.").format(text=text), code="bad_amount"
        ) from None
    if not value.is_finite() or value < 0 or "e" in written.lower():
        raise InputError(
            _("'{text}' is not an amount of money.").format(text=text), code="bad_amount"
        )
    if value >= Decimal(10) ** MAX_AMOUNT_DIGITS:
        raise InputError(
            _("'{text}': an amount has at most {n} digits before the decimal point.").format(
                text=text, n=MAX_AMOUNT_DIGITS
            ),
            code="bad_amount",
        )
    exponent = value.as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    if currency is not None and decimals > get_currency_precision(currency):
        raise InputError(
            _("'{text}': {currency} has at most {n} digits after the decimal point.").format(
                text=text, currency=currency, n=get_currency_precision(currency)
            ),
            code="bad_amount",
        )
    return value


def is_currency_code(code: str) -> bool:
    """An ISO 4217 currency code (babel's list, which also holds withdrawn currencies)."""
    return len(code) == 3 and code.isalpha() and code.isupper() and is_currency(code)


@dataclass(frozen=True)
class ReceivedLine:
    """One line of the belongings receipt: an item with a quantity, or cash."""

    key: str
    item: str
    quantity: int = 1
    currency: str = ""
    amount: Decimal | None = None

    @property
    def is_cash(self) -> bool:
        return bool(self.currency)


@dataclass(frozen=True)
class ReturnLine:
    """What came back of one receipt line (``quantity`` for items, ``amount`` for cash)."""

    key: str
    quantity: int | None = None
    amount: Decimal | None = None
    note: str = ""


@dataclass(frozen=True)
class Discrepancy:
    key: str
    item: str
    kind: Literal["missing", "short", "excess"]
    received: str
    returned: str

    def describe(self) -> str:
        return _("{item}: received {received}, returned {returned}").format(
            item=self.item, received=self.received, returned=self.returned
        )


def full_return(lines: Sequence[ReceivedLine]) -> tuple[ReturnLine, ...]:
    """Every line returned exactly as received."""
    return tuple(
        ReturnLine(line.key, amount=line.amount)
        if line.is_cash
        else ReturnLine(line.key, quantity=line.quantity)
        for line in lines
    )


def reconcile(
    received: Sequence[ReceivedLine], returned: Sequence[ReturnLine]
) -> tuple[Discrepancy, ...]:
    """Lines that did not come back as they were received (a line not named: nothing)."""
    by_key = {r.key: r for r in returned}
    unknown = set(by_key) - {line.key for line in received}
    if unknown:
        raise InputError(
            _("No belongings line {key} in this stay.").format(key=sorted(unknown)[0]),
            code="unknown_belonging",
        )
    found: list[Discrepancy] = []
    for line in received:
        back = by_key.get(line.key)
        if line.is_cash:
            want = line.amount or Decimal(0)
            got = back.amount if back and back.amount is not None else Decimal(0)
            text_want, text_got = f"{want} {line.currency}", f"{got} {line.currency}"
        else:
            want = Decimal(line.quantity)
            got = Decimal(back.quantity if back and back.quantity is not None else 0)
            text_want, text_got = str(int(want)), str(int(got))
        if got == want:
            continue
        kind: Literal["missing", "short", "excess"] = (
            "excess" if got > want else "missing" if got == 0 else "short"
        )
        found.append(Discrepancy(line.key, line.item, kind, text_want, text_got))
    return tuple(found)
