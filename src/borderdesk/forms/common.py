"""Plain data shared by several forms, and how values are printed.

Values are printed language-neutral (ISO dates, 24-hour times with the zone's
abbreviation) or as RU/EN pairs for coded values, so that each is printed once.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, tzinfo
from decimal import Decimal

from borderdesk.domain.local_time import site_zone
from borderdesk.domain.safe_text import shown_safely
from borderdesk.forms.labels import choice, label
from borderdesk.forms.qr import content_digest

SEXES = {"M": "Male", "F": "Female", "X": "Unspecified"}
DOCUMENT_TYPES = {
    "passport": "Passport",
    "id_card": "Identity card",
    "visa": "Visa",
    "residence_permit": "Residence permit",
    "travel_document": "Travel document",
    "laissez_passer": "Laissez-passer",
    "birth_certificate": "Birth certificate",
    "driving_licence": "Driving licence",
    "military_book": "Military service book",
    "migration_card": "Migration card",
    "other": "Other document",
}


@dataclass(frozen=True)
class PersonData:
    """A person as recorded: names as written plus their Latin transliteration."""

    surname: str
    given_names: str
    surname_latin: str = ""
    given_names_latin: str = ""
    birth_date: str = ""  # ISO, possibly partial: "1990", "1990-05", "1990-05-XX"
    sex: str = ""  # "M" | "F" | "X"
    nationality_code: str = ""  # ISO 3166 alpha-3 / Doc 9303 code
    nationality_ru: str = ""
    nationality_en: str = ""
    birth_place: str = ""
    previous_names: str = ""  # maiden name, earlier names, aliases


@dataclass(frozen=True)
class DocumentData:
    """An identity or travel document."""

    doc_type: str  # a DOCUMENT_TYPES code, or free text
    number: str
    issuing_state: str = ""  # alpha-3 code
    issued_on: date | None = None
    issued_by: str = ""
    expires_on: date | None = None
    mrz_valid: bool | None = None  # the MRZ's check digits all pass; None: no MRZ read
    note: str = ""
    mrz_failed: tuple[str, ...] = ()  # the check digits that failed (CHECK_NAMES codes)


def fmt_date(value: date | datetime | str | None) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _zone(tz: str | None) -> tzinfo:
    return site_zone(tz)


def local_time(value: datetime, tz: str | None) -> datetime:
    """``value`` (UTC if naive) in the site's time zone."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(_zone(tz))


def fmt_datetime(value: datetime | None, tz: str | None) -> str:
    """'2024-03-05 14:20 UTC+05' in the site's zone: the same in both languages."""
    if value is None:
        return ""
    local = local_time(value, tz)
    abbr = local.strftime("%Z")
    if not abbr or abbr[0] in "+-":
        offset = local.strftime("%z")  # +0500
        abbr = "UTC" + offset[:3] + (":" + offset[3:] if offset[3:] != "00" else "")
    return f"{local:%Y-%m-%d %H:%M} {abbr}"


def fmt_amount(value: Decimal | float | int | str) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, Decimal):
        value = value.quantize(Decimal("0.01")) if value % 1 else value.quantize(Decimal(1))
        text = f"{value:,f}"
    elif isinstance(value, float) and not value.is_integer():
        text = f"{value:,.2f}"
    else:
        text = f"{int(value):,d}"
    return text.replace(",", "\u202f")  # narrow no-break space groups thousands


def yes_no(value: bool | None) -> str:
    if value is None:
        return ""
    return label("Yes" if value else "No").text


def sex_text(code: str) -> str:
    return choice(SEXES, code).text


def document_type_text(code: str) -> str:
    return choice(DOCUMENT_TYPES, code).text


def full_name(person: PersonData) -> str:
    # Shown safely: a name stored before names were cleaned, or synced, may hold U+202E.
    return shown_safely(" ".join(p for p in (person.surname.upper(), person.given_names) if p))


def latin_name(person: PersonData) -> str:
    names = (person.surname_latin.upper(), person.given_names_latin)
    return shown_safely(" ".join(p for p in names if p))


def nationality_text(person: PersonData) -> str:
    names = " / ".join(
        n for n in dict.fromkeys((person.nationality_ru, person.nationality_en)) if n
    )
    if person.nationality_code and names:
        return f"{names} ({person.nationality_code})"
    return names or person.nationality_code


def digest_of(data: object) -> str:
    """The form's printed digest: ``data.content_sha256`` when the service supplied one
    (computed from the stored record), else the digest of the form data itself."""
    given = getattr(data, "content_sha256", None)
    if given:
        return given.lower()
    content = asdict(data)  # type: ignore[call-overload]
    content.pop("content_sha256", None)
    return content_digest(content)
