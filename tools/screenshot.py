"""Look at the GUI like a user: grab every window and page as PNG files.

    python tools/screenshot.py [--out /tmp/shots] [--offscreen]

Starts its own X server (``Xvfb :99``) unless ``--offscreen`` or a ``DISPLAY`` is
given, builds a small demo site in a temporary folder (users of every role, a few
failed logins, one locked and one disabled account), then saves the login window,
each page of the main window as administrator in Russian and English, the Add user
dialog and the lock screen.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def start_xvfb(display: str) -> subprocess.Popen[bytes] | None:
    if shutil.which("Xvfb") is None:
        print("Xvfb not found; using the offscreen platform", file=sys.stderr)
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        return None
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(0.8)
    os.environ["DISPLAY"] = display
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    return server


def demo_site(folder: Path):  # type: ignore[no-untyped-def]
    from borderdesk.errors import AuthenticationError
    from borderdesk.services.access import auth, users
    from borderdesk.services.site.setup import initialise

    db = initialise(
        path=folder / "demo.sqlite3",
        url=None,
        site_code="POST-07",
        site_name="Застава 7 «Илецк»",
        kind="post",
        admin_user="admin",
        admin_password="demo",
    )
    admin = auth.login(db, username="admin", password="demo")
    people = [
        ("ivanov.p", "officer", "Иванов Пётр Сергеевич"),
        ("sidorova.a", "centre", "Сидорова Анна Викторовна"),
        ("kuznetsov", "supervisor", "Кузнецов Алексей Игоревич"),
        ("belov.d", "officer", "Белов Дмитрий"),
        ("orlova", "officer", "Орлова Мария Андреевна"),
    ]
    for username, role, full_name in people:
        users.add_user(
            db, actor=admin, username=username, role=role, password="demo", full_name=full_name
        )
    for username in ("ivanov.p", "kuznetsov", "sidorova.a"):
        auth.login(db, username=username, password="demo")
    for _ in range(5):  # orlova forgets her password and is locked out
        with contextlib.suppress(AuthenticationError):
            auth.login(db, username="orlova", password="wrong")
    users.set_disabled(db, actor=admin, username="belov.d", disabled=True)
    return db, auth.login(db, username="admin", password="demo")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/shots"))
    parser.add_argument("--display", default=":99")
    parser.add_argument("--offscreen", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child or args.offscreen or os.environ.get("DISPLAY"):
        if args.offscreen:
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        return take_shots(args.out)
    # Qt runs in a child process: should it abort, the X server still goes away.
    server = start_xvfb(args.display)
    try:
        command = [sys.executable, __file__, "--child", "--out", str(args.out)]
        return subprocess.call(command)
    finally:
        if server is not None:
            server.terminate()
            server.wait(5)


def take_shots(out: Path) -> int:
    from borderdesk import i18n
    from borderdesk.services.site.sites import this_site
    from borderdesk.ui import operations
    from borderdesk.ui.app import create_application
    from borderdesk.ui.login_dialog import LoginDialog
    from borderdesk.ui.main_window import MainWindow
    from borderdesk.ui.pages import PageContext

    out.mkdir(parents=True, exist_ok=True)
    app = create_application(["borderdesk"])

    # Qt only through borderdesk.ui and the objects it returns: no PySide6 import here.
    def settle(ms: int = 150) -> None:
        deadline = time.monotonic() + 10
        while not operations.is_idle() and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        until = time.monotonic() + ms / 1000
        while time.monotonic() < until:
            app.processEvents()
            time.sleep(0.01)

    def save(widget, name: str) -> None:  # type: ignore[no-untyped-def]
        settle()
        path = out / f"{name}.png"
        widget.grab().save(str(path))
        print(path)

    with tempfile.TemporaryDirectory() as tmp:
        db, admin = demo_site(Path(tmp))
        site = this_site(db)
        try:
            i18n.set_language("ru")
            login = LoginDialog(db, site)
            login.show()
            login.username.setText("admin")
            login.password.setText("wrong")
            save(login, "01-login")
            login.submit()
            save(login, "02-login-error")
            login.close()

            window = MainWindow(PageContext(db=db, actor=admin, site=site), idle_timeout_ms=0)
            window.show()
            for lang in ("ru", "en"):
                i18n.set_language(lang)
                for number, key in enumerate(window.nav_keys(), start=1):
                    window.show_page(key)
                    save(window, f"{lang}-{number}-{key}")
            users_page = window.show_page("users")
            settle()
            users_page.add_user()
            save(users_page.dialog, "en-add-user-dialog")
            users_page.dialog.close()
            audit_page = window.show_page("audit")
            audit_page.verify()
            save(window, "en-audit-verified")
            window.resize(900, 600)
            save(window, "en-audit-small")
            window.resize(1200, 760)
            window.idle_lock.lock()
            save(window, "en-locked")
            window.close()
        finally:
            app.processEvents()
            db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
