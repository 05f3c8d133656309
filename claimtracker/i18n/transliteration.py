"""Kazakh Cyrillic to the Kazakh Latin alphabet of 2021, letter by letter (docs/i18n.md).

Deterministic and lossy on purpose: Һ and Х both become H, И and Й both İ/i, and the Russian-only
letters follow the 2021 table (Ц → S, Ч and Щ → Ş, Ё/Ю/Я → io/iu/ia, Ъ and Ь dropped).
Characters outside the Kazakh Cyrillic alphabet (Latin, digits, punctuation) pass through.
"""

# The tables and their comments are Cyrillic and Latin letters side by side, on purpose.
# ruff: noqa: RUF001, RUF002, RUF003

# Lower-case letters; capitals are derived below, so the two cases cannot drift apart.
# Note the two i's: Kazakh І (front, "кісі") is the dotless ı, И and Й are the dotted i, whose
# capital is İ (not I, which is ı's capital).
LOWER: dict[str, str] = {
    "а": "a",
    "ә": "ä",
    "б": "b",
    "в": "v",
    "г": "g",
    "ғ": "ğ",
    "д": "d",
    "е": "e",
    "ё": "io",
    "ж": "j",
    "з": "z",
    "и": "i",
    "й": "i",
    "к": "k",
    "қ": "q",
    "л": "l",
    "м": "m",
    "н": "n",
    "ң": "ñ",
    "о": "o",
    "ө": "ö",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ұ": "ū",
    "ү": "ü",
    "ф": "f",
    "х": "h",
    "һ": "h",
    "ц": "s",
    "ч": "ş",
    "ш": "ş",
    "щ": "ş",
    "ъ": "",
    "ы": "y",
    "і": "ı",
    "ь": "",
    "э": "e",
    "ю": "iu",
    "я": "ia",
}


def latin_upper(text: str) -> str:
    # Python's str.upper() maps i to I; Kazakh (like Turkish) keeps the dot: i → İ, ı → I.
    return "".join("İ" if char == "i" else "I" if char == "ı" else char.upper() for char in text)


UPPER: dict[str, str] = {cyrillic.upper(): latin_upper(latin) for cyrillic, latin in LOWER.items()}


def is_upper_letter(char: str) -> bool:
    return char.isalpha() and char.isupper()


def to_kazakh_latin(text: str) -> str:
    """Kazakh Cyrillic text in the 2021 Latin alphabet: Қазақстан → Qazaqstan, Тоқаев → Toqaev.

    A capital that becomes two letters (Я → İa) is written in capitals only inside a word in
    capitals (ЯНВАРЬ → İANVAR), as a title capital otherwise (Ясин → İasin).
    """
    out: list[str] = []
    for index, char in enumerate(text):
        if char in LOWER:
            out.append(LOWER[char])
        elif char in UPPER:
            latin = UPPER[char]
            if len(latin) > 1:
                before = text[index - 1] if index else ""
                after = text[index + 1] if index + 1 < len(text) else ""
                if not (
                    is_upper_letter(after) or (is_upper_letter(before) and not after.isalpha())
                ):
                    latin = latin[0] + latin[1:].lower()
            out.append(latin)
        else:
            out.append(char)
    return "".join(out)
