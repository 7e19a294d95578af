"""Look at BorderDesk as its users do: every page, tab, dialog and printed form as PNG.

    python tools/screenshot.py [--out /tmp/shots] [--lang ru --lang en] [--role officer …]
                               [--persons 120] [--size 1280x720] [--no-forms] [--no-gui]
                               [--offscreen] [--display :99]

Builds a demo database in a temporary folder (``borderdesk demo``: every page has data),
then for each language saves the login window (empty and after a wrong password), and for
each role logs in and walks the main window with ``borderdesk.ui.walk`` (the walker the
language test uses): every page, every tab, every dialog reachable from the selected
record, the help box and the menus' dialogs, and the lock screen. Printed forms (check
protocols, the readmission application, intake and handover protocols, the monthly
return) are rendered by the services and turned into PNG pages with ``pdftoppm``.

Output: ``OUT/<lang>/<role>/NNN-<stop>.png``, ``OUT/<lang>/login-*.png`` and
``OUT/<lang>/forms/<form>-<page>.png``; ``OUT/index.txt`` lists every file with the stop
it shows. Starts its own X server (``Xvfb``) unless ``--offscreen`` or ``DISPLAY``
is given; Qt runs in a child process, so the X server goes away even if Qt aborts.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROLES = ("officer", "centre", "supervisor", "admin")
LANGUAGES = ("ru", "en")


def start_xvfb(display: str) -> subprocess.Popen[bytes] | None:
    if shutil.which("Xvfb") is None:
        print("Xvfb not found; using the offscreen platform", file=sys.stderr)
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        return None
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(0.8)
    os.environ["DISPLAY"] = display
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    return server


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/shots"))
    parser.add_argument("--lang", action="append", choices=LANGUAGES)
    parser.add_argument("--role", action="append", choices=ROLES)
    parser.add_argument("--persons", type=int, default=120)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--size", default="1400x880", help="the main window's size, e.g. 1280x720 (a laptop)"
    )
    parser.add_argument("--no-forms", action="store_true", help="skip the printed forms")
    parser.add_argument("--no-gui", action="store_true", help="only the printed forms")
    parser.add_argument("--display", default=":99")
    parser.add_argument("--offscreen", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child or args.offscreen or os.environ.get("DISPLAY"):
        if args.offscreen:
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        return take_shots(args)
    server = start_xvfb(args.display)
    try:
        return subprocess.call([sys.executable, __file__, "--child", *sys.argv[1:]])
    finally:
        if server is not None:
            server.terminate()
            server.wait(5)


def _slug(text: str) -> str:
    return re.sub(r"[^\w.-]+", "-", text, flags=re.ASCII).strip("-")[:80] or "stop"


class Shots:
    """Saves numbered PNG files and keeps the index of what each one shows."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.index: list[str] = []

    def save(self, widget, folder: Path, name: str, where: str) -> Path:  # type: ignore[no-untyped-def]
        folder.mkdir(parents=True, exist_ok=True)
        number = len(list(folder.glob("*.png"))) + 1
        path = folder / f"{number:03d}-{_slug(name)}.png"
        widget.grab().save(str(path))
        self.index.append(f"{path.relative_to(self.out)}\t{where}")
        return path

    def add(self, path: Path, where: str) -> None:
        self.index.append(f"{path.relative_to(self.out)}\t{where}")

    def write_index(self) -> None:
        (self.out / "index.txt").write_text("\n".join(self.index) + "\n", encoding="utf-8")


def take_shots(args: argparse.Namespace) -> int:
    from borderdesk import i18n
    from borderdesk.services.demo.builder import create_or_open

    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    shots = Shots(out)
    languages = args.lang or list(LANGUAGES)
    roles = args.role or list(ROLES)
    with tempfile.TemporaryDirectory() as tmp:
        print("building the demo database…", file=sys.stderr)
        db, _summary = create_or_open(
            path=Path(tmp) / "demo.sqlite3", url=None, persons=args.persons, seed=args.seed
        )
        try:
            if not args.no_gui:
                width, height = (int(n) for n in args.size.lower().split("x"))
                gui_shots(db, shots, languages, roles, size=(width, height))
            if not args.no_forms:
                for lang in languages:
                    i18n.set_language(lang)
                    form_shots(db, shots, out / lang / "forms", Path(tmp))
        finally:
            db.dispose()
    shots.write_index()
    print(f"{len(shots.index)} pictures in {out} (list: {out / 'index.txt'})")
    return 0


