"""journal/ reads files and depends on the domain only (DESIGN.md, "Architecture")."""

from __future__ import annotations

from test_layers import PACKAGE, imported_modules, outermost, uses

BELOW_JOURNAL = ("borderdesk.services", "borderdesk.store", "borderdesk.ui", "borderdesk.cli")


def test_journal_imports_neither_services_store_nor_qt():
    found = []
    for path in sorted((PACKAGE / "journal").rglob("*.py")):
        modules = imported_modules(path)
        bad = [
            m
            for root in (*BELOW_JOURNAL, "sqlmodel", "sqlalchemy", "PySide6")
            for m in uses(modules, root)
        ]
        found += [f"{path.name} imports {m}" for m in outermost(bad)]
    assert len(list((PACKAGE / "journal").glob("*.py"))) > 5
    assert not found, "\n".join(found)
