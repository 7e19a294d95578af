"""Argon2id password hashes at the cost resources/settings.toml gives (RFC 9106's)."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError


@cache
def _hasher() -> PasswordHasher:
    from borderdesk.services.site.settings import settings

    policy = settings().security
    return PasswordHasher(
        time_cost=policy.argon2_time_cost,
        memory_cost=policy.argon2_memory_kib,
        parallelism=policy.argon2_parallelism,
    )


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def password_score(password: str, *, hints: list[str]) -> int:
    """zxcvbn's guessability score, 0 (a top-100 password) to 4 (over 10^10 guesses).

    zxcvbn (Dropbox's estimator) knows the common-password lists, names, keyboard walks,
    dates and l33t spellings, which a plain length rule or block list does not.
    ``hints`` (user name, full name) count as known words.
    """
    from zxcvbn import zxcvbn  # imported here: its dictionaries take a while to load

    return int(zxcvbn(password[:100], user_inputs=[h for h in hints if h])["score"])
