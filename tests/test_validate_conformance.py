"""The data package stays a real Frictionless package, and the validator follows the schemas."""

import csv
import io
import json
import re
from pathlib import Path

import pytest
from frictionless import Package

from utils.checks import Sheet
from utils.checks_content import check_multi_value_format, check_sources, check_technologies
from utils.checks_schema import check_schema
from utils.schema import TECHNOLOGIES, field
from utils.tabular import parse_text

DATA = Path(__file__).parent.parent / "data"
DATAPACKAGE = DATA / "datapackage.json"
RESOURCES = ("deployments", "technologies", "vendors", "events")
SUPPORTED_TYPES = {"string", "number", "integer", "date", "year", "boolean"}
SUPPORTED_CONSTRAINTS = {"required", "unique", "enum", "pattern", "minimum", "maximum",
                         "minLength", "maxLength"}


def descriptor() -> dict:
    return json.loads(DATAPACKAGE.read_text(encoding="utf-8"))


def test_datapackage_descriptor_is_a_valid_data_package():
    """Test that frictionless finds no metadata error in data/datapackage.json."""
    assert [error.note for error in Package.metadata_validate(descriptor())] == []


def test_datapackage_binds_each_csv_to_its_schema_under_odbl():
    """Test that the four resources point at <name>.csv and <name>.schema.json, data under ODbL-1.0."""
    package = descriptor()
    bindings = {r["name"]: (r["path"], r["schema"]) for r in package["resources"]}
    assert bindings == {name: (f"{name}.csv", f"{name}.schema.json") for name in RESOURCES}
    assert package["licenses"] == [{
        "name": "ODbL-1.0", "title": "Open Data Commons Open Database License 1.0",
        "path": "https://opendatacommons.org/licenses/odbl/1-0/",
    }]
    assert package["contributors"][0]["title"] == "Atlas de la surveillance algorithmique"


@pytest.mark.parametrize("name", RESOURCES)
def test_frictionless_validates_each_resource_against_its_schema(name):
    """Test that frictionless reports no error for the resource (skipped until its CSV exists)."""
    if not (DATA / f"{name}.csv").exists():
        pytest.skip(f"data/{name}.csv does not exist yet")
    report = Package(str(DATAPACKAGE)).get_resource(name).validate()
    assert report.flatten(["rowNumber", "fieldName", "type", "note"]) == []


@pytest.mark.parametrize("name", RESOURCES)
def test_every_type_and_constraint_of_the_schemas_is_checked(name):
    """Test that the validator understands every type and constraint the schema files use."""
    path = DATA / f"{name}.schema.json"
    if not path.exists():
        pytest.skip(f"{path.name} does not exist yet")
    fields = json.loads(path.read_text(encoding="utf-8"))["fields"]
    assert {f.get("type", "string") for f in fields} <= SUPPORTED_TYPES
    assert {key for f in fields for key in f.get("constraints", {})} <= SUPPORTED_CONSTRAINTS


def test_schema_checks_follow_the_schema_they_are_given():
    """Test that an enum added to a schema is enforced without code changes."""
    schema = {"fields": [{"name": "code"}, {"name": "colour", "constraints": {"enum": ["red", "blue"]}}],
              "primaryKey": "code"}
    sheet = Sheet.from_table(parse_text("code,colour\na,red\nb,green\n", "colours.csv"), id_column="code")
    assert [p.format() for p in check_schema(sheet, schema)] == [
        "colours.csv:3 [b] colour: erreur: attendu une valeur parmi red, blue; trouvé « green »"]


def dedicated_problems(column: str, cell: str) -> list:
    """What the per-value checks replacing the schema pattern of `column` say about one cell."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([["id", column], ["x", cell]])
    sheet = Sheet.from_table(parse_text(buffer.getvalue(), "d.csv"))
    found = check_multi_value_format(sheet, column)
    return found + (check_sources(sheet) if column == "sources" else check_technologies(sheet, TECHNOLOGIES))


CELLS = {
    "technology": ["drone", "video_search|facial_recognition", "drone|", "|drone", "drone||other",
                   "drone |other", "Drone", "drones", "drone,other", "facial recognition"],
    "sources": ["https://technopolice.fr/nimes/", "http://a.fr|https://b.fr/x?y=1#z", "https://a.fr|",
                "https://a.fr| https://b.fr", "javascript:alert(1)", "data:text/html,x", "ftp://a.fr/x",
                "https://exa mple.fr", "technopolice.fr/nimes", "HTTPS://A.FR", "https://a.fr||https://b.fr"],
}


@pytest.mark.parametrize(("column", "cell"), [(c, v) for c, values in CELLS.items() for v in values])
def test_dedicated_checks_agree_with_the_schema_pattern(column, cell):
    """Test that the per-value checks replacing a raw pattern accept and reject what the schema does."""
    pattern_accepts = bool(re.fullmatch(field(column)["constraints"]["pattern"], cell))
    assert (dedicated_problems(column, cell) == []) == pattern_accepts


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "data:text/html,x", "ftp://a.fr/x", "https://exa mple.fr", "http://localhost/",
    "https://a.fr/\"onmouseover", "https://a.fr/<script>", "mailto:x@a.fr", "//a.fr/x",
])
def test_a_source_that_is_not_an_http_url_is_rejected(url):
    """Test that only http(s) links with a dotted host pass the sources rule."""
    assert dedicated_problems("sources", url) != []


@pytest.mark.parametrize("url", ["https://technopolice.fr/nimes/", "http://www.a.fr", "https://a.fr?a=1&b=2",
                                 "https://fr.wikipedia.org/wiki/Nîmes", "https://a.fr:8080/x#frag",
                                 "https://a.fr/l'article"])
def test_an_http_url_passes_the_sources_rule(url):
    """Test that ordinary http(s) links, accents and apostrophes included, are accepted."""
    assert dedicated_problems("sources", url) == []
