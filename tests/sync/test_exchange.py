"""Packages between a post and HQ: what arrives, replays, gaps, order, secrets, audit."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import select
from sqlmodel import SQLModel
from sync_sites import HQ, POST, add_person, export, import_, synced_rows

from borderdesk.services.access import audit
from borderdesk.store.tables import IdentityDocument, Person, SyncConflict, User, WatchlistPerson
from borderdesk.sync.audit_chains import verify_chain
from borderdesk.sync.refusals import PackageRefused
from helpers import login

pytestmark = pytest.mark.usefixtures("row_path")


def test_a_post_record_reaches_hq_exactly(hq, post):
    person = add_person(post, "KARIMOV")
    report = import_(hq, export(post, HQ))
    assert report.applied >= 2 and report.conflicts == 0
    tables = {"person", "identity_document"}
    assert synced_rows(hq, tables=tables) == synced_rows(post, tables=tables)
    with hq.read() as session:
        assert session.get(Person, person.id).surname == "KARIMOV"


def test_a_package_applied_twice_changes_nothing(hq, post):
    add_person(post, "KARIMOV")
    data = export(post, HQ)
    import_(hq, data)
    before = synced_rows(hq)
    with pytest.raises(PackageRefused) as caught:
        import_(hq, data)
    assert caught.value.code == "replayed"
    assert synced_rows(hq) == before


def test_an_older_package_after_a_newer_one_applies_nothing(hq, post):
    add_person(post, "KARIMOV")
    first = export(post, HQ)
    add_person(post, "TOSHEV")
    second = export(post, HQ)
    import_(hq, second)
    before = synced_rows(hq)
    with pytest.raises(PackageRefused) as caught:
        import_(hq, first)
    assert caught.value.code == "replayed"
    assert synced_rows(hq) == before


def test_a_gap_is_parked_and_names_the_missing_package(hq, post, english, tmp_path):
    add_person(post, "KARIMOV")
    first = export(post, HQ)
    import_(hq, first)
    import_(post, export(hq, POST))  # HQ's acknowledgement reaches the post
    add_person(post, "TOSHEV")
    second = export(post, HQ)
    # A second HQ copy that never saw the first package (restored from an old backup).
    import shutil

    hq.dispose()
    fresh = tmp_path / "restored.sqlite3"
    shutil.copyfile(tmp_path / f"{HQ}.sqlite3", fresh)
    from borderdesk.store.database import Database

    other = Database.open(path=fresh)
    try:
        with other.write(actor="admin") as session:
            from borderdesk.store.tables import SyncPeer

            peer = session.get(SyncPeer, POST)
            peer.received_upto = "{}"
            peer.received_number = 0
        before = synced_rows(other)
        with pytest.raises(PackageRefused) as caught:
            import_(other, second)
        assert caught.value.code == "parked"
        assert "package 1 from POST-07" in caught.value.message
        assert synced_rows(other) == before
        import_(other, first)
        assert import_(other, second).applied >= 2
    finally:
        other.dispose()


def test_packages_in_any_order_give_the_same_database(tmp_path, hq, post):
    add_person(post, "KARIMOV")
    packages = [export(post, HQ)]
    add_person(post, "TOSHEV")
    packages.append(export(post, HQ))
    with post.write(actor="ivanov") as session:
        person = session.execute(select(Person).where(Person.surname == "KARIMOV")).scalar_one()
        person.birth_place = "Samarkand"
    packages.append(export(post, HQ))
    import shutil

    hq.dispose()
    template = tmp_path / f"{HQ}.sqlite3"
    from borderdesk.store.database import Database

    results = []
    for n, order in enumerate(itertools.permutations(range(3))):
        path = tmp_path / f"order-{n}.sqlite3"
        shutil.copyfile(template, path)
        db = Database.open(path=path)
        try:
            for index in order:
                try:
                    import_(db, packages[index])
                except PackageRefused as refused:
                    assert refused.code == "replayed"
            results.append(synced_rows(db))
        finally:
            db.dispose()
    assert len(results[0]["person"]) == 2
    assert all(r == results[0] for r in results)


def test_password_hashes_stay_at_the_users_site(hq, post):
    with post.write(actor="admin") as session:
        session.add(User(username="ivanov", role="officer", password_hash="argon2-hash"))
    report = import_(hq, export(post, HQ))
    assert report.duplicates == 0  # each site's own "admin" stays at home
    with hq.read() as session:
        copy = session.execute(select(User).where(User.username == "ivanov")).scalar_one()
        assert copy.password_hash == ""
        copy_id = copy.id
    # HQ edits the user: the post, where the user works, keeps its hash.
    with hq.write(actor="admin") as session:
        session.get(User, copy_id).full_name = "Ivanov I."
    import_(post, export(hq, POST))
    with post.read() as session:
        user = session.get(User, copy_id)
        assert (user.full_name, user.password_hash) == ("Ivanov I.", "argon2-hash")


def test_wrong_recipient_unknown_sender_and_newer_schema(hq, post, tmp_path, english):
    from sync_sites import POST2, introduce, make_site

    other = make_site(tmp_path, POST2, "post")
    try:
        introduce(hq, other)
        for_other = export(hq, POST2)
        with pytest.raises(PackageRefused) as caught:
            import_(post, for_other)
        assert caught.value.code == "wrong_recipient"
        assert "POST-09" in caught.value.message
    finally:
        other.dispose()
    stranger = make_site(tmp_path, "POST-11", "post")
    try:
        from sync_sites import identity

        from borderdesk.domain.clock import utc_now
        from borderdesk.sync import peers

        with stranger.write(actor="admin") as session:
            peers.add_peer(session, identity(hq), me="POST-11", now=utc_now())
        with pytest.raises(PackageRefused) as caught:
            import_(hq, export(stranger, HQ))
        assert caught.value.code == "unknown_sender"
    finally:
        stranger.dispose()


def test_a_newer_schema_is_refused(hq, post, monkeypatch):
    from borderdesk.store import migrations

    data = export(post, HQ)
    monkeypatch.setattr(migrations, "is_known", lambda revision: False)
    before = synced_rows(hq)
    with pytest.raises(PackageRefused) as caught:
        import_(hq, data)
    assert caught.value.code == "newer_schema"
    assert synced_rows(hq) == before


def test_audit_chains_verify_at_both_sites_and_hq_checks_the_posts_head(hq, post):
    add_person(post, "KARIMOV")
    report = import_(hq, export(post, HQ))
    assert report.audit_entries > 0
    assert report.chain is not None and report.chain.ok, report.chain
    import_(post, export(hq, POST))
    for db in (hq, post):
        result = audit.verify_chain(db, actor=login(db))
        assert result.ok, result.message
    add_person(post, "TOSHEV")
    second = import_(hq, export(post, HQ))
    assert second.chain.ok
    with hq.read() as session:
        from borderdesk.store.tables import SyncPeer

        head = session.get(SyncPeer, POST).audit_head
        check = verify_chain(session, POST, head)
    assert check.ok and check.entries == int(head.split(":")[0])


def test_a_watchlist_entry_made_at_hq_reaches_the_post(hq, post):
    with hq.write(actor="supervisor") as session:
        session.add(WatchlistPerson(surname="DZHURAEV", name_key="dzhuraev", reason="wanted"))
    import_(post, export(hq, POST))
    with post.read() as session:
        names = session.execute(select(WatchlistPerson.surname)).scalars().all()
    assert names == ["DZHURAEV"]


def test_hq_sends_a_site_only_the_persons_that_concern_it(hq, post):
    from datetime import UTC, datetime

    from borderdesk.store.tables import DocumentCheck

    quiet = add_person(hq, "QUIET")
    refused = add_person(hq, "REFUSED")
    with hq.write(actor="officer") as session:
        session.add(
            DocumentCheck(
                site=HQ,
                officer="officer",
                checked_at=datetime.now(UTC),
                direction="entry",
                person_id=refused.id,
                verdict="alert",
                decision="refuse",
                protocol_number="HQ-1",
                content_digest="0" * 64,
            )
        )
    import_(post, export(hq, POST))
    with post.read() as session:
        assert session.get(Person, refused.id) is not None
        assert session.get(Person, quiet.id) is None
        docs = session.execute(select(IdentityDocument.person_id)).scalars().all()
    assert docs == [refused.id]
    _ = SQLModel


def test_a_person_refused_at_one_post_is_known_at_the_next(hq, post, tmp_path):
    from datetime import UTC, datetime

    from sync_sites import POST2, introduce, make_site

    from borderdesk.store.tables import DocumentCheck

    refused = add_person(post, "NAZAROV")
    with post.write(actor="petrov") as session:
        session.add(
            DocumentCheck(
                site=POST,
                officer="petrov",
                checked_at=datetime.now(UTC),
                direction="entry",
                person_id=refused.id,
                verdict="alert",
                decision="refuse",
                protocol_number="POST-07-1",
                content_digest="0" * 64,
            )
        )
    import_(hq, export(post, HQ))
    other = make_site(tmp_path, POST2, "post")
    try:
        introduce(hq, other)
        import_(other, export(hq, POST2))
        tables = {"person", "identity_document", "document_check"}
        here = synced_rows(other, tables=tables)
        assert here == synced_rows(post, tables=tables)
        assert len(here["document_check"]) == 1
        # Once acknowledged, the next package brings only what changed since: nothing.
        import_(hq, export(other, HQ))
        again = import_(other, export(hq, POST2))
        assert (again.applied, again.skipped) == (0, 0)
    finally:
        other.dispose()


def test_each_sites_first_administrator_stays_at_its_site(hq, post):
    with post.write(actor="admin") as session:
        session.add(User(username="kuznetsov", role="admin", password_hash="argon2-hash"))
    first = import_(hq, export(post, HQ))
    back = import_(post, export(hq, POST))
    assert (first.duplicates, first.conflicts, back.duplicates, back.conflicts) == (0, 0, 0, 0)
    for db in (hq, post):
        with db.read() as session:
            assert session.execute(select(SyncConflict)).first() is None
            admins = session.execute(select(User).where(User.username == "admin")).scalars()
            assert [u.origin_site for u in admins] == [db.site_code]
    with hq.read() as session:  # a later administrator is an ordinary user and travels
        assert session.execute(select(User).where(User.username == "kuznetsov")).scalar_one()
