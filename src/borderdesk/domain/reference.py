"""Load and check the reference data files into typed, frozen objects.

``resources/reference/agreements.toml``, ``eu_member_states.toml`` and ``regimes.toml``
are read strictly: a wrong type, a missing key or an unknown key (a typo) stops the
program at start with :class:`ReferenceDataError`, whose one-line message names the
file and the key path, e.g.
``agreements.toml: agreement[1].time_limits.reply_calendar_days: expected a whole number``.
Array indexes in key paths count from 0, as in the TOML array.

Conventions of the files (see their header comments): a block's ``verified`` and
``source`` apply to each figure in it; ``<key>_verified`` and ``<key>_source`` mark one
figure; ``verified`` defaults to true where a block does not say (only ``false`` marks
an unconfirmed figure); coverage dates are a date or ``"none"``.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple, NoReturn

from borderdesk.domain.agreements import (
    COVERAGE_KEYS,
    EU,
    STEPS,
    Agreement,
    AgreementBook,
    Costs,
    Coverage,
    CoverageRule,
    EuMember,
    Evidence,
    Participation,
    Protocol,
    TimeLimit,
    TimeLimits,
)
from borderdesk.domain.regimes import Regime, RegimeBook
from borderdesk.errors import BorderDeskError
from borderdesk.i18n import _
from borderdesk.paths import resource

AGREEMENTS_FILE = "agreements.toml"
EU_MEMBERS_FILE = "eu_member_states.toml"
REGIMES_FILE = "regimes.toml"


class ReferenceDataError(BorderDeskError):
    """A reference data file is missing, unreadable or not as documented."""

    def __init__(self, file: str, key_path: str, problem: str) -> None:
        message = f"{file}: {key_path}: {problem}" if key_path else f"{file}: {problem}"
        super().__init__(message, code="reference_data")
        self.file = file
        self.key_path = key_path
        self.problem = problem


class ReferenceData(NamedTuple):
    agreements: AgreementBook
    regimes: RegimeBook


# --------------------------------------------------------------------------- state codes


@cache
def _iso3_table() -> dict[str, str]:
    """ISO 3166 alpha-3 -> alpha-2 from CLDR (via babel); codes that split are left out."""
    from babel import Locale
    from babel.core import get_global

    named = Locale.parse("en").territories
    table: dict[str, str] = {}
    for alias, targets in get_global("territory_aliases").items():
        if len(alias) != 3 or not alias.isalpha() or len(targets) != 1:
            continue
        alpha2 = targets[0]
        # Private-use codes (QM-QZ, XA-XZ) and groupings (EU, UN, ZZ) are not states.
        if (
            len(alpha2) == 2
            and alpha2 in named
            and alpha2[0] not in "QX"
            and alpha2 not in ("EU", "EZ", "UN", "ZZ")
        ):
            table[alias.upper()] = alpha2
    return table


def iso2_for(code: str) -> str | None:
    """The alpha-2 code of an alpha-3 state code (``"KAZ"`` -> ``"KZ"``), or None."""
    return _iso3_table().get(code.upper())


def normalise_state(code: str) -> str:
    """Upper-case a state code and map Doc 9303 aliases (``D`` -> ``DEU``) when known."""
    try:
        from borderdesk.domain.countries import normalise
    except ImportError:
        return code.strip().strip("<").upper()
    try:
        return str(normalise(code))
    except Exception:  # a half-written sibling module must not break agreements
        return code.strip().strip("<").upper()


def is_known_state(code: str) -> bool:
    """Whether ``code`` names a state (domain.countries when present, else CLDR's table)."""
    code = code.strip().upper()
    try:
        from borderdesk.domain.countries import is_known
    except ImportError:
        return iso2_for(code) is not None
    try:
        return bool(is_known(code))
    except Exception:  # a half-written sibling module must not break agreements
        return iso2_for(code) is not None


def state_name(code: str, lang: str | None = None) -> str:
    """A state's name in the user's language, falling back to the code itself."""
    from borderdesk.i18n import current_language, locale

    lang = lang or current_language()
    if code != EU:
        try:
            from borderdesk.domain.countries import country_name

            name = country_name(code, lang)
            if name and name != code:
                return str(name)
        except Exception:
            pass
    iso2 = "EU" if code == EU else iso2_for(code)
    if iso2:
        territory = locale(lang).territories.get(iso2)
        if territory:
            return str(territory)
    return code


# --------------------------------------------------------------------------- strict reader

_ISO3 = re.compile(r"^[A-Z]{3}$")


class _Table:
    """One TOML table being read: remembers its key path and which keys were used."""

    def __init__(self, file: str, path: str, data: Any) -> None:
        self.file = file
        self.path = path
        if not isinstance(data, dict):
            self._raise(path, _("expected a table"))
        self.data: dict[str, Any] = data
        self.used: set[str] = set()

    def _raise(self, path: str, problem: str) -> NoReturn:
        raise ReferenceDataError(self.file, path, problem)

    def key_path(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def fail(self, key: str, problem: str) -> NoReturn:
        self._raise(self.key_path(key), problem)

    def has(self, key: str) -> bool:
        return key in self.data

    def _get(self, key: str, required: bool) -> Any:
        self.used.add(key)
        if key not in self.data:
            if required:
                self.fail(key, _("missing key"))
            return None
        return self.data[key]

    def text(self, key: str, *, required: bool = True, default: str | None = None) -> str | None:
        value = self._get(key, required)
        if value is None:
            return default
        if not isinstance(value, str) or not value.strip():
            self.fail(key, _("expected text"))
        return value

    def req_text(self, key: str) -> str:
        value = self.text(key)
        assert value is not None
        return value

    def whole(self, key: str, *, required: bool = True, minimum: int = 0) -> int | None:
        value = self._get(key, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(key, _("expected a whole number"))
        if value < minimum:
            self.fail(key, _("expected a whole number of at least {n}").format(n=minimum))
        return value

    def flag(self, key: str, *, required: bool = False, default: bool = True) -> bool:
        value = self._get(key, required)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.fail(key, _("expected true or false"))
        return value

    def day(self, key: str, *, required: bool = True) -> date | None:
        value = self._get(key, required)
        if value is None:
            return None
        if isinstance(value, datetime) or not isinstance(value, date):
            self.fail(key, _("expected a date (YYYY-MM-DD)"))
        return value

    def req_day(self, key: str) -> date:
        value = self.day(key)
        assert value is not None
        return value

    def day_or_none(self, key: str) -> tuple[bool, date | None]:
        """(present, date) for a coverage figure: a date, or the text "none"."""
        value = self._get(key, False)
        if value is None:
            return False, None
        if value == "none":
            return True, None
        if isinstance(value, datetime) or not isinstance(value, date):
            self.fail(key, _('expected a date (YYYY-MM-DD) or "none"'))
        return True, value

    def texts(self, key: str, *, required: bool = False) -> tuple[str, ...]:
        value = self._get(key, required)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(
            isinstance(item, str) and item.strip() for item in value
        ):
            self.fail(key, _("expected a list of text"))
        return tuple(value)

    def state(self, key: str, *, allow_eu: bool = False) -> str:
        value = self._get(key, True)
        return self._check_state(key, value, allow_eu=allow_eu)

    def states(
        self, key: str, *, required: bool = False, allow_eu: bool = False
    ) -> tuple[str, ...]:
        value = self._get(key, required)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.fail(key, _("expected a list of state codes"))
        return tuple(
            self._check_state(f"{key}[{i}]", item, allow_eu=allow_eu)
            for i, item in enumerate(value)
        )

    def _check_state(self, key: str, value: Any, *, allow_eu: bool) -> str:
        if allow_eu and value == EU:
            return EU
        if not isinstance(value, str) or not _ISO3.match(value):
            self.fail(key, _('expected a three-letter state code such as "KAZ"'))
        if iso2_for(value) is None:
            self.fail(key, _('unknown state code "{code}"').format(code=value))
        return value

    def table(self, key: str, *, required: bool = False) -> _Table | None:
        value = self._get(key, required)
        if value is None:
            return None
        if not isinstance(value, dict):
            self.fail(key, _("expected a table"))
        return _Table(self.file, self.key_path(key), value)

    def tables(self, key: str, *, required: bool = False) -> list[_Table]:
        value = self._get(key, required)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            self.fail(key, _("expected an array of tables ([[{key}]])").format(key=key))
        return [
            _Table(self.file, f"{self.key_path(key)}[{i}]", item) for i, item in enumerate(value)
        ]

    def finish(self) -> None:
        """Refuse any key nobody read: a typo must not pass silently."""
        for key in self.data:
            if key not in self.used:
                self.fail(key, _("unknown key"))


def _read_toml(path: Path) -> _Table:
    name = path.name
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ReferenceDataError(
            name, "", _("cannot read {path}: {error}").format(path=path, error=exc.strerror)
        ) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ReferenceDataError(name, "", _("not UTF-8 text")) from None
    except tomllib.TOMLDecodeError as exc:
        raise ReferenceDataError(name, "", _("not valid TOML: {error}").format(error=exc)) from None
    return _Table(name, "", data)


# --------------------------------------------------------------------------- agreements

_STEP_KEY = re.compile(r"^(?P<step>[a-z_]+?)_(?:(?P<kind>calendar|working)_)?days$")


def _figure_flags(block: _Table, key: str, verified: bool, source: str) -> tuple[bool, str]:
    """A figure's own ``<key>_verified``/``<key>_source``, else its block's."""
    own_verified = block.flag(f"{key}_verified", default=True)
    own_source = block.text(f"{key}_source", required=False, default=source)
    assert own_source is not None
    return verified and own_verified, own_source


def _time_limit_keys(block: _Table) -> list[tuple[str, str, str]]:
    """(key, step, kind) for every time-limit figure in ``block``."""
    found: list[tuple[str, str, str]] = []
    for key in block.data:
        if key.endswith(("_verified", "_source")):
            continue
        match = _STEP_KEY.match(key)
        if not match:
            continue
        step, kind = match["step"], match["kind"]
        if step not in STEPS:
            continue
        if kind is None and step != "wrongful_readmission_take_back":
            continue  # left unread: finish() reports it as unknown
        found.append((key, step, kind or "calendar"))
    return found


def _time_limit_list(block: _Table, verified: bool, source: str) -> tuple[TimeLimit, ...]:
    limits: list[TimeLimit] = []
    seen: dict[str, str] = {}
    for key, step, kind in _time_limit_keys(block):
        if step in seen:
            block.fail(key, _("'{other}' already sets this time limit").format(other=seen[step]))
        seen[step] = key
        days = block.whole(key, minimum=1)
        assert days is not None
        fig_verified, fig_source = _figure_flags(block, key, verified, source)
        limits.append(TimeLimit(step, days, kind, fig_source, fig_verified))  # type: ignore[arg-type]
    order = {step: i for i, step in enumerate(STEPS)}
    return tuple(sorted(limits, key=lambda limit: order[limit.step]))


def _time_limits(block: _Table) -> TimeLimits:
    verified = block.flag("verified", required=True)
    source = block.req_text("source")
    limits = _time_limit_list(block, verified, source)
    if not any(limit.step == "reply" for limit in limits):
        block.fail("reply_calendar_days", _("missing key"))
    silence = block.flag("silence_means_consent", required=True)
    silence_verified, _silence_source = _figure_flags(
        block, "silence_means_consent", verified, source
    )
    block.finish()
    return TimeLimits(
        limits=limits,
        silence_means_consent=silence,
        source=source,
        verified=verified,
        silence_means_consent_verified=silence_verified,
    )


def _coverage(block: _Table, in_force: date, default_source: str) -> Coverage:
    verified = block.flag("verified", default=True)
    source = block.text("source", required=False, default=default_source)
    assert source is not None
    rules: dict[str, CoverageRule | None] = {}
    for key in COVERAGE_KEYS:
        present, since = block.day_or_none(key)
        if not present:
            if key != "former_nationals_without_other_nationality":
                block.fail(key, _("missing key"))
            rules[key] = None
            continue
        if since is not None and since < in_force:
            block.fail(key, _("is before the agreement's entry into force"))
        fig_verified, fig_source = _figure_flags(block, key, verified, source)
        rules[key] = CoverageRule(key, since, fig_verified, fig_source)
    transitional = block.text("third_country_nationals_transitional", required=False)
    conditions = block.texts("third_country_conditions")
    excluded = block.texts("excluded")
    block.finish()
    return Coverage(
        own_nationals=rules["own_nationals"],
        stateless=rules["stateless"],
        third_country_nationals=rules["third_country_nationals"],
        former_nationals_without_other_nationality=rules[
            "former_nationals_without_other_nationality"
        ],
        third_country_transitional=transitional,
        third_country_conditions=conditions,
        excluded=excluded,
        verified=verified,
        source=source,
    )


def _evidence(block: _Table) -> Evidence:
    evidence = Evidence(
        nationality_proof=block.texts("nationality_proof"),
        nationality_presumption=block.texts("nationality_presumption"),
        transit_proof=block.texts("transit_proof"),
        transit_presumption=block.texts("transit_presumption"),
        verified=block.flag("verified", required=True),
        source=block.req_text("source"),
    )
    block.finish()
    return evidence


def _costs(block: _Table) -> Costs:
    costs = Costs(
        requesting_party_pays=block.text("requesting_party_pays", required=False),
        requested_party_pays=block.text("requested_party_pays", required=False),
        source=block.text("source", required=False, default="") or "",
        verified=block.flag("verified", default=True),
    )
    block.finish()
    return costs


def _protocol(block: _Table, parent_verified: bool, parent_source: str) -> Protocol:
    state = block.state("state")
    signed = block.day("signed", required=False)
    in_force = block.day("in_force", required=False)
    verified = block.flag("verified", default=True)
    source = block.text("source", required=False, default=parent_source) or ""
    overrides = _time_limit_list(block, verified and parent_verified, source)
    protocol = Protocol(
        state=state,
        signed=signed,
        in_force=in_force,
        reply_extension=block.flag("reply_extension", default=True),
        crossing_points=block.texts("crossing_points"),
        overrides=overrides,
        source=source,
        verified=verified,
    )
    block.finish()
    return protocol


def _agreement(block: _Table) -> Agreement:
    agreement_id = block.req_text("id")
    parties = block.states("parties", required=True, allow_eu=True)
    if len(parties) != 2 or len(set(parties)) != 2:
        block.fail("parties", _("expected two different parties"))
    signed = block.req_day("signed")
    in_force = block.req_day("in_force")
    if in_force < signed:
        block.fail("in_force", _("is before the date of signature"))
    sources = block.texts("sources", required=True)
    coverage_block = block.table("coverage", required=True)
    assert coverage_block is not None
    coverage = _coverage(coverage_block, in_force, "; ".join(sources))
    limits_block = block.table("time_limits")
    time_limits = _time_limits(limits_block) if limits_block else None
    evidence_block = block.table("evidence")
    costs_block = block.table("costs")
    protocols: list[Protocol] = []
    for item in block.tables("protocol"):
        protocol = _protocol(
            item,
            time_limits.verified if time_limits else True,
            time_limits.source if time_limits else "",
        )
        if any(p.state == protocol.state for p in protocols):
            item.fail("state", _("a second protocol for {state}").format(state=protocol.state))
        protocols.append(protocol)
    participation: list[Participation] = []
    for item in block.tables("participation"):
        participation.append(
            Participation(
                state=item.state("state"),
                since=item.req_day("from"),
                source=item.text("source", required=False, default="") or "",
                verified=item.flag("verified", default=True),
            )
        )
        item.finish()
    agreement = Agreement(
        id=agreement_id,
        title_en=block.req_text("title_en"),
        title_ru=block.req_text("title_ru"),
        parties=parties,
        signed=signed,
        in_force=in_force,
        applied_from=block.day("applied_from", required=False),
        sources=sources,
        not_applicable_to=block.states("not_applicable_to"),
        coverage=coverage,
        time_limits=time_limits,
        evidence=_evidence(evidence_block) if evidence_block else None,
        costs=_costs(costs_block) if costs_block else None,
        protocols=tuple(protocols),
        participation=tuple(participation),
        signed_verified=block.flag("signed_verified", default=True),
        in_force_verified=block.flag("in_force_verified", default=True),
    )
    block.finish()
    return agreement


def _eu_members(path: Path) -> tuple[EuMember, ...]:
    top = _read_toml(path)
    verified = top.flag("verified", default=True)
    source = top.text("source", required=False, default="") or ""
    members: list[EuMember] = []
    for item in top.tables("member", required=True):
        state = item.state("state")
        if any(m.state == state for m in members):
            item.fail("state", _("{state} is listed twice").format(state=state))
        joined = item.req_day("joined")
        until = item.day("until", required=False)
        if until is not None and until < joined:
            item.fail("until", _("is before the date of joining"))
        members.append(
            EuMember(
                state=state,
                joined=joined,
                until=until,
                source=item.text("source", required=False, default=source) or "",
                verified=item.flag("verified", default=verified),
            )
        )
        item.finish()
    top.finish()
    return tuple(members)


def _agreement_book(path: Path, eu_members_path: Path) -> AgreementBook:
    top = _read_toml(path)
    agreements: list[Agreement] = []
    for item in top.tables("agreement", required=True):
        agreement = _agreement(item)
        if any(a.id == agreement.id for a in agreements):
            item.fail("id", _('a second agreement with id "{id}"').format(id=agreement.id))
        agreements.append(agreement)
    top.finish()
    members = _eu_members(eu_members_path)
    book = AgreementBook(agreements=tuple(agreements), eu_members=members)
    for i, agreement in enumerate(book.agreements):
        if not agreement.with_eu:
            continue
        for j, protocol in enumerate(agreement.protocols):
            if book.eu_member(protocol.state) is None:
                raise ReferenceDataError(
                    path.name,
                    f"agreement[{i}].protocol[{j}].state",
                    _("{state} is not in {file}").format(
                        state=protocol.state, file=eu_members_path.name
                    ),
                )
    return book


def load_agreements(
    path: Path | str | None = None, *, eu_members_path: Path | str | None = None
) -> AgreementBook:
    """The agreements (and EU member states); the shipped files are read once and cached."""
    if path is None and eu_members_path is None:
        return _default_agreements()
    return _agreement_book(
        Path(path) if path is not None else resource("reference", AGREEMENTS_FILE),
        Path(eu_members_path)
        if eu_members_path is not None
        else resource("reference", EU_MEMBERS_FILE),
    )


@cache
def _default_agreements() -> AgreementBook:
    return _agreement_book(
        resource("reference", AGREEMENTS_FILE), resource("reference", EU_MEMBERS_FILE)
    )


# --------------------------------------------------------------------------- regimes


def _regime(block: _Table) -> Regime:
    nationality = block.state("nationality")
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
    regime = Regime(
        nationality=nationality,
        visa_required=visa_required,
        visa_free_days=free_days,
        period_days=period,
        own_nationals=own_nationals,
        documents=block.texts("documents"),
        verified=block.flag("verified", required=True),
        source=block.text("source", required=False, default="") or "",
    )
    block.finish()
    return regime


def _regime_book(path: Path) -> RegimeBook:
    top = _read_toml(path)
    regimes: list[Regime] = []
    for item in top.tables("regime", required=True):
        regime = _regime(item)
        if any(r.nationality == regime.nationality for r in regimes):
            item.fail("nationality", _("{state} is listed twice").format(state=regime.nationality))
        regimes.append(regime)
    top.finish()
    return RegimeBook(tuple(regimes))


def load_regimes(path: Path | str | None = None) -> RegimeBook:
    """Entry regimes by nationality; the shipped file is read once and cached."""
    if path is None:
        return _default_regimes()
    return _regime_book(Path(path))


@cache
def _default_regimes() -> RegimeBook:
    return _regime_book(resource("reference", REGIMES_FILE))


# --------------------------------------------------------------------------- all at once


def load_reference_data() -> ReferenceData:
    """Read and check every shipped reference file (call at program start)."""
    return ReferenceData(agreements=load_agreements(), regimes=load_regimes())


def clear_cache() -> None:
    """Forget the cached files (after reference data arrived by sync, or in tests)."""
    for loader in _CACHED:
        loader.cache_clear()


_CACHED: tuple[Any, ...] = (_default_agreements, _default_regimes)

__all__ = [
    "ReferenceData",
    "ReferenceDataError",
    "clear_cache",
    "is_known_state",
    "iso2_for",
    "normalise_state",
    "load_agreements",
    "load_reference_data",
    "load_regimes",
    "state_name",
]
