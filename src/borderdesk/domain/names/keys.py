"""One normalised key per name, so that the spellings of one name meet in an index.

``search_key("Щербаков") == search_key("SHCHERBAKOV") == search_key("SCHERBAKOV")``.
Cyrillic is read with the Doc 9303 table (any listed alphabet, Russian readings),
then the Latin rewrite rules of ``resources/reference/legacy_spellings.toml`` collapse
each known alternation to one canonical form (see that file for the list and order).
A key is upper-case A-Z, one space between the words of the name, and is its own key:
the rules are re-applied until none of them can change the text.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

from borderdesk.domain.names.transliteration import DEFAULT_LANGUAGE, romanise, translate_table
from borderdesk.paths import resource

_MAX_PASSES = 8
_GROUP_ONLY = re.compile(r"\\(\d)")
_LATIN = re.compile(r"[A-Z]+")

Rewrite = Callable[[str], str]


@dataclass(frozen=True)
class Rule:
    """One rewrite rule; ``triggers`` are strings of which the text must hold one to change."""

    name: str
    apply: Rewrite
    triggers: tuple[str, ...]  # empty: ``pattern`` itself is the test
    pattern: re.Pattern[str] | None


@dataclass(frozen=True)
class _Pipeline:
    table: dict[int, str]
    pre: tuple[Rewrite, ...]
    latin: tuple[Rewrite, ...]
    names: tuple[str, ...]
    # Fixpoint test: no trigger (and no unguarded pattern) in the text -> no rule applies.
    trigger: re.Pattern[str] | None
    unguarded: tuple[re.Pattern[str], ...]


def _literal(sources: tuple[str, ...], target: str) -> Rewrite:
    def apply(text: str) -> str:
        for source in sources:
            if source in text:
                text = text.replace(source, target)
        return text

    return apply


def _regex(compiled: re.Pattern[str], target: str, when: tuple[str, ...]) -> Rewrite:
    group = _GROUP_ONLY.fullmatch(target)
    # A bare group reference is far cheaper as a function than as a template.
    replacement: str | Callable[[re.Match[str]], str] = (
        (lambda match, n=int(group[1]): match.group(n)) if group else target
    )
    search, sub = compiled.search, compiled.sub
    if len(when) == 1:
        (literal,) = when

        def apply_one(text: str) -> str:
            return sub(replacement, text) if literal in text and search(text) else text

        return apply_one
    if when:
        guard = re.compile("|".join(map(re.escape, when))).search

        def apply_any(text: str) -> str:
            return sub(replacement, text) if guard(text) and search(text) else text

        return apply_any
    return lambda text: sub(replacement, text) if search(text) else text


def _rule(entry: dict, section: str) -> Rule:
    name = entry.get("name", "?")
    target = entry.get("to")
    if not isinstance(target, str) or ("from" in entry) == ("pattern" in entry):
        raise ValueError(
            f"legacy_spellings.toml [[{section}]] {name!r}: need 'to' and one of "
            "'from' or 'pattern'"
        )
    if "from" in entry:
        sources = tuple(entry["from"])
        return Rule(name, _literal(sources, target), sources, None)
    when = entry.get("when", ())
    when = (when,) if isinstance(when, str) else tuple(when)
    compiled = re.compile(entry["pattern"])
    return Rule(name, _regex(compiled, target, when), when, None if when else compiled)


@cache
def _pipeline() -> _Pipeline:
    with resource("reference", "legacy_spellings.toml").open("rb") as fh:
        raw = tomllib.load(fh)
    letters = tuple(sorted(raw.get("letters", {}).items()))
    for letter, value in letters:
        if len(letter) != 1 or not _LATIN.fullmatch(value):
            raise ValueError(f"legacy_spellings.toml [letters]: bad entry {letter!r} = {value!r}")
    pre = [_rule(entry, "pre_rule") for entry in raw.get("pre_rule", [])]
    latin = [_rule(entry, "rule") for entry in raw.get("rule", [])]
    triggers = sorted({t for rule in latin for t in rule.triggers}, key=len, reverse=True)
    return _Pipeline(
        table=translate_table(DEFAULT_LANGUAGE, letters),
        pre=tuple(rule.apply for rule in pre),
        latin=tuple(rule.apply for rule in latin),
        names=tuple(rule.name for rule in latin),
        trigger=re.compile("|".join(map(re.escape, triggers))) if triggers else None,
        unguarded=tuple(rule.pattern for rule in latin if rule.pattern is not None),
    )


def rule_names() -> tuple[str, ...]:
    """The Latin rewrite rules in the order they run (for documentation and tests)."""
    return _pipeline().names


def _rewrite(words: str, pipeline: _Pipeline) -> str:
    trigger, unguarded = pipeline.trigger, pipeline.unguarded
    for _pass in range(_MAX_PASSES):
        if not (trigger is not None and trigger.search(words)) and not any(
            pattern.search(words) for pattern in unguarded
        ):
            break  # no rule can change it: a fixpoint
        before = words
        for apply in pipeline.latin:
            words = apply(words)
        if words == before:
            break
    return words


@lru_cache(maxsize=8192)
def _word_key(word: str) -> str:
    # The rules never look across a space, so each word is rewritten on its own and
    # the frequent ones (IVAN, ALEKSANDR) come from a small cache.
    return _rewrite(word, _pipeline())


def search_key(text: str) -> str:
    """Normalised key of a name in any script: same key for the known spellings of a name.

    >>> search_key("Юсупов"), search_key("YUSUPOV"), search_key("IUSUPOV")
    ('IUSUPOV', 'IUSUPOV', 'IUSUPOV')
    """
    pipeline = _pipeline()
    text = text.upper()
    for apply in pipeline.pre:
        text = apply(text)
    words = romanise(text, pipeline.table)
    if "-" in words:
        words = words.replace("-", " ")
    return " ".join([_word_key(word) for word in words.split()])


def key_of_words(words: tuple[str, ...]) -> str:
    """``search_key`` of a text whose :func:`latin_words` are ``words`` (the same steps,
    for a caller that has the words already: the name index files both)."""
    return " ".join([_word_key(word) for word in words])


@lru_cache(maxsize=32768)
def latin_words(text: str) -> tuple[str, ...]:
    """The name's words in upper-case A-Z as read (Cyrillic by Doc 9303, the key's own
    letters, marks dropped), before any rewrite rule; hyphens separate words too."""
    pipeline = _pipeline()
    text = text.upper()
    for apply in pipeline.pre:
        text = apply(text)
    return tuple(romanise(text, pipeline.table).replace("-", " ").split())


def full_name_key(surname: str, given_names: str = "") -> str:
    """Key of a whole name: surname words first, then given names (``IVANOV IVAN``)."""
    surname_key = search_key(surname)
    given_key = search_key(given_names)
    return f"{surname_key} {given_key}" if surname_key and given_key else surname_key or given_key
