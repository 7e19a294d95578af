"""Why a package is refused. Each refusal changes nothing and says so in one line."""

from __future__ import annotations

from borderdesk.errors import BorderDeskError


class PackageRefused(BorderDeskError):
    """The package was not applied; ``code`` names the reason for scripts and tests."""


class PackageParked(PackageRefused):
    """An earlier package from the same sender is missing: import that one first."""


class PackageReplayed(PackageRefused):
    """Everything in the package is already here (a copy imported before, or an older one)."""

    # Harmless: nothing new to apply, so a script importing a folder of packages goes on.
    exit_code = 0
