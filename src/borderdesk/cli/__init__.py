"""The command line: the same use cases as the GUI, through the same services."""

from __future__ import annotations

import importlib
import os
import re
import sys
from pathlib import Path

import click

from borderdesk import __version__
from borderdesk.cli.state import CliState
from borderdesk.crash import install_safe_logging
from borderdesk.errors import BorderDeskError
from borderdesk.files import restrict_umask
from borderdesk.i18n import LANGUAGES, N_, _, set_language, use_for_libraries
from borderdesk.paths import default_db_path

# Which modules define (or add subcommands to) each command. A module is imported only
# when its command runs, so `borderdesk mrz check` does not pay for reportlab or Qt.
_COMMANDS: dict[str, tuple[str, ...]] = {
    "init": ("setup",),
    "demo": ("demo",),
    "user": ("users",),
    "audit": ("audit_cmd",),
    "backup": ("audit_cmd",),
    "restore": ("audit_cmd",),
    "mrz": ("mrz",),
    "agreement": ("agreements",),
    "deadline": ("deadlines",),
    "check": ("checks",),
    "search": ("search",),
    "watchlist": ("watchlists",),
    "journal": ("journal",),
    "case": ("cases",),
    "centre": ("centre",),
    "transfer": ("transfers",),
    "form": ("forms", "cases", "centre", "transfers"),
    "report": ("reports",),
    "sync": ("sync",),
}


class _HelpTranslatedWhenRead:
    """``help`` holds an English msgid (marked with N_) and is translated each time it is read.

    The top-level group and its options are built when this package is imported, before
    main() picks the language. Command modules are imported later and use _() directly.
    """

    _help_msgid: str | None

    @property
    def help(self) -> str | None:
        return _(self._help_msgid) if self._help_msgid else self._help_msgid

    @help.setter
    def help(self, value: str | None) -> None:
        self._help_msgid = value


class _Option(_HelpTranslatedWhenRead, click.Option):
    pass


class LazyGroup(_HelpTranslatedWhenRead, click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        for module in _COMMANDS.get(cmd_name, ()):
            importlib.import_module(f"borderdesk.cli.{module}")
        return super().get_command(ctx, cmd_name)


@click.group(
    cls=LazyGroup,
    invoke_without_command=True,
    help=N_("BorderDesk: readmission case management for posts, centres and HQ."),
)
@click.version_option(
    __version__, prog_name="borderdesk", cls=_Option, help=N_("Show the version and exit.")
)
@click.option(
    "--db",
    "db_path",
    cls=_Option,
    type=click.Path(path_type=Path),
    default=None,
    help=N_("Database file (default: the user data folder; BORDERDESK_DB)."),
)
@click.option(
    "--lang",
    cls=_Option,
    type=click.Choice(LANGUAGES),
    default=None,
    help=N_("Language: ru or en."),
)
@click.option("--user", cls=_Option, default=None, help=N_("Act as this user (BORDERDESK_USER)."))
@click.pass_context
def cli(ctx: click.Context, db_path: Path | None, lang: str | None, user: str | None) -> None:
    lang_given = lang is not None or os.environ.get("BORDERDESK_LANG") in LANGUAGES
    lang = lang or os.environ.get("BORDERDESK_LANG") or "ru"
    set_language(lang)
    ctx.obj = CliState(
        db_path=db_path or default_db_path(),
        database_url=os.environ.get("BORDERDESK_DATABASE_URL"),
        lang=lang,
        lang_given=lang_given,
        user=user,
        db_given=db_path is not None or bool(os.environ.get("BORDERDESK_DB")),
    )
    ctx.call_on_close(ctx.obj.close)
    # Reference data is checked at every start: a malformed file names its key here.
    from borderdesk.domain.reference import load_reference_data

    load_reference_data()
    if ctx.invoked_subcommand is None:
        from borderdesk.ui.app import run_gui

        ctx.exit(run_gui(ctx.obj, last_database=True))


def _language_from_argv(argv: list[str]) -> str:
    # Errors in parsing happen before the group callback runs, so pick the language here too.
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGUAGES:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg.split("=", 1)[1] in LANGUAGES:
            return arg.split("=", 1)[1]
    env = os.environ.get("BORDERDESK_LANG")
    return env if env in LANGUAGES else "ru"


def main(argv: list[str] | None = None) -> None:
    """Entry point: one line on stderr and a non-zero exit for any bad input."""
    args = list(sys.argv[1:] if argv is None else argv)
    restrict_umask()  # databases, backups, forms and logs hold personal data
    install_safe_logging()
    lang = _language_from_argv(args)
    set_language(lang)
    # click's own texts (usage errors, "Usage:", "Options") come from the standard library's
    # global gettext: point it at our catalog here, where click is about to run.
    use_for_libraries(lang)
    try:
        result = cli.main(args=args, prog_name="borderdesk", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo(_("borderdesk: cancelled"), err=True)
        sys.exit(1)
    except click.UsageError as exc:
        click.echo(
            _("borderdesk: bad usage: {message}").format(message=_one_line(exc.format_message())),
            err=True,
        )
        sys.exit(2)
    except click.ClickException as exc:
        click.echo(
            _("borderdesk: error: {message}").format(message=_one_line(exc.format_message())),
            err=True,
        )
        sys.exit(exc.exit_code)
    except BorderDeskError as exc:
        click.echo(_("borderdesk: error: {message}").format(message=exc.message), err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo(_("borderdesk: cancelled"), err=True)
        sys.exit(130)
    except Exception as exc:  # a bug, not bad input: keep the details in a log, not on screen
        log = _write_crash_log()
        click.echo(
            _("borderdesk: unexpected error ({kind}); details in {log}").format(
                kind=type(exc).__name__, log=log
            ),
            err=True,
        )
        sys.exit(70)
    # Commands return their exit code (mrz check: 1 for a failed check digit); Exit returns too.
    sys.exit(result if isinstance(result, int) else 0)


def _one_line(message: str) -> str:
    """click lists choices one per line ("Choose from:\\n\\tincoming,\\n\\t..."): join them."""
    return re.sub(r"\s*\n\s*", " ", message).strip()


def _write_crash_log() -> Path:
    import platformdirs

    from borderdesk.crash import write_crash_report

    log = platformdirs.user_log_path("borderdesk", appauthor=False) / "crash.log"
    write_crash_report(log)
    return log
