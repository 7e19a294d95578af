"""The keys under which a surname is indexed, and looked up, to find candidates.

A surname is filed under its search key (the rule table's meeting point), under its
consonant skeletons, and under each skeleton with one letter left out. A query is
looked up under the same set, so two spellings meet when their skeletons are at
most one consonant apart (a substitution, an extra or a missing letter, two letters
swapped): SHERBAKOV finds SHCHERBAKOV, JUSUPOV finds IUSUPOV, a typo in a consonant
still finds the name (the vowels are not in the skeleton at all).

The index (``store.name_index``) maps these keys to surname keys, not to persons:
the persons of a surname are then read by the indexed ``name_key``. Pure Python.
"""

from __future__ import annotations

from functools import lru_cache

from borderdesk.domain.names.keys import key_of_words, latin_words, search_key
from borderdesk.domain.names.skeleton import one_letter_less, word_skeletons

# Marks the rule table's exact key, so it never collides with a skeleton.
EXACT = "="
# Each word of a compound surname is filed on its own (IVANOVA-PETROVA is found
# as IVANOVA and as PETROVA) when its skeleton is at least this long.
MIN_PART_SKELETON = 3


def surname_key(surname: str) -> str:
    """The surname's search key, its words joined by one space (as ``name_key`` starts)."""
    return search_key(surname)


@lru_cache(maxsize=32768)
def _keys_of_words(words: tuple[str, ...]) -> frozenset[str]:
    joined = "".join(words)
    if not joined:
        return frozenset()
    keys = {EXACT + search_key(joined)}
    for skeleton in word_skeletons(joined):
        if skeleton:
            keys.add(skeleton)
            keys |= one_letter_less(skeleton)
    if len(words) > 1:
        for word in words:
            keys.add(EXACT + search_key(word))
            keys.update(s for s in word_skeletons(word) if len(s) >= MIN_PART_SKELETON)
    return frozenset(keys)


def candidate_keys(surname: str) -> frozenset[str]:
    """Index keys of a surname written in any script (see the module text)."""
    return _keys_of_words(tuple(latin_words(surname)))


def filing_keys(words: tuple[str, ...]) -> tuple[str, frozenset[str]]:
    """(``surname_key``, ``candidate_keys``) of a surname whose ``latin_words`` are
    ``words``: both follow from the words, so surnames that read alike (KARIMOV1 and
    KARIMOV2) are worked out once."""
    return key_of_words(words), _keys_of_words(words)
