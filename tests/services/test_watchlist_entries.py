"""The persons watchlist as the Watchlists page reads it: entries with their category,
filtered by category and by name, counted per category."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
from check_samples import make_officer, make_supervisor

from borderdesk.errors import InputError, PermissionDenied
from borderdesk.i18n import set_language
from borderdesk.services.people import watchlist_entries, watchlists

PERSONS = """surname,given_names,birth_date,nationality,reason,source,valid_until,category
SHERBAKOV,IVAN,1985-03-15,RUS,federal search,ФСИН,,
ABDULLAEV,RUSTAM,1990-01-02,UZB,deported 2024,ГУВМ МВД,2031-01-01,entry_ban
TSOI,VIKTOR,,,wanted,Interpol,,wanted
"""


@pytest.fixture
def supervisor(db, admin, tmp_path):
    actor = make_supervisor(db, admin)
    path = tmp_path / "persons.csv"
    path.write_text(PERSONS, encoding="utf-8")
    watchlists.import_csv(db, actor=actor, path=path, kind="persons")
    return actor


def test_entries_carry_their_category_and_are_counted(db, supervisor):
    result = watchlist_entries.wanted_person_entries(db, actor=supervisor)
    assert [(e.surname, e.category) for e in result.entries] == [
        ("ABDULLAEV", "entry_ban"),
        ("SHERBAKOV", "wanted"),
        ("TSOI", "wanted"),
    ]
    assert result.matching == 3 and result.by_category == {"wanted": 2, "entry_ban": 1}
    bans = watchlist_entries.wanted_person_entries(db, actor=supervisor, category="entry_ban")
    assert [e.surname for e in bans.entries] == ["ABDULLAEV"] and bans.matching == 1
    assert bans.entries[0].to_json()["valid_until"] == "2031-01-01"
    named = watchlist_entries.wanted_person_entries(db, actor=supervisor, text="viKT")
    assert [e.surname for e in named.entries] == ["TSOI"]
    first = watchlist_entries.wanted_person_entries(db, actor=supervisor, limit=1)
    assert len(first.entries) == 1 and first.matching == 3


def test_the_category_in_words_and_a_code_this_version_does_not_know(db, supervisor):
    set_language("ru")
    assert watchlist_entries.category_label("entry_ban") == "Запрет въезда"
    set_language("en")
    assert watchlist_entries.category_label("wanted") == "Wanted"
    with closing(sqlite3.connect(db.path)) as raw, raw:
        raw.execute("update watchlist_person set category = 'sanctions' where surname = 'TSOI'")
    result = watchlist_entries.wanted_person_entries(db, actor=supervisor)
    assert watchlist_entries.category_label(result.entries[-1].category) == "sanctions"
    assert result.by_category["sanctions"] == 1


def test_a_bad_category_and_an_officer_are_refused(db, supervisor, admin):
    set_language("en")
    with pytest.raises(InputError, match="Unknown watchlist category 'nope'"):
        watchlist_entries.wanted_person_entries(db, actor=supervisor, category="nope")
    with pytest.raises(PermissionDenied):
        watchlist_entries.wanted_person_entries(db, actor=make_officer(db, admin))


def test_percent_and_underscore_in_the_name_are_literal(db, supervisor):
    # As wildcards, "%" matched every entry and "SH_RBAKOV" matched SHERBAKOV.
    for text in ("%", "_", "SH_RBAKOV", "%KOV"):
        found = watchlist_entries.wanted_person_entries(db, actor=supervisor, text=text)
        assert found.entries == () and found.matching == 0, text
    named = watchlist_entries.wanted_person_entries(db, actor=supervisor, text="sherbakov")
    assert [e.surname for e in named.entries] == ["SHERBAKOV"]
