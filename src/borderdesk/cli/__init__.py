"""The command line: the same use cases as the GUI, through the same services."""

from __future__ import annotations

import importlib
import os
import re
import sys
from pathlib import Path

import click

from borderdesk import __version__
from borderdesk.cli import collector, safe_output
from borderdesk.cli.state import CliState
from borderdesk.crash import install_safe_logging
from borderdesk.errors import BorderDeskError, InputError
from borderdesk.files import restrict_umask
from borderdesk.i18n import LANGUAGES, N_, _, set_language, use_for_libraries
from borderdesk.paths import default_db_path

# Which modules define (or add subcommands to) each command, and the command's help as a
# msgid (the same text the module gives it: tests/cli/test_cli_startup.py compares them).
# A module is imported only when its command runs, and `borderdesk --help` lists the commands
# from this table alone: it imports no command module, no service and no table.
_COMMANDS: dict[str, tuple[tuple[str, ...], str]] = {
    "init": (
        ("setup",),
        N_("Create the database, the site, its key pairs and the first administrator."),
    ),
    "demo": (
        ("demo",),
        N_("Create (or reuse) a demo database with users and realistic synthetic data."),
    ),
    "user": (("users",), N_("Manage user accounts (administrators).")),
    "audit": (("audit_cmd",), N_("The audit log.")),
    "backup": (
        ("audit_cmd",),
        N_("Write an encrypted, consistent copy of the database (safe while BorderDesk runs)."),
    ),
    "restore": (("audit_cmd",), N_("Decrypt a backup into a new database file.")),
    "mrz": (("mrz",), N_("Machine readable zones of travel documents (ICAO Doc 9303).")),
    "agreement": (("agreements",), N_("Readmission agreements: who they cover and when.")),
    "deadline": (
        ("deadlines",),
        N_("Compute when a step of the readmission procedure is due."),
    ),
    "check": (("checks",), N_("Check a document (--mrz), or list the recorded checks (list).")),
    "search": (
        ("search",),
        N_(
            "Find persons by a name in any spelling, a document number or a date of birth "
            "(YYYY-MM-DD, DD.MM.YYYY or a year), best first."
        ),
    ),
    "watchlist": (
        ("watchlists",),
        N_("Watchlists: lost and stolen documents, wanted persons."),
    ),
    "journal": (("journal",), N_("Legacy journals of incoming readmission requests.")),
    "case": (
        ("cases",),
        N_("Readmission cases: open, list, show, record events and decisions."),
    ),
    "centre": (
        ("centre",),
        N_("The readmission centre: rooms and beds, intake, residents, release."),
    ),
    "transfer": (
        ("transfers",),
        N_("Onward transfers from the centre under a readmission agreement."),
    ),
    "form": (
        ("forms", "cases", "centre", "transfers"),
        N_("Print a protocol or application as a bilingual PDF."),
    ),
    "report": (("reports",), N_("Statistical returns.")),
    "sync": (("sync",), N_("Sync by file: identities, peers, packages, conflicts.")),
}

# click marks required options "[required]" with _(extra["required"]), a variable, so the
# word is not extracted from click's source: marked here, it reaches the catalog.
N_("required")

# Options of the whole program, accepted before or after the command (README: "Every
# command takes --db PATH ..."): main() moves them in front of the command for click.
_GLOBAL_WITH_VALUE = ("--db", "--user", "--lang")
# --json belongs to the commands that report data; given before the command, it moves after.
_JSON = "--json"
_HELP_ASKED = "borderdesk.help_asked"


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


# click writes the usage line's placeholders in English, untranslated ("Usage: borderdesk
# [OPTIONS] COMMAND [ARGS]..."): every command and group here says them in the user's language.
_USAGE_PIECES = {
    "[OPTIONS]": N_("[OPTIONS]"),
    "[COMMAND] [ARGS]...": N_("[COMMAND] [ARGS]..."),
    "COMMAND [ARGS]...": N_("COMMAND [ARGS]..."),
}


class _UsageInUsersLanguage:
    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        pieces: list[str] = super().collect_usage_pieces(ctx)  # type: ignore[misc]
        return [_(_USAGE_PIECES[piece]) if piece in _USAGE_PIECES else piece for piece in pieces]


class _Command(_UsageInUsersLanguage, click.Command):
    pass


class _Group(_UsageInUsersLanguage, click.Group):
    command_class = _Command
    group_class = type  # its subgroups are of this class too


