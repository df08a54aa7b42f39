"""French first, English on request: tr, normalize_lang, quote, join_words."""

import pytest

from utils.i18n import DEFAULT_LANG, LANGS, join_words, normalize_lang, quote, tr


def test_the_languages_are_french_first_then_english():
    """Test that French is the default language and the first of the two."""
    assert LANGS == ("fr", "en")
    assert DEFAULT_LANG == "fr"


@pytest.mark.parametrize(("lang", "expected"), [
    ("fr", "bonjour"),
    ("en", "hello"),
    ("de", "bonjour"),
    ("", "bonjour"),
    ("EN", "bonjour"),
])
def test_tr_gives_english_only_for_en(lang, expected):
    """Test that tr returns the English text for "en" and the French text for anything else."""
    assert tr(lang, "bonjour", "hello") == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("en", "en"),
    ("EN ", "en"),
    ("fr", "fr"),
    ("de", "fr"),
    ("", "fr"),
    (None, "fr"),
    ("en" * 10_000, "fr"),
    (["en"], "fr"),
])
def test_normalize_lang_reads_untrusted_values(value, expected):
    """Test that normalize_lang accepts fr/en in any case and falls back to French otherwise."""
    assert normalize_lang(value) == expected


@pytest.mark.parametrize(("lang", "expected"), [("fr", "« Nîmes »"), ("en", "“Nîmes”")])
def test_quote_uses_the_quotation_marks_of_the_language(lang, expected):
    """Test that quote wraps text in French guillemets or English quotation marks."""
    assert quote(lang, "Nîmes") == expected


@pytest.mark.parametrize(("lang", "items", "word", "expected"), [
    ("fr", [], ("et", "and"), ""),
    ("fr", ["a"], ("et", "and"), "a"),
    ("fr", ["a", "b"], ("et", "and"), "a et b"),
    ("en", ["a", "b", "c"], ("et", "and"), "a, b and c"),
    ("fr", ["a", "b", "c"], ("ou", "or"), "a, b ou c"),
    ("en", ["a", "b"], ("ou", "or"), "a or b"),
])
def test_join_words_links_the_last_item_with_the_word_of_the_language(lang, items, word, expected):
    """Test that join_words separates items with commas and links the last one with the given word."""
    assert join_words(lang, items, word) == expected
