"""click's own messages (usage errors, "Usage:", "Options") follow --lang too.

Real ``python -m borderdesk`` processes: main() points the standard library's gettext,
which click uses, at our catalog before click parses the command line.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

LATIN_WORD = re.compile(r"\b[A-Za-z]{3,}\b")


def _run(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("BORDERDESK_LANG", "LANGUAGE")}
    return subprocess.run(
        [sys.executable, "-m", "borderdesk", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_missing_option_is_one_russian_line():
    result = _run("--lang", "ru", "case", "new")
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith("borderdesk: неверный вызов: Отсутствует параметр '--kind'."), line
    assert "Missing option" not in line and "Choose from" not in line
    # Apart from the option's name and its allowed values (codes), nothing is English.
    english = set(LATIN_WORD.findall(line)) - {"borderdesk", "kind"}
    assert english <= {"incoming", "apprehension", "outgoing"}, line


def test_missing_option_in_english():
    result = _run("--lang", "en", "case", "new")
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [
        "borderdesk: bad usage: Missing option '--kind'. "
        "Choose from: incoming, apprehension, outgoing"
    ]


def test_unknown_option_in_russian():
    result = _run("--lang", "ru", "case", "new", "--nonsense")
    assert result.returncode == 2, result.stderr
    assert "Нет такого параметра: '--nonsense'." in result.stderr
    assert "No such option" not in result.stderr


def test_help_headings_follow_the_language():
    ru = _run("--lang", "ru", "mrz", "--help")
    en = _run("--lang", "en", "mrz", "--help")
    assert ru.returncode == 0 and en.returncode == 0, ru.stderr + en.stderr
    for text in ("Использование:", "Параметры:", "Команды:", "Показать это сообщение и выйти."):
        assert text in ru.stdout, ru.stdout
    for text in ("Usage:", "Options:", "Show this message and exit."):
        assert text not in ru.stdout, ru.stdout
        assert text in en.stdout, en.stdout
