"""Run in a fresh process by run.py: time to the login window, or RSS with the GUI open."""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def settle(app, seconds: float) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def main() -> None:
    mode, db_path = sys.argv[1], sys.argv[2]
    if mode == "bare-start":
        from PySide6.QtWidgets import QApplication, QDialog

        app = QApplication([])
        dialog = QDialog()
        dialog.show()
        app.processEvents()
        print("shown")
        return
    if mode == "bare-memory":
        from PySide6.QtWidgets import QApplication, QMainWindow

        app = QApplication([])
        window = QMainWindow()
        window.resize(1200, 760)
        window.show()
        settle(app, 1.0)
        print(f"{rss_mb():.1f}")
        return

    from pathlib import Path

    from borderdesk.services.database import open_database
    from borderdesk.services.sites import this_site
    from borderdesk.ui.app import create_application
    from borderdesk.ui.login_dialog import LoginDialog

    app = create_application()
    db = open_database(url=None, path=Path(db_path))
    login = LoginDialog(db, this_site(db))
    login.show()
    app.processEvents()
    if mode == "start":
        print("shown")
        return

    from borderdesk.services import auth
    from borderdesk.ui.main_window import MainWindow
    from borderdesk.ui.pages import PageContext

    actor = auth.login(db, username="admin", password="demo")
    login.close()
    window = MainWindow(PageContext(db=db, actor=actor, site=this_site(db)))
    window.resize(1200, 760)
    window.show()
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        settle(app, 1.5)
    settle(app, 2.0)
    print(f"{rss_mb():.1f}")


if __name__ == "__main__":
    main()
