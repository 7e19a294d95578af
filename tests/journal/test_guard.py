"""Hostile files are refused before calamine inflates anything."""

from __future__ import annotations

import dataclasses
import zipfile

import journal_samples as sample
import pytest

from borderdesk.errors import InputError
from borderdesk.journal import guard, read_journal


def test_a_zip_bomb_is_refused_by_its_ratio(english, tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (20 * 1024 * 1024))
    with pytest.raises(InputError, match=r"sheet1.xml is compressed \d+ times") as caught:
        read_journal(path)
    assert caught.value.code == "journal_zip_bomb"


def shrunk(monkeypatch, **changes):
    small = dataclasses.replace(guard.limits(), **changes)
    monkeypatch.setattr(guard, "limits", lambda: small)


def test_the_uncompressed_total_and_member_count_are_bounded(english, tmp_path, monkeypatch):
    path = sample.write_xlsx(tmp_path / "j.xlsx")
    shrunk(monkeypatch, max_uncompressed_bytes=10_000)
    with pytest.raises(InputError, match="unpacks to"):
        read_journal(path, sheet="2019")
    shrunk(monkeypatch, max_members=3)
    with pytest.raises(InputError, match="holds \\d+ parts"):
        read_journal(path, sheet="2019")


def test_file_size_and_row_count_are_bounded(english, tmp_path, monkeypatch):
    path = sample.write_csv(tmp_path / "j.csv")
    shrunk(monkeypatch, max_file_bytes=100)
    with pytest.raises(InputError, match="larger than"):
        read_journal(path)
    monkeypatch.undo()
    from borderdesk.journal import reader

    small = dataclasses.replace(guard.limits(), max_rows=10)
    monkeypatch.setattr(reader, "limits", lambda: small)
    with pytest.raises(InputError, match="more than 10 rows"):
        read_journal(path)


def test_a_real_workbook_passes(tmp_path):
    guard.check_xlsx_archive(sample.write_xlsx(tmp_path / "j.xlsx"))
