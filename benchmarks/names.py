"""The name matcher against a watchlist, in memory: recall by kind of query, the
false-alert rate and the time per check, beside today's matcher.

    python benchmarks/names.py --persons 100000 --watchlist 100000 [--sample 2000]

Population: ``services.demo.people.generate`` (the demo's persons, read only).
Watchlists of *other* persons, so every alert is a false one:
  made-up  names built like the demo's wanted persons (stems + links + endings that
           no demo list holds, the demo's wanted given names, random dates of birth);
  same-lists  other persons drawn from the demo's own name lists (another seed): the
           coincidences a real watchlist of the region brings (IVANOV IVAN twice).
Recall: entries of the sampled persons themselves, in another system of spelling,
with surname and given names the wrong way round, or with one typo in the surname.
"New": candidate keys (skeletons) + ``score_identity``; "today": the name-key ranges
and ``match_score`` of ``services.people.watchlists`` as they were before issue #9
(kept here, so the comparison stays the same after the services change).
"""

from __future__ import annotations

import argparse
import bisect
import random
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from spellings import other_spelling, typo  # noqa: E402

from borderdesk.domain.names import (  # noqa: E402
    Identity,
    Level,
    candidate_keys,
    compare_surnames,
    full_name_key,
    score_identity,
    search_key,
    surname_key,
)
from borderdesk.domain.partial_date import PartialDate  # noqa: E402

NEAR = 80.0


@dataclass(frozen=True)
class Entry:
    identity: Identity
    name_key: str
    person: int | None = None  # the population person it is (recall entries)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


class NewMatcher:
    """Candidate keys -> surname keys -> entries, scored by ``score_identity``."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.by_key: dict[str, set[str]] = defaultdict(set)
        self.by_surname: dict[str, list[Entry]] = defaultdict(list)
        for entry in entries:
            key = surname_key(entry.identity.surname)
            self.by_surname[key].append(entry)
        for key, listed in self.by_surname.items():
            for candidate in candidate_keys(listed[0].identity.surname):
                self.by_key[candidate].add(key)

    def check(self, query: Identity) -> list[tuple[Level, Entry]]:
        surnames: set[str] = set()
        for candidate in candidate_keys(query.surname):
            surnames |= self.by_key.get(candidate, set())
        if query.given_names:  # given name first: the surname may be in the other field
            for candidate in candidate_keys(query.given_names):
                surnames |= self.by_key.get(candidate, set())
        hits = []
        for key in surnames:
            listed = self.by_surname[key]
            first = listed[0].identity
            fits = compare_surnames(query.surname, first.surname).score >= NEAR or (
                compare_surnames(query.given_names, first.surname).score >= NEAR
            )
            if not fits:
                continue
            for entry in listed:
                match = score_identity(query, entry.identity)
                if match.level != Level.NONE:
                    hits.append((match.level, entry))
        return hits


def _today_ranges(key: str) -> list[tuple[str, str]]:
    # services.search.name_key_ranges before #9: the surname's key, then a stem of it.
    if not key:
        return []
    stem = key[: max(4, len(key) - 2)]
    return [(key, key + "!"), (stem, stem + "[")]


def _today_level(query: Identity, entry: Identity) -> Level | None:
    # services.watchlists._score before #9: match_score >= 80, then 0.7 name + 0.2 birth
    # + 0.1 nationality; >= 85 red (an alert), >= 75 amber (a warning).
    from borderdesk.domain.names import FUZZY_THRESHOLD, match_score

    name = match_score(query.surname, query.given_names, entry.surname, entry.given_names)
    if name.score < FUZZY_THRESHOLD:
        return None
    fit = _today_birth(query.birth, entry.birth)
    if not entry.nationality or query.nationality in ("", "XXX"):
        nationality = 50.0
    else:
        nationality = 100.0 if entry.nationality == query.nationality else 0.0
    birth = {"equal": 100.0, "compatible": 80.0, "unknown": 50.0, "differs": 0.0}[fit]
    score = 0.7 * name.score + 0.2 * birth + 0.1 * nationality
    if score >= 85.0:
        return Level.ALERT
    return Level.WARNING if score >= 75.0 else None


def _today_birth(a: PartialDate | None, b: PartialDate | None) -> str:
    if a is None or b is None:
        return "unknown"
    if a.year != b.year:
        return "differs"
    for x, y in ((a.month, b.month), (a.day, b.day)):
        if x is not None and y is not None and x != y:
            return "differs"
    return "equal" if a == b and a.is_complete else "compatible"


class TodayMatcher:
    """The watchlist person match before #9: name-key ranges, ``match_score``."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.rows = sorted(((e.name_key, i, e) for i, e in enumerate(entries)), key=lambda r: r[:2])
        self.keys = [r[0] for r in self.rows]

    def _range(self, low: str, high: str) -> list[Entry]:
        start, end = bisect.bisect_left(self.keys, low), bisect.bisect_left(self.keys, high)
        return [r[2] for r in self.rows[start : min(end, start + 300)]]

    def check(self, query: Identity) -> list[tuple[Level, Entry]]:
        hits = []
        seen: set[int] = set()
        for low, high in reversed(_today_ranges(search_key(query.surname))):
            for entry in self._range(low, high):
                if id(entry) in seen:
                    continue
                seen.add(id(entry))
                level = _today_level(query, entry.identity)
                if level is not None:
                    hits.append((level, entry))
        return hits


def population(count: int, seed: int) -> list:
    from borderdesk.services.demo.people import generate

    return list(generate(count, seed=seed, today=date(2026, 12, 1)))


