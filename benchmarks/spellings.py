"""Other systems' spellings of a Cyrillic name, and typos, for the name benchmarks.

Not BorderDesk code: the benchmark's own, simple versions of the systems a border
record meets, so that the matcher is measured on spellings it did not produce.
"""

from __future__ import annotations

import random

_VOWELS = set("АЕЁИОУЫЭЮЯ")
_SOFT_OR_HARD = set("ЪЬ")

# letter -> (spelling, spelling at the start of a word or after a vowel / Ъ / Ь)
_BASE = {
    "А": "A", "Б": "B", "Г": "G", "Д": "D", "З": "Z", "И": "I", "К": "K", "Л": "L",
    "М": "M", "Н": "N", "О": "O", "П": "P", "Р": "R", "С": "S", "Т": "T", "У": "U",
    "Ф": "F", "Ы": "Y", "Ъ": "", "Ь": "", "Э": "E",
    # Letters of the Central Asian alphabets, read as their base letters.
    "Ә": "A", "Ғ": "G", "Қ": "K", "Ң": "N", "Ө": "O", "Ұ": "U", "Ү": "U", "Һ": "H",
    "І": "I", "Ў": "U", "Ҳ": "H", "Ҷ": "J", "Ӣ": "I", "Ӯ": "U",
}  # fmt: skip

SYSTEMS: dict[str, dict[str, tuple[str, str]]] = {
    "german": {
        "В": ("W", "W"),
        "Е": ("E", "JE"),
        "Ё": ("JO", "JO"),
        "Ж": ("SCH", "SCH"),
        "З": ("S", "S"),
        "Й": ("I", "J"),
        "Х": ("CH", "CH"),
        "Ц": ("Z", "Z"),
        "Ч": ("TSCH", "TSCH"),
        "Ш": ("SCH", "SCH"),
        "Щ": ("SCHTSCH", "SCHTSCH"),
        "Ю": ("JU", "JU"),
        "Я": ("JA", "JA"),
    },
    "french": {
        "В": ("V", "V"),
        "Е": ("E", "IE"),
        "Ё": ("IO", "IO"),
        "Ж": ("J", "J"),
        "Й": ("I", "I"),
        "У": ("OU", "OU"),
        "Х": ("KH", "KH"),
        "Ц": ("TS", "TS"),
        "Ч": ("TCH", "TCH"),
        "Ш": ("CH", "CH"),
        "Щ": ("CHTCH", "CHTCH"),
        "Ю": ("IOU", "IOU"),
        "Я": ("IA", "IA"),
    },
    "polish": {
        "В": ("W", "W"),
        "Е": ("IE", "JE"),
        "Ё": ("IO", "JO"),
        "Ж": ("Ż", "Ż"),
        "Й": ("J", "J"),
        "Х": ("CH", "CH"),
        "Ц": ("C", "C"),
        "Ч": ("CZ", "CZ"),
        "Ш": ("SZ", "SZ"),
        "Щ": ("SZCZ", "SZCZ"),
        "Ю": ("IU", "JU"),
        "Я": ("IA", "JA"),
    },
    "bgn_pcgn": {
        "В": ("V", "V"),
        "Е": ("E", "YE"),
        "Ё": ("YË", "YË"),
        "Ж": ("ZH", "ZH"),
        "Й": ("Y", "Y"),
        "Х": ("KH", "KH"),
        "Ц": ("TS", "TS"),
        "Ч": ("CH", "CH"),
        "Ш": ("SH", "SH"),
        "Щ": ("SHCH", "SHCH"),
        "Ю": ("YU", "YU"),
        "Я": ("YA", "YA"),
    },
    "english": {
        "В": ("V", "V"),
        "Е": ("E", "YE"),
        "Ё": ("YO", "YO"),
        "Ж": ("ZH", "ZH"),
        "Й": ("Y", "Y"),
        "Х": ("KH", "H"),
        "Ц": ("TS", "TS"),
        "Ч": ("CH", "CH"),
        "Ш": ("SH", "SH"),
        "Щ": ("SH", "SH"),
        "Ю": ("YU", "YU"),
        "Я": ("YA", "YA"),
    },
    "uzbek_latin": {
        "В": ("V", "V"),
        "Е": ("E", "YE"),
        "Ё": ("YO", "YO"),
        "Ж": ("J", "J"),
        "Й": ("Y", "Y"),
        "Х": ("X", "X"),
        "Ц": ("TS", "TS"),
        "Ч": ("CH", "CH"),
        "Ш": ("SH", "SH"),
        "Щ": ("SH", "SH"),
        "Ю": ("YU", "YU"),
        "Я": ("YA", "YA"),
        "Ў": ("O'", "O'"),
        "Ғ": ("G'", "G'"),
        "Қ": ("Q", "Q"),
        "Ҳ": ("H", "H"),
    },
    "kazakh_2021": {
        "В": ("V", "V"),
        "Е": ("E", "E"),
        "Ё": ("IO", "IO"),
        "Ж": ("J", "J"),
        "Й": ("İ", "İ"),
        "Х": ("H", "H"),
        "Ц": ("TS", "TS"),
        "Ч": ("Ç", "Ç"),
        "Ш": ("Ş", "Ş"),
        "Щ": ("ŞŞ", "ŞŞ"),
        "Ю": ("IU", "IU"),
        "Я": ("IA", "IA"),
        "Қ": ("Q", "Q"),
        "Ғ": ("Ǵ", "Ǵ"),
        "Ң": ("Ń", "Ń"),
        "Ә": ("Ä", "Ä"),
        "Ө": ("Ö", "Ö"),
        "Ү": ("Ü", "Ü"),
        "Ұ": ("U", "U"),
        "И": ("İ", "İ"),
    },
}

