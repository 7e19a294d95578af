"""services.returns: who may print the return, which sites it covers, the files it writes."""

from __future__ import annotations

import csv
from datetime import UTC, datetime

import pytest

from borderdesk.errors import InputError, PermissionDenied
from borderdesk.services import returns
from helpers import add_user, make_database
from return_samples import Month, add_site, utc


@pytest.fixture
def supervisor(db, admin):
    return add_user(db, admin, "sup", "supervisor", full_name="Волков А. Н.")


def _month_with_checks(db) -> None:
    with db.write(actor="admin") as session:
        add_site(session, "POST-09", "Europe/Moscow")
        Month(session).check(utc(2026, 3, 3, 6))
        Month(session, site="POST-09").check(utc(2026, 3, 4, 6))


def test_only_supervisors_and_administrators(db, admin, supervisor):
    for role in ("officer", "centre"):
        actor = add_user(db, admin, role, role)
        with pytest.raises(PermissionDenied):
            returns.monthly_return(db, actor=actor, month="2026-03")
    assert returns.monthly_return(db, actor=supervisor, month="2026-03").month.month == 3
    assert returns.monthly_return(db, actor=admin, month="2026-03").month.month == 3


def test_a_post_covers_itself_unless_told(db, supervisor):
    _month_with_checks(db)
    own = returns.monthly_return(db, actor=supervisor, month="2026-03")
    assert own.site_codes == ("POST-07",) and own.total("checks").value == 1
    assert not own.sites[0].synced
    both = returns.monthly_return(
        db, actor=supervisor, month="2026-03", sites=["post-07", "POST-09"]
    )
    assert both.site_codes == ("POST-07", "POST-09") and both.total("checks").value == 2
    assert returns.return_sites(db, actor=supervisor) == ("POST-07", "POST-09")


def test_hq_covers_every_site_and_shows_their_packages(tmp_path):
    db = make_database(tmp_path, "hq.sqlite3", site_code="ORB-HQ", kind="hq")
    try:
        from helpers import login

        admin = login(db)
        with db.write(actor="admin") as session:
            add_site(session, "POST-07", "Asia/Yekaterinburg")
        _month_with_checks(db)
        when = datetime(2026, 3, 30, 6, tzinfo=UTC)
        ret = returns.monthly_return(db, actor=admin, month="2026-03", packages={"POST-09": when})
        assert ret.site_codes == ("ORB-HQ", "POST-07", "POST-09")
        by_code = {s.code: s for s in ret.sites}
        assert not by_code["ORB-HQ"].synced
        assert by_code["POST-07"].synced and by_code["POST-07"].newest_package is None
        assert by_code["POST-09"].newest_package == when
        assert ret.total("checks").value == 2
    finally:
        db.dispose()


def test_bad_requests_are_one_line_errors(db, supervisor, tmp_path):
    with pytest.raises(InputError, match="POST-99"):
        returns.monthly_return(db, actor=supervisor, month="2026-03", sites=["POST-99"])
    with pytest.raises(InputError):
        returns.monthly_return(db, actor=supervisor, month="2026/03")
    with pytest.raises(InputError):
        returns.monthly_return(db, actor=supervisor, month="2999-01")
    with pytest.raises(InputError):
        returns.write_monthly_return(db, actor=supervisor, month="2026-03", out=tmp_path / "r.txt")
    with pytest.raises(InputError):
        returns.write_monthly_return(
            db, actor=supervisor, month="2026-03", out=tmp_path / "missing" / "r.pdf"
        )


@pytest.mark.parametrize("suffix", [".pdf", ".csv", ".xlsx"])
def test_the_file_is_written_whole(db, supervisor, tmp_path, suffix):
    _month_with_checks(db)
    out = tmp_path / f"return{suffix}"
    ret = returns.write_monthly_return(db, actor=supervisor, month="2026-03", out=out)
    assert out.stat().st_size > 0
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []
    if suffix == ".csv":
        rows = list(csv.DictReader(out.open(encoding="utf-8")))
        assert len(rows) == len(ret.figures)
    if suffix == ".pdf":
        assert out.read_bytes().startswith(b"%PDF-")


def test_a_failed_write_leaves_no_file(db, supervisor, tmp_path, monkeypatch):
    from borderdesk.services.returns import monthly

    def broken(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(monthly, "write_return_csv", broken)
    out = tmp_path / "r.csv"
    with pytest.raises(OSError):
        returns.write_monthly_return(db, actor=supervisor, month="2026-03", out=out)
    assert not list(tmp_path.glob(".*.part"))
    assert not out.exists()