def query_of(person) -> Identity:
    """What the passport's MRZ says (Doc 9303 Latin)."""
    return Identity(
        person.surname_latin.replace("-", " "),
        person.given_names_latin.replace("-", " "),
        person.birth,
        person.nationality,
    )


def made_up_watchlist(count: int, rng: random.Random) -> list[Entry]:
    from borderdesk.services.demo.checks import _STATES, _made_up_name

    entries = []
    for _ in range(count):
        surname, given = _made_up_name(rng)
        birth = PartialDate(rng.randint(1955, 2004), rng.randint(1, 12), rng.randint(1, 28))
        identity = Identity(surname, given, birth, rng.choice(_STATES))
        entries.append(Entry(identity, full_name_key(surname, given)))
    return entries


def same_lists_watchlist(count: int, seed: int) -> list[Entry]:
    entries = []
    for p in population(count, seed):
        identity = Identity(p.surname, p.given_names.split(" ")[0], p.birth, p.nationality)
        entries.append(Entry(identity, full_name_key(identity.surname, identity.given_names)))
    return entries


def recall_entries(people: list, sample: list[int], rng: random.Random) -> dict[str, list[Entry]]:
    """The sampled persons as a list would hold them, one list per kind of query."""
    kinds: dict[str, list[Entry]] = {"other_system": [], "given_name_first": [], "typo": []}
    for index in sample:
        p = people[index]
        given = p.given_names.split(" ")[0]
        if p.surname != p.surname_latin:  # Cyrillic on record: another system's spelling
            _system, surname = other_spelling(p.surname, p.nationality, rng)
            _system, given_spelled = other_spelling(given, p.nationality, rng)
            kinds["other_system"].append(
                Entry(Identity(surname, given_spelled, p.birth, p.nationality), "", index)
            )
        swapped = Identity(given, p.surname, p.birth, p.nationality)
        kinds["given_name_first"].append(Entry(swapped, full_name_key(given, p.surname), index))
        wrong = typo(p.surname_latin.replace("-", ""), rng)
        kinds["typo"].append(
            Entry(
                Identity(wrong, given, p.birth, p.nationality), full_name_key(wrong, given), index
            )
        )
    for entries in kinds.values():
        for i, e in enumerate(entries):
            if not e.name_key:
                key = full_name_key(e.identity.surname, e.identity.given_names)
                entries[i] = Entry(e.identity, key, e.person)
    return kinds


def measure_recall(matchers: dict[str, type], kinds: dict[str, list[Entry]], people: list) -> None:
    print("recall: the person is found in the list (alert / alert or warning)")
    for kind, entries in kinds.items():
        for name, cls in matchers.items():
            matcher = cls(entries)
            alert = either = 0
            for entry in entries:
                levels = [
                    lvl for lvl, e in matcher.check(query_of(people[entry.person])) if e is entry
                ]
                alert += Level.ALERT in levels
                either += bool(levels)
            n = len(entries)
            print(
                f"  {kind:<17} {name:<6} alert {alert / n:6.1%}  alert or warning "
                f"{either / n:6.1%}  (of {n:,})"
            )


def measure_false_alerts(
    name: str, matcher, people: list, indexes: Iterable[int], exact: bool = False
) -> None:
    times: list[float] = []
    alerted = warned = coincidences = 0
    checked = 0
    for index in indexes:
        query = query_of(people[index])
        start = time.perf_counter()
        hits = matcher.check(query)
        times.append((time.perf_counter() - start) * 1000)
        checked += 1
        levels = {level for level, _e in hits}
        if Level.ALERT in levels:
            alerted += 1
            if exact:
                key = full_name_key(people[index].surname, people[index].given_names.split()[0])
                coincidences += any(
                    lvl == Level.ALERT
                    and e.name_key == key
                    and e.identity.birth == query.birth
                    and e.identity.birth is not None
                    and e.identity.birth.is_complete
                    for lvl, e in hits
                )
        elif Level.WARNING in levels:
            warned += 1
    line = (
        f"  {name:<32} false alerts {alerted / checked:7.3%} ({alerted:,} of {checked:,})"
        f"  warnings {warned / checked:6.2%}   check p50 {statistics.median(times):.3f} ms"
        f"  p95 {percentile(times, 95):.3f} ms"
    )
    if exact:
        line += f"\n  {'':<32} of the alerts, same name and full birth date: {coincidences:,}"
    print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--watchlist", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=2000, help="persons for recall")
    parser.add_argument(
        "--coincidence-sample",
        type=int,
        default=10_000,
        help="persons checked against the same-lists watchlist (each meets hundreds)",
    )
    args = parser.parse_args()
    rng = random.Random(2012)
    started = time.perf_counter()
    people = population(args.persons, seed=2012)
    sample = rng.sample(range(len(people)), min(args.sample, len(people)))
    print(f"population {len(people):,} persons, watchlists {args.watchlist:,} entries each")

    measure_recall(
        {"new": NewMatcher, "today": TodayMatcher}, recall_entries(people, sample, rng), people
    )

    print("false alerts: population persons against watchlists of other persons")
    made_up = made_up_watchlist(args.watchlist, random.Random(99))
    for name, matcher in (("new", NewMatcher(made_up)), ("today", TodayMatcher(made_up))):
        measure_false_alerts(f"made-up names, {name}", matcher, people, range(len(people)))
    same = same_lists_watchlist(args.watchlist, seed=4711)
    subset = rng.sample(range(len(people)), min(args.coincidence_sample, len(people)))
    for name, matcher in (("new", NewMatcher(same)), ("today", TodayMatcher(same))):
        measure_false_alerts(f"same name lists, {name}", matcher, people, subset, exact=True)
    print(f"(run on {date.today().isoformat()}, {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
