"""The monthly return's rules, indicators and computed table (pure Python)."""

from borderdesk.domain.returns.indicators import BY_CODE, INDICATORS, SECTIONS, Indicator
from borderdesk.domain.returns.period import ReturnMonth, day_start_utc, local_day, month_bounds_utc
from borderdesk.domain.returns.table import (
    CSV_COLUMNS,
    Figure,
    LongestStay,
    MonthCounts,
    MonthlyReturn,
    ReturnSite,
    TrendPoint,
    assemble,
)

__all__ = [
    "BY_CODE",
    "CSV_COLUMNS",
    "INDICATORS",
    "SECTIONS",
    "Figure",
    "Indicator",
    "LongestStay",
    "MonthCounts",
    "MonthlyReturn",
    "ReturnMonth",
    "ReturnSite",
    "TrendPoint",
    "assemble",
    "day_start_utc",
    "local_day",
    "month_bounds_utc",
]
