"""Names across scripts: Doc 9303 transliteration, search keys, fuzzy matching.

``to_latin`` / ``to_mrz_name`` print a name as the MRZ does; ``search_key`` /
``full_name_key`` give the one indexed key on which the known spellings of a name
meet; ``candidate_keys`` the keys a surname is indexed under so that spellings no
rule lists still meet (consonant skeletons); ``score_identity`` scores a person's
name, date of birth and nationality against another's, with a level (alert,
warning, none) and the reasons. ``name_similarity`` / ``key_similarity`` /
``match_score`` are the older plain scores. Pure Python: no Qt, no SQL. The tables
are data in ``resources/reference``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from borderdesk.lazy_face import lazy_attributes

# Imported when first named: a spelling system's label (a saved finding's wording) needs
# neither the fuzzy matching (rapidfuzz) nor the identity scores.
if TYPE_CHECKING:
    from borderdesk.domain.names.candidates import candidate_keys, surname_key
    from borderdesk.domain.names.identity import (
        Identity,
        IdentityMatch,
        Level,
        Reason,
        birth_fit,
        score_identity,
    )
    from borderdesk.domain.names.keys import full_name_key, latin_words, rule_names, search_key
    from borderdesk.domain.names.matching import (
        FUZZY_THRESHOLD,
        NameMatch,
        key_similarity,
        match_score,
        name_similarity,
    )
    from borderdesk.domain.names.name_parts import PartFit, compare_given_names, compare_surnames
    from borderdesk.domain.names.skeleton import skeletons
    from borderdesk.domain.names.spelling_systems import system_label, systems_of
    from borderdesk.domain.names.transliteration import (
        DEFAULT_LANGUAGE,
        Language,
        language_for_country,
        languages,
        letter_table,
        to_latin,
        to_mrz_name,
    )

_MODULE_OF = {
    "birth_fit": "identity",
    "candidate_keys": "candidates",
    "compare_given_names": "name_parts",
    "compare_surnames": "name_parts",
    "DEFAULT_LANGUAGE": "transliteration",
    "full_name_key": "keys",
    "FUZZY_THRESHOLD": "matching",
    "Identity": "identity",
    "IdentityMatch": "identity",
    "key_similarity": "matching",
    "Language": "transliteration",
    "language_for_country": "transliteration",
    "languages": "transliteration",
    "latin_words": "keys",
    "letter_table": "transliteration",
    "Level": "identity",
    "match_score": "matching",
    "name_similarity": "matching",
    "NameMatch": "matching",
    "PartFit": "name_parts",
    "Reason": "identity",
    "rule_names": "keys",
    "score_identity": "identity",
    "search_key": "keys",
    "skeletons": "skeleton",
    "surname_key": "candidates",
    "system_label": "spelling_systems",
    "systems_of": "spelling_systems",
    "to_latin": "transliteration",
    "to_mrz_name": "transliteration",
}

__getattr__ = lazy_attributes(__name__, _MODULE_OF)

__all__ = [
    "DEFAULT_LANGUAGE",
    "FUZZY_THRESHOLD",
    "Identity",
    "IdentityMatch",
    "Language",
    "Level",
    "NameMatch",
    "PartFit",
    "Reason",
    "birth_fit",
    "candidate_keys",
    "compare_given_names",
    "compare_surnames",
    "full_name_key",
    "latin_words",
    "key_similarity",
    "language_for_country",
    "languages",
    "letter_table",
    "match_score",
    "name_similarity",
    "rule_names",
    "score_identity",
    "search_key",
    "skeletons",
    "surname_key",
    "system_label",
    "systems_of",
    "to_latin",
    "to_mrz_name",
]