# Which systems a nationality's records meet besides Doc 9303.
SYSTEMS_OF = {
    "UZB": ("uzbek_latin", "english", "german"),
    "KAZ": ("kazakh_2021", "english", "german"),
    "TJK": ("english", "french", "german"),
    "KGZ": ("english", "german", "polish"),
}
DEFAULT_SYSTEMS = ("german", "french", "polish", "bgn_pcgn", "english")


def spell(text: str, system: str) -> str:
    """``text`` (Cyrillic) as ``system`` spells it; other letters pass through."""
    table = SYSTEMS[system]
    out: list[str] = []
    previous = " "
    for char in text.upper():
        after_vowel = previous in _VOWELS or previous in _SOFT_OR_HARD or not previous.isalpha()
        if char in table:
            out.append(table[char][1] if after_vowel else table[char][0])
        elif char in _BASE:
            out.append(_BASE[char])
        else:
            out.append(char)
        previous = char
    spelled = "".join(out)
    if system in ("german", "french", "polish", "english") and spelled.endswith(("IY", "II")):
        spelled = spelled[:-2] + ("Y" if system == "english" else "I")
    return spelled


def other_spelling(text: str, nationality: str, rng: random.Random) -> tuple[str, str]:
    """(system, spelling) of a Cyrillic name in a system its nationality meets."""
    system = rng.choice(SYSTEMS_OF.get(nationality, DEFAULT_SYSTEMS))
    return system, spell(text, system)


def typo(word: str, rng: random.Random) -> str:
    """One typing error anywhere in the word: a letter replaced, added, left out, or two
    neighbours swapped."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    i = rng.randrange(len(word))
    kind = rng.choice(("replace", "add", "drop", "swap") if len(word) > 3 else ("replace", "add"))
    if kind == "replace":
        return word[:i] + rng.choice(letters.replace(word[i], "")) + word[i + 1 :]
    if kind == "add":
        return word[:i] + rng.choice(letters) + word[i:]
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    i = min(i, len(word) - 2)
    if word[i] == word[i + 1]:
        return word[:i] + rng.choice(letters.replace(word[i], "")) + word[i + 1 :]
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
