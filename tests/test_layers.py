"""One direction of dependency (DESIGN.md, "Architecture"), checked on the source itself."""

from __future__ import annotations

import ast
import sys
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


# ------------------------------------------------------------------------ every rule of DESIGN.md

# errors, i18n, paths, files, crash and lazy_face are the foundation every layer may use;
# they import no layer.
FOUNDATION = (
    "borderdesk.errors",
    "borderdesk.lazy_face",
    "borderdesk.i18n",
    "borderdesk.paths",
    "borderdesk.files",
    "borderdesk.crash",
)
LAYERS = ("domain", "store", "sync", "reports", "journal", "forms", "services", "cli", "ui")
# `python -m borderdesk` is the command line; the command line with no arguments (and
# `demo --open`) opens the GUI through its one entry function.
ENTRY_POINTS = {("borderdesk.__main__", "borderdesk.cli"), ("cli", "borderdesk.ui.app")}
# What each layer may import of ours, besides itself and the foundation (DESIGN.md's picture).
ALLOWED: dict[str, tuple[str, ...]] = {
    "domain": (),
    "store": ("domain",),
    "sync": ("store", "domain"),
    "reports": ("store", "domain"),
    "journal": ("domain",),
    "forms": ("domain",),
    "services": ("store", "domain", "forms", "sync", "reports", "journal"),
    "cli": ("services", "domain"),
    "ui": ("services", "domain"),
}


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    if len(parts) >= 2 and parts[0] == "borderdesk" and parts[1] in LAYERS:
        return parts[1]
    return None


def ours(modules: set[str]) -> list[str]:
    return outermost(sorted(m for m in modules if m.startswith("borderdesk.")))


def test_every_layer_imports_only_what_is_below_it():
    found = []
    for path in SOURCES:
        own = module_name(path)
        layer = layer_of(own)
        for target in ours(imported_modules(path)):
            if target.startswith(FOUNDATION) or (own, target) in ENTRY_POINTS:
                continue
            if (layer, target) in ENTRY_POINTS:
                continue
            target_layer = layer_of(target)
            if layer is None:
                # A foundation module may import only the foundation.
                if target_layer is not None:
                    found.append(f"{own} (foundation) imports {target}")
                continue
            if target_layer is None or target_layer == layer:
                continue
            if target_layer not in ALLOWED[layer]:
                found.append(f"{own} ({layer}) imports {target}")
    assert not found, "\n".join(found)


def _module_files() -> dict[str, Path]:
    return {module_name(path): path for path in SOURCES}


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The module a dotted import names: ``a.b.C`` -> ``a.b`` when ``C`` is not a module."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def _with_packages(target: str, importer: str, files: dict[str, Path]) -> set[str]:
    """Importing ``a.b.c`` from outside ``a.b`` runs ``a.b``'s ``__init__`` first: that
    package face (and everything it imports) is part of the import, too."""
    found = {target}
    parts = target.split(".")
    for depth in range(2, len(parts)):
        package = ".".join(parts[:depth])
        if package in files and not (importer + ".").startswith(package + "."):
            found.add(package)
    return found


def import_graph(files: dict[str, Path], src: Path = SRC) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        targets = {_resolve(m, files) for m in imported_modules(path, src)}
        edges = set().union(*(_with_packages(t, name, files) for t in targets if t))
        graph[name] = {t for t in edges if t != name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle (as a path that returns to its start), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_no_import_cycles():
    """Imports inside functions count too: a lazy import only hides a cycle."""
    cycle = find_cycle(import_graph(_module_files()))
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_the_cycle_finder_finds_a_cycle(tmp_path):
    pkg = tmp_path / "src" / "borderdesk" / "services"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from borderdesk.services.b import thing\n")
    (pkg / "b.py").write_text("def later():\n    from borderdesk.services import a\n")
    (pkg / "c.py").write_text("from borderdesk.services import b\n")
    files = {module_name(p, tmp_path / "src"): p for p in pkg.rglob("*.py")}
    cycle = find_cycle(import_graph(files, tmp_path / "src"))
    assert cycle is not None and set(cycle) == {"borderdesk.services.a", "borderdesk.services.b"}
    (pkg / "b.py").write_text("thing = 1\n")
    files = {module_name(p, tmp_path / "src"): p for p in pkg.rglob("*.py")}
    assert find_cycle(import_graph(files, tmp_path / "src")) is None
    # Through a package face: d imports area.rows, whose package face imports d back.
    area = pkg / "area"
    area.mkdir()
    (area / "__init__.py").write_text("from borderdesk.services.area.main import run\n")
    (area / "main.py").write_text("from borderdesk.services.d import helper\n")
    (area / "rows.py").write_text("ROW = 1\n")
    (pkg / "d.py").write_text("from borderdesk.services.area.rows import ROW\n")
    files = {module_name(p, tmp_path / "src"): p for p in pkg.rglob("*.py")}
    cycle = find_cycle(import_graph(files, tmp_path / "src"))
    assert cycle is not None and "borderdesk.services.area" in cycle


def test_the_layer_rule_catches_an_upward_import(tmp_path, monkeypatch):
    probe = PACKAGE / "forms" / "_probe_upward.py"
    probe.write_text("from borderdesk.services.cases import get_case\n")
    try:
        monkeypatch.setattr(sys.modules[__name__], "SOURCES", [*SOURCES, probe])
        with pytest.raises(AssertionError, match="forms._probe_upward"):
            test_every_layer_imports_only_what_is_below_it()
    finally:
        probe.unlink()
