"""Load and check ``regimes.toml`` (entry regimes by nationality) into a RegimeBook."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from borderdesk.domain.regimes import Regime, RegimeBook
from borderdesk.domain.strict_toml import StrictTable, read_strict_toml
from borderdesk.i18n import _
from borderdesk.paths import resource

REGIMES_FILE = "regimes.toml"


def _regime(block: StrictTable, *, default: bool = False) -> Regime:
    nationality = "" if default else block.state("nationality")
    visa_required = block.flag("visa_required", required=True)
    own_nationals = block.flag("own_nationals", default=False)
    free_days = block.whole("visa_free_days", required=False, minimum=1)
    period = block.whole("period_days", required=False, minimum=1)
    if (free_days is None) != (period is None):
        missing = "period_days" if period is None else "visa_free_days"
        block.fail(missing, _("missing key (visa_free_days and period_days go together)"))
    if free_days is not None and period is not None and free_days > period:
        block.fail("visa_free_days", _("is longer than period_days"))
    if visa_required and free_days is not None:
        block.fail("visa_free_days", _("a regime that requires a visa has no visa-free days"))
    stay_limit = block.whole("stay_limit_days", required=False, minimum=1)
    if stay_limit is not None and free_days is None:
        block.fail("stay_limit_days", _("missing key (visa_free_days and period_days go together)"))
    regime = Regime(
        nationality=nationality,
        visa_required=visa_required,
        visa_free_days=free_days,
        period_days=period,
        own_nationals=own_nationals,
        documents=block.texts("documents"),
        verified=block.flag("verified", required=True),
        source=block.text("source", required=False, default="") or "",
        source_ru=block.text("source_ru", required=False, default="") or "",
        note=block.text("note", required=False, default="") or "",
        note_ru=block.text("note_ru", required=False, default="") or "",
        stay_limit_days=stay_limit,
        is_default=default,
    )
    block.finish()
    return regime


def _regime_book(path: Path) -> RegimeBook:
    top = read_strict_toml(path)
    regimes: list[Regime] = []
    for item in top.tables("regime", required=True):
        regime = _regime(item)
        if any(r.nationality == regime.nationality for r in regimes):
            item.fail("nationality", _("{state} is listed twice").format(state=regime.nationality))
        regimes.append(regime)
    block = top.table("default")
    default = _regime(block, default=True) if block is not None else None
    top.finish()
    return RegimeBook(tuple(regimes), default)


def load_regimes(path: Path | str | None = None) -> RegimeBook:
    """Entry regimes by nationality; the shipped file is read once and cached."""
    if path is None:
        return _default_regimes()
    return _regime_book(Path(path))


@cache
def _default_regimes() -> RegimeBook:
    return _regime_book(resource("reference", REGIMES_FILE))
