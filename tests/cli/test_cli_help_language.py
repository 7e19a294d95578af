"""``--help`` speaks the chosen language: command, option and group help come from the catalogs.

Real ``python -m borderdesk`` processes, because ``main()`` picks the language before click
parses and command modules are imported only then (their ``_()`` run at decoration time).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

from click.testing import CliRunner

from borderdesk import i18n
from borderdesk.cli import cli

CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


def _start(*args: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "BORDERDESK_LANG"}
    return subprocess.Popen(
        [sys.executable, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _finish(proc: subprocess.Popen) -> str:
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    return out


# Every visible command and option of the CLI, with Russian chosen: any help without a
# Cyrillic letter was not marked for translation (or not translated).
_UNTRANSLATED_HELP = """
import re

import click
from borderdesk.i18n import set_language
set_language("ru")
from borderdesk.cli import cli

def walk(command, path, ctx):
    if not command.help or not CYRILLIC.search(command.help):
        print(path, "help:", command.help)
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden and param.name != "version":
            if not param.help or not CYRILLIC.search(param.help):
                print(path, param.opts[0], "help:", param.help)
        if param.metavar and param.metavar.isupper() and not CYRILLIC.search(param.metavar):
            if param.metavar not in ("YYYY-MM-DD", "ISO3"):
                print(path, param.name, "metavar:", param.metavar)
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            walk(command.get_command(ctx, name), path + " " + name, ctx)

CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
walk(cli, "borderdesk", click.Context(cli))
"""


def test_help_follows_the_language():
    commands = {
        "case": ["case", "--help"],
        "mrz": ["mrz", "check", "--help"],
        "top": ["--help"],
    }
    procs = {
        (name, lang): _start("-m", "borderdesk", "--lang", lang, *args)
        for name, args in commands.items()
        for lang in ("ru", "en")
    }
    out = {key: _finish(proc) for key, proc in procs.items()}

    english = {
        "case": "Readmission cases: open, list, show, record events and decisions.",
        "mrz": "Judge expiry and age on this date instead of today.",
        "top": "BorderDesk: readmission case management for posts, centres and HQ.",
    }
    for name, text in english.items():
        ru, en = out[name, "ru"], out[name, "en"]
        assert text in en, en
        assert not CYRILLIC.search(en), en
        assert CYRILLIC.search(ru), ru
        assert text not in ru, ru
        assert ru != en
    assert "Дела о реадмиссии" in out["case", "ru"]
    assert "МЧЗ" in out["mrz", "ru"]
    assert "Язык: ru или en." in out["top", "ru"]


def test_every_command_and_option_has_translated_help():
    problems = _finish(_start("-c", _UNTRANSLATED_HELP))
    assert not problems, "help not translated into Russian:\n" + problems


def test_top_level_help_is_translated_when_shown_not_at_import():
    """The group and its options exist before the language is chosen."""
    i18n.set_language("en")
    en = CliRunner().invoke(cli, ["--help"]).output
    i18n.set_language("ru")
    ru = CliRunner().invoke(cli, ["--help"]).output
    assert "Language: ru or en." in en
    assert "Язык: ru или en." in ru
    assert "BorderDesk: readmission case management" in en
    assert "BorderDesk: ведение дел о реадмиссии" in ru
