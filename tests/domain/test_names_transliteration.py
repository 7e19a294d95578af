"""Doc 9303 Part 3 §6 table B, its language variants, and the MRZ name form."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from borderdesk.domain.names import (
    language_for_country,
    languages,
    letter_table,
    to_latin,
    to_mrz_name,
    transliteration,
)
from borderdesk.domain.names.transliteration import (
    from_internal_passport,
    internal_passport_table,
    to_latin_for,
)

# Table B as printed in shared/reference/mrz.md (Russian letters).
TABLE_B = {
    "А": "A", "Б": "B", "В": "V", "Г": "G", "Д": "D", "Е": "E", "Ё": "E", "Ж": "ZH",
    "З": "Z", "И": "I", "Й": "I", "К": "K", "Л": "L", "М": "M", "Н": "N", "О": "O",
    "П": "P", "Р": "R", "С": "S", "Т": "T", "У": "U", "Ф": "F", "Х": "KH", "Ц": "TS",
    "Ч": "CH", "Ш": "SH", "Щ": "SHCH", "Ъ": "IE", "Ы": "Y", "Ь": "", "Э": "E",
    "Ю": "IU", "Я": "IA",
}  # fmt: skip

VARIANTS = [
    ("uk", "Г", "H"), ("uk", "И", "Y"), ("uk", "Є", "IE"), ("uk", "Ї", "I"), ("uk", "Ґ", "G"),
    ("uk", "І", "I"), ("be", "Ў", "U"),
    ("kk", "Ә", "A"), ("kk", "Ғ", "G"), ("kk", "Қ", "K"), ("kk", "Ң", "N"), ("kk", "Ө", "O"),
    ("kk", "Ұ", "U"), ("kk", "Ү", "U"), ("kk", "Һ", "H"), ("kk", "І", "I"),
    ("ky", "Ң", "N"), ("ky", "Ө", "O"), ("ky", "Ү", "U"),
    ("tg", "Ғ", "G"), ("tg", "Ӣ", "I"), ("tg", "Қ", "K"), ("tg", "Ӯ", "U"), ("tg", "Ҳ", "KH"),
    ("tg", "Ҷ", "CH"),
    ("uz", "Ў", "U"), ("uz", "Қ", "K"), ("uz", "Ғ", "G"), ("uz", "Ҳ", "KH"),
]  # fmt: skip

# Full alphabets, written out here independently of the data file.
ALPHABETS = {
    "ru": "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ",
    "uk": "АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯ",
    "be": "АБВГДЕЁЖЗІЙКЛМНОПРСТУЎФХЦЧШЫЬЭЮЯ",
    "kk": "АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ",
    "ky": "АБВГДЕЁЖЗИЙКЛМНҢОӨПРСТУҮФХЦЧШЩЪЫЬЭЮЯ",
    "tg": "АБВГҒДЕЁЖЗИӢЙКҚЛМНОПРСТУӮФХҲЧҶШЪЭЮЯ",
    "uz": "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЪЬЭЮЯЎҚҒҲ",
}
SILENT = {"Ь"}  # dropped by table B

DISPLAY_FORM = re.compile(r"([A-Z]+([ -][A-Z]+)*)?")
MRZ_FORM = re.compile(r"([A-Z]+(<[A-Z]+)*)?")


@pytest.mark.parametrize(("letter", "latin"), sorted(TABLE_B.items()))
def test_table_b_russian(letter: str, latin: str) -> None:
    assert letter_table("ru")[letter] == latin
    assert to_latin(letter + "А") == latin + "A"
    assert to_latin(letter.lower() + "а") == latin + "A"


@pytest.mark.parametrize(("language", "letter", "latin"), VARIANTS)
def test_language_variants(language: str, letter: str, latin: str) -> None:
    # Inside a word: at its start a language may read a letter its own way (below).
    assert to_latin("А" + letter, language) == "A" + latin
    assert to_latin("а" + letter.lower(), language) == "A" + latin


def test_ukrainian_reads_shared_letters_its_own_way() -> None:
    assert to_latin("Григорій Євгенович Ґудзь", "uk") == "HRYHORII YEVHENOVYCH GUDZ"
    assert to_latin("Григорий", "ru") == "GRIGORII"


@pytest.mark.parametrize("language", sorted(ALPHABETS))
def test_every_letter_of_every_listed_language_is_read(language: str) -> None:
    for letter in ALPHABETS[language]:
        for case in (letter, letter.lower()):
            latin = to_latin(case, language)
            assert re.fullmatch(r"[A-Z]*", latin), (case, latin)
            assert latin or letter in SILENT, case
    text = ALPHABETS[language] + " " + ALPHABETS[language].lower()
    assert DISPLAY_FORM.fullmatch(to_latin(text, language))


@pytest.mark.parametrize("language", sorted(ALPHABETS))
def test_letters_of_other_languages_are_read_whatever_the_language(language: str) -> None:
    everything = "".join(ALPHABETS.values())
    latin = to_latin(everything, language)
    assert DISPLAY_FORM.fullmatch(latin)
    assert not any("\u0400" <= c <= "\u04ff" for c in latin)


def test_names() -> None:
    assert to_latin("Щербаков") == "SHCHERBAKOV"
    assert to_latin("Юсупов") == "IUSUPOV"
    assert to_latin("Цой") == "TSOI"
    assert to_latin("Наталья") == "NATALIA"
    assert to_latin("Объедков") == "OBIEEDKOV"  # Ъ IE, Е E
    assert to_latin("Нұрсұлтан Әбішұлы", "kk") == "NURSULTAN ABISHULY"
    assert to_latin("Өмүрбеков", "ky") == "OMURBEKOV"
    assert to_latin("Ҷамшед Ҳасанов", "tg") == "CHAMSHED KHASANOV"
    assert to_latin("Ўктам Ғуломов", "uz") == "UKTAM GULOMOV"


def test_display_form_keeps_words_and_hyphens() -> None:
    assert to_latin("  Римский-Корсаков   Николай ") == "RIMSKII-KORSAKOV NIKOLAI"
    assert to_latin("Иванов – Петров") == "IVANOV-PETROV"
    assert to_latin("Иванов,Иван") == "IVANOV IVAN"
    assert to_latin("-Иван-") == "IVAN"
    assert to_latin("") == ""
    assert to_latin(" - ' ") == ""


def test_mrz_form() -> None:
    assert to_mrz_name("Анна-Мария") == "ANNA<MARIIA"
    assert to_mrz_name("Римский-Корсаков") == "RIMSKII<KORSAKOV"
    assert to_mrz_name("O'Brien") == "OBRIEN"
    assert to_mrz_name("д’Артаньян") == "DARTANIAN"
    assert to_mrz_name("Ван  дер - Берг") == "VAN<DER<BERG"
    assert to_mrz_name("Мар'яна", "uk") == "MARIANA"


def test_latin_passes_through_upper_cased_without_diacritics() -> None:
    assert to_latin("Müller") == "MULLER"
    assert to_latin("ŞAHİN Çelik") == "SAHIN CELIK"
    assert to_latin("Øster Łukasz Straße") == "OESTER LUKASZ STRASSE"
    assert to_latin("Əliyev") == "ALIYEV"
    assert to_latin("Oʻktam Gʻulomov") == "OKTAM GULOMOV"
    assert to_latin("ivanov") == "IVANOV"


def test_decomposed_input_reads_as_composed() -> None:
    composed = "Йошкин Ёлкин Їжак"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert to_latin(decomposed) == to_latin(composed) == "IOSHKIN ELKIN IZHAK"


def test_unlisted_cyrillic_with_a_mark_reads_as_its_base_letter() -> None:
    assert to_latin("Ӧӑӓ") == "OAA"


def test_digits_and_unknown_scripts() -> None:
    assert to_latin("Иван2") == "IVAN"
    assert to_latin("Ωmega") == "MEGA"


def test_unknown_language() -> None:
    with pytest.raises(ValueError):
        to_latin("Иван", "xx")


def test_languages_and_countries() -> None:
    codes = [language.code for language in languages()]
    assert codes[0] == "ru"
    assert {"ru", "uk", "be", "kk", "ky", "tg", "uz"} <= set(codes)
    assert language_for_country("KAZ") == "kk"
    assert language_for_country("UKR") == "uk"
    assert language_for_country("TJK<") == "tg"
    assert language_for_country("DEU") == "ru"


@given(st.text())
def test_display_form_is_only_a_to_z_space_hyphen(text: str) -> None:
    assert DISPLAY_FORM.fullmatch(to_latin(text))


@given(st.text(), st.sampled_from(sorted(ALPHABETS)))
def test_mrz_form_is_only_a_to_z_and_filler(text: str, language: str) -> None:
    assert MRZ_FORM.fullmatch(to_mrz_name(text, language))


@given(st.text(alphabet="".join(ALPHABETS.values()) + " -'", max_size=40))
def test_cyrillic_never_leaves_leftovers(text: str) -> None:
    for language in ALPHABETS:
        assert DISPLAY_FORM.fullmatch(to_latin(text, language))


@given(st.text())
def test_display_form_is_stable(text: str) -> None:
    once = to_latin(text)
    assert to_latin(once) == once


# Resolution of the Cabinet of Ministers of Ukraine No. 55 of 27 January 2010, its own
# examples and rules, written out here independently of the data file.
UKRAINIAN_NATIONAL = [
    ("Єнакієве", "YENAKIIEVE"),  # Є word-initial YE, inside IE
    ("Гаєвич", "HAIEVYCH"),
    ("Їжакевич", "YIZHAKEVYCH"),  # Ї word-initial YI, inside I
    ("Кадиївка", "KADYIVKA"),
    ("Йосипівка", "YOSYPIVKA"),  # Й word-initial Y, inside I
    ("Стрий", "STRYI"),
    ("Юрій", "YURII"),  # Ю word-initial YU, inside IU
    ("Корюківка", "KORIUKIVKA"),
    ("Яготин", "YAHOTYN"),  # Я word-initial YA, inside IA
    ("Ічня", "ICHNIA"),
    ("Згорани", "ZGHORANY"),  # Зг is ZGH, not ZH
    ("Розгон", "ROZGHON"),
    ("Зав'ялов", "ZAVIALOV"),  # an apostrophe does not start a word
    ("Ганна-Євгенія", "HANNA-YEVHENIIA"),  # a hyphen does
]


@pytest.mark.parametrize(("cyrillic", "latin"), UKRAINIAN_NATIONAL)
def test_ukrainian_national_standard(cyrillic: str, latin: str) -> None:
    assert to_latin(cyrillic, "uk") == latin
    assert to_latin(cyrillic.lower(), "uk") == latin
    assert to_latin_for(cyrillic, "UKR") == latin


def test_word_initial_rules_are_ukrainian_only() -> None:
    assert to_latin("Юрий Згуриди", "ru") == "IURII ZGURIDI"
    assert to_latin("Юры", "be") == "IURY"


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Гаўрылаў", "HAURYLAU"),  # Г -> H, Ў -> U
        ("Фёдар", "FIODAR"),  # Ё -> IO
        ("Аляксандр Рыгоравіч", "ALIAKSANDR RYHORAVICH"),
    ],
)
def test_belarusian_passport_readings(cyrillic: str, latin: str) -> None:
    assert to_latin(cyrillic, "be") == latin
    assert to_latin_for(cyrillic, "BLR") == latin
    assert to_latin(cyrillic, "ru") != latin  # Russian reads Г G and Ё E


def test_every_language_names_its_source() -> None:
    for entry in languages():
        assert entry.source["en"] and entry.source["ru"], entry.code
    assert transliteration.language("ru").verified


# The interior ministry's substitution for the internal passport, as the issue lists it.
INTERNAL_PASSPORT = {
    "Ю": "7", "Й": "Q", "Ь": "9", "Ч": "3", "Ш": "4", "Щ": "W", "Я": "8", "Э": "6", "Ё": "2",
    "Ъ": "X", "Ц": "C", "Ж": "J", "Х": "H", "А": "A", "Б": "B", "В": "V", "Г": "G", "Д": "D",
    "Е": "E", "З": "Z", "И": "I", "К": "K", "Л": "L", "М": "M", "Н": "N", "О": "O", "П": "P",
    "Р": "R", "С": "S", "Т": "T", "У": "U", "Ф": "F", "Ы": "Y",
}  # fmt: skip


def test_internal_passport_table_is_the_ministry_table() -> None:
    assert internal_passport_table() == {char: letter for letter, char in INTERNAL_PASSPORT.items()}
    assert len(INTERNAL_PASSPORT) == 33  # every letter of the Russian alphabet


def test_internal_passport_names_decode() -> None:
    assert from_internal_passport("ZDRIL7K") == "ЗДРИЛЮК"
    assert from_internal_passport("SERGEQ<ANATOL9EVI3") == "СЕРГЕЙ АНАТОЛЬЕВИЧ"
    assert from_internal_passport("S2MIN<<<") == "СЁМИН"
    assert from_internal_passport("IVAN0V") is None  # 0 stands for no letter


@given(st.text(alphabet="".join(INTERNAL_PASSPORT), min_size=1, max_size=30))
def test_internal_passport_round_trip(word: str) -> None:
    encoded = "".join(INTERNAL_PASSPORT[c] for c in word)
    assert from_internal_passport(encoded) == word
