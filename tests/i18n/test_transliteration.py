"""Kazakh Latin is generated from the Cyrillic by the 2021 alphabet, never typed by hand."""

# ruff: noqa: RUF001, RUF003

import pytest

from claimtracker.i18n.transliteration import to_kazakh_latin

# The whole Kazakh Cyrillic alphabet (42 letters), in its order, and what each becomes.
ALPHABET = [
    ("А", "A"), ("Ә", "Ä"), ("Б", "B"), ("В", "V"), ("Г", "G"), ("Ғ", "Ğ"), ("Д", "D"),
    ("Е", "E"), ("Ё", "İo"), ("Ж", "J"), ("З", "Z"), ("И", "İ"), ("Й", "İ"), ("К", "K"),
    ("Қ", "Q"), ("Л", "L"), ("М", "M"), ("Н", "N"), ("Ң", "Ñ"), ("О", "O"), ("Ө", "Ö"),
    ("П", "P"), ("Р", "R"), ("С", "S"), ("Т", "T"), ("У", "U"), ("Ұ", "Ū"), ("Ү", "Ü"),
    ("Ф", "F"), ("Х", "H"), ("Һ", "H"), ("Ц", "S"), ("Ч", "Ş"), ("Ш", "Ş"), ("Щ", "Ş"),
    ("Ъ", ""), ("Ы", "Y"), ("І", "I"), ("Ь", ""), ("Э", "E"), ("Ю", "İu"), ("Я", "İa"),
]  # fmt: skip
LOWER = [
    ("а", "a"), ("ә", "ä"), ("б", "b"), ("в", "v"), ("г", "g"), ("ғ", "ğ"), ("д", "d"),
    ("е", "e"), ("ё", "io"), ("ж", "j"), ("з", "z"), ("и", "i"), ("й", "i"), ("к", "k"),
    ("қ", "q"), ("л", "l"), ("м", "m"), ("н", "n"), ("ң", "ñ"), ("о", "o"), ("ө", "ö"),
    ("п", "p"), ("р", "r"), ("с", "s"), ("т", "t"), ("у", "u"), ("ұ", "ū"), ("ү", "ü"),
    ("ф", "f"), ("х", "h"), ("һ", "h"), ("ц", "s"), ("ч", "ş"), ("ш", "ş"), ("щ", "ş"),
    ("ъ", ""), ("ы", "y"), ("і", "ı"), ("ь", ""), ("э", "e"), ("ю", "iu"), ("я", "ia"),
]  # fmt: skip


def test_the_tables_cover_the_42_letters_of_the_kazakh_cyrillic_alphabet():
    assert len(ALPHABET) == len(LOWER) == 42
    assert [upper for upper, _ in ALPHABET] == [lower.upper() for lower, _ in LOWER]


@pytest.mark.parametrize(("cyrillic", "latin"), ALPHABET + LOWER)
def test_each_letter_becomes_its_2021_latin_letter(cyrillic, latin):
    assert to_kazakh_latin(cyrillic) == latin


def test_the_whole_alphabet_in_one_string_in_both_cases():
    upper = "".join(letter for letter, _ in ALPHABET)
    lower = "".join(letter for letter, _ in LOWER)

    assert to_kazakh_latin(lower) == "aäbvgğdeiojziikqlmnñoöprstuūüfhhsşşşyıeiuia"
    assert to_kazakh_latin(upper) == "AÄBVGĞDEİOJZİİKQLMNÑOÖPRSTUŪÜFHHSŞŞŞYIEİUİA"


def test_the_two_kazakh_is_keep_their_dots_in_both_cases():
    # І is the dotless ı (capital I); И and Й are the dotted i (capital İ), as in Turkish.
    assert to_kazakh_latin("кісі") == "kısı"
    assert to_kazakh_latin("КІСІ") == "KISI"
    assert to_kazakh_latin("Ине") == "İne"
    assert to_kazakh_latin("Іле") == "Ile"


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Қазақстан", "Qazaqstan"),
        ("Тоқаев", "Toqaev"),
        ("Қазақстан Республикасы", "Qazaqstan Respublikasy"),
        ("Алматы", "Almaty"),
        ("Астана", "Astana"),
        ("шындық", "şyndyq"),
        ("мәлімдеме", "mälımdeme"),
        ("өзгеріс", "özgerıs"),
        ("түзету", "tüzetu"),
        ("ұйым", "ūiym"),
        ("үйіне", "üiıne"),
        ("Бұрыңғы өткен заманда", "Būryñğy ötken zamanda"),
        ("Бағдат шаһарының", "Bağdat şaharynyñ"),
        ("қаңтар", "qañtar"),
        ("Желтоқсан", "Jeltoqsan"),
    ],
)
def test_real_words_read_as_in_the_2021_alphabet(cyrillic, latin):
    assert to_kazakh_latin(cyrillic) == latin


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Ясин", "İasin"),  # a title capital stays a title capital
        ("ЯНВАРЬ", "İANVAR"),  # in a word in capitals, both letters are capitals
        ("ЮНЕСКО", "İUNESKO"),
        ("ЯЯ", "İAİA"),
        ("объект", "obekt"),  # the hard and soft signs are dropped
        ("цирк", "sirk"),
        ("чемпион", "şempion"),
        ("Щучинск", "Şuşinsk"),
        ("экран", "ekran"),
        ("ёлка", "iolka"),
    ],
)
def test_russian_only_letters_and_two_letter_capitals(cyrillic, latin):
    assert to_kazakh_latin(cyrillic) == latin


def test_everything_that_is_not_kazakh_cyrillic_passes_through_unchanged():
    text = 'ClaimTracker: 3 %(count)s {name} — «» 2026-12-03 <a href="/x">'
    assert to_kazakh_latin(text) == text
