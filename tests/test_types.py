"""The domain layer (the core the rest stands on) type-checks with mypy."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_domain_type_checks(tmp_path):
    api = pytest.importorskip("mypy.api")
    out, err, status = api.run(
        [
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "--cache-dir",
            str(tmp_path),
            str(ROOT / "src" / "borderdesk" / "domain"),
        ]
    )
    assert status == 0, out + err
