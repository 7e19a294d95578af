import tomllib

import pytest

from borderdesk.domain import countries
from borderdesk.paths import resource

# Doc 9303 Part 3 §5: codes of organisations whose travel documents carry an MRZ.
ORGANISATIONS = {
    "EUE": "European Union",
    "XBA": "African Development Bank",
    "XIM": "African Export-Import Bank",
    "XCC": "Caribbean Community",
    "XCE": "Council of Europe",
    "XCO": "Common Market for Eastern and Southern Africa",
    "XEC": "Economic Community of West African States",
    "XPO": "International Criminal Police Organization (INTERPOL)",
    "XES": "Organisation of Eastern Caribbean States",
    "XMP": "Parliamentary Assembly of the Mediterranean",
    "XDC": "Southern African Development Community",
}


def test_iso_codes_come_from_cldr_and_are_current():
    codes = set(countries.all_codes())
    for code in ("RUS", "KAZ", "UZB", "DEU", "BGD", "PAK", "IND", "LKA", "MMR", "COD", "TLS"):
        assert code in codes
    # CLDR aliases that are not ISO 3166-1 alpha-3 codes, and the EU's region codes
    # (the EU's own Doc 9303 code EUE is known, below)
    for code in ("BUR", "ZAR", "DDR", "SUN", "YUG", "QUU", "EU", "AAA", "QMM", "ZZZ"):
        assert code not in codes
        assert not countries.is_known(code)


def test_iso_part_has_249_codes():
    special = {"XXA", "XXB", "XXC", "XXX", "UTO", "RKS", "XOM"}
    special |= {"GBD", "GBN", "GBO", "GBP", "GBS", "UNO", "UNA", "UNK"}
    special |= set(ORGANISATIONS)
    iso = [c for c in countries.all_codes() if c not in special]
    assert len(iso) == 249
    assert countries.all_codes() == sorted(countries.all_codes())


def test_doc9303_special_codes():
    for code in ("XXA", "XXB", "XXC", "XXX", "UTO", "D"):
        assert countries.is_known(code)
    assert "D" not in countries.all_codes()  # an alias, not a separate country
    assert countries.country_name("XXA", "en") == "Stateless person"
    assert countries.country_name("XXA", "ru") == "Лицо без гражданства"
    assert countries.country_name("XXB", "en") == "Refugee (1951 Convention)"
    assert countries.country_name("UTO", "ru") == "Утопия (образец)"
    assert countries.country_name("RKS", "ru") == "Косово"


def test_names_in_russian_and_english():
    assert countries.country_name("RUS", "ru") == "Россия"
    assert countries.country_name("RUS", "en") == "Russia"
    assert countries.country_name("KAZ", "ru") == "Казахстан"
    assert countries.country_name("D", "ru") == "Германия"
    assert countries.country_name("kaz", "en") == "Kazakhstan"


def test_unknown_code_is_returned_as_is():
    assert countries.country_name("QQQ", "ru") == "QQQ"
    assert countries.country_name("EU", "en") == "EU"


def test_normalise_and_alpha2():
    assert countries.normalise("D") == "DEU"
    assert countries.normalise("D<<") == "DEU"
    assert countries.normalise(" rus ") == "RUS"
    assert countries.alpha2("RUS") == "RU"
    assert countries.alpha2("D") == "DE"
    assert countries.alpha2("RKS") == "XK"
    assert countries.alpha2("XXA") is None
    assert countries.alpha2("QQQ") is None
    assert countries.is_known("D<<")


@pytest.mark.parametrize(("code", "name"), sorted(ORGANISATIONS.items()))
def test_organisation_codes(code, name):
    assert countries.is_known(code)
    assert countries.country_name(code, "en") == name
    assert countries.country_name(code, "ru") not in (code, name)  # a Russian name


def test_every_special_code_names_its_source():
    with resource("reference", "special_country_codes.toml").open("rb") as fh:
        codes = tomllib.load(fh)["codes"]
    assert set(ORGANISATIONS) | {"UNO", "UNA", "UNK", "XOM", "XXA", "XXB", "XXC"} <= set(codes)
    for code, entry in codes.items():
        assert entry.get("source"), code
        assert countries.country_name(code, "en") != entry["source"]  # not read as a name
