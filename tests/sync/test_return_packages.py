"""The monthly return names, for every site whose data came by sync, when its newest
imported package was made: read from sync's bookkeeping, after a real exchange."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from sync_sites import HQ, POST, POST2, introduce, make_site

from borderdesk.domain.clock import utc_now
from borderdesk.services import returns
from borderdesk.store.tables import SyncPeer
from borderdesk.sync import packages
from borderdesk.sync.status import newest_packages
from helpers import login
from return_samples import Month, utc


def _send(sender, to: str, made) -> bytes:
    with sender.write(actor="admin") as session:
        return packages.make_package(session, me=sender.site_code or "", to=to, now=made).data


def _receive(db, data: bytes, at) -> None:
    with db.write(actor="admin", replaying=True) as session:
        packages.import_package(session, data, me=db.site_code or "", now=at)


def test_the_cover_shows_each_sites_newest_package(hq, post, tmp_path):
    quiet = make_site(tmp_path, POST2, "post")  # a peer that never sent anything
    try:
        introduce(hq, quiet)
        with post.write(actor="ivanov") as session:
            Month(session, site=POST).check(utc(2026, 3, 10, 6))
        made = (utc_now() - timedelta(days=3)).replace(microsecond=0)
        first = _send(post, HQ, made - timedelta(days=1))
        newest = _send(post, HQ, made)
        _receive(hq, first, made + timedelta(hours=1))
        _receive(hq, newest, made + timedelta(days=2))  # imported two days after it was made

        ret = returns.monthly_return(hq, actor=login(hq), month="2026-03")
        by_code = {s.code: s for s in ret.sites}
        assert set(by_code) == {HQ, POST, POST2}
        assert not by_code[HQ].synced and by_code[HQ].newest_package is None
        assert by_code[POST].synced and by_code[POST].newest_package == made
        assert by_code[POST2].synced and by_code[POST2].newest_package is None
        assert ret.total("checks").value == 1  # the post's check came with the package

        sites = {s["code"]: s for s in returns.return_json(ret)["sites"]}
        assert sites[POST]["newest_package"] == made.isoformat()
        assert sites[POST2]["newest_package"] is None

        out = tmp_path / "return.pdf"
        returns.write_return_file(ret, out)
        if shutil.which("pdftotext") is None:
            pytest.skip("pdftotext (poppler-utils) is not installed")
        done = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, check=True)
        text = re.sub(r"\s+", " ", done.stdout.decode("utf-8"))
        assert "Данное подразделение / This site" in text
        assert "Пакетов нет / No package" in text
        local = made.astimezone(ZoneInfo(by_code[POST].timezone))
        assert f"Последний пакет / Newest package: {local:%Y-%m-%d %H:%M}" in text
    finally:
        quiet.dispose()


def test_an_older_package_imported_late_does_not_turn_the_date_back(hq, post):
    made = (utc_now() - timedelta(days=2)).replace(microsecond=0)
    with post.write(actor="ivanov") as session:
        Month(session, site=POST).check(utc(2026, 3, 10, 6))
    _receive(hq, _send(post, HQ, made), made)
    with hq.write(actor="admin") as session:
        peer = session.get(SyncPeer, POST)
        assert peer is not None and peer.received_created_at == made
        # A package imported before the creation time was stored: its import time shows.
        peer.received_created_at = None
        session.add(peer)
    with hq.read() as session:
        assert newest_packages(session)[POST] == made


def test_a_site_whose_data_came_through_a_peer_shows_its_newest_change(hq, post):
    with post.write(actor="ivanov") as session:
        Month(session, site=POST).check(utc(2026, 3, 10, 6))
    made = utc_now().replace(microsecond=0)
    _receive(hq, _send(post, HQ, made), made)
    with hq.write(actor="admin") as session:
        peer = session.get(SyncPeer, POST)
        assert peer is not None
        marks = json.loads(peer.received_upto)
        # As at a post that gets another post's records in HQ's packages.
        marks["POST-11"] = "001774828800000.00000.POST-11"  # 2026-03-30 00:00 UTC
        peer.received_upto = json.dumps(marks)
        session.add(peer)
    with hq.read() as session:
        held = newest_packages(session)
    assert held["POST-11"] == utc(2026, 3, 30)
    assert held[POST] == made
