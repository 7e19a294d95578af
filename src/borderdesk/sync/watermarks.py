"""Watermarks: for each author site, the newest HLC stamp of its changes a site holds.

A site's own stamps only grow, and packages carry every change past what the
recipient acknowledged, so "I have author X up to stamp W" means every change X made
up to W (that was meant for me) is here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

Watermarks = dict[str, str]

# HlcStamp.encode(): 15 digits, a dot, 5 digits, a dot, then the site.
AUTHOR_OFFSET = 22


def author_of(hlc: str) -> str:
    """The site that made a change: the site part of its HLC stamp."""
    return hlc[AUTHOR_OFFSET:]


def merged(*marks: Mapping[str, str]) -> Watermarks:
    """The newest stamp per author over all ``marks``."""
    out: Watermarks = {}
    for mark in marks:
        for author, stamp in mark.items():
            if stamp > out.get(author, ""):
                out[author] = stamp
    return out


def advanced(mark: Mapping[str, str], stamps: Iterable[str]) -> Watermarks:
    out = dict(mark)
    for stamp in stamps:
        author = author_of(stamp)
        if stamp > out.get(author, ""):
            out[author] = stamp
    return out


def covers(have: Mapping[str, str], mark: Mapping[str, str]) -> bool:
    """True when ``have`` is at or past ``mark`` for every author."""
    return all(have.get(author, "") >= stamp for author, stamp in mark.items())


def gap(have: Mapping[str, str], since: Mapping[str, str]) -> list[str]:
    """Authors for which a package starting at ``since`` would skip changes not here."""
    return sorted(author for author, stamp in since.items() if have.get(author, "") < stamp)
