"""Load and check ``agreements.toml`` and ``eu_member_states.toml`` into an AgreementBook.

Conventions of the files (see their header comments): a block's ``verified`` and
``source`` apply to each figure in it; ``<key>_verified`` and ``<key>_source`` mark one
figure; ``verified`` defaults to true where a block does not say (only ``false`` marks
an unconfirmed figure); coverage dates are a date or ``"none"``.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path

from borderdesk.domain.agreement_book import (
    COVERAGE_KEYS,
    STEPS,
    Agreement,
    AgreementBook,
    CompetentAuthority,
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
from borderdesk.domain.strict_toml import ReferenceDataError, StrictTable, read_strict_toml
from borderdesk.i18n import _, current_language
from borderdesk.paths import resource

AGREEMENTS_FILE = "agreements.toml"
EU_MEMBERS_FILE = "eu_member_states.toml"


# "<step>_calendar_days", "<step>_working_days", or "<step>_months" (calendar months).
_STEP_KEY = re.compile(
    r"^(?P<step>[a-z_]+?)_(?:(?:(?P<kind>calendar|working)_)?days|(?P<months>months))$"
)


def _figure_flags(block: StrictTable, key: str, verified: bool, source: str) -> tuple[bool, str]:
    """A figure's own ``<key>_verified``/``<key>_source``, else its block's."""
    own_verified = block.flag(f"{key}_verified", default=True)
    own_source = block.local_text(f"{key}_source", required=False, default=source)
    assert own_source is not None
    return verified and own_verified, own_source


def _time_limit_keys(block: StrictTable) -> list[tuple[str, str, str]]:
    """(key, step, kind) for every time-limit figure in ``block``; kind "month" for months."""
    found: list[tuple[str, str, str]] = []
    for key in block.data:
        if key.endswith(("_verified", "_source", "_source_ru", "_source_en")):
            continue
        match = _STEP_KEY.match(key)
        if not match:
            continue
        step, kind = match["step"], match["kind"]
        if step not in STEPS:
            continue
        if match["months"]:
            found.append((key, step, "month"))
            continue
        if kind is None and step != "wrongful_readmission_take_back":
            continue  # left unread: finish() reports it as unknown
        found.append((key, step, kind or "calendar"))
    return found


def _time_limit_list(block: StrictTable, verified: bool, source: str) -> tuple[TimeLimit, ...]:
    limits: list[TimeLimit] = []
    seen: dict[str, str] = {}
    for key, step, kind in _time_limit_keys(block):
        if step in seen:
            block.fail(key, _("'{other}' already sets this time limit").format(other=seen[step]))
        seen[step] = key
        count = block.whole(key, minimum=1)
        assert count is not None
        fig_verified, fig_source = _figure_flags(block, key, verified, source)
        if kind == "month":
            limits.append(TimeLimit(step, 0, "calendar", fig_source, fig_verified, months=count))
        else:
            limits.append(TimeLimit(step, count, kind, fig_source, fig_verified))  # type: ignore[arg-type]
    order = {step: i for i, step in enumerate(STEPS)}
    return tuple(sorted(limits, key=lambda limit: order[limit.step]))


def _time_limits(block: StrictTable) -> TimeLimits:
    verified = block.flag("verified", required=True)
    source = block.local_text("source")
    assert source is not None
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


def _coverage(block: StrictTable, in_force: date, default_source: str) -> Coverage:
    verified = block.flag("verified", default=True)
    source = block.local_text("source", required=False, default=default_source)
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
    transitional = block.local_text("third_country_nationals_transitional", required=False)
    conditions = block.local_texts("third_country_conditions")
    excluded = block.local_texts("excluded")
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


def _other_language(block: StrictTable, keys: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(text in the other language, text in the user's) for every item of the lists."""
    shown, other = ("ru", "en") if current_language() == "ru" else ("en", "ru")
    pairs: list[tuple[str, str]] = []
    for key in keys:
        pairs.extend(zip(block.texts(f"{key}_{other}"), block.texts(f"{key}_{shown}"), strict=True))
    return tuple(pairs)