def gui_shots(  # type: ignore[no-untyped-def]
    db, shots: Shots, languages: list[str], roles: list[str], *, size: tuple[int, int]
) -> None:
    from sqlalchemy import select

    from borderdesk import i18n
    from borderdesk.services.access import auth
    from borderdesk.services.demo.builder import DEMO_PASSWORD
    from borderdesk.services.site.sites import this_site
    from borderdesk.store.tables import IdentityDocument, Person
    from borderdesk.ui import operations
    from borderdesk.ui.app import create_application
    from borderdesk.ui.login_dialog import LoginDialog
    from borderdesk.ui.main_window import MainWindow
    from borderdesk.ui.pages import PageContext
    from borderdesk.ui.walk import Walker, typing_pages

    app = create_application(["borderdesk"])

    def settle(ms: int = 120) -> None:
        deadline = time.monotonic() + 20
        while not operations.is_idle() and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        until = time.monotonic() + ms / 1000
        while time.monotonic() < until:
            app.processEvents()
            time.sleep(0.01)

    site = this_site(db)
    with db.read() as session:
        mrz = session.execute(select(IdentityDocument.mrz).limit(1)).scalar_one()
        surname = session.execute(select(Person.surname).limit(1)).scalar_one()
    scan = typing_pages(mrz, surname)

    for lang in languages:
        i18n.set_language(lang)
        folder = shots.out / lang
        login = LoginDialog(db, site)
        login.show()
        settle()
        shots.save(login, folder, "login", f"{lang} login")
        login.username.setText("officer")
        login.password.setText("wrong")
        login.submit()
        settle(400)
        shots.save(login, folder, "login-error", f"{lang} login, wrong password")
        login.close()
        for role in roles:
            actor = auth.login(db, username=role, password=DEMO_PASSWORD)
            window = MainWindow(PageContext(db=db, actor=actor, site=site), idle_timeout_ms=0)
            window.resize(*size)
            window.show()
            settle(300)
            role_folder = folder / role

            def visit(  # type: ignore[no-untyped-def]
                where: str, widget, role_folder: Path = role_folder, lang: str = lang
            ) -> None:
                settle()
                name = where.split(" ", 1)[1] if " " in where else where
                path = shots.save(widget, role_folder, name, f"{lang} {where}")
                print(path, file=sys.stderr)

            walker = Walker(lambda: settle(60), visit, prepare_page=scan)
            walker.walk_window(window, role)
            for failure in walker.failures:
                print(f"{lang} {failure}", file=sys.stderr)
            window.show_page(window.nav_keys()[0])
            settle()
            window.idle_lock.lock()
            settle()
            shots.save(window, role_folder, "locked", f"{lang} {role} locked")
            window.close()
            settle()


def form_shots(db, shots: Shots, folder: Path, tmp: Path) -> None:  # type: ignore[no-untyped-def]
    """Every kind of printed form from the demo's records, each page as a PNG."""
    from sqlalchemy import select

    from borderdesk.domain.returns.period import ReturnMonth
    from borderdesk.services.access import auth
    from borderdesk.services.cases.application_form import write_application
    from borderdesk.services.centre.forms import render_intake
    from borderdesk.services.checks.protocol_form import write_check_protocol
    from borderdesk.services.demo.builder import DEMO_PASSWORD
    from borderdesk.services.returns.monthly import write_monthly_return
    from borderdesk.services.site.sites import site_today
    from borderdesk.services.transfers.handover_form import render_handover
    from borderdesk.store.tables import CentreStay, DocumentCheck, ReadmissionCase, Transfer

    folder.mkdir(parents=True, exist_ok=True)
    officer = auth.login(db, username="officer", password=DEMO_PASSWORD)
    centre = auth.login(db, username="centre", password=DEMO_PASSWORD)
    supervisor = auth.login(db, username="supervisor", password=DEMO_PASSWORD)
    with db.read() as session:
        checks = {}
        for check in session.execute(
            select(DocumentCheck).order_by(DocumentCheck.checked_at.desc())
        ).scalars():
            key = (check.decision, check.verdict)
            checks.setdefault(key, check.id)
        cases = {}
        for case in session.execute(select(ReadmissionCase)).scalars():
            if case.submitted_on is not None:
                cases.setdefault(case.kind, case.id)
        stays = {}
        for stay in session.execute(select(CentreStay)).scalars():
            stays.setdefault(bool(stay.decision_number), stay.id)
        transfers = {}
        for transfer in session.execute(select(Transfer)).scalars():
            transfers.setdefault(transfer.status, transfer.id)

    jobs = []
    for (decision, verdict), check_id in sorted(checks.items(), key=str):
        jobs.append(
            (
                f"check-{decision or 'none'}-{verdict}",
                lambda out, i=check_id: write_check_protocol(
                    db, actor=officer, check_id=i, out=out
                ),
            )
        )
    for kind, case_id in sorted(cases.items()):
        jobs.append(
            (
                f"application-{kind}",
                lambda out, i=case_id: write_application(db, actor=officer, case_id=i, out=out),
            )
        )
    for with_decision, stay_id in sorted(stays.items()):
        jobs.append(
            (
                "intake-with-decision" if with_decision else "intake",
                lambda out, i=stay_id: render_intake(db, actor=centre, stay_id=i, out=out),
            )
        )
    for status, transfer_id in sorted(transfers.items()):
        jobs.append(
            (
                f"handover-{status}",
                lambda out, i=transfer_id: render_handover(
                    db, actor=centre, transfer_id=i, out=out
                ),
            )
        )
    today = site_today(db)
    jobs.append(
        (
            "monthly-return",
            lambda out: write_monthly_return(
                db, actor=supervisor, month=ReturnMonth(today.year, today.month), out=out
            ),
        )
    )
    for name, write in jobs:
        pdf = tmp / f"{name}.pdf"
        try:
            write(pdf)
        except Exception as exc:  # noqa: BLE001 - report and go on with the other forms
            print(f"form {name}: {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        subprocess.run(["pdftoppm", "-png", "-r", "70", str(pdf), str(folder / name)], check=True)
        for page in sorted(folder.glob(f"{name}-*.png")):
            shots.add(page, f"form {name}")
            print(page, file=sys.stderr)
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True
        ).stdout
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
