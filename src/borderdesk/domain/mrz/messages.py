"""One translated sentence for every error, warning and live-check code of the MRZ engine."""

from __future__ import annotations

from borderdesk.domain.mrz.policy import policy
from borderdesk.i18n import N_, _, ngettext

ERROR_CODES = (
    "check_digit_document_number",
    "check_digit_birth_date",
    "check_digit_expiry_date",
    "check_digit_optional_data",
    "check_digit_composite",
    "invalid_birth_date",
    "invalid_expiry_date",
    "invalid_sex",
    "unknown_nationality",
    "unknown_issuing_state",
    # Russian internal passport
    "invalid_name",
    "invalid_series_number",
    "invalid_issue_date",
    "implausible_issue_date",
    "invalid_department_code",
)
WARNING_CODES = (
    "expired",
    "expires_soon",
    "under_18",
    "birth_date_partial",
    "personal_number_birth_date_mismatch",
)
NOTE_CODES = ("number_check_filler_included",)

_MESSAGES = {
    "check_digit_document_number": N_("The check digit of the document number is wrong."),
    "check_digit_birth_date": N_("The check digit of the date of birth is wrong."),
    "check_digit_expiry_date": N_("The check digit of the date of expiry is wrong."),
    "check_digit_optional_data": N_("The check digit of the personal number is wrong."),
    "check_digit_composite": N_("The composite check digit is wrong."),
    "invalid_birth_date": N_("The date of birth is not a real date."),
    "invalid_expiry_date": N_("The date of expiry is not a real date."),
    "invalid_sex": N_("The sex is not F, M or X."),
    "unknown_nationality": N_("The nationality code is not a known country code."),
    "unknown_issuing_state": N_("The issuing state code is not a known country code."),
    "expired": N_("The document has expired."),
    "birth_date_partial": N_("The date of birth is only partly known."),
    "personal_number_birth_date_mismatch": N_(
        "The personal number does not begin with the date of birth, as it should."
    ),
    "invalid_name": N_("The name holds a character that stands for no Russian letter."),
    "invalid_series_number": N_("The passport series and number are not all digits."),
    "invalid_issue_date": N_("The date of issue is not a real date."),
    "implausible_issue_date": N_(
        "The date of issue is not plausible: before the date of birth, or a day no such "
        "passport was issued on."
    ),
    "invalid_department_code": N_("The issuing department code is not six digits."),
    "number_check_filler_included": N_(
        "The check digit of the long document number matches only with the filler "
        "included (as Belgian and Portuguese cards compute it)."
    ),
    "unsupported_format": N_("BorderDesk does not read this MRZ format."),
    # line_problems() codes (live checking while the MRZ is typed)
    "bad_character": N_("Only Latin capitals, digits and '<' are allowed in an MRZ."),
    "line_too_long": N_("The line is longer than an MRZ line."),
    "line_length": N_("The line does not have the length of this MRZ format."),
    "too_many_lines": N_("An MRZ has no more lines."),
    # MrzUnreadable codes
    "no_lines": N_("No MRZ text."),
    "line_count": N_("An MRZ has two or three lines."),
}


def describe(code: str) -> str:
    """The user's-language sentence for an MRZ code; an unknown code is returned as is."""
    if code == "expires_soon":
        days = policy().expires_soon_days
        return ngettext(
            "The document expires within {days} day.",
            "The document expires within {days} days.",
            days,
        ).format(days=days)
    if code == "under_18":
        years = policy().adult_age_years
        return ngettext(
            "The holder is under {years} year old.",
            "The holder is under {years} years old.",
            years,
        ).format(years=years)
    message = _MESSAGES.get(code)
    return _(message) if message else code
