"""Names across scripts: Doc 9303 transliteration, search keys, fuzzy matching.

``to_latin`` / ``to_mrz_name`` print a name as the MRZ does; ``search_key`` /
``full_name_key`` give the one indexed key on which the known spellings of a name
meet; ``name_similarity`` / ``key_similarity`` / ``match_score`` rank candidates.
Pure Python: no Qt, no SQL. The tables are data in ``resources/reference``.
"""

from borderdesk.domain.names.keys import full_name_key, rule_names, search_key
from borderdesk.domain.names.matching import (
    FUZZY_THRESHOLD,
    NameMatch,
    key_similarity,
    match_score,
    name_similarity,
)
from borderdesk.domain.names.transliteration import (
    DEFAULT_LANGUAGE,
    Language,
    language_for_country,
    languages,
    letter_table,
    to_latin,
    to_mrz_name,
)

__all__ = [
    "DEFAULT_LANGUAGE",
    "FUZZY_THRESHOLD",
    "Language",
    "NameMatch",
    "full_name_key",
    "key_similarity",
    "language_for_country",
    "languages",
    "letter_table",
    "match_score",
    "name_similarity",
    "rule_names",
    "search_key",
    "to_latin",
    "to_mrz_name",
]
