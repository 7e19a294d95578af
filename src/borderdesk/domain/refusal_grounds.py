"""The legal grounds for refusing entry, from ``resources/refusal_grounds.toml``.

A refusal at the check names one of them (its ``code``); the check stores the code,
the protocol prints the ground's text in both languages with its legal source. The
list is data: the law is amended, and each ground carries its own ``verified`` flag.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from borderdesk.domain.strict_toml import ReferenceDataError, read_strict_toml
from borderdesk.i18n import _
from borderdesk.paths import resource

FILE = "refusal_grounds.toml"


@dataclass(frozen=True)
class RefusalGround:
    code: str
    ru: str
    en: str
    legal_source: str  # e.g. "114-FZ art. 27 item 2"
    legal_source_ru: str
    verified: bool

    def text(self, lang: str) -> str:
        return self.ru if lang == "ru" else self.en

    def source(self, lang: str) -> str:
        return self.legal_source_ru if lang == "ru" else self.legal_source

    def label(self, lang: str) -> str:
        """``Text (114-FZ art. 24)``: what a list or a protocol shows."""
        return f"{self.text(lang)} ({self.source(lang)})"


@cache
def refusal_grounds() -> tuple[RefusalGround, ...]:
    root = read_strict_toml(resource(FILE))
    root.req_text("source")
    root.flag("verified", required=True)
    grounds = []
    for table in root.tables("ground", required=True):
        ground = RefusalGround(
            code=table.req_text("code"),
            ru=table.req_text("ru"),
            en=table.req_text("en"),
            legal_source=table.req_text("legal_source"),
            legal_source_ru=table.req_text("legal_source_ru"),
            verified=table.flag("verified", required=True),
        )
        table.finish()
        grounds.append(ground)
    root.finish()
    codes = [g.code for g in grounds]
    if len(set(codes)) != len(codes):
        raise ReferenceDataError(FILE, "ground", "codes must be unique")
    return tuple(grounds)


def refusal_ground(code: str) -> RefusalGround | None:
    """The ground with this code, or None (an unknown or withdrawn code)."""
    return next((g for g in refusal_grounds() if g.code == code), None)


def ground_codes() -> tuple[str, ...]:
    return tuple(g.code for g in refusal_grounds())


def ground_label(code: str, lang: str) -> str:
    """What a screen or the CLI shows for a stored ground: its text with the legal source,
    or, for a code this version's list does not hold (withdrawn, or recorded by a site
    with a newer list), the code itself, marked as unknown."""
    ground = refusal_ground(code)
    if ground is None:
        return _("{code} (ground not in this version's list)").format(code=code)
    return ground.label(lang)
