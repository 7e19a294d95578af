"""Column limits in characters, read from the models: the services' helper and every flush."""

from __future__ import annotations

import pytest
from sqlmodel import select

from borderdesk.errors import InputError
from borderdesk.store.limits import check_length, column_limit
from borderdesk.store.tables import CentreStay, Person, WatchlistDocument
from helpers import make_database


def test_the_limit_is_the_models_column_length():
    assert column_limit(WatchlistDocument, "reason") == 200
    assert column_limit(CentreStay, "note") == 2000
    assert column_limit(Person, "birth_year") is None  # not text


def test_exactly_the_limit_passes_one_more_is_refused_with_the_limit():
    assert check_length(WatchlistDocument, "reason", "я" * 200) == "я" * 200  # characters
    with pytest.raises(InputError) as err:
        check_length(WatchlistDocument, "reason", "я" * 201, what="--reason")
    assert err.value.code == "too_long"
    assert "200" in err.value.message and "201" in err.value.message
    assert err.value.message.startswith("--reason")


def test_a_flush_refuses_overlong_text_and_writes_nothing(tmp_path):
    db = make_database(tmp_path)
    with pytest.raises(InputError) as err, db.write(actor="admin") as session:
        session.add(Person(surname="И" * 120_000, given_names="", name_key="x", sex="M"))
    assert "120000" in err.value.message and "120" in err.value.message
    with db.read() as session:
        assert session.exec(select(Person)).all() == []
    db.dispose()
