"""Site policy from resources/settings.toml (lockout, idle lock, time zone)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from borderdesk.errors import BorderDeskError
from borderdesk.i18n import _
from borderdesk.paths import resource


@dataclass(frozen=True)
class SecurityPolicy:
    lockout_attempts: int
    lockout_minutes: int
    idle_lock_minutes: int
    min_password_length: int
    #: zxcvbn score (0-4) a new password must reach.
    min_password_score: int = 3
    #: Failed logins in a row after which each attempt waits (doubling, up to the maximum).
    delay_after_failures: int = 3
    max_delay_seconds: int = 30
    #: Argon2id cost of new password hashes (RFC 9106 section 4, second recommended option).
    argon2_time_cost: int = 3
    argon2_memory_kib: int = 65536
    argon2_parallelism: int = 4


@dataclass(frozen=True)
class Settings:
    security: SecurityPolicy
    default_timezone: str
    #: The cases table warns (amber) when the next deadline is this many days away or less.
    case_warn_days: int = 7


def _int(table: dict[str, object], section: str, key: str) -> int:
    value = table.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise BorderDeskError(
            _("settings.toml: {key}: expected a whole number.").format(key=f"{section}.{key}")
        )
    return value


def _optional_int(table: dict[str, object], section: str, key: str, default: int) -> int:
    return _int(table, section, key) if key in table else default


@cache
def settings() -> Settings:
    path = resource("settings.toml")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise BorderDeskError(
            _("Cannot read {path}: {reason}").format(path=path, reason=exc)
        ) from None
    security = data.get("security", {})
    site = data.get("site", {})
    cases = data.get("cases", {})
    return Settings(
        security=SecurityPolicy(
            lockout_attempts=_int(security, "security", "lockout_attempts"),
            lockout_minutes=_int(security, "security", "lockout_minutes"),
            idle_lock_minutes=_int(security, "security", "idle_lock_minutes"),
            min_password_length=_int(security, "security", "min_password_length"),
            min_password_score=_optional_int(security, "security", "min_password_score", 3),
            delay_after_failures=_optional_int(security, "security", "delay_after_failures", 3),
            max_delay_seconds=_optional_int(security, "security", "max_delay_seconds", 30),
            argon2_time_cost=_optional_int(security, "security", "argon2_time_cost", 3),
            argon2_memory_kib=_optional_int(security, "security", "argon2_memory_kib", 65536),
            argon2_parallelism=_optional_int(security, "security", "argon2_parallelism", 4),
        ),
        default_timezone=str(site.get("default_timezone", "UTC")),
        case_warn_days=_int(cases, "cases", "warn_days") if "warn_days" in cases else 7,
    )
