"""The command line's stdout and stderr (cli/safe_output.py): stored data with direction
overrides, escape sequences or carriage returns is shown, never obeyed; text the
terminal's encoding lacks never raises UnicodeEncodeError (LANG=C, KOI8-R); --json
keeps the data exact as JSON escapes."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing

import pytest

from borderdesk.cli import safe_output
from borderdesk.cli.safe_output import SafeStream
from helpers import USER_PASSWORD, add_user, login, make_database, use_fast_password_hashing

HOSTILE = "Ali\u202egnp.exe\x1b[2J\x07\rAudit log intact\x85"
KAZAKH = "КАСЫМОВ Әлібек"


def test_controls_are_shown_and_lines_kept():
    out = io.StringIO()
    stream = SafeStream(out)
    assert stream.write(HOSTILE + "\tnext\r\nline\n") == len(HOSTILE) + 12
    text = out.getvalue()
    assert text == (
        "Ali<U+202E>gnp.exe<U+001B>[2J<U+0007><U+000D>Audit log intact<U+0085>\tnext\nline\n"
    )
    with pytest.raises(TypeError):
        stream.write(b"")  # type: ignore[arg-type]  # click's probe: a text stream


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("koi8-r", "КАСЫМОВ \\u04d8л\\u0456бек\n".encode("koi8-r")),
        ("ascii", (KAZAKH + "\n").encode("utf-8")),  # claims ASCII: UTF-8, as click does
        ("utf-8", (KAZAKH + "\n").encode("utf-8")),
    ],
)
def test_text_the_encoding_lacks_is_escaped_not_an_error(encoding, expected):
    raw = io.BytesIO()
    below = io.TextIOWrapper(raw, encoding=encoding, errors="strict")
    stream = SafeStream(below)
    stream.write(KAZAKH + "\n")
    stream.flush()
    assert raw.getvalue() == expected
    assert not hasattr(stream, "buffer")  # nothing writes around the filter


def test_install_wraps_once_and_restores(monkeypatch):
    out, err = io.StringIO(), io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    restore = safe_output.install()
    wrapped = sys.stdout
    assert isinstance(wrapped, SafeStream) and isinstance(sys.stderr, SafeStream)
    again = safe_output.install()
    assert sys.stdout is wrapped  # once
    again()
    print("\u202e", file=sys.stderr)
    restore()
    assert sys.stdout is out and sys.stderr is err
    assert err.getvalue() == "<U+202E>\n"
    assert safe_output.unfiltered(wrapped) is out


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A database with a watchlist entry whose reason was edited by hand to be hostile."""
    from borderdesk.services.people import watchlists

    use_fast_password_hashing(monkeypatch)
    db = make_database(tmp_path)
    supervisor = add_user(db, login(db), "volkov", "supervisor")
    listed = tmp_path / "wanted.csv"
    listed.write_text(
        "surname,given_names,birth_date,nationality,reason\nКАСЫМОВ,Әлібек,1985-03-15,KAZ,wanted\n",
        encoding="utf-8",
    )
    watchlists.import_csv(db, actor=supervisor, path=listed, kind="persons")
    db.dispose()
    with closing(sqlite3.connect(db.path)) as con, con:
        con.execute("update watchlist_person set reason = ?", (HOSTILE,))
    return db.path


def _env(site, tmp_path) -> dict[str, str]:
    return {
        **os.environ,
        "BORDERDESK_DB": str(site),
        "BORDERDESK_USER": "volkov",
        "BORDERDESK_PASSWORD": USER_PASSWORD,
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }


LOCALES = {
    "C without UTF-8 mode": {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0",
                             "PYTHONCOERCECLOCALE": "0"},
    "LANG=C": {"LANG": "C", "LC_ALL": None},
    "KOI8-R": {"PYTHONIOENCODING": "koi8-r"},
}  # fmt: skip


@pytest.mark.parametrize("locale", list(LOCALES))
def test_a_command_prints_stored_controls_safely_in_any_locale(site, tmp_path, locale):
    env = _env(site, tmp_path)
    for name, value in LOCALES[locale].items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    for lang in ("ru", "en"):
        done = subprocess.run(
            [sys.executable, "-m", "borderdesk", "--lang", lang, "watchlist", "list"],
            capture_output=True, env=env, timeout=120,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
        out = done.stdout
        for raw in (b"\xe2\x80\xae", b"\x1b", b"\r", b"\x07", b"\xc2\x85"):
            assert raw not in out, raw
        # (click itself drops the escape sequence when the output is not a terminal)
        assert b"Ali<U+202E>gnp.exe" in out, out.decode("utf-8", "replace")
        assert b"<U+000D>Audit log intact<U+0085>" in out
        assert b"Traceback" not in done.stderr and b"UnicodeEncodeError" not in done.stderr
    as_json = subprocess.run(
        [sys.executable, "-m", "borderdesk", "watchlist", "list", "--json"],
        capture_output=True, env=env, timeout=120,
    )  # fmt: skip
    assert as_json.returncode == 0 and b"\x1b" not in as_json.stdout
    assert b"\\u202e" in as_json.stdout  # an escape in the JSON text, not the character
    encoding = "koi8-r" if locale == "KOI8-R" else "utf-8"
    (entry,) = json.loads(as_json.stdout.decode(encoding))["entries"]
    assert entry["reason"] == HOSTILE  # the data itself, exact


def test_at_a_terminal_an_escape_sequence_is_shown_too(site, tmp_path):
    """click keeps escape sequences for a terminal (it drops them for a pipe)."""
    import pty

    env = _env(site, tmp_path)
    main, secondary = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "borderdesk", "--lang", "en", "watchlist", "list"],
            stdout=secondary, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env,
            timeout=120,
        )  # fmt: skip
        os.close(secondary)
        secondary = -1
        chunks = []
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # the other end is closed: all read
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(main)
        if secondary >= 0:
            os.close(secondary)
    out = b"".join(chunks)
    assert done.returncode == 0, done.stderr
    assert b"<U+202E>gnp.exe<U+001B>[2J<U+0007><U+000D>Audit log intact" in out, out
    assert b"\x1b" not in out and b"\xe2\x80\xae" not in out
