"""Time from process start to the login window's first paint, on a real X server.

Run under Xvfb (the platform is xcb: offscreen has no window server to expose a window)::

    xvfb-run -a -s "-screen 0 1600x1000x24" python benchmarks/login_paint.py DB [--old] [-n 5]

Each run is a fresh process (``sys.executable -m borderdesk --db DB`` with a probe):
the probe records the first Paint event of the login dialog and the moment the
database finished opening behind it, then closes the window. ``--old`` replaces
``paint_now`` by the single ``processEvents()`` it replaced, for the before/after figure.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys

PROBE = r"""
import sys, time
START = time.perf_counter()
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
from borderdesk.ui import app as ui_app
from borderdesk.ui.login_dialog import LoginDialog

if "--old" in sys.argv:
    ui_app.paint_now = lambda window, **kw: QApplication.instance().processEvents()
seen = {}

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Paint and isinstance(obj, LoginDialog) and "paint" not in seen:
            seen["paint"] = time.perf_counter() - START
        return False

real_set_database = LoginDialog.set_database
def set_database(self, db, site):
    seen["database"] = time.perf_counter() - START
    real_set_database(self, db, site)
    QTimer.singleShot(0, self.reject)
LoginDialog.set_database = set_database

real_create = ui_app.create_application
def create_application(argv=None):
    app = real_create(argv)
    if not hasattr(app, "_probe"):
        app._probe = FirstPaint(app)
        app.installEventFilter(app._probe)
    return app
ui_app.create_application = create_application

from pathlib import Path
from borderdesk.cli.state import CliState
state = CliState(db_path=Path(sys.argv[1]), database_url=None, lang="ru", user=None, db_given=True)
ui_app.run_gui(state)
print(f"{seen.get('paint', float('nan')):.3f} {seen.get('database', float('nan')):.3f}")
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--old", action="store_true")
    parser.add_argument("-n", type=int, default=5)
    args = parser.parse_args()
    paints, opened = [], []
    for _ in range(args.n):
        argv = [sys.executable, "-c", PROBE, args.db] + (["--old"] if args.old else [])
        out = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
        paint, database = (float(x) for x in out.split()[-2:])
        paints.append(paint)
        opened.append(database)
    label = "before (one processEvents)" if args.old else "after (paint_now)"
    print(
        f"{label}: first paint {statistics.median(paints) * 1000:.0f} ms, "
        f"database open {statistics.median(opened) * 1000:.0f} ms (median of {args.n})"
    )


if __name__ == "__main__":
    main()
