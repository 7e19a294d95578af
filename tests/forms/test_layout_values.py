"""Label table, value formatting, and the package's import boundary."""

from __future__ import annotations

import ast
import sys
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import borderdesk.forms as forms_pkg
from borderdesk.forms.common import fmt_amount, fmt_datetime
from borderdesk.forms.labels import Label, choice, label, label_table


def test_label_table_pairs():
    table = label_table()
    assert table["Surname"] == Label("Фамилия", "Surname")
    assert label("Stamp").text == "М.П. / Stamp"
    assert all(entry.ru and entry.en for entry in table.values())
    assert Label("MRZ", "MRZ").text == "MRZ"


def test_unknown_codes_print_as_given():
    assert choice({"admit": "Admit"}, "admit").text == "Пропустить / Admit"
    assert choice({"admit": "Admit"}, "parole").text == "parole"
    assert choice({"admit": "Admit"}, "").text == ""


def test_times_print_in_the_site_zone_language_neutral():
    at = datetime(2024, 3, 5, 9, 20, tzinfo=UTC)
    assert fmt_datetime(at, "Asia/Yekaterinburg") == "2024-03-05 14:20 UTC+05"
    assert fmt_datetime(at, "Europe/Moscow") == "2024-03-05 12:20 MSK"
    assert fmt_datetime(at.replace(tzinfo=None), "UTC") == "2024-03-05 09:20 UTC"
    assert fmt_datetime(at, "No/Such_Zone") == "2024-03-05 09:20 UTC"


def test_amounts_group_thousands():
    assert fmt_amount(Decimal("12450")) == "12\u202f450"
    assert fmt_amount(Decimal("3000.5")) == "3\u202f000.50"
    assert fmt_amount(7) == "7"


def test_forms_import_only_domain_i18n_paths_reportlab_and_stdlib():
    allowed = (
        "borderdesk.forms",
        "borderdesk.domain",
        "borderdesk.i18n",
        "borderdesk.paths",
        "borderdesk.files",  # owner-only, whole-or-nothing PDF files
        "borderdesk.lazy_face",  # the package face imports its modules on demand
    )
    for path in Path(forms_pkg.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                ok = (
                    name.startswith(allowed)
                    or top in ("reportlab", "__future__")
                    or top in sys.stdlib_module_names
                )
                assert ok, f"{path.name} imports {name}"
