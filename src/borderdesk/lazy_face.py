"""A package face that imports its submodules only when a name is first used (PEP 562).

A face such as ``services.checks`` names what its package offers; importing every
submodule up front would load the whole area (and SQLAlchemy, reportlab …) for a
command that uses one function, so each name is looked up in its module on demand.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_attributes(package: str, module_of: Mapping[str, str]) -> Callable[[str], Any]:
    """The module ``__getattr__`` of ``package``: ``name`` from ``package.module_of[name]``."""

    def attribute(name: str) -> Any:
        module = module_of.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f"{package}.{module}"), name)

    return attribute
