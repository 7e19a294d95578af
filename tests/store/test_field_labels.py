"""Column-limit messages name the field as users know it, in their language."""

from __future__ import annotations

import pytest
from sqlmodel import select

from borderdesk import i18n
from borderdesk.errors import InputError
from borderdesk.store.field_labels import FIELD_LABELS, field_label
from borderdesk.store.limits import check_length
from borderdesk.store.tables import CentreStay, Person, load_all
from helpers import make_database


@pytest.fixture
def language():
    yield i18n.set_language
    i18n.set_language("en")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ru", "Примечание: не более 2000 символов, введено 120000."),
        ("en", "Note: at most 2000 characters, 120000 given."),
    ],
)
def test_the_service_check_names_the_translated_label(language, lang, expected):
    language(lang)
    with pytest.raises(InputError) as err:
        check_length(CentreStay, "note", "x" * 120_000)
    assert err.value.message == expected


@pytest.mark.parametrize(("lang", "label"), [("ru", "Фамилия"), ("en", "Surname")])
def test_a_flush_names_the_translated_label_and_writes_nothing(tmp_path, language, lang, label):
    db = make_database(tmp_path)
    language(lang)
    with pytest.raises(InputError) as err, db.write(actor="admin") as session:
        session.add(Person(surname="И" * 120_000, given_names="", name_key="x", sex="M"))
    assert err.value.message.startswith(label + ":"), err.value.message
    assert "surname" not in err.value.message
    with db.read() as session:
        assert session.exec(select(Person)).all() == []
    db.dispose()


def test_every_label_is_translated_into_russian(language):
    language("ru")
    untranslated = [name for name, label in FIELD_LABELS.items() if i18n._(label) == label]
    assert untranslated == []


def test_a_field_without_a_label_keeps_its_name_and_tables_can_differ():
    load_all()
    assert field_label("person", "hlc") == "hlc"
    assert field_label("centre_room", "name") != field_label("site", "name")
