"""SQLite's stored form (issue #13): a package whose record id is not spelt as
``str(uuid.UUID)`` (junk, capitals, too short, a separator smuggled in) is refused in one
line naming the table, the record, the column and the text, on the bulk path and row by
row, and nothing of the package is written, as the typed path refuses it
(test_typed_rows)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sync_sites import HQ, add_person, export, import_

from borderdesk.store.tables import IdentityDocument, Person
from borderdesk.sync import fast_apply, packages, storage
from borderdesk.sync.body import decode_body
from borderdesk.sync.rows import UnreadableValue

GOOD = "0195f2a0-0000-7000-8000-000000000001"
BAD = [
    "not-a-uuid",
    "z" * 36,
    GOOD.upper(),
    GOOD.replace("-", ""),
    GOOD[:-1],
    GOOD[:-1] + " ",
    GOOD[:-1] + "-",
    "\uff10" + GOOD[1:],  # a full-width digit
    f"{GOOD}\x1f{GOOD}",
    12345,
]


def doctored(monkeypatch, table: str, column: str, value: object) -> None:
    """Each package decoded with ``column`` of ``table``'s first row set to ``value``."""

    def decode(data, version):
        body = decode_body(data, version)
        for block in body.blocks:
            if block.table == table:
                block.columns.values[block.columns.names.index(column)][0] = value
        return body

    monkeypatch.setattr(packages, "decode_body", decode)


@pytest.fixture(params=["bulk", "per_row"])
def sqlite_path(request, monkeypatch):
    if request.param == "per_row":
        monkeypatch.setattr(fast_apply, "_insert_new", lambda *args: None)
    return request.param


@pytest.mark.usefixtures("english", "sqlite_path")
@pytest.mark.parametrize("column", ["person_id", "id"])
@pytest.mark.parametrize(
    "value",
    BAD,
    ids=["junk", "junk36", "upper", "no-dashes", "short", "space", "dash", "wide", "two", "int"],
)
def test_a_malformed_record_id_is_refused_and_nothing_applied(hq, post, monkeypatch, column, value):
    person = add_person(post, "KARIMOV")
    add_person(post, "TOSHEV")
    data = export(post, HQ)
    doctored(monkeypatch, "identity_document", column, value)
    with pytest.raises(UnreadableValue) as refused:
        import_(hq, data)
    message = refused.value.message
    assert refused.value.code == "unreadable_value" and "\n" not in message
    assert message.startswith("Nothing was applied")
    assert "identity_document" in message and column in message
    assert message.endswith("which is not a record id.")
    assert repr(str(value))[1:12] in message
    with hq.read() as session:
        assert session.get(Person, person.id) is None  # not even the readable records
        assert session.execute(select(func.count()).select_from(IdentityDocument)).scalar() == 0


@pytest.mark.usefixtures("sqlite_path")
def test_canonical_ids_still_import(hq, post):
    person = add_person(post, "KARIMOV")
    assert import_(hq, export(post, HQ)).applied >= 2
    with hq.read() as session:
        assert session.get(Person, person.id) is not None


def test_the_column_check_refuses_each_malformed_id():
    ids = [GOOD] * 3
    assert storage.all_record_ids(ids) and storage.all_record_ids([None, GOOD])
    for value in BAD:
        assert not storage.all_record_ids([GOOD, value])
        assert not storage.all_record_ids([value, None, GOOD])


@pytest.mark.usefixtures("english")
def test_a_sender_audit_time_that_is_not_a_time_is_refused_and_nothing_applied(
    hq, post, monkeypatch
):
    person = add_person(post, "KARIMOV")
    data = export(post, HQ)

    def decode(data, version):
        body = decode_body(data, version)
        audit = body.audit_columns
        audit.values[audit.names.index("at")][-1] = "not a time"
        return body

    monkeypatch.setattr(packages, "decode_body", decode)
    with pytest.raises(UnreadableValue) as refused:
        import_(hq, data)
    message = refused.value.message
    assert "\n" not in message and message.startswith("Nothing was applied")
    assert "foreign_audit_entry" in message and "'not a time'" in message
    assert message.endswith("which is not a time.")
    with hq.read() as session:
        assert session.get(Person, person.id) is None
