"""The gazetteer: communes by INSEE code and by name as people type it."""

import pytest

from utils.gazetteer import Commune, describe_communes, load_gazetteer, normalise_department, normalise_insee
from utils.names import canonical_arrondissement, normalise, roman_to_int, without_article

# Real names, typed every way editors type them -> the INSEE code they mean.
NAME_VARIANTS = [
    ("Nîmes", None, "30189"),
    ("nimes", None, "30189"),
    ("NIMES", None, "30189"),
    ("Saint-Étienne", None, "42218"),
    ("saint etienne", None, "42218"),
    ("St Etienne", None, "42218"),
    ("St. Étienne", None, "42218"),
    ("ST-ETIENNE", None, "42218"),
    ("Ste Maxime", None, "83115"),
    ("Sainte Maxime", None, "83115"),
    ("Aix en Provence", None, "13001"),
    ("aix-en-provence", None, "13001"),
    ("Le Havre", None, "76351"),
    ("le havre", None, "76351"),
    ("Havre", None, "76351"),
    ("Les Sables-d'Olonne", None, "85194"),
    ("Les Sables d Olonne", None, "85194"),
    ("Les Sables d’Olonne", None, "85194"),
    ("Sables d'Olonne", None, "85194"),
    ("L'Haÿ-les-Roses", None, "94038"),
    ("L’Hay les Roses", None, "94038"),
    ("l hay les roses", None, "94038"),
    ("Évry-Courcouronnes", None, "91228"),
    ("evry courcouronnes", None, "91228"),
    ("Boulogne s/ Mer", None, "62160"),
    ("  Metz  ", None, "57463"),
    ("Paris", None, "75056"),
    ("Lyon", None, "69123"),
    ("Marseille", None, "13055"),
    ("Saint-Denis", "93", "93066"),
    ("St Denis", "974", "97411"),
    ("Valence", "26", "26362"),
    ("valence", "82", "82186"),
    ("Ajaccio", "2a", "2A004"),
    ("Bourg-en-Bresse", "1", "01053"),
]

# Every spelling of an arrondissement -> its INSEE code.
ARRONDISSEMENTS = [
    ("Paris 15e", "75115"),
    ("Paris 15", "75115"),
    ("Paris XVe", "75115"),
    ("paris xv", "75115"),
    ("Paris 15ème", "75115"),
    ("Paris 15eme arrondissement", "75115"),
    ("Paris 15e Arrondissement", "75115"),
    ("Paris 15e arr.", "75115"),
    ("Paris 1er", "75101"),
    ("Paris Ier", "75101"),
    ("Paris 1", "75101"),
    ("Paris 20e", "75120"),
    ("Paris XXe", "75120"),
    ("Marseille 8e", "13208"),
    ("Marseille 8", "13208"),
    ("Marseille VIIIe", "13208"),
    ("Marseille 1er Arrondissement", "13201"),
    ("Marseille 16ème", "13216"),
    ("Lyon 3e", "69383"),
    ("lyon 3", "69383"),
    ("Lyon IIIe", "69383"),
    ("Lyon 9ème", "69389"),
]


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def test_gazetteer_holds_every_commune_with_codes_as_text(gazetteer):
    """Test that all 34,920 rows load and codes keep their leading zeros and letters."""
    assert len(gazetteer) == 34920
    assert gazetteer.by_code("01001") == Commune("01001", "L'Abergement-Clémenciat", "01", "84", 860,
                                                 46.15359, 4.92582)
    assert gazetteer.by_code("2A004").department_code == "2A"
    assert gazetteer.by_code("97411").department_code == "974"


def test_load_gazetteer_is_built_once(gazetteer):
    """Test that loading twice returns the same cached object."""
    assert load_gazetteer() is gazetteer


@pytest.mark.parametrize(("code", "expected"), [("1053", "01053"), ("01053", "01053"), ("2a004", "2A004"),
                                                (" 75115 ", "75115"), ("99999", None), ("", None)])
def test_by_code_restores_codes_excel_mangled(gazetteer, code, expected):
    """Test that by_code accepts codes whose leading zero Excel dropped, and answers None for unknown ones."""
    commune = gazetteer.by_code(code)
    assert (commune.insee_code if commune else None) == expected


@pytest.mark.parametrize(("name", "department", "insee"), NAME_VARIANTS)
def test_find_matches_names_however_typed(gazetteer, name, department, insee):
    """Test that find returns exactly the meant commune for a real name in a typed variant."""
    assert [commune.insee_code for commune in gazetteer.find(name, department)] == [insee]


