"""The demo never holds records from the future: planned times after the build land before it.

The builder plans times of day on the days before and including ``today`` (office hours,
a check window); on the build's own day, a planned time may still be ahead. Such a time
is moved to just before the moment the builder runs.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from borderdesk.domain.clock import utc_now


def build_moment() -> datetime:
    """Now, as the latest time a record of this build may carry."""
    return utc_now()


def not_after(moment: datetime, ceiling: datetime) -> datetime:
    """``moment``, or, when it lies after ``ceiling``, a moment shortly before it: the
    further ahead it was planned, the earlier (up to a sixtieth of the distance), so the
    moved records of one day do not all share one time."""
    if moment <= ceiling:
        return moment
    return ceiling - (moment - ceiling) / 60 - timedelta(seconds=1)
