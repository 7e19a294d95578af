"""The demo builder never writes a record from the future of its build time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from borderdesk.services.demo import builder, moments
from borderdesk.store.tables import CaseEvent, CentreStay, DocumentCheck, ReadmissionCase

BUILT_AT = datetime(2026, 3, 10, 0, 40, tzinfo=UTC)


def test_a_moment_after_the_ceiling_lands_before_it():
    ceiling = BUILT_AT
    earlier = ceiling - timedelta(hours=2)
    assert moments.not_after(earlier, ceiling) == earlier
    soon, later = ceiling + timedelta(minutes=5), ceiling + timedelta(hours=9)
    assert moments.not_after(soon, ceiling) < ceiling
    assert moments.not_after(later, ceiling) < moments.not_after(soon, ceiling)
    assert ceiling - moments.not_after(later, ceiling) < timedelta(minutes=10)


def _latest(db, column) -> datetime:
    with db.read() as session:
        value = session.execute(select(func.max(column))).scalar_one()
    assert value is not None, column
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def test_no_demo_record_is_later_than_the_build(tmp_path):
    """A site whose day is ahead of UTC (Almaty in the UTC evening): its "today" is the
    UTC tomorrow, so every time the builder plans for that day lies ahead of the build."""
    site_today = datetime.now(UTC).date() + timedelta(days=1)
    started = datetime.now(UTC)
    db, summary = builder.create_or_open(
        path=tmp_path / "demo.sqlite3", url=None, persons=150, seed=5, today=site_today
    )
    built = datetime.now(UTC)
    try:
        assert summary.created
        for column in (
            DocumentCheck.checked_at,
            ReadmissionCase.created_at,
            CaseEvent.at,
            CentreStay.arrived_at,
        ):
            assert _latest(db, column) <= built, column
        # The site's day still has its checks: moved before the build, not dropped.
        with db.read() as session:
            recent = session.execute(
                select(func.count())
                .select_from(DocumentCheck)
                .where(DocumentCheck.checked_at >= started - timedelta(hours=1))
            ).scalar_one()
        assert recent >= 1
    finally:
        db.dispose()


def test_the_demo_plans_for_the_sites_day_and_its_users_have_positions(tmp_path, monkeypatch):
    """Without ``today`` the builder takes the site's calendar day, not the machine's."""
    from datetime import date

    from borderdesk.services.access import auth, users
    from borderdesk.services.site import sites

    seen: list[date] = []
    monkeypatch.setattr(sites, "today_in", lambda _tz: date(2031, 5, 4))
    monkeypatch.setattr(
        builder, "add_demo_persons", lambda _db, _n, *, today, **_kw: seen.append(today)
    )
    db, _summary = builder.create_or_open(
        path=tmp_path / "demo.sqlite3", url=None, persons=0, seed=1
    )
    try:
        assert seen == [date(2031, 5, 4)]
        admin = auth.login(db, username="admin", password=builder.DEMO_PASSWORD)
        positions = {row.username: row.position for row in users.list_users(db, actor=admin)}
        for role in ("officer", "centre", "supervisor"):
            assert positions[role], role  # printed under the name on every form
    finally:
        db.dispose()
