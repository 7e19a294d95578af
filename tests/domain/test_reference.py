"""Reference data: the shipped files load, and broken files name the key at fault."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from borderdesk import i18n
from borderdesk.domain.reference import (
    ReferenceData,
    ReferenceDataError,
    clear_cache,
    load_agreements,
    load_reference_data,
    load_regimes,
)
from borderdesk.errors import BorderDeskError
from borderdesk.paths import resource

AGREEMENTS = resource("reference", "agreements.toml").read_text(encoding="utf-8")
MEMBERS = resource("reference", "eu_member_states.toml").read_text(encoding="utf-8")
REGIMES = resource("reference", "regimes.toml").read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _english():
    i18n.set_language("en")


def _edited(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def _agreements_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "agreements.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _load_broken_agreements(tmp_path: Path, old: str, new: str) -> ReferenceDataError:
    path = _agreements_file(tmp_path, _edited(AGREEMENTS, old, new))
    with pytest.raises(ReferenceDataError) as info:
        load_agreements(path)
    return info.value


# --------------------------------------------------------------------------- shipped data


def test_shipped_files_load_at_start():
    data = load_reference_data()
    assert isinstance(data, ReferenceData)
    agreements, regimes = data
    assert [a.id for a in agreements] == ["EU-RU", "RU-KZ", "RU-UZ", "RU-LT"]
    assert regimes.get("KAZ") is not None
    # Cached: the program and every command share one copy.
    assert load_agreements() is agreements
    assert load_regimes() is regimes


def test_clear_cache_rereads():
    first = load_agreements()
    clear_cache()
    assert load_agreements() is not first
    assert load_agreements() == first


def test_figures_keep_source_and_verified_flags():
    book = load_agreements()
    eu = book.get("EU-RU")
    assert eu.in_force == date(2007, 6, 1)
    assert eu.in_force_verified
    assert eu.not_applicable_to == ("DNK",)
    limits = eu.time_limits
    assert limits is not None and not limits.verified
    assert "Russia-Switzerland agreement of 21 September 2009" in limits.source
    reply = limits.get("reply")
    assert reply is not None and (reply.days, reply.kind, reply.verified) == (25, "calendar", False)
    transit = limits.get("transit_reply")
    assert transit is not None and transit.kind == "working"
    assert transit.source == "Russia-Belgium implementing protocol"
    assert limits.silence_means_consent
    assert eu.evidence is not None and not eu.evidence.verified
    assert "passport of any kind, even expired" in eu.evidence.nationality_proof
    spain = eu.protocol_for("ESP")
    assert spain is not None and spain.reply_extension is False
    belgium = eu.protocol_for("BEL")
    assert belgium is not None and belgium.reply_extension is True
    assert belgium.crossing_points == ("all international airports",)
    ireland = eu.participation_for("IRL")
    assert ireland is not None and not ireland.verified

    third = eu.coverage.rule("third_country")
    assert third is not None and third.since == date(2010, 6, 1) and third.verified
    assert eu.coverage.third_country_transitional

    kz = book.get("RU-KZ")
    kz_third = kz.coverage.rule("third_country")
    assert kz_third is not None and not kz_third.verified
    kz_own = kz.coverage.rule("own_national")
    assert kz_own is not None and kz_own.verified

    uz = book.get("RU-UZ")
    assert not uz.in_force_verified
    uz_third = uz.coverage.rule("third_country")
    assert uz_third is not None and uz_third.since is None
    assert uz.time_limits is not None and uz.time_limits.get("accelerated_reply") is None

    lt = book.get("RU-LT")
    assert lt.time_limits is None and not lt.in_force_verified


def test_eu_members_and_regimes():
    book = load_agreements()
    assert book.is_eu_member("LTU", date(2004, 5, 1))
    assert not book.is_eu_member("LTU", date(2004, 4, 30))
    assert book.is_eu_member("GBR", date(2020, 12, 31))
    assert not book.is_eu_member("GBR", date(2021, 1, 1))
    assert not book.is_eu_member("HRV", date(2013, 6, 30))
    regimes = load_regimes()
    kaz = regimes.get("kaz")
    assert kaz is not None and (kaz.visa_free_days, kaz.period_days) == (90, 180)
    assert kaz.verified and kaz.source
    arm = regimes.get("ARM")
    assert arm is not None and not arm.verified
    rus = regimes.get("RUS")
    assert rus is not None and rus.own_nationals


# Corrections of ../shared/reference/README.md not yet in the shared file itself.
SHARED_CORRECTIONS = {
    ("EU-RU", "time_limits", "source"),
    # "within one month", not 30 days (shared README): the copy holds *_months = 1.
    ("EU-RU", "time_limits", "wrongful_readmission_take_back_days"),
}


def _text_items(block: dict, path: tuple[str, ...]):
    for key, value in block.items():
        if isinstance(value, dict):
            yield from _text_items(value, (*path, key))
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            for item in value:
                yield from _text_items(item, (*path, key, str(item.get("state", ""))))
        else:
            yield (*path, key), value


def test_shipped_copy_keeps_the_shared_data():
    import tomllib

    shared_file = Path("/work/shared/reference/agreements.toml")
    if not shared_file.exists():
        pytest.skip("shared reference folder not present")
    shared = tomllib.loads(shared_file.read_text(encoding="utf-8"))
    copy = tomllib.loads(AGREEMENTS)
    for ours, theirs in zip(copy["agreement"], shared["agreement"], strict=True):
        mine = dict(_text_items(ours, (ours["id"],)))
        for path, value in _text_items(theirs, (theirs["id"],)):
            if path in SHARED_CORRECTIONS:
                continue
            # A text the shared file has in English is the copy's "<key>_en" (with its "_ru").
            english = (*path[:-1], f"{path[-1]}_en")
            assert mine.get(path, mine.get(english)) == value, path
            if english in mine:
                assert (*path[:-1], f"{path[-1]}_ru") in mine, path


# --------------------------------------------------------------------------- broken files


def test_wrong_type_names_file_and_key_path(tmp_path):
    err = _load_broken_agreements(
        tmp_path,
        '  source_ru = "не найдено; до подтверждения приняты значения типовой модели ЕС"\n'
        "  application_calendar_days = 180\n"
        "  reply_calendar_days = 25\n"
        "  reply_extended_calendar_days = 60\n"
        "  silence_means_consent = false\n"
        "  accelerated_application_working_days = 2\n",
        '  source_ru = "не найдено; до подтверждения приняты значения типовой модели ЕС"\n'
        "  application_calendar_days = 180\n"
        '  reply_calendar_days = "25"\n'
        "  reply_extended_calendar_days = 60\n"
        "  silence_means_consent = false\n"
        "  accelerated_application_working_days = 2\n",
    )
    assert str(err) == (
        "agreements.toml: agreement[1].time_limits.reply_calendar_days: expected a whole number"
    )
    assert err.file == "agreements.toml"
    assert err.key_path == "agreement[1].time_limits.reply_calendar_days"
    assert isinstance(err, BorderDeskError)


def test_true_is_not_a_number(tmp_path):
    err = _load_broken_agreements(
        tmp_path,
        "  transfer_calendar_days = 90              #",
        "  transfer_calendar_days = true #",
    )
    assert err.key_path == "agreement[0].time_limits.transfer_calendar_days"


def test_missing_key(tmp_path):
    err = _load_broken_agreements(
        tmp_path, "in_force = 2015-09-25        # Kazakh ratification", "# in_force removed"
    )
    assert str(err) == "agreements.toml: agreement[1].in_force: missing key"


def test_missing_reply_limit(tmp_path):
    err = _load_broken_agreements(
        tmp_path, "  reply_calendar_days = 25                 # from confirmed receipt\n", ""
    )
    assert err.key_path == "agreement[0].time_limits.reply_calendar_days"
    assert "missing key" in str(err)


def test_unknown_key_catches_a_typo(tmp_path):
    err = _load_broken_agreements(
        tmp_path,
        "  transfer_calendar_days = 90              #",
        "  transfer_calender_days = 90              #",
    )
    assert (
        str(err) == "agreements.toml: agreement[0].time_limits.transfer_calender_days: unknown key"
    )


def test_unknown_top_level_agreement_key(tmp_path):
    err = _load_broken_agreements(
        tmp_path, 'parties = ["RUS", "UZB"]\n', 'parties = ["RUS", "UZB"]\nratified = true\n'
    )
    assert err.key_path == "agreement[2].ratified"
    assert "unknown key" in str(err)


def test_bad_coverage_value(tmp_path):
    err = _load_broken_agreements(
        tmp_path,
        'stateless = "none"\n',
        'stateless = "never"\n',
    )
    assert err.key_path == "agreement[2].coverage.stateless"


def test_coverage_before_entry_into_force(tmp_path):
    err = _load_broken_agreements(
        tmp_path, "  own_nationals = 2015-09-25\n", "  own_nationals = 2015-09-24\n"
    )
    assert err.key_path == "agreement[1].coverage.own_nationals"


def test_bad_state_code(tmp_path):
    err = _load_broken_agreements(tmp_path, 'parties = ["RUS", "KAZ"]', 'parties = ["RUS", "KAX"]')
    assert err.key_path == "agreement[1].parties[1]"


def test_wrong_verified_flag_type(tmp_path):
    err = _load_broken_agreements(
        tmp_path,
        'in_force_verified = false\nsources_en = ["Uzbekistan',
        'in_force_verified = "no"\nsources_en = ["Uzbekistan',
    )
    assert err.key_path == "agreement[2].in_force_verified"
    assert "true or false" in str(err)


def test_duplicate_agreement_id(tmp_path):
    err = _load_broken_agreements(tmp_path, 'id = "RU-LT"', 'id = "RU-UZ"')
    assert err.key_path == "agreement[3].id"


def test_invalid_toml_and_missing_file(tmp_path):
    path = _agreements_file(tmp_path, AGREEMENTS + "\n[[agreement]\n")
    with pytest.raises(ReferenceDataError) as info:
        load_agreements(path)
    assert str(info.value).startswith("agreements.toml: not valid TOML")
    with pytest.raises(ReferenceDataError) as info:
        load_agreements(tmp_path / "missing.toml")
    assert str(info.value).startswith("missing.toml: cannot read")


def test_broken_member_state_file(tmp_path):
    members = tmp_path / "eu_member_states.toml"
    members.write_text(_edited(MEMBERS, 'state = "HRV"\n', 'state = "HRV"\nleft = 2030-01-01\n'))
    with pytest.raises(ReferenceDataError) as info:
        load_agreements(resource("reference", "agreements.toml"), eu_members_path=members)
    assert str(info.value) == "eu_member_states.toml: member[27].left: unknown key"


def test_broken_regimes(tmp_path):
    path = tmp_path / "regimes.toml"
    text = _edited(REGIMES, 'nationality = "KGZ"\n', 'nationality = "KGZ"\nvisa_days = 90\n')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReferenceDataError) as info:
        load_regimes(path)
    assert str(info.value) == "regimes.toml: regime[1].visa_days: unknown key"

    text = REGIMES.replace("visa_free_days = 90\n", 'visa_free_days = "90"\n', 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReferenceDataError) as info:
        load_regimes(path)
    assert info.value.key_path == "regime[0].visa_free_days"

    text = REGIMES.replace("period_days = 180\n", "", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReferenceDataError) as info:
        load_regimes(path)
    assert info.value.key_path == "regime[0].period_days"

    text = _edited(REGIMES, 'nationality = "TKM"\n', 'nationality = "TKM"\nverified = 1\n')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReferenceDataError):
        load_regimes(path)


def test_agreements_have_short_names_in_both_languages():
    from borderdesk.domain.reference import agreement_name

    for agreement in load_agreements():
        assert agreement.short_name_ru and agreement.short_name_en, agreement.id
        assert agreement.short_name("ru") != agreement.id
    i18n.set_language("ru")
    assert agreement_name("RU-KZ") == "Россия–Казахстан"
    assert agreement_name("ru-kz", "en") == "Russia–Kazakhstan"
    i18n.set_language("en")
    assert agreement_name("EU-RU") == "EU–Russia"
    assert agreement_name("XX-YY") == "XX-YY"  # an id not on file is shown as stored
    assert agreement_name(None) == ""


def test_the_ru_kz_title_names_the_two_governments():
    """../shared/reference/README.md: RU-KZ is an agreement between the Governments."""
    ru_kz = load_agreements().get("RU-KZ")
    assert ru_kz.title("en") == (
        "Agreement between the Government of the Russian Federation and the Government "
        "of the Republic of Kazakhstan on readmission"
    )
    assert ru_kz.title("ru").startswith(
        "Соглашение между Правительством Российской Федерации и Правительством Республики"
    )