class LazyGroup(_UsageInUsersLanguage, _HelpTranslatedWhenRead, click.Group):
    command_class = _Command
    group_class = _Group

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        modules, _help = _COMMANDS.get(cmd_name, ((), ""))
        for module in modules:
            importlib.import_module(f"borderdesk.cli.{module}")
        return super().get_command(ctx, cmd_name)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        # `check --mrz LINE LINE` takes free arguments, so `check` cannot be a group:
        # `check list` is a command of its own, chosen here.
        if args[:2] == ["check", "list"]:
            self.get_command(ctx, "check")  # cli.checks adds "check list" beside "check"
            return "check list", self.commands["check list"], args[2:]
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context) -> object:
        # Seen here: by the time the group's callback runs, click has taken the words away.
        words = ctx.args[: ctx.args.index("--")] if "--" in ctx.args else ctx.args
        ctx.meta[_HELP_ASKED] = any(word in ctx.help_option_names for word in words)
        return super().invoke(ctx)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list from the static table: no command module is imported."""
        limit = formatter.width - 6 - max(len(name) for name in _COMMANDS)
        rows = [
            (name, click.Command(name, help=_(msgid)).get_short_help_str(limit))
            for name, (_modules, msgid) in sorted(_COMMANDS.items())
        ]
        with formatter.section(_("Commands")):
            formatter.write_dl(rows)


@click.group(
    cls=LazyGroup,
    invoke_without_command=True,
    help=N_("BorderDesk: readmission case management for posts, centres and HQ."),
)
@click.option(
    "--version",
    cls=_Option,
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=lambda ctx, _param, value: _print_version(ctx) if value else None,
    help=N_("Show the version and exit."),
)
@click.option(
    "--db",
    "db_path",
    cls=_Option,
    type=click.Path(),
    callback=lambda _ctx, _param, value: _database_file(value),
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
    if ctx.meta.get(_HELP_ASKED):
        return  # help reads no data: it stays quick and works with a broken file
    # Reference data is checked at every start: a malformed file names its key here.
    from borderdesk.domain.reference import load_reference_data

    load_reference_data()
    if ctx.invoked_subcommand is None:
        collector.resume()  # the GUI runs for hours
        from borderdesk.ui.app import run_gui

        ctx.exit(run_gui(ctx.obj, last_database=True))


def _database_file(value: str | None) -> Path | None:
    # click turns "" into Path("."): the current folder would be "the database".
    if value is None:
        return None
    if not value.strip():
        raise InputError(_("--db: give the database file's name."), code="no_database_name")
    return Path(value)


def _print_version(ctx: click.Context) -> None:
    # Our own line rather than click.version_option's, whose text is translated when this
    # module is imported, before main() has chosen the language.
    click.echo(_("borderdesk, version {version}").format(version=__version__))
    ctx.exit()


def hoist_global_options(args: list[str]) -> list[str]:
    """``case list --db X`` -> ``--db X case list``; ``--json case list`` -> ``case list --json``.

    Only before ``--`` (after it every word is an argument).
    """
    end = args.index("--") if "--" in args else len(args)
    words, tail = args[:end], args[end:]
    front: list[str] = []
    rest: list[str] = []
    json_first = False
    seen_command = False
    i = 0
    while i < len(words):
        word = words[i]
        name = word.split("=", 1)[0]
        if name in _GLOBAL_WITH_VALUE:
            if "=" in word or i + 1 == len(words):
                front.append(word)
                i += 1
            else:
                front += words[i : i + 2]
                i += 2
            continue
        if word == _JSON and not seen_command:
            json_first = True
        elif not word.startswith("-") and not seen_command:
            seen_command = True
            rest.append(word)
        elif not seen_command:
            front.append(word)  # --help, --version: the program's own flags
        else:
            rest.append(word)
        i += 1
    if json_first:
        rest.append(_JSON)
    return front + rest + tail


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
    collector.pause()
    if argv is None:  # the process's own command line: it ends with this command
        collector.one_command_process()
    # Stored data printed by any command shows its control characters, never obeys them,
    # and text the terminal cannot encode never stops the output (cli/safe_output.py).
    restore_streams = safe_output.install()
    try:
        _main(argv)
    finally:
        restore_streams()
        collector.resume()


def _main(argv: list[str] | None) -> None:
    args = hoist_global_options(list(sys.argv[1:] if argv is None else argv))
    restrict_umask()  # databases, backups, forms and logs hold personal data
    install_safe_logging()
    lang = _language_from_argv(args)
    set_language(lang)
    # click's own texts (usage errors, "Usage:", "Options") come from the standard library's
    # global gettext: point it at our catalog here, where click is about to run.
    use_for_libraries(lang)
    try:
        _refuse_undecodable_text(args)
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
        # A refusal that harms nothing (a package imported before) exits 0: no "error".
        said = (
            _("borderdesk: {message}") if exc.exit_code == 0 else _("borderdesk: error: {message}")
        )
        click.echo(said.format(message=exc.message), err=True)
        sys.exit(exc.exit_code)
    except UnicodeError:  # a password typed or piped in another encoding than UTF-8
        click.echo(
            _("borderdesk: error: {message}").format(message=_("The input is not UTF-8 text.")),
            err=True,
        )
        sys.exit(2)
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


def _undecodable(text: str) -> bool:
    # Python keeps bytes that are not UTF-8 in argv and the environment as lone surrogates.
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _refuse_undecodable_text(args: list[str]) -> None:
    """Arguments and BORDERDESK_* variables must be UTF-8 text: refused before any work."""
    for number, arg in enumerate(args, start=1):
        if _undecodable(arg):
            raise InputError(_("Argument {n} is not UTF-8 text.").format(n=number), code="not_utf8")
    for name, value in os.environ.items():
        if name.startswith("BORDERDESK_") and _undecodable(value):
            raise InputError(
                _("The variable {name} is not UTF-8 text.").format(name=name), code="not_utf8"
            )


def _one_line(message: str) -> str:
    """click lists choices one per line ("Choose from:\\n\\tincoming,\\n\\t..."): join them."""
    return re.sub(r"\s*\n\s*", " ", message).strip()


def _write_crash_log() -> Path:
    import platformdirs

    from borderdesk.crash import write_crash_report

    log = platformdirs.user_log_path("borderdesk", appauthor=False) / "crash.log"
    write_crash_report(log)
    return log
