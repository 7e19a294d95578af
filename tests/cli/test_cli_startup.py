"""A quick command line: `--help` lists commands from a static table, imports no layer below.

And the Russian command line speaks Russian in what click prints: "[required]", the type
names, the --version line.
"""

from __future__ import annotations

import os
import subprocess
import sys

import click

from borderdesk import i18n
from borderdesk.cli import _COMMANDS, cli, main


def _python(*code_or_args: str, lang: str = "ru") -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BORDERDESK_")}
    env["BORDERDESK_LANG"] = lang
    done = subprocess.run(
        [sys.executable, *code_or_args], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_static_table_says_what_each_command_says():
    ctx = click.Context(cli)
    for name, (_modules, msgid) in _COMMANDS.items():
        command = cli.get_command(ctx, name)
        assert command is not None, name
        # The module translated its help when it was imported, in that moment's language.
        said = command.short_help or command.help
        assert said in (msgid, i18n.gettext_in("ru", msgid)), name
    # Every module's commands are listed ("check list" is reached through "check").
    assert sorted(set(cli.commands) - {"check list"}) == sorted(_COMMANDS)


def test_help_imports_no_command_module_no_service_and_no_table():
    out = _python(
        "-c",
        "import sys\n"
        "from borderdesk.cli import main\n"
        "try:\n"
        "    main(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('LOADED', *sorted(m for m in sys.modules if m.startswith(('borderdesk.',"
        " 'sqlalchemy', 'sqlmodel', 'reportlab', 'alembic'))))\n",
    )
    help_text, loaded = out.split("LOADED")
    assert "Команды:" in help_text and "check " in help_text and "Проверить документ" in help_text
    # The foundation only: crash (safe logging), files (owner-only umask), the collector's
    # pause and the safe output streams (with the one rule of domain.safe_text) included.
    assert loaded.split() == ["borderdesk.cli", "borderdesk.cli.collector",
                              "borderdesk.cli.safe_output", "borderdesk.cli.state",
                              "borderdesk.crash", "borderdesk.domain",
                              "borderdesk.domain.safe_text", "borderdesk.errors",
                              "borderdesk.files", "borderdesk.i18n",
                              "borderdesk.paths"]  # fmt: skip


def test_help_of_a_command_reads_no_reference_data(monkeypatch, capsys):
    from borderdesk.domain import reference

    def broken() -> None:
        raise AssertionError("help read the reference data")

    monkeypatch.setattr(reference, "load_reference_data", broken)
    try:
        main(["--lang", "en", "case", "list", "--help"])
    except SystemExit as exc:
        assert exc.code == 0
    assert "--due-within" in capsys.readouterr().out


def test_the_russian_command_line_speaks_russian():
    version = _python("-m", "borderdesk", "--version").strip()
    assert version.startswith("borderdesk, версия ")
    assert _python("-m", "borderdesk", "--version", lang="en").startswith("borderdesk, version ")
    user_add = _python("-m", "borderdesk", "user", "add", "--help")
    assert "[обязательный]" in user_add and "required" not in user_add
    cases = _python("-m", "borderdesk", "case", "list", "--help")
    assert "ЦЕЛОЕ ЧИСЛО" in cases and "INTEGER" not in cases


def test_errors_name_the_os_reason_in_the_users_language(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("BORDERDESK_")}
    missing = tmp_path / "missing.csv"
    done = subprocess.run(
        [sys.executable, "-m", "borderdesk", "case", "list", "--due-within", "x"],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2 and "целое число" in done.stderr and "integer" not in done.stderr
    from borderdesk.errors import os_error_reason

    try:
        missing.read_text()
    except OSError as exc:
        i18n.set_language("ru")
        assert os_error_reason(exc) == "нет такого файла или папки"
        i18n.set_language("en")
        assert os_error_reason(exc) == "no such file or folder"


def test_the_usage_line_is_in_the_users_language():
    """click's placeholders ([OPTIONS], COMMAND [ARGS]...) are not left in English."""
    top = _python("-m", "borderdesk", "--help").splitlines()[0]
    assert top == "Использование: borderdesk [ПАРАМЕТРЫ] [КОМАНДА] [АРГУМЕНТЫ]..."
    group = _python("-m", "borderdesk", "centre", "--help").splitlines()[0]
    assert group == "Использование: borderdesk centre [ПАРАМЕТРЫ] КОМАНДА [АРГУМЕНТЫ]..."
    command = _python("-m", "borderdesk", "check", "list", "--help").splitlines()[0]
    assert command == "Использование: borderdesk check list [ПАРАМЕТРЫ]"
    english = _python("-m", "borderdesk", "centre", "--help", lang="en").splitlines()[0]
    assert english == "Usage: borderdesk centre [OPTIONS] COMMAND [ARGS]..."
