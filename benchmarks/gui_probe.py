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

    from borderdesk.cli.state import CliState
    from borderdesk.ui import app as ui_app

    if mode == "start":
        # `borderdesk --db PATH` exactly as a user starts it, stopped once the login
        # window is on screen (the database then opens behind it).
        def shown(state: CliState) -> int:
            ui_app.open_login_window(state)
            print("shown")
            return 0

        ui_app.run_gui = shown
        from borderdesk.cli import main as cli_main

        cli_main(["--db", db_path])

    state = CliState(db_path=Path(db_path), database_url=None, lang="ru", user=None)
    login = ui_app.open_login_window(state)

    from PySide6.QtWidgets import QApplication

    from borderdesk.services.site.sites import this_site

    app = QApplication.instance()
    db = state.database()
    login.set_database(db, this_site(db))

    from borderdesk.services.access import auth
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
