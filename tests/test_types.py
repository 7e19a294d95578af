"""The typed layers (domain, store, services, forms, cli, journal, sync, reports) type-check."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TYPED = ("domain", "store", "services", "forms", "cli", "journal", "reports")


def test_the_typed_layers_are_configured():
    """mypy's ``files`` (what ``mypy`` with no arguments checks) name every typed layer."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert set(config["files"]) == {f"src/borderdesk/{layer}" for layer in TYPED}


def test_the_typed_layers_type_check():
    api = pytest.importorskip("mypy.api")
    # The tree's own incremental cache (.mypy_cache, ignored by git): a cold check of the
    # ~140 modules takes half a minute on a busy machine, a warm one a few seconds.
    out, err, status = api.run(
        [
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "--cache-dir",
            str(ROOT / ".mypy_cache"),
            *(str(ROOT / "src" / "borderdesk" / layer) for layer in TYPED),
        ]
    )
    assert status == 0, out + err