def _evidence(block: StrictTable) -> Evidence:
    lists = ("nationality_proof", "nationality_presumption", "transit_proof", "transit_presumption")
    evidence = Evidence(
        nationality_proof=block.local_texts("nationality_proof"),
        nationality_presumption=block.local_texts("nationality_presumption"),
        transit_proof=block.local_texts("transit_proof"),
        transit_presumption=block.local_texts("transit_presumption"),
        verified=block.flag("verified", required=True),
        source=block.local_text("source") or "",
        other_language=_other_language(block, lists),
    )
    block.finish()
    return evidence


def _costs(block: StrictTable) -> Costs:
    costs = Costs(
        requesting_party_pays=block.local_text("requesting_party_pays", required=False),
        requested_party_pays=block.local_text("requested_party_pays", required=False),
        source=block.local_text("source", required=False, default="") or "",
        verified=block.flag("verified", default=True),
    )
    block.finish()
    return costs


def _protocol(block: StrictTable, parent_verified: bool, parent_source: str) -> Protocol:
    state = block.state("state")
    signed = block.day("signed", required=False)
    in_force = block.day("in_force", required=False)
    verified = block.flag("verified", default=True)
    source = block.local_text("source", required=False, default=parent_source) or ""
    overrides = _time_limit_list(block, verified and parent_verified, source)
    protocol = Protocol(
        state=state,
        signed=signed,
        in_force=in_force,
        reply_extension=block.flag("reply_extension", default=True),
        crossing_points=block.local_texts("crossing_points"),
        overrides=overrides,
        source=source,
        verified=verified,
    )
    block.finish()
    return protocol


def _agreement(block: StrictTable) -> Agreement:
    agreement_id = block.req_text("id")
    parties = block.states("parties", required=True, allow_eu=True)
    if len(parties) != 2 or len(set(parties)) != 2:
        block.fail("parties", _("expected two different parties"))
    signed = block.req_day("signed")
    in_force = block.req_day("in_force")
    if in_force < signed:
        block.fail("in_force", _("is before the date of signature"))
    sources = block.local_texts("sources", required=True)
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
                source=item.local_text("source", required=False, default="") or "",
                verified=item.flag("verified", default=True),
            )
        )
        item.finish()
    authorities: list[CompetentAuthority] = []
    for item in block.tables("authority"):
        authorities.append(
            CompetentAuthority(
                state=item.state("state"),
                name_ru=item.req_text("name_ru"),
                name_en=item.req_text("name_en"),
                source=item.local_text("source", required=False, default="") or "",
                verified=item.flag("verified", default=True),
            )
        )
        item.finish()
    agreement = Agreement(
        id=agreement_id,
        title_en=block.req_text("title_en"),
        title_ru=block.req_text("title_ru"),
        short_name_ru=block.req_text("short_name_ru"),
        short_name_en=block.req_text("short_name_en"),
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
        authorities=tuple(authorities),
        signed_verified=block.flag("signed_verified", default=True),
        in_force_verified=block.flag("in_force_verified", default=True),
    )
    block.finish()
    return agreement


def _eu_members(path: Path) -> tuple[EuMember, ...]:
    top = read_strict_toml(path)
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
    top = read_strict_toml(path)
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
        return _default_agreements(current_language())
    return _agreement_book(
        Path(path) if path is not None else resource("reference", AGREEMENTS_FILE),
        Path(eu_members_path)
        if eu_members_path is not None
        else resource("reference", EU_MEMBERS_FILE),
    )


def agreement_name(agreement_id: str | None, lang: str | None = None) -> str:
    """A stored agreement id as people read it: its short name in the user's language.

    The id itself when the agreement is not on file (a bad stored value never breaks a read).
    """
    if not agreement_id:
        return ""
    agreement = load_agreements().find(agreement_id)
    return agreement.short_name(lang) if agreement is not None else agreement_id


@cache
def _default_agreements(lang: str) -> AgreementBook:
    """Read once per language: the book holds the texts in ``lang`` (see local_text)."""
    return _agreement_book(
        resource("reference", AGREEMENTS_FILE), resource("reference", EU_MEMBERS_FILE)
    )