@pytest.mark.parametrize(("name", "insee"), ARRONDISSEMENTS)
def test_find_matches_arrondissements_in_every_spelling(gazetteer, name, insee):
    """Test that Paris, Lyon and Marseille arrondissements are found whatever the spelling."""
    assert [commune.insee_code for commune in gazetteer.find(name)] == [insee]


@pytest.mark.parametrize(("name", "codes"), [
    ("Saint-Denis", {"93066", "97411", "11339", "30247"}),
    ("Valence", {"26362", "82186", "16392"}),
    ("Bors", {"16052", "16053"}),
])
def test_find_returns_every_homonym_biggest_first(gazetteer, name, codes):
    """Test that a homonym without department gives all candidates, largest population first."""
    found = gazetteer.find(name)
    assert {commune.insee_code for commune in found} == codes
    assert [c.population for c in found] == sorted((c.population for c in found), reverse=True)


@pytest.mark.parametrize("name", ["Zzzz", "", "Paris 21e", "Lyon 10e", "Nice 3e"])
def test_find_returns_nothing_for_unknown_names(gazetteer, name):
    """Test that unknown names and arrondissements that do not exist match nothing."""
    assert gazetteer.find(name) == []


def test_find_in_the_wrong_department_returns_nothing(gazetteer):
    """Test that a department excludes homonyms elsewhere rather than being ignored."""
    assert gazetteer.find("Nîmes", "13") == []


def test_search_puts_exact_then_prefix_then_substring_biggest_first(gazetteer):
    """Test that the picker search ranks the exact name, then prefixes, then substrings, by population."""
    names = [commune.name for commune in gazetteer.search("lyon", limit=40)]
    assert names[0] == "Lyon"
    assert names[1:4] == ["Lyon 3e Arrondissement", "Lyon 7e Arrondissement", "Lyon 8e Arrondissement"]
    first_substring = next(i for i, name in enumerate(names) if not normalise(name).startswith("lyon"))
    assert all(not normalise(name).startswith("lyon") for name in names[first_substring:])
    assert "lyon" in normalise(names[first_substring])


def test_search_is_accent_and_case_insensitive_and_limited(gazetteer):
    """Test that the picker search ignores accents and case and returns at most `limit` communes."""
    found = gazetteer.search("SAINT-E", limit=5)
    assert len(found) == 5
    assert found[0].name == "Saint-Étienne"
    assert all(normalise(c.name).startswith("saint e") for c in found)


def test_search_without_text_gives_the_biggest_communes(gazetteer):
    """Test that an empty search lists the most populous communes."""
    assert [c.insee_code for c in gazetteer.search("", limit=3)] == ["75056", "13055", "69123"]


def test_resolve_settles_a_homonym_by_department(gazetteer):
    """Test that resolve returns the one commune of that name in the department."""
    assert gazetteer.resolve("Saint-Denis", "93").insee_code == "93066"


@pytest.mark.parametrize(("name", "expected"), [("Melle", "79174"), ("Mellé", "35174")])
def test_resolve_prefers_the_one_commune_spelled_exactly_as_typed(gazetteer, name, expected):
    """Test that a name matching several communes only once accents are dropped picks the exact spelling."""
    assert gazetteer.resolve(name).insee_code == expected


def test_resolve_keeps_names_typed_loosely_ambiguous(gazetteer):
    """Test that an unaccented name matching communes that differ only by accents stays ambiguous."""
    reason = gazetteer.resolve("MELLE")
    assert "Melle (79, INSEE 79174)" in reason
    assert "Mellé (35, INSEE 35174)" in reason


def test_resolve_reports_an_unsettled_homonym_with_its_candidates(gazetteer):
    """Test that an ambiguous name yields a message naming every candidate with department and code."""
    reason = gazetteer.resolve("Saint-Denis")
    assert isinstance(reason, str)
    assert "ambiguë" in reason
    for expected in ("Saint-Denis (93, INSEE 93066)", "Saint-Denis (974, INSEE 97411)",
                     "Saint-Denis (11, INSEE 11339)", "Saint-Denis (30, INSEE 30247)"):
        assert expected in reason


