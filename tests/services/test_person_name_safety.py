"""Person names are kept without direction overrides and control characters (U+202E
and the like), as scan names are: the watchlist import, the journal import and the
user list clean them at the services' input; names stored before (or synced) are
shown with them made visible."""

from __future__ import annotations

from check_samples import make_supervisor
from sqlmodel import select

from borderdesk.domain.safe_text import has_unsafe_characters
from borderdesk.forms.common import full_name
from borderdesk.services.access import users
from borderdesk.services.centre.rows import PersonSummary
from borderdesk.services.journal import import_journal
from borderdesk.services.people import watchlists
from borderdesk.store.tables import Person, User, WatchlistPerson

RLO = "\u202e"
TRICKY = f"Иван{RLO}вонов\u0007"


def test_a_watchlist_import_stores_names_without_bidi_or_controls(db, admin, tmp_path):
    path = tmp_path / "persons.csv"
    path.write_text(
        "surname;given_names;birth_date;nationality;reason;source;valid_until\n"
        f"{TRICKY};Пётр\u2066{RLO};1980-01-01;RUS;wanted;МВД;\n",
        encoding="utf-8",
    )
    report = watchlists.import_csv(db, actor=make_supervisor(db, admin), path=path, kind="persons")
    assert report.added == 1
    with db.read() as session:
        stored = session.exec(select(WatchlistPerson)).one()
    assert (stored.surname, stored.given_names) == ("Иванвонов", "Пётр")


def test_a_users_full_name_is_stored_clean(db, admin):
    users.add_user(
        db, actor=admin, username="sidorov", role="officer",
        password="Tundra-Compass-47-Lantern", full_name=f"Сидоров {RLO}Олег",
    )  # fmt: skip
    with db.read() as session:
        user = session.exec(select(User).where(User.username == "sidorov")).one()
    assert user.full_name == "Сидоров Олег"


def test_a_journal_import_stores_names_without_bidi_or_controls(db, admin, tmp_path):
    path = tmp_path / "j.csv"
    path.write_text(
        "no;received;requesting_state;surname;given_names;patronymic;birth_date;nationality\n"
        f"1;12.03.2019;FI;{TRICKY};Пётр{RLO};Ильич\u200f;15.03.1985;RUS\n",
        "utf-8",
    )
    import_journal(db, actor=admin, path=path)
    with db.read() as session:
        person = session.exec(select(Person)).one()
    assert person.surname == "Иванвонов"
    assert not has_unsafe_characters(person.given_names), person.given_names


def test_a_name_stored_before_is_shown_with_the_tricks_made_visible():
    class Person:
        surname, given_names = TRICKY, "Пётр"
        surname_latin, given_names_latin = f"IVAN{RLO}OV", ""

    shown = full_name(Person())  # type: ignore[arg-type]
    assert not has_unsafe_characters(shown) and "<U+202E>" in shown
    fields = {f: "" for f in PersonSummary.__dataclass_fields__}
    row = PersonSummary(**(fields | {"surname": TRICKY, "given_names": "Пётр"}))
    assert "<U+202E>" in row.display_name and not has_unsafe_characters(row.display_name)
