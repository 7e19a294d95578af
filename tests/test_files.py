"""Reading a file the user named: only a regular file, never more than its kind allows."""

from __future__ import annotations

import os

import pytest

from borderdesk.files import (
    FileRefused,
    read_user_file,
    read_user_text,
    regular_file_size,
    size_limit,
    write_private_file,
)


def test_a_regular_file_within_its_limit_is_read(tmp_path):
    path = tmp_path / "pw.txt"
    path.write_bytes("\ufeffТундра-47\n".encode())
    assert read_user_text(path, kind="password") == "Тундра-47\n"
    assert regular_file_size(path) == path.stat().st_size


@pytest.mark.parametrize("what", ["fifo", "folder", "device"])
def test_a_fifo_a_folder_or_a_device_is_refused_without_reading(tmp_path, what):
    path = {"folder": tmp_path, "device": "/dev/zero"}.get(what)
    if what == "fifo":
        path = tmp_path / "pipe"
        os.mkfifo(path)  # reading it would block for ever: no writer
    with pytest.raises(FileRefused) as err:
        read_user_file(path, kind="watchlist")
    assert err.value.code == "not_a_file"


def test_a_file_over_the_limit_of_its_kind_is_refused_before_reading(tmp_path):
    path = tmp_path / "big"
    with path.open("wb") as fh:
        fh.truncate(size_limit("password") + 1)
    with pytest.raises(FileRefused) as err:
        read_user_file(path, kind="password")
    assert err.value.code == "file_too_big" and "4 " in err.value.message  # 4 KiB


def test_bad_utf8_is_a_one_line_error_with_the_position(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes(b"Caf\xe9")
    with pytest.raises(FileRefused) as err:
        read_user_text(path, kind="watchlist")
    assert err.value.code == "not_utf8" and "3" in err.value.message
    missing = tmp_path / "nothing"
    with pytest.raises(FileRefused):
        read_user_file(missing, kind="watchlist")


def test_a_written_file_is_owner_only_and_whole_whatever_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        target = tmp_path / "return.pdf"
        write_private_file(target, b"%PDF-1.4 ...")
    finally:
        os.umask(old)
    assert target.read_bytes() == b"%PDF-1.4 ..."
    assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["return.pdf"]  # no temp file left
