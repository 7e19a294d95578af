"""The sync use cases check roles first and say no in one line."""

from __future__ import annotations

import pytest
from sync_sites import HQ

from borderdesk.errors import InputError, PermissionDenied
from borderdesk.services import sync as sync_service
from helpers import add_user, login


def test_only_an_administrator_trusts_a_peer(hq, post):
    admin = login(post)
    officer = add_user(post, admin, "petrov", "officer")
    text = sync_service.identity_text(hq, actor=login(hq))
    with pytest.raises(PermissionDenied):
        sync_service.add_peer(post, actor=officer, text=text)
    added = sync_service.add_peer(post, actor=admin, text=text)
    assert added.code == HQ and len(added.fingerprint.split()) == 8


def test_an_officer_exports_but_does_not_resolve_conflicts(post, tmp_path):
    admin = login(post)
    officer = add_user(post, admin, "petrov", "officer")
    result = sync_service.export_package(post, actor=officer, to=HQ, out=tmp_path / "for-hq.bdsync")
    assert result.number == 1 and (tmp_path / "for-hq.bdsync").exists()
    with pytest.raises(PermissionDenied):
        sync_service.resolve_conflict(post, actor=officer, conflict_id="x", keep="winner")


def test_a_package_file_has_its_extension_and_a_bad_identity_is_refused(post, tmp_path):
    admin = login(post)
    with pytest.raises(InputError):
        sync_service.export_package(post, actor=admin, to=HQ, out=tmp_path / "for-hq.zip")
    assert not list(tmp_path.glob("for-hq*"))
    with pytest.raises(InputError):
        sync_service.add_peer(post, actor=admin, text='{"format": "x"}')
