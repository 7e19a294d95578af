"""One direction of dependency (DESIGN.md, "Architecture"), checked on the source itself."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "borderdesk"


def module_name(path: Path, src: Path = SRC) -> str:
    parts = list(path.relative_to(src).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path, src: Path = SRC) -> set[str]:
    """Every module a file imports, anywhere in it (functions, TYPE_CHECKING blocks too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module_name(path, src).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1])
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            found.add(module)
            # `from borderdesk import store` imports the module borderdesk.store
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


SOURCES = sorted(PACKAGE.rglob("*.py"))


def uses(modules: set[str], root: str) -> list[str]:
    return sorted(m for m in modules if m == root or m.startswith(root + "."))


def outermost(modules: list[str]) -> list[str]:
    """borderdesk.store.database, not also borderdesk.store.database.Database."""
    return [m for m in modules if not any(m.startswith(other + ".") for other in modules)]


def in_layer(path: Path, layer: str) -> bool:
    return path.is_relative_to(PACKAGE / layer)


def violations(rule) -> list[str]:
    found = []
    for path in SOURCES:
        for bad in outermost(rule(path, imported_modules(path))):
            found.append(f"{path.relative_to(SRC)} imports {bad}")
    return found


def test_sources_are_found():
    assert len(SOURCES) > 20
    assert imported_modules(PACKAGE / "store" / "database.py") >= {
        "sqlalchemy",
        "borderdesk.store.migrations",
    }


@pytest.mark.parametrize(
    ("name", "rule"),
    [
        (
            "Qt only under ui/",
            lambda path, mods: [] if in_layer(path, "ui") else uses(mods, "PySide6"),
        ),
        (
            "domain/ is pure Python",
            lambda path, mods: (
                uses(mods, "sqlmodel") + uses(mods, "sqlalchemy") + uses(mods, "PySide6")
                if in_layer(path, "domain")
                else []
            ),
        ),
        (
            "ui/ goes through services",
            lambda path, mods: (
                uses(mods, "sqlmodel") + uses(mods, "sqlalchemy") + uses(mods, "borderdesk.store")
                if in_layer(path, "ui")
                else []
            ),
        ),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_layer_rule(name, rule):
    found = violations(rule)
    assert not found, f"{name}:\n" + "\n".join(found)


def test_the_checker_sees_every_spelling(tmp_path):
    probe = tmp_path / "src" / "borderdesk" / "ui" / "pages" / "probe.py"
    probe.parent.mkdir(parents=True)
    probe.write_text(
        "import PySide6.QtWidgets\n"
        "from PySide6 import QtCore\n"
        "from borderdesk import store\n"
        "from ...store.database import Database\n"
        "def later():\n"
        "    from sqlmodel import Session\n"
    )
    mods = imported_modules(probe, tmp_path / "src")
    assert uses(mods, "PySide6") == ["PySide6", "PySide6.QtCore", "PySide6.QtWidgets"]
    assert {"borderdesk.store", "borderdesk.store.database"} <= mods
    assert uses(mods, "sqlmodel") == ["sqlmodel", "sqlmodel.Session"]