@pytest.mark.parametrize(("name", "department", "code", "fragment"), [
    ("Zzzz", "", "", "« Zzzz » inconnue"),
    ("Nîmes", "13", "", "introuvable dans le département 13 ; communes de ce nom : Nîmes (30, INSEE 30189)"),
    ("Nîmes", "", "99999", "code INSEE « 99999 » inconnu"),
    ("Nîmes", "", "93066", "celui de Saint-Denis (93), pas de « Nîmes »"),
    ("Saint-Denis", "974", "93066", "n'est pas dans le département 974"),
])
def test_resolve_explains_why_no_commune_fits(gazetteer, name, department, code, fragment):
    """Test that resolve returns a reason naming the problem instead of guessing."""
    reason = gazetteer.resolve(name, department, code)
    assert isinstance(reason, str)
    assert fragment in reason


@pytest.mark.parametrize(("name", "code"), [("Paris", "75115"), ("Paris 15e", "75115"), ("", "2A004"),
                                            ("st denis", "97411")])
def test_resolve_trusts_an_insee_code_that_agrees_with_the_name(gazetteer, name, code):
    """Test that an INSEE code wins when the name fits it (a city name fits its arrondissements)."""
    assert gazetteer.resolve(name, "", code).insee_code == code


def test_unknown_name_suggests_communes_starting_the_same(gazetteer):
    """Test that an unknown but truncated name comes with suggestions."""
    assert "vouliez-vous dire : Montpellier (34, INSEE 34172)" in gazetteer.resolve("Montpel")


@pytest.mark.parametrize(("shown", "ending"), [(3, "et 9 autres"), (11, "et 1 autre"), (12, ")")])
def test_describe_communes_caps_the_list(gazetteer, shown, ending):
    """Test that a long homonym list is shortened with a count of the others."""
    text = describe_communes(gazetteer.find("Sainte-Colombe"), shown=shown)
    assert text.count("INSEE") == min(shown, 12)
    assert text.endswith(ending)


@pytest.mark.parametrize(("typed", "key"), [
    ("Saint-Étienne", "saint etienne"),
    ("St. Étienne", "saint etienne"),
    ("STE-MAXIME", "sainte maxime"),
    ("L’Haÿ-les-Roses", "l hay les roses"),
    ("Œuilly", "oeuilly"),
    ("  Aix   en--Provence ", "aix en provence"),
    ("Paris XVe", "paris 15 arrondissement"),
    ("Paris 15e Arrondissement", "paris 15 arrondissement"),
    ("Marseille 1er", "marseille 1 arrondissement"),
    ("Paris", "paris"),
])
def test_normalise_reduces_typed_names_to_one_key(typed, key):
    """Test that normalise removes case, accents, punctuation and abbreviations."""
    assert normalise(typed) == key


@pytest.mark.parametrize(("key", "expected"), [
    ("paris 15", "paris 15 arrondissement"),
    ("lyon iiie", "lyon 3 arrondissement"),
    ("marseille xvi", "marseille 16 arrondissement"),
    ("paris iiii", None),
    ("nice 3e", None),
    ("paris plage", None),
])
def test_canonical_arrondissement_only_accepts_real_numbering(key, expected):
    """Test that only Paris/Lyon/Marseille with a number or a proper Roman numeral are arrondissements."""
    assert canonical_arrondissement(key) == expected


@pytest.mark.parametrize(("numeral", "value"), [("i", 1), ("iv", 4), ("ix", 9), ("xiv", 14), ("xx", 20),
                                                ("iiii", None), ("vx", None)])
def test_roman_to_int_reads_well_formed_numerals_only(numeral, value):
    """Test that Roman numerals convert, and malformed ones are refused."""
    assert roman_to_int(numeral) == value


@pytest.mark.parametrize(("key", "expected"), [("les sables d olonne", "sables d olonne"),
                                               ("l hay les roses", "hay les roses"), ("le", "le"),
                                               ("lens", "lens")])
def test_without_article_drops_only_a_leading_article(key, expected):
    """Test that only a whole leading article word is removed."""
    assert without_article(key) == expected


@pytest.mark.parametrize(("code", "expected"), [("1", "01"), ("2a", "2A"), (" 974 ", "974"), ("", ""),
                                                (None, "")])
def test_normalise_department_restores_excel_mangled_codes(code, expected):
    """Test that department codes regain their leading zero and upper-case letter."""
    assert normalise_department(code) == expected


def test_normalise_insee_pads_four_digit_codes():
    """Test that a four-digit INSEE code regains its leading zero."""
    assert normalise_insee("1053") == "01053"
